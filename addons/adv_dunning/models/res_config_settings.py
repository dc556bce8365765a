# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .res_company import check_finite_rates


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    adv_dunning_policy_id = fields.Many2one(
        related="company_id.adv_dunning_policy_id", readonly=False
    )
    adv_dunning_ecb_rate = fields.Float(related="company_id.adv_dunning_ecb_rate", readonly=False)
    adv_invoice_discount_terms = fields.Char(
        related="company_id.adv_invoice_discount_terms", readonly=False
    )
    adv_dunning_agreed_rate = fields.Float(
        related="company_id.adv_dunning_agreed_rate", readonly=False
    )
    adv_dunning_rate_points = fields.Float(
        related="company_id.adv_dunning_rate_points", readonly=False
    )
    adv_dunning_interest_rate = fields.Float(related="company_id.adv_dunning_interest_rate")
    adv_dunning_tolerance = fields.Monetary(
        related="company_id.adv_dunning_tolerance", readonly=False
    )
    adv_dunning_post_charges = fields.Boolean(
        related="company_id.adv_dunning_post_charges", readonly=False
    )
    adv_dunning_invoice_late_payments = fields.Boolean(
        related="company_id.adv_dunning_invoice_late_payments", readonly=False
    )
    adv_dunning_late_charges_since = fields.Date(
        related="company_id.adv_dunning_late_charges_since", readonly=False
    )
    adv_dunning_fee_product_id = fields.Many2one(
        related="company_id.adv_dunning_fee_product_id", readonly=False
    )
    adv_dunning_interest_product_id = fields.Many2one(
        related="company_id.adv_dunning_interest_product_id", readonly=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        check_finite_rates(self, vals_list)
        return super().create(vals_list)
