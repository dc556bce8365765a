# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.adv_dunning.tests.common import AdvDunningCommon
from odoo.addons.adv_orders.tests.common import count_queries

from .test_kpi_claims import KpiClaimsDataCommon

D = fields.Date.to_date
MARCH = (D("2026-03-01"), D("2026-03-31"))
VIEW_TYPES = ("pivot", "graph", "list", "search")


class AnalysisReportMixin:
    """Reading an analysis report as a user, and the views it opens with."""

    def kpi(self, code, period=MARCH):
        definition = self.env["adv.kpi.definition"]._for_company(self.company)
        definition = definition.filtered(lambda d: d.code == code)
        self.assertEqual(len(definition), 1, code)
        return self.env["adv.kpi.engine"]._compute(definition, self.company, *period)[definition.id]

    def figures(self, model, groupby, aggregates, domain=None, user=None):
        """{group: [aggregates...]} of the report, read as ``user``."""
        rows = (
            self.env[model]
            .with_user(user or self.adv_user)
            ._read_group(domain or [], groupby, aggregates)
        )
        return {group: list(values) for group, *values in rows}

    def read_group_queries(self, model, groupby, aggregates):
        """Queries of one _read_group over the report, caches warm."""
        report = self.env[model].with_user(self.adv_user)
        report._read_group([], groupby, aggregates)
        return count_queries(self.env, report._read_group, [], groupby, aggregates)[1]

    def check_views(self, model, action_xmlid):
        views = self.env[model].with_user(self.adv_user).get_views([(False, t) for t in VIEW_TYPES])
        module = "adv_kpi"
        for view_type in VIEW_TYPES:
            view = self.env["ir.ui.view"].browse(views["views"][view_type]["id"])
            self.assertEqual(
                view.get_external_id()[view.id],
                f"{module}.{model.replace('.', '_')}_view_{view_type}",
            )
        self.assertEqual(self.env.ref(action_xmlid).res_model, model)


