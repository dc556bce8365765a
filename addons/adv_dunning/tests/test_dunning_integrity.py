# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the ledger tests leave open, closed for a JSON-RPC call as well:
the lines of a sent reminder, the public actions of a reminder taken from
the wrong state, an emptied reminder, its contact, a computed run, a
closed promise, what a collection case recorded and numbers beyond the
database's integers.
Each refusal leaves everything as it was."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.adv_orders.protected import protected

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningIntegrity(AdvDunningCommon):
    def sent_letter(self):
        invoice = self.make_invoice(100.0, DUE)
        letter = self.send(self.run_dunning(DUE + timedelta(days=2)).letter_ids)
        self.assertEqual(letter.state, "sent")
        return invoice, letter

    def test_lines_of_a_sent_reminder_stay(self):
        """The status of a line follows its reminder: written on the line, it
        would take the invoice out of the reminders that count. The lines of
        a sent reminder are not removed, by an ADV user nor by a manager."""
        invoice, letter = self.sent_letter()
        line = letter.line_ids
        for user in (self.adv_user, self.adv_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    line.with_user(user).write({"state": "cancelled"})
                with self.assertRaises(UserError):
                    line.with_user(user).unlink()
                with self.assertRaises(UserError):
                    letter.with_user(user).write({"line_ids": [Command.delete(line.id)]})
                with self.assertRaises(UserError):
                    letter.with_user(user).unlink()
        self.env.invalidate_all()
        self.assertEqual(letter.line_ids, line)
        self.assertEqual(line.state, "sent")
        self.assertEqual(letter.state, "sent")
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)
        # the invoice is not reminded at that level again
        again = self.run_dunning(DUE + timedelta(days=3))
        self.assertFalse(again.letter_ids)

    def test_cancel_action_of_a_received_reminder_is_refused_to_an_adv_user(self):
        """Calling the cancel button's method over RPC does not even open the
        wizard for an ADV user; a manager gets it."""
        _invoice, letter = self.sent_letter()
        with self.assertRaises(AccessError):
            letter.with_user(self.adv_user).action_cancel()
        self.assertEqual(letter.state, "sent")
        self.assertFalse(letter.cancel_reason)
        action = letter.with_user(self.adv_manager).action_cancel()
        self.assertEqual(action["res_model"], "adv.dunning.letter.cancel")
        self.assertEqual(action["context"], {"default_letter_ids": letter.ids})
        letter.with_user(self.adv_manager)._adv_cancel("Wrong customer")
        with self.assertRaises(UserError):
            letter.with_user(self.adv_manager).action_cancel()

    def test_adv_user_cancels_a_reminder_in_review(self):
        """A reminder the customer did not receive stays the ADV user's to
        cancel, with its reason."""
        self.make_invoice(100.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=16)).letter_ids
        as_user = letter.with_user(self.adv_user)
        action = as_user.action_cancel()
        self.env[action["res_model"]].with_user(self.adv_user).with_context(
            **action["context"]
        ).create({"reason": "Customer called"}).action_confirm()
        self.assertEqual(letter.state, "cancelled")
        self.assertIn("Customer called", letter.message_ids[0].body)

    def test_public_actions_check_the_state_they_start_from(self):
        """Send, send again and mark as posted each start from their own
        state: over RPC, on a reminder in another state, they are refused
        and nothing moves."""
        invoice = self.make_invoice(100.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=16)).letter_ids
        as_user = letter.with_user(self.adv_user)
        for method in ("action_retry", "action_confirm_printed"):
            with self.subTest(state="draft", method=method), self.assertRaises(UserError):
                getattr(as_user, method)()
        self.assertEqual(letter.state, "draft")
        as_user.action_queue()
        self.assertEqual(letter.state, "to_send")
        for method in ("action_queue", "action_confirm_printed"):
            with self.subTest(state="to_send", method=method), self.assertRaises(UserError):
                getattr(as_user, method)()
        self.assertEqual(letter.state, "to_send")
        self.assertFalse(letter.printed)
        self.assertFalse(letter.date_sent)
        self.assertFalse(invoice.adv_dunning_level_id)
        letter._adv_send()
        self.assertEqual(letter.state, "sent")
        date_sent = letter.date_sent
        for method in ("action_queue", "action_retry", "action_confirm_printed"):
            with self.subTest(state="sent", method=method), self.assertRaises(UserError):
                getattr(as_user, method)()
        self.assertEqual(letter.state, "sent")
        self.assertEqual(letter.date_sent, date_sent)
        self.assertFalse(letter.printed)

    def test_review_removes_reminders_and_does_not_send_empty_ones(self):
        """In review an ADV user deletes a reminder or all its invoices; a
        reminder left without an invoice is not sent: refused on its own,
        dropped when the whole run is sent."""
        self.make_invoice(100.0, DUE)
        self.make_invoice(70.0, DUE, partner=self.individual)
        self.make_invoice(30.0, DUE, partner=self.partner_a)
        run = self.run_dunning(DUE + timedelta(days=16))
        self.assertEqual(len(run.letter_ids), 3)
        by_partner = {letter.partner_id: letter for letter in run.letter_ids}
        removed = by_partner[self.partner_a]
        emptied = by_partner[self.individual]
        kept = by_partner[self.customer]
        removed.with_user(self.adv_user).unlink()
        self.assertFalse(removed.exists())
        emptied.line_ids.with_user(self.adv_user).unlink()
        self.assertFalse(emptied.line_ids)
        with self.assertRaises(UserError) as caught:
            emptied.with_user(self.adv_user).action_queue()
        self.assertIn("no invoice is left", str(caught.exception))
        self.env["res.lang"]._activate_lang("fr_FR")
        with self.assertRaises(UserError) as caught:
            emptied.with_user(self.adv_user).with_context(lang="fr_FR").action_queue()
        self.assertIn("il ne reste aucune facture", str(caught.exception))
        self.assertEqual(emptied.state, "draft")
        run.with_user(self.adv_user).action_send()
        self.assertFalse(emptied.exists(), "an empty reminder is dropped, not sent")
        self.assertEqual(run.letter_ids, kept)
        self.assertEqual(kept.state, "to_send")

    def test_computed_run_keeps_its_date_company_and_policies(self):
        draft = self.env["adv.dunning.run"].with_user(self.adv_user).create({"date": DUE})
        draft.write({"date": DUE + timedelta(days=1), "policy_ids": [Command.set(self.policy.ids)]})
        self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=16))
        as_user = run.with_user(self.adv_user)
        for vals in (
            {"date": DUE + timedelta(days=60)},
            {"policy_ids": [Command.clear()]},
            {"company_id": self.env["res.company"].create({"name": "ADV Run Other"}).id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_user.write(vals)
        self.assertEqual(run.date, DUE + timedelta(days=16))
        self.assertEqual(run.company_id, self.company)
        self.assertFalse(run.policy_ids)
        self.assertEqual(run.letter_ids.date, run.date)

    def test_promise_outcome_follows_its_actions(self):
        """An ADV user does not mark a promise kept (its invoices would stay
        held), does not change a broken one, nor cancel it afterwards."""
        invoice = self.make_invoice(500.0, DUE)
        Promise = self.env["adv.dunning.promise"].with_user(self.adv_user)
        vals = {
            "partner_id": self.customer.id,
            "move_ids": [Command.set(invoice.ids)],
            "date": DUE + timedelta(days=10),
            "amount": 500.0,
        }
        with freeze_time(DUE):
            with self.assertRaises(AccessError):
                Promise.create([dict(vals, state="kept")])
            self.assertFalse(Promise.search_count([]))
            self.assertFalse(invoice.adv_hold_reason)
            promise = Promise.create([vals])
            for state in ("kept", "broken", "cancelled"):
                with self.subTest(state=state), self.assertRaises(AccessError):
                    promise.write({"state": state})
            self.assertEqual(promise.state, "open")
        with freeze_time(DUE + timedelta(days=11)):
            self.env["adv.dunning.promise"]._cron_check_promises()
        self.assertEqual(promise.state, "broken")
        self.assertFalse(invoice.adv_hold_reason)
        with freeze_time(DUE + timedelta(days=11)):
            for vals in (
                {"date": DUE + timedelta(days=30)},
                {"amount": 10.0},
                {"move_ids": [Command.clear()]},
            ):
                with self.subTest(vals=vals), self.assertRaises(UserError):
                    promise.write(vals)
            with self.assertRaises(UserError):
                promise.action_cancel()
            promise.write({"note": "Called again, no answer."})
        self.assertEqual(promise.state, "broken")
        self.assertEqual(promise.date, DUE + timedelta(days=10))
        self.assertEqual(promise.amount, 500.0)
        self.assertEqual(promise.move_ids, invoice)
        self.assertFalse(invoice.adv_hold_reason)

    def test_open_promise_cancelled_by_its_action(self):
        invoice = self.make_invoice(500.0, DUE)
        with freeze_time(DUE):
            promise = (
                self.env["adv.dunning.promise"]
                .with_user(self.adv_user)
                .create(
                    {
                        "partner_id": self.customer.id,
                        "move_ids": [Command.set(invoice.ids)],
                        "date": DUE + timedelta(days=10),
                        "amount": 500.0,
                    }
                )
            )
        self.assertEqual(invoice.adv_hold_reason, "promise")
        promise.action_cancel()
        self.assertEqual(promise.state, "cancelled")
        self.assertFalse(invoice.adv_hold_reason)

    def test_days_beyond_the_database_integers(self):
        """A delay of 10^11 days, sent over JSON-RPC, gets the delay's own
        message rather than a database error, in create, in write and in the
        levels created with their policy; the gap and grace days too."""
        Level = self.env["adv.dunning.level"].with_user(self.adv_manager)
        Policy = self.env["adv.dunning.policy"].with_user(self.adv_manager)
        huge = 10**11
        with self.assertRaises(ValidationError) as caught:
            Level.create([{"policy_id": self.policy.id, "name": "Far", "days": huge}])
        self.assertIn("within 3650 days", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.l_collection.with_user(self.adv_manager).write({"days": -huge})
        with self.assertRaises(ValidationError):
            Policy.create(
                [
                    {
                        "name": "Far policy",
                        "level_ids": [Command.create({"name": "Far", "days": huge})],
                    }
                ]
            )
        for vals in ({"grace_days": huge}, {"min_gap_days": huge}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.policy.with_user(self.adv_manager).write(vals)
        self.assertEqual(len(self.policy.level_ids), 5)
        self.assertEqual(self.l_collection.days, 60)
        self.assertEqual((self.policy.grace_days, self.policy.min_gap_days), (0, 0))
        self.assertFalse(Policy.search_count([("name", "=", "Far policy")]))

    def test_reminder_goes_to_a_contact_of_its_customer(self):
        """In review an ADV user picks another contact of the customer, not
        someone else, who would read the customer's invoices."""
        self.make_invoice(100.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=16)).letter_ids
        self.assertEqual(letter.contact_id, self.customer)
        as_user = letter.with_user(self.adv_user)
        stranger = self.env["res.partner"].create(
            {"name": "Someone Else", "parent_id": self.individual.id, "email": "x@example.com"}
        )
        for contact in (self.individual, stranger):
            with self.subTest(contact=contact.name), self.assertRaises(ValidationError):
                as_user.write({"contact_id": contact.id})
        self.assertEqual(letter.contact_id, self.customer)
        accounting = self.env["res.partner"].create(
            {"name": "Accounting", "parent_id": self.customer.id, "email": "ap@example.com"}
        )
        as_user.write({"contact_id": accounting.id})
        self.assertEqual(letter.contact_id, accounting)

    def test_collection_case_keeps_what_it_recorded(self):
        """The amount due at opening (the base of the recovery rate), the
        closing date, the name and the reminder that opened the case are
        the case's own: an ADV user does not write them, in create or in
        write; moving the stage still closes it."""
        invoice = self.make_invoice(100.0, DUE)
        _other_invoice, letter = self.sent_letter()
        Case = self.env["adv.collection.case"].with_user(self.adv_user)
        vals = {"partner_id": self.customer.id, "invoice_ids": [Command.set(invoice.ids)]}
        forged = (
            {"amount_opening": 1.0},
            {"date_closed": DUE},
            {"letter_id": letter.id},
            {"name": "CASE/FORGED"},
        )
        for extra in forged:
            with self.subTest(create=extra), self.assertRaises(AccessError):
                Case.create([dict(vals, **extra)])
        self.assertFalse(Case.search_count([]))
        case = Case.create([vals])
        name = case.name
        self.assertEqual(case.amount_opening, 100.0)
        for extra in forged:
            with self.subTest(write=extra), self.assertRaises(AccessError):
                case.write(extra)
        self.assertEqual(
            (case.amount_opening, case.date_closed, case.letter_id, case.name),
            (100.0, False, letter.browse(), name),
        )
        case.write({"stage": "recovered"})
        self.assertTrue(case.date_closed)

    def test_no_code_sets_a_reminder_back(self):
        """Even server code (a protected write, the superuser) moves a
        reminder forward only: a sent one is not put back to review nor
        queued again, a cancelled one stays cancelled."""
        _invoice, letter = self.sent_letter()
        for writer in (protected(letter), letter.sudo()):
            for state in ("draft", "to_send", "to_print"):
                with self.subTest(state=state), self.assertRaises(UserError):
                    writer.write({"state": state})
        self.assertEqual(letter.state, "sent")
        letter._adv_cancel("Sent to the wrong address")
        for state in ("sent", "draft"):
            with self.subTest(state=state), self.assertRaises(UserError):
                protected(letter).write({"state": state})
        self.assertEqual(letter.state, "cancelled")
