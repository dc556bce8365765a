# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Confirmation and cancellation dates (the order-taking speed and the
cancellation rate) for the orders of databases upgraded from 18.0.1.1.0: a
confirmed order was confirmed on its order date (Odoo sets it at
confirmation); a cancelled order that went through confirmation has a
procurement group or a delivery, and was cancelled at its last change."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            UPDATE sale_order so
               SET adv_confirmed_date = so.date_order
             WHERE so.adv_confirmed_date IS NULL
               AND so.state = 'sale'
            """
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE sale_order so
               SET adv_confirmed_date = so.date_order,
                   adv_cancelled_date = so.write_date
             WHERE so.adv_confirmed_date IS NULL
               AND so.state = 'cancel'
               AND (so.procurement_group_id IS NOT NULL
                    OR EXISTS (SELECT 1 FROM stock_picking p WHERE p.sale_id = so.id))
            """
        )
    )
