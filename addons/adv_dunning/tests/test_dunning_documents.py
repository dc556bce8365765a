# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.tests import tagged

from .common import AdvDunningCommon

DUE = date(2026, 1, 2)


@tagged("post_install", "-at_install")
class TestDunningDocuments(AdvDunningCommon):
    def render(self, xmlid, records):
        return self.env["ir.actions.report"]._render_qweb_html(xmlid, records.ids)[0].decode()

    def letter_at(self, level_before, days):
        invoice = self.make_invoice(1000.0, DUE)
        self.set_level(invoice, level_before)
        return self.run_dunning(DUE + timedelta(days=days)).letter_ids

    def test_courteous_and_firm_wording(self):
        courteous = self.letter_at(False, 2)
        html = self.render("adv_dunning.report_adv_dunning_letter", courteous)
        self.assertIn("Payment reminder", html)
        self.assertIn("Unless we are mistaken", html)
        self.assertNotIn("L441-10", html)
        courteous.unlink()
        firm = self.letter_at(self.l_courteous, 20)
        html = self.render("adv_dunning.report_adv_dunning_letter", firm)
        self.assertIn("Second payment reminder", html)
        self.assertIn("within eight days", html)

    def test_formal_notice_legal_mentions(self):
        letter = self.letter_at(self.l_phone, 60)
        html = self.render("adv_dunning.report_adv_dunning_letter", letter)
        self.assertIn("Formal notice to pay", html)
        self.assertIn("Registered letter with acknowledgement of receipt", html)
        self.assertIn("L441-10", html)
        self.assertIn("40 EUR", html)
        self.assertIn("12.00", html, "the interest rate applied")

    def test_formal_notice_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["adv_dunning"], ["fr_FR"], overwrite=True)
        self.customer.lang = "fr_FR"
        letter = self.letter_at(self.l_phone, 60)
        html = self.render("adv_dunning.report_adv_dunning_letter", letter)
        self.assertIn("Mise en demeure de payer", html)
        self.assertIn("Code de commerce", html)
        self.assertIn("Lettre recommandée avec accusé de réception", html)

    def test_not_due_invoices_for_information(self):
        self.policy.show_not_due = True
        self.make_invoice(77.0, DUE + timedelta(days=30))
        letter = self.letter_at(False, 2)
        self.assertEqual(len(letter._get_not_due_invoices()), 1)
        html = self.render("adv_dunning.report_adv_dunning_letter", letter)
        self.assertIn("not due yet", html)

    def test_account_statement(self):
        self.make_invoices([(100.0, DUE), (250.0, DUE + timedelta(days=10))])
        items = self.customer.with_company(self.company)._adv_statement_lines()
        self.assertEqual(sum(items.mapped("amount_residual")), 350.0)
        html = self.render("adv_dunning.report_adv_account_statement", self.customer)
        self.assertIn("Account statement", html)
        self.assertIn("350.00", html)
