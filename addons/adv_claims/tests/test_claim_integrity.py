# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the claim forms prevent, a JSON-RPC call by the same user cannot do
either: each bypass is tried as the user, refused, and changes nothing."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AdvClaimCommon

NAN = float("nan")


@tagged("post_install", "-at_install")
class TestClaimIntegrity(AdvClaimCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.other_order, _picking, cls.other_invoice = cls._make_invoiced_order(
            partner=cls.other_customer
        )
        cls.company.adv_claim_credit_note_threshold = 150.0

    def _waiting_credit_note(self):
        claim = self._new_claim(lines={self.widget: 2.0})
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        return claim, refund

    def test_approval_state_cannot_be_cleared(self):
        """An ADV user clears the approval and posts: refused, still waiting."""
        claim, refund = self._waiting_credit_note()
        as_user = refund.with_user(self.adv_user)
        for value in (False, "approved"):
            with self.subTest(value=value), self.assertRaises(AccessError):
                as_user.write({"adv_claim_approval_state": value})
        with self.assertRaises(UserError):
            as_user.action_post()
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")

    def test_unlinked_credit_note_above_threshold_needs_a_manager(self):
        """Reset to draft and raised above the threshold, a credit note is not
        posted again without a manager."""
        self.company.adv_claim_credit_note_threshold = 1000.0
        claim = self._new_claim(lines={self.widget: 1.0})
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.state, "posted")
        refund.button_draft()
        self.company.adv_claim_credit_note_threshold = 50.0
        with self.assertRaises(UserError):
            refund.with_user(self.adv_user).action_post()
        self.assertEqual(refund.state, "draft")
        refund.with_user(self.adv_manager).action_post()  # a manager posting approves
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.adv_claim_approval_state, "approved")

    def test_cap_checked_again_at_approval(self):
        """Raised while it waits, beyond what the invoice allows: the manager's
        approval is refused and nothing is posted."""
        claim, refund = self._waiting_credit_note()
        line = refund.invoice_line_ids.filtered("product_id")
        refund.write(
            {
                "invoice_line_ids": [
                    Command.update(line.id, {"price_unit": self.invoice.amount_total * 2})
                ]
            }
        )
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.adv_manager).action_approve_credit_notes()
        self.assertIn("exceeds what remains creditable", str(caught.exception))
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        with self.assertRaises(UserError):
            refund.with_user(self.adv_manager).action_post()
        self.assertEqual(refund.state, "draft")

    def test_claim_link_is_not_written_by_hand(self):
        """A credit note cannot be passed off as a claim's correction."""
        claim = self._new_claim()
        with self.assertRaises(AccessError):
            self.invoice.with_user(self.adv_user).write({"adv_claim_id": claim.id})
        self.assertFalse(claim.correction_move_ids)

    def test_wizard_refuses_an_invoice_of_another_customer(self):
        claim = self._new_claim()
        for mode in ("amount", "reinvoice"):
            wizard = (
                self.env["adv.claim.credit.note"]
                .with_user(self.adv_user)
                .create(
                    {
                        "claim_id": claim.id,
                        "mode": mode,
                        "invoice_id": self.other_invoice.id,
                        "amount": 10.0,
                    }
                )
            )
            with self.subTest(mode=mode), self.assertRaises(UserError):
                wizard.action_confirm()
        self.assertFalse(claim.correction_move_ids)
        self.assertFalse(self.other_invoice.reversal_move_ids)

    def test_contact_of_another_customer(self):
        stranger = self.env["res.partner"].create(
            {"name": "Stranger", "parent_id": self.other_customer.id}
        )
        with self.assertRaises(ValidationError):
            self._new_claim(contact_id=stranger.id)
        claim = self._new_claim()
        with self.assertRaises(ValidationError):
            claim.with_user(self.adv_user).write({"contact_id": stranger.id})
        self.assertEqual(claim.contact_id, self.contact)

    def test_not_a_number(self):
        with self.assertRaises(ValidationError):
            self._new_claim(lines={self.widget: NAN})
        claim = self._new_claim()
        with self.assertRaises(ValidationError):
            claim.line_ids.with_user(self.adv_user).write({"quantity": float("inf")})
        self.assertEqual(claim.line_ids.quantity, 2.0)
        with self.assertRaises(ValidationError):
            self.env["adv.claim.credit.note"].with_user(self.adv_user).create(
                {"claim_id": claim.id, "mode": "amount", "amount": NAN}
            )
        self.assertFalse(claim.correction_move_ids)

    def test_recurrence_key_from_a_client_is_ignored(self):
        """Two claims of the same product and cause: the recurrence is flagged
        even when the client asks to skip it."""
        self.company.write({"adv_claim_recurrence_count": 2, "adv_claim_recurrence_days": 90})
        self._new_claim(cause_id=self.cause.id)
        claim = self._new_claim(cause_id=self.cause.id, lines={})
        claim.with_user(self.adv_user).with_context(adv_claim_skip_recurrence=True).write(
            {"line_ids": [Command.create({"product_id": self.widget.id, "quantity": 1.0})]}
        )
        self.assertTrue(claim.is_recurring)


@tagged("post_install", "-at_install")
class TestClaimPortalBadIds(HttpCase, AdvClaimCommon):
    def test_non_numeric_and_foreign_ids(self):
        portal = new_test_user(
            self.env,
            login="claim_portal_bad_ids",
            groups="base.group_portal",
            partner_id=self.contact.id,
        )
        self.authenticate(portal.login, portal.login)
        for url in (
            "/my/claims/abc",
            "/my/claims/new?order_id=abc",
            "/my/claims/new?invoice_id=1x",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        _order, _picking, other_invoice = self._make_invoiced_order(partner=self.other_customer)
        response = self.url_open(f"/my/claims/new?invoice_id={other_invoice.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my"), "another customer's invoice: back home")
        response = self.url_open("/my/claims/99999999")
        self.assertTrue(response.url.endswith("/my"))
