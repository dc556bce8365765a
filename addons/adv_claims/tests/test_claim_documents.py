# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimDocuments(AdvClaimCommon):
    """Bad input on the documents and quantities is refused, nothing saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.other_order, cls.other_picking, cls.other_invoice = cls._make_invoiced_order(
            partner=cls.other_customer
        )

    def _count(self):
        return self.env["adv.claim"].search_count([])

    def test_invoice_of_another_partner(self):
        before = self._count()
        with self.assertRaises(ValidationError) as caught:
            self._new_claim(invoice_ids=[Command.set(self.other_invoice.ids)], lines={})
        self.assertIn("Martin SA", str(caught.exception))
        with self.assertRaises(ValidationError):
            self._new_claim(sale_order_id=self.other_order.id, lines={})
        with self.assertRaises(ValidationError):
            self._new_claim(picking_ids=[Command.set(self.other_picking.ids)], lines={})
        self.assertEqual(self._count(), before)

    def test_later_change_to_another_partner_refused(self):
        claim = self._new_claim()
        with self.assertRaises(ValidationError):
            claim.invoice_ids = [Command.link(self.other_invoice.id)]
        self.assertEqual(claim.invoice_ids, self.invoice)

    def test_quantity_above_delivered_or_invoiced(self):
        before = self._count()
        # 6 widgets delivered and invoiced out of 10 ordered.
        with self.assertRaises(ValidationError) as caught:
            self._new_claim(lines={self.widget: 7.0})
        self.assertIn("only 6.0 were delivered or invoiced", str(caught.exception))
        self.assertEqual(self._count(), before)
        claim = self._new_claim(lines={self.widget: 6.0})
        with self.assertRaises(ValidationError):
            claim.line_ids.quantity = 6.5
        with self.assertRaises(ValidationError):
            claim.line_ids.quantity = 0
        self.assertEqual(claim.line_ids.quantity, 6.0)
        # Two lines of the same product add up.
        with self.assertRaises(ValidationError):
            claim.line_ids = [Command.create({"product_id": self.widget.id, "quantity": 1.0})]

    def test_order_only_claim_limited_by_order(self):
        claim = self._new_claim(
            picking_ids=[Command.clear()], invoice_ids=[Command.clear()], lines={self.widget: 6.0}
        )
        self.assertEqual(claim.line_ids.qty_max, 6.0)
        self.assertAlmostEqual(claim.line_ids.price_unit, 100.0)

    def test_product_not_on_documents(self):
        stranger = self._create_storable("Stranger", 10.0)
        with self.assertRaises(ValidationError):
            self._new_claim(lines={stranger: 1.0})

    def test_other_company_document(self):
        other = self.setup_other_company()["company"]
        self.env.user.company_ids |= other
        other_partner_invoice = (
            self.env["account.move"]
            .with_company(other)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "invoice_line_ids": [
                        Command.create({"name": "Service", "quantity": 1, "price_unit": 10.0})
                    ],
                }
            )
        )
        other_partner_invoice.action_post()
        with self.assertRaises(UserError):
            self.env["adv.claim"].create(
                {
                    "partner_id": self.customer.id,
                    "type_id": self.claim_type.id,
                    "invoice_ids": [Command.set(other_partner_invoice.ids)],
                }
            )
