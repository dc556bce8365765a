# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.adv_dunning.models.adv_dunning_reference_rate import half_year_segments

from .common import AdvDunningCommon


@tagged("post_install", "-at_install")
class TestDunningReferenceRates(AdvDunningCommon):
    """Interest across 30 June / 1 July uses each half-year's ECB rate
    (L441-10: the rate in force on 1 January applies to January-June, the
    one in force on 1 July to July-December)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rate = cls.env["adv.dunning.reference.rate"]
        Rate.create(
            [
                {"date_start": "2026-01-01", "ecb_rate": 2.15, "legal_rate": 2.62},
                {"date_start": "2026-07-01", "ecb_rate": 1.90, "legal_rate": 2.50},
            ]
        )

    def test_segments(self):
        # 15 June -> 15 July 2026: 15 days of H1 (16..30 June), 15 of H2 (1..15 July)
        self.assertEqual(
            half_year_segments(date(2026, 6, 15), date(2026, 7, 15)),
            [(date(2026, 1, 1), 15, 365), (date(2026, 7, 1), 15, 365)],
        )
        # across the new year, leap year counted on its own days
        self.assertEqual(
            half_year_segments(date(2023, 12, 1), date(2024, 1, 31)),
            [(date(2023, 7, 1), 30, 365), (date(2024, 1, 1), 31, 366)],
        )

    def test_interest_across_the_first_of_july(self):
        # Due 31 May, formal notice on 15 July: 1,000 x
        #   (2.15 + 10) % x 30 / 365  (1-30 June)
        # + (1.90 + 10) % x 15 / 365  (1-15 July)
        # = 1,000 x 543 / 365 / 100 = 14.88
        invoice = self.make_invoice(1000.0, date(2026, 5, 31))
        self.set_level(invoice, self.l_phone)
        line = self.line_of(self.run_dunning(date(2026, 7, 15)), invoice)
        self.assertEqual(line.level_id, self.l_notice)
        expected = round(1000.0 * (12.15 * 30 / 365 + 11.90 * 15 / 365) / 100.0, 2)
        self.assertEqual(expected, 14.88)
        self.assertAlmostEqual(line.interest, expected)

    def test_bad_rates_refused(self):
        Rate = self.env["adv.dunning.reference.rate"]
        with self.assertRaises(ValidationError):
            Rate.create({"date_start": "2026-03-01", "ecb_rate": 2.0, "legal_rate": 2.0})
        with self.assertRaises(ValidationError):
            Rate.create({"date_start": "2027-01-01", "ecb_rate": -1.0, "legal_rate": 2.0})
        with self.assertRaises(ValidationError):
            Rate.create({"date_start": "2027-01-01", "ecb_rate": float("nan"), "legal_rate": 2})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Rate.create({"date_start": "2026-07-01", "ecb_rate": 2.0, "legal_rate": 2.0})
            Rate.flush_model()


@tagged("post_install", "-at_install")
class TestShippedReferenceRates(TransactionCase):
    def test_shipped_rates(self):
        """The data file ships the half-years 2024 H1 to 2026 H1."""
        for xmlid, ecb, legal in (
            ("reference_rate_2024_h1", 4.50, 5.07),
            ("reference_rate_2025_h2", 2.15, 2.76),
            ("reference_rate_2026_h1", 2.15, 2.62),
        ):
            rates = self.env.ref(f"adv_dunning.{xmlid}")
            self.assertEqual((rates.ecb_rate, rates.legal_rate), (ecb, legal))


@tagged("post_install", "-at_install")
class TestDunningAgreedRates(AdvDunningCommon):
    """An agreed rate replaces the legal one, never below 3 x the legal
    interest rate (L441-10)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["adv.dunning.reference.rate"].create(
            {"date_start": "2026-01-01", "ecb_rate": 2.15, "legal_rate": 2.62}
        )

    def test_floor(self):
        # 3 x 2.62 = 7.86 %
        Rate = self.env["adv.dunning.reference.rate"]
        with freeze_time("2026-03-01"):
            self.assertEqual(Rate._penalty_floor(date(2026, 3, 1)), 7.86)
            with self.assertRaises(ValidationError):
                self.customer.adv_dunning_agreed_rate = 7.5
            with self.assertRaises(ValidationError):
                self.company.adv_dunning_agreed_rate = 5.0
            self.customer.adv_dunning_agreed_rate = 7.86
            self.company.adv_dunning_agreed_rate = 9.0
        self.assertEqual(self.customer.adv_dunning_agreed_rate, 7.86)

    def test_agreed_rate_used(self):
        # Due 1 January, notice on 2 March: 60 days at the agreed 15 %
        invoice = self.make_invoice(1000.0, date(2026, 1, 1))
        with freeze_time("2026-03-01"):
            self.customer.adv_dunning_agreed_rate = 15.0
        self.set_level(invoice, self.l_phone)
        line = self.line_of(self.run_dunning(date(2026, 3, 2)), invoice)
        self.assertEqual(line.interest_rate, 15.0)
        self.assertAlmostEqual(line.interest, round(1000.0 * 0.15 * 60 / 365, 2))
