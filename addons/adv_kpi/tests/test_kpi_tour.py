# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKpiTour(HttpCase):
    """The ADV app opens on the dashboard; a tile opens its records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["adv.ack.rule"].search([]).action_archive()
        new_test_user(
            cls.env,
            login="kpi_tour_user",
            password="kpi_tour_user",
            groups="base.group_user,adv_orders.group_adv_user,sales_team.group_sale_salesman_all_leads",
        )
        # Whatever else the database holds, this month counts two confirmed orders.
        cls.env["sale.order"].search([("state", "=", "sale")]).write({"date_order": "2000-01-01"})
        customer = cls.env["res.partner"].create({"name": "Tour KPI Customer"})
        product = cls.env["product.product"].create({"name": "Tour KPI Service", "type": "service"})
        cls.orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": customer.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
                for _index in range(2)
            ]
        )
        cls.orders.action_confirm()

    def test_dashboard_tile_opens_its_orders(self):
        self.start_tour("/odoo", "adv_kpi_dashboard_drill", login="kpi_tour_user")
