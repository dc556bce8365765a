# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import float_is_zero, formatLang

from .sale_order import delivery_tz, local_date


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    adv_promised_date = fields.Datetime(
        string="Promised Date",
        compute="_compute_adv_on_time",
        store=True,
        help="The delivery date promised to the customer: the order's promise, "
        "else the delivery's deadline.",
    )
    adv_on_time = fields.Boolean(
        string="Delivered On Time",
        compute="_compute_adv_on_time",
        store=True,
        index=True,
        help="Done no later than the promised day (customer deliveries only).",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("state", "date_done", "date_deadline", "sale_id.adv_promised_date")
    def _compute_adv_on_time(self):
        to_customer = self._adv_to_customer()
        for picking in self:
            is_customer = picking in to_customer
            promise = is_customer and (picking.sale_id.adv_promised_date or picking.date_deadline)
            picking.adv_promised_date = promise or False
            on_time = False
            if promise and picking.state == "done" and picking.date_done:
                tz = delivery_tz(picking.picking_type_id.warehouse_id, picking.company_id)
                on_time = local_date(picking.date_done, tz) <= local_date(promise, tz)
            picking.adv_on_time = on_time

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def button_validate(self):
        # Ship available, cancel the rest: validating never asks for a backorder.
        to_cancel = self._adv_cancel_rest_pickings()
        if to_cancel:
            ids = set(self.env.context.get("picking_ids_not_to_backorder") or []) | set(
                to_cancel.ids
            )
            self = self.with_context(picking_ids_not_to_backorder=sorted(ids))
        return super().button_validate()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _adv_to_customer(self):
        """The pickings that leave for the customer: outgoing to a customer
        location (the last step of a multi-step delivery), returns excluded."""
        return self.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.location_dest_id.usage == "customer"
        )

    def _adv_customer_deliveries(self):
        """The deliveries to the customer of a sale order."""
        return self._adv_to_customer().filtered("sale_id")

    def _adv_cancel_rest_pickings(self):
        # The warehouse validates deliveries of orders it may not read: only
        # the order's policy is read, as superuser.
        return self._adv_customer_deliveries().filtered(
            lambda p: p.sudo().sale_id.adv_backorder_policy == "cancel"
        )

    def _check_backorder(self):
        return super()._check_backorder() - self._adv_cancel_rest_pickings()

    def _action_done(self):
        result = super()._action_done()
        deliveries = self._adv_customer_deliveries()
        if self.env.context.get("cancel_backorder"):
            deliveries._adv_record_cancelled_remainders()
        deliveries._adv_send_partial_shipment_notice()
        # The warehouse may not read the order: the survey is server bookkeeping.
        deliveries.sudo().sale_id._adv_rating_after_delivery()
        return result

    def _adv_record_cancelled_remainders(self):
        """What a validation without backorder left undelivered is cancelled on
        the order lines: out of the backorder book, never invoiced; the order's
        chatter says what. Server bookkeeping of the validation: done as
        superuser, as the warehouse user may not write (nor read) the order."""
        lines = self.sudo().move_ids.sale_line_id
        cancelled = lines._adv_cancel_remainders()
        for order in lines.order_id:
            items = [(line, qty) for line, qty in cancelled.items() if line.order_id == order]
            if not items:
                continue
            order.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    self.env._(
                        "Remainder cancelled at the partial delivery; it will not be "
                        "delivered nor invoiced:"
                    ),
                    Markup().join(
                        Markup("<li>%s</li>")
                        % self.env._(
                            "%(product)s: %(qty)s %(uom)s",
                            product=line.product_id.display_name,
                            qty=formatLang(self.env, qty, dp="Product Unit of Measure"),
                            uom=line.product_uom.name,
                        )
                        for line, qty in items
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _adv_send_partial_shipment_notice(self):
        """E-mail the customers who want it what left and what remains. The
        e-mail tells about the order, which the warehouse user who validates
        may not read: rendered and posted as superuser (authored by the user)."""
        template = self.env.ref("adv_orders.mail_template_adv_partial_shipment")
        for picking in self.sudo():
            order = picking.sale_id
            if not (
                order.adv_has_backorder
                and order.partner_id.commercial_partner_id.adv_notify_partial_shipment
            ):
                continue
            picking.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _adv_order_progress(self):
        """For a customer delivery of a sale: per order line, what was ordered,
        what this delivery ships, what left before it and what is still to come,
        in the line's unit. Empty for other pickings."""
        self.ensure_one()
        if not self._adv_customer_deliveries():
            return []
        order = self.sale_id.sudo()
        earlier = order._adv_customer_shipments().filtered(
            lambda p: (
                p.state == "done"
                and p != self
                and (not self.date_done or (p.date_done, p.id) < (self.date_done, self.id))
            )
        )
        rows = []
        for line in order.order_line:
            if line.display_type or line.qty_delivered_method != "stock_move":
                continue
            now = (
                line._adv_qty_shipped_by(self)
                if self.state == "done"
                else sum(
                    m.product_uom._compute_quantity(m.quantity, line.product_uom)
                    for m in line.move_ids
                    if m.picking_id == self and m.state != "cancel"
                )
            )
            before = line._adv_qty_shipped_by(earlier)
            returned = sum(
                m.product_uom._compute_quantity(m.quantity, line.product_uom)
                for m in line.move_ids
                if m.state == "done"
                and m.location_id.usage == "customer"
                and m.to_refund
                and (not self.date_done or m.date <= self.date_done)
            )
            before -= returned
            remaining = max(line.product_uom_qty - line.adv_qty_cancelled - before - now, 0.0)
            if float_is_zero(now, precision_rounding=line.product_uom.rounding) and not (
                remaining or before
            ):
                continue
            rows.append(
                {
                    "line": line,
                    "ordered": line.product_uom_qty,
                    "now": now,
                    "before": before,
                    "remaining": remaining,
                    "cancelled": line.adv_qty_cancelled,
                }
            )
        return rows
