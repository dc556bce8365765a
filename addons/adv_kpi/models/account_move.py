# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column


class AccountMove(models.Model):
    _inherit = "account.move"

    # The ADV handler of an invoice, for the per-handler KPIs: the handler of
    # the order it invoices, else of the invoice it reverses. Editable for
    # invoices made by hand.
    adv_user_id = fields.Many2one(
        "res.users",
        string="ADV Handler",
        compute="_compute_adv_user_id",
        store=True,
        readonly=False,
        index=True,
        recursive=True,
        domain=[("share", "=", False)],
        help="The ADV assistant in charge: the handler of the invoiced order, "
        "else of the reversed invoice.",
    )

    def _auto_init(self):
        """Fill the handler of existing invoices by SQL at install, instead of
        computing it invoice by invoice (large databases)."""
        if not column_exists(self.env.cr, "account_move", "adv_user_id"):
            create_column(self.env.cr, "account_move", "adv_user_id", "int4")
            self._adv_fill_handler()
        return super()._auto_init()

    def _adv_fill_handler(self):
        """Set the handler of the moves without one, as _compute_adv_user_id
        does: the handler of the first invoiced order, else of the reversed
        invoice. Two queries."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """UPDATE account_move move SET adv_user_id = sub.adv_user_id
                   FROM (SELECT DISTINCT ON (aml.move_id) aml.move_id, so.adv_user_id
                           FROM account_move_line aml
                           JOIN sale_order_line_invoice_rel rel
                             ON rel.invoice_line_id = aml.id
                           JOIN sale_order_line sol ON sol.id = rel.order_line_id
                           JOIN sale_order so ON so.id = sol.order_id
                          WHERE so.adv_user_id IS NOT NULL
                          ORDER BY aml.move_id, so.id) sub
                  WHERE move.id = sub.move_id AND move.adv_user_id IS NULL"""
            )
        )
        cr.execute(
            SQL(
                """UPDATE account_move move SET adv_user_id = origin.adv_user_id
                     FROM account_move origin
                    WHERE move.reversed_entry_id = origin.id
                      AND move.adv_user_id IS NULL
                      AND origin.adv_user_id IS NOT NULL"""
            )
        )

    @api.depends(
        "invoice_line_ids.sale_line_ids.order_id.adv_user_id",
        "reversed_entry_id.adv_user_id",
    )
    def _compute_adv_user_id(self):
        for move in self:
            if not move.is_sale_document(include_receipts=True):
                move.adv_user_id = move.adv_user_id
                continue
            orders = move.invoice_line_ids.sale_line_ids.order_id.filtered("adv_user_id")
            first = min(orders, key=lambda order: order.id, default=orders)
            handler = first.adv_user_id or move.reversed_entry_id.adv_user_id
            move.adv_user_id = handler or move.adv_user_id
