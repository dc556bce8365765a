# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.adv_orders.tests.common import AdvMenuMixin


@tagged("post_install", "-at_install")
class TestAdvKpiInstall(AdvMenuMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_menu_users("adv_kpi")

    def test_models_readable_by_adv(self):
        self.assert_models_readable("adv_kpi", self.adv_user)

    def test_reporting_menu(self):
        visible = self.visible_menus(self.adv_user)
        for xmlid in (
            "adv_orders.menu_adv_reporting",
            "adv_kpi.menu_adv_reporting_order_analysis",
            "adv_kpi.menu_adv_reporting_invoice_analysis",
        ):
            self.assertIn(self.env.ref(xmlid), visible, xmlid)
        # one entry per name: no analysis listed twice under Reporting
        reporting = self.env.ref("adv_orders.menu_adv_reporting")
        names = (visible & reporting.child_id).mapped("name")
        self.assertEqual(len(names), len(set(names)), names)
        actions = (visible & reporting.child_id).mapped("action")
        self.assertNotIn(self.env.ref("account.action_account_invoice_report_all"), actions)
        self.assertNotIn(
            self.env.ref("adv_orders.menu_adv_reporting"),
            self.visible_menus(self.plain_user),
        )

    def test_adv_user_reads_the_analyses(self):
        # The menus open reports the ADV user has the rights to read.
        self.env["sale.report"].with_user(self.adv_user).search([], limit=1)
        self.env["account.invoice.report"].with_user(self.adv_user).search([], limit=1)

    def test_settings_link_to_the_kpi_definitions(self):
        arch = (
            self.env["res.config.settings"]
            .with_user(self.env.ref("base.user_admin"))
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("adv_kpi_setting_container", arch)
        self.assertIn(str(self.env.ref("adv_kpi.adv_kpi_definition_action").id), arch)

    def test_adv_app_opens_on_the_dashboard(self):
        root = self.env.ref("adv_orders.menu_adv_root")
        self.assertEqual(root.action, self.env.ref("adv_kpi.adv_kpi_dashboard_action"))
        visible = self.visible_menus(self.adv_user)
        self.assertIn(self.env.ref("adv_kpi.menu_adv_reporting_dashboard"), visible)
        self.assertNotIn(self.env.ref("adv_kpi.menu_adv_configuration_kpi_definition"), visible)
