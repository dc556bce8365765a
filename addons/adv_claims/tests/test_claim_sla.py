# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimSla(AdvClaimCommon):
    """First-response and resolution deadlines, late flags and their filters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()

    def _late(self, field):
        return self.env["adv.claim"].with_user(self.adv_user).search([(field, "=", True)])

    def test_deadlines_and_late_flags(self):
        with freeze_time("2026-05-04 08:00:00"):
            claim = self._new_claim(date_received="2026-05-04 08:00:00")
            self.assertEqual(claim.first_response_deadline, datetime(2026, 5, 5, 8, 0))
            self.assertEqual(claim.resolution_deadline, datetime(2026, 5, 14, 8, 0))
            self.assertFalse(claim.is_first_response_late or claim.is_resolution_late)
            self.assertNotIn(claim, self._late("is_first_response_late"))
        with freeze_time("2026-05-05 09:00:00"):
            claim.invalidate_recordset(["is_first_response_late", "is_resolution_late"])
            self.assertTrue(claim.is_first_response_late)
            self.assertFalse(claim.is_resolution_late)
            self.assertIn(claim, self._late("is_first_response_late"))
            self.assertNotIn(claim, self._late("is_resolution_late"))
            self.assertNotIn(
                claim,
                self.env["adv.claim"].search([("is_first_response_late", "=", False)]),
            )
            # Answering late keeps it late.
            claim.with_user(self.adv_user).message_post(
                body="We are looking into it.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=claim.contact_id.ids,  # the reply goes to the customer
            )
            self.assertEqual(claim.first_response_date, datetime(2026, 5, 5, 9, 0))
            self.assertTrue(claim.is_first_response_late)
        with freeze_time("2026-05-20 09:00:00"):
            claim.invalidate_recordset(["is_first_response_late", "is_resolution_late"])
            self.assertTrue(claim.is_resolution_late)
            self.assertIn(claim, self._late("is_resolution_late"))

    def test_answered_in_time_and_resolved_in_time(self):
        with freeze_time("2026-05-04 08:00:00"):
            claim = self._new_claim(date_received="2026-05-04 08:00:00")
        with freeze_time("2026-05-04 10:00:00"):
            claim.stage_id = self.env.ref("adv_claims.adv_claim_stage_solution")
            self.assertEqual(claim.first_response_date, datetime(2026, 5, 4, 10, 0))
        with freeze_time("2026-05-10 10:00:00"):
            self._resolve(claim)
        with freeze_time("2026-06-30 10:00:00"):
            claim.invalidate_recordset(["is_first_response_late", "is_resolution_late"])
            self.assertFalse(claim.is_first_response_late)
            self.assertFalse(claim.is_resolution_late)
            self.assertNotIn(claim, self._late("is_resolution_late"))
            self.assertNotIn(claim, self._late("is_first_response_late"))

    def test_internal_note_is_no_response(self):
        claim = self._new_claim()
        claim.with_user(self.adv_user).message_post(
            body="Called the carrier", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(claim.first_response_date)
