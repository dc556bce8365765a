# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import AdvAckCommon


@tagged("post_install", "-at_install")
class TestAckBanner(AdvAckCommon):
    """The blocked-order banner: exactly the failed checks, in the reader's
    language, whoever ran the checks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["adv_orders"], ["fr_FR"], overwrite=True)
        cls.rule.check_commitment_date = True

    def test_one_line_per_failed_check_in_each_language(self):
        order = self.create_order(client_order_ref=False, commitment_date=False)
        order.with_context(lang="en_US").action_confirm()
        self.assertEqual(order.adv_ack_state, "blocked")
        issues = order.adv_ack_issue_ids
        self.assertEqual(sorted(issues.mapped("check")), ["client_ref", "commitment_date"])
        english = order.with_context(lang="en_US").adv_ack_issue_text.splitlines()
        french = order.with_context(lang="fr_FR").adv_ack_issue_text.splitlines()
        self.assertEqual(len(english), 2, english)
        self.assertEqual(len(french), 2, french)
        self.assertTrue(all(line.strip("• ") for line in english + french), "no empty line")
        self.assertIn("PO reference is missing", english[0])
        self.assertNotIn("PO reference is missing", french[0])
        self.assertEqual(
            french[0],
            "• " + issues[0].with_context(lang="fr_FR").message,
        )
        # A French assistant re-running the checks: the English text is kept.
        order.with_context(lang="fr_FR").with_user(self.adv_user).action_adv_acknowledge()
        self.assertIn(
            "PO reference is missing", order.with_context(lang="en_US").adv_ack_issue_text
        )

    def test_banner_shows_the_text(self):
        arch = self.env["sale.order"].get_view(view_type="form")["arch"]
        self.assertIn('name="adv_ack_issue_text"', arch)
