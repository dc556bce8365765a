# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimPortal(AdvClaimCommon, HttpCase):
    """The customer portal: own claims listed and shown, others not; a claim
    opened from an invoice within the invoiced quantities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.other_order, cls.other_picking, cls.other_invoice = cls._make_invoiced_order(
            partner=cls.other_customer
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="portal_claims",
            password="portal_claims",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.mine = cls._new_claim_as_manager(cls.customer, cls.invoice)
        cls.theirs = cls._new_claim_as_manager(cls.other_customer, cls.other_invoice)

    @classmethod
    def _new_claim_as_manager(cls, partner, invoice):
        return cls.env["adv.claim"].create(
            {
                "partner_id": partner.id,
                "type_id": cls.claim_type.id,
                "invoice_ids": [Command.set(invoice.ids)],
                "line_ids": [Command.create({"product_id": cls.widget.id, "quantity": 1.0})],
            }
        )

    def test_list_and_detail(self):
        self.authenticate("portal_claims", "portal_claims")
        page = self.url_open("/my/claims").text
        self.assertIn(self.mine.name, page)
        self.assertNotIn(self.theirs.name, page)
        detail = self.url_open(f"/my/claims/{self.mine.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn(self.mine.stage_id.name, detail.text)
        other = self.url_open(f"/my/claims/{self.theirs.id}")
        self.assertNotIn(self.theirs.name, other.text)
        self.assertTrue(other.url.endswith("/my"))

    def _post_claim(self, qty, invoice=None):
        invoice = invoice or self.invoice
        return self.url_open(
            "/my/claims/new",
            data={
                "invoice_id": invoice.id,
                "access_token": invoice._portal_ensure_token(),
                f"qty_{self.widget.id}": qty,
                f"reason_{self.widget.id}": "Scratched",
                "description": "Two widgets arrived scratched.",
                "csrf_token": self.csrf_token(),
            },
        )

    def csrf_token(self):
        page = self.url_open(
            f"/my/claims/new?invoice_id={self.invoice.id}"
            f"&access_token={self.invoice._portal_ensure_token()}"
        ).text
        marker = 'name="csrf_token" value="'
        start = page.index(marker) + len(marker)
        return page[start : page.index('"', start)]

    def test_open_claim_from_invoice(self):
        self.authenticate("portal_claims", "portal_claims")
        before = self.env["adv.claim"].search_count([])
        # 6 widgets invoiced: 7 is refused and nothing is created.
        response = self._post_claim("7")
        self.assertIn("at most 6.0", response.text)
        self.assertEqual(self.env["adv.claim"].search_count([]), before)
        response = self._post_claim("2")
        claim = self.env["adv.claim"].search([], order="id desc", limit=1)
        self.assertEqual(self.env["adv.claim"].search_count([]), before + 1)
        self.assertEqual(claim.partner_id, self.customer)
        self.assertEqual(claim.contact_id, self.contact)
        self.assertEqual(claim.channel, "portal")
        self.assertEqual(claim.invoice_ids, self.invoice)
        self.assertEqual(claim.sale_order_id, self.order)
        self.assertEqual(claim.line_ids.quantity, 2.0)
        self.assertEqual(claim.line_ids.reason, "Scratched")
        self.assertTrue(response.url.endswith(f"/my/claims/{claim.id}"))

    def test_open_claim_from_order(self):
        """From the order: limited by what was delivered or invoiced (6 of 10 ordered)."""
        self.authenticate("portal_claims", "portal_claims")
        token = self.order._portal_ensure_token()
        page = self.url_open(f"/my/claims/new?order_id={self.order.id}&access_token={token}")
        self.assertIn("Widget", page.text)
        marker = 'name="csrf_token" value="'
        start = page.text.index(marker) + len(marker)
        csrf = page.text[start : page.text.index('"', start)]
        before = self.env["adv.claim"].search_count([])
        data = {
            "order_id": self.order.id,
            "access_token": token,
            f"qty_{self.widget.id}": "8",
            "csrf_token": csrf,
        }
        self.assertIn("at most 6.0", self.url_open("/my/claims/new", data=data).text)
        self.assertEqual(self.env["adv.claim"].search_count([]), before)
        data[f"qty_{self.widget.id}"] = "6"
        self.url_open("/my/claims/new", data=data)
        claim = self.env["adv.claim"].search([], order="id desc", limit=1)
        self.assertEqual(claim.sale_order_id, self.order)
        self.assertEqual(claim.invoice_ids, self.invoice)
        self.assertEqual(claim.picking_ids, self.picking)
        self.assertEqual(claim.line_ids.quantity, 6.0)

    def test_cannot_claim_another_customers_invoice(self):
        self.authenticate("portal_claims", "portal_claims")
        before = self.env["adv.claim"].search_count([])
        response = self.url_open(f"/my/claims/new?invoice_id={self.other_invoice.id}")
        self.assertTrue(response.url.endswith("/my"))
        self.assertEqual(self.env["adv.claim"].search_count([]), before)

    def test_portal_and_backend_agree_on_claimable_quantities(self):
        """One rule: what the portal offers to claim is what a backend claim
        line on the same documents allows (qty_max)."""
        Claim = self.env["adv.claim"]
        for source in (self.order, self.invoice):
            portal = Claim._adv_claimable_quantities(source)
            backend = Claim.create(
                {
                    "partner_id": self.customer.id,
                    "type_id": self.claim_type.id,
                    **Claim._adv_source_documents(source),
                    "line_ids": [Command.create({"product_id": p.id}) for p in portal],
                }
            )
            self.assertEqual(
                portal, {line.product_id: line.qty_max for line in backend.line_ids}, source
            )
        self.assertEqual(Claim._adv_claimable_quantities(self.invoice)[self.widget], 6.0)
