# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_round

from ..finite import check_finite

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

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    adv_qty_cancelled = fields.Float(
        string="Cancelled Remainder",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="Quantity, in the line's unit, that will not be delivered: the "
        "remainder cancelled when a partial delivery was validated without "
        "backorder. It leaves the backorder book and is never invoiced.",
    )
    adv_qty_backorder = fields.Float(
        string="Backorder",
        digits="Product Unit of Measure",
        compute="_compute_adv_qty_backorder",
        store=True,
        help="Still owed to the customer (reliquat): ordered minus delivered minus "
        "cancelled, in the line's unit, for products that are delivered.",
    )
    adv_backorder_value = fields.Monetary(
        string="Backorder Value",
        compute="_compute_adv_qty_backorder",
        store=True,
        currency_field="currency_id",
        help="Untaxed value of the backorder at the line's net unit price.",
    )
    adv_expected_date = fields.Datetime(
        string="Expected Date",
        compute="_compute_adv_expected_date",
        store=True,
        help="Earliest planned date of the open deliveries of this line.",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends(
        "state",
        "display_type",
        "qty_delivered_method",
        "product_uom_qty",
        "qty_delivered",
        "adv_qty_cancelled",
        "price_reduce_taxexcl",
    )
    def _compute_adv_qty_backorder(self):
        for line in self:
            qty = 0.0
            if (
                line.state == "sale"
                and not line.display_type
                and line.qty_delivered_method == "stock_move"
            ):
                remaining = line.product_uom_qty - line.qty_delivered - line.adv_qty_cancelled
                qty = max(
                    float_round(remaining, precision_rounding=line.product_uom.rounding or 0.01),
                    0.0,
                )
            line.adv_qty_backorder = qty
            value = 0.0
            # A line being edited in a form (a combo item, for one) may have no
            # currency yet: it has no backorder either.
            if qty and line.currency_id:
                value = line.currency_id.round(qty * line.price_reduce_taxexcl)
            line.adv_backorder_value = value

    @api.depends("move_ids.state", "move_ids.date", "adv_qty_backorder")
    def _compute_adv_expected_date(self):
        for line in self:
            dates = [
                move.date
                for move in line.move_ids
                if move.state not in ("done", "cancel")
                and move.location_dest_id.usage == "customer"
            ]
            line.adv_expected_date = min(dates) if dates and line.adv_qty_backorder else False

    @api.depends("adv_qty_cancelled")
    def _compute_qty_to_invoice(self):
        """A cancelled remainder is never invoiced, whatever the invoicing policy."""
        result = super()._compute_qty_to_invoice()
        for line in self:
            if line.adv_qty_cancelled and line.state == "sale" and not line.display_type:
                invoiceable = line.product_uom_qty - line.adv_qty_cancelled - line.qty_invoiced
                line.qty_to_invoice = min(line.qty_to_invoice, invoiceable)
        return result

    @api.depends("adv_qty_cancelled")
    def _compute_invoice_status(self):
        """A line invoiced for all but its cancelled remainder is invoiced."""
        result = super()._compute_invoice_status()
        for line in self:
            if (
                line.adv_qty_cancelled
                and line.invoice_status == "no"
                and line.state == "sale"
                and float_compare(
                    line.qty_invoiced,
                    line.product_uom_qty - line.adv_qty_cancelled,
                    precision_rounding=line.product_uom.rounding or 0.01,
                )
                >= 0
            ):
                line.invoice_status = "invoiced"
        return result

    @api.constrains("adv_qty_cancelled")
    def _check_adv_qty_cancelled(self):
        for line in self:
            rounding = line.product_uom.rounding or 0.01
            if float_compare(line.adv_qty_cancelled, 0.0, precision_rounding=rounding) < 0 or (
                float_compare(
                    line.adv_qty_cancelled, line.product_uom_qty, precision_rounding=rounding
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(product)s: the cancelled remainder %(qty)s must be between 0 and "
                        "the ordered quantity %(ordered)s.",
                        product=line.product_id.display_name,
                        qty=line.adv_qty_cancelled,
                        ordered=line.product_uom_qty,
                    )
                )

    def init(self):
        result = super().init()
        # The backorder book reads only the lines with a remainder: a partial
        # index keeps it fast with millions of delivered lines.
        tools.create_index(
            self.env.cr,
            "sale_order_line_adv_backorder_open_index",
            "sale_order_line",
            ["order_id"],
            where="adv_qty_backorder > 0",
        )
        return result

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        check_finite(self, vals_list)
        lines = super().create(vals_list)
        products = lines.filtered(lambda line: not line.display_type)
        for order in products.order_id._adv_ack_watched():
            order._adv_ack_reopen({"product"})
        return lines

    def write(self, vals):
        check_finite(self, [vals])
        if "product_uom_qty" in vals and "product_uom" not in vals:
            self._adv_shrink_cancelled(vals["product_uom_qty"])
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

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_qty_procurement(self, previous_product_uom_qty=False):
        """A cancelled remainder counts as procured: raising the ordered
        quantity later plans only the increase, never the cancelled part."""
        return super()._get_qty_procurement(previous_product_uom_qty) + self.adv_qty_cancelled

    def _adv_shrink_cancelled(self, new_qty):
        """Before the ordered quantity becomes ``new_qty``: a cancelled
        remainder never exceeds what the new quantity leaves undelivered (the
        customer ordered 3, got 2, 1 was cancelled; reduced to 2, nothing is
        cancelled any more). Else the procurement would count the remainder as
        planned and plan a negative delivery, and the invoicing would hold
        back delivered goods."""
        for line in self.filtered("adv_qty_cancelled"):
            rounding = line.product_uom.rounding or 0.01
            keep = max(min(line.adv_qty_cancelled, (new_qty or 0.0) - line.qty_delivered), 0.0)
            if float_compare(keep, line.adv_qty_cancelled, precision_rounding=rounding):
                line.adv_qty_cancelled = float_round(keep, precision_rounding=rounding)

    def _adv_qty_shipped_by(self, pickings):
        """Quantity of this line, in its unit, that ``pickings`` delivered."""
        self.ensure_one()
        return sum(
            move.product_uom._compute_quantity(move.quantity, self.product_uom)
            for move in self.move_ids
            if move.picking_id in pickings and move.state == "done"
        )

    def _adv_cancel_remainders(self):
        """Record as cancelled what is still owed on lines that have no open
        delivery any more (their remainder was cancelled at validation).
        Returns {line: cancelled quantity} for what changed."""
        cancelled = {}
        for line in self:
            if line.qty_delivered_method != "stock_move" or not line.adv_qty_backorder:
                continue
            if any(m.state not in ("done", "cancel") for m in line.move_ids):
                continue
            cancelled[line] = line.adv_qty_backorder
        for line, qty in cancelled.items():
            line.adv_qty_cancelled += qty
        return cancelled
