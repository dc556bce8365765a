# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .adv_dunning_level import MAX_DAYS


class AdvDunningPolicy(models.Model):
    """How a company chases its customers: the ordered levels and the rules
    deciding who may be reminded (gap, threshold, grace)."""

    _name = "adv.dunning.policy"
    _description = "Dunning Policy"
    _inherit = ["mail.thread", "adv.finite.mixin"]
    _order = "company_id, name, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    level_ids = fields.One2many("adv.dunning.level", "policy_id", string="Levels", copy=True)
    level_count = fields.Integer(compute="_compute_level_count")
    min_gap_days = fields.Integer(
        string="Minimum Gap (days)",
        default=7,
        tracking=True,
        help="A customer is not reminded again sooner than this many days after its last "
        "reminder, whatever the invoice.",
    )
    min_amount = fields.Monetary(
        string="Minimum Overdue Amount",
        currency_field="currency_id",
        tracking=True,
        help="Customers whose overdue amount, in the company currency, is below this are "
        "not reminded.",
    )
    grace_days = fields.Integer(
        default=0,
        tracking=True,
        help="Days past the due date during which no reminder is sent, whatever the levels "
        "say (reminders before the due date are not affected).",
    )
    show_not_due = fields.Boolean(
        string="Show Invoices Not Yet Due",
        help="The account statement attached to the letters also lists the invoices not "
        "yet due, for information.",
    )
    partner_count = fields.Integer(compute="_compute_partner_count")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("level_ids")
    def _compute_level_count(self):
        for policy in self:
            policy.level_count = len(policy.level_ids)

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("adv_dunning_policy_id", "in", self.ids)], ["adv_dunning_policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.partner_count = counts.get(policy, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("min_gap_days", "min_amount", "grace_days")
    def _check_policy_values(self):
        for policy in self:
            if (
                policy.min_gap_days < 0
                or policy.grace_days < 0
                or not (math.isfinite(policy.min_amount) and policy.min_amount >= 0)
            ):
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: the minimum gap, the grace days and the minimum "
                        "amount cannot be negative.",
                        policy=policy.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._adv_check_days_vals(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._adv_check_days_vals([vals])
        return super().write(vals)

    def _adv_check_days_vals(self, vals_list):
        """The gap and the grace days within ten years, checked on the values:
        a number beyond the database's integers would fail with a bare
        database error before the constraint could tell why."""
        for vals in vals_list:
            for name in ("min_gap_days", "grace_days"):
                days = vals.get(name)
                if isinstance(days, (int, float)) and math.isfinite(days) and days > MAX_DAYS:
                    raise ValidationError(
                        self.env._(
                            "Policy %(policy)s: the minimum gap and the grace days must be "
                            "within %(max)s days.",
                            policy=vals.get("name") or ", ".join(self.mapped("name")),
                            max=MAX_DAYS,
                        )
                    )

    def _check_has_levels(self):
        """A policy that customers or a company use has levels to apply."""
        for policy in self:
            if not policy.level_ids:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s has no level: add its levels before a company or "
                        "a customer uses it.",
                        policy=policy.name,
                    )
                )

    def _is_in_use(self):
        self.ensure_one()
        return bool(
            self.env["res.company"].sudo().search_count([("adv_dunning_policy_id", "=", self.id)])
            or self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("adv_dunning_policy_id", "=", self.id)], limit=1)
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customers"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("adv_dunning_policy_id", "=", self.id)],
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_levels(self):
        """The levels in escalation order."""
        self.ensure_one()
        return self.level_ids.sorted(lambda level: (level.sequence, level.days, level.id))
