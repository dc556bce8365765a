# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.adv_orders.protected import protected


class AdvInvoiceHold(models.TransientModel):
    """ADV holds invoices out of dunning by hand, with a reason."""

    _name = "adv.invoice.hold"
    _description = "Hold Invoices out of Dunning"

    move_ids = fields.Many2many("account.move", string="Invoices", required=True)
    reason = fields.Char(required=True)

    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason of the hold."))
        invoices = self.move_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        if not invoices:
            raise UserError(self.env._("Only posted customer invoices can be held."))
        if any(m.adv_hold_reason == "dispute" for m in invoices):
            raise UserError(
                self.env._("An invoice in dispute is already out of dunning; its claim holds it.")
            )
        protected(invoices).write({"adv_hold_reason": "manual", "adv_hold_note": reason})
        return {"type": "ir.actions.act_window_close"}
