# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningCron(AdvDunningCommon):
    def test_daily_run(self):
        courteous = self.make_invoice(100.0, DUE)
        firm = self.make_invoice(200.0, DUE, partner=self.individual)
        self.set_level(firm, self.l_courteous)
        Run = self.env["adv.dunning.run"]
        # only this company's run matters here
        self.env["res.company"].search([("id", "!=", self.company.id)]).write(
            {"adv_dunning_policy_id": False}
        )
        with freeze_time(DUE + timedelta(days=20)):
            Run._cron_daily_run()
        run = Run.search([("company_id", "=", self.company.id), ("automatic", "=", True)])
        self.assertEqual(len(run), 1)
        auto = self.line_of(run, courteous).letter_id
        review = self.line_of(run, firm).letter_id
        self.assertEqual(auto.state, "to_send", "an automatic level goes to the outbox")
        self.assertEqual(review.state, "draft", "a review level waits in the preview")
        self.env["adv.dunning.letter"]._cron_send()
        self.assertEqual(auto.state, "sent")
        self.assertEqual(courteous.adv_dunning_level_id, self.l_courteous)
        self.assertEqual(firm.adv_dunning_level_id, self.l_courteous)
