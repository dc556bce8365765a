# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.adv_orders.finite import check_finite

# The numbers of the dunning settings, refused when NaN or infinite before
# they are rounded to their digits (which would fail with a bare ValueError).
RATE_FIELDS = ("adv_dunning_ecb_rate", "adv_dunning_rate_points")


def check_finite_rates(records, vals_list):
    check_finite(
        records, [{name: vals[name] for name in RATE_FIELDS if name in vals} for vals in vals_list]
    )


class ResCompany(models.Model):
    _inherit = "res.company"

    adv_dunning_policy_id = fields.Many2one(
        "adv.dunning.policy",
        string="Default Dunning Policy",
        check_company=True,
        help="The policy of the customers that have none of their own; the daily run uses it.",
    )
    adv_dunning_ecb_rate = fields.Float(
        string="ECB Refinancing Rate (%)",
        digits=(16, 2),
        default=2.15,
        help="The European Central Bank's main refinancing rate of the current half-year.",
    )
    adv_dunning_rate_points = fields.Float(
        string="Added Points",
        digits=(16, 2),
        default=10.0,
        help="Points added to the ECB rate. When the terms of sale say nothing, French law "
        "sets the rate at the ECB rate plus 10 points (article L441-10 of the Commercial "
        "Code); an agreed rate may differ, but not below three times the legal interest "
        "rate.",
    )
    adv_invoice_discount_terms = fields.Char(
        string="Early-Payment Discount Terms",
        translate=True,
        help="Printed on the invoices of a French company (L441-9), e.g. '2 % discount if paid "
        "within 10 days'. Empty: 'No discount for early payment'.",
    )
    adv_dunning_agreed_rate = fields.Float(
        string="Agreed Late-Payment Rate (%)",
        digits=(16, 2),
        help="The penalty rate of your terms of sale, when they set one: it replaces the ECB "
        "rate plus points for every half-year. Empty: the legal rate. It may not be below "
        "three times the legal interest rate (L441-10).",
    )
    adv_dunning_interest_rate = fields.Float(
        string="Late-Payment Interest Rate (%)",
        digits=(16, 2),
        compute="_compute_adv_dunning_interest_rate",
        help="The yearly rate claimed on overdue amounts: the ECB rate plus the added points.",
    )
    adv_dunning_tolerance = fields.Monetary(
        string="Dunning Tolerance",
        currency_field="currency_id",
        default=1.0,
        help="Residual amounts below this, in the company currency, are not chased "
        "(rounding differences, small bank charges).",
    )
    adv_dunning_post_charges = fields.Boolean(
        string="Invoice Fees and Interest",
        help="When a letter claiming an indemnity or interest is sent, post them as a "
        "customer invoice, so accounting sees what the letter claims.",
    )
    adv_dunning_invoice_late_payments = fields.Boolean(
        string="Invoice Late Payments",
        help="Every month, invoice the 40 EUR indemnity (D441-5) and the interest accrued until "
        "the payment date (L441-10) of the invoices paid late the month before: once per "
        "invoice, one invoice per customer and month, never for an invoice that was on hold.",
    )
    adv_dunning_late_charges_since = fields.Date(
        string="Late Payments Invoiced Since",
        help="Payments made from this date on are charged when late; set to the first day of "
        "the month when the option is switched on.",
    )
    adv_dunning_fee_product_id = fields.Many2one(
        "product.product",
        string="Indemnity Product",
        check_company=True,
        default=lambda self: self.env.ref(
            "adv_dunning.product_adv_dunning_fee", raise_if_not_found=False
        ),
    )
    adv_dunning_interest_product_id = fields.Many2one(
        "product.product",
        string="Interest Product",
        check_company=True,
        default=lambda self: self.env.ref(
            "adv_dunning.product_adv_dunning_interest", raise_if_not_found=False
        ),
    )

    @api.model_create_multi
    def create(self, vals_list):
        check_finite_rates(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_finite_rates(self, [vals])
        if (
            vals.get("adv_dunning_invoice_late_payments")
            and "adv_dunning_late_charges_since" not in vals
        ):
            # charged from now on, not for every late payment of the past
            first_day = fields.Date.context_today(self).replace(day=1)
            for company in self.filtered(lambda c: not c.adv_dunning_late_charges_since):
                company.adv_dunning_late_charges_since = first_day
        return super().write(vals)

    @api.depends("adv_dunning_ecb_rate", "adv_dunning_rate_points")
    def _compute_adv_dunning_interest_rate(self):
        for company in self:
            company.adv_dunning_interest_rate = (
                company.adv_dunning_ecb_rate + company.adv_dunning_rate_points
            )

    @api.constrains("adv_dunning_agreed_rate")
    def _check_adv_dunning_agreed_rate(self):
        for company in self:
            self.env["adv.dunning.reference.rate"]._check_agreed_rate(
                company.adv_dunning_agreed_rate, company.name
            )

    @api.constrains("adv_dunning_ecb_rate", "adv_dunning_rate_points")
    def _check_adv_dunning_rates(self):
        for company in self:
            rates = (company.adv_dunning_ecb_rate, company.adv_dunning_rate_points)
            if not all(math.isfinite(rate) and rate >= 0 for rate in rates):
                raise ValidationError(
                    self.env._("The late-payment interest rates cannot be negative.")
                )

    @api.constrains("adv_dunning_tolerance")
    def _check_adv_dunning_tolerance(self):
        for company in self:
            tolerance = company.adv_dunning_tolerance
            if not (math.isfinite(tolerance) and tolerance >= 0):
                raise ValidationError(self.env._("The dunning tolerance cannot be negative."))

    @api.constrains("adv_dunning_policy_id")
    def _check_adv_dunning_policy_levels(self):
        self.adv_dunning_policy_id._check_has_levels()
