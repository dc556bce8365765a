# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reminders are a ledger, and the records around them hold true for every
client: what the forms prevent is refused to a JSON-RPC call by the same
user too, and nothing changes."""

import math
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningLedger(AdvDunningCommon):
    def test_sent_reminder_is_not_set_back_nor_deleted(self):
        invoice = self.make_invoice(100.0, DUE)
        letter = self.send(self.run_dunning(DUE + timedelta(days=2)).letter_ids)
        self.assertEqual(letter.state, "sent")
        as_user = letter.with_user(self.adv_user)
        for vals in ({"state": "draft"}, {"state": "cancelled"}, {"amount_credit": 50.0}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_user.write(vals)
        with self.assertRaises(AccessError):
            letter.line_ids.with_user(self.adv_user).write({"amount_due": 1.0})
        with self.assertRaises(UserError):
            as_user.unlink()
        with self.assertRaises(AccessError):
            letter.run_id.with_user(self.adv_user).write({"state": "draft"})
        self.assertEqual(letter.state, "sent")
        self.assertEqual(letter.line_ids.amount_due, 100.0)
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)

    def test_queued_reminder_is_not_edited_nor_marked_sent(self):
        invoice = self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=16))  # firm level: after review
        letter = run.letter_ids
        letter.with_user(self.adv_user).action_queue()
        self.assertEqual(letter.state, "to_send")
        as_user = letter.with_user(self.adv_user)
        for vals in ({"state": "sent"}, {"state": "draft"}, {"date_sent": "2026-03-20 10:00:00"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_user.write(vals)
        with self.assertRaises(AccessError):
            letter.line_ids.with_user(self.adv_user).write({"fee": 40.0})
        with self.assertRaises(AccessError):
            self.env["adv.dunning.letter"].with_user(self.adv_user).create(
                {
                    "run_id": run.id,
                    "company_id": self.company.id,
                    "partner_id": self.customer.id,
                    "policy_id": self.policy.id,
                    "level_id": self.l_notice.id,
                    "date": DUE,
                }
            )
        self.assertEqual(letter.state, "to_send")
        self.assertFalse(invoice.adv_dunning_level_id, "the level moves once it is sent")
        self.assertEqual(len(run.letter_ids), 1)

    def test_review_still_edits_what_review_edits(self):
        self.make_invoices([(100.0, DUE), (50.0, DUE)])
        letter = self.run_dunning(DUE + timedelta(days=16)).letter_ids
        as_user = letter.with_user(self.adv_user)
        as_user.write({"note": "Our bank details changed."})
        as_user.line_ids[1].unlink()
        self.assertEqual(len(letter.line_ids), 1)

    def test_manager_cancel_gives_back_the_previous_level(self):
        """Two reminders sent; cancelling the second puts the invoice back
        where the first left it, keeps the reminder and tells why."""
        invoice = self.make_invoice(100.0, DUE)
        first = self.send(self.run_dunning(DUE + timedelta(days=2)).letter_ids)
        second_run = self.run_dunning(DUE + timedelta(days=16))
        second = self.send(second_run.letter_ids)
        self.assertEqual(invoice.adv_dunning_level_id, self.l_firm)
        wizard = self.env["adv.dunning.letter.cancel"]
        with self.assertRaises(AccessError):
            wizard.with_user(self.adv_user).create(
                {"letter_ids": second.ids, "reason": "Paid before the reminder"}
            ).action_confirm()
        with self.assertRaises(AccessError):
            second.with_user(self.adv_user)._adv_cancel("Paid before the reminder")
        self.assertEqual(second.state, "sent")
        wizard.with_user(self.adv_manager).create(
            {"letter_ids": second.ids, "reason": "Paid before the reminder"}
        ).action_confirm()
        self.assertEqual(second.state, "cancelled")
        self.assertEqual(second.cancel_reason, "Paid before the reminder")
        self.assertIn("Paid before the reminder", second.message_ids[0].body)
        self.assertTrue(second.exists(), "kept, with its trace")
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)
        self.assertEqual(first.state, "sent")

    def test_promise_rules(self):
        invoice = self.make_invoice(100.0, DUE)
        other_invoice = self.make_invoice(80.0, DUE, partner=self.individual)
        Promise = self.env["adv.dunning.promise"].with_user(self.adv_user)
        base = {"partner_id": self.customer.id, "amount": 100.0}
        with freeze_time(DUE):
            for vals in (
                {"move_ids": [Command.set(other_invoice.ids)], "date": DUE + timedelta(days=5)},
                {"move_ids": [Command.set(invoice.ids)], "date": DUE - timedelta(days=1)},
                {"move_ids": [], "date": DUE + timedelta(days=5)},
                {
                    "move_ids": [Command.set(invoice.ids)],
                    "date": DUE + timedelta(days=5),
                    "amount": math.nan,
                },
            ):
                with self.subTest(vals=vals), self.assertRaises(ValidationError):
                    Promise.create([dict(base, **vals)])
            promise = Promise.create(
                [dict(base, move_ids=[Command.set(invoice.ids)], date=DUE + timedelta(days=5))]
            )
            with self.assertRaises(ValidationError):
                promise.write({"date": DUE - timedelta(days=3)})
            with self.assertRaises(ValidationError):
                promise.write({"move_ids": [Command.link(other_invoice.id)]})
        self.assertEqual(promise.move_ids, invoice)
        self.assertEqual(promise.date, DUE + timedelta(days=5))
        self.assertFalse(other_invoice.adv_hold_reason)
        self.assertEqual(self.env["adv.dunning.promise"].search_count([]), 1)

    def test_collection_case_rules(self):
        invoice = self.make_invoice(100.0, DUE)
        other_invoice = self.make_invoice(80.0, DUE, partner=self.individual)
        Case = self.env["adv.collection.case"].with_user(self.adv_user)
        base = {"partner_id": self.customer.id}
        with freeze_time(DUE):
            for vals in (
                {"invoice_ids": [Command.set(other_invoice.ids)]},
                {"invoice_ids": [Command.set(invoice.ids)], "date_open": DUE - timedelta(days=9)},
                {"invoice_ids": []},
            ):
                with self.subTest(vals=vals), self.assertRaises(ValidationError):
                    Case.create([dict(base, **vals)])
            case = Case.create([dict(base, invoice_ids=[Command.set(invoice.ids)])])
        self.assertEqual(case.date_open, DUE)
        self.assertEqual(self.env["adv.collection.case"].search_count([]), 1)

    def test_policy_and_level_rules(self):
        manager = self.policy.with_user(self.adv_manager)
        for days in (3651, -3651):
            with self.subTest(days=days), self.assertRaises(ValidationError):
                self.l_collection.with_user(self.adv_manager).write({"days": days})
        with self.assertRaises(ValidationError):
            self.l_notice.with_user(self.adv_manager).write({"fee_amount": math.inf})
        empty = manager.create({"name": "Empty", "company_id": self.company.id})
        with self.assertRaises(ValidationError):
            self.company.sudo().adv_dunning_policy_id = empty  # as in Settings
        with self.assertRaises(ValidationError):
            self.customer.sudo().adv_dunning_policy_id = empty
        with self.assertRaises(ValidationError):
            manager.write({"min_amount": math.nan})
        with self.assertRaises(UserError):
            self.policy.level_ids.with_user(self.adv_manager).unlink()
        self.assertEqual(self.company.adv_dunning_policy_id, self.policy)
        self.assertEqual(len(self.policy.level_ids), 5)
        self.assertEqual(self.l_collection.days, 60)

    def test_second_run_of_the_same_day_at_once(self):
        """Two users compute the run of one company and day at the same time:
        the second is told so, in words, instead of a database error."""
        registry = self.env.registry
        with registry.cursor() as first_cr, registry.cursor() as second_cr:
            first = api.Environment(first_cr, SUPERUSER_ID, {})
            second = api.Environment(second_cr, SUPERUSER_ID, {})
            company = first.ref("base.main_company")
            vals = {"company_id": company.id, "date": DUE}
            first["adv.dunning.run"].create(vals)._adv_lock_date()
            run = second["adv.dunning.run"].create(vals)
            with self.assertRaises(UserError) as caught:
                run.action_compute()
            self.assertIn("is being computed", str(caught.exception))
            second_cr.rollback()
            first_cr.rollback()
