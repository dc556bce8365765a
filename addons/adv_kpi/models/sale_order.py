# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column, create_index


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

    def _auto_init(self):
        """Fill the flag of existing orders in one query at install."""
        cr = self.env.cr
        if not column_exists(cr, "sale_order", "adv_ack_in_sla"):
            create_column(cr, "sale_order", "adv_ack_in_sla", "bool")
            cr.execute(
                SQL(
                    """UPDATE sale_order SET adv_ack_in_sla =
                           COALESCE(adv_ack_date <= adv_ack_deadline, FALSE)"""
                )
            )
        return super()._auto_init()

    def init(self):
        result = super().init()
        # The KPIs select the orders of a company by these dates: received,
        # acknowledged, fully delivered in the period.
        for column in (
            "adv_received_date", "adv_ack_date", "adv_delivered_date", "adv_confirmed_date",
            "adv_cancelled_date",
        ):  # fmt: skip
            create_index(
                self.env.cr,
                f"sale_order_adv_kpi_{column}_index",
                "sale_order",
                ["company_id", column],
                where=f"{column} IS NOT NULL",
            )
        return result

    @api.depends("adv_ack_date", "adv_ack_deadline")
    def _compute_adv_ack_in_sla(self):
        for order in self:
            order.adv_ack_in_sla = bool(
                order.adv_ack_date
                and order.adv_ack_deadline
                and order.adv_ack_date <= order.adv_ack_deadline
            )
