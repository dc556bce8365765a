# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.adv_claims.tests.common import AdvClaimCommon

MARCH = (fields.Date.to_date("2026-03-01"), fields.Date.to_date("2026-03-31"))


class KpiClaimsDataCommon(AdvClaimCommon):
    """Claims KPIs over March 2026, every figure worked out by hand.

    Claims (type: resolution within 10 days; A, B = causes):
      C1 received 03-02 08:00, answered 03-02 12:00 (4 h), resolved 03-05 08:00
         (3 days, deadline 03-12: in SLA), cause A
      C2 received 03-03 08:00, answered 03-04 08:00 (24 h), closed 03-20 08:00
         (17 days, deadline 03-13: late), cause A
      C3 received 03-10 08:00, answered 03-10 10:00 (2 h), rejected 03-11: no
         resolution, cause B
      C4 received 02-25 08:00, answered in February, resolved 03-01 08:00
         (4 days, deadline 03-07: in SLA), cause B
      C5 received 03-15 08:00, open, handled by the manager
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "UTC"
        with freeze_time("2026-03-02 07:00:00"):
            cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
            _order, _picking, cls.other_invoice = cls._make_invoiced_order(
                partner=cls.other_customer
            )
        cls.cause_b = cls.env["adv.claim.cause"].create(
            {"name": "Wrong product picked (test)", "department": "logistics"}
        )
        cls.engine = cls.env["adv.kpi.engine"]
        cls.Definition = cls.env["adv.kpi.definition"]

    def claim(self, received, answered=None, ended=None, stage=None, cause=None, user=None):
        with freeze_time(received):
            claim = self._new_claim(user=user)
        vals = {}
        if cause:
            vals.update(cause_id=cause.id, root_cause_note="Found and fixed.")
        if ended:
            with freeze_time(ended):
                claim.write({**vals, "stage_id": (stage or self.stage_resolved).id})
            vals = {"date_closed": ended}
        if answered:
            vals["first_response_date"] = answered
        claim.write(vals)
        return claim

    def make_claims(self):
        self.c1 = self.claim(
            "2026-03-02 08:00:00", "2026-03-02 12:00:00", "2026-03-05 08:00:00", cause=self.cause
        )
        self.c2 = self.claim(
            "2026-03-03 08:00:00",
            "2026-03-04 08:00:00",
            "2026-03-20 08:00:00",
            stage=self.stage_closed,
            cause=self.cause,
        )
        self.c3 = self.claim(
            "2026-03-10 08:00:00",
            "2026-03-10 10:00:00",
            "2026-03-11 08:00:00",
            stage=self.stage_rejected,
            cause=self.cause_b,
        )
        self.c4 = self.claim(
            "2026-02-25 08:00:00", "2026-02-25 09:00:00", "2026-03-01 08:00:00", cause=self.cause_b
        )
        self.c5 = self.claim("2026-03-15 08:00:00", user=self.adv_manager)


@tagged("post_install", "-at_install")
class TestKpiClaims(KpiClaimsDataCommon):
    def kpi(self, code, handler=None, period=MARCH):
        definition = self.Definition._for_company(self.company).filtered(lambda d: d.code == code)
        self.assertEqual(len(definition), 1, code)
        return self.engine._compute(definition, self.company, *period, handler)[definition.id]

    def drill(self, code, handler=None, period=MARCH):
        definition = self.Definition._for_company(self.company).filtered(lambda d: d.code == code)
        model, domain = self.engine._drill_domain(definition, self.company, *period, handler)
        return self.env[model].search(domain)

    def test_claims_kpis(self):
        self.make_claims()
        # Received in March: C1, C2, C3, C5 = 4.
        self.assertEqual(self.kpi("claims_received")["value"], 4)
        self.assertEqual(self.drill("claims_received"), self.c1 | self.c2 | self.c3 | self.c5)
        # First answers given in March: C1 4 h, C2 24 h, C3 2 h -> 30 / 3 = 10 h.
        self.assertEqual(
            self.kpi("claim_response_hours"), {"numerator": 30.0, "denominator": 3, "value": 10.0}
        )
        # Ended in March, rejected excluded: C1 3 d, C2 17 d, C4 4 d -> 24 / 3 = 8 days.
        result = self.kpi("claim_resolution_days")
        self.assertEqual(result["denominator"], 3)
        self.assertAlmostEqual(result["value"], 8.0)
        self.assertEqual(self.drill("claim_resolution_days"), self.c1 | self.c2 | self.c4)
        # Within their deadline: C1 and C4 of C1, C2, C4 -> 2 / 3.
        result = self.kpi("claim_resolved_in_sla")
        self.assertEqual((result["numerator"], result["denominator"]), (2, 3))
        self.assertAlmostEqual(result["value"], 200.0 / 3)
        self.assertEqual(self.drill("claim_resolved_in_sla"), self.c1 | self.c4)
        # Causes of the claims received in March: A twice (C1, C2), B once (C3);
        # the top cause A makes 2 of the 4 claims received = 50 %.
        self.assertEqual(
            self.kpi("claim_top_cause_share"), {"numerator": 2, "denominator": 4, "value": 50.0}
        )
        self.assertEqual(self.drill("claim_top_cause_share"), self.c1 | self.c2)

    def test_own_rejection_stage(self):
        """A company's own rejection stage is recognised by its flag, not by
        the shipped stage: a claim ended there is not a resolution."""
        self.make_claims()
        refused = self.env["adv.claim.stage"].create(
            {"name": "Refused by quality", "sequence": 80, "is_done": True, "is_rejected": True}
        )
        self.c2.sudo().stage_id = refused
        self.assertTrue(self.c2.is_rejected)
        # C1 3 d and C4 4 d -> 7 / 2 = 3.5 days
        result = self.kpi("claim_resolution_days")
        self.assertEqual((result["denominator"], result["value"]), (2, 3.5))
        self.assertEqual(self.drill("claim_resolution_days"), self.c1 | self.c4)
        report = self.env["adv.kpi.claim.report"].search([("claim_id", "=", self.c2.id)])
        self.assertEqual(report.resolved_count, 0)
        with self.assertRaises(ValidationError):
            refused.is_done = False

    def test_handler_filter(self):
        self.make_claims()
        # The assistant received C1, C2, C3; the manager C5.
        self.assertEqual(self.kpi("claims_received", handler=self.adv_user)["value"], 3)
        self.assertEqual(self.kpi("claims_received", handler=self.adv_manager)["value"], 1)
        self.assertIsNone(self.kpi("claim_response_hours", handler=self.adv_manager)["value"])

    def test_empty_period(self):
        april = (fields.Date.to_date("2026-04-01"), fields.Date.to_date("2026-04-30"))
        self.assertEqual(self.kpi("claims_received", period=april)["value"], 0)
        for code in (
            "claim_response_hours",
            "claim_resolution_days",
            "claim_resolved_in_sla",
            "claim_top_cause_share",
            "dispute_rate",
        ):
            self.assertIsNone(self.kpi(code, period=april)["value"], code)

    def test_dispute_rate(self):
        # Invoices issued in March: the customer's and the other customer's;
        # one is named by a claim -> 1 / 2 = 50 %.
        self.assertEqual(self.invoice.invoice_date, fields.Date.to_date("2026-03-02"))
        self.assertEqual(self.kpi("dispute_rate")["value"], 0.0)
        self.claim("2026-03-05 08:00:00")
        self.assertEqual(
            self.kpi("dispute_rate"), {"numerator": 1, "denominator": 2, "value": 50.0}
        )
        self.assertEqual(self.drill("dispute_rate"), self.invoice)
        # A second claim on the same invoice counts it once.
        self.claim("2026-03-06 08:00:00")
        self.assertEqual(self.kpi("dispute_rate")["numerator"], 1)

    def test_other_company_claims_are_not_counted(self):
        self.make_claims()
        other = self.env["res.company"].create({"name": "KPI Claims Other Co"})
        other.partner_id.tz = "UTC"
        definition = self.Definition._for_company(other).filtered(
            lambda d: d.code == "claims_received"
        )
        result = self.engine._compute(definition, other, *MARCH)[definition.id]
        self.assertEqual(result["value"], 0)
        self.assertEqual(self.env["adv.claim"].search_count([("id", "in", self.c1.ids)]), 1)
