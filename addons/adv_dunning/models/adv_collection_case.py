# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.adv_orders.protected import check_vals, protected

CASE_STAGES = [
    ("amicable", "Amicable"),
    ("agency", "Collection Agency"),
    ("legal", "Legal (Injonction de payer)"),
    ("recovered", "Recovered"),
    ("written_off", "Written Off"),
]
OPEN_STAGES = ("amicable", "agency", "legal")


class AdvCollectionCase(models.Model):
    """An overdue debt handed over to collection: its invoices are no longer
    reminded while the case is open."""

    _name = "adv.collection.case"
    _description = "Collection Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "adv.dunning.invoice.checks"]
    _adv_invoice_field = "invoice_ids"
    _adv_date_field = "date_open"
    _order = "date_open desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    invoice_ids = fields.Many2many(
        "account.move",
        "adv_collection_case_account_move_rel",
        "case_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id)]",
    )
    stage = fields.Selection(
        CASE_STAGES, default="amicable", required=True, tracking=True, index=True,
        group_expand="_group_expand_stage",
    )  # fmt: skip
    is_open = fields.Boolean(compute="_compute_is_open")
    agency_id = fields.Many2one("res.partner", string="Collection Agency", tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    date_open = fields.Date(
        string="Opened On", default=fields.Date.context_today, required=True, tracking=True
    )
    date_closed = fields.Date(string="Closed On", readonly=True, tracking=True, copy=False)
    amount_opening = fields.Monetary(
        string="Due at Opening",
        readonly=True,
        copy=False,
        help="What the invoices owed, in the company currency, when the case was opened.",
    )
    amount_residual = fields.Monetary(
        string="Due Now", compute="_compute_amount_residual", store=True, aggregator="sum"
    )
    letter_id = fields.Many2one(
        "adv.dunning.letter", string="From Reminder", readonly=True, copy=False
    )
    note = fields.Html(string="Notes")

    @api.depends("stage")
    def _compute_is_open(self):
        for case in self:
            case.is_open = case.stage in OPEN_STAGES

    @api.depends("invoice_ids.amount_residual_signed")
    def _compute_amount_residual(self):
        for case in self:
            case.amount_residual = sum(case.invoice_ids.mapped("amount_residual_signed"))

    @api.constrains("partner_id", "company_id", "invoice_ids")
    def _check_invoices(self):
        self._adv_check_invoices()

    def _group_expand_stage(self, stages, domain):
        return [key for key, _label in CASE_STAGES]

    def _adv_protected_fields(self):
        """What the case records of its opening and closing, which the
        recovery rate is computed from, and the reminder that opened it
        (see adv_orders/protected.py)."""
        return {"name", "amount_opening", "date_closed", "letter_id"}

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        self._adv_check_date_vals(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("adv.collection.case") or "/"
        cases = super().create(vals_list)
        for case in cases:
            protected(case).amount_opening = case.amount_residual
        return cases

    def write(self, vals):
        check_vals(self, [vals])
        self._adv_check_date_vals([vals])
        if "stage" in vals:
            vals["date_closed"] = (
                False if vals["stage"] in OPEN_STAGES else fields.Date.context_today(self)
            )
        return super().write(vals)
