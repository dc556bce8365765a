# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class AdvCreditHoldOverride(models.TransientModel):
    """A manager confirms orders of a customer on credit hold, with a
    reason kept in each order's chatter."""

    _name = "adv.credit.hold.override"
    _description = "Override the Credit Hold"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("adv_orders.group_adv_manager"):
            raise AccessError(self.env._("Only an ADV manager can override a credit hold."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for the override."))
        orders = self.order_ids.filtered(lambda o: o.state in ("draft", "sent"))
        if not orders:
            raise UserError(self.env._("Only quotations can be confirmed through the hold."))
        for order, message in orders._adv_credit_hold_issues():
            order.message_post(
                body=Markup("%s<br/>%s<br/>%s")
                % (
                    self.env._("Credit hold overridden by %(user)s.", user=self.env.user.name),
                    self.env._("Reason: %(reason)s", reason=reason),
                    message,
                )
            )
        orders.sudo().write({"adv_credit_hold_override": reason})
        orders.action_confirm()
        return {"type": "ir.actions.act_window_close"}
