# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningLevels(AdvDunningCommon):
    def level_at(self, days, current=None, grace=0):
        levels = self.policy._get_levels()
        return self.env["adv.dunning.run"]._next_level(
            levels, current.id if current else None, days, grace
        )

    def test_level_boundaries(self):
        none = None
        self.assertIs(self.level_at(0), none, "due today is not overdue")
        self.assertEqual(self.level_at(1), self.l_courteous, "one day late: first level")
        self.assertIs(self.level_at(14, self.l_courteous), none, "the next delay is not reached")
        self.assertEqual(self.level_at(15, self.l_courteous), self.l_firm, "exactly the delay")
        self.assertEqual(self.level_at(20, self.l_courteous), self.l_firm, "between two levels")
        self.assertIs(self.level_at(20, self.l_firm), none, "already at the level it reaches")
        self.assertIs(self.level_at(400, self.l_collection), none, "past the last level")
        self.assertEqual(
            self.level_at(100), self.l_courteous, "one step at a time: never skip a level"
        )
        self.assertEqual(self.level_at(100, self.l_phone), self.l_notice)

    def test_grace_days(self):
        self.assertIsNone(self.level_at(3, grace=3))
        self.assertEqual(self.level_at(4, grace=3), self.l_courteous)

    def test_reminder_before_due_date(self):
        before = self.env["adv.dunning.level"].create(
            {"policy_id": self.policy.id, "sequence": 1, "name": "Before", "days": -5}
        )
        self.assertIsNone(self.level_at(-6))
        self.assertEqual(self.level_at(-5), before, "five days before the due date")
        self.assertEqual(self.level_at(0), before)
        self.assertEqual(self.level_at(3), self.l_courteous, "too late to warn before")
        self.assertEqual(self.level_at(3, before), self.l_courteous)
        invoice = self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE - timedelta(days=5))
        self.assertEqual(self.line_of(run, invoice).level_id, before)
        self.assertEqual(self.line_of(run, invoice).days_overdue, -5)

    def test_run_boundaries(self):
        due_today, late_1, late_15 = self.make_invoices(
            [(100.0, DUE), (200.0, DUE - timedelta(days=1)), (300.0, DUE - timedelta(days=15))]
        )
        run = self.run_dunning(DUE)
        self.assertFalse(self.line_of(run, due_today))
        self.assertEqual(self.line_of(run, late_1).level_id, self.l_courteous)
        self.assertEqual(self.line_of(run, late_1).days_overdue, 1)
        self.assertEqual(self.line_of(run, late_15).level_id, self.l_courteous)
        self.assertEqual(len(run.letter_ids), 1, "one letter per customer and level")
        self.assertEqual(run.letter_ids.amount_due, 500.0)

    def test_delays_must_increase(self):
        with self.assertRaises(ValidationError):
            self.l_firm.days = 1  # equal to the courteous level
        with self.assertRaises(ValidationError):
            self.env["adv.dunning.level"].create(
                {"policy_id": self.policy.id, "sequence": 60, "name": "Late", "days": 50}
            )
        with self.assertRaises(ValidationError):
            self.env["adv.dunning.policy"].create(
                {
                    "name": "Decreasing",
                    "level_ids": [
                        Command.create({"sequence": 1, "name": "A", "days": 30}),
                        Command.create({"sequence": 2, "name": "B", "days": 10}),
                    ],
                }
            )
        self.assertEqual(self.l_firm.days, 15)

    def test_bad_values(self):
        with self.assertRaises(ValidationError):
            self.l_notice.fee_amount = -40.0
        with self.assertRaises(ValidationError):
            self.company.adv_dunning_ecb_rate = -1.0
        with self.assertRaises(ValidationError):
            self.policy.min_gap_days = -1
        with self.assertRaises(ValidationError):
            self.l_firm.channel_ids = False  # no channel left
        self.assertEqual(self.l_notice.fee_amount, 40.0)

    def test_interest_rate_default(self):
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertAlmostEqual(company.adv_dunning_rate_points, 10.0)
        self.assertAlmostEqual(
            company.adv_dunning_interest_rate, company.adv_dunning_ecb_rate + 10.0
        )

    def test_partner_policy(self):
        other_company = self.setup_other_company()["company"]
        other_policy = self.env["adv.dunning.policy"].create(
            {"name": "Other", "company_id": other_company.id}
        )
        self.customer.company_id = self.company
        with self.assertRaises(ValidationError):
            self.customer.adv_dunning_policy_id = other_policy
        with self.assertRaises(ValidationError):
            self.customer.write({"adv_dunning_opt_out": True})
        self.customer.write({"adv_dunning_opt_out": True, "adv_dunning_opt_out_reason": "VIP"})
        self.assertTrue(self.customer.adv_dunning_opt_out)

    def test_partner_policy_applies(self):
        strict = self.env["adv.dunning.policy"].create(
            {
                "name": "Strict",
                "company_id": self.company.id,
                "level_ids": [Command.create({"name": "Strict first", "days": 1})],
            }
        )
        self.customer.adv_dunning_policy_id = strict
        invoice = self.make_invoice(100.0, DUE)
        other = self.make_invoice(100.0, DUE, partner=self.individual)
        run = self.run_dunning(DUE + timedelta(days=2))
        self.assertEqual(self.line_of(run, invoice).level_id.name, "Strict first")
        self.assertEqual(self.line_of(run, other).level_id, self.l_courteous)
        run_filtered = self.run_dunning(
            DUE + timedelta(days=2), policy_ids=[Command.set(strict.ids)]
        )
        self.assertFalse(run_filtered.letter_ids, "already reminded, and the other is filtered")
