# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import AdvKpiDataCommon


@tagged("post_install", "-at_install")
class TestKpiQuality(AdvKpiDataCommon):
    def test_entry_error_rate(self):
        # Confirmed in March: O1, O2, O3, O4 = 4; with at least one error:
        # O2, O3 (two errors, counted once), O4 = 3 -> 3 / 4 = 75 %.
        self.assertEqual(
            self.kpi("entry_error_rate"), {"numerator": 3, "denominator": 4, "value": 75.0}
        )
        # Alice: O2 of O1, O2 -> 1 / 2 = 50 %; Bob: O3, O4 of O3, O4 -> 100 %.
        self.assertEqual(self.value("entry_error_rate", handler=self.alice), 50.0)
        self.assertEqual(self.value("entry_error_rate", handler=self.bob), 100.0)

    def test_credit_note_ratio(self):
        # Credit notes 100 + 100 (200 EUR at 2) = 200 / invoiced 1000 + 500 =
        # 1500 -> 13.33 %.
        result = self.kpi("credit_note_ratio")
        self.assertAlmostEqual(result["numerator"], 200.0)
        self.assertAlmostEqual(result["denominator"], 1500.0)
        self.assertAlmostEqual(result["value"], 200.0 / 1500.0 * 100)
        # Alice 100 / 1000 = 10 %; Bob 100 / 500 = 20 %.
        self.assertAlmostEqual(self.value("credit_note_ratio", handler=self.alice), 10.0)
        self.assertAlmostEqual(self.value("credit_note_ratio", handler=self.bob), 20.0)
