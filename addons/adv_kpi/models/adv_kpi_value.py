# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from psycopg2 import errors

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

PERIOD_TYPES = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
    ("custom", "Custom"),
]


class AdvKpiValue(models.Model):
    """The value of one KPI for one company, period and (optional) handler.

    Written only by the computation service (``_store``): computing a period
    again updates its row, never adds one; past periods stay for trends."""

    _name = "adv.kpi.value"
    _description = "ADV KPI Value"
    _order = "date_from desc, definition_id, id"
    _rec_name = "definition_id"

    definition_id = fields.Many2one(
        "adv.kpi.definition", string="KPI", required=True, index=True, ondelete="cascade"
    )
    code = fields.Char(related="definition_id.code")
    category = fields.Selection(related="definition_id.category", store=True)
    unit = fields.Selection(related="definition_id.unit")
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="month")
    date_from = fields.Date(required=True, index=True)
    date_to = fields.Date(required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    handler_id = fields.Many2one(
        "res.users", string="ADV Handler", index=True, help="Empty: the whole team."
    )
    value = fields.Float(aggregator="avg", help="Empty when there is no data.")
    has_value = fields.Boolean(string="Has Data", help="False when the period has no data.")
    numerator = fields.Float(aggregator="sum")
    denominator = fields.Float(aggregator="sum")
    computed_at = fields.Datetime(string="Computed On", required=True)

    def init(self):
        # One row per KPI, company, handler (or none) and period: the upsert
        # of _store relies on this index.
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS adv_kpi_value_period_uniq
                   ON adv_kpi_value (definition_id, company_id,
                                     COALESCE(handler_id, 0), date_from, date_to)"""
            )
        )

    @api.model
    def _store(self, rows):
        """Insert or update the values ``rows``: dicts with definition_id,
        company_id, handler_id, period_type, date_from, date_to, value,
        numerator, denominator. One query for all of them.

        Many users open the dashboard of the same period at once: one
        transaction stores its values, the others show what they computed
        and leave the storing to it. A transaction that finds the same
        values being stored (advisory lock) stores nothing; one that meets
        values stored since its snapshot was taken (repeatable read: a
        serialization failure on the upsert) keeps those. Either way the
        user gets the figures, and no error."""
        if not rows:
            return
        keys = sorted(
            {(row["company_id"], row.get("handler_id") or 0, str(row["date_from"])) for row in rows}
        )
        self.env.cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s))",
                "adv.kpi.value:" + ";".join(f"{c}/{h}/{d}" for c, h, d in keys),
            )
        )
        if not self.env.cr.fetchone()[0]:
            _logger.info("KPI values being stored by another transaction: not stored twice")
            return
        now = fields.Datetime.now()
        uid = self.env.uid
        values = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                row["definition_id"],
                row["company_id"],
                row.get("handler_id") or None,
                row["period_type"],
                row["date_from"],
                row["date_to"],
                row["value"],
                row["value"] is not None,
                row["numerator"],
                row["denominator"],
                now,
                uid,
                now,
                uid,
                now,
            )
            for row in rows
        )
        query = SQL(
            """INSERT INTO adv_kpi_value (definition_id, company_id, handler_id,
                       period_type, date_from, date_to, value, has_value, numerator,
                       denominator, computed_at, create_uid, create_date, write_uid,
                       write_date)
                   VALUES %s
                   ON CONFLICT (definition_id, company_id, (COALESCE(handler_id, 0)),
                                date_from, date_to)
                   DO UPDATE SET period_type = EXCLUDED.period_type,
                       value = EXCLUDED.value, has_value = EXCLUDED.has_value,
                       numerator = EXCLUDED.numerator,
                       denominator = EXCLUDED.denominator,
                       computed_at = EXCLUDED.computed_at,
                       write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date""",
            values,
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query, log_exceptions=False)
        except (errors.SerializationFailure, errors.DeadlockDetected):
            _logger.info("KPI values stored meanwhile by another transaction: kept")
        self.invalidate_model()

    @api.model
    def _compute_and_store(self, definitions, company, periods, handler=None):
        """Compute ``definitions`` for each (period_type, date_from, date_to) of
        ``periods`` and store them. Returns {(definition id, date_from): result}."""
        engine = self.env["adv.kpi.engine"]
        rows, results = [], {}
        for period_type, date_from, date_to in periods:
            computed = engine._compute(definitions, company, date_from, date_to, handler)
            for definition_id, result in computed.items():
                results[definition_id, date_from] = result
                rows.append(
                    {
                        "definition_id": definition_id,
                        "company_id": company.id,
                        "handler_id": handler.id if handler else None,
                        "period_type": period_type,
                        "date_from": date_from,
                        "date_to": date_to,
                        **result,
                    }
                )
        self.sudo()._store(rows)
        return results

    @api.model
    def _cron_compute(self):
        """Nightly: the current and previous month, quarter and year of every
        company, for the team and for each ADV handler, plus any month of the
        last twelve not stored yet (the sparklines)."""
        dashboard = self.env["adv.kpi.dashboard"]
        today = fields.Date.context_today(self)
        handlers = self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("adv_orders.group_adv_user").id),
                ("share", "=", False),
            ]
        )
        companies = self.env["res.company"].search([("active", "=", True)])
        for index, company in enumerate(companies, 1):
            definitions = self.env["adv.kpi.definition"]._for_company(company)
            periods = []
            for period_type in ("month", "quarter", "year"):
                current = dashboard._period(period_type, today)
                periods += [
                    (period_type, *dashboard._shift(period_type, *current, 1)),
                    (period_type, *current),
                ]
            months = [
                ("month", *dashboard._shift("month", *dashboard._period("month", today), n))
                for n in range(2, 12)
            ]
            stored = self.search(
                [
                    ("company_id", "=", company.id),
                    ("handler_id", "=", False),
                    ("date_from", "in", [m[1] for m in months]),
                ]
            )
            done = {(v.definition_id.id, v.date_from, v.date_to) for v in stored}
            missing = [
                m for m in months if any((d.id, m[1], m[2]) not in done for d in definitions)
            ]
            self._compute_and_store(definitions, company, periods + missing)
            split = definitions.filtered("per_handler")
            for handler in handlers.filtered(lambda u, c=company: c in u.company_ids):
                self._compute_and_store(split, company, periods, handler)
            self.env["ir.cron"]._notify_progress(done=index, remaining=len(companies) - index)
