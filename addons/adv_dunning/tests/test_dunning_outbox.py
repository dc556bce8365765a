# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .committed_queue import committed_queue
from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningOutbox(AdvDunningCommon):
    def queued_letters(self, count):
        partners = self.env["res.partner"].create(
            [
                {"name": f"Outbox {i}", "is_company": True, "email": f"o{i}@example.com"}
                for i in range(count)
            ]
        )
        for partner in partners:
            self.make_invoice(100.0, DUE, partner=partner)
        run = self.run_dunning(DUE + timedelta(days=2))
        run.action_send()
        self.assertEqual(set(run.letter_ids.mapped("state")), {"to_send"})
        return run.letter_ids

    def test_small_batches_report_progress(self):
        letters = self.queued_letters(3)
        cron = self.env.ref("adv_dunning.ir_cron_adv_dunning_send")
        cron, progress = cron._add_progress()
        Letter = self.env["adv.dunning.letter"].with_context(ir_cron_progress_id=progress.id)
        sent = Letter._cron_send(batch_size=2)
        self.assertEqual(len(sent), 2)
        self.assertEqual((progress.done, progress.remaining), (2, 1))
        sent |= Letter._cron_send(batch_size=2)
        self.assertEqual(sent, letters)
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertEqual(set(letters.mapped("state")), {"sent"})

    def test_failed_letter_waits_before_retry(self):
        letters = self.queued_letters(2)
        failing = letters[0]
        failing.partner_id.email = "no address"  # refused: kept to send again later
        with freeze_time("2026-03-10 08:00:00"):
            self.env["adv.dunning.letter"]._cron_send()
            self.assertEqual(failing.state, "to_send")
            self.assertEqual(letters[1].state, "sent")
            self.assertFalse(self.env["adv.dunning.letter"]._cron_send(), "not retried at once")
        failing.partner_id.email = "back@example.com"
        with freeze_time("2026-03-10 09:30:00"):
            self.assertEqual(self.env["adv.dunning.letter"]._cron_send(), failing)
        self.assertEqual(failing.state, "sent")

    def test_run_guards(self):
        self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=2))
        run.action_send()
        with self.assertRaises(UserError):
            run.unlink()
        with self.assertRaises(UserError):
            run.action_compute()
        with self.assertRaises(UserError):
            run.action_cancel()
        empty = self.run_dunning(DUE + timedelta(days=2))
        self.assertFalse(empty.letter_ids)
        empty.action_cancel()
        self.assertEqual(empty.state, "cancelled")

    def test_unapplied_payment_reduces_claim(self):
        self.make_invoice(1000.0, DUE)
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 300.0,
                "date": DUE,
            }
        )
        payment.action_post()
        letter = self.run_dunning(DUE + timedelta(days=2)).letter_ids
        self.assertEqual(letter.amount_credit, 300.0)
        self.assertEqual(letter.amount_total, 700.0)

    def test_send_again_leaves_a_letter_the_outbox_holds(self):
        """ADV clicks "send again" while the outbox is sending the letter (its
        transaction took the row and has not committed): the click leaves the
        letter to the outbox, neither e-mailing it a second time nor writing
        an error on it. The data is committed in cursors of their own, as the
        two transactions need to see it, and removed afterwards."""
        registry = self.env.registry

        def reminders(env):
            letter = env["adv.dunning.letter"].browse(ids["letters"][0])
            return letter.message_ids.filtered(lambda m: m.message_type == "comment")

        with committed_queue(registry, ["held@example.com"], DUE, "Held") as ids:
            with registry.cursor() as outbox_cr, registry.cursor() as user_cr:
                outbox_cr.execute(
                    "SELECT id FROM adv_dunning_letter WHERE id = %s FOR UPDATE",
                    [ids["letters"][0]],
                )
                user_cr.execute("SET LOCAL lock_timeout = '5s'")  # fail, never hang
                env = api.Environment(user_cr, SUPERUSER_ID, {})
                letter = env["adv.dunning.letter"].browse(ids["letters"][0])
                with mute_logger("odoo.addons.adv_dunning.models.adv_dunning_letter"):
                    letter.action_retry()
                self.assertEqual(letter.state, "to_send")
                self.assertFalse(letter.send_error, "no error: the outbox is sending it")
                self.assertFalse(letter.next_attempt)
                self.assertFalse(reminders(env), "not e-mailed by the click")
                user_cr.rollback()
                outbox_cr.rollback()
            # once the outbox let go of it, "send again" sends it
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                letter = env["adv.dunning.letter"].browse(ids["letters"][0])
                letter.action_retry()
                self.assertEqual(letter.state, "sent")
                self.assertEqual(len(reminders(env)), 1)
                cr.rollback()
