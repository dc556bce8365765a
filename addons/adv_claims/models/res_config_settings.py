# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    adv_claim_credit_note_threshold = fields.Monetary(
        related="company_id.adv_claim_credit_note_threshold",
        currency_field="currency_id",
        readonly=False,
    )
    adv_claim_gesture_product_id = fields.Many2one(
        related="company_id.adv_claim_gesture_product_id", readonly=False
    )
    adv_claim_rating = fields.Boolean(related="company_id.adv_claim_rating", readonly=False)
    adv_claim_recurrence_count = fields.Integer(
        related="company_id.adv_claim_recurrence_count", readonly=False
    )
    adv_claim_recurrence_days = fields.Integer(
        related="company_id.adv_claim_recurrence_days", readonly=False
    )
    adv_claim_replacement_mode = fields.Selection(
        related="company_id.adv_claim_replacement_mode", readonly=False
    )
