# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import AdvKpiDataCommon


@tagged("post_install", "-at_install")
class TestKpiDashboard(AdvKpiDataCommon):
    def dashboard(self, **params):
        return self.env["adv.kpi.dashboard"].with_user(self.manager).get_dashboard(params)

    def test_periods(self):
        dashboard = self.env["adv.kpi.dashboard"]
        anchor = date(2026, 5, 17)
        self.assertEqual(dashboard._period("month", anchor), (date(2026, 5, 1), date(2026, 5, 31)))
        self.assertEqual(
            dashboard._period("quarter", anchor), (date(2026, 4, 1), date(2026, 6, 30))
        )
        self.assertEqual(dashboard._period("year", anchor), (date(2026, 1, 1), date(2026, 12, 31)))
        self.assertEqual(
            dashboard._shift("month", date(2026, 3, 1), date(2026, 3, 31), 1),
            (date(2026, 2, 1), date(2026, 2, 28)),
        )
        self.assertEqual(
            dashboard._shift("custom", date(2026, 3, 1), date(2026, 3, 10), 1),
            (date(2026, 2, 19), date(2026, 2, 28)),
        )

    def test_tiles_trend_and_sparkline(self):
        data = self.dashboard(period_type="month", date="2026-03-10")
        self.assertEqual((data["date_from"], data["date_to"]), ("2026-03-01", "2026-03-31"))
        tiles = {tile["code"]: tile for tile in data["tiles"]}
        confirmed = tiles["orders_confirmed"]
        # March 4 orders confirmed against 0 in February: up, no percentage.
        self.assertEqual((confirmed["value"], confirmed["previous"]), (4, 0))
        self.assertEqual(confirmed["trend"], "up")
        self.assertIsNone(confirmed["trend_pct"])
        self.assertEqual(len(confirmed["history"]), 12)
        self.assertEqual(confirmed["history"][-2:], [0, 4])
        # Received: 4 in March against 1 in February (O4): +300 %.
        received = tiles["orders_received"]
        self.assertEqual(received["previous"], 1)
        self.assertAlmostEqual(received["trend_pct"], 300.0)
        # OTIF 50 % against a 95 % target, amber from 85 %: red.
        self.assertEqual(tiles["otif_rate"]["status"], "red")
        # Entry errors 75 %, lower is better: red; more than in February: bad trend.
        self.assertEqual(tiles["entry_error_rate"]["status"], "red")
        self.assertIsNone(tiles["entry_error_rate"]["trend"], "no data in February")

    def test_quarter_year_and_custom(self):
        q1 = {
            t["code"]: t for t in self.dashboard(period_type="quarter", date="2026-02-01")["tiles"]
        }
        # Q1: received O4 (02-27) + O1, O2, O3, O5 = 5.
        self.assertEqual(q1["orders_received"]["value"], 5)
        year = {
            t["code"]: t for t in self.dashboard(period_type="year", date="2026-06-01")["tiles"]
        }
        # 2026: Q1's 5 + O7 in April = 6.
        self.assertEqual(year["orders_received"]["value"], 6)
        custom = self.dashboard(period_type="custom", date_from="2026-03-01", date_to="2026-03-05")
        tiles = {t["code"]: t for t in custom["tiles"]}
        # 03-01 .. 03-05: O1 and O2 received.
        self.assertEqual(tiles["orders_received"]["value"], 2)
        with self.assertRaises(UserError):
            self.dashboard(period_type="custom", date_from="2026-03-05", date_to="2026-03-01")

    def test_refresh_recomputes_stored_values(self):
        self.dashboard(period_type="month", date="2026-03-10")
        self.make_order(self.bob, "2026-03-29 09:00:00")
        tiles = {
            t["code"]: t for t in self.dashboard(period_type="month", date="2026-03-10")["tiles"]
        }
        self.assertEqual(tiles["orders_received"]["value"], 4, "stored value reused")
        data = (
            self.env["adv.kpi.dashboard"]
            .with_user(self.manager)
            .action_refresh({"period_type": "month", "date": "2026-03-10"})
        )
        tiles = {t["code"]: t for t in data["tiles"]}
        self.assertEqual(tiles["orders_received"]["value"], 5)
        # Refresh fills the twelve months of the sparkline.
        self.assertNotIn(None, tiles["orders_received"]["history"])

    def test_opens_on_the_last_full_month_early_in_the_month(self):
        with freeze_time("2026-04-05 10:00:00"):
            data = self.dashboard(period_type="month")
            self.assertEqual((data["date_from"], data["date_to"]), ("2026-03-01", "2026-03-31"))
        with freeze_time("2026-04-10 10:00:00"):
            data = self.dashboard(period_type="month")
            self.assertEqual((data["date_from"], data["date_to"]), ("2026-04-01", "2026-04-30"))

    def _age_figures(self, sql_interval):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE adv_kpi_value SET computed_at = computed_at - %s::interval",
                sql_interval,
            )
        )
        self.env.invalidate_all()

    def test_stale_figures_computed_again_when_it_opens(self):
        data = self.dashboard(period_type="month", date="2026-03-10")
        self.assertIn("Figures computed on", data["computed_at_display"])
        self.make_order(self.bob, "2026-03-29 09:00:00")
        tiles = {
            t["code"]: t for t in self.dashboard(period_type="month", date="2026-03-10")["tiles"]
        }
        self.assertEqual(tiles["orders_received"]["value"], 4, "computed after the change: kept")
        # Figures over an hour old: computed again on opening, no Refresh click.
        self._age_figures("2 hours")
        tiles = {
            t["code"]: t for t in self.dashboard(period_type="month", date="2026-03-10")["tiles"]
        }
        self.assertEqual(tiles["orders_received"]["value"], 5)
        # Figures younger than the last change of an order: computed again.
        self.make_order(self.bob, "2026-03-30 09:00:00")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE adv_kpi_value SET computed_at = "
                "(SELECT MAX(write_date) FROM sale_order) - interval '1 minute'"
            )
        )
        self.env.invalidate_all()
        tiles = {
            t["code"]: t for t in self.dashboard(period_type="month", date="2026-03-10")["tiles"]
        }
        self.assertEqual(tiles["orders_received"]["value"], 6)

    def test_dashboard_on_a_read_only_cursor(self):
        """The dashboard is a read (@api.readonly): on a read-only cursor, as
        with a read replica, it computes the figures live and stores nothing;
        the same figures as on a read/write cursor."""
        self.assertTrue(type(self.env["adv.kpi.dashboard"]).get_dashboard._readonly)
        Value = self.env["adv.kpi.value"]
        self.assertFalse(Value.search_count([("company_id", "=", self.company.id)]))
        self.env.flush_all()
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        with self.registry.cursor(readonly=True) as cr:
            self.assertTrue(cr.readonly)
            env = self.env(cr=cr, user=self.manager)
            data = env["adv.kpi.dashboard"].get_dashboard(
                {"period_type": "month", "date": "2026-03-10"}
            )
            tiles = {tile["code"]: tile for tile in data["tiles"]}
            self.assertTrue(data["computed_at_display"], "computed live, just now")
            self.assertEqual(tiles["orders_confirmed"]["value"], 4)
            self.assertEqual(tiles["orders_received"]["previous"], 1)
        self.assertFalse(
            Value.search_count([("company_id", "=", self.company.id)]), "nothing stored"
        )
        stored = self.dashboard(period_type="month", date="2026-03-10")
        self.assertEqual(
            {t["code"]: t["value"] for t in stored["tiles"]},
            {code: tile["value"] for code, tile in tiles.items()},
        )
        self.assertTrue(Value.search_count([("company_id", "=", self.company.id)]))
