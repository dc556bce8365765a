# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.tests import Form, tagged

from .common import MARCH, AdvKpiCommon

APRIL = (date(2026, 4, 1), date(2026, 4, 30))


@tagged("post_install", "-at_install")
class TestKpiAsOfPeriodEnd(AdvKpiCommon):
    """Positions (backorders, receivables, aging) of a past period are the
    ones of its last day, not today's: what happened after it is taken back.

    Orders of 10 widgets at 12.00 (Alice), deliveries:
      A  confirmed 03-02: 4 shipped 03-10, 6 shipped 04-05.
      B  confirmed 03-03: 4 shipped 03-10; 04-06 3 shipped and the last 3
         cancelled (validated without backorder).
      C  confirmed 03-04: 10 shipped 03-11; 2 returned for refund 04-07.
      D  confirmed 04-01: nothing shipped.
    Invoices of Alice (no payment terms):
      I1 1000.00 dated 03-01 due 03-16, paid 04-10.
      I2  500.00 dated 03-05 due 03-05, 200.00 paid 03-20, the rest 04-15.
      I3  300.00 dated 02-01 due 02-01, never paid.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alice = cls.alice
        cls.a = cls.make_order(alice, "2026-03-02 08:00:00", confirmed="2026-03-02 09:00:00")
        cls.b = cls.make_order(alice, "2026-03-03 08:00:00", confirmed="2026-03-03 09:00:00")
        cls.c = cls.make_order(alice, "2026-03-04 08:00:00", confirmed="2026-03-04 09:00:00")
        cls.d = cls.make_order(alice, "2026-04-01 08:00:00", confirmed="2026-04-01 09:00:00")
        cls.deliver(cls.a, "2026-03-10 10:00:00", {cls.widget: 4.0})
        cls.deliver(cls.a, "2026-04-05 10:00:00")
        cls.deliver(cls.b, "2026-03-10 10:00:00", {cls.widget: 4.0})
        cls.deliver_and_cancel_rest(cls.b, "2026-04-06 10:00:00", 3.0)
        delivery_c = cls.deliver(cls.c, "2026-03-11 10:00:00")
        cls.return_for_refund(delivery_c, 2.0, "2026-04-07 10:00:00")
        cls.i1 = cls.make_invoice("out_invoice", "2026-03-01", 1000.0, alice, due="2026-03-16")
        cls.i2 = cls.make_invoice("out_invoice", "2026-03-05", 500.0, alice)
        cls.i3 = cls.make_invoice("out_invoice", "2026-02-01", 300.0, alice)
        cls.pay(cls.i1, 1000.0, "2026-04-10")
        cls.pay(cls.i2, 200.0, "2026-03-20")
        cls.pay(cls.i2, 300.0, "2026-04-15")

    @classmethod
    def deliver_and_cancel_rest(cls, order, when, qty):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        with freeze_time(when):
            picking.action_assign()
            move = picking.move_ids
            move.quantity = qty
            move.picked = True
            result = picking.button_validate()
            Form(
                cls.env["stock.backorder.confirmation"].with_context(**result["context"])
            ).save().process_cancel_backorder()

    @classmethod
    def return_for_refund(cls, picking, qty, when):
        with freeze_time(when):
            wizard = (
                cls.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({"picking_id": picking.id})
            )
            wizard.product_return_moves.write({"quantity": qty, "to_refund": True})
            returned = cls.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
            returned.move_ids.write({"quantity": qty, "picked": True})
            returned.button_validate()

    def test_today_figures(self):
        # Today: A and B have nothing left (B's 3 cancelled), C owes the 2
        # returned widgets, D its 10.
        lines = self.a.order_line | self.b.order_line | self.c.order_line | self.d.order_line
        self.assertEqual(lines.mapped("adv_qty_backorder"), [0.0, 0.0, 2.0, 10.0])
        self.assertEqual(self.b.order_line.adv_qty_cancelled, 3.0)
        self.assertEqual(self.c.order_line.qty_delivered, 8.0)

    def test_backorder_value_at_the_end_of_march(self):
        # On 03-31: A owes 6, B owes 6 (3 shipped and 3 cancelled later), C
        # owes nothing (the return came later), D is not confirmed yet:
        # 12 widgets x 12.00 = 144.00.
        result = self.kpi("backorder_value")
        self.assertAlmostEqual(result["value"], 144.0)
        model, domain = self.engine._drill_domain(
            self.env.ref("adv_kpi.kpi_backorder_value"), self.company, *MARCH
        )
        self.assertEqual(model, "sale.order.line")
        self.assertEqual(self.env[model].search(domain), self.a.order_line | self.b.order_line)

    def test_backorder_value_at_the_end_of_april(self):
        # On 04-30 (a past month too): C owes the 2 returned widgets, D 10:
        # 12 x 12.00 = 144.00; the same as today, which nothing changed since.
        self.assertAlmostEqual(self.value("backorder_value", period=APRIL), 144.0)
        book = self.env["adv.backorder.line"].search([("company_id", "=", self.company.id)])
        self.assertAlmostEqual(sum(book.mapped("value_company")), 144.0)

    def test_backorder_rate_at_the_end_of_march(self):
        # Lines of the orders confirmed in March: A, B, C; with a remainder on
        # 03-31: A and B -> 2 / 3 = 66.67 % (today it would be 1 / 3: C).
        result = self.kpi("backorder_rate")
        self.assertEqual((result["numerator"], result["denominator"]), (2, 3))
        model, domain = self.engine._drill_domain(
            self.env.ref("adv_kpi.kpi_backorder_rate"), self.company, *MARCH
        )
        self.assertEqual(self.env[model].search(domain).order_id, self.a | self.b)

    def test_running_period_reads_the_book(self):
        # While the period runs, the tile drills into the backorder book.
        today = fields.Date.today()
        period = (today.replace(day=1), today.replace(day=28))
        with freeze_time(f"{today.year}-{today.month:02d}-15 12:00:00"):
            result = self.value("backorder_value", period=period)
            model, domain = self.engine._drill_domain(
                self.env.ref("adv_kpi.kpi_backorder_value"), self.company, *period
            )
        self.assertEqual(model, "adv.backorder.line")
        self.assertAlmostEqual(sum(self.env[model].search(domain).mapped("value_company")), result)
        self.assertAlmostEqual(result, 144.0)

    def test_aging_at_the_end_of_march(self):
        # On 03-31: I1 1000 due 03-16 (15 days, paid only 04-10) and I2 500 -
        # 200 paid 03-20 = 300 due 03-05 (26 days) -> 1-30: 1300; I3 300 due
        # 02-01 (58 days) -> 31-60: 300. Nothing is not due yet.
        expected = {
            "receivables_not_due": 0.0,
            "overdue_1_30": 1300.0,
            "overdue_31_60": 300.0,
            "overdue_61_90": 0.0,
            "overdue_over_90": 0.0,
        }
        for code, amount in expected.items():
            self.assertAlmostEqual(self.value(code), amount, msg=code)
            model, domain = self.engine._drill_domain(
                self.env.ref(f"adv_kpi.kpi_{code}"), self.company, *MARCH
            )
            items = self.env[model].search(domain)
            expected_moves = {
                "overdue_1_30": self.i1 | self.i2,
                "overdue_31_60": self.i3,
            }.get(code, self.env["account.move"])
            self.assertEqual(items.move_id, expected_moves, code)
        # The buckets add up to the receivables of the DSO on 03-31:
        # 1000 + 500 + 300 - 200 = 1600.
        self.assertAlmostEqual(self.kpi("dso")["numerator"], 1600.0)

    def test_aging_at_the_end_of_april(self):
        # On 04-30 only I3 is open: 88 days -> 61-90: 300.
        self.assertAlmostEqual(self.value("overdue_1_30", period=APRIL), 0.0)
        self.assertAlmostEqual(self.value("overdue_61_90", period=APRIL), 300.0)
        self.assertAlmostEqual(self.kpi("dso", period=APRIL)["numerator"], 300.0)

    def test_running_period_ages_on_today(self):
        # A period not over ages the items on today, not on its last day: on
        # 2026-05-10 (in May 2026) I3 is 98 days past due, not 119.
        with freeze_time("2026-05-10 12:00:00"):
            may = (date(2026, 5, 1), date(2026, 5, 31))
            self.assertAlmostEqual(self.value("overdue_over_90", period=may), 300.0)
            # Not due: an invoice due on 05-20, after today but before the
            # end of May, is not overdue yet.
            invoice = self.make_invoice(
                "out_invoice", "2026-05-04", 80.0, self.alice, due="2026-05-20"
            )
            self.assertEqual(invoice.state, "posted")
            self.assertAlmostEqual(self.value("receivables_not_due", period=may), 80.0)
            self.assertAlmostEqual(self.value("overdue_1_30", period=may), 0.0)

    def test_aging_is_one_query_for_the_five_buckets(self):
        definitions = self.Definition._for_company(self.company).filtered(
            lambda d: d.code.startswith(("overdue", "receivables"))
        )
        self.assertEqual(len(definitions), 5)
        self.engine._compute(definitions, self.company, *MARCH)  # warm the caches
        with self.assertQueryCount(1):
            results = self.engine._compute(definitions, self.company, *MARCH)
        self.assertAlmostEqual(sum(r["value"] for r in results.values()), 1600.0)


@tagged("post_install", "-at_install")
class TestKpiAsOfOtherUnit(AdvKpiCommon):
    """A delivery in another unit of the line is converted to the line's unit."""

    def test_dozens_shipped_after_the_period(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        order = self.make_order(self.alice, "2026-03-02 08:00:00")
        order.order_line.write({"product_uom": dozen.id, "product_uom_qty": 2.0})
        order.order_line.price_unit = 144.0
        with freeze_time("2026-03-02 09:00:00"):
            order.action_confirm()
        # 1 dozen shipped in April: on 03-31, 2 dozens x 144 = 288 were owed.
        self.deliver(order, "2026-04-03 10:00:00", {self.widget: 12.0})
        self.assertEqual(order.order_line.adv_qty_backorder, 1.0)
        self.assertAlmostEqual(self.value("backorder_value"), 288.0)
        self.assertAlmostEqual(self.value("backorder_value", period=APRIL), 144.0)
