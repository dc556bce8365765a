# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date, format_datetime, formatLang

from .adv_kpi_value import PERIOD_TYPES

HISTORY = 12
MONTHS = {"month": 1, "quarter": 3, "year": 12}
# The dates a dashboard may show, and the longest custom period (5 years).
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(2099, 12, 31)
MAX_CUSTOM_DAYS = 5 * 366
# Before this day of the month, the dashboard opens on the last full month.
FULL_MONTH_DAYS = 10
# Stored figures older than this are computed again when the dashboard opens,
# as are figures older than the last change of these models in the company.
STALE_AFTER = timedelta(hours=1)
STALE_SOURCES = (
    "sale.order",
    "account.move",
    "stock.picking",
    "adv.order.error",
    "adv.claim",
    "adv.dunning.letter",
    "adv.dunning.promise",
    "adv.collection.case",
)


class AdvKpiDashboard(models.AbstractModel):
    """What the ADV Dashboard client action and its PDF show: the tiles of a
    period, read from the stored values (computed when missing)."""

    _name = "adv.kpi.dashboard"
    _description = "ADV Dashboard"

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------
    @api.model
    def _period(self, period_type, anchor):
        """(first day, last day) of the month, quarter or year holding ``anchor``."""
        if period_type == "month":
            start = anchor.replace(day=1)
        elif period_type == "quarter":
            start = anchor.replace(day=1, month=(anchor.month - 1) // 3 * 3 + 1)
        else:
            start = anchor.replace(day=1, month=1)
        return start, start + relativedelta(months=MONTHS[period_type], days=-1)

    @api.model
    def _shift(self, period_type, date_from, date_to, count):
        """The period ``count`` periods before (date_from, date_to)."""
        if period_type in MONTHS:
            start = date_from - relativedelta(months=MONTHS[period_type] * count)
            return start, start + relativedelta(months=MONTHS[period_type], days=-1)
        length = (date_to - date_from).days + 1
        return (
            date_from - timedelta(days=length * count),
            date_to - timedelta(days=length * count),
        )

    @api.model
    def _periods(self, period_type, date_from, date_to):
        """The last HISTORY periods, the oldest first, ending with this one."""
        return [
            (period_type, *self._shift(period_type, date_from, date_to, count))
            for count in range(HISTORY - 1, -1, -1)
        ]

    # ------------------------------------------------------------------
    # Parameters
    # ------------------------------------------------------------------
    @api.model
    def _is_manager(self):
        return self.env.user.has_group("adv_orders.group_adv_manager")

    @api.model
    def _parse_date(self, value, label):
        """The date of a client parameter ('2026-03-10'), or a clear error."""
        if not value:
            return False
        try:
            day = fields.Date.to_date(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if not day or not FIRST_DAY <= day <= LAST_DAY:
            raise UserError(
                self.env._(
                    "%(label)s must be a date between %(first)s and %(last)s, not %(value)s.",
                    label=label,
                    first=format_date(self.env, FIRST_DAY),
                    last=format_date(self.env, LAST_DAY),
                    value=str(value)[:40],
                )
            )
        return day

    @api.model
    def _parse_id(self, value, label):
        """The record id of a client parameter (a positive integer: the client
        sends numbers, never text), or a clear error."""
        record_id = value if isinstance(value, int) and not isinstance(value, bool) else 0
        if not 0 < record_id < 2**31:
            raise UserError(
                self.env._("%(label)s is not a valid record: %(value)s.", label=label,
                           value=str(value)[:40])
            )  # fmt: skip
        return record_id

    @api.model
    def _default_anchor(self):
        """The day the dashboard opens on: today, except in the first days of
        a month (fewer than FULL_MONTH_DAYS), when the month to date says
        little: then the last day of the previous, full, month."""
        today = fields.Date.context_today(self)
        if today.day < FULL_MONTH_DAYS:
            return today.replace(day=1) - timedelta(days=1)
        return today

    @api.model
    def _parse(self, params):
        """(period_type, date_from, date_to, company, handler) from the client's
        ``params``, checked against the user's rights. Parameters of the wrong
        type or out of range get a clear error, never a server error."""
        if not self.env.user.has_group("adv_orders.group_adv_user"):
            raise AccessError(self.env._("Only ADV users may open the ADV dashboard."))
        params = params or {}
        if not isinstance(params, dict):
            raise UserError(self.env._("The dashboard parameters are not understood."))
        period_type = params.get("period_type") or "month"
        if not isinstance(period_type, str) or period_type not in dict(PERIOD_TYPES):
            raise UserError(self.env._("Unknown period type %(type)s.", type=str(period_type)[:40]))
        if period_type == "custom":
            date_from = self._parse_date(params.get("date_from"), self.env._("The start date"))
            date_to = self._parse_date(params.get("date_to"), self.env._("The end date"))
            if not date_from or not date_to or date_from > date_to:
                raise UserError(self.env._("Choose a start date on or before the end date."))
            if (date_to - date_from).days > MAX_CUSTOM_DAYS:
                raise UserError(self.env._("Choose a period of at most five years."))
        else:
            anchor = self._parse_date(params.get("date"), self.env._("The date"))
            date_from, date_to = self._period(period_type, anchor or self._default_anchor())
        company = self.env.company
        if params.get("company_id"):
            company = self.env["res.company"].browse(
                self._parse_id(params["company_id"], self.env._("The company"))
            )
            if company not in self.env.user.company_ids:
                raise AccessError(self.env._("You have no access to this company."))
        handler = self.env["res.users"]
        if params.get("handler_id"):
            if not self._is_manager():
                raise AccessError(self.env._("Only ADV managers may filter on a handler."))
            handler = (
                self.env["res.users"]
                .browse(self._parse_id(params["handler_id"], self.env._("The handler")))
                .exists()
            )
            if not (
                handler
                and not handler.share
                and company in handler.company_ids
                and handler.has_group("adv_orders.group_adv_user")
            ):
                raise UserError(
                    self.env._("The handler must be an ADV user of %(company)s.",
                               company=company.name)
                )  # fmt: skip
        return period_type, date_from, date_to, company, handler

    # ------------------------------------------------------------------
    # Values
    # ------------------------------------------------------------------
    @api.model
    def _computed_at(self, definitions, company, handler, period):
        """When the stored values of ``period`` were computed (the oldest)."""
        [(oldest,)] = (
            self.env["adv.kpi.value"]
            .sudo()
            ._read_group(
                [
                    ("definition_id", "in", definitions.ids),
                    ("company_id", "=", company.id),
                    ("handler_id", "=", handler.id or False),
                    ("date_from", "=", period[1]),
                    ("date_to", "=", period[2]),
                ],
                aggregates=["computed_at:min"],
            )
        )
        return oldest

    @api.model
    def _last_change(self, company):
        """The last time a record the KPIs count changed in ``company``."""
        last = False
        for model in STALE_SOURCES:
            if model not in self.env:
                continue
            [(changed,)] = (
                self.env[model]
                .sudo()
                ._read_group([("company_id", "=", company.id)], aggregates=["write_date:max"])
            )
            if changed and (not last or changed > last):
                last = changed
        return last

    @api.model
    def _is_stale(self, computed_at, company):
        """Figures older than STALE_AFTER, or than the last change of what
        they count, are computed again when the dashboard opens."""
        if not computed_at:
            return True
        if computed_at < fields.Datetime.now() - STALE_AFTER:
            return True
        last = self._last_change(company)
        return bool(last and last > computed_at)

    @api.model
    def _stored(self, definitions, company, handler, periods):
        """{(definition id, date_from): result} of the values stored for ``periods``."""
        stored = (
            self.env["adv.kpi.value"]
            .sudo()
            .search_read(
                [
                    ("definition_id", "in", definitions.ids),
                    ("company_id", "=", company.id),
                    ("handler_id", "=", handler.id or False),
                    ("date_from", "in", [p[1] for p in periods]),
                    ("date_to", "in", [p[2] for p in periods]),
                ],
                ["definition_id", "date_from", "date_to", "value", "has_value", "numerator"]
                + ["denominator"],
            )
        )
        ends = {p[1]: p[2] for p in periods}
        return {
            (row["definition_id"][0], row["date_from"]): {
                "value": row["value"] if row["has_value"] else None,
                "numerator": row["numerator"],
                "denominator": row["denominator"],
            }
            for row in stored
            if ends.get(row["date_from"]) == row["date_to"]
        }

    @api.model
    def _format(self, definition, value, currency):
        if value is None:
            return self.env._("No data")
        if definition.unit == "amount":
            return formatLang(self.env, value, currency_obj=currency)
        if definition.unit == "count":
            return formatLang(self.env, value, digits=0)
        if definition.unit == "percent":
            return self.env._("%(value)s %%", value=formatLang(self.env, value, digits=1))
        if definition.unit == "hours":
            return self.env._("%(value)s h", value=formatLang(self.env, value, digits=1))
        if definition.unit == "score":
            return self.env._("%(value)s / 5", value=formatLang(self.env, value, digits=2))
        return self.env._("%(value)s d", value=formatLang(self.env, value, digits=1))

    @api.model
    def _tile(self, definition, history, currency):
        current = history[-1] or {}
        previous = history[-2] or {}
        value, before = current.get("value"), previous.get("value")
        trend = trend_pct = trend_good = None
        if value is not None and before is not None:
            trend = "up" if value > before else "down" if value < before else "flat"
            if before:
                trend_pct = (value - before) * 100.0 / abs(before)
            if trend != "flat":
                trend_good = (trend == "up") == (definition.direction == "higher")
        categories = dict(definition._fields["category"]._description_selection(self.env))
        units = dict(definition._fields["unit"]._description_selection(self.env))
        return {
            "id": definition.id,
            "code": definition.code,
            "name": definition.name,
            "description": definition.description or "",
            "category": definition.category,
            "category_label": categories[definition.category],
            "unit": definition.unit,
            "unit_label": units[definition.unit],
            "direction": definition.direction,
            "per_handler": definition.per_handler,
            "value": value,
            "value_display": self._format(definition, value, currency),
            "numerator": current.get("numerator"),
            "denominator": current.get("denominator"),
            "target": definition.target if definition.has_target else None,
            "target_display": self._format(definition, definition.target, currency)
            if definition.has_target
            else "",
            "status": definition._status(value),
            "previous": before,
            "previous_display": self._format(definition, before, currency),
            "trend": trend,
            "trend_pct": trend_pct,
            "trend_display": self.env._(
                "%(sign)s%(value)s %%",
                sign="+" if trend_pct > 0 else "",
                value=formatLang(self.env, trend_pct, digits=1),
            )
            if trend_pct is not None
            else "",
            "trend_good": trend_good,
            "history": [(h or {}).get("value") for h in history],
        }

    @api.model
    def _dashboard(self, period_type, date_from, date_to, company, handler, refresh=False):
        definitions = self.env["adv.kpi.definition"]._for_company(company)
        periods = self._periods(period_type, date_from, date_to)
        if refresh:
            compute = periods
            values = {}
        else:
            # Stored values are reused; the current and previous periods are
            # computed when one of their values is missing.
            values = self._stored(definitions, company, handler, periods)
            compute = [
                p for p in periods[-2:] if any((d.id, p[1]) not in values for d in definitions)
            ]
            current = periods[-1]
            if current not in compute and self._is_stale(
                self._computed_at(definitions, company, handler, current), company
            ):
                compute.append(current)
        if compute:
            Value = self.env["adv.kpi.value"].sudo()
            if self.env.cr.readonly:
                # a read-only cursor (a read replica): the figures are
                # computed live, stored by the nightly action or Refresh
                values.update(Value._compute_live(definitions, company, compute, handler))
            else:
                values.update(Value._compute_and_store(definitions, company, compute, handler))
        tiles = [
            self._tile(
                definition,
                [values.get((definition.id, p[1])) for p in periods],
                company.currency_id,
            )
            for definition in definitions
        ]
        if compute and periods[-1] in compute and self.env.cr.readonly:
            computed_at = fields.Datetime.now()  # computed live, just now
        else:
            computed_at = self._computed_at(definitions, company, handler, periods[-1])
        return {
            "computed_at_display": self.env._(
                "Figures computed on %(when)s",
                when=format_datetime(self.env, computed_at, dt_format="short"),
            )
            if computed_at
            else "",
            "period_type": period_type,
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "period_label": self.env._(
                "%(start)s - %(end)s",
                start=format_date(self.env, date_from),
                end=format_date(self.env, date_to),
            ),
            "history_labels": [format_date(self.env, p[1]) for p in periods],
            "company_id": company.id,
            "company_name": company.name,
            "currency_id": company.currency_id.id,
            "handler_id": handler.id or False,
            "handler_name": handler.name or "",
            "tiles": tiles,
        }

    # ------------------------------------------------------------------
    # Client API
    # ------------------------------------------------------------------
    @api.model
    @api.readonly
    def get_dashboard(self, params=None, refresh=False):
        """The dashboard payload for the client action. A read: over RPC it
        runs on a read-only cursor (a read replica with db_replica_host), and
        the periods to compute are then computed live without being stored;
        on a read/write cursor it stores the current and previous periods
        when missing or stale. Refresh (action_refresh) always stores."""
        return self._get_dashboard(params, refresh=refresh)

    @api.model
    def _get_dashboard(self, params=None, refresh=False):
        period_type, date_from, date_to, company, handler = self._parse(params)
        if not isinstance(refresh, bool):
            raise UserError(self.env._("The dashboard parameters are not understood."))
        data = self._dashboard(period_type, date_from, date_to, company, handler, refresh)
        is_manager = self._is_manager()
        data.update(
            {
                "is_manager": is_manager,
                "companies": [{"id": c.id, "name": c.name} for c in self.env.user.company_ids],
                "handlers": [
                    {"id": user.id, "name": user.name}
                    for user in self.env["res.users"].search(
                        [
                            ("groups_id", "in", self.env.ref("adv_orders.group_adv_user").id),
                            ("share", "=", False),
                        ]
                    )
                ]
                if is_manager
                else [],
            }
        )
        return data

    @api.model
    def action_refresh(self, params=None):
        """Compute the shown periods again and store them (the Refresh button):
        a write, on a read/write cursor. A year is too long for a web request:
        its months, quarters and the year itself are recomputed in the
        background (``adv.kpi.recompute``); the dashboard shows what is
        stored meanwhile and says so."""
        period_type, date_from, date_to, company, _handler = self._parse(params)
        if period_type != "year":
            return self._get_dashboard(params, refresh=True)
        job = self.env["adv.kpi.recompute"]._queue_year(company, date_from, date_to)
        data = self._get_dashboard(params)
        data["queued"] = {
            "id": job.id,
            "message": self.env._(
                "The year is being recomputed in the background; you will be told in your "
                "inbox when it is done."
            ),
        }
        return data

    @api.model
    @api.readonly
    def action_drill(self, definition_id, params=None):
        """The window action listing the records behind a tile's numerator.
        Reads only: over RPC it may run on a read-only cursor (a replica)."""
        period_type, date_from, date_to, company, handler = self._parse(params)
        definition = self.env["adv.kpi.definition"].browse(
            self._parse_id(definition_id, self.env._("The indicator"))
        )
        if definition not in self.env["adv.kpi.definition"]._for_company(company):
            raise UserError(self.env._("This indicator is not on the dashboard of this company."))
        definition.check_access("read")
        model, domain = self.env["adv.kpi.engine"]._drill_domain(
            definition, company, date_from, date_to, handler
        )
        domain = [
            (leaf[0], leaf[1], fields.Date.to_string(leaf[2]))
            if isinstance(leaf, tuple) and isinstance(leaf[2], date)
            else leaf
            for leaf in domain
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(kpi)s: %(start)s - %(end)s",
                kpi=definition.name,
                start=format_date(self.env, date_from),
                end=format_date(self.env, date_to),
            ),
            "res_model": model,
            "domain": domain,
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False},
            "target": "current",
        }
