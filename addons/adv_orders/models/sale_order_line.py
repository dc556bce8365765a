# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# Line fields whose change re-opens an acknowledged order, with the type of
# entry error the change reveals.
ACK_LINE_FIELDS = {
    "product_id": "product",
    "product_uom_qty": "quantity",
    "product_uom": "quantity",
    "price_unit": "price",
    "discount": "price",
}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        products = lines.filtered(lambda line: not line.display_type)
        for order in products.order_id._adv_ack_watched():
            order._adv_ack_reopen({"product"})
        return lines

    def write(self, vals):
        watched = [fname for fname in ACK_LINE_FIELDS if fname in vals]
        if not watched:
            return super().write(vals)
        before = {
            line.id: {fname: line[fname] for fname in watched}
            for line in self
            if line.order_id._adv_ack_watched()
        }
        result = super().write(vals)
        changes = {}
        for line in self.filtered(lambda line: line.id in before):
            for fname, old in before[line.id].items():
                if line[fname] != old:
                    changes.setdefault(line.order_id, set()).add(ACK_LINE_FIELDS[fname])
        for order, error_types in changes.items():
            order._adv_ack_reopen(error_types)
        return result

    def unlink(self):
        products = self.filtered(lambda line: not line.display_type)
        acknowledged = products.order_id._adv_ack_watched()
        result = super().unlink()
        for order in acknowledged.exists():
            order._adv_ack_reopen({"product"})
        return result
