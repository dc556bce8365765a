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
        protected(invoice).adv_hold_reason = "manual"
        held = self.env["account.move"].search(
            [("adv_hold_reason", "!=", False), ("id", "=", invoice.id)]
        )
        self.assertEqual(held, invoice)
        # The hold is not carried over to a copy or a reversal.
        self.assertFalse(invoice.copy().adv_hold_reason)

    def test_hold_reason_values(self):
        """adv_orders owns the manual hold; each other reason is added by the
        addon that sets it (selection_add), and leaves with it."""
        values = self.env["ir.model.fields"]._get("account.move", "adv_hold_reason").selection_ids
        xmlids = values._get_external_ids()
        owners = {value.value: xmlids[value.id][0].split(".")[0] for value in values}
        installed = self.env["ir.module.module"].search([("state", "=", "installed")])
        expected = {"manual": "adv_orders"}
        if "adv_claims" in installed.mapped("name"):
            expected["dispute"] = "adv_claims"
        if "adv_dunning" in installed.mapped("name"):
            expected["promise"] = "adv_dunning"
        self.assertEqual(owners, expected)
        field = self.env["account.move"]._fields["adv_hold_reason"]
        self.assertEqual({value for value, _label in field.selection}, set(expected))

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
            as_accountant.create({"move_type": "out_invoice", "adv_hold_reason": "manual"})
        as_accountant.write({"ref": "PO-9"})  # the rest of the invoice stays editable
        protected(invoice).adv_hold_reason = "manual"
        with self.assertRaises(AccessError):
            as_accountant.write({"adv_hold_reason": False})
        invoice.invalidate_recordset()
        self.assertEqual(invoice.adv_hold_reason, "manual")
