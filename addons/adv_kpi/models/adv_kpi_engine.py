# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The KPI computation service.

Each KPI of code ``<code>`` is two methods of ``adv.kpi.engine``:

- ``_kpi_<code>(ctx)`` returns ``{"numerator", "denominator", "value"}``
  (build it with ``_total`` or ``_ratio``);
- ``_kpi_<code>_domain(ctx)`` returns ``(model, domain)``: the records behind
  the numerator, opened by the dashboard's drill-down.

``ctx`` is a ``KpiContext``: company, period, optional handler, definition.
Every method runs a fixed number of set-based queries (``search_count``,
``_read_group`` or one SQL query), whatever the number of records.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL


@dataclass(frozen=True)
class KpiContext:
    """One KPI to compute: for ``company`` over ``date_from``..``date_to``
    (inclusive), restricted to ``handler`` (an empty recordset: everybody)."""

    definition: models.BaseModel
    company: models.BaseModel
    date_from: date
    date_to: date
    handler: models.BaseModel

    @property
    def tz(self):
        return pytz.timezone(self.company.partner_id.tz or "UTC")

    def _utc(self, day):
        local = self.tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @property
    def dt_from(self):
        """Start of the period: midnight of its first day in the company's time zone (UTC)."""
        return fields.Datetime.to_string(self._utc(self.date_from))

    @property
    def dt_to(self):
        """End of the period (excluded): midnight after its last day (UTC)."""
        return fields.Datetime.to_string(self._utc(self.date_to + timedelta(days=1)))

    def datetime_in(self, field):
        return [(field, ">=", self.dt_from), (field, "<", self.dt_to)]

    def date_in(self, field):
        return [(field, ">=", self.date_from), (field, "<=", self.date_to)]

    def by_handler(self, field):
        """Domain on the handler, when one is chosen and the KPI may be split."""
        if self.handler and self.definition.per_handler:
            return [(field, "=", self.handler.id)]
        return []


