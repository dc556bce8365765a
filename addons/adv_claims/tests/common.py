# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.adv_orders.tests.common import AdvMenuMixin


class AdvClaimCommon(AdvMenuMixin, AccountTestInvoicingCommon):
    """A customer who ordered 10 widgets at 100.00 (+ tax), got 6 of them
    delivered and invoiced; ADV users with the least rights for each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Acknowledgement rules are adv_orders' business, not ours.
        cls.env["adv.ack.rule"].search([]).action_archive()
        cls.company = cls.env.company
        # The fixture's author (core's accountman) sets the scene as an ADV manager
        # with sales and stock rights; the tests act as the users below.
        cls.env.user.groups_id |= (
            cls.env.ref("adv_orders.group_adv_manager")
            | cls.env.ref("stock.group_stock_manager")
            | cls.env.ref("sales_team.group_sale_manager")
        )
        cls.adv_user = cls._create_adv_user("claim_user", "adv_orders.group_adv_user")
        cls.adv_manager = cls._create_adv_user("claim_manager", "adv_orders.group_adv_manager")
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        ) or cls.env["stock.warehouse"].create(
            {"name": "Claims Warehouse", "code": "CLW", "company_id": cls.company.id}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Durand Industries",
                "is_company": True,
                "email": "achats@durand.example.com",
                "property_account_receivable_id": cls.company_data["default_account_receivable"].id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Claire Durand",
                "parent_id": cls.customer.id,
                "email": "claire@durand.example.com",
            }
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Martin SA", "is_company": True, "email": "compta@martin.example.com"}
        )
        cls.widget = cls._create_storable("Widget", 100.0)
        cls.gadget = cls._create_storable("Gadget", 50.0)
        cls.claim_type = cls.env["adv.claim.type"].create(
            {
                "name": "Damaged (test)",
                "first_response_hours": 24,
                "resolution_days": 10,
                "suggested_correction": "credit_note",
                "return_expected": True,
            }
        )
        cls.cause = cls.env["adv.claim.cause"].create(
            {"name": "Broken in transport (test)", "department": "carrier"}
        )
        cls.stage_new = cls.env.ref("adv_claims.adv_claim_stage_new")
        cls.stage_resolved = cls.env.ref("adv_claims.adv_claim_stage_resolved")
        cls.stage_rejected = cls.env.ref("adv_claims.adv_claim_stage_rejected")
        cls.stage_closed = cls.env.ref("adv_claims.adv_claim_stage_closed")

    @classmethod
    def _create_adv_user(cls, login, group, company=None):
        company = company or cls.env.company
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,{group}",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            email=f"{login}@example.com",
        )

    @classmethod
    def _create_storable(cls, name, price):
        product = cls._create_product(
            name=name,
            lst_price=price,
            is_storable=True,
            invoice_policy="delivery",
            taxes_id=[Command.set(cls.tax_sale_a.ids)],
        )
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.warehouse.lot_stock_id, 100.0
        )
        return product

    @classmethod
    def _deliver(cls, order, quantities):
        """Validate the open delivery of ``order`` with ``quantities``
        ({product: qty}); what is not delivered stays in a backorder."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = quantities.get(move.product_id, 0.0)
            move.picked = True
        picking._action_done()
        return picking

    @classmethod
    def _make_invoiced_order(cls, partner=None, lines=None, delivered=None):
        """A confirmed order, partly delivered, and the posted invoice of what was delivered."""
        partner = partner or cls.customer
        lines = lines or {cls.widget: 10.0, cls.gadget: 4.0}
        delivered = delivered if delivered is not None else {cls.widget: 6.0, cls.gadget: 4.0}
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines.items()
                ],
            }
        )
        order.action_confirm()
        picking = cls._deliver(order, delivered)
        invoice = order._create_invoices()
        invoice.action_post()
        return order, picking, invoice

    def _new_claim(self, user=None, lines=None, **values):
        """A claim on the invoiced order, created by ``user`` (the ADV assistant)."""
        user = user or self.adv_user
        lines = lines if lines is not None else {self.widget: 2.0}
        vals = {
            "partner_id": self.customer.id,
            "contact_id": self.contact.id,
            "type_id": self.claim_type.id,
            "sale_order_id": self.order.id,
            "picking_ids": [Command.set(self.picking.ids)],
            "invoice_ids": [Command.set(self.invoice.ids)],
            "line_ids": [
                Command.create({"product_id": product.id, "quantity": qty, "reason": "Broken"})
                for product, qty in lines.items()
            ],
        }
        vals.update(values)
        return self.env["adv.claim"].with_user(user).create(vals)

    def _resolve(self, claim, stage=None):
        claim.write(
            {
                "cause_id": self.cause.id,
                "root_cause_note": "Pallets not strapped; strapping added to the checklist.",
                "stage_id": (stage or self.stage_resolved).id,
            }
        )
