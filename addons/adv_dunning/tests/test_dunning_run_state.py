# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningRunState(AdvDunningCommon):
    """A run that was sent says whether its letters are out."""

    def test_run_follows_its_letters(self):
        self.make_invoice(100.0, DUE)  # 20 days late: courteous, e-mailed
        self.make_invoice(200.0, DUE, partner=self.individual)
        notice = self.make_invoice(300.0, DUE - timedelta(days=40))
        self.set_level(notice, self.l_phone)  # next: the formal notice, printed and posted
        run = self.run_dunning(DUE + timedelta(days=20))
        self.assertEqual(run.state, "computed")
        run.action_send()
        self.assertEqual(run.state, "sending", "queued letters are not sent yet")
        run.letter_ids._adv_send()
        printed = run.letter_ids.filtered(lambda letter: letter.state == "to_print")
        self.assertTrue(printed, "the formal notice waits to be printed and posted")
        self.assertIn(notice, printed.line_ids.move_id)
        self.assertEqual(run.state, "sending", "a letter is still to print")
        printed.action_confirm_printed()
        self.assertEqual(run.state, "sent", "every letter is out")


@tagged("post_install", "-at_install")
class TestDunningRunBackground(AdvDunningCommon):
    """A run asked from the UI is computed by the queue, out of the web request."""

    def test_compute_in_the_background(self):
        self.make_invoices([(100.0, DUE), (200.0, DUE)])
        run = (
            self.env["adv.dunning.run"]
            .with_user(self.adv_user)
            .create({"date": DUE + timedelta(days=2), "company_id": self.company.id})
        )
        run.action_compute_background()
        self.assertEqual((run.state, run.letter_count), ("queued", 0))
        self.assertEqual(run.compute_user_id, self.adv_user)
        with self.assertRaises(UserError):
            run.write({"date": DUE})  # computing: its date no longer changes
        with self.assertRaises(AccessError):
            run.write({"compute_user_id": self.adv_manager.id})  # not by a client
        done = self.env["adv.dunning.run"]._cron_compute_queued()
        self.assertEqual(done, run)
        self.assertEqual(run.state, "computed")
        self.assertEqual(run.letter_count, 1)
        message = run.message_ids[0]
        self.assertIn(self.adv_user.partner_id, message.partner_ids, "the user is told")
        self.assertIn("1 letter", message.body)
        self.assertFalse(self.env["adv.dunning.run"]._cron_compute_queued(), "nothing left")
