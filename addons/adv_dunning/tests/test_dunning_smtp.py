# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The outbox against a real SMTP server: a sink listening on 127.0.0.1 in
the test process, reached through an ir.mail_server record.

Odoo never connects to a mail server while a test runs: ir.mail_server's
connect() and send_email() return early when ``odoo.modules.module.current_test``
is set. Odoo's own SMTP tests (base/tests/test_ir_mail_server_smtpd.py) set
it to False for their whole test; here it is set to False only around the
outbox calls, so nothing else of the test can reach a mail server."""

from contextlib import contextmanager
from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import modules
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AdvDunningCommon
from .smtp_sink import SmtpSink, free_port

DUE = date(2026, 3, 2)
QUIET = ("odoo.addons.mail.models.mail_mail", "odoo.addons.base.models.ir_mail_server")


@tagged("post_install", "-at_install")
class TestDunningSmtp(AdvDunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.port = free_port()
        cls.env["ir.mail_server"].search([]).action_archive()
        cls.mail_server = cls.env["ir.mail_server"].create(
            {
                "name": "Test SMTP sink",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.port,
                "smtp_encryption": "none",
                "smtp_authentication": "login",
                "sequence": 1,
            }
        )
        cls.company.email = "adv@company.example.com"

    @contextmanager
    def real_smtp(self):
        """Let ir.mail_server really connect and send, for this block only."""
        with patch.object(modules.module, "current_test", False), mute_logger(*QUIET):
            yield

    def sink(self, **kwargs):
        sink = SmtpSink(self.port, **kwargs)
        sink.start()
        self.addCleanup(sink.stop)
        return sink

    def queued_letters(self, emails):
        partners = self.env["res.partner"].create(
            [{"name": f"SMTP {i}", "is_company": True, "email": e} for i, e in enumerate(emails)]
        )
        invoices = self.env["account.move"]
        for partner in partners:
            invoices |= self.make_invoice(100.0, DUE, partner=partner)
        run = self.run_dunning(DUE + timedelta(days=2))
        run.action_send()
        letters = run.letter_ids
        self.assertEqual(len(letters), len(emails))
        self.assertEqual(set(letters.mapped("state")), {"to_send"})
        return letters, invoices

    def letter_mails(self, letters):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "adv.dunning.letter"), ("res_id", "in", letters.ids)])
        )

    def reminders_posted(self, letters):
        return letters.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_server_down_then_up(self):
        emails = ["down0@example.com", "down1@example.com"]
        letters, invoices = self.queued_letters(emails)
        Letter = self.env["adv.dunning.letter"]

        # the server is down: the port is closed, connecting is refused
        with freeze_time("2026-03-10 08:00:00"), self.real_smtp():
            self.assertEqual(Letter._cron_send(), letters, "both are tried")
        self.assertEqual(set(letters.mapped("state")), {"to_send"})
        for letter in letters:
            self.assertIn("The mail server did not accept the reminder", letter.send_error)
            self.assertIn("Connection refused", letter.send_error)
            self.assertEqual(str(letter.next_attempt), "2026-03-10 09:00:00")
            self.assertFalse(letter.date_sent)
        self.assertFalse(invoices.adv_dunning_level_id, "the invoices keep their level")
        self.assertFalse(self.reminders_posted(letters), "no reminder in the chatter")
        self.assertFalse(
            self.letter_mails(letters), "no e-mail left for Odoo's mail queue to send later"
        )

        sink = self.sink()
        # the server is back, but the letters wait for their next attempt
        with freeze_time("2026-03-10 08:30:00"), self.real_smtp():
            self.assertFalse(Letter._cron_send(), "not retried before the next attempt date")
        self.assertFalse(sink.messages)

        with freeze_time("2026-03-10 09:00:01"), self.real_smtp():
            self.assertEqual(Letter._cron_send(), letters)
        received = sink.per_recipient()
        for address in emails:
            self.assertEqual(received[address], 1, f"{address} gets the reminder once")
        self.assertEqual(set(letters.mapped("state")), {"sent"})
        self.assertFalse(any(letters.mapped("send_error")))
        self.assertEqual(invoices.adv_dunning_level_id, self.l_courteous)
        mails = self.letter_mails(letters)
        self.assertEqual(set(mails.mapped("state")), {"sent"}, "kept as the proof of sending")
        subjects = {msg["Subject"] for _from, _to, msg in sink.messages}
        self.assertIn(f"{self.company.name} - Courteous", subjects)
        to_first = [msg for _f, rcpts, msg in sink.messages if emails[0] in rcpts][0]
        # the template's report (a PDF; Odoo renders HTML in test mode)
        self.assertTrue(
            any(part.get_filename("").startswith("Reminder ") for part in to_first.walk()),
            "the reminder document is attached",
        )

        # the outbox and Odoo's own mail queue run again: nothing more goes out
        count = len(sink.messages)
        with freeze_time("2026-03-10 12:00:00"), self.real_smtp():
            self.assertFalse(Letter._cron_send())
            self.env["mail.mail"].sudo().process_email_queue()
        self.assertEqual(len(sink.messages), count)
        self.assertEqual(len(self.reminders_posted(letters)), 2, "one reminder per letter")

    def test_refused_recipient_only_that_letter_waits(self):
        emails = ["refused@example.com", "welcome@example.com"]
        letters, invoices = self.queued_letters(emails)
        refused, welcome = (
            letters.filtered(lambda letter, e=e: letter.partner_id.email == e) for e in emails
        )
        # a follower of the other letter gets a copy; its address is refused too
        follower = self.env["res.partner"].create({"name": "Copy", "email": "copy@example.com"})
        welcome.message_subscribe(partner_ids=follower.ids)
        sink = self.sink(refuse=["refused@example.com", "copy@example.com"])
        with freeze_time("2026-03-10 08:00:00"), self.real_smtp():
            self.env["adv.dunning.letter"]._cron_send()
        self.assertEqual(sink.per_recipient(), {"welcome@example.com": 1})
        copy = self.letter_mails(welcome).filtered(lambda mail: follower in mail.recipient_ids)
        self.assertEqual(copy.state, "exception", "a refused copy does not undo the reminder")
        self.assertEqual((welcome.state, refused.state), ("sent", "to_send"))
        self.assertIn("550", refused.send_error)
        self.assertEqual(str(refused.next_attempt), "2026-03-10 09:00:00")
        refused_invoice = invoices.filtered(lambda inv: inv.partner_id == refused.partner_id)
        self.assertFalse(refused_invoice.adv_dunning_level_id)
        self.assertEqual((invoices - refused_invoice).adv_dunning_level_id, self.l_courteous)
        self.assertFalse(self.letter_mails(refused))
        self.assertFalse(self.reminders_posted(refused))

        # the address is fixed and ADV sends it again by hand
        sink.refuse.clear()
        refused.partner_id.email = "fixed@example.com"
        with self.real_smtp():
            refused.with_user(self.adv_user).action_retry()
        self.assertEqual(refused.state, "sent")
        self.assertFalse(refused.send_error)
        self.assertEqual(sink.per_recipient(), {"welcome@example.com": 1, "fixed@example.com": 1})
        self.assertEqual(refused_invoice.adv_dunning_level_id, self.l_courteous)
        with freeze_time("2026-03-10 12:00:00"), self.real_smtp():
            self.env["adv.dunning.letter"]._cron_send()
            self.env["mail.mail"].sudo().process_email_queue()
        self.assertEqual(sink.per_recipient(), {"welcome@example.com": 1, "fixed@example.com": 1})
