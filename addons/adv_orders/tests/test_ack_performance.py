# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import Command
from odoo.tests import tagged

from odoo.addons.adv_orders.protected import protected

from .common import AdvAckCommon, count_queries


@tagged("post_install", "-at_install")
class TestAckPerformance(AdvAckCommon):
    """The checks of orders confirmed together cost no query per line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule.write(
            {
                "send_mode": "manual",
                "check_price": True,
                "check_discount": True,
                "check_min_amount": True,
                "min_order_amount": 1.0,
                "check_commitment_date": True,
            }
        )
        cls.products = cls.env["product.product"].create(
            [{"name": f"Part {i}", "list_price": 10.0 + i, "type": "consu"} for i in range(20)]
        )

    def make_orders(self, n_orders, n_lines):
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "client_order_ref": f"PO-{i}" if i % 2 else False,
                    "order_line": [
                        Command.create({"product_id": p.id, "product_uom_qty": 1 + j % 3})
                        for j, p in enumerate(self.products[:n_lines])
                    ],
                }
                for i in range(n_orders)
            ]
        )
        protected(orders).write(
            {"state": "sale", "adv_ack_state": "to_check", "adv_ack_rule_id": self.rule.id}
        )
        orders.order_line[::7].write({"price_unit": 1.0})  # some lines fail the price check
        self.env.flush_all()
        self.env.invalidate_all()
        return orders

    def count_queries(self, orders):
        return count_queries(self.env, orders._adv_ack_process)[1]

    def test_queries_do_not_grow_with_lines(self):
        few_lines = self.count_queries(self.make_orders(4, 2))
        many_lines = self.count_queries(self.make_orders(4, 20))
        self.assertLessEqual(
            many_lines,
            few_lines,
            f"4 orders x 2 lines: {few_lines} queries; 4 orders x 20 lines: {many_lines}",
        )

    def test_queries_per_order_are_bounded(self):
        small = self.count_queries(self.make_orders(5, 20))
        large = self.count_queries(self.make_orders(50, 20))
        per_order = (large - small) / 45
        self.assertLessEqual(per_order, 6, f"5 orders: {small} queries, 50 orders: {large} queries")

    def test_confirming_200_orders_of_20_lines(self):
        """The volume the ADV team meets on a busy morning: 200 orders of 20
        lines confirmed at once. The acknowledgement step of the confirmation
        costs the same number of queries with 20 lines per order as with 2."""

        def confirm(n_lines):
            orders = self.make_orders(200, n_lines)
            protected(orders).write(
                {"state": "draft", "adv_ack_state": False, "adv_ack_rule_id": False}
            )
            self.env.flush_all()
            self.env.invalidate_all()
            orders.write({"state": "sale"})  # what action_confirm does before the hook
            _result, queries, seconds = count_queries(self.env, orders._adv_ack_start)
            return orders, queries, seconds

        few_orders, few, _seconds = confirm(2)
        orders, many, seconds = confirm(20)
        self.assertEqual(len(orders.order_line), 4000)
        self.assertFalse(orders.filtered(lambda o: o.adv_ack_state not in ("blocked", "to_send")))
        self.assertTrue(orders.adv_ack_issue_ids, "the failed checks are listed")
        # 3,600 more lines may only add the few queries of reading them in
        # batches of 1,000 (Odoo's prefetch size), never one per line.
        self.assertLessEqual(
            many - few,
            20,
            f"200 orders x 2 lines: {few} queries; 200 orders x 20 lines: {many} queries "
            f"({seconds:.1f}s)",
        )

    def test_confirming_costs_no_query_per_order(self):
        """Deadlines in working hours, states and the activities of blocked
        orders (two handlers) are written set-based: 50 orders confirmed
        together cost the queries of 5. (Odoo then e-mails each handler
        other than the user confirming, one e-mail per activity assigned
        (mail.activity.action_notify): left out of the count.)"""
        self.rule.sla_hours = 16

        def confirm(n_orders):
            orders = self.make_orders(n_orders, 2)
            protected(orders).write(
                {"state": "draft", "adv_ack_state": False, "adv_ack_rule_id": False}
            )
            orders[::2].write({"adv_user_id": self.adv_user.id})
            for index, order in enumerate(orders):
                order.adv_received_date = f"2026-03-{2 + index % 20:02d} {8 + index % 9:02d}:15:00"
            self.env.flush_all()
            self.env.invalidate_all()
            orders.write({"state": "sale"})
            orders = orders.with_context(mail_activity_quick_update=True)
            return orders, count_queries(self.env, orders._adv_ack_start)[1]

        _few_orders, few = confirm(5)
        orders, many = confirm(50)
        self.assertEqual(set(orders.mapped("adv_ack_state")), {"blocked"})
        self.assertEqual(len(orders.activity_ids), 50, "one activity per blocked order")
        self.assertEqual(orders.activity_ids.user_id, self.adv_user | self.env.user)
        for order in orders:
            self.assertIn(order.adv_ack_issue_ids[0].message, str(order.activity_ids.note))
            self.assertEqual(
                order.adv_ack_deadline,
                order._adv_ack_compute_deadline(self.rule),
            )
        self.assertLessEqual(many - few, 5, f"5 orders: {few} queries; 50 orders: {many}")
