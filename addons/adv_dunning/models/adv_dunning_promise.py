# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.adv_orders.protected import check_vals, is_allowed, protected

PROMISE_STATES = [
    ("open", "Open"),
    ("kept", "Kept"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
# What a promise is about: set while it is open.
FIXED_WHEN_CLOSED = {"partner_id", "company_id", "move_ids", "date", "amount"}


class AdvDunningPromise(models.Model):
    """A customer promises to pay by a date: what it promised is held out of
    dunning until then (see _hold). A broken promise releases it for the
    next run."""

    _name = "adv.dunning.promise"
    _description = "Payment Promise"
    _inherit = ["mail.thread", "adv.dunning.invoice.checks", "adv.finite.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        required=True,
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('payment_state', 'in', ('not_paid', 'partial')), "
        "('commercial_partner_id', '=', partner_id)]",
    )
    date = fields.Date(string="Promised For", required=True, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    note = fields.Text()
    state = fields.Selection(
        PROMISE_STATES, default="open", required=True, tracking=True, copy=False
    )

    @api.constrains("partner_id", "company_id", "move_ids")
    def _check_invoices(self):
        self._adv_check_invoices()

    @api.constrains("amount", "move_ids")
    def _check_amount(self):
        if not all(math.isfinite(promise.amount) and promise.amount > 0 for promise in self):
            raise ValidationError(self.env._("The promised amount must be positive."))
        for promise in self.filtered(lambda p: p.state == "open"):
            owed = sum(abs(move.amount_residual_signed) for move in promise.move_ids)
            if promise.currency_id.compare_amounts(promise.amount, owed) > 0:
                raise ValidationError(
                    self.env._(
                        "%(partner)s promises %(amount)s but its invoices only owe %(owed)s.",
                        partner=promise.partner_id.display_name,
                        amount=format_amount(self.env, promise.amount, promise.currency_id),
                        owed=format_amount(self.env, owed, promise.currency_id),
                    )
                )

    def _adv_protected_fields(self):
        """The outcome of a promise follows its actions and the daily check
        (see adv_orders/protected.py)."""
        return {"state"}

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        self._adv_check_date_vals(vals_list)
        promises = super().create(vals_list)
        promises._hold()
        return promises

    def write(self, vals):
        check_vals(self, [vals])
        closed = self.filtered(lambda promise: promise.state != "open")
        if closed and set(vals) & FIXED_WHEN_CLOSED and not is_allowed(self.env):
            raise UserError(
                self.env._(
                    "The promise of %(partner)s is %(state)s: its customer, invoices, date and "
                    "amount no longer change.",
                    partner=closed[0].partner_id.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        closed[0].state
                    ],
                )
            )
        self._adv_check_date_vals([vals])
        rehold = (
            self.filtered(lambda p: p.state == "open")
            if {"amount", "move_ids"} & set(vals)
            else self.browse()
        )
        rehold._release()
        result = super().write(vals)
        rehold._hold()
        return result

    def _hold(self):
        """Hold what the promise covers until its date, oldest invoice first:
        an invoice covered in full is held whole, the one covered in part
        for the promised rest only (the remainder is still chased), those
        beyond the promised amount not at all. An invoice held for another
        reason keeps that hold."""
        for promise in self:
            left = promise.amount
            currency = promise.currency_id
            for move in promise.move_ids.sorted(lambda m: (m.invoice_date_due or m.date, m.id)):
                if currency.compare_amounts(left, 0.0) <= 0:
                    break
                owed = abs(move.amount_residual_signed)
                if not move.adv_hold_reason:
                    held = 0.0 if currency.compare_amounts(left, owed) >= 0 else left
                    protected(move).write({"adv_hold_reason": "promise", "adv_hold_amount": held})
                left -= owed

    def action_cancel(self):
        """Cancel open promises: their invoices are chased again."""
        if any(promise.state != "open" for promise in self):
            raise UserError(self.env._("Only an open promise can be cancelled."))
        self._release()
        protected(self).write({"state": "cancelled"})
        return True

    def _release(self):
        """Give the invoices held by these promises back to dunning."""
        self.move_ids.filtered(lambda m: m.adv_hold_reason == "promise").sudo().write(
            {"adv_hold_reason": False}
        )

    @api.model
    def _cron_check_promises(self):
        """Past their date, promises whose invoices are paid are kept; the
        others are broken and release their invoices."""
        today = fields.Date.context_today(self)
        due = self.search([("state", "=", "open"), ("date", "<", today)])
        kept = due.filtered(
            lambda p: all(m.payment_state in ("paid", "in_payment", "reversed") for m in p.move_ids)
        )
        broken = due - kept
        protected(kept).write({"state": "kept"})
        broken._release()
        protected(broken).write({"state": "broken"})
        for promise in broken:
            promise.message_post(
                body=self.env._("Promise broken: the invoices are chased again by the next run.")
            )
        return broken
