# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# The largest id PostgreSQL stores: a larger one in a URL is no record (404),
# not a database error (500).
MAX_ID = 2**31 - 1


def _record_id(value):
    """``value`` of a URL as a record id, or a 404."""
    try:
        record_id = int(value)
    except (TypeError, ValueError):
        raise request.not_found() from None
    if not 0 < record_id <= MAX_ID:
        raise request.not_found()
    return record_id


class ClaimPortal(CustomerPortal):
    """A customer's claims in the portal: list, detail, and a new claim
    opened from one of their orders or invoices."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "claim_count" in counters:
            Claim = request.env["adv.claim"]
            values["claim_count"] = (
                Claim.search_count(self._prepare_claims_domain()) if Claim.has_access("read") else 0
            )
        return values

    def _prepare_claims_domain(self):
        partner = request.env.user.partner_id
        return [("commercial_partner_id", "=", partner.commercial_partner_id.id)]

    @http.route(
        ["/my/claims", "/my/claims/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_claims(self, page=1, **kw):
        Claim = request.env["adv.claim"]
        domain = self._prepare_claims_domain()
        pager = portal_pager(
            url="/my/claims", total=Claim.search_count(domain), page=page, step=self._items_per_page
        )
        claims = Claim.search(
            domain,
            order="date_received desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {"claims": claims, "pager": pager, "page_name": "claim", "default_url": "/my/claims"}
        )
        return request.render("adv_claims.portal_my_claims", values)

    @http.route(["/my/claims/<int:claim_id>"], type="http", auth="public", website=True)
    def portal_my_claim(self, claim_id, access_token=None, **kw):
        claim_id = _record_id(claim_id)
        try:
            claim_sudo = self._document_check_access("adv.claim", claim_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            claim_sudo,
            access_token,
            {"claim": claim_sudo, "page_name": "claim"},
            "my_claims_history",
            False,
        )
        return request.render("adv_claims.portal_my_claim", values)

    # ------------------------------------------------------------------
    # New claim from an order or an invoice
    # ------------------------------------------------------------------
    def _claim_source(self, order_id=None, invoice_id=None, access_token=None):
        """The customer's confirmed order or posted invoice (sudo), or an AccessError."""
        if invoice_id:
            invoice = self._document_check_access("account.move", invoice_id, access_token)
            if invoice.move_type != "out_invoice" or invoice.state != "posted":
                raise AccessError(request.env._("Only a posted invoice can be claimed."))
            return invoice
        if order_id:
            order = self._document_check_access("sale.order", order_id, access_token)
            if order.state != "sale":
                raise AccessError(request.env._("Only a confirmed order can be claimed."))
            return order
        raise MissingError(request.env._("Choose the order or the invoice your claim is about."))

    def _claimable_lines(self, source):
        """[(product, maximum quantity, unit of measure name)] of ``source``:
        the model's rule (adv.claim._adv_claimable_quantities)."""
        quantities = request.env["adv.claim"].sudo()._adv_claimable_quantities(source)
        return [(product, qty, product.uom_id.name) for product, qty in quantities.items()]

    def _prepare_portal_claim_vals(self, source, post):
        """The claim's values from the form: the model checks the quantities."""
        quantities = {}
        for product, _max_qty, _uom in self._claimable_lines(source):
            raw = post.get(f"qty_{product.id}") or "0"
            try:
                qty = float(raw.replace(",", "."))
            except ValueError:
                qty = math.nan
            if not math.isfinite(qty):
                raise UserError(request.env._("Enter the quantities as numbers."))
            quantities[product] = (qty, post.get(f"reason_{product.id}"))
        return (
            request.env["adv.claim"]
            .sudo()
            ._adv_prepare_portal_claim_vals(
                source, request.env.user.partner_id, quantities, post.get("description")
            )
        )

    @http.route(["/my/claims/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_new_claim(self, order_id=None, invoice_id=None, access_token=None, **post):
        order_id = _record_id(order_id) if order_id else None
        invoice_id = _record_id(invoice_id) if invoice_id else None
        try:
            source = self._claim_source(order_id, invoice_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "source": source,
                "claimable_lines": self._claimable_lines(source),
                "order_id": order_id,
                "invoice_id": invoice_id,
                "page_name": "claim",
                "post": post,
            }
        )
        if request.httprequest.method == "POST":
            try:
                vals = self._prepare_portal_claim_vals(source, post)
                claim = request.env["adv.claim"].sudo().create(vals)
            except UserError as error:
                values["error"] = error.args[0]
            else:
                return request.redirect(f"/my/claims/{claim.id}")
        return request.render("adv_claims.portal_new_claim", values)
