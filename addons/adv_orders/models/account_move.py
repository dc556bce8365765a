# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount

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
    adv_hold_amount = fields.Monetary(
        string="Amount Held",
        currency_field="company_currency_id",
        copy=False,
        tracking=True,
        help="The part of the invoice held out of dunning (a disputed amount, a payment "
        "promised for part of it), in the company currency: the rest is still chased. "
        "Zero holds the whole invoice.",
    )

    def _adv_protected_fields(self):
        """Set by the hold wizards, claims and promises only (see adv_orders/protected.py)."""
        return {"adv_hold_reason", "adv_hold_amount"}

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, [vals])
        if "adv_hold_reason" in vals and not vals["adv_hold_reason"]:
            vals = {**vals, "adv_hold_amount": 0.0}  # released: nothing held any more
        return super().write(vals)

    @api.constrains("adv_hold_amount")
    def _check_adv_hold_amount(self):
        for move in self:
            amount = move.adv_hold_amount
            if not math.isfinite(amount) or amount < 0:
                raise ValidationError(
                    self.env._("The amount held out of dunning cannot be negative.")
                )
            residual = abs(move.amount_residual_signed)
            if amount and move.company_currency_id.compare_amounts(amount, residual) > 0:
                raise ValidationError(
                    self.env._(
                        "%(amount)s cannot be held out of dunning on %(invoice)s: it only "
                        "owes %(residual)s.",
                        amount=format_amount(self.env, amount, move.company_currency_id),
                        invoice=move.display_name,
                        residual=format_amount(self.env, residual, move.company_currency_id),
                    )
                )
