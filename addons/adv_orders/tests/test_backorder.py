# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AdvDeliveryCommon


@tagged("post_install", "-at_install")
class TestBackorder(AdvDeliveryCommon):
    """What remains to be delivered, line by line and on the order."""

    def return_goods(self, picking, qty, to_refund):
        """Take ``qty`` back from the customer with Odoo's return wizard."""
        wizard = Form(
            self.env["stock.return.picking"].with_context(
                active_ids=picking.ids, active_id=picking.id, active_model="stock.picking"
            )
        ).save()
        wizard.product_return_moves.quantity = qty
        wizard.product_return_moves.to_refund = to_refund
        returned = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        returned.move_ids.write({"quantity": qty, "picked": True})
        returned.button_validate()
        self.assertEqual(returned.state, "done")
        return returned

    def remaining(self, order):
        return {line.product_id: line.adv_qty_backorder for line in order.order_line}

    def test_three_lines_in_steps_with_unit_conversion(self):
        order = self.confirmed_order(
            [
                (self.widget, 2.0, {"product_uom": self.uom_dozen.id}),
                (self.gadget, 10.0, {}),
                (self.gizmo, 5.0, {}),
            ]
        )
        self.assertEqual(
            self.remaining(order), {self.widget: 2.0, self.gadget: 10.0, self.gizmo: 5.0}
        )
        self.assertTrue(order.adv_has_backorder)
        # First shipment: 6 widgets (half a dozen), every gadget, no gizmo.
        self.deliver(
            self.open_delivery(order),
            {self.widget: 6.0, self.gadget: 10.0},
            uom=self.uom_unit,
        )
        self.assertEqual(
            self.remaining(order), {self.widget: 1.5, self.gadget: 0.0, self.gizmo: 5.0}
        )
        widget_line = order.order_line.filtered(lambda line: line.product_id == self.widget)
        self.assertEqual(widget_line.adv_backorder_value, 1.5 * widget_line.price_reduce_taxexcl)
        self.assertEqual(order.delivery_status, "partial")
        self.assertTrue(order.adv_backorder_expected_date)
        # Second: a dozen widgets and the gizmos.
        self.deliver(
            self.open_delivery(order), {self.widget: 12.0, self.gizmo: 5.0}, uom=self.uom_unit
        )
        self.assertEqual(
            self.remaining(order), {self.widget: 0.5, self.gadget: 0.0, self.gizmo: 0.0}
        )
        self.assertAlmostEqual(order.adv_backorder_value, 0.5 * widget_line.price_reduce_taxexcl)
        # Third: the last six widgets.
        self.deliver(self.open_delivery(order), {self.widget: 6.0}, uom=self.uom_unit)
        self.assertEqual(
            self.remaining(order), {self.widget: 0.0, self.gadget: 0.0, self.gizmo: 0.0}
        )
        self.assertFalse(order.adv_has_backorder)
        self.assertEqual(order.adv_backorder_value, 0.0)
        self.assertFalse(order.adv_backorder_expected_date)
        self.assertEqual(order.delivery_status, "full")

    def test_services_notes_and_sections_have_no_backorder(self):
        service = self.env["product.product"].create({"name": "Setup", "type": "service"})
        order = self.confirmed_order(
            [
                (self.widget, 3.0, {}),
                (service, 2.0, {}),
            ]
        )
        order.order_line = [
            (0, 0, {"display_type": "line_note", "name": "Handle with care"}),
            (0, 0, {"display_type": "line_section", "name": "Options"}),
        ]
        by_kind = {
            line.display_type or line.product_id.type: line.adv_qty_backorder
            for line in order.order_line
        }
        self.assertEqual(
            by_kind, {"consu": 3.0, "service": 0.0, "line_note": 0.0, "line_section": 0.0}
        )

    def test_quotation_and_cancelled_order_have_no_backorder(self):
        order = self.create_order([(self.widget, 3.0, {})])
        self.assertEqual(order.order_line.adv_qty_backorder, 0.0, "a quotation owes nothing")
        order.action_confirm()
        self.assertEqual(order.order_line.adv_qty_backorder, 3.0)
        order._action_cancel()
        self.assertEqual(order.order_line.adv_qty_backorder, 0.0)
        self.assertFalse(order.adv_has_backorder)

    def test_return_comes_back_to_the_book(self):
        order = self.confirmed_order([(self.gadget, 10.0, {})])
        picking = self.open_delivery(order)
        self.deliver(picking, {self.gadget: 10.0})
        self.assertFalse(order.adv_has_backorder)
        self.return_goods(picking, 3.0, to_refund=True)
        self.assertEqual(order.order_line.adv_qty_backorder, 3.0)
        self.assertTrue(order.adv_has_backorder)
        book = self.env["adv.backorder.line"].search([("order_id", "=", order.id)])
        self.assertEqual(book.qty_backorder, 3.0)

    def test_return_not_to_redeliver_leaves_the_book_alone(self):
        order = self.confirmed_order([(self.gadget, 10.0, {})])
        picking = self.open_delivery(order)
        self.deliver(picking, {self.gadget: 10.0})
        self.return_goods(picking, 2.0, to_refund=False)
        self.assertEqual(order.order_line.adv_qty_backorder, 0.0)

    def test_cancelled_remainder_is_validated(self):
        order = self.confirmed_order([(self.gadget, 10.0, {})])
        with self.assertRaises(ValidationError):
            order.order_line.adv_qty_cancelled = -1.0
        with self.assertRaises(ValidationError):
            order.order_line.adv_qty_cancelled = 11.0
        self.assertEqual(order.order_line.adv_qty_backorder, 10.0, "nothing changed")
