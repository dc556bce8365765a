# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

DOCUMENT_TYPES = [
    ("courteous", "Courteous Reminder"),
    ("firm", "Firm Reminder"),
    ("formal_notice", "Formal Notice"),
]

# A delay beyond ten years before or after the due date is a typing error.
MAX_DAYS = 3650


class AdvDunningLevel(models.Model):
    """One step of a dunning policy: when it applies, how the customer is
    reached, what is claimed and what follows."""

    _name = "adv.dunning.level"
    _inherit = ["adv.finite.mixin"]
    _description = "Dunning Level"
    _order = "policy_id, sequence, days, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    def _default_activity_type_id(self):
        return self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    policy_id = fields.Many2one("adv.dunning.policy", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="policy_id.company_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    days = fields.Integer(
        string="Days After Due Date",
        required=True,
        help="The level applies once the invoice is overdue by this many days. A negative "
        "value sends a courteous reminder before the due date.",
    )
    document_type = fields.Selection(
        DOCUMENT_TYPES,
        string="Document",
        required=True,
        default="courteous",
        help="The wording of the letter: a courteous reminder, a firm reminder, or a formal "
        "notice (mise en demeure) with the legal mentions.",
    )
    channel_ids = fields.Many2many(
        "adv.dunning.channel",
        "adv_dunning_level_channel_rel",
        "level_id",
        "channel_id",
        string="Channels",
        default=lambda self: self.env.ref(
            "adv_dunning.adv_dunning_channel_email", raise_if_not_found=False
        ),
        help="How the reminder reaches the customer; each channel is sent in turn.",
    )
    channel_codes = fields.Char(
        compute="_compute_channel_codes",
        help="The codes of the channels, for the views: e.g. 'email phone'.",
    )
    send_mode = fields.Selection(
        [("auto", "Automatic"), ("review", "After Review")],
        required=True,
        default="review",
        help="Automatic: the daily run sends the letters at once. After review: they wait in "
        "the run's preview until ADV sends them.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain=[("model", "=", "adv.dunning.letter")],
        help="Leave empty to use the standard reminder e-mail; the template's reports (the "
        "reminder letter by default) are attached as PDF.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Call Activity",
        default=lambda self: self._default_activity_type_id(),
    )
    activity_user_id = fields.Many2one(
        "res.users",
        string="Call Assignee",
        domain=[("share", "=", False)],
        help="Who makes the phone call; empty means the user who sends the run.",
    )
    phone_script = fields.Html(
        string="Call Script",
        translate=True,
        help="What to say on the phone; the invoices and amounts are added below it.",
    )
    charge_fee = fields.Boolean(
        string="Recovery Indemnity",
        help="Claim the fixed recovery indemnity, once per invoice, from business customers "
        "only (article L441-10 of the French Commercial Code).",
    )
    fee_amount = fields.Monetary(
        string="Indemnity per Invoice",
        currency_field="fee_currency_id",
        default=40.0,
        help="The fixed recovery indemnity, 40 EUR (Code de commerce D441-5), converted to "
        "the company currency at the invoice date.",
    )
    fee_currency_id = fields.Many2one(
        "res.currency",
        string="Indemnity Currency",
        default=lambda self: self.env.ref("base.EUR"),
        required=True,
    )
    charge_interest = fields.Boolean(
        string="Late-Payment Interest",
        help="Claim interest at the company's late-payment rate, pro rata per day on the "
        "overdue amount, from the due date or the end of the period already claimed.",
    )
    block_sales = fields.Boolean(
        help="While an unpaid invoice sits at this level, the customer is on credit hold: "
        "its new orders cannot be confirmed without a manager's override.",
    )
    open_collection_case = fields.Boolean(
        string="Open a Collection Case",
        help="Once the letter is sent, the invoices go to a collection case and are no "
        "longer reminded.",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("channel_ids.code")
    def _compute_channel_codes(self):
        for level in self:
            level.channel_codes = " ".join(level.channel_ids.mapped("code"))

    @api.depends("name", "days")
    def _compute_display_name(self):
        for level in self:
            level.display_name = level.name or ""

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("days")
    def _check_days_range(self):
        for level in self:
            if abs(level.days) > MAX_DAYS:
                raise self._adv_days_error(level.name)

    def _adv_days_error(self, name):
        return ValidationError(
            self.env._(
                "Level %(level)s: the delay must be within %(max)s days before or "
                "after the due date.",
                level=name,
                max=MAX_DAYS,
            )
        )

    def _adv_check_days_vals(self, vals_list):
        """The delay range checked on the values too: a number beyond the
        database's integers would fail with a bare database error before
        the constraint could tell why."""
        for vals in vals_list:
            days = vals.get("days")
            if isinstance(days, (int, float)) and math.isfinite(days) and abs(days) > MAX_DAYS:
                raise self._adv_days_error(vals.get("name") or ", ".join(self.mapped("name")))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._adv_check_days_vals(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._adv_check_days_vals([vals])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_last_level_in_use(self):
        for policy in self.policy_id:
            if not (policy.level_ids - self) and policy._is_in_use():
                raise UserError(
                    self.env._(
                        "Policy %(policy)s is used by a company or customers: it keeps at "
                        "least one level.",
                        policy=policy.name,
                    )
                )

    @api.constrains("fee_amount")
    def _check_fee_amount(self):
        for level in self:
            if not (math.isfinite(level.fee_amount) and level.fee_amount >= 0):
                raise ValidationError(
                    self.env._(
                        "Level %(level)s: the indemnity cannot be negative.", level=level.name
                    )
                )

    @api.constrains("channel_ids")
    def _check_channels(self):
        for level in self:
            if not level.channel_ids:
                raise ValidationError(
                    self.env._(
                        "Level %(level)s: choose at least one channel (e-mail, letter, "
                        "registered letter, phone call, SMS...).",
                        level=level.name,
                    )
                )

    @api.constrains("days", "sequence", "policy_id")
    def _check_days_increase(self):
        for policy in self.policy_id:
            levels = policy.level_ids.sorted(lambda level: (level.sequence, level.id))
            for previous, level in zip(levels, levels[1:], strict=False):
                if level.days <= previous.days:
                    raise ValidationError(
                        self.env._(
                            "Policy %(policy)s: the delays must strictly increase from one "
                            "level to the next, but %(level)s (%(days)s days) follows "
                            "%(previous)s (%(previous_days)s days).",
                            policy=policy.name,
                            level=level.name,
                            days=level.days,
                            previous=previous.name,
                            previous_days=previous.days,
                        )
                    )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _has_print_channel(self):
        self.ensure_one()
        return any(self.channel_ids.mapped("printed"))

    def _has_channel(self, code):
        self.ensure_one()
        return code in self.channel_ids.mapped("code")
