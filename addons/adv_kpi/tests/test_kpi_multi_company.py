# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AdvKpiDataCommon

PARAMS = {"period_type": "month", "date": "2026-03-10"}


@tagged("post_install", "-at_install")
class TestKpiMultiCompany(AdvKpiDataCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.setup_other_company(name="ADV Belgium")["company"]
        cls.company_2.partner_id.tz = "UTC"
        service = cls.env["product.product"].create(
            {"name": "KPI Service", "type": "service", "list_price": 80.0, "taxes_id": False}
        )
        order = (
            cls.env["sale.order"]
            .with_company(cls.company_2)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "company_id": cls.company_2.id,
                    "adv_user_id": cls.alice.id,
                    "adv_received_date": "2026-03-03 09:00:00",
                    "order_line": [Command.create({"product_id": service.id, "tax_id": False})],
                }
            )
        )
        order.with_company(cls.company_2).action_confirm()
        order.date_order = "2026-03-03 10:00:00"
        cls.make_invoice("out_invoice", "2026-03-04", 900.0, cls.alice, company=cls.company_2)
        cls.alice_be = new_test_user(
            cls.env,
            login="kpi_alice_be",
            groups="base.group_user,adv_orders.group_adv_user",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )

    def test_each_company_counts_its_own(self):
        # Company 1 keeps its figures (4 orders received, 1500 invoiced).
        self.assertEqual(self.value("orders_received"), 4)
        self.assertAlmostEqual(self.value("invoices_amount"), 1500.0)
        # Company 2: its one order and its one invoice of 900.
        self.assertEqual(self.value("orders_received", company=self.company_2), 1)
        self.assertEqual(self.value("orders_confirmed", company=self.company_2), 1)
        self.assertAlmostEqual(self.value("invoices_amount", company=self.company_2), 900.0)
        self.assertIsNone(self.value("otif_rate", company=self.company_2))

    def test_values_follow_the_company_rules(self):
        dashboard = self.env["adv.kpi.dashboard"]
        dashboard.with_user(self.manager).get_dashboard(PARAMS)
        data = dashboard.with_user(self.alice_be).get_dashboard(PARAMS)
        self.assertEqual(data["company_id"], self.company_2.id)
        tiles = {tile["code"]: tile for tile in data["tiles"]}
        self.assertEqual(tiles["orders_received"]["value"], 1)
        # The Belgian assistant reads only the Belgian values...
        values = self.env["adv.kpi.value"].with_user(self.alice_be).search([])
        self.assertTrue(values)
        self.assertEqual(values.company_id, self.company_2)
        # ...and may not ask for the French company's dashboard.
        with self.assertRaises(AccessError):
            dashboard.with_user(self.alice_be).get_dashboard(
                {**PARAMS, "company_id": self.company.id}
            )

    def test_company_definition_overrides_the_shared_one(self):
        shared = self.env.ref("adv_kpi.kpi_otif_rate")
        own = shared.copy({"company_id": self.company_2.id, "target": 90, "amber_threshold": 80})
        self.assertIn(shared, self.Definition._for_company(self.company))
        definitions = self.Definition._for_company(self.company_2)
        self.assertIn(own, definitions)
        self.assertNotIn(shared, definitions)
