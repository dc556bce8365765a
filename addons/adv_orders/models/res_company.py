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
    adv_rating_sample_rate = fields.Integer(
        string="Survey Every Nth Delivered Order",
        default=5,
        help="Of the fully delivered orders of the customers who opted in, one in N is "
        "followed by a satisfaction survey (1: every order; 0: none).",
    )
    adv_rating_quiet_days = fields.Integer(
        string="Survey Quiet Period (days)",
        default=30,
        help="A contact asked to rate an order or a claim is not asked again after a "
        "delivery within this many days.",
    )

    @api.constrains("adv_ack_escalation_hours")
    def _check_adv_ack_escalation_hours(self):
        if not all(
            math.isfinite(company.adv_ack_escalation_hours)
            and company.adv_ack_escalation_hours >= 0
            for company in self
        ):
            raise ValidationError(self.env._("The escalation delay cannot be negative."))

    @api.constrains("adv_rating_sample_rate", "adv_rating_quiet_days")
    def _check_adv_rating_settings(self):
        if any(c.adv_rating_sample_rate < 0 or c.adv_rating_quiet_days < 0 for c in self):
            raise ValidationError(
                self.env._("The survey sample rate and quiet period cannot be negative.")
            )

    def _adv_rating_sample_next(self):
        """The next number of the company's survey sample counter."""
        self.ensure_one()
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "adv.rating.sample"), ("company_id", "=", self.id)], limit=1)
        )
        if not sequence:
            sequence = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Satisfaction survey sample (%s)", self.name),
                        "code": "adv.rating.sample",
                        "company_id": self.id,
                        "implementation": "standard",
                    }
                )
            )
        return int(sequence._next())

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
