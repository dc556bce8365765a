# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AdvDeliveryCommon


@tagged("post_install", "-at_install")
class TestBackorderPolicy(AdvDeliveryCommon):
    """The customer's backorder policy drives the deliveries."""

    def test_policy_comes_from_the_commercial_partner(self):
        self.customer.adv_backorder_policy = "cancel"
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id, "type": "contact"}
        )
        self.assertEqual(contact.adv_backorder_policy, "cancel", "contacts follow the company")
        order = self.create_order(partner_id=contact.id)
        self.assertEqual(order.adv_backorder_policy, "cancel")
        order.adv_backorder_policy = "partial"
        self.assertEqual(order.adv_backorder_policy, "partial", "the order may override it")

    def test_partial_keeps_the_rest_as_backorder(self):
        order = self.confirmed_order([(self.gadget, 10.0, {}), (self.gizmo, 4.0, {})])
        self.assertEqual(order.adv_backorder_policy, "partial")
        first = self.open_delivery(order)
        self.deliver(first, {self.gadget: 6.0, self.gizmo: 4.0}, backorder=True)
        backorder = self.open_delivery(order)
        self.assertEqual(backorder.backorder_id, first)
        self.assertEqual(backorder.move_ids.product_uom_qty, 4.0)
        self.assertEqual(
            order.order_line.filtered(
                lambda line: line.product_id == self.gadget
            ).adv_qty_backorder,
            4.0,
        )

    def test_ship_complete_sets_the_shipping_policy(self):
        self.customer.adv_backorder_policy = "complete"
        order = self.create_order()
        self.assertEqual(order.adv_backorder_policy, "complete")
        self.assertEqual(order.picking_policy, "one")
        with Form(self.env["sale.order"]) as form:
            form.partner_id = self.customer
            with form.order_line.new() as line:
                line.product_id = self.gadget
            self.assertEqual(form.picking_policy, "one")
        order.action_confirm()
        self.assertEqual(order.picking_ids.move_type, "one")

    def test_contradicting_shipping_policy_is_refused(self):
        self.customer.adv_backorder_policy = "complete"
        order = self.create_order()
        with self.assertRaises(ValidationError):
            order.picking_policy = "direct"
        self.assertEqual(order.picking_policy, "one", "nothing changed")
        with self.assertRaises(ValidationError):
            self.create_order(picking_policy="direct")
        # Changing the backorder policy first is the way to ship at once.
        order.write({"adv_backorder_policy": "partial", "picking_policy": "direct"})
        self.assertEqual(order.picking_policy, "direct")

    def test_cancel_the_rest_end_to_end(self):
        self.customer.adv_backorder_policy = "cancel"
        order = self.confirmed_order([(self.gadget, 10.0, {}), (self.gizmo, 4.0, {})])
        gadget_line = order.order_line.filtered(lambda line: line.product_id == self.gadget)
        picking = self.open_delivery(order)
        result = self.deliver(picking, {self.gadget: 6.0, self.gizmo: 4.0})
        self.assertIs(result, True, "no backorder question is asked")
        self.assertFalse(self.open_delivery(order), "no backorder delivery is created")
        self.assertEqual(gadget_line.adv_qty_cancelled, 4.0)
        self.assertEqual(gadget_line.adv_qty_backorder, 0.0)
        self.assertFalse(order.adv_has_backorder)
        self.assertFalse(self.env["adv.backorder.line"].search([("order_id", "=", order.id)]))
        self.assertTrue(
            order.message_ids.filtered(
                lambda m: "Remainder cancelled" in str(m.body) and "Gadget" in str(m.body)
            ),
            "the chatter says what was cancelled",
        )
        # The cancelled quantity is never invoiced, even for an invoice-on-order product.
        self.assertEqual(gadget_line.qty_to_invoice, 6.0)
        invoice = order._create_invoices()
        self.assertEqual(
            invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.gadget).quantity,
            6.0,
        )
        invoice.action_post()
        self.assertEqual(gadget_line.qty_to_invoice, 0.0)
        self.assertEqual(order.invoice_status, "invoiced")
        # Raising the quantity later plans only the increase.
        gadget_line.product_uom_qty = 12.0
        self.assertEqual(self.open_delivery(order).move_ids.product_uom_qty, 2.0)
        self.assertEqual(gadget_line.adv_qty_backorder, 2.0)

    def test_refusing_a_backorder_cancels_the_remainder_too(self):
        order = self.confirmed_order([(self.gadget, 10.0, {})])
        self.deliver(self.open_delivery(order), {self.gadget: 7.0}, backorder=False)
        self.assertEqual(order.order_line.adv_qty_cancelled, 3.0)
        self.assertEqual(order.order_line.adv_qty_backorder, 0.0)
