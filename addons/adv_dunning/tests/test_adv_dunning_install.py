# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.adv_orders.protected import protected
from odoo.addons.adv_orders.tests.common import AdvMenuMixin


@tagged("post_install", "-at_install")
class TestAdvDunningInstall(AdvMenuMixin, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_menu_users("adv_dunning")

    def _overdue(self):
        today = fields.Date.today()
        return self.action_records(
            "adv_dunning.account_move_action_adv_overdue",
            self.adv_user,
            {"context_today": lambda: today},
        )

    def test_models_readable_by_adv(self):
        self.assert_models_readable("adv_dunning", self.adv_user)

    def test_menu_visibility(self):
        menu = self.env.ref("adv_dunning.menu_adv_dunning_overdue")
        self.assertIn(menu, self.visible_menus(self.adv_user))
        self.assertNotIn(menu, self.visible_menus(self.plain_user))
        self.assertNotIn(
            self.env.ref("adv_orders.menu_adv_root"), self.visible_menus(self.plain_user)
        )

    def test_overdue_list(self):
        with freeze_time("2026-01-31"):
            invoice = self.init_invoice(
                "out_invoice", amounts=[100.0], invoice_date="2026-01-31", post=True
            )
        self.assertEqual(invoice.invoice_date_due, fields.Date.to_date("2026-01-31"))
        with freeze_time("2026-01-31"):
            self.assertNotIn(invoice, self._overdue(), "due today is not overdue")
        with freeze_time("2026-02-01"):
            self.assertIn(invoice, self._overdue(), "one day past due is overdue")
            protected(invoice).adv_hold_reason = "manual"
            self.assertNotIn(invoice, self._overdue(), "an invoice on hold is not chased")
            protected(invoice).adv_hold_reason = False
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({})._create_payments()
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))
            self.assertNotIn(invoice, self._overdue(), "a paid invoice is not chased")

    def test_own_menu_and_hold_reason_in_french(self):
        """adv_dunning brings its own ADV menu and its hold reason, translated."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["adv_dunning"], ["fr_FR"], overwrite=True)
        fr = self.env(context={"lang": "fr_FR"})
        menu = fr.ref("adv_dunning.menu_adv_dunning")
        self.assertEqual(menu.parent_id, self.env.ref("adv_orders.menu_adv_root"))
        self.assertEqual(menu.name, "Relances")
        field = fr["account.move"]._fields["adv_hold_reason"]
        self.assertEqual(dict(field._description_selection(fr))["promise"], "Promesse de paiement")
