# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    adv_ack_escalation_hours = fields.Float(
        string="Acknowledgement Escalation (hours)",
        default=24.0,
        help="Hours past the acknowledgement deadline after which the ADV "
        "managers are notified of a late order.",
    )
    adv_invoice_show_backorder = fields.Boolean(
        string="Show Backorders on Invoices",
        help="Customer invoices list, per order, what remains to be delivered.",
    )

    @api.constrains("adv_ack_escalation_hours")
    def _check_adv_ack_escalation_hours(self):
        if not all(
            math.isfinite(company.adv_ack_escalation_hours)
            and company.adv_ack_escalation_hours >= 0
            for company in self
        ):
            raise ValidationError(self.env._("The escalation delay cannot be negative."))

    def _adv_managers(self):
        """The active internal ADV managers who work in this company."""
        self.ensure_one()
        return (
            self.env.ref("adv_orders.group_adv_manager")
            .sudo()
            .users.filtered(
                lambda user: user.active and not user.share and self in user.company_ids
            )
        )
