# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.adv_orders.protected import protected
from odoo.addons.adv_orders.tests.common import AdvMenuMixin


@tagged("post_install", "-at_install")
class TestAdvClaimsInstall(AdvMenuMixin, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_menu_users("adv_claims")

    def _disputed(self):
        return self.action_records("adv_claims.account_move_action_adv_disputed", self.adv_user)

    def test_models_readable_by_adv(self):
        self.assert_models_readable("adv_claims", self.adv_user)

    def test_menu_visibility(self):
        menu = self.env.ref("adv_claims.menu_adv_claims_disputed")
        self.assertIn(menu, self.visible_menus(self.adv_user))
        self.assertIn(self.env.ref("adv_claims.menu_adv_claims"), self.visible_menus(self.adv_user))
        self.assertNotIn(menu, self.visible_menus(self.plain_user))

    def test_disputed_list(self):
        disputed = self.init_invoice("out_invoice", amounts=[100.0], post=True)
        promised = self.init_invoice("out_invoice", amounts=[50.0], post=True)
        vendor_bill = self.init_invoice("in_invoice", amounts=[70.0], post=True)
        self.assertFalse(self._disputed() & (disputed | promised | vendor_bill))
        protected(disputed).adv_hold_reason = "dispute"
        protected(promised).adv_hold_reason = "promise"
        protected(vendor_bill).adv_hold_reason = "dispute"
        self.assertEqual(self._disputed() & (disputed | promised | vendor_bill), disputed)
