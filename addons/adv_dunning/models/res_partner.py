# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

OPEN_PAYMENT_STATES = ("not_paid", "partial")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    adv_dunning_policy_id = fields.Many2one(
        "adv.dunning.policy",
        string="Dunning Policy",
        domain="[('company_id', 'in', allowed_company_ids)]",
        help="Empty: the company's default policy applies. A policy of another company than "
        "the one reminding the customer is ignored there.",
    )
    adv_professional = fields.Boolean(
        string="Professional Customer",
        compute="_compute_adv_professional",
        store=True,
        readonly=False,
        recursive=True,
        help="A business customer (company, or individual trading under a VAT number or a "
        "company registration such as a SIRET): owes the fixed recovery indemnity on "
        "late payment (Code de commerce L441-10, D441-5). Consumers do not.",
    )
    adv_dunning_agreed_rate = fields.Float(
        string="Agreed Late-Payment Rate (%)",
        digits=(16, 2),
        help="The penalty rate agreed with this customer, if any: it replaces the company's "
        "rate. It may not be below three times the legal interest rate (L441-10).",
    )
    adv_dunning_opt_out = fields.Boolean(
        string="No Reminders", help="The customer is never reminded by the dunning runs."
    )
    adv_dunning_opt_out_reason = fields.Char(string="Why No Reminders")
    adv_credit_hold = fields.Boolean(
        string="Credit Hold",
        compute="_compute_adv_credit_hold",
        search="_search_adv_credit_hold",
        help="True while an unpaid invoice of the customer sits at a dunning level that "
        "blocks sales: new orders need a manager's override. Paying the invoices lifts it.",
    )
    adv_dunning_level_id = fields.Many2one(
        "adv.dunning.level",
        string="Dunning Level",
        compute="_compute_adv_dunning_summary",
        help="The highest level reached by the customer's unpaid invoices.",
    )
    adv_dunning_last_date = fields.Date(
        string="Last Reminder", compute="_compute_adv_dunning_summary"
    )
    adv_dunning_letter_ids = fields.One2many(
        "adv.dunning.letter", "partner_id", string="Reminders", readonly=True
    )
    adv_dunning_letter_count = fields.Integer(compute="_compute_adv_dunning_counts")
    adv_dunning_promise_ids = fields.One2many(
        "adv.dunning.promise", "partner_id", string="Payment Promises"
    )
    adv_collection_case_count = fields.Integer(compute="_compute_adv_dunning_counts")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("is_company", "vat", "company_registry", "parent_id.adv_professional")
    def _compute_adv_professional(self):
        for partner in self:
            if partner.parent_id and not partner.is_company:
                partner.adv_professional = partner.parent_id.adv_professional
            else:
                partner.adv_professional = bool(
                    partner.is_company
                    or partner.vat
                    or partner.company_registry
                    or partner._adv_siret()
                )

    @api.constrains("adv_dunning_agreed_rate")
    def _check_adv_dunning_agreed_rate(self):
        for partner in self:
            self.env["adv.dunning.reference.rate"]._check_agreed_rate(
                partner.adv_dunning_agreed_rate, partner.display_name
            )

    def _adv_siret(self):
        """The SIRET of French localisation, when installed."""
        return self["siret"] if "siret" in self._fields else False

    def _adv_open_invoice_domain(self):
        return [
            ("commercial_partner_id", "in", self.commercial_partner_id.ids),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", OPEN_PAYMENT_STATES),
            ("company_id", "in", self.env.companies.ids),
        ]

    def _compute_adv_credit_hold(self):
        held = set(self._adv_credit_hold_invoices().commercial_partner_id.ids)
        for partner in self:
            partner.adv_credit_hold = partner.commercial_partner_id.id in held

    def _search_adv_credit_hold(self, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(self.env._("Unsupported search on the credit hold."))
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", OPEN_PAYMENT_STATES),
                ("adv_dunning_level_id.block_sales", "=", True),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        held = invoices.commercial_partner_id.ids
        positive = (operator == "=") == bool(value)
        return [("commercial_partner_id", "in" if positive else "not in", held)]

    def _compute_adv_dunning_summary(self):
        groups = self.env["account.move"]._read_group(
            [*self._adv_open_invoice_domain(), ("adv_dunning_level_id", "!=", False)],
            ["commercial_partner_id", "adv_dunning_level_id"],
            ["adv_dunning_date:max"],
        )
        levels = {}
        last_dates = {}
        for partner, level, last_date in groups:
            current = levels.get(partner.id)
            if not current or (level.days, level.id) > (current.days, current.id):
                levels[partner.id] = level
            if last_date and (partner.id not in last_dates or last_date > last_dates[partner.id]):
                last_dates[partner.id] = last_date
        for partner in self:
            commercial_id = partner.commercial_partner_id.id
            partner.adv_dunning_level_id = levels.get(commercial_id, False)
            partner.adv_dunning_last_date = last_dates.get(commercial_id, False)

    def _compute_adv_dunning_counts(self):
        commercial = self.commercial_partner_id
        letters = dict(
            self.env["adv.dunning.letter"]._read_group(
                [("partner_id", "in", commercial.ids)], ["partner_id"], ["__count"]
            )
        )
        cases = dict(
            self.env["adv.collection.case"]._read_group(
                [("partner_id", "in", commercial.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.adv_dunning_letter_count = letters.get(partner.commercial_partner_id, 0)
            partner.adv_collection_case_count = cases.get(partner.commercial_partner_id, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("adv_dunning_opt_out", "adv_dunning_opt_out_reason")
    def _check_adv_dunning_opt_out(self):
        for partner in self:
            if (
                partner.adv_dunning_opt_out
                and not (partner.adv_dunning_opt_out_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%(partner)s: give the reason why the customer gets no reminders.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("adv_dunning_policy_id", "company_id")
    def _check_adv_dunning_policy_company(self):
        self.adv_dunning_policy_id._check_has_levels()
        for partner in self:
            policy = partner.adv_dunning_policy_id
            if policy and partner.company_id and policy.company_id != partner.company_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s belongs to %(company)s: its dunning policy %(policy)s "
                        "must be one of that company.",
                        partner=partner.display_name,
                        company=partner.company_id.name,
                        policy=policy.name,
                    )
                )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _commercial_fields(self):
        return [
            *super()._commercial_fields(),
            "adv_dunning_policy_id",
            "adv_dunning_opt_out",
            "adv_dunning_opt_out_reason",
        ]

    def _adv_credit_hold_invoices(self, company=None):
        """The unpaid invoices of these customers that sit at a level that
        blocks sales, in ``company`` or the current companies."""
        if not self:
            return self.env["account.move"]
        domain = [*self._adv_open_invoice_domain(), ("adv_dunning_level_id.block_sales", "=", True)]
        if company:
            domain.append(("company_id", "=", company.id))
        return self.env["account.move"].sudo().search(domain, order="invoice_date_due, id")

    def _adv_statement_lines(self):
        """The open receivable items of the customer in the current company."""
        self.ensure_one()
        return self.env["account.move.line"].search(
            [
                ("partner_id", "child_of", self.commercial_partner_id.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("company_id", "=", self.env.company.id),
            ],
            order="date_maturity, id",
        )

    def _adv_dunning_policy(self, company):
        """The policy that applies to this customer in ``company``."""
        self.ensure_one()
        policy = self.commercial_partner_id.adv_dunning_policy_id
        if policy and policy.company_id == company:
            return policy
        return company.adv_dunning_policy_id

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_adv_view_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "adv_dunning.adv_dunning_letter_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"create": False}
        return action

    def action_adv_view_collection_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "adv_dunning.adv_collection_case_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_adv_print_statement(self):
        return self.env.ref("adv_dunning.action_report_adv_account_statement").report_action(
            self.commercial_partner_id
        )
