# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimRating(AdvClaimCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()

    def requests(self, claim):
        return claim.message_ids.filtered(lambda m: "/rate/" in (m.body or ""))

    def test_asked_once_when_resolved(self):
        claim = self._new_claim()
        self.assertFalse(claim.adv_rating_requested_date, "open: not asked")
        with freeze_time("2026-05-04 10:00:00"):
            self._resolve(claim)
        self.assertEqual(str(claim.adv_rating_requested_date), "2026-05-04 10:00:00")
        request = self.requests(claim)
        self.assertEqual(len(request), 1)
        self.assertIn(self.contact, request.partner_ids, "the person who claimed")
        rating = claim.rating_ids
        self.assertEqual(rating.partner_id, self.contact)
        self.assertEqual(rating.rated_partner_id, claim.user_id.partner_id)
        self.assertIn(f"/rate/{rating.access_token}/", request.body)
        # Reopened and resolved again, or closed afterwards: still one request.
        claim.stage_id = self.stage_new
        self._resolve(claim)
        claim.stage_id = self.stage_closed
        self.assertEqual(len(self.requests(claim)), 1)
        self.assertEqual(len(claim.rating_ids), 1)

    def test_rejected_claim_not_asked(self):
        claim = self._new_claim()
        self._resolve(claim, self.stage_rejected)
        self.assertFalse(claim.adv_rating_requested_date)
        self.assertFalse(self.requests(claim))

    def test_company_setting_off(self):
        self.company.adv_claim_rating = False
        claim = self._new_claim()
        self._resolve(claim)
        self.assertFalse(self.requests(claim))

    def test_request_date_is_protected(self):
        claim = self._new_claim()
        self._resolve(claim)
        with self.assertRaises(AccessError):
            claim.with_user(self.adv_user).write({"adv_rating_requested_date": False})
        rating = claim.rating_ids
        with self.assertRaises(AccessError):
            claim.with_user(self.adv_user).rating_apply(5, token=rating.access_token)
        # The customer's answer (the public page, as superuser) is recorded.
        claim.sudo().rating_apply(4, token=rating.access_token, feedback="Quick credit note")
        self.assertEqual(claim.rating_count, 1)
        self.assertEqual(claim.rating_avg, 4.0)
