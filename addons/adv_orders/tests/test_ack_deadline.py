# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AdvAckCommon


@tagged("post_install", "-at_install")
class TestAckDeadline(AdvAckCommon):
    """The deadline runs in working hours; the scheduled action flags and escalates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"].create(
            {"name": "ADV 40h UTC", "tz": "UTC"}  # Mon-Fri 8-12 13-17 by default
        )
        cls.env.company.resource_calendar_id = calendar
        cls.env.company.adv_ack_escalation_hours = 24
        cls.rule.send_mode = "manual"  # stay open, to be late

    def confirmed(self, received):
        order = self.create_order(adv_received_date=received, adv_user_id=self.adv_user.id)
        order.action_confirm()
        return order

    def test_deadline_in_working_hours(self):
        # Friday 15:00 + 8 working hours = Friday 15-17, Monday 8-12 and 13-15.
        order = self.confirmed("2026-01-09 15:00:00")
        self.assertEqual(order.adv_ack_deadline, datetime(2026, 1, 12, 15, 0))
        self.rule.sla_hours = 0
        self.assertEqual(
            self.confirmed("2026-01-09 15:00:00").adv_ack_deadline, datetime(2026, 1, 9, 15, 0)
        )

    def test_deadlines_of_many_orders_as_the_calendar_plans_them(self):
        """Orders confirmed together get their deadlines from working
        intervals read once: the same moments as plan_hours finds for each,
        in a calendar of another time zone, across a public holiday, a
        closure longer than the intervals read, and any delay."""
        calendar = self.env["resource.calendar"].create({"name": "Paris", "tz": "Europe/Paris"})
        self.env.company.resource_calendar_id = calendar
        self.env["resource.calendar.leaves"].create(
            [
                {"name": "Armistice", "calendar_id": calendar.id,
                 "date_from": datetime(2026, 11, 10, 23, 0),
                 "date_to": datetime(2026, 11, 11, 23, 0)},
                {"name": "Closed for the holidays", "calendar_id": calendar.id,
                 "date_from": datetime(2026, 12, 19, 0, 0), "date_to": datetime(2027, 1, 31, 0, 0)},
            ]
        )  # fmt: skip
        starts = [
            datetime(2026, 11, 9, 7, 30), datetime(2026, 11, 10, 16, 45),
            datetime(2026, 11, 14, 10, 0), datetime(2026, 11, 16, 11, 59),
            datetime(2026, 12, 18, 15, 0), datetime(2026, 11, 20, 3, 0),
        ]  # fmt: skip
        for hours in (0.5, 8, 17.25, 60):
            self.rule.sla_hours = hours
            orders = self.env["sale.order"].browse(
                self.create_order(adv_received_date=start).id for start in starts
            )
            deadlines = orders._adv_ack_deadlines({order.id: self.rule for order in orders})
            for order, start in zip(orders, starts, strict=True):
                expected = calendar.plan_hours(hours, start, compute_leaves=True)
                self.assertEqual(deadlines[order.id], expected.replace(tzinfo=None), (hours, start))
        # Tuesday 17:45 in Paris, after hours; Wednesday is the Armistice: the
        # 8 hours are Thursday's 8-12 and 13-17, Paris time (16:00 UTC)
        self.rule.sla_hours = 8
        order = self.create_order(adv_received_date=datetime(2026, 11, 10, 16, 45))
        self.assertEqual(order._adv_ack_compute_deadline(self.rule), datetime(2026, 11, 12, 16, 0))

    def test_deadline_without_calendar(self):
        self.env.company.resource_calendar_id = False
        order = self.confirmed("2026-01-09 15:00:00")
        self.assertEqual(order.adv_ack_deadline, datetime(2026, 1, 9, 23, 0))

    def test_late_flag_and_escalation(self):
        order = self.confirmed("2026-01-09 15:00:00")  # due Monday 15:00
        in_time = self.confirmed("2026-01-09 15:00:00")
        in_time.action_adv_ack_send()
        Order = self.env["sale.order"]
        activity_type = self.env.ref("adv_orders.mail_activity_type_adv_ack")
        with freeze_time("2026-01-12 15:00:00"):
            Order._cron_adv_ack_late()
            self.assertFalse(order.adv_ack_late, "due now is not late yet")
        with freeze_time("2026-01-12 15:01:00"):
            Order._cron_adv_ack_late()
            self.assertTrue(order.adv_ack_late)
            self.assertFalse(in_time.adv_ack_late)
            late_search = Order.search(
                [("adv_ack_late", "=", True), ("id", "in", (order | in_time).ids)]
            )
            self.assertEqual(late_search, order)
            activities = order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            self.assertEqual(activities.user_id, self.adv_user)
            Order._cron_adv_ack_late()
            self.assertEqual(
                len(order.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)),
                len(activities),
                "a second run adds nothing",
            )
            self.assertFalse(order.adv_ack_escalated)
        with freeze_time("2026-01-13 15:01:00"):  # deadline + 24 h passed
            Order._cron_adv_ack_late()
            self.assertTrue(order.adv_ack_escalated)
            notice = order.message_ids.filtered(lambda m: "managers are notified" in str(m.body))
            self.assertEqual(len(notice), 1)
            self.assertIn(self.adv_manager.partner_id, notice.partner_ids)
            self.assertNotIn(self.adv_user.partner_id, notice.partner_ids)
            Order._cron_adv_ack_late()
            self.assertEqual(
                len(order.message_ids.filtered(lambda m: "managers are notified" in str(m.body))), 1
            )
        order.action_adv_ack_send()
        self.assertFalse(order.adv_ack_late, "acknowledged: no longer late")
