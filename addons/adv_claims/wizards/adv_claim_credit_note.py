# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AdvClaimCreditNote(models.TransientModel):
    """Credit a claim by an amount, grant a commercial gesture, or cancel an
    invoice and issue it again corrected."""

    _name = "adv.claim.credit.note"
    _inherit = ["adv.finite.mixin"]
    _description = "Credit a Claim"
    _check_company_auto = True

    claim_id = fields.Many2one("adv.claim", required=True, readonly=True)
    company_id = fields.Many2one(related="claim_id.company_id")
    currency_id = fields.Many2one(related="claim_id.currency_id")
    mode = fields.Selection(
        selection=[
            ("amount", "Credit an amount on an invoice"),
            ("gesture", "Commercial gesture"),
            ("reinvoice", "Cancel the invoice and invoice again"),
        ],
        required=True,
        default="amount",
    )
    invoice_id = fields.Many2one(
        "account.move",
        compute="_compute_invoice_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('id', 'in', available_invoice_ids)]",
    )
    available_invoice_ids = fields.Many2many(related="claim_id.invoice_ids")
    amount = fields.Monetary(string="Amount (tax excluded)", currency_field="currency_id")
    reason = fields.Char(help="Shown on the credit note.")
    move_id = fields.Many2one("account.move", readonly=True)

    @api.depends("claim_id")
    def _compute_invoice_id(self):
        for wizard in self:
            if not wizard.invoice_id or wizard.invoice_id not in wizard.claim_id.invoice_ids:
                wizard.invoice_id = wizard.claim_id.invoice_ids[:1]

    @api.constrains("claim_id", "invoice_id")
    def _check_invoice(self):
        """Only an invoice of the claim, addressed to its customer, is corrected:
        the dialog offers no other, a JSON-RPC call gets no other either."""
        for wizard in self.filtered("invoice_id"):
            claim = wizard.claim_id
            if wizard.invoice_id not in claim.invoice_ids or (
                wizard.invoice_id.commercial_partner_id != claim.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(invoice)s is not an invoice of claim %(claim)s: add it to the "
                        "claim first.",
                        invoice=wizard.invoice_id.display_name,
                        claim=claim.name,
                    )
                )

    def action_confirm(self):
        self.ensure_one()
        # A second click on the same dialog shows what the first one created.
        if not self.move_id:
            self.move_id = self._create_move()
        return self.claim_id._action_view_records(self.move_id, self.move_id.display_name)

    def _create_move(self):
        claim = self.claim_id
        claim._lock_for_correction()
        claim._ensure_open()
        if self.mode != "gesture" and not self.invoice_id:
            raise UserError(self.env._("Choose the invoice to credit."))
        if self.mode == "reinvoice":
            return claim._adv_correct("reinvoice", invoice=self.invoice_id, reason=self.reason)
        if self.mode == "gesture":
            return claim._adv_correct("gesture", amount=self.amount, reason=self.reason)
        refund = claim._create_refund_amount(self.invoice_id, self.amount, self.reason)
        claim._approve_or_post_credit_notes(refund)
        return refund
