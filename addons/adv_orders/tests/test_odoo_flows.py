# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Odoo's own flows that the ADV computes and hooks must not break (each test
reproduces an Odoo test that failed with the suite installed)."""

from odoo import fields
from odoo.tests import Form, new_test_user, tagged

from .common import AdvDeliveryCommon


@tagged("post_install", "-at_install")
class TestOdooFlows(AdvDeliveryCommon):
    def test_edit_line_of_order_delivered_in_two_shipments(self):
        """Editing a line in the form recomputes the OTIF facts on new records
        (NewIds): two shipments done at the same second used to crash."""
        order = self.confirmed_order([(self.gadget, 5.0, {})])
        first = self.open_delivery(order)
        self.deliver(first, {self.gadget: 2.0})
        second = self.open_delivery(order)
        self.deliver(second, {self.gadget: 3.0})
        (first | second).date_done = fields.Datetime.now().replace(microsecond=0)
        with Form(order) as form, form.order_line.edit(0) as line:
            line.product_uom_qty = 8.0
        self.assertEqual(self.open_delivery(order).move_ids.product_uom_qty, 3.0)
        self.assertFalse(order.adv_in_full, "the first shipment carried 2 of 8")

    def test_new_line_without_order_has_no_backorder(self):
        """The web client computes lines without an order or currency yet
        (combo items in the configurator)."""
        line = self.env["sale.order.line"].new(
            {"product_id": self.gadget.id, "product_uom_qty": 2.0}
        )
        self.assertFalse(line.currency_id)
        self.assertEqual(line.adv_backorder_value, 0.0)
        self.assertEqual(line.adv_qty_backorder, 0.0)

    def test_reduce_ordered_qty_after_cancelled_remainder(self):
        """Ordered 10, 7 delivered without backorder (3 cancelled): reducing the
        order plans no new delivery and shrinks the cancelled remainder."""
        order = self.confirmed_order([(self.gadget, 10.0, {})])
        line = order.order_line
        delivery = self.open_delivery(order)
        self.deliver(delivery, {self.gadget: 7.0}, backorder=False)
        self.assertEqual(line.adv_qty_cancelled, 3.0)
        order.write({"order_line": [(1, line.id, {"product_uom_qty": 8.0})]})
        self.assertEqual(order.picking_ids, delivery, "no new delivery nor return")
        self.assertEqual(line.adv_qty_cancelled, 1.0)
        self.assertEqual(line.adv_qty_backorder, 0.0)
        line.product_uom_qty = 7.0
        self.assertEqual(order.picking_ids, delivery)
        self.assertEqual(line.adv_qty_cancelled, 0.0)
        self.assertEqual(line.qty_to_invoice, 7.0, "every delivered unit is invoiced")
        # Raising it again plans the increase.
        line.product_uom_qty = 9.0
        self.assertEqual(self.open_delivery(order).move_ids.product_uom_qty, 2.0)

    def test_stock_user_who_cannot_read_the_order_validates_without_backorder(self):
        """A warehouse user who may not read the order (a salesman of his own
        orders only) validates its delivery and refuses the backorder."""
        user = new_test_user(
            self.env,
            login="adv_test_stock_salesman",
            groups="base.group_user,stock.group_stock_manager,sales_team.group_sale_salesman",
        )
        order = self.confirmed_order([(self.gadget, 10.0, {})])
        picking = self.open_delivery(order)
        self.env.invalidate_all()  # a new request: nothing read as admin in cache
        picking = picking.with_user(user)
        picking.move_ids.write({"quantity": 4.0, "picked": True})
        result = picking.button_validate()
        Form.from_action(self.env(user=user), result).save().process_cancel_backorder()
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.order_line.adv_qty_cancelled, 6.0)
        self.assertFalse(self.open_delivery(order))
        # A customer who wants the rest cancelled: no question asked.
        self.customer.adv_backorder_policy = "cancel"
        order = self.confirmed_order([(self.gizmo, 5.0, {})])
        picking = self.open_delivery(order)
        self.env.invalidate_all()
        picking = picking.with_user(user)
        picking.move_ids.write({"quantity": 3.0, "picked": True})
        self.assertIs(picking.button_validate(), True)
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.order_line.adv_qty_cancelled, 2.0)
        # A backorder, and the customer is told about the partial shipment.
        self.customer.adv_backorder_policy = "partial"
        self.customer.adv_notify_partial_shipment = True
        order = self.confirmed_order([(self.widget, 5.0, {})])
        picking = self.open_delivery(order)
        self.env.invalidate_all()
        picking = picking.with_user(user)
        picking.move_ids.write({"quantity": 3.0, "picked": True})
        result = picking.button_validate()
        Form.from_action(self.env(user=user), result).save().process()
        self.assertEqual(self.open_delivery(order).move_ids.product_uom_qty, 2.0)
        notice = picking.message_ids.filtered(lambda m: "partial shipment" in (m.subject or ""))
        self.assertEqual(len(notice), 1, "the customer is told what left and what remains")
