# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""NaN and infinite numbers, which a JSON-RPC client can send, are refused
with a clear error and change nothing."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AdvAckCommon

NOT_NUMBERS = (float("nan"), float("inf"), float("-inf"))


@tagged("post_install", "-at_install")
class TestBadNumbers(AdvAckCommon):
    def test_order_line_quantity_and_price(self):
        Order = self.env["sale.order"].with_user(self.salesman)
        for value in NOT_NUMBERS:
            for fname in ("product_uom_qty", "price_unit", "discount"):
                with self.subTest(value=value, field=fname), self.assertRaises(ValidationError):
                    Order.create(
                        {
                            "partner_id": self.customer.id,
                            "client_order_ref": "PO-NAN",
                            "order_line": [
                                Command.create({"product_id": self.product.id, fname: value})
                            ],
                        }
                    )
        self.assertFalse(self.env["sale.order"].search([("client_order_ref", "=", "PO-NAN")]))
        order = self.create_order(user_id=self.salesman.id)
        line = order.order_line.with_user(self.salesman)
        for value in NOT_NUMBERS:
            with self.subTest(value=value), self.assertRaises(ValidationError):
                line.write({"product_uom_qty": value})
        self.assertEqual(order.order_line.product_uom_qty, 5.0)

    def test_rule_and_settings(self):
        rule = self.rule.with_user(self.adv_manager)
        for value in NOT_NUMBERS:
            for fname in ("sla_hours", "max_discount", "max_price_deviation", "min_order_amount"):
                with self.subTest(value=value, field=fname), self.assertRaises(ValidationError):
                    with self.env.cr.savepoint():
                        rule.write({fname: value})
            with self.subTest(value=value), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.env.company.adv_ack_escalation_hours = value
        self.assertEqual(self.rule.sla_hours, 8)
