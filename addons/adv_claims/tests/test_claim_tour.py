# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimTour(AdvClaimCommon, HttpCase):
    """Browser tour: claim from an invoice, dispute, credit note, resolve."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.adv_user.password = "claim_user_pw"

    def test_claim_from_invoice_to_credit_note(self):
        self.start_tour(
            f"/odoo/action-account.action_move_out_invoice_type/{self.invoice.id}",
            "adv_claims_from_invoice",
            login=self.adv_user.login,
        )
        claim = self.env["adv.claim"].search([("invoice_ids", "in", self.invoice.ids)])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.stage_id, self.stage_resolved)
        self.assertEqual(claim.cause_id, self.cause)
        refund = claim.correction_move_ids
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.invoice_line_ids.quantity, 2.0)
        self.assertFalse(self.invoice.adv_hold_reason)
        # The invoice went through dispute while the claim was open.
        hold_tracking = self.invoice.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "adv_hold_reason"
        )
        self.assertEqual(len(hold_tracking), 2)

    def test_kanban_cards_label_their_deadlines(self):
        self._new_claim()
        self.start_tour(
            "/odoo/action-adv_claims.adv_claim_action",
            "adv_claims_kanban_deadlines",
            login=self.adv_user.login,
        )
