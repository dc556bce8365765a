# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAdvTour(HttpCase):
    """Browser tours of the main ADV paths (skipped without Chromium)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.adv_user = new_test_user(
            cls.env,
            login="adv_tour_user",
            password="adv_tour_user",
            groups="base.group_user,adv_orders.group_adv_user",
        )

    def test_adv_user_opens_the_app(self):
        self.start_tour("/odoo", "adv_orders_open_app", login="adv_tour_user")

    def test_blocked_order_fixed_and_acknowledged(self):
        self.env["adv.ack.rule"].search([]).action_archive()
        self.env["adv.ack.rule"].create({"name": "Tour rule", "send_mode": "auto"})
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Customer",
                "email": "tour@example.com",
                "street": "1 rue de la Paix",
                "zip": "75002",
                "city": "Paris",
                "country_id": self.env.ref("base.fr").id,
                "property_payment_term_id": self.env.ref("account.account_payment_term_30days").id,
            }
        )
        product = self.env["product.product"].create({"name": "Tour Widget", "list_price": 12.0})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 3})],
            }
        )
        self.start_tour(
            f"/odoo/action-adv_orders.sale_order_action_adv_quotation/{order.id}",
            "adv_orders_ack_blocked_then_fixed",
            login="adv_tour_user",
        )
        self.assertEqual(order.adv_ack_state, "acknowledged")
        self.assertEqual(order.client_order_ref, "PO-TOUR-42")

    def test_partial_delivery_lands_in_the_backorder_book(self):
        self.env["adv.ack.rule"].search([]).action_archive()
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        product = self.env["product.product"].create(
            {"name": "Tour Gadget", "is_storable": True, "list_price": 30.0}
        )
        self.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 50.0)
        customer = self.env["res.partner"].create({"name": "Tour Backorder Customer"})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "client_order_ref": "PO-TOUR-BO",
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 10})],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        self.start_tour(
            f"/odoo/action-adv_orders.stock_picking_action_adv_delivery/{picking.id}",
            "adv_orders_partial_delivery_backorder_book",
            login="adv_tour_user",
        )
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.order_line.adv_qty_backorder, 6.0)
        self.assertEqual(len(order.picking_ids), 2, "the rest waits in a backorder delivery")
