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
        # Whatever else the database holds, the month shown counts two confirmed orders.
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
        # On the day the dashboard opens on (the last full month early in a month)
        anchor = cls.env["adv.kpi.dashboard"]._default_anchor()
        cls.orders.write(
            {"date_order": f"{anchor} 12:00:00", "adv_received_date": f"{anchor} 09:00:00"}
        )

    def test_dashboard_tile_opens_its_orders(self):
        self.start_tour("/odoo", "adv_kpi_dashboard_drill", login="kpi_tour_user")

    def test_adv_user_lands_on_the_dashboard(self):
        self.start_tour("/odoo", "adv_kpi_home_dashboard", login="kpi_tour_user")

    def test_home_action_of_adv_users_only(self):
        dashboard = self.env.ref("adv_kpi.adv_kpi_dashboard_action")
        user = self.env["res.users"].search([("login", "=", "kpi_tour_user")])
        self.assertEqual(user.action_id.id, dashboard.id, "an ADV user lands on the dashboard")
        clerk = new_test_user(self.env, login="kpi_clerk", groups="base.group_user")
        self.assertFalse(clerk.action_id, "not an ADV user: Odoo's home")
        clerk.write({"groups_id": [Command.link(self.env.ref("adv_orders.group_adv_user").id)]})
        self.assertEqual(clerk.action_id.id, dashboard.id, "becoming an ADV user")
        discuss = self.env.ref("mail.action_discuss")
        own = new_test_user(self.env, login="kpi_own_home", groups="adv_orders.group_adv_user")
        own.action_id = discuss.id
        own.write({"groups_id": [Command.link(self.env.ref("adv_orders.group_adv_manager").id)]})
        self.assertEqual(own.action_id.id, discuss.id, "a home of one's own is kept")
        admin = self.env.ref("base.user_admin")
        admin.write({"groups_id": [Command.link(self.env.ref("adv_orders.group_adv_manager").id)]})
        self.assertFalse(admin.action_id, "administrators keep Odoo's home")
