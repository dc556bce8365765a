# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The KPIs of customer satisfaction and of the seed articles' other duties:
ratings after delivery and after a claim, order cancellation rate, invoicing
delay, order-taking speed. Each is a fixed number of set-based queries."""

from odoo import models
from odoo.tools import SQL


class AdvKpiEngine(models.AbstractModel):
    _inherit = "adv.kpi.engine"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Satisfaction (adv.kpi.rating.report: one row per answered rating)
    # ------------------------------------------------------------------
    def _ratings_domain(self, ctx, origin):
        return [
            ("company_id", "=", ctx.company.id),
            ("origin", "=", origin),
            *ctx.datetime_in("date"),
            *ctx.by_handler("user_id"),
        ]

    def _ratings(self, ctx, origin):
        """(sum of scores, number of answers, satisfied answers), one query
        shared by the score and the share of one survey."""
        key = ("ratings", origin, ctx.company.id, ctx.date_from, ctx.date_to,
               *ctx.by_handler("handler"))  # fmt: skip
        if key not in ctx.cache:
            [(total, count, satisfied)] = self.env["adv.kpi.rating.report"]._read_group(
                self._ratings_domain(ctx, origin), [],
                ["rating:sum", "__count", "satisfied_count:sum"],
            )  # fmt: skip
            ctx.cache[key] = (total or 0.0, count, satisfied or 0)
        return ctx.cache[key]

    def _kpi_satisfaction_delivery_score_domain(self, ctx):
        return "adv.kpi.rating.report", self._ratings_domain(ctx, "delivery")

    def _kpi_satisfaction_delivery_score(self, ctx):
        total, count, _satisfied = self._ratings(ctx, "delivery")
        return self._ratio(total, count, scale=1.0)

    def _kpi_satisfaction_delivery_rate_domain(self, ctx):
        return "adv.kpi.rating.report", [
            *self._ratings_domain(ctx, "delivery"),
            ("satisfied_count", "=", 1),
        ]

    def _kpi_satisfaction_delivery_rate(self, ctx):
        _total, count, satisfied = self._ratings(ctx, "delivery")
        return self._ratio(satisfied, count)

    def _kpi_satisfaction_claim_score_domain(self, ctx):
        return "adv.kpi.rating.report", self._ratings_domain(ctx, "claim")

    def _kpi_satisfaction_claim_score(self, ctx):
        total, count, _satisfied = self._ratings(ctx, "claim")
        return self._ratio(total, count, scale=1.0)

    def _kpi_satisfaction_claim_rate_domain(self, ctx):
        return "adv.kpi.rating.report", [
            *self._ratings_domain(ctx, "claim"),
            ("satisfied_count", "=", 1),
        ]

    def _kpi_satisfaction_claim_rate(self, ctx):
        _total, count, satisfied = self._ratings(ctx, "claim")
        return self._ratio(satisfied, count)

    # ------------------------------------------------------------------
    # Cancellations
    # ------------------------------------------------------------------
    def _confirmed_in_period_domain(self, ctx):
        return [
            ("company_id", "=", ctx.company.id),
            *ctx.datetime_in("adv_confirmed_date"),
            *ctx.by_handler("adv_user_id"),
        ]

    def _kpi_cancellation_rate_domain(self, ctx):
        return "sale.order", [
            ("company_id", "=", ctx.company.id),
            ("state", "=", "cancel"),
            *ctx.datetime_in("adv_cancelled_date"),
            *ctx.by_handler("adv_user_id"),
        ]

    def _kpi_cancellation_rate(self, ctx):
        return self._ratio(
            self._count(*self._kpi_cancellation_rate_domain(ctx)),
            self._count("sale.order", self._confirmed_in_period_domain(ctx)),
        )

    # ------------------------------------------------------------------
    # Order-taking speed
    # ------------------------------------------------------------------
    def _kpi_order_taking_hours_domain(self, ctx):
        return "sale.order", [
            *self._confirmed_in_period_domain(ctx),
            ("adv_received_date", "!=", False),
        ]

    def _kpi_order_taking_hours(self, ctx):
        model, domain = self._kpi_order_taking_hours_domain(ctx)
        query = self.env[model]._search(domain)
        confirmed = SQL.identifier(query.table, "adv_confirmed_date")
        received = SQL.identifier(query.table, "adv_received_date")
        # An order entered after the fact (received after its confirmation) counts 0.
        [(hours, count)] = self.env.execute_query(
            query.select(
                SQL(
                    "COALESCE(SUM(GREATEST(EXTRACT(EPOCH FROM (%s - %s)), 0)), 0) / 3600.0",
                    confirmed,
                    received,
                ),
                SQL("COUNT(*)"),
            )
        )
        return self._ratio(float(hours), count, scale=1.0)

    # ------------------------------------------------------------------
    # Invoicing delay
    # ------------------------------------------------------------------
    def _invoicing_delays(self, ctx):
        """(number of invoice lines, sum of their delays in days, lines within
        the company's target, invoice ids) of the posted customer invoices
        dated in the period.

        The delay of an invoice line is the number of days from the delivery
        that made its billed quantity available (the last delivery of its
        order line done to the customer by the invoice date, in the company's
        time zone) to the invoice date; lines billed before any delivery
        (invoiced on order) are not measured. One query."""
        key = ("invoicing", ctx.company.id, ctx.date_from, ctx.date_to,
               *ctx.by_handler("handler"))  # fmt: skip
        if key in ctx.cache:
            return ctx.cache[key]
        self._flush_read(
            {
                "stock.move": ["sale_line_id", "state", "date", "location_dest_id"],
                "account.move": ["company_id", "move_type", "state", "invoice_date"],
                "account.move.line": ["move_id", "display_type", "sale_line_ids"],
                "sale.order.line": ["order_id"],
                "sale.order": ["adv_user_id"],
            }
        )
        handler = SQL()
        if ctx.handler and ctx.definition.per_handler:
            handler = SQL("AND so.adv_user_id = %s", ctx.handler.id)
        rows = self.env.execute_query(
            SQL(
                """
                WITH delays AS (
                    SELECT aml.id, move.id AS move_id,
                           GREATEST(move.invoice_date - MAX(
                               (sm.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date), 0) AS days
                      FROM account_move move
                      JOIN account_move_line aml ON aml.move_id = move.id
                      JOIN sale_order_line_invoice_rel rel ON rel.invoice_line_id = aml.id
                      JOIN sale_order_line sol ON sol.id = rel.order_line_id
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN stock_move sm ON sm.sale_line_id = sol.id AND sm.state = 'done'
                      JOIN stock_location dest ON dest.id = sm.location_dest_id
                                              AND dest.usage = 'customer'
                     WHERE move.company_id = %(company)s
                       AND move.move_type = 'out_invoice'
                       AND move.state = 'posted'
                       AND move.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                       AND (sm.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                           <= move.invoice_date
                       %(handler)s
                     GROUP BY aml.id, move.id, move.invoice_date
                )
                SELECT COUNT(*), COALESCE(SUM(days), 0),
                       COUNT(*) FILTER (WHERE days <= %(target)s),
                       COALESCE(ARRAY_AGG(DISTINCT move_id), ARRAY[]::int[]),
                       COALESCE(ARRAY_AGG(DISTINCT move_id) FILTER (WHERE days <= %(target)s),
                                ARRAY[]::int[])
                  FROM delays
                """,
                tz=ctx.tz.zone,
                company=ctx.company.id,
                date_from=ctx.date_from,
                date_to=ctx.date_to,
                target=ctx.company.adv_invoicing_target_days,
                handler=handler,
            )
        )
        ctx.cache[key] = rows[0]
        return rows[0]

    def _kpi_invoicing_delay_days_domain(self, ctx):
        return "account.move", [("id", "in", self._invoicing_delays(ctx)[3])]

    def _kpi_invoicing_delay_days(self, ctx):
        count, days, _within, _moves, _moves_within = self._invoicing_delays(ctx)
        return self._ratio(float(days), count, scale=1.0)

    def _kpi_invoiced_in_target_rate_domain(self, ctx):
        return "account.move", [("id", "in", self._invoicing_delays(ctx)[4])]

    def _kpi_invoiced_in_target_rate(self, ctx):
        count, _days, within, _moves, _moves_within = self._invoicing_delays(ctx)
        return self._ratio(within, count)
