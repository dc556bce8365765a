# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.adv_orders.protected import check_vals, is_allowed

from .adv_claim_type import CORRECTIONS
from .guard import check_write, stored_computed_fields

# Context value with which adv.claim creates its lines and flags recurrence
# once for all of them: a Python object, so that no client can send it.
SKIP_RECURRENCE = object()
# Context value with which adv.claim writes its lines after checking, as they
# were before its own write, that the claim was open.
CLAIM_CHECKED = object()


class AdvClaimLine(models.Model):
    """One claimed product: how many, at which price, why, and how far the
    corrections went (credited, returned, replaced)."""

    _name = "adv.claim.line"
    _inherit = ["adv.finite.mixin"]
    _description = "Claimed Line"
    _order = "claim_id, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    claim_id = fields.Many2one("adv.claim", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        related="claim_id.commercial_partner_id", store=True, string="Customer"
    )
    date_received = fields.Datetime(related="claim_id.date_received", store=True, index=True)
    cause_id = fields.Many2one(related="claim_id.cause_id", store=True, index=True)
    department = fields.Selection(related="claim_id.department", store=True)
    stage_id = fields.Many2one(related="claim_id.stage_id")
    product_id = fields.Many2one("product.product", required=True, index=True, check_company=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    quantity = fields.Float(
        string="Claimed Quantity", digits="Product Unit of Measure", required=True, default=1.0
    )
    qty_max = fields.Float(
        string="Delivered or Invoiced",
        compute="_compute_qty_max",
        digits="Product Unit of Measure",
        help="The most that can be claimed: the largest of the quantities delivered "
        "(claim's deliveries, or its order) and invoiced (claim's invoices, or its order).",
    )
    currency_id = fields.Many2one(related="claim_id.currency_id")
    price_unit = fields.Float(
        string="Unit Price",
        digits="Product Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        help="Net unit price from the claim's invoice, or else its sales order.",
    )
    price_subtotal = fields.Monetary(
        compute="_compute_price_subtotal", store=True, string="Claimed Amount", aggregator="sum"
    )
    reason = fields.Char(help="What is wrong with this product, in the customer's words.")
    expected_correction = fields.Selection(
        CORRECTIONS,
        compute="_compute_expected_correction",
        store=True,
        readonly=False,
    )
    is_recurring = fields.Boolean(string="Recurring", readonly=True, index=True, copy=False)
    qty_credited = fields.Float(compute="_compute_corrected_qty", digits="Product Unit of Measure")
    qty_returned = fields.Float(compute="_compute_corrected_qty", digits="Product Unit of Measure")
    qty_replaced = fields.Float(compute="_compute_corrected_qty", digits="Product Unit of Measure")
    qty_to_credit = fields.Float(compute="_compute_corrected_qty", digits="Product Unit of Measure")
    qty_to_return = fields.Float(compute="_compute_corrected_qty", digits="Product Unit of Measure")
    qty_to_replace = fields.Float(
        compute="_compute_corrected_qty", digits="Product Unit of Measure"
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends(
        "product_id",
        "claim_id.invoice_ids",
        "claim_id.picking_ids",
        "claim_id.sale_order_id",
    )
    def _compute_qty_max(self):
        for line in self:
            line.qty_max = max(line._document_quantities().values() or [0.0])

    def _document_quantities(self):
        """{source: quantity of the product} for the claim's documents."""
        self.ensure_one()
        claim, product = self.claim_id, self.product_id
        uom = product.uom_id
        quantities = {}
        if not product:
            return quantities
        if claim.invoice_ids:
            invoice_lines = claim.invoice_ids.invoice_line_ids.filtered(
                lambda il: il.product_id == product and il.display_type == "product"
            )
            quantities["invoiced"] = sum(
                il.product_uom_id._compute_quantity(il.quantity, uom) for il in invoice_lines
            )
        if claim.picking_ids:
            moves = claim.picking_ids.move_ids.filtered(
                lambda m: m.product_id == product and m.state == "done"
            )
            quantities["delivered"] = sum(moves.mapped("product_qty"))
        if claim.sale_order_id and not (claim.invoice_ids or claim.picking_ids):
            order_lines = claim.sale_order_id.order_line.filtered(
                lambda sol: sol.product_id == product
            )
            quantities["delivered"] = sum(
                sol.product_uom._compute_quantity(sol.qty_delivered, uom) for sol in order_lines
            )
            quantities["invoiced"] = sum(
                sol.product_uom._compute_quantity(sol.qty_invoiced, uom) for sol in order_lines
            )
        return quantities

    @api.depends("product_id", "claim_id.invoice_ids", "claim_id.sale_order_id")
    def _compute_price_unit(self):
        for line in self:
            product = line.product_id
            invoice_line = line.claim_id.invoice_ids.invoice_line_ids.filtered(
                lambda il, p=product: il.product_id == p and il.display_type == "product"
            )[:1]
            if invoice_line:
                price = (
                    invoice_line.price_subtotal / invoice_line.quantity
                    if invoice_line.quantity
                    else 0.0
                )
                line.price_unit = invoice_line.product_uom_id._compute_price(price, product.uom_id)
                continue
            order_line = line.claim_id.sale_order_id.order_line.filtered(
                lambda sol, p=product: sol.product_id == p
            )[:1]
            if order_line:
                line.price_unit = order_line.product_uom._compute_price(
                    order_line.price_reduce_taxexcl, product.uom_id
                )
            elif not line.price_unit:
                line.price_unit = product.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit

    @api.depends("claim_id.type_id")
    def _compute_expected_correction(self):
        for line in self:
            if not line.expected_correction:
                line.expected_correction = (
                    line.claim_id.type_id.suggested_correction or "credit_note"
                )

    @api.depends(
        "quantity",
        "product_id",
        "claim_id.correction_move_ids.state",
        "claim_id.correction_picking_ids.state",
        "claim_id.replacement_order_ids.state",
    )
    def _compute_corrected_qty(self):
        credited = defaultdict(float)
        returned = defaultdict(float)
        replaced = defaultdict(float)
        claims = self.claim_id
        refund_lines = claims.correction_move_ids.filtered(
            lambda m: m.move_type == "out_refund" and m.state != "cancel"
        ).invoice_line_ids.filtered(lambda il: il.display_type == "product" and il.product_id)
        for il in refund_lines:
            key = (il.move_id.adv_claim_id.id, il.product_id.id)
            credited[key] += il.product_uom_id._compute_quantity(il.quantity, il.product_id.uom_id)
        for move in claims.correction_picking_ids.move_ids.filtered(lambda m: m.state != "cancel"):
            picking = move.picking_id
            key = (picking.adv_claim_id.id, move.product_id.id)
            if picking.adv_claim_correction == "return":
                returned[key] += move.product_qty
            else:
                replaced[key] += move.product_qty
        for sol in claims.replacement_order_ids.filtered(lambda o: o.state != "cancel").order_line:
            key = (sol.order_id.adv_claim_id.id, sol.product_id.id)
            replaced[key] += sol.product_uom._compute_quantity(
                sol.product_uom_qty, sol.product_id.uom_id
            )
        # Several lines of one claim may claim the same product: serve them in order.
        for line in self.sorted(lambda line: (line.claim_id.id, line.sequence, line.id)):
            key = (line.claim_id.id, line.product_id.id)
            for pool, done_field, todo_field in (
                (credited, "qty_credited", "qty_to_credit"),
                (returned, "qty_returned", "qty_to_return"),
                (replaced, "qty_replaced", "qty_to_replace"),
            ):
                done = min(pool[key], line.quantity)
                pool[key] -= done
                line[done_field] = done
                line[todo_field] = max(line.quantity - done, 0.0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("quantity", "product_id", "claim_id")
    def _check_quantity(self):
        totals = defaultdict(float)
        for line in self.claim_id.line_ids:
            totals[(line.claim_id, line.product_id)] += line.quantity
        for line in self:
            rounding = line.uom_id.rounding or 0.01
            if float_compare(line.quantity, 0.0, precision_rounding=rounding) <= 0:
                raise ValidationError(
                    self.env._(
                        "The claimed quantity of %(product)s must be positive.",
                        product=line.product_id.display_name,
                    )
                )
            claimed = totals[(line.claim_id, line.product_id)]
            if float_compare(claimed, line.qty_max, precision_rounding=rounding) > 0:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: %(qty)s %(uom)s of %(product)s claimed, but only "
                        "%(max)s were delivered or invoiced on the claim's documents.",
                        claim=line.claim_id.name,
                        qty=claimed,
                        uom=line.uom_id.name,
                        product=line.product_id.display_name,
                        max=line.qty_max,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _adv_protected_fields(self):
        """The recurrence flag is set by the claim's recurrence check; the
        fields copied from the claim (company, customer, date, cause) and the
        claimed amount follow their sources only."""
        return {"is_recurring"} | stored_computed_fields(self)

    def _check_claim_open(self, claims):
        """An ended claim's lines are read-only, as in its form: reopen it first."""
        if is_allowed(self.env) or self.env.context.get("adv_claim_checked") is CLAIM_CHECKED:
            return
        ended = claims.filtered("is_done")
        if ended:
            raise UserError(
                self.env._(
                    "Claim %(claim)s is ended (%(stage)s): move it back to an open stage "
                    "to change its claimed lines.",
                    claim=ended[0].name,
                    stage=ended[0].stage_id.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        in_claim_create = self.env.context.get("adv_claim_skip_recurrence") is SKIP_RECURRENCE
        if not in_claim_create:
            self._check_claim_open(
                self.env["adv.claim"].browse(
                    {vals["claim_id"] for vals in vals_list if vals.get("claim_id")}
                )
            )
        lines = super().create(vals_list)
        if not in_claim_create:
            lines.claim_id._update_recurrence()
        return lines

    def write(self, vals):
        check_write(self, vals)
        self._check_claim_open(self.claim_id)
        if vals.get("claim_id"):
            self._check_claim_open(self.env["adv.claim"].browse(vals["claim_id"]))
        res = super().write(vals)
        if "product_id" in vals:
            self.claim_id._update_recurrence()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ended_claim(self):
        self._check_claim_open(self.claim_id)
