# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import AdvDeliveryCommon


@tagged("post_install", "-at_install")
class TestOtif(AdvDeliveryCommon):
    """On time, in full: the facts the KPI module measures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Delivery days are counted in the warehouse's time zone.
        cls.env.company.partner_id.tz = "Europe/Paris"
        cls.warehouse.partner_id.tz = "Europe/Paris"

    def order_promised_on(self, promise, lines=None):
        with freeze_time("2026-03-02 08:00:00"):
            return self.confirmed_order(
                lines or [(self.widget, 10.0, {}), (self.gadget, 2.0, {})],
                commitment_date=promise,
            )

    def test_promise_is_the_commitment_date_or_the_expected_date(self):
        order = self.order_promised_on("2026-03-10 09:00:00")
        self.assertEqual(
            order.adv_promised_date, fields.Datetime.to_datetime("2026-03-10 09:00:00")
        )
        with freeze_time("2026-03-02 08:00:00"):
            no_commitment = self.confirmed_order([(self.widget, 1.0, {})])
        self.assertTrue(no_commitment.adv_promised_date)
        self.assertEqual(no_commitment.adv_promised_date, no_commitment.expected_date)
        # Until acknowledged, the promise follows the commitment date.
        order.commitment_date = "2026-03-12 09:00:00"
        self.assertEqual(
            order.adv_promised_date, fields.Datetime.to_datetime("2026-03-12 09:00:00")
        )

    def test_promise_frozen_by_the_acknowledgement(self):
        self.rule.action_unarchive()
        self.rule.send_mode = "manual"
        order = self.order_promised_on("2026-03-10 09:00:00")
        self.assertEqual(order.adv_ack_state, "to_send")
        order.action_adv_ack_send()
        self.assertEqual(order.adv_ack_state, "acknowledged")
        self.env.cr.execute(
            "UPDATE sale_order SET commitment_date = '2026-03-20 09:00:00' WHERE id = %s",
            [order.id],
        )
        order.invalidate_recordset(["commitment_date"])
        self.assertEqual(
            order.adv_promised_date, fields.Datetime.to_datetime("2026-03-10 09:00:00")
        )

    def test_on_time_in_full(self):
        order = self.order_promised_on("2026-03-10 09:00:00")
        # 23:30 in Paris on the promised day is still on time.
        with freeze_time("2026-03-10 22:30:00"):
            self.deliver(self.open_delivery(order), {self.widget: 10.0, self.gadget: 2.0})
        picking = order.picking_ids
        self.assertTrue(order.adv_in_full)
        self.assertTrue(order.adv_on_time)
        self.assertTrue(order.adv_otif)
        self.assertEqual(
            order.adv_delivered_date, fields.Datetime.to_datetime("2026-03-10 22:30:00")
        )
        self.assertTrue(picking.adv_on_time)
        self.assertEqual(picking.adv_promised_date, order.adv_promised_date)

    def test_late_by_one_minute_past_the_promised_day(self):
        order = self.order_promised_on("2026-03-10 09:00:00")
        # 00:01 on the next day in Paris (23:01 UTC): late.
        with freeze_time("2026-03-10 23:01:00"):
            self.deliver(self.open_delivery(order), {self.widget: 10.0, self.gadget: 2.0})
        self.assertTrue(order.adv_in_full)
        self.assertFalse(order.adv_on_time)
        self.assertFalse(order.adv_otif)
        self.assertFalse(order.picking_ids.adv_on_time)

    def test_partial_first_shipment_is_not_in_full(self):
        order = self.order_promised_on("2026-03-10 09:00:00")
        with freeze_time("2026-03-05 10:00:00"):
            self.deliver(self.open_delivery(order), {self.widget: 10.0, self.gadget: 1.0})
        first = order.picking_ids.filtered(lambda p: p.state == "done")
        self.assertFalse(order.adv_in_full)
        self.assertFalse(order.adv_delivered_date, "not fully delivered yet")
        self.assertFalse(order.adv_on_time)
        self.assertTrue(first.adv_on_time, "the first delivery left before its promise")
        with freeze_time("2026-03-09 10:00:00"):
            self.deliver(self.open_delivery(order), {self.gadget: 1.0})
        self.assertEqual(
            order.adv_delivered_date, fields.Datetime.to_datetime("2026-03-09 10:00:00")
        )
        self.assertTrue(order.adv_on_time, "fully delivered before the promise")
        self.assertFalse(order.adv_in_full, "but not with its first shipment")
        self.assertFalse(order.adv_otif)

    def test_in_full_counts_in_the_line_unit(self):
        order = self.order_promised_on(
            "2026-03-10 09:00:00", lines=[(self.widget, 1.0, {"product_uom": self.uom_dozen.id})]
        )
        with freeze_time("2026-03-06 10:00:00"):
            self.deliver(self.open_delivery(order), {self.widget: 12.0}, uom=self.uom_unit)
        self.assertTrue(order.adv_in_full)
        self.assertTrue(order.adv_otif)

    def test_cancelled_remainder_is_not_in_full(self):
        self.customer.adv_backorder_policy = "cancel"
        order = self.order_promised_on("2026-03-10 09:00:00")
        with freeze_time("2026-03-06 10:00:00"):
            self.deliver(self.open_delivery(order), {self.widget: 8.0, self.gadget: 2.0})
        self.assertEqual(
            order.adv_delivered_date, fields.Datetime.to_datetime("2026-03-06 10:00:00")
        )
        self.assertTrue(order.adv_on_time)
        self.assertFalse(order.adv_in_full)
        self.assertFalse(order.adv_otif)
