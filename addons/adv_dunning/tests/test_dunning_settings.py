# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import Form, tagged

from .common import AdvDunningCommon


@tagged("post_install", "-at_install")
class TestDunningSettings(AdvDunningCommon):
    def test_settings_set_company_values(self):
        other = self.env["adv.dunning.policy"].create(
            {"name": "Lenient", "level_ids": [Command.create({"name": "Only", "days": 10})]}
        )
        admin = self.env.ref("base.user_admin")
        admin.write({"company_ids": [Command.link(self.company.id)], "company_id": self.company.id})
        settings = Form(self.env["res.config.settings"].with_user(admin).with_company(self.company))
        settings.adv_dunning_policy_id = other
        settings.adv_dunning_ecb_rate = 3.15
        settings.adv_dunning_rate_points = 10.0
        settings.adv_dunning_post_charges = True
        settings.save().execute()
        self.assertEqual(self.company.adv_dunning_policy_id, other)
        self.assertAlmostEqual(self.company.adv_dunning_interest_rate, 13.15)
        self.assertTrue(self.company.adv_dunning_post_charges)
