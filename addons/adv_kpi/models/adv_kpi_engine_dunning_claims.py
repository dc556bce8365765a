# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The KPIs of the dunning and claims modules: what reminders bring in, what
collection recovers; claim volumes, answer and resolution times, SLA, causes,
dispute rate."""

from odoo import models
from odoo.tools import SQL

# Days after a reminder within which a payment counts as brought by it.
DUNNING_EFFECT_DAYS = 30


class AdvKpiEngine(models.AbstractModel):
    _inherit = "adv.kpi.engine"

    def _claims_domain(self, ctx):
        return [("company_id", "=", ctx.company.id), *ctx.by_handler("user_id")]

    def _ended_claims_domain(self, ctx):
        """Claims resolved or closed in the period; rejected ones are not
        resolutions."""
        domain = [*self._claims_domain(ctx), ("is_done", "=", True), ("is_rejected", "=", False)]
        return domain + ctx.datetime_in("date_closed")

    def _claims_hours(self, domain, end_field, start_field):
        """(sum of hours from ``start_field`` to ``end_field``, count) over the
        claims of ``domain``, in one query."""
        query = self.env["adv.claim"]._search(domain)
        end = SQL.identifier(query.table, end_field)
        start = SQL.identifier(query.table, start_field)
        [(hours, count)] = self.env.execute_query(
            query.select(
                SQL("COALESCE(SUM(EXTRACT(EPOCH FROM (%s - %s))), 0) / 3600.0", end, start),
                SQL("COUNT(*)"),
            )
        )
        return float(hours), count

    # ------------------------------------------------------------------
    # Claims received
    # ------------------------------------------------------------------
    def _kpi_claims_received_domain(self, ctx):
        return "adv.claim", [*self._claims_domain(ctx), *ctx.datetime_in("date_received")]

    def _kpi_claims_received(self, ctx):
        return self._total(self._count(*self._kpi_claims_received_domain(ctx)))

    # ------------------------------------------------------------------
    # First response
    # ------------------------------------------------------------------
    def _kpi_claim_response_hours_domain(self, ctx):
        return "adv.claim", [
            *self._claims_domain(ctx),
            *ctx.datetime_in("first_response_date"),
            ("date_received", "!=", False),
        ]

    def _kpi_claim_response_hours(self, ctx):
        hours, count = self._claims_hours(
            self._kpi_claim_response_hours_domain(ctx)[1], "first_response_date", "date_received"
        )
        return self._ratio(hours, count, scale=1.0)

    # ------------------------------------------------------------------
    # Resolution
    # ------------------------------------------------------------------
    def _kpi_claim_resolution_days_domain(self, ctx):
        return "adv.claim", [*self._ended_claims_domain(ctx), ("date_received", "!=", False)]

    def _kpi_claim_resolution_days(self, ctx):
        hours, count = self._claims_hours(
            self._kpi_claim_resolution_days_domain(ctx)[1], "date_closed", "date_received"
        )
        return self._ratio(hours / 24.0, count, scale=1.0)

    def _claims_in_sla_ids(self, ctx):
        query = self.env["adv.claim"]._search(
            [*self._ended_claims_domain(ctx), ("resolution_deadline", "!=", False)]
        )
        closed = SQL.identifier(query.table, "date_closed")
        deadline = SQL.identifier(query.table, "resolution_deadline")
        query.add_where(SQL("%s <= %s", closed, deadline))
        return [
            row[0]
            for row in self.env.execute_query(query.select(SQL.identifier(query.table, "id")))
        ]

    def _kpi_claim_resolved_in_sla_domain(self, ctx):
        return "adv.claim", [("id", "in", self._claims_in_sla_ids(ctx))]

    def _kpi_claim_resolved_in_sla(self, ctx):
        return self._ratio(
            len(self._claims_in_sla_ids(ctx)),
            self._count(
                "adv.claim",
                [*self._ended_claims_domain(ctx), ("resolution_deadline", "!=", False)],
            ),
        )

    # ------------------------------------------------------------------
    # Causes
    # ------------------------------------------------------------------
    def _top_cause(self, ctx):
        """The most frequent cause of the claims received in the period (the
        first by name on a tie), and the counts."""
        model, domain = self._kpi_claims_received_domain(ctx)
        groups = self.env[model]._read_group(
            [*domain, ("cause_id", "!=", False)], ["cause_id"], ["__count"]
        )
        if not groups:
            return self.env["adv.claim.cause"], 0
        cause, count = min(groups, key=lambda group: (-group[1], group[0].name or ""))
        return cause, count

    def _kpi_claim_top_cause_share_domain(self, ctx):
        model, domain = self._kpi_claims_received_domain(ctx)
        cause, _count = self._top_cause(ctx)
        return model, [*domain, ("cause_id", "=", cause.id)]

    def _kpi_claim_top_cause_share(self, ctx):
        _cause, count = self._top_cause(ctx)
        return self._ratio(count, self._count(*self._kpi_claims_received_domain(ctx)))

    # ------------------------------------------------------------------
    # Dispute rate
    # ------------------------------------------------------------------
    def _kpi_dispute_rate_domain(self, ctx):
        model, invoices = self._kpi_invoices_issued_domain(ctx)
        return model, [*invoices, ("adv_claim_ids", "!=", False)]

    def _kpi_dispute_rate(self, ctx):
        return self._ratio(
            self._count(*self._kpi_dispute_rate_domain(ctx)),
            self._count(*self._kpi_invoices_issued_domain(ctx)),
        )

    # ------------------------------------------------------------------
    # Dunning effectiveness
    # ------------------------------------------------------------------
    def _reminded_lines(self, ctx):
        """[(letter line id, amount reminded, paid within the delay)] for the
        invoices of the reminders sent in the period, in one query. An invoice
        counts as paid when nothing is left on it and its last reconciliation
        is dated within the delay after the reminder."""
        days = ctx.definition.window_days or DUNNING_EFFECT_DAYS
        self.env["adv.dunning.letter.line"].flush_model()
        self.env["adv.dunning.letter"].flush_model()
        self.env["account.move"].flush_model(["payment_state"])
        self.env["account.partial.reconcile"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT line.id,
                       line.amount_due,
                       move.payment_state IN ('paid', 'in_payment')
                       AND paid.paid_on <= (letter.date_sent AT TIME ZONE 'UTC')::date + %(days)s
                  FROM adv_dunning_letter_line line
                  JOIN adv_dunning_letter letter ON letter.id = line.letter_id
                  JOIN account_move move ON move.id = line.move_id
             LEFT JOIN LATERAL (
                       SELECT MAX(partial.max_date) AS paid_on
                         FROM account_move_line item
                         JOIN account_partial_reconcile partial
                           ON partial.debit_move_id = item.id
                        WHERE item.move_id = line.move_id
                   ) paid ON TRUE
                 WHERE letter.state = 'sent'
                   AND letter.company_id = %(company)s
                   AND letter.date_sent >= %(date_from)s
                   AND letter.date_sent < %(date_to)s
                """,
                days=days,
                company=ctx.company.id,
                date_from=ctx.dt_from,
                date_to=ctx.dt_to,
            )
        )
        return self.env.cr.fetchall()

    def _kpi_dunning_effectiveness_domain(self, ctx):
        paid = [line_id for line_id, _amount, is_paid in self._reminded_lines(ctx) if is_paid]
        return "adv.dunning.letter.line", [("id", "in", paid)]

    def _kpi_dunning_effectiveness(self, ctx):
        rows = self._reminded_lines(ctx)
        reminded = sum(amount or 0.0 for _line, amount, _paid in rows)
        recovered = sum(amount or 0.0 for _line, amount, paid in rows if paid)
        return self._ratio(recovered, reminded)

    # ------------------------------------------------------------------
    # Collection recovery
    # ------------------------------------------------------------------
    def _kpi_collection_recovery_rate_domain(self, ctx):
        return "adv.collection.case", [
            ("company_id", "=", ctx.company.id),
            *ctx.date_in("date_open"),
        ]

    def _kpi_collection_recovery_rate(self, ctx):
        """Recovered since opening / due at opening, over the collection cases
        opened in the period."""
        model, domain = self._kpi_collection_recovery_rate_domain(ctx)
        [(opening, residual)] = self.env[model]._read_group(
            domain, [], ["amount_opening:sum", "amount_residual:sum"]
        )
        opening, residual = opening or 0.0, residual or 0.0
        return self._ratio(opening - residual, opening)
