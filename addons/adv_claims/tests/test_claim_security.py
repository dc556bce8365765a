# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimSecurity(AdvClaimCommon):
    """Who may do what: ADV users handle claims, managers configure and
    approve, portal users see their own company's claims only, companies
    stay apart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.other_order, cls.other_picking, cls.other_invoice = cls._make_invoiced_order(
            partner=cls.other_customer
        )
        cls.portal_durand = new_test_user(
            cls.env, login="portal_durand", groups="base.group_portal", partner_id=cls.contact.id
        )
        cls.portal_martin = new_test_user(
            cls.env,
            login="portal_martin",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "Marc Martin", "parent_id": cls.other_customer.id})
            .id,
        )
        cls.salesman = cls._create_adv_user("claim_salesman", "sales_team.group_sale_salesman")

    def _other_claim(self):
        return self.env["adv.claim"].create(
            {
                "partner_id": self.other_customer.id,
                "type_id": self.claim_type.id,
                "invoice_ids": [Command.set(self.other_invoice.ids)],
                "line_ids": [Command.create({"product_id": self.widget.id, "quantity": 1.0})],
            }
        )

    def test_portal_sees_own_company_claims_only(self):
        mine = self._new_claim()
        theirs = self._other_claim()
        Claim = self.env["adv.claim"].with_user(self.portal_durand)
        self.assertEqual(Claim.search([]), mine)
        self.assertEqual(
            self.env["adv.claim.line"].with_user(self.portal_durand).search([]), mine.line_ids
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_durand).read(["name"])
        with self.assertRaises(AccessError):
            theirs.line_ids.with_user(self.portal_durand).read(["quantity"])
        self.assertEqual(self.env["adv.claim"].with_user(self.portal_martin).search([]), theirs)
        # Portal users never write.
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_durand).write({"description": "Hacked"})

    def test_adv_user_handles_but_does_not_configure(self):
        claim = self._new_claim()
        claim.with_user(self.adv_user).write({"priority": "2"})
        with self.assertRaises(AccessError):
            claim.with_user(self.adv_user).unlink()
        for model, vals in (
            ("adv.claim.type", {"name": "New type"}),
            ("adv.claim.cause", {"name": "New cause"}),
            ("adv.claim.stage", {"name": "New stage"}),
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.adv_user).create(vals)
            self.env[model].with_user(self.adv_manager).create(vals)
        # Reading the referentials is fine.
        self.assertTrue(self.env["adv.claim.type"].with_user(self.adv_user).search([]))

    def test_salesman_without_adv_rights(self):
        self._new_claim()
        with self.assertRaises(AccessError):
            self.env["adv.claim"].with_user(self.salesman).search([])
        # Their own order's form still opens: the claim button is not theirs.
        self.order.user_id = self.salesman
        form = Form(self.order.with_user(self.salesman))
        self.assertEqual(form.name, self.order.name)

    def test_billing_user_without_adv_rights_reads_documents(self):
        """Claim fields on invoices, deliveries and orders are for ADV users: a
        billing clerk without ADV rights neither gets them nor trips on them."""
        self._new_claim(dispute_hold=True)
        clerk = self._create_adv_user("claim_clerk", "account.group_account_invoice")
        for model in ("account.move", "sale.order", "stock.picking"):
            fields = self.env[model].with_user(clerk).fields_get()
            self.assertFalse({"adv_claim_count", "adv_claim_id"} & fields.keys(), model)
        with Form(self.invoice.with_user(clerk)) as form:
            self.assertEqual(form.partner_id, self.customer)

    def test_company_isolation(self):
        claim = self._new_claim()
        other_company = self.setup_other_company()["company"]
        foreign_user = self._create_adv_user(
            "claim_foreign", "adv_orders.group_adv_user", company=other_company
        )
        self.assertFalse(self.env["adv.claim"].with_user(foreign_user).search([]))
        with self.assertRaises(AccessError):
            claim.with_user(foreign_user).read(["name"])
        foreign_type = self.env["adv.claim.type"].create(
            {"name": "Foreign type", "company_id": other_company.id}
        )
        self.assertNotIn(
            foreign_type, self.env["adv.claim.type"].with_user(self.adv_user).search([])
        )
