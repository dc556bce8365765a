# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from psycopg2.errors import LockNotAvailable

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, float_is_zero

from odoo.addons.adv_orders.protected import is_allowed, protected

from .adv_claim_dispute import HOLDABLE_PAYMENT_STATES
from .adv_claim_type import CORRECTIONS


class AdvClaim(models.Model):
    """Claims: corrections. Credit notes, returns, replacements, corrected
    invoices and commercial gestures, each linked both ways with its claim."""

    _inherit = "adv.claim"  # pylint: disable=consider-merging-classes-inherited

    # Corrections.
    correction_move_ids = fields.One2many(
        "account.move", "adv_claim_id", string="Accounting Corrections"
    )
    correction_picking_ids = fields.One2many(
        "stock.picking", "adv_claim_id", string="Stock Corrections"
    )
    replacement_order_ids = fields.One2many(
        "sale.order", "adv_claim_id", string="Replacement Orders"
    )
    credit_note_count = fields.Integer(compute="_compute_correction_counts")
    credit_note_to_send = fields.Boolean(
        compute="_compute_correction_counts",
        help="A posted credit note of the claim has not been sent to the customer yet.",
    )
    corrected_invoice_count = fields.Integer(compute="_compute_correction_counts")
    return_count = fields.Integer(compute="_compute_correction_counts")
    replacement_count = fields.Integer(compute="_compute_correction_counts")
    credit_note_to_approve = fields.Boolean(compute="_compute_correction_counts")
    can_create_credit_note = fields.Boolean(compute="_compute_can_correct")
    can_create_return = fields.Boolean(compute="_compute_can_correct")
    can_create_replacement = fields.Boolean(compute="_compute_can_correct")

    @api.depends(
        "correction_move_ids.state",
        "correction_move_ids.is_move_sent",
        "correction_move_ids.adv_claim_approval_state",
        "correction_picking_ids.state",
        "replacement_order_ids",
    )
    def _compute_correction_counts(self):
        for claim in self:
            moves = claim.correction_move_ids.filtered(lambda m: m.state != "cancel")
            refunds = moves.filtered(lambda m: m.move_type == "out_refund")
            claim.credit_note_count = len(refunds)
            claim.credit_note_to_send = any(
                m.state == "posted" and not m.is_move_sent for m in refunds
            )
            claim.corrected_invoice_count = len(moves - refunds)
            claim.credit_note_to_approve = any(
                m.adv_claim_approval_state == "to_approve" and m.state == "draft" for m in refunds
            )
            pickings = claim.correction_picking_ids
            claim.return_count = len(
                pickings.filtered(lambda p: p.adv_claim_correction == "return")
            )
            claim.replacement_count = len(
                pickings.filtered(lambda p: p.adv_claim_correction == "replacement")
            ) + len(claim.replacement_order_ids)

    @api.depends(
        "is_done",
        "line_ids.qty_to_credit",
        "line_ids.qty_to_return",
        "line_ids.qty_to_replace",
        "invoice_ids",
    )
    def _compute_can_correct(self):
        for claim in self:
            open_claim = not claim.is_done
            claim.can_create_credit_note = bool(
                open_claim and claim.invoice_ids and any(claim.line_ids.mapped("qty_to_credit"))
            )
            claim.can_create_return = bool(
                open_claim
                and claim._returnable_pickings()
                and any(claim.line_ids.mapped("qty_to_return"))
            )
            claim.can_create_replacement = bool(
                open_claim and any(claim.line_ids.mapped("qty_to_replace"))
            )

    def action_view_credit_notes(self):
        self.ensure_one()
        moves = self.correction_move_ids.filtered(lambda m: m.move_type == "out_refund")
        return self._action_view_records(moves, self.env._("Credit Notes"))

    def action_send_credit_notes(self):
        """Odoo's Send & Print for the posted credit notes not sent yet."""
        self.ensure_one()
        moves = self.correction_move_ids.filtered(
            lambda m: m.move_type == "out_refund" and m.state == "posted" and not m.is_move_sent
        )
        if not moves:
            raise UserError(self.env._("Every posted credit note of this claim has been sent."))
        return moves.action_send_and_print()

    def _sent_credit_notes(self):
        """The credit notes the customer has received (for the resolution e-mail)."""
        self.ensure_one()
        return self.correction_move_ids.filtered(
            lambda m: m.move_type == "out_refund" and m.state == "posted" and m.is_move_sent
        )

    def action_view_corrected_invoices(self):
        self.ensure_one()
        moves = self.correction_move_ids.filtered(lambda m: m.move_type == "out_invoice")
        return self._action_view_records(moves, self.env._("Corrected Invoices"))

    def action_view_returns(self):
        self.ensure_one()
        pickings = self.correction_picking_ids.filtered(
            lambda p: p.adv_claim_correction == "return"
        )
        return self._action_view_records(pickings, self.env._("Returns"))

    def action_view_replacements(self):
        self.ensure_one()
        pickings = self.correction_picking_ids.filtered(
            lambda p: p.adv_claim_correction == "replacement"
        )
        if self.replacement_order_ids and not pickings:
            return self._action_view_records(
                self.replacement_order_ids, self.env._("Replacement Orders")
            )
        return self._action_view_records(pickings, self.env._("Replacements"))

    def _action_view_records(self, records, name):
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": records._name,
            "context": {"create": False},
        }
        if len(records) == 1:
            action.update(view_mode="form", res_id=records.id)
        else:
            action.update(view_mode="list,form", domain=[("id", "in", records.ids)])
        return action

    # ------------------------------------------------------------------
    # Corrections by type: one _adv_correct_<type> per entry of CORRECTIONS
    # ------------------------------------------------------------------
    def _adv_correct(self, correction, **params):
        """Make the correction ``correction`` (a code of CORRECTIONS) with
        its method ``_adv_correct_<correction>(**params)``; return what it
        created. A new correction is one selection entry, one such method and
        one button calling ``action_adv_correct`` with its code."""
        self.ensure_one()
        method = getattr(self, f"_adv_correct_{correction}", None)
        if correction not in dict(CORRECTIONS) or method is None:
            raise UserError(
                self.env._("%(correction)s is not a correction of claims.", correction=correction)
            )
        return method(**params)

    def action_adv_correct(self):
        """The button of a correction: its code comes with the button
        (context ``adv_correction``); the correction's own checks apply."""
        self.ensure_one()
        correction = self.env.context.get("adv_correction")
        records = self._adv_correct(correction)
        labels = dict(self._fields["suggested_correction"]._description_selection(self.env))
        return self._action_view_records(records, labels.get(correction, correction))

    def _adv_correct_credit_note(self):
        """Credit the claimed quantities not credited yet."""
        return self._action_create_credit_note()

    def _adv_correct_return(self):
        """Take back the claimed quantities not returned yet."""
        return self._action_create_return()

    def _adv_correct_replacement(self):
        """Send the claimed quantities not replaced yet again, free of charge."""
        return self._action_create_replacement()

    def _adv_correct_reinvoice(self, invoice=None, reason=None):
        """Cancel an invoice with a full credit note and open its corrected copy."""
        return self._create_corrected_invoice(invoice or self.invoice_ids[:1], reason)

    def _adv_correct_gesture(self, amount=0.0, reason=None):
        """A commercial gesture: a credit note on the gesture product."""
        refund = self._create_gesture(amount, reason)
        self._approve_or_post_credit_notes(refund)
        return refund

    def _adv_correct_none(self):
        """No correction: nothing to create."""
        return self.env["account.move"]

    def action_create_credit_note(self):
        """Credit the claimed quantities not credited yet, from the claim's
        invoices: one credit note per invoice, built by Odoo's reversal."""
        self.ensure_one()
        refunds = self._adv_correct("credit_note")
        return self._action_view_records(refunds, self.env._("Credit Notes"))

    def action_create_return(self):
        """Return the claimed quantities not returned yet from the claim's deliveries."""
        self.ensure_one()
        returns = self._adv_correct("return")
        return self._action_view_records(returns, self.env._("Returns"))

    def action_create_replacement(self):
        """Send the claimed quantities not replaced yet again, free of charge."""
        self.ensure_one()
        replacement = self._adv_correct("replacement")
        return self._action_view_records(replacement, self.env._("Replacements"))

    def action_approve_credit_notes(self):
        """Post the credit notes waiting for a manager's approval."""
        if not self.env.user.has_group("adv_orders.group_adv_manager"):
            raise UserError(self.env._("Only an ADV manager can approve credit notes."))
        refunds = self.correction_move_ids.filtered(
            lambda m: m.adv_claim_approval_state == "to_approve" and m.state == "draft"
        )
        if not refunds:
            raise UserError(self.env._("No credit note waits for approval."))
        # Approved as they are now: a credit note raised while it waited is
        # checked against its invoice again before anything is written.
        for refund in refunds.filtered("reversed_entry_id"):
            refund.adv_claim_id._check_creditable(refund.reversed_entry_id, refund)
        protected(refunds).adv_claim_approval_state = "approved"
        self._post_credit_notes(refunds)
        self.activity_feedback(["adv_claims.mail_activity_type_claim_approval"])

    def action_open_credit_note_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "adv_claims.adv_claim_credit_note_action"
        )
        action["context"] = {"default_claim_id": self.id}
        return action

    def _lock_for_correction(self):
        """Serialise corrections of a claim: a second click running at the same
        time waits for nothing and fails cleanly instead of correcting twice."""
        try:
            self.env.cr.execute(
                SQL("SELECT id FROM adv_claim WHERE id IN %s FOR UPDATE NOWAIT", tuple(self.ids))
            )
        except LockNotAvailable as exc:
            raise UserError(
                self.env._("This claim is being corrected right now; reload it in a moment.")
            ) from exc
        # What another transaction committed before the lock was taken.
        self.invalidate_recordset()
        self.line_ids.invalidate_recordset()

    def _ensure_can_create_credit_note(self):
        self._ensure_open()
        if not self.invoice_ids:
            raise UserError(self.env._("Add the invoice the claim is about first."))
        if not any(self.line_ids.mapped("qty_to_credit")):
            raise UserError(
                self.env._(
                    "Every claimed quantity is already credited on claim %(claim)s.",
                    claim=self.name,
                )
            )

    def _action_create_credit_note(self):
        self.ensure_one()
        self._lock_for_correction()
        self._ensure_can_create_credit_note()
        to_credit = {line: line.qty_to_credit for line in self.line_ids if line.qty_to_credit}
        credited = self._credited_quantities(self.invoice_ids)
        refunds = self.env["account.move"]
        for invoice in self.invoice_ids.sorted("id"):
            plan = {}
            for claim_line, remaining in to_credit.items():
                if float_is_zero(remaining, precision_rounding=claim_line.uom_id.rounding):
                    continue
                for inv_line in invoice.invoice_line_ids.filtered(
                    lambda il, cl=claim_line: (
                        il.display_type == "product" and il.product_id == cl.product_id
                    )
                ):
                    invoiced = inv_line.product_uom_id._compute_quantity(
                        inv_line.quantity, claim_line.uom_id
                    )
                    available = invoiced - credited[(invoice.id, claim_line.product_id.id)]
                    qty = min(remaining, available)
                    if qty <= 0:
                        continue
                    plan[inv_line] = plan.get(inv_line, 0.0) + claim_line.uom_id._compute_quantity(
                        qty, inv_line.product_uom_id
                    )
                    credited[(invoice.id, claim_line.product_id.id)] += qty
                    remaining -= qty
                to_credit[claim_line] = remaining
            if plan:
                refunds |= self._create_refund_from_invoice(invoice, plan)
        if not refunds:
            raise UserError(
                self.env._(
                    "The claimed products are not on the claim's invoices, or are already "
                    "fully credited."
                )
            )
        self._approve_or_post_credit_notes(refunds)
        return refunds

    def _credited_quantities(self, invoices):
        """{(invoice id, product id): quantity credited} over the non-cancelled
        credit notes reversing ``invoices``, in the product's unit."""
        credited = defaultdict(float)
        refund_lines = self.env["account.move.line"].search_fetch(
            [
                ("move_id.reversed_entry_id", "in", invoices.ids),
                ("move_id.state", "!=", "cancel"),
                ("display_type", "=", "product"),
                ("product_id", "!=", False),
            ],
            ["move_id", "product_id", "quantity", "product_uom_id"],
        )
        for line in refund_lines:
            qty = line.product_uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
            credited[(line.move_id.reversed_entry_id.id, line.product_id.id)] += qty
        return credited

    def _adv_correction_date(self):
        """The date of the corrections made now: today, or the day server
        code dates them back to (history loaded from another system, the
        demo) with the context key ``adv_correction_date`` in a protected
        environment, which no client can send (adv_orders/protected.py)."""
        day = self.env.context.get("adv_correction_date")
        if day and is_allowed(self.env):
            return fields.Date.to_date(day)
        return fields.Date.context_today(self)

    def _prepare_reversal_vals(self, invoice, reason=None):
        return {
            "move_ids": [Command.set(invoice.ids)],
            "journal_id": invoice.journal_id.id,
            "reason": reason or self.env._("Claim %(claim)s", claim=self.name),
            "date": self._adv_correction_date(),
        }

    def _reverse_invoice(self, invoice, reason=None, is_modify=False):
        """Odoo's own reversal of ``invoice``: a full draft credit note (or,
        with ``is_modify``, a posted full credit note and a new draft invoice)."""
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(self._prepare_reversal_vals(invoice, reason))
        )
        reversal.reverse_moves(is_modify=is_modify)
        return reversal.new_move_ids

    def _create_refund_from_invoice(self, invoice, plan, reason=None):
        """A draft credit note of ``invoice`` for ``plan`` ({invoice line: quantity})."""
        self._ensure_claim_invoice(invoice)
        refund = self._reverse_invoice(invoice, reason)
        origin_lines = invoice.invoice_line_ids.sorted(lambda line: (line.sequence, line.id))
        refund_lines = refund.invoice_line_ids.sorted(lambda line: (line.sequence, line.id))
        commands = []
        for origin, line in zip(origin_lines, refund_lines, strict=True):
            if origin in plan:
                commands.append(Command.update(line.id, {"quantity": plan[origin]}))
            elif line.display_type == "product":
                commands.append(Command.delete(line.id))
        protected(refund).write({"invoice_line_ids": commands, "adv_claim_id": self.id})
        self._check_creditable(invoice, refund)
        return refund

    def _create_refund_amount(self, invoice, amount, reason=None):
        """A draft credit note of ``invoice`` for an untaxed ``amount``, on the
        account and taxes of the invoice's first product line."""
        self._ensure_claim_invoice(invoice)
        if float_compare(amount, 0.0, precision_rounding=invoice.currency_id.rounding) <= 0:
            raise UserError(self.env._("The amount to credit must be positive."))
        refund = self._reverse_invoice(invoice, reason)
        product_lines = refund.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        model_line = product_lines[:1]
        commands = [Command.delete(line.id) for line in product_lines]
        commands.append(
            Command.create(
                {
                    "name": reason or self.env._("Claim %(claim)s", claim=self.name),
                    "quantity": 1.0,
                    "price_unit": amount,
                    "account_id": model_line.account_id.id,
                    "tax_ids": [Command.set(model_line.tax_ids.ids)],
                }
            )
        )
        protected(refund).write({"invoice_line_ids": commands, "adv_claim_id": self.id})
        self._check_creditable(invoice, refund)
        return refund

    def _ensure_claim_invoice(self, invoice):
        """Corrections credit the claim's own invoices only, whoever calls."""
        self.ensure_one()
        if invoice not in self.invoice_ids or (
            invoice.commercial_partner_id != self.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "%(invoice)s is not an invoice of claim %(claim)s: add it to the claim first.",
                    invoice=invoice.display_name,
                    claim=self.name,
                )
            )

    def _check_creditable(self, invoice, refund):
        """Never credit more than invoiced minus the earlier credit notes: a
        posted invoice only, in its own currency (a credit note switched to
        another currency while it waits would credit another amount)."""
        if invoice.state != "posted":
            raise UserError(
                self.env._(
                    "%(invoice)s is no longer posted: credit note %(move)s cannot credit it.",
                    invoice=invoice.display_name,
                    move=refund.display_name,
                )
            )
        if refund.currency_id != invoice.currency_id:
            raise UserError(
                self.env._(
                    "Credit note %(move)s is in %(currency)s, its invoice %(invoice)s in "
                    "%(invoice_currency)s: a claim credit note is in the currency of the "
                    "invoice it credits.",
                    move=refund.display_name,
                    currency=refund.currency_id.name,
                    invoice=invoice.name,
                    invoice_currency=invoice.currency_id.name,
                )
            )
        others = invoice.reversal_move_ids.filtered(
            lambda move: move.state != "cancel" and move != refund
        )
        remaining = invoice.amount_total - sum(others.mapped("amount_total"))
        if (
            float_compare(
                refund.amount_total, remaining, precision_rounding=invoice.currency_id.rounding
            )
            > 0
        ):
            raise UserError(
                self.env._(
                    "A credit note of %(amount)s on %(invoice)s exceeds what remains creditable "
                    "(%(remaining)s, after the earlier credit notes).",
                    amount=refund.currency_id.format(refund.amount_total),
                    invoice=invoice.name,
                    remaining=invoice.currency_id.format(max(remaining, 0.0)),
                )
            )

    def _create_gesture(self, amount, reason=None):
        """A credit note on the company's commercial gesture product."""
        self.ensure_one()
        product = self.company_id.adv_claim_gesture_product_id
        if not product:
            raise UserError(
                self.env._(
                    "Set the commercial gesture product in Settings > ADV before granting "
                    "a gesture."
                )
            )
        if float_compare(amount, 0.0, precision_rounding=self.currency_id.rounding) <= 0:
            raise UserError(self.env._("The amount to credit must be positive."))
        gesture = protected(self.env["account.move"]).create(
            {
                "move_type": "out_refund",
                "invoice_date": self._adv_correction_date(),
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "invoice_origin": self.name,
                "ref": reason or self.env._("Commercial gesture, claim %(claim)s", claim=self.name),
                "adv_claim_id": self.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": reason
                            or self.env._("Commercial gesture, claim %(claim)s", claim=self.name),
                            "quantity": 1.0,
                            "price_unit": amount,
                        }
                    )
                ],
            }
        )
        return gesture.with_env(self.env)

    def _create_corrected_invoice(self, invoice, reason=None):
        """Cancel ``invoice`` with a full credit note and open its corrected
        copy in draft (Odoo's 'reverse and create invoice')."""
        self.ensure_one()
        self._ensure_claim_invoice(invoice)
        if invoice.reversal_move_ids.filtered(lambda move: move.state != "cancel"):
            raise UserError(
                self.env._(
                    "%(invoice)s already has credit notes: it cannot be fully credited and "
                    "invoiced again.",
                    invoice=invoice.name,
                )
            )
        if invoice.payment_state not in ("not_paid",):
            raise UserError(
                self.env._(
                    "%(invoice)s is already (partly) paid: credit it partially instead.",
                    invoice=invoice.name,
                )
            )
        new_invoice = self._reverse_invoice(invoice, reason, is_modify=True)
        refund = invoice.reversal_move_ids.filtered(lambda move: move.state != "cancel")
        protected(refund | new_invoice).write({"adv_claim_id": self.id})
        if invoice.adv_hold_reason == "dispute":
            protected(invoice).adv_hold_reason = False
        return new_invoice

    def _approve_or_post_credit_notes(self, refunds):
        """Post the credit notes, except those above the company's threshold:
        they wait in draft for a manager's approval."""
        to_approve = refunds.filtered(lambda move: move._adv_claim_needs_approval())
        if to_approve:
            protected(to_approve).adv_claim_approval_state = "to_approve"
            self._schedule_manager_activity(
                "adv_claims.mail_activity_type_claim_approval",
                self.env._("Approve the credit notes of claim %(claim)s", claim=self.name),
            )
        self._post_credit_notes(refunds - to_approve)

    def _post_credit_notes(self, refunds):
        """Post ``refunds`` and settle them against their invoice when it is still open."""
        if not refunds:
            return
        refunds.action_post()
        for refund in refunds.filtered("reversed_entry_id"):
            invoice = refund.reversed_entry_id
            if invoice.payment_state not in HOLDABLE_PAYMENT_STATES:
                continue
            lines = (invoice.line_ids | refund.line_ids).filtered(
                lambda line: (
                    line.account_id.account_type == "asset_receivable" and not line.reconciled
                )
            )
            lines.reconcile()

    def _returnable_pickings(self):
        """The done deliveries of the claim (or of its order) to return from."""
        self.ensure_one()
        pickings = self.picking_ids or self.sale_order_id.picking_ids
        return pickings.filtered(lambda p: p.state == "done" and p.picking_type_code == "outgoing")

    def _action_create_return(self):
        self.ensure_one()
        self._lock_for_correction()
        self._ensure_open()
        to_return = {
            line.product_id: line.qty_to_return for line in self.line_ids if line.qty_to_return > 0
        }
        pickings = self._returnable_pickings()
        if not to_return or not pickings:
            raise UserError(
                self.env._("Nothing left to return: no done delivery or no quantity to return.")
            )
        returns = self.env["stock.picking"]
        for picking in pickings.sorted("id"):
            wizard = (
                self.env["stock.return.picking"]
                .with_context(
                    active_id=picking.id, active_ids=picking.ids, active_model="stock.picking"
                )
                .create({"picking_id": picking.id})
            )
            any_qty = False
            for return_line in wizard.product_return_moves:
                move = return_line.move_id
                remaining = to_return.get(return_line.product_id, 0.0)
                if remaining <= 0 or not move:
                    continue
                returned = sum(
                    move.returned_move_ids.filtered(lambda m: m.state != "cancel").mapped(
                        "product_uom_qty"
                    )
                )
                qty = min(remaining, move.product_qty - returned)
                if qty <= 0:
                    continue
                return_line.quantity = qty
                to_return[return_line.product_id] = remaining - qty
                any_qty = True
            if not any_qty:
                continue
            new_picking = wizard._create_return()
            protected(new_picking).write(self._prepare_return_vals(new_picking))
            returns |= new_picking
        if not returns:
            raise UserError(self.env._("The claimed quantities were already returned."))
        return returns

    def _claim_reasons(self):
        reasons = [
            f"{line.product_id.display_name}: {line.reason}"
            for line in self.line_ids
            if line.reason
        ]
        return "; ".join(reasons)

    def _prepare_return_vals(self, picking):
        reason = self._claim_reasons()
        origin = self.env._(
            "Return of claim %(claim)s%(reason)s",
            claim=self.name,
            reason=f" ({reason})" if reason else "",
        )
        return {
            "adv_claim_id": self.id,
            "adv_claim_correction": "return",
            "origin": origin[:200],
        }

    def _action_create_replacement(self):
        self.ensure_one()
        self._lock_for_correction()
        self._ensure_open()
        lines = self.line_ids.filtered(lambda line: line.qty_to_replace > 0)
        if not lines:
            raise UserError(self.env._("Every claimed quantity is already replaced."))
        if self.company_id.adv_claim_replacement_mode == "order":
            order = (
                protected(self.env["sale.order"])
                .create(self._prepare_replacement_order_vals(lines))
                .with_env(self.env)
            )
            order.action_confirm()
            return order
        picking = (
            protected(self.env["stock.picking"])
            .create(self._prepare_replacement_picking_vals(lines))
            .with_env(self.env)
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def _replacement_picking_type(self):
        picking_type = self._returnable_pickings()[:1].picking_type_id
        if not picking_type and self.sale_order_id:
            picking_type = self.sale_order_id.warehouse_id.out_type_id
        if not picking_type:
            picking_type = (
                self.env["stock.warehouse"]
                .search([("company_id", "=", self.company_id.id)], limit=1)
                .out_type_id
            )
        if not picking_type:
            raise UserError(self.env._("No warehouse to send the replacement from."))
        return picking_type

    def _prepare_replacement_picking_vals(self, lines):
        picking_type = self._replacement_picking_type()
        partner = self.sale_order_id.partner_shipping_id or self.partner_id
        location = picking_type.default_location_src_id
        location_dest = self.env.ref("stock.stock_location_customers")
        return {
            "picking_type_id": picking_type.id,
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "origin": self.env._("Replacement, claim %(claim)s", claim=self.name),
            "location_id": location.id,
            "location_dest_id": location_dest.id,
            "adv_claim_id": self.id,
            "adv_claim_correction": "replacement",
            "move_ids": [
                Command.create(
                    {
                        "name": line.product_id.display_name,
                        "product_id": line.product_id.id,
                        "product_uom_qty": line.qty_to_replace,
                        "product_uom": line.uom_id.id,
                        "location_id": location.id,
                        "location_dest_id": location_dest.id,
                        "company_id": self.company_id.id,
                    }
                )
                for line in lines
            ],
        }

    def _prepare_replacement_order_vals(self, lines):
        order = self.sale_order_id
        return {
            "partner_id": self.partner_id.id,
            "partner_shipping_id": (order.partner_shipping_id or self.partner_id).id,
            "company_id": self.company_id.id,
            "warehouse_id": order.warehouse_id.id or False,
            "origin": self.name,
            "client_order_ref": order.client_order_ref or self.name,
            "adv_claim_id": self.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "product_uom_qty": line.qty_to_replace,
                        "product_uom": line.uom_id.id,
                        "price_unit": 0.0,
                    }
                )
                for line in lines
            ],
        }
