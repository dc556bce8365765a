# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.adv_kpi.demo.history import DemoHistory

from .common import AdvKpiCommon


@tagged("post_install", "-at_install")
class TestKpiDemoHistory(AdvKpiCommon):
    """The demo history fills every month of the dashboard with real records."""

    @freeze_time("2026-06-20 12:00:00")
    def test_demo_history_fills_the_months(self):
        orders = DemoHistory(self.env).generate(
            self.company, self.alice | self.bob, self.customer, self.widget | self.gadget,
            months=4, per_month=3,
        )  # fmt: skip
        # Months March .. June 2026: 3 orders a month plus (months back) % 3,
        # on days 3, 7, 11, 15, 19: March (3 back) 3, April (2 back) 5, May
        # (1 back) 4, June 3 (days before the 20th).
        self.assertEqual(len(orders), 3 + 5 + 4 + 3)
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertEqual(set(orders.mapped("adv_ack_state")), {"acknowledged"})
        shipped = orders.filtered(lambda o: o.picking_ids.filtered("date_done"))
        self.assertTrue(shipped)
        for order in shipped:
            done = order.picking_ids.filtered("date_done")
            self.assertTrue(all(p.date_done.date() < date(2026, 6, 20) for p in done))
        invoices = orders.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
        self.assertTrue(invoices)
        self.assertTrue(all(m.state == "posted" for m in invoices))
        self.assertLess(max(invoices.mapped("invoice_date")), date(2026, 6, 20))
        # Due 30 days after the invoice; paid then (20 days late one in four)
        # unless the day is still to come or one in seven left unpaid.
        for invoice in invoices:
            self.assertEqual((invoice.invoice_date_due - invoice.invoice_date).days, 30)
        paid = invoices.filtered(lambda m: m.payment_state in ("paid", "in_payment"))
        self.assertTrue(paid)
        self.assertTrue(all(m.invoice_date_due <= date(2026, 6, 20) for m in paid))

        self.env["adv.kpi.value"]._cron_compute()
        data = (
            self.env["adv.kpi.dashboard"]
            .with_user(self.manager)
            .get_dashboard({"period_type": "month", "date": "2026-06-20"})
        )
        tiles = {t["code"]: t for t in data["tiles"]}
        # Orders received in each of the four months, from the stored history.
        self.assertEqual(tiles["orders_received"]["history"][-4:], [3, 5, 4, 3])
        for code in ("orders_confirmed", "ack_delay_hours", "ack_sla_rate", "invoices_issued"):
            self.assertTrue(all(value is not None for value in tiles[code]["history"][-4:-1]), code)
        # Acknowledged 2, 5, 8 or 11 hours after reception, deadline 8 hours:
        # some late, most in time.
        self.assertGreater(tiles["ack_sla_rate"]["history"][-2], 0)
        self.assertLess(tiles["ack_sla_rate"]["history"][-2], 100)
