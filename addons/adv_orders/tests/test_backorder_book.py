# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AdvDeliveryCommon, count_queries

LIST_SPEC = {
    name: {}
    for name in (
        "commercial_partner_id",
        "order_id",
        "client_order_ref",
        "product_id",
        "qty_backorder",
        "product_uom",
        "currency_id",
        "value",
        "value_company",
        "age_days",
        "promised_date",
        "expected_date",
        "is_late",
        "warehouse_id",
        "adv_user_id",
        "company_id",
    )
}


@tagged("post_install", "-at_install")
class TestBackorderBook(AdvDeliveryCommon):
    """The carnet de reliquats: every open remainder, for the ADV team only."""

    def book(self, user=None, domain=None):
        Book = self.env["adv.backorder.line"]
        if user:
            Book = Book.with_user(user)
        return Book.search(domain or [])

    def test_rows_of_the_book(self):
        with freeze_time("2026-01-05 10:00:00"):
            order = self.confirmed_order(
                [(self.widget, 10.0, {}), (self.gadget, 2.0, {})],
                commitment_date="2026-01-20 10:00:00",
                adv_user_id=self.adv_user.id,
            )
            self.deliver(self.open_delivery(order), {self.widget: 4.0, self.gadget: 2.0})
        with freeze_time("2026-02-10 10:00:00"):
            row = self.book(self.adv_user, [("order_id", "=", order.id)])
            self.assertEqual(len(row), 1, "the delivered gadget left the book")
            self.assertEqual(row.product_id, self.widget)
            self.assertEqual(row.qty_backorder, 6.0)
            self.assertEqual(row.qty_ordered, 10.0)
            self.assertEqual(row.client_order_ref, "PO-4711")
            self.assertEqual(row.commercial_partner_id, self.customer)
            self.assertEqual(row.warehouse_id, self.warehouse)
            self.assertEqual(row.adv_user_id, self.adv_user)
            self.assertEqual(row.value, 6.0 * order.order_line[0].price_reduce_taxexcl)
            self.assertTrue(row.is_late, "the promise of 20 January has passed")
            self.assertIn(row, self.book(self.adv_user, [("is_late", "=", True)]))
            self.assertIn(row, self.book(self.adv_user, [("age_days", ">", 30)]))
            self.assertTrue(row.expected_date)
        with freeze_time("2026-01-10 10:00:00"):
            row.invalidate_recordset()
            self.assertFalse(row.is_late)
            self.assertNotIn(row, self.book(self.adv_user, [("age_days", ">", 30)]))

    def test_value_in_company_currency(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": eur.id})
        self.env["res.currency.rate"].create(
            {"currency_id": eur.id, "rate": 0.5, "name": "2026-01-01", "company_id": False}
        )
        with freeze_time("2026-01-05 10:00:00"):
            order = self.confirmed_order(
                [(self.gadget, 2.0, {"price_unit": 100.0})], pricelist_id=pricelist.id
            )
        row = self.book(domain=[("order_id", "=", order.id)])
        self.assertEqual(row.currency_id, eur)
        self.assertEqual(row.value, 200.0)
        self.assertEqual(row.company_currency_id, self.env.company.currency_id)
        self.assertAlmostEqual(row.value_company, 400.0, places=2)

    def test_access(self):
        order = self.confirmed_order([(self.widget, 3.0, {})])
        self.assertTrue(self.book(self.adv_user, [("order_id", "=", order.id)]))
        portal = new_test_user(self.env, login="adv_portal_book", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.book(portal)
        with self.assertRaises(AccessError):
            self.book(self.salesman)

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "ADV Other Company"})
        other_warehouse = self.env["stock.warehouse"].search([("company_id", "=", other.id)])
        if not other_warehouse:
            other_warehouse = self.env["stock.warehouse"].create(
                {"name": "Other Warehouse", "code": "OTH", "company_id": other.id}
            )
        self.env["stock.quant"].with_company(other)._update_available_quantity(
            self.widget, other_warehouse.lot_stock_id, 100.0
        )
        own = self.confirmed_order([(self.widget, 5.0, {})])
        foreign = (
            self.env["sale.order"]
            .with_company(other)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": other.id,
                    "order_line": [
                        Command.create({"product_id": self.widget.id, "product_uom_qty": 7.0})
                    ],
                }
            )
        )
        foreign.with_company(other).action_confirm()
        self.assertEqual(foreign.warehouse_id, other_warehouse)
        orders = own | foreign
        rows = self.book(self.adv_user, [("order_id", "in", orders.ids)])
        self.assertEqual(rows.order_id, own, "another company's remainders stay hidden")
        self.adv_user.company_ids = [Command.link(other.id)]
        rows = (
            self.env["adv.backorder.line"]
            .with_user(self.adv_user)
            .with_context(allowed_company_ids=[self.env.company.id, other.id])
            .search([("order_id", "in", orders.ids)])
        )
        self.assertEqual(rows.order_id, orders)
        groups = (
            self.env["adv.backorder.line"]
            .with_user(self.adv_user)
            .with_context(allowed_company_ids=[self.env.company.id, other.id])
            ._read_group([("order_id", "in", orders.ids)], ["warehouse_id"], ["qty_backorder:sum"])
        )
        self.assertEqual(
            dict(groups), {self.warehouse: 5.0, other_warehouse: 7.0}, "grouped by warehouse"
        )

    def test_notify_the_customer(self):
        order = self.confirmed_order([(self.widget, 10.0, {}), (self.gadget, 1.0, {})])
        self.deliver(self.open_delivery(order), {self.widget: 4.0})
        rows = self.book(self.adv_user, [("order_id", "=", order.id)])
        self.assertEqual(len(rows), 2)
        rows.action_notify_customer()
        sent = order.message_ids.filtered(
            lambda m: "what remains to be delivered" in (m.subject or "")
        )
        self.assertEqual(len(sent), 1, "one e-mail per order, however many lines")
        self.assertIn(self.customer, sent.partner_ids)
        self.assertIn("Widget", str(sent.body))
        self.assertIn("Gadget", str(sent.body))

    def test_listing_and_grouping_cost_no_query_per_line(self):
        def make(count):
            orders = self.env["sale.order"].create(
                [
                    {
                        "partner_id": self.customer.id,
                        "order_line": [
                            Command.create({"product_id": p.id, "product_uom_qty": 3.0})
                            for p in (self.widget, self.gadget, self.gizmo)
                        ],
                    }
                    for _i in range(count)
                ]
            )
            orders.action_confirm()
            return orders

        def queries(orders):
            Book = self.env["adv.backorder.line"].with_user(self.adv_user)
            domain = [("order_id", "in", orders.ids)]
            result, listed, _seconds = count_queries(
                self.env, Book.web_search_read, domain, LIST_SPEC, limit=500
            )
            self.assertEqual(result["length"], 3 * len(orders))
            grouping = count_queries(
                self.env,
                Book.web_read_group,
                domain,
                ["qty_backorder:sum", "value_company:sum"],
                ["commercial_partner_id", "product_id"],
                lazy=False,
            )[1]
            return listed, grouping

        small = queries(make(2))
        large = queries(make(12))
        self.assertLessEqual(large[0], small[0], f"listing: {small[0]} -> {large[0]} queries")
        self.assertLessEqual(large[1], small[1], f"grouping: {small[1]} -> {large[1]} queries")
