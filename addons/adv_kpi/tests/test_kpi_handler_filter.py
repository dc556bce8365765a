# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AdvKpiDataCommon

PARAMS = {"period_type": "month", "date": "2026-03-10"}


@tagged("post_install", "-at_install")
class TestKpiHandlerFilter(AdvKpiDataCommon):
    def tiles(self, user, **params):
        data = self.env["adv.kpi.dashboard"].with_user(user).get_dashboard({**PARAMS, **params})
        return {tile["code"]: tile for tile in data["tiles"]}, data

    def test_manager_filters_on_a_handler(self):
        team, data = self.tiles(self.manager)
        self.assertTrue(data["is_manager"])
        self.assertIn(self.alice.id, [h["id"] for h in data["handlers"]])
        alice, _data = self.tiles(self.manager, handler_id=self.alice.id)
        bob, _data = self.tiles(self.manager, handler_id=self.bob.id)
        # Orders received: Alice 3 + Bob 1 = team 4.
        self.assertEqual(alice["orders_received"]["value"], 3)
        self.assertEqual(bob["orders_received"]["value"], 1)
        self.assertEqual(team["orders_received"]["value"], 4)
        # Invoiced: Alice 1000 + Bob 500 = 1500.
        self.assertAlmostEqual(alice["invoices_amount"]["value"], 1000.0)
        self.assertAlmostEqual(team["invoices_amount"]["value"], 1500.0)
        # The DSO is the company's whoever is chosen.
        self.assertAlmostEqual(alice["dso"]["value"], team["dso"]["value"])

    def test_handler_values_are_stored_apart(self):
        self.tiles(self.manager)
        self.tiles(self.manager, handler_id=self.alice.id)
        received = self.env.ref("adv_kpi.kpi_orders_received")
        values = self.env["adv.kpi.value"].search(
            [("definition_id", "=", received.id), ("date_from", "=", "2026-03-01")]
        )
        self.assertEqual(
            sorted((v.handler_id.id, v.value) for v in values), [(False, 4.0), (self.alice.id, 3.0)]
        )

    def test_assistant_sees_the_team_only(self):
        tiles, data = self.tiles(self.alice)
        self.assertFalse(data["is_manager"])
        self.assertEqual(data["handlers"], [])
        self.assertEqual(tiles["orders_received"]["value"], 4)
        with self.assertRaises(AccessError):
            self.tiles(self.alice, handler_id=self.bob.id)

    def test_non_adv_user_is_refused(self):
        salesman = self.env["res.users"].create(
            {
                "name": "Sales",
                "login": "kpi_salesman",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["adv.kpi.dashboard"].with_user(salesman).get_dashboard(PARAMS)
