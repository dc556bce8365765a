# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimReturnReplacement(AdvClaimCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()

    def test_return_claimed_quantities_with_reason(self):
        claim = self._new_claim(lines={self.widget: 2.0, self.gadget: 1.0})
        self.assertTrue(claim.can_create_return)
        claim.with_user(self.adv_user).action_create_return()
        returned = claim.correction_picking_ids
        self.assertEqual(len(returned), 1)
        self.assertEqual(returned.adv_claim_correction, "return")
        self.assertEqual(returned.return_id, self.picking)
        self.assertEqual(returned.picking_type_id.code, "incoming")
        quantities = {move.product_id: move.product_uom_qty for move in returned.move_ids}
        self.assertEqual(quantities, {self.widget: 2.0, self.gadget: 1.0})
        self.assertIn(claim.name, returned.origin)
        self.assertIn("Broken", returned.origin)
        self.assertEqual(claim.return_count, 1)
        self.assertEqual(claim.line_ids.mapped("qty_to_return"), [0.0, 0.0])
        self.assertFalse(claim.can_create_return)
        # Double click: refused, still one return.
        with self.assertRaises(UserError):
            claim.with_user(self.adv_user).action_create_return()
        self.assertEqual(len(claim.correction_picking_ids), 1)

    def test_replacement_delivery(self):
        claim = self._new_claim(lines={self.widget: 2.0})
        claim.with_user(self.adv_user).action_create_replacement()
        replacement = claim.correction_picking_ids
        self.assertEqual(replacement.adv_claim_correction, "replacement")
        self.assertEqual(replacement.picking_type_id.code, "outgoing")
        self.assertEqual(replacement.partner_id, self.order.partner_shipping_id)
        self.assertEqual(replacement.move_ids.product_id, self.widget)
        self.assertEqual(replacement.move_ids.product_uom_qty, 2.0)
        self.assertEqual(replacement.state, "assigned")
        self.assertEqual(claim.replacement_count, 1)
        # The replacement is not sold again: the order's delivered quantity is unchanged.
        self.assertEqual(
            self.order.order_line.filtered(lambda sol: sol.product_id == self.widget).qty_delivered,
            6.0,
        )
        with self.assertRaises(UserError):
            claim.with_user(self.adv_user).action_create_replacement()
        self.assertEqual(len(claim.correction_picking_ids), 1)

    def test_replacement_zero_priced_order(self):
        self.company.adv_claim_replacement_mode = "order"
        claim = self._new_claim(lines={self.widget: 2.0})
        claim.with_user(self.adv_user).action_create_replacement()
        order = claim.replacement_order_ids
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(order.order_line.product_uom_qty, 2.0)
        self.assertEqual(order.adv_claim_id, claim)
        self.assertEqual(claim.replacement_count, 1)
        self.assertEqual(claim.line_ids.qty_to_replace, 0.0)

    def test_no_correction_on_ended_claim(self):
        claim = self._new_claim()
        claim.stage_id = self.stage_rejected
        self.assertFalse(claim.can_create_credit_note)
        with self.assertRaises(UserError):
            claim.action_create_credit_note()
        with self.assertRaises(UserError):
            claim.action_create_replacement()
        self.assertFalse(claim.correction_move_ids)
        self.assertFalse(claim.correction_picking_ids)
