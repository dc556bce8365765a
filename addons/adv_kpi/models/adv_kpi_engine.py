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

from dataclasses import dataclass, field
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
    # Results shared by the KPIs of one computation (e.g. the receivables aging).
    cache: dict = field(default_factory=dict, compare=False, repr=False)

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

    @property
    def running(self):
        """True while the period is not over (its end is still to come)."""
        return self.dt_to > fields.Datetime.to_string(fields.Datetime.now())

    @property
    def as_of(self):
        """The day positions (receivables, aging) are taken on: the last day
        of the period, or today while the period runs."""
        today = pytz.utc.localize(fields.Datetime.now()).astimezone(self.tz).date()
        return min(self.date_to, today)

    @property
    def dt_as_of(self):
        """The instant (UTC) backorders are taken at: the end of the period,
        or now while the period runs."""
        return min(self.dt_to, fields.Datetime.to_string(fields.Datetime.now()))

    def datetime_in(self, fname):
        return [(fname, ">=", self.dt_from), (fname, "<", self.dt_to)]

    def date_in(self, fname):
        return [(fname, ">=", self.date_from), (fname, "<=", self.date_to)]

    def by_handler(self, fname):
        """Domain on the handler, when one is chosen and the KPI may be split."""
        if self.handler and self.definition.per_handler:
            return [(fname, "=", self.handler.id)]
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
        results, cache = {}, {}
        for definition in definitions:
            ctx = KpiContext(definition, company, date_from, date_to, handler, cache)
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
    def _flush_read(self, fields_by_model):
        """Write what is pending on the fields a raw query reads (and only
        those), in the order given: a model's stored computed fields may
        depend on the models flushed before it."""
        for model, fnames in fields_by_model.items():
            self.env[model].flush_model(fnames)

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

    def _backorder_rate_lines(self, ctx):
        """Ids of the lines of the orders confirmed in the period with a
        remainder at its end: among the open remainders of ``ctx``."""
        dt_from = fields.Datetime.to_datetime(ctx.dt_from)
        dt_to = fields.Datetime.to_datetime(ctx.dt_to)
        return [
            line_id
            for line_id, (_value, ordered_on, ordered) in self._open_remainders(ctx).items()
            if dt_from <= ordered_on < dt_to and ordered > 0
        ]

    def _kpi_backorder_rate_domain(self, ctx):
        if ctx.running:
            return "sale.order.line", [
                *self._deliverable_lines_domain(ctx),
                ("adv_qty_backorder", ">", 0),
            ]
        return "sale.order.line", [("id", "in", self._backorder_rate_lines(ctx))]

    def _kpi_backorder_rate(self, ctx):
        return self._ratio(
            self._open_remainder_totals(ctx)[1],
            self._count("sale.order.line", self._deliverable_lines_domain(ctx)),
        )

    def _open_lines_domain(self, ctx):
        return [
            ("company_id", "=", ctx.company.id),
            ("state", "=", "sale"),
            ("display_type", "=", False),
            ("qty_delivered_method", "=", "stock_move"),
            ("order_id.date_order", "<", ctx.dt_as_of),
            *ctx.by_handler("order_id.adv_user_id"),
        ]

    def _open_remainders(self, ctx):
        """The remainders open at the end of the period, line by line (the
        drill-downs of the backorder value and rate)."""
        key = ("remainders", ctx.company.id, ctx.dt_as_of, *ctx.by_handler("handler"))
        if key not in ctx.cache:
            ctx.cache[key] = self._remainders_at(ctx, self._open_lines_domain(ctx))
        return ctx.cache[key]

    def _open_remainder_totals(self, ctx):
        """(value, lines of the orders confirmed in the period) of the
        remainders open at its end: summed by PostgreSQL per order date,
        once per instant for all the KPIs and periods of one computation."""
        key = ("remainder totals", ctx.company.id, ctx.dt_as_of, *ctx.by_handler("handler"))
        if key not in ctx.cache:
            remainders = self._remainders_query(ctx, self._open_lines_domain(ctx))
            ctx.cache[key] = self.env.execute_query(
                SQL(
                    """SELECT ordered_on, SUM(value), COUNT(*) FILTER (WHERE ordered > 0)
                         FROM (%s) AS remainders
                     GROUP BY ordered_on""",
                    remainders,
                )
            )
        dt_from = fields.Datetime.to_datetime(ctx.dt_from)
        dt_to = fields.Datetime.to_datetime(ctx.dt_to)
        by_date = ctx.cache[key]
        return (
            float(sum(value for _on, value, _count in by_date)),
            sum(count for ordered_on, _value, count in by_date if dt_from <= ordered_on < dt_to),
        )

    def _kpi_backorder_value_domain(self, ctx):
        if ctx.running:
            # Today's remainders: the backorder book itself.
            return "adv.backorder.line", [
                ("company_id", "=", ctx.company.id),
                *ctx.by_handler("adv_user_id"),
            ]
        return "sale.order.line", [("id", "in", list(self._open_remainders(ctx)))]

    def _kpi_backorder_value(self, ctx):
        return self._total(self._open_remainder_totals(ctx)[0])

    @api.model
    def _remainders_at(self, ctx, domain):
        """{line id: (untaxed value in company currency, order date, ordered
        quantity)} of the order lines of ``domain`` that still owed something
        at ``ctx.dt_as_of`` (see _remainders_query)."""
        rows = self.env.execute_query(self._remainders_query(ctx, domain))
        return {
            line_id: (float(value), ordered_on, ordered)
            for line_id, value, ordered_on, ordered in rows
        }

    @api.model
    def _remainders_query(self, ctx, domain):
        """The query of the order lines of ``domain`` that still owed
        something at ``ctx.dt_as_of``: their id, untaxed value in company
        currency, order date and ordered quantity.

        The remainder then is today's remainder plus what was delivered since
        (net of refunded returns, converted to the line's unit) plus a remainder
        cancelled since: a remainder is cancelled when the line's last delivery
        is validated without backorder, so it counts as open before that
        delivery. Candidates are the open lines (indexed) and the lines with a
        delivery done since: one query, whatever the number of lines."""
        # The raw SQL below reads stored computed fields of several models
        # that depend on each other (moves -> delivered -> remainder): write
        # what is pending on the fields it reads, moves first.
        self._flush_read(
            {
                "stock.move": [
                    "sale_line_id", "state", "date", "quantity", "location_id",
                    "location_dest_id", "product_uom", "scrapped",
                    "origin_returned_move_id", "to_refund",
                ],
                "sale.order.line": [
                    "order_id", "product_uom", "product_uom_qty", "price_reduce_taxexcl",
                    "adv_qty_backorder", "adv_backorder_value", "adv_qty_cancelled",
                ],
                "sale.order": ["date_order", "currency_id", "currency_rate"],
            }
        )  # fmt: skip
        query = self.env["sale.order.line"]._search(domain)
        query.add_join(
            "LEFT JOIN",
            "adv_since",
            None,
            SQL('"adv_since".line_id = %s', SQL.identifier(query.table, "id")),
        )
        query.add_join(
            "JOIN",
            "adv_line_uom",
            "uom_uom",
            SQL('"adv_line_uom".id = %s', SQL.identifier(query.table, "product_uom")),
        )
        query.add_join(
            "JOIN",
            "adv_line_order",
            "sale_order",
            SQL('"adv_line_order".id = %s', SQL.identifier(query.table, "order_id")),
        )
        query.add_join(
            "JOIN",
            "adv_line_currency",
            "res_currency",
            SQL('"adv_line_currency".id = "adv_line_order".currency_id'),
        )
        query.add_where(
            SQL(
                "%s IN (SELECT id FROM sale_order_line WHERE adv_qty_backorder > 0 "
                "UNION SELECT line_id FROM adv_since)",
                SQL.identifier(query.table, "id"),
            )
        )
        line = SQL.identifier(query.table)
        extra = SQL(
            """(COALESCE("adv_since".qty_ref * "adv_line_uom".factor, 0)
                + CASE WHEN "adv_since".shipped THEN COALESCE(%s.adv_qty_cancelled, 0)
                       ELSE 0 END)""",
            line,
        )
        return SQL(
            """WITH adv_since AS (
                       SELECT move.sale_line_id AS line_id,
                              SUM(CASE WHEN dest.usage = 'customer' THEN move.quantity
                                       ELSE -move.quantity END / move_uom.factor) AS qty_ref,
                              BOOL_OR(dest.usage = 'customer') AS shipped
                         FROM stock_move move
                         JOIN stock_location dest ON dest.id = move.location_dest_id
                         JOIN stock_location src ON src.id = move.location_id
                         JOIN uom_uom move_uom ON move_uom.id = move.product_uom
                        WHERE move.state = 'done'
                          AND move.date >= %(at)s
                          AND move.sale_line_id IS NOT NULL
                          AND NOT COALESCE(move.scrapped, FALSE)
                          AND ((dest.usage = 'customer'
                                AND (move.origin_returned_move_id IS NULL OR move.to_refund))
                               OR (dest.usage != 'customer' AND src.usage = 'customer'
                                   AND move.to_refund))
                        GROUP BY move.sale_line_id
                   )
                   SELECT id, value, ordered_on, ordered FROM (%(select)s) AS remainder
                    WHERE ROUND(qty::numeric, 6) > 0""",
            at=ctx.dt_as_of,
            select=query.select(
                SQL("%s AS id", SQL.identifier(query.table, "id")),
                SQL('"adv_line_order".date_order AS ordered_on'),
                SQL("%s.product_uom_qty AS ordered", line),
                SQL("COALESCE(%s.adv_qty_backorder, 0) + %s AS qty", line, extra),
                SQL(
                    """(COALESCE(%s.adv_backorder_value, 0)
                            + ROUND((%s * %s.price_reduce_taxexcl)::numeric,
                                    "adv_line_currency".decimal_places))
                           / COALESCE(NULLIF("adv_line_order".currency_rate, 0), 1.0) AS value""",
                    line,
                    extra,
                    line,
                ),
            ),
        )

    # ------------------------------------------------------------------
    # Cash
    # ------------------------------------------------------------------
    def _receivables_domain(self, ctx):
        return [
            ("company_id", "=", ctx.company.id),
            ("parent_state", "=", "posted"),
            ("account_type", "=", "asset_receivable"),
            ("date", "<=", ctx.as_of),
        ]

    def _kpi_dso_domain(self, ctx):
        return "account.move.line", self._receivables_domain(ctx)

    def _kpi_dso(self, ctx):
        # Receivables at the end of the period (today while it runs): the
        # balance of the receivable accounts (invoices minus payments) dated
        # up to that day.
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
                ("invoice_date", ">", ctx.as_of - timedelta(days=days)),
                ("invoice_date", "<=", ctx.as_of),
            ],
            "amount_total_signed",
        )
        if sales <= 0:
            return {"numerator": receivables, "denominator": sales or None, "value": None}
        return self._ratio(receivables, sales, scale=float(days))

    # Aging buckets: code -> (minimum, maximum) days past due on the aging day;
    # None as minimum: not due yet.
    AGING_BUCKETS = {
        "receivables_not_due": (None, None),
        "overdue_1_30": (1, 30),
        "overdue_31_60": (31, 60),
        "overdue_61_90": (61, 90),
        "overdue_over_90": (91, None),
    }

    def _open_items_domain(self, ctx):
        """Receivable items dated up to the aging day (the period's last day,
        today while it runs) still open on that day: not fully reconciled
        today, or reconciled by a payment or credit note dated later."""
        as_of = fields.Date.to_string(ctx.as_of)
        return [
            *self._receivables_domain(ctx),
            ("balance", "!=", 0),
            "|",
            "|",
            ("reconciled", "=", False),
            ("matched_debit_ids.max_date", ">", as_of),
            ("matched_credit_ids.max_date", ">", as_of),
        ]

    def _open_receivables_domain(self, ctx, overdue_min=None, overdue_max=None):
        """The open debit items (invoices, instalments) of the aging day by
        days past due on that day. Credit notes and unapplied payments are
        counted apart (unapplied_credits), never as a negative amount due."""
        domain = self._open_items_domain(ctx) + [("balance", ">", 0)]
        if overdue_min is None:
            return domain + [
                "|",
                ("date_maturity", "=", False),
                ("date_maturity", ">=", ctx.as_of),
            ]
        domain.append(("date_maturity", "<=", ctx.as_of - timedelta(days=overdue_min)))
        if overdue_max is not None:
            domain.append(("date_maturity", ">=", ctx.as_of - timedelta(days=overdue_max)))
        return domain

    def _aging(self, ctx):
        """{bucket code: open amount on the aging day}, company currency, in one
        query shared by the five buckets. The open amount of an item on a day
        is its balance less the reconciliations dated up to that day (as
        Odoo's residual is, less the later ones)."""
        key = ("aging", ctx.company.id, ctx.as_of)
        if key not in ctx.cache:
            self._flush_read(
                {
                    "account.move.line": [
                        "account_id", "parent_state", "company_id", "date", "balance",
                        "reconciled", "date_maturity", "amount_residual",
                    ],
                    "account.partial.reconcile": [
                        "debit_move_id", "credit_move_id", "amount", "max_date",
                    ],
                    "account.account": ["account_type"],
                }
            )  # fmt: skip
            # The items of _open_items_domain, found through indexes: the
            # unreconciled ones (Odoo's partial index) and the ones with a
            # reconciliation dated after the aging day. Their open amount on
            # that day is Odoo's residual plus those later reconciliations
            # taken back: only the recent reconciliations are read.
            maturity = SQL.identifier("open_item", "maturity")
            sums = []
            for low, high in self.AGING_BUCKETS.values():
                if low is None:
                    cond = SQL("(%s IS NULL OR %s >= %s)", maturity, maturity, ctx.as_of)
                else:
                    cond = SQL("%s <= %s", maturity, ctx.as_of - timedelta(days=low))
                    if high is not None:
                        cond = SQL(
                            "%s AND %s >= %s", cond, maturity, ctx.as_of - timedelta(days=high)
                        )
                sums.append(
                    SQL(
                        'COALESCE(SUM("open_item".residual)'
                        ' FILTER (WHERE "open_item".debit AND %s), 0)',
                        cond,
                    )
                )
            sums.append(
                SQL('-COALESCE(SUM("open_item".residual) FILTER (WHERE NOT "open_item".debit), 0)')
            )
            item_filter = SQL(
                """item.account_id IN (SELECT id FROM account_account
                                        WHERE account_type = 'asset_receivable')
                   AND item.parent_state = 'posted'
                   AND item.company_id = %(company)s
                   AND item.date <= %(day)s
                   AND item.balance != 0""",
                company=ctx.company.id,
                day=ctx.as_of,
            )
            [row] = self.env.execute_query(
                SQL(
                    """WITH adv_later AS (
                           SELECT debit_move_id AS item_id, amount
                             FROM account_partial_reconcile WHERE max_date > %(day)s
                           UNION ALL
                           SELECT credit_move_id, -amount
                             FROM account_partial_reconcile WHERE max_date > %(day)s
                       ),
                       adv_item AS (
                           SELECT item.id, item.date_maturity AS maturity,
                                  item.amount_residual AS residual, item.balance > 0 AS debit
                             FROM account_move_line item
                            WHERE item.reconciled IS NOT TRUE AND %(item_filter)s
                           UNION
                           SELECT item.id, item.date_maturity, item.amount_residual,
                                  item.balance > 0
                             FROM account_move_line item
                            WHERE item.id IN (SELECT item_id FROM adv_later)
                              AND %(item_filter)s
                       )
                       SELECT %(sums)s
                         FROM (SELECT adv_item.maturity, adv_item.debit,
                                      adv_item.residual + COALESCE(SUM(adv_later.amount), 0)
                                          AS residual
                                 FROM adv_item
                            LEFT JOIN adv_later ON adv_later.item_id = adv_item.id
                             GROUP BY adv_item.id, adv_item.maturity, adv_item.residual,
                                      adv_item.debit
                              ) AS open_item""",
                    day=ctx.as_of,
                    item_filter=item_filter,
                    sums=SQL(", ").join(sums),
                )
            )
            ctx.cache[key] = dict(
                zip([*self.AGING_BUCKETS, "unapplied_credits"], map(float, row), strict=True)
            )
        return ctx.cache[key]

    def _kpi_unapplied_credits_domain(self, ctx):
        return "account.move.line", self._open_items_domain(ctx) + [("balance", "<", 0)]

    def _kpi_unapplied_credits(self, ctx):
        return self._total(self._aging(ctx)["unapplied_credits"])

    def _kpi_receivables_not_due_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx)

    def _kpi_receivables_not_due(self, ctx):
        return self._total(self._aging(ctx)["receivables_not_due"])

    def _kpi_overdue_1_30_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx, 1, 30)

    def _kpi_overdue_1_30(self, ctx):
        return self._total(self._aging(ctx)["overdue_1_30"])

    def _kpi_overdue_31_60_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx, 31, 60)

    def _kpi_overdue_31_60(self, ctx):
        return self._total(self._aging(ctx)["overdue_31_60"])

    def _kpi_overdue_61_90_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx, 61, 90)

    def _kpi_overdue_61_90(self, ctx):
        return self._total(self._aging(ctx)["overdue_61_90"])

    def _kpi_overdue_over_90_domain(self, ctx):
        return "account.move.line", self._open_receivables_domain(ctx, 91)

    def _kpi_overdue_over_90(self, ctx):
        return self._total(self._aging(ctx)["overdue_over_90"])
