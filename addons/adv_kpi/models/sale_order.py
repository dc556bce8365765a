# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # Stored so that the "acknowledged within SLA" KPI and its drill-down are
    # plain domains (a domain cannot compare two columns).
    adv_ack_in_sla = fields.Boolean(
        string="Acknowledged Within SLA",
        compute="_compute_adv_ack_in_sla",
        store=True,
        index=True,
        help="Acknowledged no later than its acknowledgement deadline.",
    )

    @api.depends("adv_ack_date", "adv_ack_deadline")
    def _compute_adv_ack_in_sla(self):
        for order in self:
            order.adv_ack_in_sla = bool(
                order.adv_ack_date
                and order.adv_ack_deadline
                and order.adv_ack_date <= order.adv_ack_deadline
            )
