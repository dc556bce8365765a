# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimRecurrence(AdvClaimCommon):
    """Same product and cause N times within D days: recurring, and a manager activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.company.write({"adv_claim_recurrence_count": 3, "adv_claim_recurrence_days": 30})
        cls.recurring_type = cls.env.ref("adv_claims.mail_activity_type_claim_recurring")

    def _claim_on(self, date, product=None, cause=None):
        return self._new_claim(
            date_received=date,
            cause_id=(cause or self.cause).id,
            lines={product or self.widget: 1.0},
        )

    def _streak_activities(self, claims):
        return claims.activity_ids.filtered(lambda a: a.activity_type_id == self.recurring_type)

    @freeze_time("2026-03-31 12:00:00")
    def test_flag_on_nth_claim_only(self):
        first = self._claim_on("2026-03-01 09:00:00")
        second = self._claim_on("2026-03-10 09:00:00")
        self.assertFalse(first.is_recurring or second.is_recurring)
        # Another cause, another product, or outside the 30 days: no streak.
        other_cause = self.env["adv.claim.cause"].create({"name": "Other", "department": "sales"})
        self._claim_on("2026-03-12 09:00:00", cause=other_cause)
        self._claim_on("2026-03-12 09:00:00", product=self.gadget)
        self._claim_on("2026-01-15 09:00:00")
        self.assertFalse(self.env["adv.claim"].search([("is_recurring", "=", True)]))
        self.assertFalse(self._streak_activities(self.env["adv.claim"].search([])))

        third = self._claim_on("2026-03-20 09:00:00")
        self.assertTrue(third.is_recurring)
        self.assertTrue(third.line_ids.is_recurring)
        activities = self._streak_activities(third)
        self.assertIn(self.adv_manager, activities.user_id)
        self.assertNotIn(self.adv_user, activities.user_id)

        # The streak goes on: flagged, but no new activity.
        fourth = self._claim_on("2026-03-25 09:00:00")
        self.assertTrue(fourth.is_recurring)
        self.assertFalse(self._streak_activities(fourth))

        report = (
            self.env["adv.claim.line"]
            .with_user(self.adv_user)
            ._read_group([("is_recurring", "=", True)], ["product_id", "cause_id"], ["__count"])
        )
        self.assertEqual(report, [(self.widget, self.cause, 2)])

    @freeze_time("2026-03-31 12:00:00")
    def test_cause_set_later(self):
        claims = self._claim_on("2026-03-01 09:00:00") | self._claim_on("2026-03-02 09:00:00")
        late = self._new_claim(date_received="2026-03-03 09:00:00", lines={self.widget: 1.0})
        self.assertFalse(late.is_recurring)
        late.cause_id = self.cause
        self.assertTrue(late.is_recurring)
        self.assertFalse(claims.filtered("is_recurring"))
