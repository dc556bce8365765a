# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

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

    def test_hold_reason_is_not_written_by_hand(self):
        """Only the hold wizards, claims and promises put an invoice on hold:
        an accountant who may edit invoices cannot take one out of dunning
        (nor put it back) by writing the field."""
        accountant = new_test_user(
            self.env, login="adv_hold_accountant", groups="account.group_account_invoice"
        )
        invoice = self.init_invoice("out_invoice", amounts=[100.0], post=True)
        as_accountant = invoice.with_user(accountant)
        with self.assertRaises(AccessError):
            as_accountant.write({"adv_hold_reason": "manual"})
        with self.assertRaises(AccessError):
            as_accountant.create({"move_type": "out_invoice", "adv_hold_reason": "dispute"})
        as_accountant.write({"ref": "PO-9"})  # the rest of the invoice stays editable
        protected(invoice).adv_hold_reason = "dispute"
        with self.assertRaises(AccessError):
            as_accountant.write({"adv_hold_reason": False})
        invoice.invalidate_recordset()
        self.assertEqual(invoice.adv_hold_reason, "dispute")
