# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.tests import tagged

from odoo.addons.adv_dunning.models.adv_dunning_run import interest_year_fraction

from .common import AdvDunningCommon


@tagged("post_install", "-at_install")
class TestDunningCharges(AdvDunningCommon):
    def notice_line(self, invoice, run_date, partner=None):
        """The line of ``invoice`` in a formal notice computed at ``run_date``."""
        self.set_level(invoice, self.l_phone)
        run = self.run_dunning(run_date)
        line = self.line_of(run, invoice)
        self.assertEqual(line.level_id, self.l_notice)
        return line

    def test_year_fraction_leap_year(self):
        self.assertAlmostEqual(interest_year_fraction(date(2024, 1, 1), date(2024, 3, 1)), 60 / 366)
        self.assertAlmostEqual(interest_year_fraction(date(2023, 1, 1), date(2023, 3, 1)), 59 / 365)
        self.assertAlmostEqual(
            interest_year_fraction(date(2023, 12, 1), date(2024, 1, 31)), 30 / 365 + 31 / 366
        )
        self.assertEqual(interest_year_fraction(date(2024, 1, 1), date(2024, 1, 1)), 0.0)

    def test_interest_over_leap_year(self):
        # 12 % a year; 10,000 overdue from 2023-12-01 to 2024-01-31
        invoice = self.make_invoice(10000.0, date(2023, 12, 1))
        line = self.notice_line(invoice, date(2024, 1, 31))
        expected = round(10000.0 * 0.12 * (30 / 365 + 31 / 366), 2)
        self.assertAlmostEqual(line.interest, expected)
        self.assertEqual(line.interest_rate, 12.0)
        self.assertEqual(line.interest_date_from, date(2023, 12, 1))
        self.assertEqual(line.interest_date_to, date(2024, 1, 31))

    def test_interest_after_partial_payment(self):
        invoice = self.make_invoice(1000.0, date(2026, 1, 1))
        self.pay(invoice, amount=400.0)
        line = self.notice_line(invoice, date(2026, 3, 2))
        self.assertEqual(line.amount_due, 600.0)
        self.assertAlmostEqual(line.interest, round(600.0 * 0.12 * 60 / 365, 2))

    def test_interest_usd_invoice(self):
        usd = self.setup_other_currency("USD", rates=[("2020-01-01", 1.25)])
        invoice = self.make_invoice(1250.0, date(2026, 1, 1), currency=usd)
        line = self.notice_line(invoice, date(2026, 3, 2))
        self.assertEqual(line.currency_id, usd)
        self.assertEqual(line.amount_residual_currency, 1250.0)
        self.assertAlmostEqual(line.amount_due, 1000.0, msg="converted at the run date")
        interest_usd = round(1250.0 * 0.12 * 60 / 365, 2)
        self.assertAlmostEqual(line.interest_currency, interest_usd)
        self.assertAlmostEqual(line.interest, round(interest_usd / 1.25, 2))
        self.assertEqual(line.letter_id.currency_id, self.eur)

    def test_interest_not_charged_twice(self):
        invoice = self.make_invoice(1000.0, date(2026, 1, 1))
        line = self.notice_line(invoice, date(2026, 3, 2))
        self.send(line.letter_id)
        self.assertEqual(line.letter_id.state, "to_print")
        line.letter_id.action_confirm_printed()
        line.letter_id.write(
            {"registered_date": date(2026, 3, 3), "receipt_date": date(2026, 3, 5)}
        )
        run = self.run_dunning(date(2026, 4, 1))
        second = self.line_of(run, invoice)
        self.assertEqual(second.level_id, self.l_collection)
        self.assertFalse(second.interest, "the collection level claims no interest")
        # a level that claims interest again starts where the last one stopped
        self.l_collection.charge_interest = True
        self.l_collection.charge_fee = True
        run.action_cancel()
        run = self.run_dunning(date(2026, 4, 1))
        second = self.line_of(run, invoice)
        self.assertEqual(second.interest_date_from, date(2026, 3, 2))
        self.assertAlmostEqual(second.interest, round(1000.0 * 0.12 * 30 / 365, 2))
        self.assertFalse(second.fee, "the indemnity is charged once per invoice")

    def test_indemnity_per_invoice_business_only(self):
        first, second = self.make_invoices([(100.0, date(2026, 1, 1)), (200.0, date(2026, 1, 2))])
        private = self.make_invoice(100.0, date(2026, 1, 1), partner=self.individual)
        self.set_level(first | second | private, self.l_phone)
        run = self.run_dunning(date(2026, 3, 2))
        self.assertEqual(self.line_of(run, first).fee, 40.0)
        self.assertEqual(self.line_of(run, second).fee, 40.0)
        self.assertEqual(self.line_of(run, private).fee, 0.0, "never to an individual")
        letter = self.line_of(run, first).letter_id
        self.assertEqual(letter.amount_fee, 80.0)
        self.assertAlmostEqual(
            letter.amount_total, letter.amount_due + 80.0 + letter.amount_interest
        )

    def test_post_charges(self):
        self.company.adv_dunning_post_charges = True
        invoice = self.make_invoice(1000.0, date(2026, 1, 1))
        letter = self.notice_line(invoice, date(2026, 3, 2)).letter_id
        self.send(letter)
        letter.action_confirm_printed()
        charges = letter.charge_move_id
        self.assertTrue(charges)
        self.assertEqual(charges.state, "posted")
        self.assertEqual(charges.partner_id, self.customer)
        self.assertAlmostEqual(charges.amount_total, 40.0 + letter.amount_interest)
        self.assertEqual(
            charges.invoice_line_ids.product_id,
            self.company.adv_dunning_fee_product_id | self.company.adv_dunning_interest_product_id,
        )

    def test_not_due_not_reminded(self):
        invoice = self.make_invoice(100.0, date(2026, 3, 2) + timedelta(days=5))
        run = self.run_dunning(date(2026, 3, 2))
        self.assertFalse(self.line_of(run, invoice))

    def test_indemnity_from_every_professional(self):
        """D441-5: 40 EUR from every professional debtor, a sole trader
        included (VAT number or company registration such as a SIRET); never
        from a consumer."""
        trader = self.env["res.partner"].create(
            {"name": "Paul Artisan", "is_company": False, "company_registry": "73282932000074"}
        )
        self.assertTrue(trader.adv_professional)
        self.assertFalse(self.individual.adv_professional)
        self.assertTrue(self.customer.adv_professional)
        trade = self.make_invoice(100.0, date(2026, 1, 1), partner=trader)
        private = self.make_invoice(100.0, date(2026, 1, 1), partner=self.individual)
        self.set_level(trade | private, self.l_phone)
        run = self.run_dunning(date(2026, 3, 2))
        self.assertEqual(self.line_of(run, trade).fee, 40.0)
        self.assertEqual(self.line_of(run, private).fee, 0.0)
        # the flag can be set by hand, for a consumer known to trade
        self.individual.adv_professional = True
        self.assertTrue(self.individual.adv_professional)

    def test_indemnity_is_40_eur_whatever_the_invoice_currency(self):
        usd = self.setup_other_currency("USD", rates=[("2020-01-01", 1.25)])
        invoice = self.make_invoice(1250.0, date(2026, 1, 1), currency=usd)
        self.set_level(invoice, self.l_phone)
        line = self.line_of(self.run_dunning(date(2026, 3, 2)), invoice)
        self.assertEqual(line.fee, 40.0, "40 EUR in a EUR company, not 40 USD")
        self.assertEqual(self.l_notice.fee_currency_id, self.env.ref("base.EUR"))
