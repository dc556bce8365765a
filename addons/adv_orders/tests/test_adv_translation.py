# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestAdvTranslation(TransactionCase):
    def test_french_loads(self):
        """i18n/fr.po is read by Odoo: the ADV menu and groups speak French."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["adv_orders"], ["fr_FR"], overwrite=True)
        fr = self.env(context={"lang": "fr_FR"})
        self.assertEqual(fr.ref("adv_orders.menu_adv_orders_order").name, "Commandes")
        self.assertEqual(fr.ref("adv_orders.menu_adv_reporting").name, "Analyse")
        self.assertEqual(fr.ref("adv_orders.group_adv_manager").name, "Responsable")
        selection = dict(fr["account.move"]._fields["adv_hold_reason"]._description_selection(fr))
        self.assertEqual(selection["manual"], "Blocage manuel")
