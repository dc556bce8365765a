# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from . import test_kpi_claims
from .common import MARCH, AdvKpiCommon
from .test_kpi_claims import KpiClaimsDataCommon

FEBRUARY = (fields.Date.to_date("2026-02-01"), fields.Date.to_date("2026-02-28"))


def answer(record, score, when, feedback=None, token=None):
    """The customer answers the rating request of ``record`` at ``when``, as
    Odoo's public page does (superuser, by token)."""
    token = token or record._rating_get_access_token()
    with freeze_time(when):
        return record.sudo().rating_apply(score, token=token, feedback=feedback)


@tagged("post_install", "-at_install")
class TestKpiSatisfactionOrders(AdvKpiCommon):
    """March 2026 (UTC; Alice = A, Bob = B), worked out by hand.

    Cancellations and order-taking (received -> confirmed):
      C1 A  received 03-02 08:00, confirmed 09:00 (1 h), cancelled 03-04
      C2 B  received 03-03 08:00, confirmed 10:00 (2 h)
      C3 B  confirmed 02-20 (February), cancelled 03-10
      C4 A  quotation received 03-05, cancelled 03-06 (never confirmed)
      C5 A  received 03-19 10:00, confirmed 03-20 10:00 (24 h)
    Invoicing delay (target 2 days):
      D1 A  10 widgets shipped 03-05 15:00, invoiced 03-06: 1 line, 1 day
      D2 B  10 widgets + 2 gadgets shipped 03-10 15:00, invoiced 03-15:
            2 lines, 5 days each
      D3 A  6 of 10 widgets shipped 03-20, invoiced 03-20 (0 day), the rest
            shipped 03-25
      D4 B  invoiced 03-01 before its delivery of 03-03: not measured
    Ratings after delivery (answered on):
      D1 5 (03-07), D2 1 "Late and incomplete" (03-16), D3 3 (03-21),
      D4 5 (answered 04-02: April), C2 asked, never answered
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "buyer@martin.example.com"
        alice, bob = cls.alice, cls.bob
        cls.c1 = cls.make_order(alice, "2026-03-02 08:00:00", confirmed="2026-03-02 09:00:00")
        cls.c2 = cls.make_order(bob, "2026-03-03 08:00:00", confirmed="2026-03-03 10:00:00")
        cls.c3 = cls.make_order(bob, "2026-02-20 08:00:00", confirmed="2026-02-20 09:00:00")
        cls.c4 = cls.make_order(alice, "2026-03-05 08:00:00")
        cls.c5 = cls.make_order(alice, "2026-03-19 10:00:00", confirmed="2026-03-20 10:00:00")
        with freeze_time("2026-03-04 10:00:00"):
            cls.c1._action_cancel()
        with freeze_time("2026-03-10 10:00:00"):
            cls.c3._action_cancel()
        with freeze_time("2026-03-06 10:00:00"):
            cls.c4._action_cancel()
        # Orders of the invoicing delay, received in February (not in the
        # order-taking or cancellation figures of March).
        cls.d1 = cls.make_order(alice, "2026-02-25 08:00:00", confirmed="2026-02-25 09:00:00")
        cls.d2 = cls.make_order(
            bob, "2026-02-25 08:00:00", lines=[(cls.widget, 10.0), (cls.gadget, 2.0)],
            confirmed="2026-02-25 09:00:00",
        )  # fmt: skip
        cls.d3 = cls.make_order(alice, "2026-02-25 08:00:00", confirmed="2026-02-25 09:00:00")
        cls.d4 = cls.make_order(bob, "2026-02-25 08:00:00", confirmed="2026-02-25 09:00:00")
        cls.deliver(cls.d1, "2026-03-05 15:00:00")
        cls.deliver(cls.d2, "2026-03-10 15:00:00")
        cls.deliver(cls.d3, "2026-03-20 09:00:00", {cls.widget: 6.0})
        cls.i1 = cls.invoice(cls.d1, "2026-03-06")
        cls.i2 = cls.invoice(cls.d2, "2026-03-15")
        cls.i3 = cls.invoice(cls.d3, "2026-03-20")
        cls.i4 = cls.invoice(cls.d4, "2026-03-01")
        cls.deliver(cls.d3, "2026-03-25 09:00:00")
        cls.deliver(cls.d4, "2026-03-03 09:00:00")
        answer(cls.d1, 5, "2026-03-07 10:00:00")
        answer(cls.d2, 1, "2026-03-16 10:00:00", "Late and incomplete")
        answer(cls.d3, 3, "2026-03-21 10:00:00")
        answer(cls.d4, 5, "2026-04-02 10:00:00")
        cls.c2._rating_get_access_token()

    @classmethod
    def invoice(cls, order, day):
        invoice = order._create_invoices()
        invoice.write({"invoice_date": day, "date": day})
        invoice.action_post()
        return invoice

    def drill(self, code, handler=None, period=MARCH):
        definition = self.Definition._for_company(self.company).filtered(lambda d: d.code == code)
        model, domain = self.engine._drill_domain(definition, self.company, *period, handler)
        return self.env[model].search(domain)

    def test_cancellation_rate(self):
        self.assertEqual(
            self.c1.adv_cancelled_date, fields.Datetime.to_datetime("2026-03-04 10:00:00")
        )
        self.assertFalse(self.c4.adv_cancelled_date, "a quotation cancelled was never confirmed")
        # Cancelled in March after confirmation: C1, C3 = 2; confirmed in
        # March: C1, C2, C5 = 3 (D1-D4 in February) -> 66.67 %.
        result = self.kpi("cancellation_rate")
        self.assertEqual((result["numerator"], result["denominator"]), (2, 3))
        self.assertAlmostEqual(result["value"], 200.0 / 3)
        self.assertEqual(self.drill("cancellation_rate"), self.c1 | self.c3)
        # Alice: C1 / (C1, C5) = 50 %; Bob: C3 / C2 = 100 %.
        self.assertEqual(self.value("cancellation_rate", handler=self.alice), 50.0)
        self.assertEqual(self.value("cancellation_rate", handler=self.bob), 100.0)

    def test_cancellation_rate_reconfirmed(self):
        # C1 set back to quotation and confirmed again: no longer cancelled.
        self.c1.action_draft()
        with freeze_time("2026-03-08 10:00:00"):
            self.c1.action_confirm()
        self.assertFalse(self.c1.adv_cancelled_date)
        self.assertEqual(self.kpi("cancellation_rate")["numerator"], 1)

    def test_order_taking_hours(self):
        # Confirmed in March: C1 1 h + C2 2 h + C5 24 h = 27 h / 3 = 9 h.
        self.assertEqual(
            self.kpi("order_taking_hours"), {"numerator": 27.0, "denominator": 3, "value": 9.0}
        )
        self.assertEqual(self.drill("order_taking_hours"), self.c1 | self.c2 | self.c5)
        # Alice (1 + 24) / 2 = 12.5 h; Bob 2 h.
        self.assertEqual(self.value("order_taking_hours", handler=self.alice), 12.5)
        self.assertEqual(self.value("order_taking_hours", handler=self.bob), 2.0)

    def test_invoicing_delay(self):
        # Lines measured: D1 1 day, D2 5 + 5 days, D3 0 day (its last
        # delivery by the invoice date is that day's); D4 invoiced before its
        # delivery: 11 days / 4 lines = 2.75 days.
        self.assertEqual(
            self.kpi("invoicing_delay_days"), {"numerator": 11.0, "denominator": 4, "value": 2.75}
        )
        self.assertEqual(self.drill("invoicing_delay_days"), self.i1 | self.i2 | self.i3)
        # Alice: (1 + 0) / 2 = 0.5 day; Bob: 10 / 2 = 5 days.
        self.assertEqual(self.value("invoicing_delay_days", handler=self.alice), 0.5)
        self.assertEqual(self.value("invoicing_delay_days", handler=self.bob), 5.0)

    def test_invoiced_in_target(self):
        # Within 2 days: D1 (1), D3 (0) of 4 lines -> 50 %.
        self.assertEqual(
            self.kpi("invoiced_in_target_rate"), {"numerator": 2, "denominator": 4, "value": 50.0}
        )
        self.assertEqual(self.drill("invoiced_in_target_rate"), self.i1 | self.i3)
        self.assertEqual(self.value("invoiced_in_target_rate", handler=self.alice), 100.0)
        self.assertEqual(self.value("invoiced_in_target_rate", handler=self.bob), 0.0)
        # The company's target: 5 days -> all 4 lines.
        self.company.adv_invoicing_target_days = 5
        self.assertEqual(self.value("invoiced_in_target_rate"), 100.0)

    def test_satisfaction_after_delivery(self):
        # Answered in March: D1 5, D2 1, D3 3 -> 9 / 3 = 3.0; satisfied (4 or
        # more): D1 -> 1 / 3. D4 answered in April; C2 never answered.
        self.assertEqual(
            self.kpi("satisfaction_delivery_score"),
            {"numerator": 9.0, "denominator": 3, "value": 3.0},
        )
        result = self.kpi("satisfaction_delivery_rate")
        self.assertEqual((result["numerator"], result["denominator"]), (1, 3))
        self.assertAlmostEqual(result["value"], 100.0 / 3)
        # Drill: the satisfied answer, and for the score every answer with its comment.
        self.assertEqual(self.drill("satisfaction_delivery_rate").order_id, self.d1)
        answers = self.drill("satisfaction_delivery_score")
        self.assertEqual(answers.order_id, self.d1 | self.d2 | self.d3)
        self.assertEqual(
            answers.filtered(lambda r: r.order_id == self.d2).feedback, "Late and incomplete"
        )
        # Alice: (5 + 3) / 2 = 4.0, 50 %; Bob: 1.0, 0 %.
        self.assertEqual(self.value("satisfaction_delivery_score", handler=self.alice), 4.0)
        self.assertEqual(self.value("satisfaction_delivery_rate", handler=self.alice), 50.0)
        self.assertEqual(self.value("satisfaction_delivery_score", handler=self.bob), 1.0)
        self.assertEqual(self.value("satisfaction_delivery_rate", handler=self.bob), 0.0)
        # April: D4 only.
        april = (fields.Date.to_date("2026-04-01"), fields.Date.to_date("2026-04-30"))
        self.assertEqual(self.value("satisfaction_delivery_score", period=april), 5.0)

    def test_second_answer_updates_the_rating(self):
        # The customer clicks again on D2's link: the same rating is updated.
        domain = [("res_model", "=", "sale.order"), ("res_id", "=", self.d2.id)]
        token = self.env["rating.rating"].search(domain).access_token
        answer(self.d2, 5, "2026-03-17 10:00:00", "Sorted out by Bob", token=token)
        ratings = self.env["rating.rating"].search(domain)
        self.assertEqual(len(ratings), 1)
        self.assertEqual((ratings.rating, ratings.feedback), (5.0, "Sorted out by Bob"))
        self.assertEqual(self.value("satisfaction_delivery_score"), 13.0 / 3)

    def test_empty_period(self):
        for code in (
            "satisfaction_delivery_score", "satisfaction_delivery_rate", "cancellation_rate",
            "invoicing_delay_days", "invoiced_in_target_rate", "order_taking_hours",
            "satisfaction_claim_score", "satisfaction_claim_rate",
        ):  # fmt: skip
            with self.subTest(code=code):
                june = (fields.Date.to_date("2025-06-01"), fields.Date.to_date("2025-06-30"))
                result = self.kpi(code, period=june)
                self.assertIsNone(result["value"])
                self.assertFalse(result["denominator"])

    def test_other_company_ratings_not_counted(self):
        other = self.env["res.company"].create({"name": "KPI Ratings Other Co"})
        self.assertIsNone(self.value("satisfaction_delivery_score", company=other))

    def test_query_count_does_not_grow(self):
        definitions = self.Definition._for_company(self.company).filtered(
            lambda d: (
                d.category == "satisfaction"
                or d.code in ("cancellation_rate", "invoicing_delay_days", "order_taking_hours")
            )
        )
        self.env.invalidate_all()
        with self.assertQueryCount(23):
            self.engine._compute(definitions, self.company, *MARCH)
        for _index in range(3):
            order = self.make_order(
                self.alice, "2026-03-10 08:00:00", confirmed="2026-03-10 09:00:00"
            )
            answer(order, 3, "2026-03-11 10:00:00")
        self.env.invalidate_all()
        with self.assertQueryCount(23):
            self.engine._compute(definitions, self.company, *MARCH)


@tagged("post_install", "-at_install")
class TestKpiSatisfactionClaims(KpiClaimsDataCommon):
    """Claims of KpiClaimsDataCommon: C1 (resolved 03-05) rated 5 on 03-06,
    C2 (closed 03-20) rated 4 with a comment on 03-21, C4 (resolved 03-01)
    rated 1 on 02-28 (February); C3 rejected: never asked."""

    kpi = test_kpi_claims.TestKpiClaims.kpi
    drill = test_kpi_claims.TestKpiClaims.drill

    def test_satisfaction_after_claims(self):
        self.make_claims()
        answer(self.c1, 5, "2026-03-06 10:00:00")
        answer(self.c2, 4, "2026-03-21 10:00:00", "Long, but fair")
        answer(self.c4, 1, "2026-02-28 10:00:00")
        # March: (5 + 4) / 2 = 4.5; satisfied (4 or more): 2 / 2 = 100 %.
        self.assertEqual(
            self.kpi("satisfaction_claim_score"), {"numerator": 9.0, "denominator": 2, "value": 4.5}
        )
        self.assertEqual(
            self.kpi("satisfaction_claim_rate"), {"numerator": 2, "denominator": 2, "value": 100.0}
        )
        self.assertEqual(self.drill("satisfaction_claim_score").claim_id, self.c1 | self.c2)
        # February: C4 alone -> 1.0 and 0 %.
        self.assertEqual(self.kpi("satisfaction_claim_score", period=FEBRUARY)["value"], 1.0)
        self.assertEqual(self.kpi("satisfaction_claim_rate", period=FEBRUARY)["value"], 0.0)
        # The handler filter: C5's handler (the manager) has no answer.
        self.assertIsNone(self.kpi("satisfaction_claim_score", handler=self.adv_manager)["value"])
        # The Ratings report, per claim type.
        rows = self.env["adv.kpi.rating.report"]._read_group(
            [("origin", "=", "claim")], ["claim_type_id"], ["rating:avg", "__count"]
        )
        self.assertEqual(rows, [(self.claim_type, 10.0 / 3, 3)])
