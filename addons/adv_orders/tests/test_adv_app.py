# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from .common import AdvCommon


@tagged("post_install", "-at_install")
class TestAdvApp(AdvCommon):
    def test_application_and_models_readable(self):
        module = self.env["ir.module.module"].search([("name", "=", "adv_orders")])
        self.assertTrue(module.application, "ADV shows as an app in Apps")
        self.assert_models_readable("adv_orders", self.adv_user)

    def test_groups_ladder(self):
        group_user = self.env.ref("adv_orders.group_adv_user")
        group_manager = self.env.ref("adv_orders.group_adv_manager")
        self.assertIn(group_user, group_manager.implied_ids)
        self.assertTrue(self.adv_manager.has_group("adv_orders.group_adv_user"))
        self.assertFalse(self.adv_user.has_group("adv_orders.group_adv_manager"))
        # An ADV assistant needs the sales, inventory and billing rights.
        for xmlid in (
            "sales_team.group_sale_salesman_all_leads",
            "stock.group_stock_user",
            "account.group_account_invoice",
        ):
            self.assertTrue(self.adv_user.has_group(xmlid), xmlid)
        self.assertTrue(self.env.ref("base.user_admin").has_group("adv_orders.group_adv_manager"))

    def test_menus_for_adv_user(self):
        menus = self.visible_menus(self.adv_user)
        for xmlid in (
            "adv_orders.menu_adv_root",
            "adv_orders.menu_adv_orders_quotation",
            "adv_orders.menu_adv_orders_order",
            "adv_orders.menu_adv_deliveries_delivery",
        ):
            self.assertIn(self.env.ref(xmlid), menus, xmlid)
        # Configuration is for managers; today it holds the Settings, which
        # need the administration right too.
        configuration = self.env.ref("adv_orders.menu_adv_configuration")
        self.assertNotIn(configuration, menus)
        self.adv_manager.groups_id += self.env.ref("base.group_system")
        self.assertIn(configuration, self.visible_menus(self.adv_manager))
        self.assertIn(
            self.env.ref("adv_orders.menu_adv_configuration_settings"),
            self.visible_menus(self.adv_manager),
        )

    def test_menus_hidden_without_adv_rights(self):
        menus = self.visible_menus(self.salesman)
        self.assertTrue(menus, "the salesman sees the Sales app")
        self.assertNotIn(self.env.ref("adv_orders.menu_adv_root"), menus)
        adv_menus = self.env["ir.ui.menu"].search(
            [("id", "child_of", self.env.ref("adv_orders.menu_adv_root").id)]
        )
        self.assertFalse(menus & adv_menus)

    def test_settings_block(self):
        settings = self.env["res.config.settings"].create({})
        self.assertIn("module_adv_dunning", settings._fields)
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="adv_orders"', arch)
        self.assertIn('name="adv_modules_setting_container"', arch)

    def test_action_domains(self):
        partner = self.env["res.partner"].create({"name": "ADV Customer"})
        product = self.env["product.product"].create({"name": "Widget", "list_price": 10.0})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
            }
        )
        quotations = "adv_orders.sale_order_action_adv_quotation"
        orders = "adv_orders.sale_order_action_adv"
        self.assertIn(order, self.action_records(quotations, self.adv_user))
        self.assertNotIn(order, self.action_records(orders, self.adv_user))
        order.action_confirm()
        self.assertNotIn(order, self.action_records(quotations, self.adv_user))
        self.assertIn(order, self.action_records(orders, self.adv_user))
