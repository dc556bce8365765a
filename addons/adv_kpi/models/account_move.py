# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


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

    @api.depends(
        "invoice_line_ids.sale_line_ids.order_id.adv_user_id",
        "reversed_entry_id.adv_user_id",
    )
    def _compute_adv_user_id(self):
        for move in self:
            if not move.is_sale_document(include_receipts=True):
                move.adv_user_id = move.adv_user_id
                continue
            orders = move.invoice_line_ids.sale_line_ids.order_id
            handler = orders.adv_user_id[:1] or move.reversed_entry_id.adv_user_id
            move.adv_user_id = handler or move.adv_user_id
