# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningSecurity(AdvDunningCommon):
    def test_user_computes_reviews_sends(self):
        self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=2), user=self.adv_user)
        self.assertEqual(len(run.letter_ids), 1)
        run.with_user(self.adv_user).action_send()
        self.assertEqual(run.letter_ids.state, "to_send")

    def test_user_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["adv.dunning.policy"].with_user(self.adv_user).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.l_firm.with_user(self.adv_user).days = 20
        policy = (
            self.env["adv.dunning.policy"]
            .with_user(self.adv_manager)
            .create(
                {
                    "name": "Managers' policy",
                    "level_ids": [Command.create({"name": "L", "days": 3})],
                }
            )
        )
        self.assertEqual(policy.company_id, self.company)

    def test_salesman_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["adv.dunning.run"].with_user(self.salesman).search([])
        with self.assertRaises(AccessError):
            self.env["adv.dunning.letter"].with_user(self.salesman).search([])
        menu = self.env.ref("adv_dunning.menu_adv_dunning_run")
        self.assertIn(menu, self.visible_menus(self.adv_user))
        self.assertNotIn(menu, self.visible_menus(self.salesman))
        config = self.env.ref("adv_dunning.menu_adv_configuration_dunning_policy")
        self.assertIn(config, self.visible_menus(self.adv_manager))
        self.assertNotIn(config, self.visible_menus(self.adv_user))

    def test_multi_company_isolation(self):
        other = self.setup_other_company()
        other_company = other["company"]
        other_user = new_test_user(
            self.env,
            login="dunning_other_user",
            groups="base.group_user,adv_orders.group_adv_user",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=2))
        self.assertTrue(run.letter_ids)
        Run = self.env["adv.dunning.run"].with_user(other_user)
        self.assertFalse(Run.search([("id", "=", run.id)]))
        self.assertFalse(
            self.env["adv.dunning.letter"].with_user(other_user).search([("run_id", "=", run.id)])
        )
        self.assertFalse(
            self.env["adv.dunning.policy"]
            .with_user(other_user)
            .search([("id", "=", self.policy.id)])
        )
        # a run of the other company never reminds this company's invoices
        other_policy = self.env["adv.dunning.policy"].create(
            {
                "name": "Other",
                "company_id": other_company.id,
                "level_ids": [Command.create({"name": "L", "days": 1})],
            }
        )
        other_company.adv_dunning_policy_id = other_policy
        other_run = (
            self.env["adv.dunning.run"]
            .with_user(other_user)
            .create({"company_id": other_company.id, "date": DUE + timedelta(days=30)})
        )
        other_run.action_compute()
        self.assertFalse(other_run.letter_ids)
