# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimFullPath(AdvClaimCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()

    def test_order_to_credit_note_to_release(self):
        """Order -> partial delivery -> invoice -> claim on one line -> partial
        credit note -> residual reduced -> hold released on resolution."""
        self.assertEqual(
            self.invoice.invoice_line_ids.filtered(
                lambda line: line.product_id == self.widget
            ).quantity,
            6.0,
        )
        residual = self.invoice.amount_residual
        with Form(self.env["adv.claim"].with_user(self.adv_user)) as form:
            form.partner_id = self.customer
            form.contact_id = self.contact
            form.type_id = self.claim_type
            form.sale_order_id = self.order
            form.invoice_ids.add(self.invoice)
            form.picking_ids.add(self.picking)
            form.dispute_hold = True
            with form.line_ids.new() as line:
                line.product_id = self.widget
                line.quantity = 2
                line.reason = "Crushed boxes"
        claim = form.record
        self.assertTrue(claim.name.startswith("CLM/"))
        self.assertEqual(claim.stage_id, self.stage_new)
        self.assertEqual(claim.line_ids.qty_max, 6.0)
        self.assertAlmostEqual(claim.line_ids.price_unit, 100.0)
        self.assertAlmostEqual(claim.amount_claimed, 200.0)
        self.assertEqual(self.invoice.adv_hold_reason, "dispute")
        self.assertEqual(self.invoice.adv_claim_count, 1)
        self.assertEqual(self.order.adv_claim_count, 1)
        self.assertEqual(self.picking.adv_claim_count, 1)
        self.assertEqual(self.customer.adv_claim_count, 1)

        self.assertTrue(claim.can_create_credit_note)
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.reversed_entry_id, self.invoice)
        self.assertEqual(refund.invoice_line_ids.product_id, self.widget)
        self.assertEqual(refund.invoice_line_ids.quantity, 2.0)
        tax_factor = 1 + self.tax_sale_a.amount / 100
        self.assertAlmostEqual(refund.amount_total, 200.0 * tax_factor)
        self.assertAlmostEqual(self.invoice.amount_residual, residual - 200.0 * tax_factor)
        self.assertEqual(claim.credit_note_count, 1)
        self.assertEqual(claim.line_ids.qty_credited, 2.0)
        self.assertFalse(claim.can_create_credit_note)

        # Resolving needs the cause: nothing changes without it.
        with self.assertRaises(ValidationError):
            claim.stage_id = self.stage_resolved
        self.assertEqual(claim.stage_id, self.stage_new)
        self.assertEqual(self.invoice.adv_hold_reason, "dispute")

        self._resolve(claim)
        self.assertTrue(claim.is_done)
        self.assertTrue(claim.date_closed)
        self.assertFalse(self.invoice.adv_hold_reason)
