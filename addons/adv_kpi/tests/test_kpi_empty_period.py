# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo.tests import tagged

from .common import AdvKpiDataCommon

JANUARY_2025 = (fields.Date.to_date("2025-01-01"), fields.Date.to_date("2025-01-31"))


@tagged("post_install", "-at_install")
class TestKpiEmptyPeriod(AdvKpiDataCommon):
    def test_ratios_without_denominator_have_no_data(self):
        definitions = self.Definition._for_company(self.company)
        results = self.engine._compute(definitions, self.company, *JANUARY_2025)
        by_code = {d.code: results[d.id] for d in definitions}
        for code in (
            "entry_error_rate",
            "credit_note_ratio",
            "ack_sla_rate",
            "ack_delay_hours",
            "otif_rate",
            "on_time_delivery_rate",
            "backorder_rate",
            "dso",
        ):
            self.assertIsNone(by_code[code]["value"], code)
        for code in ("orders_received", "orders_confirmed", "invoices_issued", "backorder_value"):
            self.assertEqual(by_code[code]["value"], 0, code)
        # Nothing was dated before 2025-12-01: no receivable at all.
        self.assertEqual(by_code["overdue_over_90"]["value"], 0)

    def test_dashboard_shows_no_data(self):
        data = (
            self.env["adv.kpi.dashboard"]
            .with_user(self.manager)
            .get_dashboard({"period_type": "month", "date": "2025-01-15"})
        )
        tile = next(t for t in data["tiles"] if t["code"] == "otif_rate")
        self.assertIsNone(tile["value"])
        self.assertEqual(tile["value_display"], "No data")
        self.assertEqual(tile["status"], "none")
        self.assertIsNone(tile["trend"])
