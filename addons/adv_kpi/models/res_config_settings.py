# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    adv_invoicing_target_days = fields.Integer(
        related="company_id.adv_invoicing_target_days", readonly=False
    )
