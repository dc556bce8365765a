# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
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
