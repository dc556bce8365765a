# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

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
