# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo.tests import tagged

from odoo.addons.adv_orders.tests.common import count_queries

from .common import AdvKpiCommon

_logger = logging.getLogger(__name__)

PARAMS = {"period_type": "month", "date": "2026-03-10"}


@tagged("post_install", "-at_install")
class TestKpiQueryCount(AdvKpiCommon):
    """Computing the dashboard of a month costs the same number of queries
    whatever the number of orders, deliveries and invoices."""

    def add_activity(self, count):
        for index in range(count):
            handler = self.alice if index % 2 else self.bob
            order = self.make_order(
                handler,
                f"2026-03-{index % 27 + 1:02d} 09:00:00",
                lines=[(self.widget, 2.0), (self.gadget, 1.0)],
                confirmed=f"2026-03-{index % 27 + 1:02d} 10:00:00",
                commitment="2026-03-28 12:00:00",
            )
            if index % 3:
                self.deliver(order, f"2026-03-{index % 27 + 1:02d} 15:00:00")
            self.acknowledge(
                order,
                f"2026-03-{index % 27 + 1:02d} 11:00:00",
                f"2026-03-{index % 27 + 1:02d} 12:00:00",
            )
            self.env["adv.order.error"].create({"order_id": order.id, "description": "x"})
            self.make_invoice(
                "out_invoice", f"2026-03-{index % 27 + 1:02d}", 100.0 + index, handler
            )
            self.make_invoice("out_refund", f"2026-02-{index % 27 + 1:02d}", 10.0, handler)

    def dashboard_queries(self):
        """Queries of one dashboard opening with nothing stored yet."""
        self.env["adv.kpi.value"].search([]).sudo().unlink()
        dashboard = self.env["adv.kpi.dashboard"].with_user(self.manager)
        data, queries, seconds = count_queries(self.env, dashboard.get_dashboard, PARAMS)
        return queries, seconds, data

    def test_queries_do_not_grow_with_records(self):
        self.add_activity(2)
        self.dashboard_queries()  # warm the caches (groups, translations)
        small, small_time, data = self.dashboard_queries()
        tiles = {t["code"]: t for t in data["tiles"]}
        self.assertEqual(tiles["orders_confirmed"]["value"], 2)
        self.add_activity(10)
        large, large_time, data = self.dashboard_queries()
        _logger.info(
            "ADV dashboard of a month: %s queries (%.2fs) with 2 orders, %s (%.2fs) with 12",
            small,
            small_time,
            large,
            large_time,
        )
        tiles = {t["code"]: t for t in data["tiles"]}
        self.assertEqual(tiles["orders_confirmed"]["value"], 12)
        self.assertEqual(large, small)
        # 20 KPIs x 2 periods (this one and the previous): a bounded budget.
        self.assertLess(small, 150)
