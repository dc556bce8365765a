# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import safe_eval


class AdvMenuMixin:
    """What the web client shows a user: menus and window actions."""

    def visible_menus(self, user):
        """The menus the web client shows to ``user`` (reachable from an app root)."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return self.env["ir.ui.menu"].browse(key for key in menus if key != "root")

    def action_records(self, xmlid, user, eval_context=None):
        """The records that the window action ``xmlid`` lists for ``user``."""
        action = self.env.ref(xmlid)
        domain = safe_eval(action.domain or "[]", eval_context or {})
        return self.env[action.res_model].with_user(user).search(domain)


class AdvCommon(AdvMenuMixin, TransactionCase):
    """Users with the least rights for each ADV role, shared by every ADV module."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.adv_user = new_test_user(
            cls.env,
            login="adv_test_user",
            groups="base.group_user,adv_orders.group_adv_user",
            name="ADV Assistant",
        )
        cls.adv_manager = new_test_user(
            cls.env,
            login="adv_test_manager",
            groups="base.group_user,adv_orders.group_adv_manager",
            name="ADV Manager",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="adv_test_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            name="Salesman without ADV rights",
        )
