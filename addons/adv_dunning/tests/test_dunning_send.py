# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningSend(AdvDunningCommon):
    def messages(self, letter):
        return letter.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_email_with_pdf(self):
        invoice = self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=2), user=self.adv_user)
        letter = run.letter_ids.with_user(self.adv_user)
        self.assertEqual(letter.state, "draft")
        run.with_user(self.adv_user).action_send()
        self.assertEqual(letter.state, "to_send", "the run records what is to be sent")
        self.assertFalse(invoice.adv_dunning_level_id)
        self.env["adv.dunning.letter"]._cron_send()
        self.assertEqual(letter.state, "sent")
        message = self.messages(letter)
        self.assertEqual(len(message), 1)
        self.assertIn(self.customer, message.partner_ids)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)
        self.env["adv.dunning.letter"]._cron_send()
        self.assertEqual(len(self.messages(letter)), 1, "sent once, whatever the retries")

    def test_no_email_address_goes_by_post(self):
        """A customer without an e-mail address gets the letter by post
        instead of a mail that could never leave."""
        self.customer.email = False
        invoice = self.make_invoice(100.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=2)).letter_ids
        self.assertEqual(letter.channel_codes, "email")
        letter._action_queue()
        self.env["adv.dunning.letter"]._cron_send()
        self.assertEqual(letter.state, "to_print")
        self.assertFalse(letter.send_error)
        self.assertFalse(self.env["mail.mail"].search([("model", "=", letter._name),
                                                      ("res_id", "=", letter.id)]))  # fmt: skip
        letter.action_confirm_printed()
        self.assertEqual(letter.state, "sent")
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)

    def test_email_failure_then_retry(self):
        self.customer.email = "no address"
        invoice = self.make_invoice(100.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=2)).letter_ids
        letter._action_queue()
        self.env["adv.dunning.letter"]._cron_send()
        self.assertEqual(letter.state, "to_send")
        self.assertIn("did not accept", letter.send_error)
        self.assertTrue(letter.next_attempt)
        self.assertFalse(self.messages(letter))
        self.assertFalse(invoice.adv_dunning_level_id)
        self.customer.email = "compta@durand.example.com"
        letter.with_user(self.adv_user).action_retry()
        self.assertEqual(letter.state, "sent")
        self.assertFalse(letter.send_error)
        self.assertEqual(len(self.messages(letter)), 1)
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)

    def test_registered_letter_batch(self):
        invoices = self.make_invoices([(100.0, DUE)])
        invoices |= self.make_invoices([(200.0, DUE)], partner=self.individual)
        self.set_level(invoices, self.l_phone)
        run = self.run_dunning(DUE + timedelta(days=45))
        self.assertEqual(run.letter_ids.level_id, self.l_notice)
        self.send(run.letter_ids)
        self.assertEqual(set(run.letter_ids.mapped("state")), {"to_print"})
        self.assertEqual(invoices.adv_dunning_level_id, self.l_phone, "not sent until posted")
        action = run.action_print_letters()
        self.assertEqual(action["report_name"], "adv_dunning.report_adv_dunning_letter")
        self.assertEqual(sorted(action["context"]["active_ids"]), sorted(run.letter_ids.ids))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("adv_dunning.report_adv_dunning_letter", run.letter_ids.ids)[0]
            .decode()
        )
        self.assertIn("L441-10", html)
        self.assertIn("Formal notice to pay", html)
        run.letter_ids.action_confirm_printed()
        self.assertEqual(set(run.letter_ids.mapped("state")), {"sent"})
        self.assertEqual(invoices.adv_dunning_level_id, self.l_notice)

    def test_phone_call_activity(self):
        invoice = self.make_invoice(321.0, DUE)
        self.set_level(invoice, self.l_firm)
        self.l_phone.activity_user_id = self.adv_user
        letter = self.run_dunning(DUE + timedelta(days=30)).letter_ids
        self.send(letter)
        self.assertEqual(letter.state, "sent")
        activity = letter.activity_ids
        self.assertEqual(activity.user_id, self.adv_user)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertIn(invoice.name, activity.note)
        self.assertIn("321", activity.note)
        activity.with_user(self.adv_user).action_feedback(feedback="Will pay on Friday")
        self.assertEqual(letter.phone_outcome, "Will pay on Friday", "the outcome is recorded")
        self.assertFalse(letter.activity_ids)

    def test_sent_letter_is_final(self):
        invoice = self.make_invoice(100.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=2)).letter_ids
        self.send(letter)
        with self.assertRaises(UserError):
            letter.note = "changed"
        with self.assertRaises(UserError):
            letter.line_ids.fee = 10.0
        with self.assertRaises(UserError):
            letter.unlink()
        with self.assertRaises(UserError):
            letter.line_ids.unlink()
        with self.assertRaises(UserError):
            self.env["adv.dunning.letter.cancel"].create(
                {"letter_ids": letter.ids, "reason": " "}
            ).action_confirm()
        self.assertEqual(letter.state, "sent")
        # The customer received it: only a manager cancels it.
        with self.assertRaises(AccessError):
            self.env["adv.dunning.letter.cancel"].with_user(self.adv_user).create(
                {"letter_ids": letter.ids, "reason": "Sent to the wrong address"}
            ).action_confirm()
        self.assertEqual(letter.state, "sent")
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)
        self.env["adv.dunning.letter.cancel"].with_user(self.adv_manager).create(
            {"letter_ids": letter.ids, "reason": "Sent to the wrong address"}
        ).action_confirm()
        self.assertEqual(letter.state, "cancelled")
        self.assertEqual(letter.line_ids.state, "cancelled")
        self.assertIn("wrong address", letter.message_ids[0].body)
        self.assertFalse(invoice.adv_dunning_level_id, "the invoice is back at its level")
        run = self.run_dunning(DUE + timedelta(days=3))
        self.assertEqual(self.line_of(run, invoice).level_id, self.l_courteous)

    def test_review_remove_line_and_note(self):
        first, second = self.make_invoices([(100.0, DUE), (200.0, DUE)])
        run = self.run_dunning(DUE + timedelta(days=2), user=self.adv_user)
        letter = run.letter_ids.with_user(self.adv_user)
        self.assertEqual(letter.amount_due, 300.0)
        self.line_of(run, second).with_user(self.adv_user).unlink()
        letter.note = "Please call us."
        self.assertEqual(letter.amount_due, 100.0)
        self.send(letter)
        self.assertEqual(first.adv_dunning_level_id, self.l_courteous)
        self.assertFalse(second.adv_dunning_level_id, "a removed line is not reminded")

    def test_remove_letter(self):
        self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=2), user=self.adv_user)
        run.letter_ids.with_user(self.adv_user).unlink()
        self.assertFalse(run.letter_ids)


@tagged("post_install", "-at_install")
class TestDunningChannels(AdvDunningCommon):
    """The channel registry: each channel is sent by _adv_send_<code>."""

    def messages(self, letter):
        return letter.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_channel_needs_its_method(self):
        with self.assertRaises(ValidationError):
            self.env["adv.dunning.channel"].create({"name": "Carrier pigeon", "code": "pigeon"})
        self.assertEqual(self.channels("email").code, "email")
