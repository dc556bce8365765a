# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import date, timedelta

from odoo.tests import tagged

from odoo.addons.adv_orders.tests.common import count_queries

from .common import AdvDunningCommon

_logger = logging.getLogger(__name__)

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningPerformance(AdvDunningCommon):
    def add_customers(self, count, invoices_each):
        partners = self.env["res.partner"].create(
            [
                {"name": f"Customer {i}", "is_company": True, "email": f"c{i}@example.com"}
                for i in range(count)
            ]
        )
        specs = [(100.0 + i, DUE - timedelta(days=(i % 3) * 20)) for i in range(invoices_each)]
        for partner in partners:
            self.make_invoices(specs, partner=partner)
        return partners

    def measure(self, run_date):
        """Queries and seconds of computing a run, the letters left in review."""
        run = self.env["adv.dunning.run"].create({"date": run_date, "company_id": self.company.id})
        _result, queries, elapsed = count_queries(self.env, run.action_compute)
        lines = len(run.letter_ids.line_ids)
        run.letter_ids.unlink()
        return queries, elapsed, lines

    def test_queries_do_not_grow(self):
        """The queries of a run do not depend on the number of invoices:
        one SQL query reads them all, a few read the history, and create()
        writes the letters and lines in batches. Both sizes here fit in one
        batch of the ORM (100 rows per INSERT); past it, create() adds one
        INSERT per 100 rows (measured: 600 lines in 29 queries, 2,400 in 54)."""
        run_date = DUE + timedelta(days=50)
        self.add_customers(3, 2)
        self.measure(run_date)  # warm the caches
        small_queries, small_time, small_lines = self.measure(run_date)
        self.add_customers(9, 5)
        large_queries, large_time, large_lines = self.measure(run_date)
        self.assertEqual(small_lines, 6)
        self.assertEqual(large_lines, 51)
        _logger.info(
            "Dunning run: %s lines in %s queries (%.3fs), %s lines in %s queries (%.3fs)",
            small_lines, small_queries, small_time, large_lines, large_queries, large_time,
        )  # fmt: skip
        self.assertEqual(
            large_queries,
            small_queries,
            "computing a run takes as many queries for 51 invoices as for 6",
        )
