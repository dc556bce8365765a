# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import logging

from psycopg2 import errors

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# The longest wait, in seconds, for another transaction computing the same
# period; past it, the period is computed again and not stored.
LOCK_WAIT = 10
HELD = "adv.kpi.value.locks"

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

    # ------------------------------------------------------------------
    # Simultaneous computations of one period
    # ------------------------------------------------------------------
    @api.model
    def _lock_key(self, company_id, handler_id, date_from, date_to):
        """The 64-bit advisory lock key of the values of one period, for one
        company and handler (0: the team)."""
        text = f"adv.kpi.value/{company_id}/{handler_id or 0}/{date_from}/{date_to}"
        return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)

    @api.model
    def _try_lock(self, key):
        """Take the transaction's exclusive lock ``key`` if nobody holds it."""
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", key))
        return self.env.cr.fetchone()[0]

    @api.model
    def _wait_lock(self, key):
        """Wait, at most LOCK_WAIT seconds, until the transaction computing
        ``key`` ends, then hold a shared lock on it (so that all the waiters
        go on at once). False when it did not end in time."""
        cr = self.env.cr
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("SHOW lock_timeout"))
                previous = cr.fetchone()[0]
                cr.execute(SQL("SELECT set_config('lock_timeout', %s, true)", f"{LOCK_WAIT}s"))
                cr.execute(
                    SQL("SELECT pg_advisory_xact_lock_shared(%s)", key), log_exceptions=False
                )
                cr.execute(SQL("SELECT set_config('lock_timeout', %s, true)", previous))
        except (errors.LockNotAvailable, errors.DeadlockDetected):
            return False
        return True

    @api.model
    def _held_keys(self):
        """The period locks this transaction holds exclusively (an advisory
        transaction lock lasts until the commit or rollback)."""
        cr = self.env.cr
        if HELD not in cr.cache:
            cr.cache[HELD] = set()
            cr.postcommit.add(lambda: cr.cache.pop(HELD, None))
            cr.postrollback.add(lambda: cr.cache.pop(HELD, None))
        return cr.cache[HELD]

    @api.model
    def _lock(self, keys):
        """Lock the periods ``keys`` before computing them: (taken, waited).

        ``taken``: the keys locked exclusively now: this transaction computes
        and stores them. ``waited``: the keys another transaction was
        computing; this one waited for it to end (holding then a shared lock,
        so that all the waiters go on at once) and reads what it stored. Once
        it has waited, it takes the next keys shared too: the transaction it
        waited for has most likely stored them as well. Keys held since an
        earlier call are in neither. The others (the holder did not end
        within LOCK_WAIT seconds, e.g. the nightly computation) are computed
        but not stored.

        The keys are taken in ascending order and a transaction only ever
        waits for the key it is at, holding smaller ones: two transactions
        never wait for each other."""
        held = self._held_keys()
        taken, waited, late = set(), set(), False
        for key in sorted(set(keys) - held):
            if not waited and self._try_lock(key):
                taken.add(key)
            elif not late and self._wait_lock(key):
                waited.add(key)
            else:
                late = True  # a long transaction: do not wait for it once per period
        held |= taken
        return taken, waited

    @api.model
    def _read_rows(self, cr, definitions, company, handler_id, periods):
        """{(definition id, date_from, date_to): (row version, result)} stored
        for ``periods``, as seen by the transaction of ``cr``."""
        cr.execute(
            SQL(
                """SELECT definition_id, date_from, date_to, xmin::text, value, has_value,
                          numerator, denominator
                     FROM adv_kpi_value
                    WHERE definition_id = ANY(%s) AND company_id = %s
                      AND COALESCE(handler_id, 0) = %s AND date_from = ANY(%s)
                      AND date_to = ANY(%s)""",
                definitions.ids,
                company.id,
                handler_id or 0,
                [p[1] for p in periods],
                [p[2] for p in periods],
            )
        )
        dates = {(p[1], p[2]) for p in periods}
        return {
            (definition_id, date_from, date_to): (
                version,
                {
                    "value": value if has_value else None,
                    "numerator": numerator,
                    "denominator": denominator,
                },
            )
            for definition_id, date_from, date_to, version, value, has_value, numerator,
            denominator in cr.fetchall()
            if (date_from, date_to) in dates
        }  # fmt: skip

    @api.model
    def _demo_history(self):
        """Demo data only: a year of ADV activity (see demo/history.py)."""
        from ..demo.history import DemoHistory

        return DemoHistory(self.env).generate_demo()

    @api.model
    def _stored_meanwhile(self, definitions, company, handler_id, periods):
        """{(definition id, date_from, date_to): result} of the values of
        ``periods`` committed by other transactions since this one began.

        The transaction runs in repeatable read: it does not see what was
        committed after its first query. Once the periods are locked, what
        is stored is read through a new cursor, and kept where the row
        differs from the one this transaction sees (another row version).
        Only for periods this transaction did not store itself. While the
        modules load (install, update) no other transaction can have stored
        any: a new cursor would not even see the table of a fresh install."""
        if not self.env.registry.ready:
            return {}
        mine = self._read_rows(self.env.cr, definitions, company, handler_id, periods)
        with self.env.registry.cursor() as cr:
            theirs = self._read_rows(cr, definitions, company, handler_id, periods)
        return {
            key: result
            for key, (version, result) in theirs.items()
            if mine.get(key, (None,))[0] != version
        }

    # ------------------------------------------------------------------
    # Computation and storage
    # ------------------------------------------------------------------
    @api.model
    def _store(self, rows):
        """Insert or update the values ``rows``: dicts with definition_id,
        company_id, handler_id, period_type, date_from, date_to, value,
        numerator, denominator. One query for all of them.

        Called by _compute_and_store under the lock of the rows' periods, so
        no other transaction stores them meanwhile. One case remains: values
        committed by another transaction after this one's snapshot but
        before it took the lock; the upsert then meets a serialization
        failure, and the values stored by the other transaction are kept."""
        if not rows:
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
    def _compute_live(self, definitions, company, periods, handler=None):
        """Compute ``definitions`` for ``periods`` without storing anything:
        the read path of the dashboard, which may run on a read-only cursor
        (a read replica). Returns {(definition id, date_from): result}."""
        engine = self.env["adv.kpi.engine"]
        results = {}
        for _period_type, date_from, date_to in periods:
            computed = engine._compute(definitions, company, date_from, date_to, handler)
            results.update({(key, date_from): result for key, result in computed.items()})
        return results

    @api.model
    def _compute_and_store(self, definitions, company, periods, handler=None):
        """Compute ``definitions`` for each (period_type, date_from, date_to) of
        ``periods`` and store them. Returns {(definition id, date_from): result}.

        Many users may refresh the same period at once: each period is
        locked (transaction-level advisory lock per company, handler and
        period) before it is computed. The first transaction computes and
        stores; the others wait for it to end and read what it stored, or
        compute what it did not store. No serialization error, no duplicate."""
        handler_id = handler.id if handler else 0
        keys = {p: self._lock_key(company.id, handler_id, p[1], p[2]) for p in periods}
        taken, waited = self._lock(keys.values())
        meanwhile = {}
        if taken or waited:
            meanwhile = self._stored_meanwhile(
                definitions,
                company,
                handler_id,
                [p for p in periods if keys[p] in taken | waited],
            )
            if meanwhile:
                _logger.info("KPI values read as stored by a simultaneous computation")
        engine = self.env["adv.kpi.engine"]
        rows, results = [], {}
        for period in periods:
            period_type, date_from, date_to = period
            todo = definitions.browse()
            for definition in definitions:
                if (definition.id, date_from, date_to) in meanwhile:
                    results[definition.id, date_from] = meanwhile[definition.id, date_from, date_to]
                else:
                    todo |= definition
            if not todo:
                continue
            computed = engine._compute(todo, company, date_from, date_to, handler)
            results.update({(key, date_from): result for key, result in computed.items()})
            # A period whose computing transaction we waited for is stored
            # only when no other waiter holds it any more.
            held = self._held_keys()
            if keys[period] in held or (keys[period] in waited and self._try_lock(keys[period])):
                held.add(keys[period])
                rows += [
                    {
                        "definition_id": definition_id,
                        "company_id": company.id,
                        "handler_id": handler_id or None,
                        "period_type": period_type,
                        "date_from": date_from,
                        "date_to": date_to,
                        **result,
                    }
                    for definition_id, result in computed.items()
                ]
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
