# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.adv_orders.protected import protected


@tagged("post_install", "-at_install")
class TestAdvHoldReason(AccountTestInvoicingCommon):
    def test_hold_reason_on_invoice(self):
        invoice = self.init_invoice("out_invoice", amounts=[100.0], post=True)
        self.assertFalse(invoice.adv_hold_reason)
        protected(invoice).adv_hold_reason = "dispute"
        held = self.env["account.move"].search(
            [("adv_hold_reason", "!=", False), ("id", "=", invoice.id)]
        )
        self.assertEqual(held, invoice)
        # The hold is not carried over to a copy or a reversal.
        self.assertFalse(invoice.copy().adv_hold_reason)

    def test_hold_reason_values(self):
        selection = dict(self.env["account.move"]._fields["adv_hold_reason"].selection)
        self.assertEqual(set(selection), {"dispute", "promise", "manual"})
