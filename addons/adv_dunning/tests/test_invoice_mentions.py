# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import AdvDunningCommon


@tagged("post_install", "-at_install")
class TestInvoiceMentions(AdvDunningCommon):
    """Code de commerce L441-9: a French company's invoice states its due
    date, the late-payment penalty rate, the 40 EUR indemnity and the
    early-payment discount terms, in the invoice's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.fr")
        cls.env["adv.dunning.reference.rate"].create(
            {"date_start": "2026-01-01", "ecb_rate": 2.15, "legal_rate": 2.62}
        )

    def html(self, invoice):
        content, _type = self.env["ir.actions.report"]._render_qweb_html(
            "account.account_invoices", invoice.ids
        )
        return content.decode()

    def test_mentions_in_english(self):
        invoice = self.make_invoice(100.0, date(2026, 3, 2))
        html = self.html(invoice)
        self.assertIn("Late-payment penalties", html)
        self.assertIn("12.15", html, "ECB 2.15 of 2026 H1 + 10 points")
        self.assertIn("40 €", html)
        self.assertIn("No discount for early payment", html)
        self.company.adv_invoice_discount_terms = "2 % discount if paid within 10 days"
        self.assertIn("2 % discount if paid within 10 days", self.html(invoice))

    def test_mentions_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["adv_dunning"], ["fr_FR"], overwrite=True)
        self.customer.lang = "fr_FR"
        invoice = self.make_invoice(100.0, date(2026, 3, 2))
        html = self.html(invoice)
        self.assertIn("Pénalités de retard", html)
        self.assertIn("Pas d'escompte pour paiement anticipé", html)
        self.assertIn("Indemnité forfaitaire pour frais de recouvrement", html)

    def test_not_for_other_countries(self):
        self.company.country_id = self.env.ref("base.us")
        invoice = self.make_invoice(100.0, date(2026, 3, 2))
        self.assertNotIn("Late-payment penalties", self.html(invoice))
