# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import calendar
from collections import defaultdict
from datetime import date, timedelta

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, float_round, format_date

from odoo.addons.adv_orders.protected import check_vals, is_allowed, protected

from ..bulk import insert_rows
from .adv_dunning_reference_rate import half_year_segments, half_year_start

RUN_STATES = [
    ("draft", "Draft"),
    ("queued", "Computing"),
    ("computed", "To Review"),
    ("sending", "Sending"),
    ("sent", "Sent"),
    ("cancelled", "Cancelled"),
]
# Letters that hold their invoices: a new reminder waits until they are
# sent or cancelled.
PENDING_LETTER_STATES = ("draft", "to_send", "to_print")
# Letters that count as a reminder for the minimum gap.
REMINDED_LETTER_STATES = ("to_send", "to_print", "sent")
OPEN_CASE_STAGES = ("amicable", "agency", "legal")
# Days the customer has to pay from the receipt of a formal notice.
FORMAL_NOTICE_DAYS = 8
# What the letters of a run were computed from: set while the run is a draft.
RUN_FIXED_FIELDS = {"date", "company_id", "policy_ids"}


def interest_year_fraction(date_from, date_to):
    """The days after ``date_from`` up to ``date_to`` included, each
    counted as 1/365 or 1/366 of its own calendar year."""
    if not date_from or not date_to or date_to <= date_from:
        return 0.0
    fraction = 0.0
    for year in range(date_from.year, date_to.year + 1):
        low = max(date_from, date(year - 1, 12, 31))
        high = min(date_to, date(year, 12, 31))
        if high > low:
            fraction += (high - low).days / (366 if calendar.isleap(year) else 365)
    return fraction


