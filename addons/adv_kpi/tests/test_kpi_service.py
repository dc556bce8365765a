# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import AdvKpiDataCommon


@tagged("post_install", "-at_install")
class TestKpiService(AdvKpiDataCommon):
    def test_ack_within_sla(self):
        # Acknowledged in March with a deadline: O1 (in), O2 (late), O3 (in)
        # -> 2 / 3 = 66.67 %.
        result = self.kpi("ack_sla_rate")
        self.assertEqual((result["numerator"], result["denominator"]), (2, 3))
        self.assertAlmostEqual(result["value"], 200.0 / 3)
        # Alice: O1 of O1, O2 -> 50 %; Bob: O3 -> 100 %.
        self.assertEqual(self.value("ack_sla_rate", handler=self.alice), 50.0)
        self.assertEqual(self.value("ack_sla_rate", handler=self.bob), 100.0)

    def test_ack_delay(self):
        # O1 3 h + O2 24 h + O3 2 h = 29 h over 3 orders = 9.67 h.
        result = self.kpi("ack_delay_hours")
        self.assertAlmostEqual(result["numerator"], 29.0)
        self.assertEqual(result["denominator"], 3)
        self.assertAlmostEqual(result["value"], 29.0 / 3)
        # Alice (3 + 24) / 2 = 13.5 h.
        self.assertAlmostEqual(self.value("ack_delay_hours", handler=self.alice), 13.5)

    def test_otif(self):
        self.assertTrue(self.o1.adv_otif)
        self.assertFalse(self.o2.adv_otif)
        # Fully delivered in March: O1 (OTIF), O2 (late); O3 still owes the
        # gadgets -> 1 / 2 = 50 %.
        self.assertEqual(self.kpi("otif_rate"), {"numerator": 1, "denominator": 2, "value": 50.0})
        # Bob has no order fully delivered: no data.
        self.assertIsNone(self.value("otif_rate", handler=self.bob))

    def test_on_time_delivery(self):
        # Customer deliveries done in March: O1 03-09 (promised 03-10, on
        # time), O2 03-12 (promised 03-06, late), O3's first 03-15 (promised
        # 03-20, on time) -> 2 / 3 = 66.67 %.
        result = self.kpi("on_time_delivery_rate")
        self.assertEqual((result["numerator"], result["denominator"]), (2, 3))
        self.assertAlmostEqual(result["value"], 200.0 / 3)
        # Alice: O1 of O1, O2 -> 50 %; Bob: O3 -> 100 %.
        self.assertEqual(self.value("on_time_delivery_rate", handler=self.alice), 50.0)
        self.assertEqual(self.value("on_time_delivery_rate", handler=self.bob), 100.0)

    def test_backorder_rate(self):
        # Deliverable lines of the orders confirmed in March: O1, O2, O3 x 2,
        # O4 = 5; with a remainder: O3's gadgets and O4's widgets -> 2 / 5 = 40 %.
        self.assertEqual(
            self.kpi("backorder_rate"), {"numerator": 2, "denominator": 5, "value": 40.0}
        )
        # Alice: 0 / 2 = 0 %; Bob: 2 / 3 = 66.67 %.
        self.assertEqual(self.value("backorder_rate", handler=self.alice), 0.0)
        self.assertAlmostEqual(self.value("backorder_rate", handler=self.bob), 200.0 / 3)

    def test_open_backorder_value(self):
        # Open remainders of orders placed by the end of March: O3 2 gadgets x
        # 30 = 60 + O4 5 widgets x 12 = 60 -> 120 (O7, placed in April, is out).
        self.assertAlmostEqual(self.value("backorder_value"), 120.0)
        self.assertAlmostEqual(self.value("backorder_value", handler=self.alice), 0.0)
        # April adds O7: 10 widgets x 12 = 120 -> 240.
        april = (
            self.o7.date_order.date().replace(day=1),
            self.o7.date_order.date().replace(day=30),
        )
        self.assertAlmostEqual(self.value("backorder_value", period=april), 240.0)
