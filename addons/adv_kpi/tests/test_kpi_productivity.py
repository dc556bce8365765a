# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import AdvKpiDataCommon


@tagged("post_install", "-at_install")
class TestKpiProductivity(AdvKpiDataCommon):
    """Volumes per period, for the team and per handler (see the dataset)."""

    def test_orders_received(self):
        # Received in March, not cancelled: O1, O2, O3, O5 = 4 (O4 came in
        # February, O6 is cancelled, O7 came in April).
        self.assertEqual(
            self.kpi("orders_received"), {"value": 4, "numerator": 4, "denominator": None}
        )
        # Alice: O1, O2, O5 = 3; Bob: O3 = 1.
        self.assertEqual(self.value("orders_received", handler=self.alice), 3)
        self.assertEqual(self.value("orders_received", handler=self.bob), 1)

    def test_orders_confirmed(self):
        # Confirmed in March: O1, O2, O3, O4 = 4 (O4 was received in February).
        self.assertEqual(self.value("orders_confirmed"), 4)
        # Alice: O1, O2 = 2; Bob: O3, O4 = 2.
        self.assertEqual(self.value("orders_confirmed", handler=self.alice), 2)
        self.assertEqual(self.value("orders_confirmed", handler=self.bob), 2)

    def test_invoices_issued(self):
        # Posted invoices dated in March: I1, I2 = 2 (I3 is a draft).
        self.assertEqual(self.value("invoices_issued"), 2)
        self.assertEqual(self.value("invoices_issued", handler=self.alice), 1)
        self.assertEqual(self.value("invoices_issued", handler=self.bob), 1)
        # Amounts: 1000 + 500 = 1500; Alice 1000; Bob 500.
        self.assertAlmostEqual(self.value("invoices_amount"), 1500.0)
        self.assertAlmostEqual(self.value("invoices_amount", handler=self.alice), 1000.0)
        self.assertAlmostEqual(self.value("invoices_amount", handler=self.bob), 500.0)

    def test_credit_notes_issued(self):
        # R1 and R2 = 2; amount 100 + 200 EUR / 2 = 100 + 100 = 200 USD.
        self.assertEqual(self.value("credit_notes_issued"), 2)
        self.assertAlmostEqual(self.value("credit_notes_amount"), 200.0)
        self.assertAlmostEqual(self.value("credit_notes_amount", handler=self.alice), 100.0)
        self.assertAlmostEqual(self.value("credit_notes_amount", handler=self.bob), 100.0)

    def test_invoice_handler_follows_the_order(self):
        # An invoice made from an order takes the order's handler.
        self.o4.order_line.qty_delivered = 5
        invoice = self.o4._create_invoices()
        self.assertEqual(invoice.adv_user_id, self.bob)
