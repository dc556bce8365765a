# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AdvDunningCommon

DUE = date(2026, 1, 2)


@tagged("post_install", "-at_install")
class TestCreditHold(AdvDunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(1234.0, DUE)
        cls.set_level(cls.invoice, cls.l_phone)
        cls.service = cls.env["product.product"].create(
            {"name": "Maintenance", "type": "service", "list_price": 100.0}
        )

    def make_order(self, user=None):
        SaleOrder = self.env["sale.order"].with_user(user or self.adv_user)
        return SaleOrder.create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create({"product_id": self.service.id, "product_uom_qty": 1.0})
                ],
            }
        )

    def put_on_hold(self):
        """The formal notice (a level that blocks sales) is sent."""
        run = self.run_dunning(date(2026, 2, 20))
        letter = run.letter_ids
        self.assertEqual(letter.level_id, self.l_notice)
        self.send(letter)
        letter.action_confirm_printed()
        self.env.invalidate_all()  # the hold is computed on read, as in a new request

    def test_hold_follows_the_level(self):
        self.assertFalse(self.customer.adv_credit_hold, "the phone level does not block")
        self.put_on_hold()
        self.assertTrue(self.customer.adv_credit_hold)
        self.assertIn(
            self.customer, self.env["res.partner"].search([("adv_credit_hold", "=", True)])
        )
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id, "type": "contact"}
        )
        self.assertTrue(contact.adv_credit_hold, "the contacts of the customer too")

    def test_confirm_blocked_with_invoices_named(self):
        self.put_on_hold()
        order = self.make_order()
        with self.assertRaises(UserError) as error:
            order.action_confirm()
        message = str(error.exception).replace("\xa0", " ")
        self.assertIn(self.invoice.name, message)
        self.assertIn("1,234.00", message)
        self.assertEqual(order.state, "draft")

    def test_ack_hook(self):
        order = self.make_order()
        self.assertEqual(order._adv_credit_hold_issues(), [])
        self.put_on_hold()
        issues = order._adv_credit_hold_issues()
        self.assertEqual(len(issues), 1)
        self.assertEqual(issues[0][0], order)
        rule = self.env["adv.ack.rule"].create({"name": "Hold check", "check_credit_hold": True})
        checks = [vals for vals in rule._run_checks(order) if vals["check"] == "credit_hold"]
        self.assertEqual(len(checks), 1)
        self.assertIn(self.invoice.name, checks[0]["message"])

    def test_manager_override(self):
        self.put_on_hold()
        order = self.make_order()
        with self.assertRaises(AccessError):
            self.env["adv.credit.hold.override"].with_user(self.adv_user).create(
                {"order_ids": order.ids, "reason": "Trust"}
            ).action_confirm()
        Override = self.env["adv.credit.hold.override"].with_user(self.adv_manager)
        with self.assertRaises(UserError):
            Override.create({"order_ids": order.ids, "reason": "  "}).action_confirm()
        self.assertEqual(order.state, "draft")
        Override.create(
            {"order_ids": order.ids, "reason": "Paid by transfer this morning"}
        ).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.adv_credit_hold_override, "Paid by transfer this morning")
        bodies = " ".join(order.message_ids.mapped("body"))
        self.assertIn("Paid by transfer this morning", bodies)
        self.assertIn(self.invoice.name, bodies)
        self.assertEqual(order._adv_credit_hold_issues(), [], "the override passes the ack check")

    def test_payment_lifts_hold(self):
        self.put_on_hold()
        self.pay(self.invoice)
        self.customer.invalidate_recordset(["adv_credit_hold"])
        self.assertFalse(self.customer.adv_credit_hold)
        order = self.make_order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_override_is_not_written_by_a_salesman(self):
        """The override field, read-only in the form, is refused over RPC too:
        in create and in write; the order stays blocked."""
        self.put_on_hold()
        SaleOrder = self.env["sale.order"].with_user(self.salesman)
        vals = {
            "partner_id": self.customer.id,
            "order_line": [Command.create({"product_id": self.service.id})],
        }
        orders_before = SaleOrder.search_count([])
        with self.assertRaises(AccessError):
            SaleOrder.create([dict(vals, adv_credit_hold_override="I say so")])
        self.assertEqual(SaleOrder.search_count([]), orders_before, "no order created")
        order = SaleOrder.create([vals])
        with self.assertRaises(AccessError):
            order.write({"adv_credit_hold_override": "I say so"})
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        self.assertIn(self.invoice.name, str(caught.exception))
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.adv_credit_hold_override)

    def test_hold_shows_at_a_glance(self):
        """A ribbon on the customer form, a warning on the quotation before
        confirming; both follow the hold."""
        partner_arch = etree.fromstring(
            self.env["res.partner"].with_user(self.adv_user).get_view(view_type="form")["arch"]
        )
        [ribbon] = partner_arch.xpath("//widget[@name='web_ribbon'][@title='Credit Hold']")
        self.assertEqual(ribbon.get("invisible"), "not adv_credit_hold")
        order_arch = etree.fromstring(
            self.env["sale.order"].with_user(self.adv_user).get_view(view_type="form")["arch"]
        )
        [warning] = order_arch.xpath("//div[hasclass('alert-warning')][contains(., 'credit hold')]")
        self.assertIn("not adv_credit_hold", warning.get("invisible"))
        self.put_on_hold()
        self.assertTrue(self.make_order().adv_credit_hold, "the quotation knows the hold")
