# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.http import root
from odoo.tests import HttpCase, tagged

from .common import AdvDunningCommon


@tagged("post_install", "-at_install")
class TestDunningTour(AdvDunningCommon, HttpCase):
    def test_run_tour(self):
        """An ADV assistant computes a run, reviews its letter and sends it."""
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True, "email": "tour@example.com"}
        )
        invoice = self.make_invoice(
            750.0, fields.Date.today() - timedelta(days=3), partner=customer
        )
        # Read the addons' manifests once here: the browser's first requests
        # would otherwise parse them in parallel threads, which Python 3.11.7
        # does not always survive (CPython gh-106905).
        self.assertTrue(root.statics)
        self.start_tour("/odoo", "adv_dunning_run_compute_tour", login=self.adv_user.login)
        run = self.env["adv.dunning.run"].search([("user_id", "=", self.adv_user.id)])
        self.assertEqual((run.state, run.letter_count), ("queued", 0), "not in the request")
        self.env["adv.dunning.run"]._cron_compute_queued()
        self.assertEqual(run.state, "computed")
        self.start_tour("/odoo", "adv_dunning_run_tour", login=self.adv_user.login)
        letter = self.env["adv.dunning.letter"].search([("partner_id", "=", customer.id)])
        self.assertEqual(letter.line_ids.move_id, invoice)
        self.assertEqual(letter.state, "to_send")
        self.assertEqual(letter.note, "Please call our accounts department.")
