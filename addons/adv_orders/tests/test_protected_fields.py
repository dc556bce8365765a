# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The acknowledgement facts are written by the acknowledgement flow only:
a user who sends the write a read-only form field hides is refused, as is a
context key that would skip the checks."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import AdvAckCommon


@tagged("post_install", "-at_install")
class TestAckProtectedFields(AdvAckCommon):
    def blocked_order(self):
        order = self.create_order(client_order_ref=False, user_id=self.salesman.id)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.adv_ack_state, "blocked")
        return order

    def test_salesman_cannot_acknowledge_by_write(self):
        order = self.blocked_order()
        for vals in (
            {"adv_ack_state": "acknowledged"},
            {"adv_ack_state": "not_required"},
            {"adv_ack_revision": 7},
            {"adv_ack_date": "2026-01-01 10:00:00"},
            {"adv_promised_date": "2030-01-01 10:00:00"},
            {"adv_ack_rule_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                order.with_user(self.salesman).write(vals)
        # The ADV team acknowledges through its actions, not by a write either.
        with self.assertRaises(AccessError):
            order.with_user(self.adv_user).write({"adv_ack_state": "acknowledged"})
        order.invalidate_recordset()
        self.assertEqual(order.adv_ack_state, "blocked")
        self.assertEqual(order.adv_ack_revision, 1)
        self.assertEqual(order.adv_ack_rule_id, self.rule)
        self.assertFalse(order.adv_ack_date)

    def test_salesman_cannot_create_an_acknowledged_order(self):
        Order = self.env["sale.order"].with_user(self.salesman)
        vals = {"partner_id": self.customer.id, "client_order_ref": "PO-1"}
        with self.assertRaises(AccessError):
            Order.create([dict(vals, adv_ack_state="acknowledged")])
        with self.assertRaises(AccessError):
            Order.create([dict(vals, adv_ack_revision=3)])
        self.assertFalse(self.env["sale.order"].search([("client_order_ref", "=", "PO-1")]))
        # Empty values, as a client sends for fields it does not show, are fine.
        order = Order.create([dict(vals, adv_ack_state=False, adv_ack_revision=0)])
        self.assertEqual(order.client_order_ref, "PO-1")

    def test_other_fields_stay_writable(self):
        order = self.blocked_order()
        order.with_user(self.salesman).write({"client_order_ref": "PO-4712"})
        order.with_user(self.adv_user).action_adv_acknowledge()
        self.assertEqual(order.adv_ack_state, "acknowledged")

    def test_history_key_from_a_salesman_is_ignored(self):
        order = self.create_order(client_order_ref=False, user_id=self.salesman.id)
        order.with_user(self.salesman).with_context(adv_ack_history=True).action_confirm()
        self.assertEqual(order.adv_ack_state, "blocked", "the checks ran")
        self.assertEqual(order.adv_ack_issue_ids.mapped("check"), ["client_ref"])

    def test_price_cache_key_from_a_client_is_ignored(self):
        """The price check's batch cache is server state: a value a client
        puts under its context key neither breaks nor steers pricing."""
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": self.pricelist.id,
                "applied_on": "0_product_variant",
                "product_id": self.product.id,
                "compute_price": "fixed",
                "fixed_price": 15.0,
            }
        )
        # What JSON can carry: a list "containing" the pricelist id, whose
        # item at that index is no recordset of products.
        forged = {"products": list(range(self.pricelist.id + 1)), "rules": {}}
        order = self.create_order(
            pricelist_id=self.pricelist.id, user_id=self.salesman.id
        ).with_user(self.salesman)
        order.with_context(adv_pricelist_rules=forged).write(
            {"order_line": [Command.create({"product_id": self.product.id})]}
        )
        self.assertEqual(order.order_line.mapped("price_unit"), [15.0, 15.0])

    def test_history_key_for_a_manager(self):
        self.adv_manager.groups_id += self.env.ref("sales_team.group_sale_salesman")
        order = self.create_order(client_order_ref=False)
        order.with_user(self.adv_manager).with_context(adv_ack_history=True).action_confirm()
        self.assertEqual(order.adv_ack_state, "not_required")
        self.assertFalse(order.adv_ack_issue_ids)


@tagged("post_install", "-at_install")
class TestAckProtectedRpc(HttpCase, AdvAckCommon):
    """The same refusals over a real JSON-RPC call of the web client."""

    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_rpc_write_and_history_key(self):
        order = self.create_order(client_order_ref=False, user_id=self.salesman.id)
        self.authenticate(self.salesman.login, self.salesman.login)
        self.call_kw(
            "sale.order",
            "action_confirm",
            [order.ids],
            {"context": {"adv_ack_history": True}},
        )
        self.assertEqual(order.adv_ack_state, "blocked", "a client's key skips nothing")
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw("sale.order", "write", [order.ids, {"adv_ack_state": "acknowledged"}])
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
        order.invalidate_recordset()
        self.assertEqual(order.adv_ack_state, "blocked")

    def test_rpc_nan_quantity(self):
        """JSON has no NaN, but Python's json, which reads Odoo's requests, does."""
        self.authenticate(self.salesman.login, self.salesman.login)
        vals = {
            "partner_id": self.customer.id,
            "client_order_ref": "PO-RPC-NAN",
            "order_line": [
                [0, 0, {"product_id": self.product.id, "product_uom_qty": float("nan")}]
            ],
        }
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw("sale.order", "create", [vals])
        self.assertEqual(str(caught.exception), "odoo.exceptions.ValidationError")
        self.assertFalse(self.env["sale.order"].search([("client_order_ref", "=", "PO-RPC-NAN")]))
