# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.adv_orders.protected import protected

from ..models.adv_claim_type import CORRECTIONS
from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimCreditNote(AdvClaimCommon):
    """Credit notes from a claim: partial, capped, approved above a threshold,
    never twice for one click."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.tax_factor = 1 + cls.tax_sale_a.amount / 100

    def _refunds(self):
        return self.env["account.move"].search([("reversed_entry_id", "=", self.invoice.id)])

    def _standard_refund(self, quantity):
        """A credit note made outside the claim, with Odoo's own reversal."""
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create({"journal_id": self.invoice.journal_id.id, "reason": "Earlier credit"})
        )
        refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.write(
            {
                "invoice_line_ids": [
                    Command.update(line.id, {"quantity": quantity})
                    if line.product_id == self.widget
                    else Command.delete(line.id)
                    for line in refund.invoice_line_ids
                ]
            }
        )
        refund.action_post()
        return refund

    def test_lines_capped_by_earlier_credit_note(self):
        """6 widgets invoiced, 5 already credited: claiming 3 credits only 1."""
        self._standard_refund(5.0)
        claim = self._new_claim(lines={self.widget: 3.0})
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.invoice_line_ids.quantity, 1.0)
        self.assertEqual(claim.line_ids.qty_credited, 1.0)
        self.assertEqual(claim.line_ids.qty_to_credit, 2.0)
        # Nothing is left on the invoice: the next click is refused, nothing created.
        with self.assertRaises(UserError):
            claim.action_create_credit_note()
        self.assertEqual(len(self._refunds()), 2)

    def test_amount_capped_at_remaining(self):
        """An amount credit note never exceeds invoiced minus earlier credit notes."""
        claim = self._new_claim()
        total = self.invoice.amount_total
        wizard = Form(
            self.env["adv.claim.credit.note"]
            .with_user(self.adv_user)
            .with_context(default_claim_id=claim.id)
        )
        wizard.mode = "amount"
        wizard.amount = 500.0
        wizard.reason = "Price difference"
        wizard.save().action_confirm()
        first = claim.correction_move_ids
        self.assertEqual(first.state, "posted")
        self.assertAlmostEqual(first.amount_total, 500.0 * self.tax_factor)
        remaining = total - first.amount_total
        with self.assertRaises(UserError) as caught:
            self.env["adv.claim.credit.note"].with_user(self.adv_user).create(
                {
                    "claim_id": claim.id,
                    "mode": "amount",
                    "invoice_id": self.invoice.id,
                    "amount": remaining / self.tax_factor + 10.0,
                }
            ).action_confirm()
        self.assertIn("exceeds what remains creditable", str(caught.exception))
        self.assertEqual(self._refunds(), first)
        # Exactly what remains is fine.
        self.env["adv.claim.credit.note"].with_user(self.adv_user).create(
            {
                "claim_id": claim.id,
                "mode": "amount",
                "invoice_id": self.invoice.id,
                "amount": remaining / self.tax_factor,
            }
        ).action_confirm()
        self.assertEqual(len(self._refunds()), 2)
        self.assertTrue(self.invoice.currency_id.is_zero(self.invoice.amount_residual))

    def test_double_click_guard(self):
        """A second click neither on the claim nor on the same dialog creates a second note."""
        claim = self._new_claim()
        claim.action_create_credit_note()
        with self.assertRaises(UserError):
            claim.action_create_credit_note()
        self.assertEqual(len(self._refunds()), 1)
        wizard = (
            self.env["adv.claim.credit.note"]
            .with_user(self.adv_user)
            .create(
                {
                    "claim_id": claim.id,
                    "mode": "amount",
                    "invoice_id": self.invoice.id,
                    "amount": 10,
                }
            )
        )
        first = wizard.action_confirm()
        second = wizard.action_confirm()
        self.assertEqual(first["res_id"], second["res_id"])
        self.assertEqual(len(self._refunds()), 2)

    def test_approval_threshold(self):
        """Above the company threshold the credit note waits for a manager."""
        self.company.adv_claim_credit_note_threshold = 150.0
        claim = self._new_claim(lines={self.widget: 2.0})
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        self.assertTrue(claim.credit_note_to_approve)
        activity = claim.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("adv_claims.mail_activity_type_claim_approval")
            )
        )
        self.assertIn(self.adv_manager, activity.user_id)
        # The assistant can neither post nor approve it.
        with self.assertRaises(UserError):
            refund.with_user(self.adv_user).action_post()
        with self.assertRaises(UserError):
            claim.with_user(self.adv_user).action_approve_credit_notes()
        self.assertEqual(refund.state, "draft")
        # The manager approves: posted and settled against the invoice.
        residual = self.invoice.amount_residual
        claim.with_user(self.adv_manager).action_approve_credit_notes()
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.adv_claim_approval_state, "approved")
        self.assertAlmostEqual(self.invoice.amount_residual, residual - refund.amount_total)
        self.assertFalse(claim.credit_note_to_approve)

    def test_below_threshold_posted_at_once(self):
        self.company.adv_claim_credit_note_threshold = 1000.0
        claim = self._new_claim(lines={self.widget: 1.0})
        claim.action_create_credit_note()
        self.assertEqual(claim.correction_move_ids.state, "posted")
        self.assertFalse(claim.correction_move_ids.adv_claim_approval_state)

    def test_commercial_gesture(self):
        gesture = self._create_product(name="Commercial gesture", type="service", lst_price=0)
        claim = self._new_claim()
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.adv_user)._create_gesture(50.0)
        self.assertIn("gesture product", str(caught.exception))
        self.company.adv_claim_gesture_product_id = gesture
        self.env["adv.claim.credit.note"].with_user(self.adv_user).create(
            {"claim_id": claim.id, "mode": "gesture", "amount": 50.0, "reason": "Sorry"}
        ).action_confirm()
        refund = claim.correction_move_ids
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.invoice_line_ids.product_id, gesture)
        self.assertEqual(refund.adv_claim_id, claim)
        self.assertEqual(claim.credit_note_count, 1)

    def test_corrected_invoice(self):
        """Full credit note of the invoice and a new draft copy, both on the claim."""
        claim = self._new_claim(dispute_hold=True)
        self.assertEqual(self.invoice.adv_hold_reason, "dispute")
        action = (
            self.env["adv.claim.credit.note"]
            .with_user(self.adv_user)
            .create({"claim_id": claim.id, "mode": "reinvoice", "invoice_id": self.invoice.id})
            .action_confirm()
        )
        new_invoice = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(new_invoice.move_type, "out_invoice")
        self.assertEqual(new_invoice.state, "draft")
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertEqual(claim.credit_note_count, 1)
        self.assertEqual(claim.corrected_invoice_count, 1)
        self.assertFalse(self.invoice.adv_hold_reason)
        # Once credited, an invoice cannot be re-invoiced again.
        with self.assertRaises(UserError):
            claim._create_corrected_invoice(self.invoice)

    def test_correction_date_only_from_server_code(self):
        """A client's context key does not date a credit note back; server
        code loading history does, through a protected environment."""
        back = date(2026, 1, 15)
        claim = self._new_claim().with_context(adv_correction_date="2026-01-15")
        self.assertEqual(claim._adv_correction_date(), fields.Date.context_today(claim))
        refund = claim.with_user(self.adv_user)._action_create_credit_note()
        self.assertNotEqual(refund.invoice_date, back)
        other = self._new_claim()
        refund = (
            protected(other).with_context(adv_correction_date=back)._action_create_credit_note()
        )
        self.assertEqual((refund.invoice_date, refund.date), (back, back))

    def test_every_correction_has_its_method(self):
        """A correction is one selection entry and one _adv_correct_<code>;
        an unknown code is refused, and the generic button dispatches."""
        Claim = self.env["adv.claim"]
        for code, _label in CORRECTIONS:
            self.assertTrue(hasattr(Claim, f"_adv_correct_{code}"), code)
        claim = self._new_claim()
        with self.assertRaises(UserError):
            claim._adv_correct("carrier_pigeon")
        action = claim.with_user(self.adv_user).with_context(adv_correction="credit_note")
        action.action_adv_correct()
        self.assertEqual(claim.credit_note_count, 1)
        with self.assertRaises(UserError):
            claim.with_context(adv_correction="carrier_pigeon").action_adv_correct()
