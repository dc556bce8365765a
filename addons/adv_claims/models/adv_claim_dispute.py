# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount

from odoo.addons.adv_orders.protected import protected

# Invoices a dispute may hold: posted customer invoices not fully paid yet.
HOLDABLE_PAYMENT_STATES = ("not_paid", "partial", "in_payment")


class AdvClaim(models.Model):
    """Claims: the dispute hold. While a claim is open, its unpaid invoices are
    held out of dunning for the amount it disputes (or whole)."""

    _inherit = "adv.claim"  # pylint: disable=consider-merging-classes-inherited

    # Dispute.
    dispute_hold = fields.Boolean(
        string="Invoices in Dispute",
        tracking=True,
        copy=False,
        help="While the claim is open, its unpaid invoices are held in dispute: "
        "they are not chased by dunning.",
    )
    dispute_amount = fields.Monetary(
        string="Disputed Amount",
        compute="_compute_dispute_amount",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
        help="What the customer disputes on its invoice, taxes included: only this part is "
        "held out of dunning, the rest is still chased. Proposed from the claimed lines at "
        "the invoice's tax ratio.",
    )
    dispute_whole_invoice = fields.Boolean(
        string="Hold the Whole Invoice",
        copy=False,
        tracking=True,
        help="Hold the whole invoice out of dunning, not only the disputed amount. A claim "
        "about several invoices holds them whole.",
    )
    held_invoice_count = fields.Integer(compute="_compute_held_invoice_count")

    @api.depends("amount_claimed", "invoice_ids")
    def _compute_dispute_amount(self):
        for claim in self:
            invoice = claim.invoice_ids
            if len(invoice) != 1:
                claim.dispute_amount = claim.amount_claimed
                continue
            ratio = invoice.amount_total / invoice.amount_untaxed if invoice.amount_untaxed else 1.0
            owed = abs(invoice.amount_residual_signed)
            claim.dispute_amount = min(claim.currency_id.round(claim.amount_claimed * ratio), owed)

    @api.constrains("dispute_amount", "dispute_hold", "invoice_ids")
    def _check_dispute_amount(self):
        for claim in self:
            amount = claim.dispute_amount
            if not math.isfinite(amount) or amount < 0:
                raise ValidationError(self.env._("The disputed amount cannot be negative."))
            invoice = claim.invoice_ids
            if not claim.dispute_hold or claim.is_done or len(invoice) != 1:
                continue
            owed = abs(invoice.amount_residual_signed)
            if claim.currency_id.compare_amounts(amount, owed) > 0:
                raise ValidationError(
                    self.env._(
                        "%(claim)s disputes %(amount)s but invoice %(invoice)s only owes %(owed)s.",
                        claim=claim.display_name,
                        amount=format_amount(self.env, amount, claim.currency_id),
                        invoice=invoice.display_name,
                        owed=format_amount(self.env, owed, claim.currency_id),
                    )
                )

    def _adv_disputed_amounts(self):
        """{invoice: amount held} over these claims: the sum of what they
        dispute on it, or 0.0 (the whole invoice) when one of them holds it
        whole, is about several invoices, has no amount, or when the sum
        reaches what the invoice owes."""
        whole = set()
        disputed = defaultdict(float)
        for claim in self:
            if (
                claim.dispute_whole_invoice
                or len(claim.invoice_ids) != 1
                or not (claim.dispute_amount)
            ):
                whole.update(claim.invoice_ids.ids)
            else:
                disputed[claim.invoice_ids.id] += claim.dispute_amount
        amounts = {}
        for invoice in self.invoice_ids:
            amount = disputed.get(invoice.id, 0.0)
            owed = abs(invoice.amount_residual_signed)
            currency = invoice.company_currency_id
            if invoice.id in whole or currency.compare_amounts(amount, owed) >= 0:
                amount = 0.0
            amounts[invoice] = amount
        return amounts

    def _compute_held_invoice_count(self):
        for claim in self:
            claim.held_invoice_count = len(
                claim.invoice_ids.filtered(lambda m: m.adv_hold_reason == "dispute")
            )

    def action_hold_invoices(self):
        self.dispute_hold = True

    def action_release_invoices(self):
        self.dispute_hold = False

    def action_view_held_invoices(self):
        self.ensure_one()
        invoices = self.invoice_ids.filtered(lambda m: m.adv_hold_reason == "dispute")
        return self._action_view_records(invoices, self.env._("Invoices in Dispute"))

    def _sync_invoice_hold(self, released=None):
        """Hold the unpaid invoices of open claims in dispute, for the amount
        they dispute (see _adv_disputed_amounts); release those of ended
        claims (and ``released``) that no other open claim holds."""
        holding = self.filtered(lambda c: c.dispute_hold and not c.is_done)
        to_hold = holding.invoice_ids.filtered(
            lambda m: (
                m.state == "posted"
                and m.payment_state in HOLDABLE_PAYMENT_STATES
                and m.adv_hold_reason in (False, "dispute")
            )
        )
        if to_hold:
            # every open claim that holds these invoices counts, not only
            # these: read in one go, whatever is in the cache already
            claims = (
                self.env["adv.claim"]
                .sudo()
                .search_fetch(
                    [
                        ("dispute_hold", "=", True),
                        ("is_done", "=", False),
                        ("invoice_ids", "in", to_hold.ids),
                    ],
                    ["dispute_amount", "dispute_whole_invoice", "invoice_ids"],
                )
            )
            amounts = claims._adv_disputed_amounts()
            by_amount = defaultdict(lambda: self.env["account.move"])
            for invoice in to_hold:
                amount = amounts[invoice]
                if (invoice.adv_hold_reason, invoice.adv_hold_amount) != ("dispute", amount):
                    by_amount[amount] |= invoice
            for amount, invoices in by_amount.items():
                protected(invoices).write({"adv_hold_reason": "dispute", "adv_hold_amount": amount})
        candidates = (
            (self - holding).invoice_ids | (released or self.env["account.move"])
        ).filtered(lambda m: m.adv_hold_reason == "dispute") - holding.invoice_ids
        if not candidates:
            return
        still_held = (
            self.env["adv.claim"]
            .sudo()
            .search(
                [
                    ("id", "not in", holding.ids),
                    ("dispute_hold", "=", True),
                    ("is_done", "=", False),
                    ("invoice_ids", "in", candidates.ids),
                ]
            )
            .invoice_ids
        )
        to_release = candidates - still_held
        if to_release:
            protected(to_release).adv_hold_reason = False
