# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import AdvKpiDataCommon


@tagged("post_install", "-at_install")
class TestKpiCron(AdvKpiDataCommon):
    def march(self, handler=False):
        return self.env["adv.kpi.value"].search(
            [
                ("company_id", "=", self.company.id),
                ("date_from", "=", "2026-03-01"),
                ("date_to", "=", "2026-03-31"),
                ("handler_id", "=", handler),
            ]
        )

    def test_cron_twice_stores_one_value_per_kpi(self):
        cron = self.env.ref("adv_kpi.ir_cron_adv_kpi_compute")
        definitions = self.Definition._for_company(self.company)
        with freeze_time("2026-04-01 02:00:00"):
            cron.method_direct_trigger()
        first = self.march()
        self.assertEqual(len(first), len(definitions))
        self.assertEqual(first.definition_id, definitions)
        received = first.filtered(lambda v: v.code == "orders_received")
        self.assertEqual(received.value, 4)
        # A late order for March, then the cron again: updated, not duplicated.
        self.make_order(self.alice, "2026-03-30 09:00:00")
        with freeze_time("2026-04-02 02:00:00"):
            cron.method_direct_trigger()
        second = self.march()
        self.assertEqual(second, first)
        self.assertEqual(received.value, 5)
        # One row per handler KPI for Alice as well.
        per_handler = definitions.filtered("per_handler")
        self.assertEqual(self.march(self.alice.id).definition_id, per_handler)

    def test_cron_keeps_history(self):
        with freeze_time("2026-04-01 02:00:00"):
            self.env["adv.kpi.value"]._cron_compute()
        received = self.env.ref("adv_kpi.kpi_orders_received")
        months = self.env["adv.kpi.value"].search(
            [
                ("definition_id", "=", received.id),
                ("period_type", "=", "month"),
                ("handler_id", "=", False),
                ("company_id", "=", self.company.id),
            ]
        )
        # The last twelve months, 2025-05 .. 2026-04.
        self.assertEqual(len(months), 12)
        self.assertEqual(min(months.mapped("date_from")).isoformat(), "2025-05-01")
        # Quarters and years are kept too (current and previous).
        quarters = months.search(
            [
                ("definition_id", "=", received.id),
                ("period_type", "=", "quarter"),
                ("handler_id", "=", False),
            ]
        )
        self.assertEqual(
            sorted(q.date_from.isoformat() for q in quarters), ["2026-01-01", "2026-04-01"]
        )
        q1 = quarters.filtered(lambda q: q.date_from.isoformat() == "2026-01-01")
        # Q1 2026: O4 (02-27) + O1, O2, O3, O5 = 5 received.
        self.assertEqual(q1.value, 5)
