# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKpiRatingTour(HttpCase):
    """The customer rates a delivered order from the survey e-mail; the ADV
    manager sees the score on the dashboard and opens the answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["adv.ack.rule"].search([]).action_archive()
        cls.manager = new_test_user(
            cls.env,
            login="kpi_rating_manager",
            password="kpi_rating_manager",
            groups="base.group_user,adv_orders.group_adv_manager,"
            "sales_team.group_sale_salesman_all_leads",
        )
        cls.env.company.adv_rating_sample_rate = 1
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Rating Customer",
                "email": "buyer@tour-rating.example.com",
                "adv_rating_opt_in": True,
            }
        )
        product = cls.env["product.product"].create(
            {"name": "Tour Rating Widget", "is_storable": True}
        )
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10)
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "adv_user_id": cls.manager.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 3})],
            }
        )
        cls.order.action_confirm()
        picking = cls.order.picking_ids
        picking.action_assign()
        picking.move_ids.write({"quantity": 3, "picked": True})
        picking.button_validate()

    def test_customer_rates_manager_drills(self):
        self.assertEqual(self.order.picking_ids.state, "done")
        request = self.order.message_ids.filtered(lambda m: "/rate/" in (m.body or ""))
        self.assertEqual(len(request), 1, "the survey e-mail after the full delivery")
        link = re.search(r'href="[^"]*(/rate/[0-9a-f]+/1)"', str(request.body)).group(1)
        self.start_tour(link, "adv_rating_customer_answer")
        rating = self.order.rating_ids
        self.assertEqual(
            (rating.rating, rating.feedback), (1.0, "Two days late, one carton missing")
        )
        # Answered on the day the dashboard opens on (the last full month
        # early in a month); nothing else is rated in that period.
        anchor = self.env["adv.kpi.dashboard"]._default_anchor()
        self.env["rating.rating"].search([("id", "!=", rating.id)]).write(
            {"adv_answered_date": "2000-01-01"}
        )
        rating.adv_answered_date = f"{anchor} 12:00:00"
        self.start_tour("/odoo", "adv_rating_manager_drill", login="kpi_rating_manager")
