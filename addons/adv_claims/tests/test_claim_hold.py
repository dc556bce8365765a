# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.adv_orders.protected import protected

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimHold(AdvClaimCommon):
    """A claim holds its unpaid invoices in dispute while it is open."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()

    def test_hold_and_release_by_button(self):
        claim = self._new_claim()
        self.assertFalse(self.invoice.adv_hold_reason)
        claim.with_user(self.adv_user).action_hold_invoices()
        self.assertEqual(self.invoice.adv_hold_reason, "dispute")
        self.assertEqual(claim.held_invoice_count, 1)
        claim.with_user(self.adv_user).action_release_invoices()
        self.assertFalse(self.invoice.adv_hold_reason)

    def test_another_open_claim_keeps_the_hold(self):
        first = self._new_claim(dispute_hold=True)
        second = self._new_claim(dispute_hold=True, lines={self.gadget: 1.0})
        self._resolve(first)
        self.assertEqual(self.invoice.adv_hold_reason, "dispute")
        second.with_user(self.adv_user).stage_id = self.stage_rejected
        self.assertFalse(self.invoice.adv_hold_reason)

    def test_reopen_holds_again(self):
        claim = self._new_claim(dispute_hold=True)
        claim.stage_id = self.stage_rejected
        self.assertFalse(self.invoice.adv_hold_reason)
        claim.stage_id = self.stage_new
        self.assertEqual(self.invoice.adv_hold_reason, "dispute")

    def test_other_hold_reasons_untouched(self):
        protected(self.invoice).adv_hold_reason = "promise"
        claim = self._new_claim(dispute_hold=True)
        self.assertEqual(self.invoice.adv_hold_reason, "promise")
        self._resolve(claim, self.stage_closed)
        self.assertEqual(self.invoice.adv_hold_reason, "promise")

    def test_removed_invoice_released(self):
        claim = self._new_claim(dispute_hold=True, lines={})
        claim.invoice_ids = [Command.clear()]
        self.assertFalse(self.invoice.adv_hold_reason)

    def test_paid_invoice_not_held(self):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.invoice.ids
        ).create({})._create_payments()
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self._new_claim(dispute_hold=True)
        if self.invoice.payment_state == "paid":
            self.assertFalse(self.invoice.adv_hold_reason)
