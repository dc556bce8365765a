# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.adv_orders.tests.common import count_queries

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimPerformance(AdvClaimCommon):
    """Batch work does not run a query per claim."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()

    def _queries(self, func):
        return count_queries(self.env, func)[1]

    def _claims(self, count):
        return self.env["adv.claim"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "type_id": self.claim_type.id,
                    "cause_id": self.cause.id,
                    "invoice_ids": self.invoice.ids,
                    "dispute_hold": True,
                    "line_ids": [(0, 0, {"product_id": self.widget.id, "quantity": 1.0})],
                }
                for _i in range(count)
            ]
        )

    def test_flat_query_counts(self):
        few = self._claims(2)
        many = few | self._claims(8)
        for name, method in (
            ("recurrence", lambda claims: claims._update_recurrence),
            ("hold", lambda claims: claims._sync_invoice_hold),
            (
                "corrections",
                lambda claims: lambda: claims.line_ids.mapped("qty_to_credit"),
            ),
            ("counts", lambda claims: lambda: claims.mapped("credit_note_count")),
        ):
            with self.subTest(name):
                # A first run settles the flags and warms Odoo's caches.
                self._queries(method(many.with_env(self.env)))
                self.assertEqual(
                    self._queries(method(few.with_env(self.env))),
                    self._queries(method(many.with_env(self.env))),
                )

    def test_document_claim_counts(self):
        self._claims(3)
        invoices = self.invoice | self._make_invoiced_order()[2]
        self.assertEqual(invoices.mapped("adv_claim_count"), [3, 0])
        one = self._queries(lambda: self.invoice.adv_claim_count)
        two = self._queries(lambda: invoices.mapped("adv_claim_count"))
        self.assertEqual(one, two)