@tagged("post_install", "-at_install")
class TestKpiDunningAnalysis(AnalysisReportMixin, AdvDunningCommon):
    """The dunning analysis, every figure worked out by hand (company in EUR).

    A = the ADV assistant, M = the ADV manager, handlers of the invoices.
    Run of 02-02, courteous letter, sent:
      I0  200 A due 01-20, paid in full 02-10 (8 days after): paid in time
      I1 1000 A due 01-25, paid in full 03-20 (46 days after): too late
    Run of 03-02, two letters sent to the same customer:
      firm      I1 1000 A (its second reminder), paid 03-20 (18 days): in time
      courteous I2  500 A due 02-20, paid in full 04-15 (44 days): too late
                I3  300 M due 02-25, 100 paid 03-05: not paid, nothing counts
    Run of 03-25, left to review (draft): not in the analysis.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "UTC"

    def make_invoice_for(self, amount, due, handler):
        invoice = self.make_invoice(amount, due, post=False)
        invoice.adv_user_id = handler
        invoice.action_post()
        return invoice

    def remind(self, when, send=True):
        with freeze_time(when):
            run = self.run_dunning(D(when[:10]))
            if send:
                self.send(run.letter_ids)
        if send:
            self.assertEqual(set(run.letter_ids.mapped("state")), {"sent"})
        return run

    def make_reminders(self):
        self.i0 = self.make_invoice_for(200.0, D("2026-01-20"), self.adv_user)
        self.i1 = self.make_invoice_for(1000.0, D("2026-01-25"), self.adv_user)
        self.remind("2026-02-02 09:00:00")
        self.pay(self.i0, payment_date=D("2026-02-10"))
        self.i2 = self.make_invoice_for(500.0, D("2026-02-20"), self.adv_user)
        self.i3 = self.make_invoice_for(300.0, D("2026-02-25"), self.adv_manager)
        self.march_run = self.remind("2026-03-02 09:00:00")
        self.draft_run = self.remind("2026-03-25 09:00:00", send=False)
        self.assertTrue(self.draft_run.letter_ids)
        self.pay(self.i1, payment_date=D("2026-03-20"))
        self.pay(self.i2, payment_date=D("2026-04-15"))
        self.pay(self.i3, amount=100.0, payment_date=D("2026-03-05"))

    def test_totals_per_level_and_handler(self):
        self.make_reminders()
        self.assertEqual(
            self.line_of(self.march_run, self.i1).level_id,
            self.l_firm,
            "I1's second reminder is firm",
        )
        aggregates = [
            "reminder_count:sum",
            "amount_due:sum",
            "amount_paid_30:sum",
            "paid_30_count:sum",
            "fee:sum",
            "interest:sum",
        ]
        # All months, per level:
        #   courteous: I0 200 + I1 1000 (February), I2 500 + I3 300 (March)
        #              = 4 reminders, 2000 reminded; only I0 paid in time: 200
        #   firm:      I1 1000, paid in time: 1000
        # Courteous and firm reminders charge no indemnity and no interest.
        self.assertEqual(
            self.figures("adv.kpi.dunning.report", ["level_id"], aggregates),
            {
                self.l_courteous: [4, 2000.0, 200.0, 1, 0.0, 0.0],
                self.l_firm: [1, 1000.0, 1000.0, 1, 0.0, 0.0],
            },
        )
        # Sent in March, per handler of the invoice:
        #   A: I1 1000 (paid in time) + I2 500 = 1500, 1000 paid in time
        #   M: I3 300, not paid
        march = [("date_sent", ">=", "2026-03-01"), ("date_sent", "<", "2026-04-01")]
        self.assertEqual(
            self.figures(
                "adv.kpi.dunning.report",
                ["adv_user_id"],
                ["reminder_count:sum", "amount_due:sum", "amount_paid_30:sum"],
                domain=march,
            ),
            {self.adv_user: [2, 1500.0, 1000.0], self.adv_manager: [1, 300.0, 0.0]},
        )
        # Per document type and letter, the dimensions of the letter.
        rows = self.env["adv.kpi.dunning.report"].search(march)
        self.assertEqual(rows.move_id, self.i1 | self.i2 | self.i3)
        self.assertEqual(rows.letter_id, self.march_run.letter_ids)
        self.assertEqual(set(rows.mapped("document_type")), {"courteous", "firm"})
        self.assertEqual(rows.policy_id, self.policy)
        self.assertEqual(rows.partner_id, self.customer)
        self.assertEqual(set(rows.mapped("date")), {D("2026-03-02")})

    def test_paid_in_time_equals_the_kpi(self):
        self.make_reminders()
        # March: 1000 paid in time of 1000 + 500 + 300 = 1800 reminded.
        kpi = self.kpi("dunning_effectiveness")
        self.assertAlmostEqual(kpi["numerator"], 1000.0)
        self.assertAlmostEqual(kpi["denominator"], 1800.0)
        groups = self.figures(
            "adv.kpi.dunning.report",
            ["date_sent:month"],
            ["amount_paid_30:sum", "amount_due:sum"],
        )
        months = {str(month.date()): values for month, values in groups.items()}
        self.assertEqual(months["2026-03-01"], [kpi["numerator"], kpi["denominator"]])
        # February: I0 200 paid in time of I0 200 + I1 1000.
        february = self.kpi("dunning_effectiveness", (D("2026-02-01"), D("2026-02-28")))
        self.assertEqual(months["2026-02-01"], [200.0, 1200.0])
        self.assertEqual(months["2026-02-01"], [february["numerator"], february["denominator"]])

    def test_window_of_the_company_definition(self):
        """A company that shortens the KPI's window to 15 days sees the same
        window in the analysis: I1, paid 18 days after its firm reminder, is
        then too late, like I2 and I3."""
        self.make_reminders()
        march = [("date_sent", ">=", "2026-03-01"), ("date_sent", "<", "2026-04-01")]
        self.assertEqual(self.paid_in_time(march), 1000.0)
        shared = self.env.ref("adv_kpi.kpi_dunning_effectiveness")
        shared.copy({"company_id": self.company.id, "window_days": 15})
        self.assertEqual(self.kpi("dunning_effectiveness")["numerator"], 0.0)
        self.assertEqual(self.paid_in_time(march), 0.0)

    def paid_in_time(self, domain):
        [(total,)] = (
            self.env["adv.kpi.dunning.report"]
            .with_user(self.adv_user)
            ._read_group(domain, [], ["amount_paid_30:sum"])
        )
        return total

    def test_company_isolation_and_access(self):
        self.make_reminders()
        company_b = self.setup_other_company(name="ADV Dunning B")["company"]
        user_b = new_test_user(
            self.env,
            login="dunning_report_b",
            groups="base.group_user,adv_orders.group_adv_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        Report = self.env["adv.kpi.dunning.report"]
        # I0 and I1 in February, I1, I2 and I3 in March: 5 reminded invoices.
        self.assertEqual(Report.with_user(self.adv_user).search_count([]), 5)
        self.assertEqual(Report.with_user(user_b).search_count([]), 0)
        self.assertEqual(Report.with_user(user_b)._read_group([], [], ["__count"]), [(0,)])
        with self.assertRaises(AccessError):
            Report.with_user(self.salesman).search([])
        with self.assertRaises(AccessError):
            Report.with_user(self.salesman)._read_group([], ["level_id"], ["amount_due:sum"])

    def test_queries_do_not_grow_with_reminders(self):
        groupby, aggregates = ["level_id", "adv_user_id"], ["amount_due:sum", "amount_paid_30:sum"]
        # Due 02-25 and 02-26: reminded on 03-02, not yet firm on 03-10 (< 15 days).
        self.make_invoices([(100.0, D("2026-02-25")), (100.0, D("2026-02-26"))])
        self.remind("2026-03-02 09:00:00")
        self.assertEqual(self.env["adv.kpi.dunning.report"].search_count([]), 2)
        small = self.read_group_queries("adv.kpi.dunning.report", groupby, aggregates)
        # 18 more due from 03-01 to 03-08, reminded on 03-10.
        self.make_invoices(
            [(100.0 + index, D("2026-03-08") - timedelta(days=index % 8)) for index in range(18)]
        )
        self.remind("2026-03-10 09:00:00")
        # the letter of 03-10 lists the two invoices reminded before again
        self.assertEqual(self.env["adv.kpi.dunning.report"].search_count([]), 22)
        large = self.read_group_queries("adv.kpi.dunning.report", groupby, aggregates)
        self.assertEqual(large, small)

    def test_views(self):
        self.check_views("adv.kpi.dunning.report", "adv_kpi.adv_kpi_dunning_report_action")


@tagged("post_install", "-at_install")
class TestKpiClaimAnalysis(AnalysisReportMixin, KpiClaimsDataCommon):
    """The claim analysis, every figure worked out by hand.

    Claims of 2 widgets at 100.00 = 200.00 claimed each; type: first
    response within 24 h, resolution within 10 days; A, B = causes;
    handler: the ADV assistant unless said.
      C1 received 03-02 08:00, answered 03-02 12:00 (4 h), resolved 03-05 08:00
         (3 days, deadline 03-12: in SLA), cause A
      C2 received 03-03 08:00, answered 03-04 08:00 (24 h: on the deadline,
         not late), closed 03-20 08:00 (17 days, deadline 03-13: late), cause A
      C3 received 03-10 08:00, answered 03-10 10:00 (2 h), rejected 03-11: no
         resolution, cause B
      C4 received 02-25 08:00, answered 02-25 09:00 (1 h), resolved 03-01 08:00
         (4 days, deadline 03-07: in SLA), cause B
      C5 received 03-15 08:00, open, not answered, handled by the manager; a
         credit note of its 2 widgets (200.00 untaxed)
    """

    def make_claims(self):
        result = super().make_claims()
        self.c5.with_user(self.adv_manager).action_create_credit_note()
        return result

    def test_totals_per_cause_and_handler(self):
        self.make_claims()
        aggregates = [
            "claim_count:sum",
            "amount_claimed:sum",
            "first_response_hours:avg",
            "resolution_days:avg",
            "resolved_count:sum",
            "in_sla_count:sum",
        ]
        # Per cause, all claims:
        #   A: C1, C2; 400 claimed; answered in (4 + 24) / 2 = 14 h; resolved
        #      in (3 + 17) / 2 = 10 days; 2 resolved, 1 within SLA (C1)
        #   B: C3, C4; 400 claimed; (2 + 1) / 2 = 1.5 h; only C4 is resolved
        #      (C3 was rejected): 4 days; 1 resolved, within SLA
        #   none: C5; 200 claimed; neither answered nor resolved
        figures = self.figures("adv.kpi.claim.report", ["cause_id"], aggregates)
        self.assertEqual(set(figures), {self.cause, self.cause_b, self.env["adv.claim.cause"]})
        expected = {
            self.cause: [2, 400.0, 14.0, 10.0, 2, 1],
            self.cause_b: [2, 400.0, 1.5, 4.0, 1, 1],
            self.env["adv.claim.cause"]: [1, 200.0, None, None, 0, 0],
        }
        for cause, values in expected.items():
            self.assertEqual(figures[cause][:2] + figures[cause][4:], values[:2] + values[4:])
            for got, want in zip(figures[cause][2:4], values[2:4], strict=True):
                if want is None:
                    self.assertFalse(got)
                else:
                    self.assertAlmostEqual(got, want)
        # Per handler: the assistant C1..C4, 2 within SLA; the manager C5,
        # with its credit note of 200.
        self.assertEqual(
            self.figures(
                "adv.kpi.claim.report",
                ["user_id"],
                ["claim_count:sum", "in_sla_count:sum", "amount_credited:sum"],
            ),
            {self.adv_user: [4, 2, 0.0], self.adv_manager: [1, 0, 200.0]},
        )
        # Late on 04-01: C5's answer was due 03-16 08:00 and its resolution
        # 03-25 08:00; C2 ended after its deadline. C2 answered right on its
        # deadline is not late.
        with freeze_time("2026-04-01 08:00:00"):
            late = self.figures(
                "adv.kpi.claim.report",
                ["claim_id"],
                ["late_response_count:sum", "late_resolution_count:sum"],
            )
        self.assertEqual(
            [claim.id for claim, (response, _resolution) in late.items() if response],
            self.c5.ids,
        )
        self.assertEqual(
            {claim.id for claim, (_response, resolution) in late.items() if resolution},
            {self.c2.id, self.c5.id},
        )

    def test_in_sla_equals_the_kpi(self):
        self.make_claims()
        # Ended in March, rejected excluded: C1 (in SLA), C2 (late), C4 (in
        # SLA) -> 2 of 3, resolved in (3 + 17 + 4) / 3 = 8 days on average.
        kpi = self.kpi("claim_resolved_in_sla")
        self.assertEqual((kpi["numerator"], kpi["denominator"]), (2, 3))
        ended_in_march = [
            ("date_closed", ">=", "2026-03-01 00:00:00"),
            ("date_closed", "<", "2026-04-01 00:00:00"),
        ]
        [(in_sla, resolved, days)] = (
            self.env["adv.kpi.claim.report"]
            .with_user(self.adv_user)
            ._read_group(
                ended_in_march,
                [],
                ["in_sla_count:sum", "resolved_count:sum", "resolution_days:avg"],
            )
        )
        self.assertEqual((in_sla, resolved), (kpi["numerator"], kpi["denominator"]))
        self.assertAlmostEqual(days, self.kpi("claim_resolution_days")["value"])
        self.assertAlmostEqual(days, 8.0)

    def test_company_isolation_and_access(self):
        self.make_claims()
        company_b = self.setup_other_company(name="ADV Claims B")["company"]
        user_b = self._create_adv_user("claim_report_b", "adv_orders.group_adv_user", company_b)
        claim_b = (
            self.env["adv.claim"]
            .with_company(company_b)
            .create(
                {
                    "company_id": company_b.id,
                    "partner_id": self.other_customer.id,
                    "type_id": self.claim_type.id,
                    "user_id": user_b.id,
                }
            )
        )
        Report = self.env["adv.kpi.claim.report"]
        self.assertEqual(
            Report.with_user(self.adv_user).search([]).claim_id,
            self.c1 | self.c2 | self.c3 | self.c4 | self.c5,
        )
        self.assertEqual(Report.with_user(user_b).search([]).claim_id, claim_b)
        self.assertEqual(
            self.figures("adv.kpi.claim.report", ["company_id"], ["claim_count:sum"], user=user_b),
            {company_b: [1]},
        )
        plain = new_test_user(self.env, login="claim_report_plain", groups="base.group_user")
        with self.assertRaises(AccessError):
            Report.with_user(plain).search([])
        with self.assertRaises(AccessError):
            Report.with_user(plain)._read_group([], ["cause_id"], ["claim_count:sum"])

    def test_queries_do_not_grow_with_claims(self):
        groupby = ["cause_id", "user_id"]
        aggregates = ["claim_count:sum", "first_response_hours:avg", "amount_credited:sum"]
        for _index in range(2):
            self._new_claim()
        self.assertEqual(self.env["adv.kpi.claim.report"].search_count([]), 2)
        small = self.read_group_queries("adv.kpi.claim.report", groupby, aggregates)
        for index in range(18):
            self._new_claim(user=self.adv_manager if index % 2 else self.adv_user)
        self.assertEqual(self.env["adv.kpi.claim.report"].search_count([]), 20)
        large = self.read_group_queries("adv.kpi.claim.report", groupby, aggregates)
        self.assertEqual(large, small)

    def test_views(self):
        self.check_views("adv.kpi.claim.report", "adv_kpi.adv_kpi_claim_report_action")
