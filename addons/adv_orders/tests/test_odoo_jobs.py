# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The everyday jobs of Odoo's own roles keep working, with their least
rights, once the ADV suite is installed: the warehouse, the accountant, the
salesman. Each step is a call of that user in a fresh request (nothing read
as administrator left in the cache)."""

from odoo import Command, fields
from odoo.tests import Form, new_test_user, tagged

from .common import AdvDeliveryCommon
from .test_delivery_documents import text_of


@tagged("post_install", "-at_install")
class TestOdooJobs(AdvDeliveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # ADV orders: the acknowledgement rule applies, an ADV handler follows them.
        cls.rule.action_unarchive()
        cls.customer.adv_notify_partial_shipment = True
        cls.warehouse_user = new_test_user(
            cls.env,
            login="adv_test_warehouse",
            groups="base.group_user,stock.group_stock_user",
            name="Warehouse Operator",
        )
        cls.accountant = new_test_user(
            cls.env,
            login="adv_test_accountant",
            groups="base.group_user,account.group_account_invoice",
            name="Billing Clerk",
        )

    def as_user(self, records, user):
        """``records`` as ``user`` would get them in a new request."""
        self.env.invalidate_all()
        return records.with_user(user)

    def adv_order(self, lines):
        order = self.confirmed_order(lines, adv_user_id=self.adv_user.id)
        self.assertEqual(order.adv_ack_rule_id, self.rule)
        self.assertEqual(order.adv_ack_state, "acknowledged")
        return order

    def test_warehouse_ships_part_of_an_adv_order_and_prints_the_slip(self):
        order = self.adv_order([(self.widget, 10.0, {}), (self.gadget, 4.0, {})])
        picking = self.as_user(self.open_delivery(order), self.warehouse_user)
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = 6.0 if move.product_id == self.widget else 4.0
        picking.move_ids.picked = True
        result = picking.button_validate()
        self.assertEqual(result.get("res_model"), "stock.backorder.confirmation")
        Form.from_action(self.env(user=self.warehouse_user), result).save().process()
        self.assertEqual(picking.state, "done")
        backorder = self.open_delivery(order)
        self.assertEqual(backorder.backorder_id, picking)
        self.assertEqual(backorder.move_ids.product_id, self.widget)
        self.assertEqual(backorder.move_ids.product_uom_qty, 4.0)
        self.assertTrue(order.adv_has_backorder)
        self.assertTrue(
            picking.message_ids.filtered(lambda m: "partial shipment" in (m.subject or "")),
            "the customer is told what left and what remains",
        )
        # The delivery slip, printed by the warehouse.
        report = self.as_user(self.env["ir.actions.report"], self.warehouse_user)
        html, _type = report._render_qweb_pdf("stock.action_report_delivery", picking.ids)
        text = text_of(html.decode())
        self.assertIn(order.name, text)
        self.assertIn("Still to Come", text)
        self.assertRegex(text, r"Widget 10\.00 Units 6\.00 0\.00 4\.00")

    def test_accountant_posts_collects_and_reverses_invoices(self):
        order = self.adv_order([(self.widget, 10.0, {}), (self.gadget, 2.0, {})])
        invoice = order._create_invoices()
        # The accountant posts the invoice of the order and one of his own.
        invoice = self.as_user(invoice, self.accountant)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_untaxed, 180.0)
        self.assertEqual(order.invoice_status, "invoiced")
        Move = self.as_user(self.env["account.move"], self.accountant)
        own = Move.create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"product_id": self.gizmo.id, "quantity": 3, "price_unit": 5.0})
                ],
            }
        )
        own.action_post()
        self.assertEqual(own.state, "posted")
        # The customer pays the order's invoice.
        action = invoice.action_register_payment()
        wizard = Form.from_action(self.env(user=self.accountant), action).save()
        wizard.action_create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        # The other invoice is cancelled by a full credit note.
        reversal = (
            self.as_user(self.env["account.move.reversal"], self.accountant)
            .with_context(active_model="account.move", active_ids=own.ids)
            .create({"reason": "Wrong customer", "journal_id": own.journal_id.id})
        )
        reversal.refund_moves()
        credit_note = own.reversal_move_ids
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.amount_total, own.amount_total)
        credit_note.action_post()
        self.assertEqual(credit_note.state, "posted")
        self.assertIn(own.payment_state, ("reversed", "paid"))

    def test_salesman_quotes_and_confirms_for_a_customer_in_good_standing(self):
        Order = self.as_user(self.env["sale.order"], self.salesman)
        order = Order.create(
            {
                "partner_id": self.customer.id,
                "client_order_ref": "PO-4712",
                "order_line": [
                    Command.create({"product_id": self.gadget.id, "product_uom_qty": 3.0})
                ],
            }
        )
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.user_id, self.salesman)
        order = self.as_user(order, self.salesman)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.adv_ack_rule_id, self.rule)
        self.assertEqual(order.adv_ack_state, "acknowledged", "the acknowledgement left")
        self.assertEqual(order.picking_ids.move_ids.product_uom_qty, 3.0)
