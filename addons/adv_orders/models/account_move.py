# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..protected import check_vals


class AccountMove(models.Model):
    _inherit = "account.move"

    # The shared "out of dunning" flag. It lives here so that neither module
    # imports the other; each addon adds the reasons it owns (selection_add):
    # adv_claims "dispute", adv_dunning "promise". Dunning skips any invoice
    # where it is set.
    adv_hold_reason = fields.Selection(
        selection=[("manual", "Manual hold")],
        string="ADV Hold",
        index=True,
        copy=False,
        tracking=True,
        help="When set, the invoice is out of dunning: no reminder is sent "
        "for it until the hold is released.",
    )

    def _adv_protected_fields(self):
        """Set by the hold wizards, claims and promises only (see adv_orders/protected.py)."""
        return {"adv_hold_reason"}

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, [vals])
        return super().write(vals)
