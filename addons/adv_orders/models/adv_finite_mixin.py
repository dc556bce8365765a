# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from ..finite import check_finite


class AdvFiniteMixin(models.AbstractModel):
    """Models whose numbers users type: NaN and infinite values, which a
    JSON-RPC client can send, are refused in create and write (finite.py)."""

    _name = "adv.finite.mixin"
    _description = "ADV Finite Numbers"

    @api.model_create_multi
    def create(self, vals_list):
        check_finite(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_finite(self, [vals])
        return super().write(vals)
