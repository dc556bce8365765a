# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from .common import AdvAckCommon


@tagged("post_install", "-at_install")
class TestAckReport(AdvAckCommon):
    def test_document_content(self):
        self.product.default_code = "WID-A"
        order = self.create_order(commitment_date="2026-12-01 10:00:00")
        order.action_confirm()
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "adv_orders.action_report_adv_ack", order.ids
        )
        html = html.decode()
        missing = [
            expected
            for expected in (
                "Order Acknowledgement",
                order.name,  # the tracking number
                "PO-4711",  # the customer's reference
                "rev",
                "WID-A",
                "Test Product",
                "12 rue des Lilas",  # delivery address
                "69003",
                "30 Days",  # payment terms
                "12/01/2026",  # promised date
                "general terms of sale",
            )
            if expected not in html
        ]
        self.assertEqual(missing, [], "the acknowledgement shows what the customer must check")

    def test_french_document(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["adv_orders"], ["fr_FR"], overwrite=True)
        self.customer.lang = "fr_FR"
        order = self.create_order()
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "adv_orders.action_report_adv_ack", order.ids
        )
        self.assertTrue(
            "Accusé de réception de commande" in html.decode(), "the document speaks French"
        )

    def _html(self, order):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "adv_orders.action_report_adv_ack", order.ids
        )
        return html.decode()

    def test_your_contact_is_a_person(self):
        """ "Your contact" is the ADV handler, else the salesperson, never
        OdooBot (who runs imports and scheduled actions)."""
        odoobot = self.env.ref("base.user_root")
        order = self.create_order(user_id=odoobot.id, adv_user_id=False)
        self.assertNotIn("Your contact", self._html(order))
        order.user_id = self.salesman
        self.assertIn(self.salesman.name, self._html(order))
        order.adv_user_id = self.adv_user
        html = self._html(order)
        self.assertEqual(html.count("Your contact"), 1)
        self.assertIn(self.adv_user.name, html)
        self.assertNotIn(self.salesman.name, html, "the handler comes first")

    def test_payment_terms_once_and_instalments(self):
        """The payment terms' label prints once (not "Payment terms: Payment
        terms: 30 Days"); terms of several instalments print their table."""
        order = self.create_order()
        html = self._html(order)
        self.assertEqual(html.count("Payment terms"), 1, "one label")
        self.assertIn("30 Days", html)
        self.assertNotIn("o_adv_installments", html, "one due date: no table")
        split = self.env["account.payment.term"].create(
            {
                "name": "30% now, 70% in 30 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 0}),
                    Command.create({"value": "percent", "value_amount": 70.0, "nb_days": 30}),
                ],
            }
        )
        order.payment_term_id = split
        html = self._html(order)
        self.assertEqual(html.count("Payment terms"), 1)
        self.assertIn("o_adv_installments", html)
        terms = order._adv_installment_terms()
        self.assertEqual(len(terms), 2)
        total = order.amount_total
        # 30 % and 70 % of the total, in the order's currency
        self.assertAlmostEqual(terms[0]["foreign_amount"], round(total * 0.3, 2))
        self.assertAlmostEqual(terms[1]["foreign_amount"], total - round(total * 0.3, 2))
