# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Dunning KPIs: what reminders bring in, and what collection recovers."""

from odoo import models
from odoo.tools import SQL

# Days after a reminder within which a payment counts as brought by it.
DUNNING_EFFECT_DAYS = 30


class AdvKpiEngine(models.AbstractModel):
    _inherit = "adv.kpi.engine"

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
