# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class AdvKpiInvoiceReport(models.Model):
    """One row per posted customer invoice or credit note, amounts in company
    currency, for the pivot and graph views (per handler, per month...)."""

    _name = "adv.kpi.invoice.report"
    _description = "ADV Invoice Analysis"
    _auto = False
    _order = "invoice_date desc"
    _rec_name = "move_id"

    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    adv_user_id = fields.Many2one("res.users", string="ADV Handler", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    invoice_date = fields.Date(readonly=True)
    move_type = fields.Selection(
        [("out_invoice", "Invoice"), ("out_refund", "Credit Note")], string="Type", readonly=True
    )
    invoice_count = fields.Integer(string="# Invoices", readonly=True)
    credit_note_count = fields.Integer(string="# Credit Notes", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    amount_invoiced = fields.Monetary(string="Invoiced (untaxed)", readonly=True)
    amount_credited = fields.Monetary(string="Credited (untaxed)", readonly=True)
    amount_net = fields.Monetary(string="Net (untaxed)", readonly=True)
    amount_residual = fields.Monetary(string="Amount Due", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                move.id AS id,
                move.id AS move_id,
                move.company_id AS company_id,
                move.adv_user_id AS adv_user_id,
                move.commercial_partner_id AS partner_id,
                move.invoice_date AS invoice_date,
                move.move_type AS move_type,
                (move.move_type = 'out_invoice')::int AS invoice_count,
                (move.move_type = 'out_refund')::int AS credit_note_count,
                company.currency_id AS currency_id,
                CASE WHEN move.move_type = 'out_invoice'
                     THEN move.amount_untaxed_signed ELSE 0 END AS amount_invoiced,
                CASE WHEN move.move_type = 'out_refund'
                     THEN -move.amount_untaxed_signed ELSE 0 END AS amount_credited,
                move.amount_untaxed_signed AS amount_net,
                move.amount_residual_signed AS amount_residual
            FROM account_move move
            JOIN res_company company ON company.id = move.company_id
            WHERE move.state = 'posted'
              AND move.move_type IN ('out_invoice', 'out_refund')
            """
        )