class AdvDunningRun(models.Model):
    """One dunning run of a company at a date: it computes the letters,
    ADV reviews them, then sends them through the outbox."""

    _name = "adv.dunning.run"
    _description = "Dunning Run"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Days overdue and interest are counted up to this date.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    policy_ids = fields.Many2many(
        "adv.dunning.policy",
        string="Policies",
        check_company=True,
        help="Only the customers under these policies; empty means all.",
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(RUN_STATES, default="draft", required=True, tracking=True, index=True)
    automatic = fields.Boolean(readonly=True, help="Created by the daily scheduled action.")
    compute_user_id = fields.Many2one(
        "res.users",
        string="Computation Asked By",
        readonly=True,
        copy=False,
        help="Who asked for the computation in the background; told when it is done.",
    )
    letter_ids = fields.One2many("adv.dunning.letter", "run_id", string="Letters")
    letter_count = fields.Integer(compute="_compute_letter_stats")
    draft_count = fields.Integer(string="To Review", compute="_compute_letter_stats")
    to_send_count = fields.Integer(string="To Send", compute="_compute_letter_stats")
    to_print_count = fields.Integer(string="To Print", compute="_compute_letter_stats")
    sent_count = fields.Integer(string="Sent", compute="_compute_letter_stats")
    amount_total = fields.Monetary(
        string="Amount Claimed", compute="_compute_letter_stats", currency_field="currency_id"
    )
    left_out_ids = fields.One2many("adv.dunning.left.out", "run_id", readonly=True)
    left_out_count = fields.Integer(compute="_compute_left_out_count")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    def _compute_letter_stats(self):
        groups = self.env["adv.dunning.letter"]._read_group(
            [("run_id", "in", self.ids)], ["run_id", "state"], ["__count", "amount_total:sum"]
        )
        stats = defaultdict(lambda: defaultdict(int))
        for run, state, count, amount in groups:
            stats[run.id][state] += count
            if state != "cancelled":
                stats[run.id]["amount"] += amount
        for run in self:
            run_stats = stats[run.id]
            run.draft_count = run_stats["draft"]
            run.to_send_count = run_stats["to_send"]
            run.to_print_count = run_stats["to_print"]
            run.sent_count = run_stats["sent"]
            run.letter_count = sum(
                run_stats[s] for s in ("draft", "to_send", "to_print", "sent", "cancelled")
            )
            run.amount_total = run_stats["amount"]

    def _compute_left_out_count(self):
        groups = self.env["adv.dunning.left.out"]._read_group(
            [("run_id", "in", self.ids)], ["run_id"], ["__count"]
        )
        counts = {run.id: count for run, count in groups}
        for run in self:
            run.left_out_count = counts.get(run.id, 0)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _adv_protected_fields(self):
        """The run's state, and who is told when its background computation
        ends, follow its actions (see adv_orders/protected.py)."""
        return {"state", "compute_user_id"}

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("adv.dunning.run") or "/"
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, [vals])
        fixed = set(vals) & RUN_FIXED_FIELDS
        computed = self.filtered(lambda run: run.state != "draft")
        if fixed and computed and not is_allowed(self.env):
            raise UserError(
                self.env._(
                    "Run %(run)s is computed: its date, company and policies are those of its "
                    "reminders and no longer change; create a new run.",
                    run=computed[0].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(letter.state != "draft" for letter in self.letter_ids):
            raise UserError(
                self.env._("A run with sent or queued letters cannot be deleted; cancel it.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        for run in self:
            if run.state not in ("draft", "queued", "computed"):
                raise UserError(
                    self.env._("Run %(run)s is already sent: compute a new run.", run=run.name)
                )
        self._adv_lock_date()
        self.letter_ids.filtered(lambda letter: letter.state == "draft").unlink()
        self.sudo().left_out_ids.unlink()
        for run in self:
            try:
                with self.env.cr.savepoint(flush=False):
                    run._compute_letters()
            except errors.UniqueViolation:
                # Another run of that day was computed and committed since
                # this transaction started: its reminders are live already.
                raise UserError(self._adv_busy_message(run)) from None
        protected(self).write({"state": "computed"})
        return True

    def action_compute_background(self):
        """Compute the runs in the background (the scheduled action of the
        queue, out of the web request): a run over a large ledger takes
        minutes. The run shows *Computing* until its letters are ready, and
        the user who asked is told in the chatter."""
        for run in self:
            if run.state not in ("draft", "computed"):
                raise UserError(
                    self.env._("Run %(run)s is already sent: compute a new run.", run=run.name)
                )
        protected(self).write({"state": "queued", "compute_user_id": self.env.user.id})
        self.env.ref("adv_dunning.ir_cron_adv_dunning_compute")._trigger()
        return True

    @api.model
    def _cron_compute_queued(self, batch_size=1):
        """The queue of runs to compute: one batch of queued runs that no
        other worker holds (FOR UPDATE SKIP LOCKED), each in a savepoint,
        then the progress, so that the scheduler commits and calls again."""
        self.flush_model(["state"])
        self.env.cr.execute(
            SQL(
                """
            SELECT id FROM adv_dunning_run
             WHERE state = 'queued'
          ORDER BY id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
            """,
                batch_size,
            )
        )
        runs = self.browse([row[0] for row in self.env.cr.fetchall()])
        for run in runs:
            user = run.compute_user_id
            # computed with the rights of the user who asked, as from the form
            asked = run.with_user(user or self.env.user).with_company(run.company_id)
            try:
                with self.env.cr.savepoint():
                    asked.action_compute()
            except UserError as error:
                protected(run).write({"state": "draft"})
                body = self.env._("The computation failed: %(error)s", error=error.args[0])
            else:
                body = self.env._(
                    "Computed: %(letters)s letter(s) to review, %(left)s customer(s) left out.",
                    letters=run.letter_count,
                    left=run.left_out_count,
                )
            run.message_post(body=body, partner_ids=user.partner_id.ids)
        remaining = self.search_count([("state", "=", "queued")])
        self.env["ir.cron"]._notify_progress(done=len(runs), remaining=remaining)
        return runs

    def _adv_lock_date(self):
        """Only one transaction computes the runs of a company and day at a
        time: a second one is told so at once, instead of failing on the
        unique index of live reminders when both write them."""
        for run in self:
            self.env.cr.execute(
                SQL(
                    "SELECT pg_try_advisory_xact_lock(hashtext(%s))",
                    f"adv.dunning.run:{run.company_id.id}:{run.date}",
                )
            )
            if not self.env.cr.fetchone()[0]:
                raise UserError(self._adv_busy_message(run))

    def _adv_busy_message(self, run):
        return self.env._(
            "A dunning run of %(company)s for %(date)s is being computed by someone else: "
            "try again in a moment.",
            company=run.company_id.name,
            date=format_date(self.env, run.date),
        )

    def action_send(self):
        """Queue the reviewed letters of the runs to the outbox."""
        runs = self.filtered(lambda r: r.state == "computed")
        if not runs:
            raise UserError(self.env._("Compute the run and review its letters first."))
        drafts = runs.letter_ids.filtered(lambda letter: letter.state == "draft")
        # a reminder emptied in review claims nothing: it goes, not sent
        empty = drafts.filtered(lambda letter: not letter.line_ids)
        empty.unlink()
        (drafts - empty)._action_queue()
        protected(runs).write({"state": "sending"})
        runs._adv_sync_state()
        return True

    def _adv_sync_state(self):
        """A run that was sent follows its letters: Sending while one of
        them is still to send or to print, Sent once all are sent (or
        cancelled)."""
        for run in self.filtered(lambda r: r.state in ("sending", "sent")):
            pending = any(letter.state in PENDING_LETTER_STATES for letter in run.letter_ids)
            state = "sending" if pending else "sent"
            if run.state != state:
                protected(run).write({"state": state})

    def action_cancel(self):
        self.letter_ids.filtered(lambda letter: letter.state == "draft").unlink()
        if any(letter.state != "cancelled" for letter in self.letter_ids):
            raise UserError(
                self.env._("Cancel the queued or sent letters one by one, with their reason.")
            )
        protected(self).write({"state": "cancelled"})
        return True

    def action_view_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "adv_dunning.adv_dunning_letter_action"
        )
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {"create": False, "search_default_group_by_level": 1}
        return action

    def action_print_letters(self):
        """One PDF of the letters of the run still to print."""
        self.ensure_one()
        return self.letter_ids.filtered(lambda letter: letter.state == "to_print").action_print()

    # ------------------------------------------------------------------
    # Compute the letters (set-based)
    # ------------------------------------------------------------------
    def _compute_letters(self):
        """Create the letters of the run, one per customer, with a line per
        overdue invoice, and the list of the customers left out, from a
        fixed number of queries whatever the number of invoices: one SQL
        query reads the open receivables, a few others the history of
        reminders and the customers' credits, and create() calls on lists
        write the result."""
        self.ensure_one()
        Letter = self.env["adv.dunning.letter"]
        policies = self.env["adv.dunning.policy"].search([("company_id", "=", self.company_id.id)])
        if self.policy_ids:
            policies = policies & self.policy_ids
        levels_by_policy = {
            policy.id: policy._get_levels() for policy in policies.filtered("level_ids")
        }
        if not levels_by_policy:
            return Letter
        earliest = min(level.days for levels in levels_by_policy.values() for level in levels)
        rows = self._fetch_open_invoices(max_due_date=self.date - timedelta(days=min(earliest, 0)))
        if not rows:
            return Letter
        history = self._fetch_history([row["move_id"] for row in rows])
        currency_rates = self._currency_rates({row["currency_id"] for row in rows})
        by_partner = self._select_invoices(
            rows, policies, levels_by_policy, history, currency_rates
        )
        credits = self._fetch_credits(list(by_partner))
        kept, left_out = self._filter_partners(by_partner, credits)
        for vals in left_out:
            vals["company_id"] = self.company_id.id
        # server bookkeeping of the run, written in one INSERT
        insert_rows(self.env["adv.dunning.left.out"].sudo(), left_out, self.company_id.currency_id)
        if not kept:
            return Letter
        return self._create_letters(kept, history, currency_rates, credits)

    def _select_invoices(self, rows, policies, levels_by_policy, history, currency_rates):
        """What each overdue invoice of each customer is in this run: the
        level it rises to (or none), the amount chased (its overdue part in
        the company currency, less what a claim or a promise holds), or the
        reason it is not chased at all.

        :return: {partner id: [item dict]}
        """
        company = self.company_id
        company_currency = company.currency_id
        default_policy = company.adv_dunning_policy_id
        tolerance = company.adv_dunning_tolerance
        # policies with levels that this run leaves aside (run's policy filter)
        other_policies = set(
            self.env["adv.dunning.policy"]
            .search([("company_id", "=", company.id), ("level_ids", "!=", False)])
            .ids
        ) - set(levels_by_policy)
        by_partner = defaultdict(list)
        # read once, not per invoice: the loop below runs over every row
        run_date = self.date
        rounding = company_currency.rounding
        # below the tolerance only if below it plus one unit: compare those only
        tolerance_above = tolerance + rounding
        company_currency_id = company_currency.id
        company_id = company.id
        default_policy_id = default_policy.id
        policy_by_id = {policy.id: policy for policy in policies}
        grace = {policy.id: policy.grace_days for policy in policies}
        levels_days = {
            policy_id: [(level, level.days) for level in levels]
            for policy_id, levels in levels_by_policy.items()
        }
        days_of = {level.id: days for pairs in levels_days.values() for level, days in pairs}
        pending = history["pending"]
        notice_receipt = history["notice_receipt"]
        keys = history["keys"]
        for row in rows:
            if row["currency_id"] == company_currency_id:
                residual = row["residual"]  # a sum of amounts in the currency: exact
            else:
                residual = float_round(
                    row["residual_currency"] * currency_rates[row["currency_id"]],
                    precision_rounding=rounding,
                )
            if residual < tolerance_above and (
                float_compare(residual, tolerance, precision_rounding=rounding) < 0
            ):
                continue  # a rounding difference or a bank charge, not chased
            held = 0.0
            if row["on_hold"]:
                held = residual
                if 0 < row["hold_amount"] < residual:
                    held = float_round(row["hold_amount"], precision_rounding=rounding)
            policy_id = row["partner_policy_id"]
            if row["partner_policy_company_id"] != company_id:
                policy_id = default_policy_id
            item = {
                "row": row,
                "policy": policy_by_id[policy_id] if policy_id in levels_by_policy else None,
                "level": None,
                "days": (run_date - row["due_date"]).days,
                "residual": residual,
                "held": held,
                "amount": residual - held,
                "reason": False,
            }
            if row["opt_out"]:
                item["reason"] = "excluded"
            elif row["in_collection"]:
                item["reason"] = "collection"
            elif held >= residual:
                item["reason"] = "hold"
            elif policy_id not in levels_by_policy:
                if policy_id in other_policies:
                    continue  # a policy left out of this run
                item["reason"] = "no_policy"
            elif row["move_id"] in pending:
                item["reason"] = "pending"
            else:
                level = self._next_level_of(
                    levels_days[policy_id],
                    days_of.get(row["level_id"]) if row["level_id"] else None,
                    item["days"],
                    grace[policy_id],
                )
                receipt = notice_receipt.get(row["move_id"], False)
                if (
                    level
                    and receipt is not False
                    and (not receipt or (run_date - receipt).days < FORMAL_NOTICE_DAYS)
                ):
                    # the customer has eight days from the receipt of the
                    # formal notice (L441-10, and the notice's own words)
                    item["reason"] = "notice"
                elif level and (row["move_id"], level.id) not in keys:
                    item["level"] = level
            by_partner[row["partner_id"]].append(item)
        return by_partner

    def _filter_partners(self, by_partner, credits):
        """The customers to remind, and those left out with their reason.
        A customer is reminded when one of its invoices rises to a new level
        and what it owes net of its credits reaches the policy's minimum,
        out of the policy's gap since its last reminder.

        :return: ({partner id: [chased items]}, [left-out values])
        """
        rounding = self.company_id.currency_id.rounding
        escalating = [pid for pid, items in by_partner.items() if any(i["level"] for i in items)]
        last_reminded = self._fetch_last_reminded(escalating)
        kept = {}
        left_out = []
        for partner_id, items in by_partner.items():
            overdue = sum(item["residual"] for item in items if item["days"] > 0)
            chased = [
                item for item in items if not item["reason"] and (item["level"] or item["days"] > 0)
            ]
            credit = credits.get(partner_id, 0.0)
            reason = False
            if not any(item["level"] for item in chased):
                if chased or not overdue:
                    continue  # nothing rises to a new level: nothing to say
                reasons = [item["reason"] for item in items if item["reason"]]
                reason = max(set(reasons), key=reasons.count)
            else:
                policy = chased[0]["policy"]
                net = sum(item["amount"] for item in chased) - credit
                last = last_reminded.get(partner_id)
                if float_compare(net, 0.0, precision_rounding=rounding) <= 0:
                    reason = "net_zero"
                elif float_compare(net, policy.min_amount, precision_rounding=rounding) < 0:
                    reason = "under_minimum"
                elif last and (self.date - last).days < policy.min_gap_days:
                    reason = "gap"
            if reason:
                left_out.append(
                    {
                        "run_id": self.id,
                        "partner_id": partner_id,
                        "amount_overdue": overdue,
                        "amount_credit": credit,
                        "reason": reason,
                    }
                )
            else:
                kept[partner_id] = chased
        return kept, left_out

    def _create_letters(self, kept, history, currency_rates, credits):
        """One letter per customer, at the highest level one of its invoices
        reaches, listing all its overdue invoices, each at its own level:
        two create() calls."""
        rate = self.company_id.adv_dunning_interest_rate
        # the reference rates, read once for every line
        partners = self.env["res.partner"].browse(list(kept))
        run = self.with_context(
            adv_line_cache={},
            adv_rate_table=self.env["adv.dunning.reference.rate"]._rates_by_half_year(),
            # one query, not one per thousand customers (the prefetch)
            adv_agreed_rates={
                partner.id: partner.adv_dunning_agreed_rate
                for partner in partners.search_fetch(
                    [("id", "in", partners.ids), ("adv_dunning_agreed_rate", "!=", 0)],
                    ["adv_dunning_agreed_rate"],
                )
            },
        )
        currencies = self.env["res.currency"].browse(list(currency_rates))
        currency_by_id = {currency.id: currency for currency in currencies}
        Level = self.env["adv.dunning.level"]
        letter_vals = []
        line_vals_by_letter = []
        for partner_id, items in kept.items():
            level = max(
                (item["level"] for item in items if item["level"]),
                key=lambda level: (level.days, level.id),
            )
            letter_vals.append(
                self._prepare_letter_vals(
                    partner_id, items[0]["policy"], level, credits.get(partner_id, 0.0)
                )
            )
            line_vals_by_letter.append(
                [
                    run._prepare_line_vals(
                        item, item["level"] or Level.browse(item["row"]["level_id"]),
                        history, currency_by_id, currency_rates, rate,
                    )
                    for item in items
                ]
            )  # fmt: skip
        return self._insert_letters(letter_vals, line_vals_by_letter)

    def _insert_letters(self, letter_vals, line_vals_by_letter):
        """Write the letters and their lines in two set-based INSERTs (the
        ORM's create() would cost about half a millisecond per row), with
        every stored field the ORM computes: the letters' contact and
        amounts."""
        Letter = self.env["adv.dunning.letter"]
        currency = self.company_id.currency_id
        contacts = Letter._adv_invoice_contacts([vals["partner_id"] for vals in letter_vals])
        for vals, lines in zip(letter_vals, line_vals_by_letter, strict=True):
            vals["contact_id"] = contacts.get(vals["partner_id"], vals["partner_id"])
            vals.update(Letter._adv_amounts(lines, vals.get("amount_credit") or 0.0))
        ids = dict(
            (partner_id, letter_id)
            for letter_id, partner_id in insert_rows(
                Letter, letter_vals, currency, returning=("partner_id",)
            )
        )
        line_rows = []
        for vals, lines in zip(letter_vals, line_vals_by_letter, strict=True):
            for line in lines:
                line["letter_id"] = ids[vals["partner_id"]]
                line_rows.append(line)
        insert_rows(self.env["adv.dunning.letter.line"], line_rows, currency)
        self.invalidate_recordset(["letter_ids"])
        return Letter.browse(sorted(ids.values()))

    @api.model
    def _next_level(self, levels, current_level_id, days_overdue, grace_days):
        """The level an invoice rises to now, or None: the level after its
        current one, once its delay is reached, one step at a time. Levels
        before the due date only apply to invoices not yet overdue; no level
        after it applies during the grace days."""
        current = levels.browse(current_level_id) if current_level_id else None
        return self._next_level_of(
            [(level, level.days) for level in levels],
            current.days if current else None,
            days_overdue,
            grace_days,
        )

    @api.model
    def _next_level_of(self, levels_days, current_days, days_overdue, grace_days):
        """_next_level on the (level, delay) pairs of a policy read once, and
        the delay of the invoice's current level (None: it has none)."""
        for level, days in levels_days:
            if current_days is not None and days <= current_days:
                continue
            if days < 0 and days_overdue > 0:
                continue  # too late for a reminder before the due date
            if days_overdue < days:
                return None
            if days > 0 and days_overdue <= grace_days:
                return None
            return level
        return None

    def _prepare_letter_vals(self, partner_id, policy, level, credit):
        """Hook: the values of one letter."""
        return {
            "run_id": self.id,
            "company_id": self.company_id.id,
            "partner_id": partner_id,
            "policy_id": policy.id,
            "level_id": level.id,
            "date": self.date,
            "amount_credit": credit,
        }

    def _adv_rate_in_force(self, partner_id, default):
        """The yearly rate printed on the letter: the agreed rate of the
        customer or the company, else the ECB rate of the run's half-year
        plus the points."""
        company = self.company_id
        agreed = self.env.context.get("adv_agreed_rates", {}).get(partner_id)
        if agreed or company.adv_dunning_agreed_rate:
            return agreed or company.adv_dunning_agreed_rate
        table = self.env.context.get("adv_rate_table")
        if not table:
            return default
        start = half_year_start(self.date)
        Rates = self.env["adv.dunning.reference.rate"]
        return Rates._ecb_at(table, start, company.adv_dunning_ecb_rate) + (
            company.adv_dunning_rate_points
        )

    def _adv_rate_days(self, date_from, date_to, agreed=0.0):
        """Sum of rate x days / days of the year over the interest period,
        each half-year at its own rate: the ECB rate of the half-year (the
        reference rate table, else the company's ECB rate) plus the company's
        points."""
        company = self.company_id
        agreed = agreed or company.adv_dunning_agreed_rate
        if agreed:  # the agreed rate, whatever the half-year
            return sum(agreed * days / year_days for _s, days, year_days in
                       half_year_segments(date_from, date_to))  # fmt: skip
        table = self.env.context.get("adv_rate_table")
        if table is None:
            table = self.env["adv.dunning.reference.rate"]._rates_by_half_year()
        Rates = self.env["adv.dunning.reference.rate"]
        total = 0.0
        for start, days, year_days in half_year_segments(date_from, date_to):
            ecb = Rates._ecb_at(table, start, company.adv_dunning_ecb_rate)
            total += (ecb + company.adv_dunning_rate_points) * days / year_days
        return total

    def _prepare_line_vals(self, item, level, history, currencies, currency_rates, rate):
        """Hook: the values of one letter line: the invoice at the level it
        rises to (``item["level"]``, or none when it is listed at the level
        it has, ``level``), the amount chased, the indemnity and the interest
        of its level not claimed yet, and what earlier letters claimed."""
        row = item["row"]
        move_id = row["move_id"]
        # what does not change from line to line, read once per run
        # (adv_line_cache: set by _create_letters, a server-side dict)
        cache = self.env.context.get("adv_line_cache")
        if cache is None:
            cache = {}
        if "company" not in cache:
            cache["company"] = (self.company_id.currency_id, self.date)
        company_currency, run_date = cache["company"]
        if ("level", level.id) not in cache:
            cache["level", level.id] = (level.charge_fee, level.charge_interest)
        charge_fee, charge_interest = cache["level", level.id]
        currency = currencies[row["currency_id"]]
        if ("currency", currency.id) not in cache:
            cache["currency", currency.id] = currency.rounding
        rounding = cache["currency", currency.id]
        days_overdue = item["days"]
        # the part chased, in the invoice currency, for the interest
        share = item["amount"] / item["residual"] if item["residual"] else 0.0
        residual_currency = row["residual_currency"]
        if share != 1.0:
            residual_currency = float_round(residual_currency * share, precision_rounding=rounding)
        fee = 0.0
        if charge_fee and row["professional"] and move_id not in history["fee"]:
            # a fixed amount in EUR (D441-5), in the company currency at the invoice date
            key = ("fee", level.id, row["invoice_date"] or row["due_date"])
            if key not in cache:
                cache[key] = level.fee_currency_id._convert(
                    level.fee_amount, company_currency, self.company_id, key[2]
                )
            fee = cache[key]
        interest_currency = interest = 0.0
        date_from = date_to = False
        if charge_interest and days_overdue > 0:
            date_from = max(row["due_date"], history["interest_to"].get(move_id) or row["due_date"])
            date_to = run_date
            agreed = self.env.context.get("adv_agreed_rates", {}).get(row["partner_id"])
            key = ("rate_days", date_from, date_to, agreed)
            if key not in cache:
                cache[key] = self._adv_rate_days(date_from, date_to, agreed)
            weighted = cache[key]
            interest_currency = float_round(
                residual_currency * weighted / 100.0, precision_rounding=rounding
            )
            interest = float_round(
                interest_currency * currency_rates[currency.id]
                if currency != company_currency
                else interest_currency,
                precision_rounding=company_currency.rounding,
            )
            if date_to <= date_from:
                date_from = date_to = False
        interest_rate = 0.0
        if charge_interest:
            key = ("rate", row["partner_id"])
            if key not in cache:
                cache[key] = self._adv_rate_in_force(row["partner_id"], rate)
            interest_rate = cache[key]
        return {
            "move_id": move_id,
            "level_id": item["level"].id if item["level"] else False,
            "previous_level_id": row["level_id"],
            "due_date": row["due_date"],
            "days_overdue": days_overdue,
            "amount_residual_currency": residual_currency,
            "amount_open": item["residual"],
            "amount_held": item["held"],
            "amount_due": item["amount"],
            "fee": fee,
            "interest_rate": interest_rate,
            "interest_date_from": date_from,
            "interest_date_to": date_to,
            "interest_currency": interest_currency,
            "interest": interest,
            "fee_before": history["fee_before"].get(move_id, 0.0),
            "interest_before": history["interest_before"].get(move_id, 0.0),
        }

    def _currency_rates(self, currency_ids):
        """Rate from each currency to the company's at the run date: one
        look-up per currency, not per invoice."""
        company = self.company_id
        Currency = self.env["res.currency"]
        return {
            currency_id: (
                1.0
                if currency_id == company.currency_id.id
                else Currency._get_conversion_rate(
                    Currency.browse(currency_id), company.currency_id, company, self.date
                )
            )
            for currency_id in currency_ids
        }

    def _fetch_open_invoices(self, max_due_date):
        """The overdue receivables of the company, one row per customer
        invoice, sales receipt or journal entry with the overdue part of its
        receivable lines (each instalment from its own due date), with what
        the run needs of their customer and holds, in one query.
        Writes first what is pending on the fields read here, by
        _fetch_history (earlier reminders) and by _fetch_credits (the
        customers' unapplied credits)."""
        for model, fnames in (
            ("account.move", ["company_id", "move_type", "state", "payment_state",
                              "adv_hold_reason", "adv_hold_amount", "date", "invoice_date",
                              "currency_id", "adv_dunning_level_id", "origin_payment_id",
                              "statement_line_id"]),
            ("account.move.line", ["move_id", "date_maturity", "reconciled", "amount_residual",
                                   "amount_residual_currency", "company_id", "parent_state",
                                   "account_id", "partner_id"]),
            ("account.account", ["account_type"]),
            ("res.partner", ["adv_dunning_policy_id", "adv_professional", "adv_dunning_opt_out",
                             "commercial_partner_id"]),
            ("adv.dunning.policy", ["company_id"]),
            ("adv.collection.case", ["stage", "invoice_ids"]),
            ("adv.dunning.letter", ["state", "company_id", "partner_id", "date",
                                    "charge_move_id", "receipt_date"]),
            ("adv.dunning.level", ["document_type"]),
            ("adv.dunning.letter.line", ["letter_id", "move_id", "level_id", "fee", "interest",
                                         "interest_date_to", "is_live"]),
        ):  # fmt: skip
            self.env[model].flush_model(fnames)
        self.env.cr.execute(
            SQL(
                """
            SELECT m.id AS move_id,
                   p.id AS partner_id,
                   m.currency_id AS currency_id,
                   MIN(COALESCE(l.date_maturity, m.date)) AS due_date,
                   m.adv_dunning_level_id AS level_id,
                   p.adv_dunning_policy_id AS partner_policy_id,
                   pol.company_id AS partner_policy_company_id,
                   COALESCE(p.adv_professional, FALSE) AS professional,
                   COALESCE(p.adv_dunning_opt_out, FALSE) AS opt_out,
                   m.adv_hold_reason IS NOT NULL AS on_hold,
                   COALESCE(m.adv_hold_amount, 0) AS hold_amount,
                   EXISTS (
                       SELECT 1
                         FROM adv_collection_case_account_move_rel rel
                         JOIN adv_collection_case c ON c.id = rel.case_id
                        WHERE rel.move_id = m.id AND c.stage IN %(open_stages)s
                   ) AS in_collection,
                   COALESCE(m.invoice_date, m.date) AS invoice_date,
                   SUM(l.amount_residual) AS residual,
                   SUM(l.amount_residual_currency) AS residual_currency
              FROM account_move_line l
              JOIN account_account a ON a.id = l.account_id
              JOIN account_move m ON m.id = l.move_id
              JOIN res_partner lp ON lp.id = l.partner_id
              JOIN res_partner p ON p.id = lp.commercial_partner_id
         LEFT JOIN adv_dunning_policy pol ON pol.id = p.adv_dunning_policy_id
             WHERE l.company_id = %(company)s
               AND l.parent_state = 'posted'
               AND a.account_type = 'asset_receivable'
               AND NOT l.reconciled
               AND l.amount_residual > 0
               AND COALESCE(l.date_maturity, m.date) <= %(max_due)s
               AND (
                    (m.move_type IN ('out_invoice', 'out_receipt')
                     AND m.payment_state IN ('not_paid', 'partial'))
                 OR (m.move_type = 'entry'
                     AND m.origin_payment_id IS NULL
                     AND m.statement_line_id IS NULL)
               )
          GROUP BY m.id, p.id, pol.company_id
          ORDER BY p.id, MIN(COALESCE(l.date_maturity, m.date)), m.id
            """,
                company=self.company_id.id,
                max_due=max_due_date,
                open_stages=OPEN_CASE_STAGES,
            )
        )
        return self.env.cr.dictfetchall()

    def _fetch_history(self, move_ids):
        """What earlier reminders of these invoices say, in one query:
        the (invoice, level) already reminded, the invoices whose reminder
        is still pending, those already charged the indemnity, the end of
        the interest period already claimed, the indemnity and interest
        that sent letters claimed without invoicing them (they stay claimed
        on the next letters), and the receipt date of the formal notice sent
        for each invoice (None until it is recorded)."""
        self.env.cr.execute(
            SQL(
                """
            SELECT line.move_id, line.level_id, letter.state, line.fee, line.interest,
                   line.interest_date_to, letter.charge_move_id IS NOT NULL,
                   level.document_type = 'formal_notice', letter.receipt_date
              FROM adv_dunning_letter_line line
              JOIN adv_dunning_letter letter ON letter.id = line.letter_id
         LEFT JOIN adv_dunning_level level ON level.id = line.level_id
             WHERE line.move_id = ANY(%s) AND letter.state != 'cancelled'
          ORDER BY letter.date, line.id
            """,
                move_ids,
            )
        )
        history = {
            "keys": set(),
            "pending": set(),
            "fee": set(),
            "interest_to": {},
            "fee_before": defaultdict(float),
            "interest_before": defaultdict(float),
            "notice_receipt": {},
        }
        for (
            move_id,
            level_id,
            state,
            fee,
            interest,
            interest_to,
            invoiced,
            notice,
            receipt,
        ) in self.env.cr.fetchall():
            if notice and state == "sent":  # the last formal notice of the invoice
                history["notice_receipt"][move_id] = receipt
            if level_id:
                history["keys"].add((move_id, level_id))
            if state in PENDING_LETTER_STATES:
                history["pending"].add(move_id)
            elif not invoiced:
                history["fee_before"][move_id] += fee or 0.0
                history["interest_before"][move_id] += interest or 0.0
            if fee:
                history["fee"].add(move_id)
            if interest_to and (
                move_id not in history["interest_to"]
                or interest_to > history["interest_to"][move_id]
            ):
                history["interest_to"][move_id] = interest_to
        return history

    def _fetch_last_reminded(self, partner_ids):
        """The date each customer was last reminded in the company."""
        groups = self.env["adv.dunning.letter"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "in", partner_ids),
                ("state", "in", REMINDED_LETTER_STATES),
            ],
            ["partner_id"],
            ["date:max"],
        )
        return {partner.id: last for partner, last in groups}

    def _fetch_credits(self, partner_ids):
        """Unapplied payments and open credit notes of each customer, as a
        positive amount in the company currency."""
        self.env.cr.execute(
            SQL(
                """
            SELECT p.commercial_partner_id, -SUM(l.amount_residual)
              FROM account_move_line l
              JOIN account_account a ON a.id = l.account_id
              JOIN res_partner p ON p.id = l.partner_id
             WHERE l.company_id = %s
               AND l.parent_state = 'posted'
               AND a.account_type = 'asset_receivable'
               AND NOT l.reconciled
               AND l.amount_residual < 0
               AND p.commercial_partner_id = ANY(%s)
          GROUP BY p.commercial_partner_id
            """,
                self.company_id.id,
                partner_ids,
            )
        )
        return {
            partner_id: float_round(amount, precision_rounding=self.company_id.currency_id.rounding)
            for partner_id, amount in self.env.cr.fetchall()
        }

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_daily_run(self):
        """A run per company with a default policy: the letters of automatic
        levels go to the outbox, the others wait in the run's preview."""
        companies = self.env["res.company"].search([("adv_dunning_policy_id", "!=", False)])
        today = fields.Date.context_today(self)
        for company in companies:
            run = self.with_company(company).create(
                {"company_id": company.id, "date": today, "automatic": True}
            )
            run.action_compute()
            automatic = run.letter_ids.filtered(lambda letter: letter.level_id.send_mode == "auto")
            automatic._action_queue()
            if not run.letter_ids:
                run.unlink()
