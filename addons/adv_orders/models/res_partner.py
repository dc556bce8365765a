# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .sale_order import BACKORDER_POLICIES


class ResPartner(models.Model):
    _inherit = "res.partner"

    adv_backorder_policy = fields.Selection(
        BACKORDER_POLICIES,
        string="Backorder Policy",
        default="partial",
        help="What to do with what cannot be shipped at once, for this customer's "
        "orders (each order may override it). Set on the company: its contacts "
        "follow it.",
    )
    adv_notify_partial_shipment = fields.Boolean(
        string="Partial Shipment Notice",
        help="Send the customer an e-mail listing what was shipped and what remains, "
        "with the expected dates, each time a partial delivery of their order leaves.",
    )

    adv_rating_opt_in = fields.Boolean(
        string="Satisfaction Surveys",
        help="After a sample of this customer's fully delivered orders, ask the order's "
        "contact to rate the service (a face and an optional comment). The sample rate "
        "and the quiet period are company settings.",
    )

    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "adv_backorder_policy",
            "adv_notify_partial_shipment",
            "adv_rating_opt_in",
        ]
