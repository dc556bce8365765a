# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class AdvKpiOrderReport(models.Model):
    """One row per sales order with the facts the dashboard counts, for free
    exploration in pivot and graph views (per handler, per month...)."""

    _name = "adv.kpi.order.report"
    _description = "ADV Order Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "order_id"

    order_id = fields.Many2one("sale.order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    adv_user_id = fields.Many2one("res.users", string="ADV Handler", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    adv_intake_channel = fields.Char(string="Intake Channel", readonly=True)
    date = fields.Datetime(string="Received On", readonly=True)
    date_order = fields.Datetime(string="Order Date", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Quotation"),
            ("sent", "Quotation Sent"),
            ("sale", "Sales Order"),
            ("cancel", "Cancelled"),
        ],
        readonly=True,
    )
    received_count = fields.Integer(string="# Received", readonly=True)
    confirmed_count = fields.Integer(string="# Confirmed", readonly=True)
    acknowledged_count = fields.Integer(string="# Acknowledged", readonly=True)
    ack_in_sla_count = fields.Integer(string="# Acknowledged Within SLA", readonly=True)
    error_order_count = fields.Integer(string="# With Entry Errors", readonly=True)
    delivered_count = fields.Integer(string="# Fully Delivered", readonly=True)
    otif_count = fields.Integer(string="# OTIF", readonly=True)
    backorder_count = fields.Integer(string="# With Backorder", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    amount_untaxed = fields.Monetary(string="Untaxed Amount", readonly=True)
    backorder_value = fields.Monetary(readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                so.id AS id,
                so.id AS order_id,
                so.company_id AS company_id,
                so.adv_user_id AS adv_user_id,
                so.partner_id AS partner_id,
                so.adv_intake_channel AS adv_intake_channel,
                COALESCE(so.adv_received_date, so.create_date) AS date,
                so.date_order AS date_order,
                so.state AS state,
                1 AS received_count,
                (so.state = 'sale')::int AS confirmed_count,
                (so.adv_ack_date IS NOT NULL)::int AS acknowledged_count,
                COALESCE(so.adv_ack_in_sla, FALSE)::int AS ack_in_sla_count,
                (EXISTS (SELECT 1 FROM adv_order_error err WHERE err.order_id = so.id))::int
                    AS error_order_count,
                (so.adv_delivered_date IS NOT NULL)::int AS delivered_count,
                COALESCE(so.adv_otif, FALSE)::int AS otif_count,
                COALESCE(so.adv_has_backorder, FALSE)::int AS backorder_count,
                company.currency_id AS currency_id,
                so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1.0) AS amount_untaxed,
                COALESCE(so.adv_backorder_value, 0)
                    / COALESCE(NULLIF(so.currency_rate, 0), 1.0) AS backorder_value
            FROM sale_order so
            JOIN res_company company ON company.id = so.company_id
            WHERE so.state != 'cancel'
            """
        )