class AdvKpiEngine(models.AbstractModel):
    _name = "adv.kpi.engine"
    _description = "ADV KPI Computation"

    # ------------------------------------------------------------------
    # Service
    # ------------------------------------------------------------------
    @api.model
    def _compute(self, definitions, company, date_from, date_to, handler=None):
        """{definition id: {"value", "numerator", "denominator"}} for the period.

        A KPI without data (empty denominator) has ``value`` None."""
        handler = handler or self.env["res.users"]
        engine = self.sudo().with_company(company)
        results = {}
        for definition in definitions:
            ctx = KpiContext(definition, company, date_from, date_to, handler)
            results[definition.id] = getattr(engine, f"_kpi_{definition.code}")(ctx)
        return results

    @api.model
    def _drill_domain(self, definition, company, date_from, date_to, handler=None):
        """(model, domain) of the records behind the numerator of ``definition``."""
        ctx = KpiContext(definition, company, date_from, date_to, handler or self.env["res.users"])
        return getattr(self, f"_kpi_{definition.code}_domain")(ctx)

    @api.model
    def _has_kpi(self, code):
        return hasattr(self, f"_kpi_{code}") and hasattr(self, f"_kpi_{code}_domain")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _total(self, amount):
        return {"numerator": amount, "denominator": None, "value": amount}

    @api.model
    def _ratio(self, numerator, denominator, scale=100.0):
        """numerator / denominator x scale; no data when the denominator is empty."""
        value = numerator * scale / denominator if denominator else None
        return {"numerator": numerator, "denominator": denominator, "value": value}

    @api.model
    def _count(self, model, domain):
        return self.env[model].search_count(domain)

    @api.model
    def _sum(self, model, domain, field):
        [(total,)] = self.env[model]._read_group(domain, [], [f"{field}:sum"])
        return total or 0.0

    # ------------------------------------------------------------------
    # Productivity
    # ------------------------------------------------------------------
    def _kpi_orders_received_domain(self, ctx):
        return "sale.order", [
            ("company_id", "=", ctx.company.id),
            ("state", "!=", "cancel"),
            *ctx.datetime_in("adv_received_date"),
            *ctx.by_handler("adv_user_id"),
        ]

    def _kpi_orders_received(self, ctx):
        return self._total(self._count(*self._kpi_orders_received_domain(ctx)))

    def _kpi_orders_confirmed_domain(self, ctx):
        return "sale.order", [
            ("company_id", "=", ctx.company.id),
            ("state", "=", "sale"),
            *ctx.datetime_in("date_order"),
            *ctx.by_handler("adv_user_id"),
        ]

    def _kpi_orders_confirmed(self, ctx):
        return self._total(self._count(*self._kpi_orders_confirmed_domain(ctx)))

    def _moves_domain(self, ctx, move_type):
        return [
            ("company_id", "=", ctx.company.id),
            ("move_type", "=", move_type),
            ("state", "=", "posted"),
            *ctx.date_in("invoice_date"),
            *ctx.by_handler("adv_user_id"),
        ]

    def _kpi_invoices_issued_domain(self, ctx):
        return "account.move", self._moves_domain(ctx, "out_invoice")

    def _kpi_invoices_issued(self, ctx):
        return self._total(self._count(*self._kpi_invoices_issued_domain(ctx)))

    _kpi_invoices_amount_domain = _kpi_invoices_issued_domain

    def _kpi_invoices_amount(self, ctx):
        # amount_untaxed_signed is in company currency, positive on invoices.
        model, domain = self._kpi_invoices_amount_domain(ctx)
        return self._total(self._sum(model, domain, "amount_untaxed_signed"))

    def _kpi_credit_notes_issued_domain(self, ctx):
        return "account.move", self._moves_domain(ctx, "out_refund")

    def _kpi_credit_notes_issued(self, ctx):
        return self._total(self._count(*self._kpi_credit_notes_issued_domain(ctx)))

    _kpi_credit_notes_amount_domain = _kpi_credit_notes_issued_domain

    def _kpi_credit_notes_amount(self, ctx):
        # amount_untaxed_signed is in company currency, negative on credit notes.
        model, domain = self._kpi_credit_notes_amount_domain(ctx)
        return self._total(-self._sum(model, domain, "amount_untaxed_signed"))

    # ------------------------------------------------------------------
    # Quality
    # ------------------------------------------------------------------
    def _kpi_entry_error_rate_domain(self, ctx):
        model, confirmed = self._kpi_orders_confirmed_domain(ctx)
        return model, [*confirmed, ("adv_order_error_ids", "!=", False)]

    def _kpi_entry_error_rate(self, ctx):
        return self._ratio(
            self._count(*self._kpi_entry_error_rate_domain(ctx)),
            self._count(*self._kpi_orders_confirmed_domain(ctx)),
        )

    _kpi_credit_note_ratio_domain = _kpi_credit_notes_issued_domain

    def _kpi_credit_note_ratio(self, ctx):
        return self._ratio(
            self._kpi_credit_notes_amount(ctx)["value"],
            self._kpi_invoices_amount(ctx)["value"],
        )

    # ------------------------------------------------------------------
    # Service
    # ------------------------------------------------------------------
    def _acknowledged_domain(self, ctx):
        return [
            ("company_id", "=", ctx.company.id),
            *ctx.datetime_in("adv_ack_date"),
            *ctx.by_handler("adv_user_id"),
        ]

    def _kpi_ack_sla_rate_domain(self, ctx):
        return "sale.order", [
            *self._acknowledged_domain(ctx),
            ("adv_ack_deadline", "!=", False),
            ("adv_ack_in_sla", "=", True),
        ]

    def _kpi_ack_sla_rate(self, ctx):
        return self._ratio(
            self._count(*self._kpi_ack_sla_rate_domain(ctx)),
            self._count(
                "sale.order",
                [*self._acknowledged_domain(ctx), ("adv_ack_deadline", "!=", False)],
            ),
        )

    def _kpi_ack_delay_hours_domain(self, ctx):
        return "sale.order", [
            *self._acknowledged_domain(ctx),
            ("adv_received_date", "!=", False),
        ]

    def _kpi_ack_delay_hours(self, ctx):
        model, domain = self._kpi_ack_delay_hours_domain(ctx)
        query = self.env[model]._search(domain)
        ack = SQL.identifier(query.table, "adv_ack_date")
        received = SQL.identifier(query.table, "adv_received_date")
        # execute_query flushes the pending writes of the fields the query reads.
        [(hours, count)] = self.env.execute_query(
            query.select(
                SQL("COALESCE(SUM(EXTRACT(EPOCH FROM (%s - %s))), 0) / 3600.0", ack, received),
                SQL("COUNT(*)"),
            )
        )
        return self._ratio(float(hours), count, scale=1.0)

    def _delivered_domain(self, ctx):
        return [
            ("company_id", "=", ctx.company.id),
            ("state", "=", "sale"),
            *ctx.datetime_in("adv_delivered_date"),
            *ctx.by_handler("adv_user_id"),
        ]

    def _kpi_otif_rate_domain(self, ctx):
        return "sale.order", [*self._delivered_domain(ctx), ("adv_otif", "=", True)]

    def _kpi_otif_rate(self, ctx):
        return self._ratio(
            self._count(*self._kpi_otif_rate_domain(ctx)),
            self._count("sale.order", self._delivered_domain(ctx)),
        )

    def _shipments_domain(self, ctx):
        return [
            ("company_id", "=", ctx.company.id),
            ("picking_type_code", "=", "outgoing"),
            ("location_dest_id.usage", "=", "customer"),
            ("state", "=", "done"),
            ("adv_promised_date", "!=", False),
            *ctx.datetime_in("date_done"),
            *ctx.by_handler("sale_id.adv_user_id"),
        ]

    def _kpi_on_time_delivery_rate_domain(self, ctx):
        return "stock.picking", [*self._shipments_domain(ctx), ("adv_on_time", "=", True)]

    def _kpi_on_time_delivery_rate(self, ctx):
        return self._ratio(
            self._count(*self._kpi_on_time_delivery_rate_domain(ctx)),
            self._count("stock.picking", self._shipments_domain(ctx)),
        )

    def _deliverable_lines_domain(self, ctx):
        return [
            ("company_id", "=", ctx.company.id),
            ("state", "=", "sale"),
            ("display_type", "=", False),
            ("qty_delivered_method", "=", "stock_move"),
            ("product_uom_qty", ">", 0),
            *ctx.datetime_in("order_id.date_order"),
            *ctx.by_handler("order_id.adv_user_id"),
        ]

    def _kpi_backorder_rate_domain(self, ctx):
        return "sale.order.line", [
            *self._deliverable_lines_domain(ctx),
            ("adv_qty_backorder", ">", 0),
        ]

    def _kpi_backorder_rate(self, ctx):
        return self._ratio(
            self._count(*self._kpi_backorder_rate_domain(ctx)),
            self._count("sale.order.line", self._deliverable_lines_domain(ctx)),
        )

    def _kpi_backorder_value_domain(self, ctx):
        return "adv.backorder.line", [
            ("company_id", "=", ctx.company.id),
            ("date_order", "<", ctx.dt_to),
            *ctx.by_handler("adv_user_id"),
        ]

    def _kpi_backorder_value(self, ctx):
        model, domain = self._kpi_backorder_value_domain(ctx)
        return self._total(self._sum(model, domain, "value_company"))

    # ------------------------------------------------------------------
    # Cash
    # ------------------------------------------------------------------
    def _receivables_domain(self, ctx):
        return [
            ("company_id", "=", ctx.company.id),
            ("parent_state", "=", "posted"),
            ("account_type", "=", "asset_receivable"),
            ("date", "<=", ctx.date_to),
        ]

    def _kpi_dso_domain(self, ctx):
        return "account.move.line", self._receivables_domain(ctx)

    def _kpi_dso(self, ctx):
        # Receivables at the end of the period: the balance of the receivable
        # accounts (invoices minus payments) dated up to its last day.
        receivables = self._sum(*self._kpi_dso_domain(ctx), "balance")
        # Credit sales of the last N days: invoices minus credit notes, taxes
        # included (as receivables are), in company currency.
        days = ctx.definition.window_days or 90
        sales = self._sum(
            "account.move",
            [
                ("company_id", "=", ctx.company.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("invoice_date", ">", ctx.date_to - timedelta(days=days)),
                ("invoice_date", "<=", ctx.date_to),
            ],
            "amount_total_signed",
        )
        if sales <= 0:
            return {"numerator": receivables, "denominator": sales or None, "value": None}
        return self._ratio(receivables, sales, scale=float(days))

    def _open_receivables_domain(self, ctx, overdue_min=None, overdue_max=None):
        """Open receivable items dated up to the period end, by days overdue at
        the period end (due date before the last day of the period)."""
        domain = [
            *self._receivables_domain(ctx),
            ("reconciled", "=", False),
            ("amount_residual", "!=", 0),
        ]
        if overdue_min is None:
            return domain + [
                "|",
                ("date_maturity", "=", False),
                ("date_maturity", ">=", ctx.date_to),
            ]
        domain.append(("date_maturity", "<=", ctx.date_to - timedelta(days=overdue_min)))
        if overdue_max is not None:
            domain.append(("date_maturity", ">=", ctx.date_to - timedelta(days=overdue_max)))
        return domain

    def _open_receivables(self, domain):
        return self._total(self._sum("account.move.line", domain, "amount_residual"))

    def _kpi_receivables_not_due_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx)

    def _kpi_receivables_not_due(self, ctx):
        return self._open_receivables(self._kpi_receivables_not_due_domain(ctx)[1])

    def _kpi_overdue_1_30_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx, 1, 30)

    def _kpi_overdue_1_30(self, ctx):
        return self._open_receivables(self._kpi_overdue_1_30_domain(ctx)[1])

    def _kpi_overdue_31_60_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx, 31, 60)

    def _kpi_overdue_31_60(self, ctx):
        return self._open_receivables(self._kpi_overdue_31_60_domain(ctx)[1])

    def _kpi_overdue_61_90_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx, 61, 90)

    def _kpi_overdue_61_90(self, ctx):
        return self._open_receivables(self._kpi_overdue_61_90_domain(ctx)[1])

    def _kpi_overdue_over_90_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx, 91)

    def _kpi_overdue_over_90(self, ctx):
        return self._open_receivables(self._kpi_overdue_over_90_domain(ctx)[1])
