# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reminders are a ledger, and the records around them hold true for every
client: what the forms prevent is refused to a JSON-RPC call by the same
user too, and nothing changes."""

import math
from datetime import date, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

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

    def test_cancel_two_reminders_in_any_order(self):
        """The level given back is read from the reminders still standing,
        not from the one noted when the cancelled reminder was computed:
        cancelling the first of two sent reminders leaves the invoice at the
        second's level; cancelling the second then leaves it at no level,
        and the next run reminds it from the start again."""
        invoice = self.make_invoice(100.0, DUE)
        first = self.send(self.run_dunning(DUE + timedelta(days=2)).letter_ids)
        second = self.send(self.run_dunning(DUE + timedelta(days=16)).letter_ids)
        self.assertEqual(second.line_ids.previous_level_id, self.l_courteous)
        today = invoice.adv_dunning_date
        self.assertTrue(today)
        cancel = self.env["adv.dunning.letter.cancel"].with_user(self.adv_manager)
        cancel.create({"letter_ids": first.ids, "reason": "Wrong contact"}).action_confirm()
        self.assertEqual(first.state, "cancelled")
        self.assertEqual(invoice.adv_dunning_level_id, self.l_firm, "the second still stands")
        self.assertEqual(invoice.adv_dunning_date, today)
        cancel.create({"letter_ids": second.ids, "reason": "Paid in time"}).action_confirm()
        self.assertEqual(second.state, "cancelled")
        self.assertFalse(invoice.adv_dunning_level_id, "no reminder of it stands any more")
        self.assertFalse(invoice.adv_dunning_date)
        again = self.run_dunning(DUE + timedelta(days=17))
        self.assertEqual(self.line_of(again, invoice).level_id, self.l_courteous)

    def test_cancel_gives_back_a_level_set_before_any_reminder(self):
        """An invoice that came with a level (taken over from the previous
        system) gets it back when its only reminder is cancelled."""
        invoice = self.make_invoice(100.0, DUE)
        self.set_level(invoice, self.l_courteous)
        letter = self.send(self.run_dunning(DUE + timedelta(days=16)).letter_ids)
        self.assertEqual(invoice.adv_dunning_level_id, self.l_firm)
        self.env["adv.dunning.letter.cancel"].with_user(self.adv_manager).create(
            {"letter_ids": letter.ids, "reason": "Sent twice"}
        ).action_confirm()
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)

    def test_emailed_reminder_waiting_for_print_is_cancelled_by_a_manager(self):
        """A formal notice e-mailed and waiting to be posted reached the
        customer: an ADV user cannot cancel it; a manager can, and the
        invoice keeps its level (it moves once the letter is posted)."""
        invoice = self.make_invoice(100.0, DUE)
        self.set_level(invoice, self.l_phone)
        letter = self.send(self.run_dunning(DUE + timedelta(days=46)).letter_ids)
        self.assertEqual((letter.level_id, letter.state), (self.l_notice, "to_print"))
        cancel = self.env["adv.dunning.letter.cancel"]
        with self.assertRaises(AccessError):
            cancel.with_user(self.adv_user).create(
                {"letter_ids": letter.ids, "reason": "Not for them"}
            ).action_confirm()
        self.assertEqual(letter.state, "to_print")
        self.assertFalse(letter.cancel_reason)
        cancel.with_user(self.adv_manager).create(
            {"letter_ids": letter.ids, "reason": "Not for them"}
        ).action_confirm()
        self.assertEqual(letter.state, "cancelled")
        self.assertEqual(invoice.adv_dunning_level_id, self.l_phone)

    def test_cancel_button_of_a_received_reminder_is_the_manager_s(self):
        """The form shows an ADV user no way to cancel a reminder the
        customer received; a manager sees it on every reminder not yet
        cancelled."""

        def cancel_buttons(user):
            arch = self.env["adv.dunning.letter"].with_user(user).get_views([(False, "form")])
            tree = etree.fromstring(arch["views"]["form"]["arch"])
            buttons = tree.iterfind(".//button[@name='action_cancel']")
            return [button.get("invisible") for button in buttons]

        self.assertEqual(cancel_buttons(self.adv_manager), ["state == 'cancelled'"])
        self.assertEqual(
            cancel_buttons(self.adv_user),
            [
                "state in ('cancelled', 'sent') or "
                "(state == 'to_print' and 'email' in (channel_codes or ''))"
            ],
        )

    def test_amounts_of_a_reminder_in_review_are_the_run_s(self):
        """In review, ADV edits the note and removes lines; the amounts,
        the count and the invoices are what the run computed."""
        first, second = self.make_invoices([(100.0, DUE), (50.0, DUE)])
        run = self.run_dunning(DUE + timedelta(days=16))
        letter = run.letter_ids
        self.assertEqual(letter.state, "draft")
        as_user = letter.with_user(self.adv_user)
        for vals in (
            {"amount_total": 1.0},
            {"amount_due": 1.0},
            {"amount_fee": 0.0},
            {"amount_interest": 0.0},
            {"invoice_count": 1},
            {"line_ids": [Command.create({"move_id": first.id, "level_id": self.l_notice.id})]},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_user.write(vals)
        with self.assertRaises(AccessError):
            as_user.line_ids[0].write({"move_id": second.id})
        self.assertEqual(letter.amount_total, 150.0)
        self.assertEqual(letter.invoice_count, 2)
        self.assertEqual(letter.line_ids.move_id, first | second)

    def test_invoice_level_follows_its_reminders_only(self):
        """An ADV user, who edits invoices, cannot lift a credit hold by
        writing the invoice's level."""
        invoice = self.make_invoice(100.0, DUE)
        self.set_level(invoice, self.l_phone)
        letter = self.send(self.run_dunning(DUE + timedelta(days=46)).letter_ids)
        letter.with_user(self.adv_user).action_confirm_printed()
        self.env.invalidate_all()
        self.assertTrue(self.customer.adv_credit_hold)
        as_user = invoice.with_user(self.adv_user)
        for vals in ({"adv_dunning_level_id": False}, {"adv_dunning_date": False}):
            with self.subTest(vals=vals), self.assertRaises(AccessError) as caught:
                as_user.write(vals)
            self.assertIn("set by its own actions only", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(invoice.adv_dunning_level_id, self.l_notice)
        self.assertTrue(invoice.adv_dunning_date)
        self.assertTrue(self.customer.adv_credit_hold)

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
            for vals in (
                {"date_open": DUE - timedelta(days=1)},
                {"invoice_ids": [Command.link(other_invoice.id)]},
                {"invoice_ids": [Command.clear()]},
                {"partner_id": self.individual.id},
            ):
                with self.subTest(vals=vals), self.assertRaises(ValidationError):
                    case.write(vals)
        self.assertEqual(case.date_open, DUE)
        self.assertEqual(case.invoice_ids, invoice)
        self.assertEqual(case.partner_id, self.customer)
        self.assertEqual(self.env["adv.collection.case"].search_count([]), 1)

    def test_promise_and_case_invoices_of_their_company(self):
        """A user of two companies cannot put an invoice of one company in a
        promise or a collection case of the other."""
        invoice = self.make_invoice(100.0, DUE)
        other_company = self.env["res.company"].create({"name": "ADV Other Company"})
        user = new_test_user(
            self.env,
            login="adv_test_user_two_companies",
            groups="base.group_user,adv_orders.group_adv_user",
            company_id=self.company.id,
            company_ids=[Command.set((self.company | other_company).ids)],
        )
        with freeze_time(DUE):
            with self.assertRaises(ValidationError) as caught:
                self.env["adv.dunning.promise"].with_user(user).create(
                    [
                        {
                            "partner_id": self.customer.id,
                            "company_id": other_company.id,
                            "move_ids": [Command.set(invoice.ids)],
                            "date": DUE + timedelta(days=5),
                            "amount": 100.0,
                        }
                    ]
                )
            self.assertIn(invoice.name, str(caught.exception))
            with self.assertRaises(ValidationError):
                self.env["adv.collection.case"].with_user(user).create(
                    [
                        {
                            "partner_id": self.customer.id,
                            "company_id": other_company.id,
                            "invoice_ids": [Command.set(invoice.ids)],
                        }
                    ]
                )
        self.assertFalse(self.env["adv.dunning.promise"].search_count([]))
        self.assertFalse(self.env["adv.collection.case"].search_count([]))
        self.assertFalse(invoice.adv_hold_reason)

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

    def test_interest_rates_are_numbers(self):
        """NaN or infinite rates, sent by a settings administrator over
        JSON-RPC, are refused with a clear error, not a rounding crash."""
        admin = new_test_user(
            self.env,
            login="adv_test_settings_admin",
            groups="base.group_user,base.group_system",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        Settings = self.env["res.config.settings"].with_user(admin)
        for vals in (
            {"adv_dunning_ecb_rate": math.nan},
            {"adv_dunning_rate_points": math.inf},
            {"adv_dunning_rate_points": -math.inf},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError):
                    Settings.create([vals]).execute()
                with self.assertRaises(ValidationError):
                    self.company.with_user(admin).write(vals)
        self.assertEqual(self.company.adv_dunning_ecb_rate, 2.0)
        self.assertEqual(self.company.adv_dunning_rate_points, 10.0)

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
            self.assertIn("03/02/2026", str(caught.exception))
            # in the user's language
            second["res.lang"]._activate_lang("fr_FR")
            with self.assertRaises(UserError) as caught:
                run.with_context(lang="fr_FR").action_compute()
            self.assertIn("est en cours de calcul", str(caught.exception))
            self.assertIn("02/03/2026", str(caught.exception))
            self.assertFalse(run.letter_ids)
            self.assertEqual(run.state, "draft")
            second_cr.rollback()
            first_cr.rollback()
