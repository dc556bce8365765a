# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import ValidationError
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

    def test_partial_dispute_holds_the_disputed_amount(self):
        """Two widgets of 100.00 disputed on the invoice: 200.00 at the
        invoice's tax ratio is held, the rest is still chased; ticking 'hold
        the whole invoice' holds all of it."""
        claim = self._new_claim(dispute_hold=True)
        invoice = self.invoice
        expected = round(200.0 * invoice.amount_total / invoice.amount_untaxed, 2)
        self.assertEqual(claim.dispute_amount, expected)
        self.assertEqual((invoice.adv_hold_reason, invoice.adv_hold_amount), ("dispute", expected))
        claim.with_user(self.adv_user).dispute_amount = 150.0
        self.assertEqual(invoice.adv_hold_amount, 150.0)
        claim.with_user(self.adv_user).dispute_whole_invoice = True
        self.assertEqual((invoice.adv_hold_reason, invoice.adv_hold_amount), ("dispute", 0.0))
        claim.with_user(self.adv_user).dispute_whole_invoice = False
        self.assertEqual(invoice.adv_hold_amount, 150.0)
        # a second claim on the same invoice adds its disputed amount
        second = self._new_claim(dispute_hold=True, lines={self.gadget: 1.0})
        self.assertEqual(invoice.adv_hold_amount, 150.0 + second.dispute_amount)
        # released with the claims: nothing held any more
        self._resolve(claim)
        self._resolve(second)
        self.assertEqual((invoice.adv_hold_reason, invoice.adv_hold_amount), (False, 0.0))

    def test_dispute_amount_bad_input(self):
        claim = self._new_claim(dispute_hold=True)
        held = self.invoice.adv_hold_amount
        owed = self.invoice.amount_residual
        for amount in (-1.0, owed + 0.01):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                claim.with_user(self.adv_user).dispute_amount = amount
        self.assertEqual(self.invoice.adv_hold_amount, held, "nothing changed")
