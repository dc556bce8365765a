# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Recomputing the KPI history of a range of dates out of the web request.

A recompute is a job record: asking for it (the form's button, or *Refresh*
on a year of the dashboard) queues it and triggers the scheduled action *ADV:
recompute the KPI history*, which takes queued jobs with ``FOR UPDATE SKIP
LOCKED`` (two cron workers or servers never compute one job twice), computes
a few periods per call with the rights of the user who asked, records the
progress on the job and reports it to the scheduler (``_notify_progress``),
and tells that user in the job's chatter when it is done."""

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.adv_orders.protected import check_vals, protected

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("queued", "Queued"),
    ("running", "Computing"),
    ("done", "Done"),
    ("failed", "Failed"),
]
# Periods computed per call of the scheduled action (then it commits).
PERIODS_PER_CALL = 4
MAX_MONTHS = 36


class AdvKpiRecompute(models.Model):
    _name = "adv.kpi.recompute"
    _inherit = ["mail.thread"]
    _description = "ADV KPI History Recompute"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=12, day=31),
    )
    with_handlers = fields.Boolean(
        string="Per Handler Too",
        default=True,
        help="Also the figures of each ADV handler (the handler filter of the dashboard).",
    )
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Asked By", readonly=True, help="Told in the chatter when done."
    )
    period_count = fields.Integer(string="Periods", readonly=True)
    period_done = fields.Integer(string="Periods Computed", readonly=True)
    progress = fields.Float(compute="_compute_progress", help="Share of the periods computed.")
    date_done = fields.Datetime(string="Done On", readonly=True)
    error = fields.Text(readonly=True)

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("company_id", "date_from", "date_to")
    def _compute_name(self):
        for job in self:
            job.name = self.env._(
                "KPI history of %(company)s, %(date_from)s to %(date_to)s",
                company=job.company_id.name or "",
                date_from=job.date_from or "",
                date_to=job.date_to or "",
            )

    @api.depends("period_count", "period_done")
    def _compute_progress(self):
        for job in self:
            job.progress = 100.0 * job.period_done / job.period_count if job.period_count else 0.0

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for job in self:
            if job.date_from > job.date_to:
                raise ValidationError(self.env._("The recompute must start before it ends."))
            if job.date_to > job.date_from + relativedelta(months=MAX_MONTHS):
                raise ValidationError(
                    self.env._(
                        "A recompute covers at most %(months)s months: split it.",
                        months=MAX_MONTHS,
                    )
                )

    def _adv_protected_fields(self):
        """Written by the queue only (see adv_orders/protected.py)."""
        return {"state", "user_id", "period_count", "period_done", "date_done", "error"}

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, [vals])
        if {"company_id", "date_from", "date_to", "with_handlers"} & vals.keys() and any(
            job.state in ("queued", "running") for job in self
        ):
            raise UserError(self.env._("A recompute cannot be changed while it is queued."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_queue(self):
        """Queue the recompute (the web request returns at once)."""
        if not self.env.user.has_group("adv_orders.group_adv_manager"):
            raise UserError(self.env._("Only ADV managers recompute the KPI history."))
        if any(job.state in ("queued", "running") for job in self):
            raise UserError(self.env._("This recompute is already queued."))
        self._queue(self.env.user)
        return True

    def _queue(self, user):
        """Queue the jobs of ``self`` for ``user`` and wake the scheduled action."""
        for job in self:
            protected(job).write(
                {
                    "state": "queued",
                    "user_id": user.id,
                    "period_count": len(job._periods()),
                    "period_done": 0,
                    "date_done": False,
                    "error": False,
                }
            )
        self.env.ref("adv_kpi.ir_cron_adv_kpi_recompute").sudo()._trigger()

    @api.model
    def _queue_year(self, company, date_from, date_to):
        """The recompute of the dashboard's *Refresh* on a year, for any ADV
        user who may see that dashboard: one job per company and range while
        one is waiting (server bookkeeping, as superuser)."""
        jobs = self.sudo()
        job = jobs.search(
            [
                ("company_id", "=", company.id),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
                ("state", "in", ("queued", "running")),
            ],
            limit=1,
        )
        if not job:
            job = jobs.create(
                {"company_id": company.id, "date_from": date_from, "date_to": date_to}
            )
            job._queue(self.env.user)
        return job

    # ------------------------------------------------------------------
    # The queue
    # ------------------------------------------------------------------
    def _periods(self):
        """Every month, quarter and year wholly inside the range (the range
        itself when it is none of them), in date order."""
        self.ensure_one()
        dashboard = self.env["adv.kpi.dashboard"]
        periods = []
        for period_type in ("month", "quarter", "year"):
            start, end = dashboard._period(period_type, self.date_from)
            while start <= self.date_to:
                if start >= self.date_from and end <= self.date_to:
                    periods.append((period_type, start, end))
                start, end = dashboard._shift(period_type, start, end, -1)
        if not periods:
            periods.append(("custom", self.date_from, self.date_to))
        return periods

    @api.model
    def _cron_process(self, periods_per_call=PERIODS_PER_CALL):
        """One step of one job no other worker holds: a few periods computed
        and stored, the progress recorded, then the scheduler commits and
        calls again while periods remain."""
        self.flush_model(["state"])
        self.env.cr.execute(
            SQL(
                """
            SELECT id FROM adv_kpi_recompute
             WHERE state IN ('queued', 'running')
          ORDER BY id
             LIMIT 1
               FOR UPDATE SKIP LOCKED
            """
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return self.browse()
        job = self.browse(row[0])
        todo = job._periods()[job.period_done : job.period_done + periods_per_call]
        try:
            with self.env.cr.savepoint():
                job._compute_periods(todo)
        except Exception as error:  # noqa: BLE001 - the job records why it failed, whatever it is
            _logger.warning("KPI recompute %s failed: %s", job.id, error)
            protected(job).write({"state": "failed", "error": str(error)})
            job.message_post(
                body=self.env._("The recompute failed: %(error)s", error=error),
                partner_ids=job.user_id.partner_id.ids,
            )
        else:
            done = job.period_done + len(todo)
            finished = done >= job.period_count
            protected(job).write(
                {
                    "period_done": done,
                    "state": "done" if finished else "running",
                    "date_done": fields.Datetime.now() if finished else False,
                }
            )
            if finished:
                job.message_post(
                    body=self.env._(
                        "The KPI history is recomputed: %(count)s period(s).", count=done
                    ),
                    partner_ids=job.user_id.partner_id.ids,
                )
        remaining = sum(
            max(j.period_count - j.period_done, 0)
            for j in self.search([("state", "in", ("queued", "running"))])
        )
        self.env["ir.cron"]._notify_progress(done=len(todo), remaining=remaining)
        return job

    def _compute_periods(self, periods):
        """Compute and store ``periods`` for the team and, when asked, for
        each ADV handler of the company, with the rights of the user who
        asked."""
        self.ensure_one()
        user = self.user_id or self.env.user
        if not user.has_group("adv_orders.group_adv_user"):
            raise UserError(
                self.env._(
                    "%(user)s, who asked for this recompute, is no longer in the ADV team.",
                    user=user.name,
                )
            )
        values = self.env["adv.kpi.value"].with_user(user)
        values = values.with_company(self.company_id)
        definitions = self.env["adv.kpi.definition"]._for_company(self.company_id)
        values._compute_and_store(definitions, self.company_id, periods)
        if not self.with_handlers:
            return
        handlers = self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("adv_orders.group_adv_user").id),
                ("share", "=", False),
                ("company_ids", "in", self.company_id.id),
            ]
        )
        split = definitions.filtered("per_handler")
        for handler in handlers:
            values._compute_and_store(split, self.company_id, periods, handler)
