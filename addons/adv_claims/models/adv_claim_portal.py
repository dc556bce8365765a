# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class AdvClaim(models.Model):
    """Claims: a claim a customer opens from the portal on one of their
    orders or invoices. The most that can be claimed follows the claim
    lines' own rule (adv.claim.line._document_quantities), the same as in the
    backend; the controller only reads the form."""

    _inherit = "adv.claim"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _adv_source_documents(self, source):
        """The documents of a claim on ``source`` (a confirmed order or a
        posted invoice): its order, its posted invoices and done deliveries,
        so that the claim can be corrected."""
        if source._name == "account.move":
            order = source.line_ids.sale_line_ids.order_id[:1]
            return {
                "sale_order_id": order.id,
                "invoice_ids": [Command.set(source.ids)],
            }
        invoices = source.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        pickings = source.picking_ids._adv_to_customer().filtered(lambda p: p.state == "done")
        return {
            "sale_order_id": source.id,
            "invoice_ids": [Command.set(invoices.ids)],
            "picking_ids": [Command.set(pickings.ids)],
        }

    @api.model
    def _adv_claimable_quantities(self, source):
        """{product: the most that can be claimed, in its unit} for a claim
        on ``source``: computed by the claim lines on a claim in memory."""
        if source._name == "account.move":
            products = source.invoice_line_ids.filtered(
                lambda line: line.display_type == "product"
            ).product_id
        else:
            products = source.order_line.filtered(lambda line: not line.display_type).product_id
        claim = self.new(
            {
                **self._adv_source_documents(source),
                "company_id": source.company_id.id,
                "line_ids": [Command.create({"product_id": p.id}) for p in products],
            }
        )
        quantities = {line.product_id: line.qty_max for line in claim.line_ids}
        return {product: qty for product, qty in quantities.items() if qty > 0}

    @api.model
    def _adv_prepare_portal_claim_vals(self, source, partner, quantities, description=None):
        """The values of the claim ``partner`` opens on ``source``, for
        ``quantities`` ({product: (quantity, reason)}); a quantity above what
        can be claimed, or none at all, is refused."""
        claimable = self._adv_claimable_quantities(source)
        lines = []
        for product, (qty, reason) in quantities.items():
            most = claimable.get(product, 0.0)
            if qty < 0 or qty > most:
                raise UserError(
                    self.env._(
                        "You can claim at most %(max)s of %(product)s.",
                        max=most,
                        product=product.display_name,
                    )
                )
            if qty:
                lines.append(
                    Command.create(
                        {"product_id": product.id, "quantity": qty, "reason": (reason or "")[:200]}
                    )
                )
        if not lines:
            raise UserError(self.env._("Enter the quantity of at least one product."))
        documents = self._adv_source_documents(source)
        order = self.env["sale.order"].browse(documents["sale_order_id"])
        claim_type = (
            self.env["adv.claim.type"]
            .sudo()
            .search([("company_id", "in", (source.company_id.id, False))], limit=1)
        )
        return {
            **documents,
            "partner_id": partner.commercial_partner_id.id,
            "contact_id": partner.id,
            "company_id": source.company_id.id,
            "channel": "portal",
            "type_id": claim_type.id,
            "description": plaintext2html(description) if description else False,
            "user_id": order.adv_user_id.id or order.user_id.id or False,
            "line_ids": lines,
        }
