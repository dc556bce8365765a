# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class AdvAckOverride(models.TransientModel):
    """A manager lets blocked orders through their acknowledgement checks,
    with a reason kept in each order's chatter."""

    _name = "adv.ack.override"
    _description = "Override the Acknowledgement Checks"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("adv_orders.group_adv_manager"):
            raise AccessError(self.env._("Only an ADV manager can override the checks."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for the override."))
        orders = self.order_ids._adv_ack_orders(("blocked",))
        for order in orders:
            order.message_post(
                body=Markup("%s<br/>%s<ul>%s</ul>")
                % (
                    self.env._(
                        "Acknowledgement checks overridden by %(user)s.", user=self.env.user.name
                    ),
                    self.env._("Reason: %(reason)s", reason=reason),
                    Markup().join(
                        Markup("<li>%s</li>") % issue.message for issue in order.adv_ack_issue_ids
                    ),
                ),
            )
        orders.adv_ack_issue_ids.sudo().unlink()
        orders._adv_ack_pass(self.env._("Checks overridden: %(reason)s", reason=reason))
        return {"type": "ir.actions.act_window_close"}
