# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from .common import AdvAckCommon


@tagged("post_install", "-at_install")
class TestAckChecks(AdvAckCommon):
    """Each check passes and fails on crafted orders."""

    def test_complete_order_passes_default_checks(self):
        self.assertEqual(self.issues(self.create_order()), [])

    def test_client_ref(self):
        self.assertEqual(
            self.issues(self.create_order(client_order_ref=False)),
            ["The customer's PO reference is missing."],
        )
        self.assertEqual(len(self.issues(self.create_order(client_order_ref="   "))), 1)
        self.rule.check_client_ref = False
        self.assertEqual(self.issues(self.create_order(client_order_ref=False)), [])

    def test_payment_term(self):
        order = self.create_order()
        order.payment_term_id = False
        self.assertEqual(self.issues(order), ["No payment terms are set."])

    def test_delivery_address(self):
        shipping = self.env["res.partner"].create(
            {
                "name": "Durand Lyon warehouse",
                "parent_id": self.customer.id,
                "type": "delivery",
                "street": "ZI Nord",
                "city": "Lyon",
            }
        )
        order = self.create_order(partner_shipping_id=shipping.id)
        self.assertEqual(
            self.issues(order),
            [
                "The delivery address Durand Industries, Durand Lyon warehouse is incomplete: "
                "ZIP, country missing."
            ],
        )
        shipping.write({"zip": "69009", "country_id": self.env.ref("base.fr").id})
        self.assertEqual(self.issues(order), [])

    def test_commitment_date(self):
        self.rule.check_commitment_date = True
        order = self.create_order()
        self.assertEqual(
            self.issues(order), ["No promised delivery date (commitment date) is set."]
        )
        order.commitment_date = "2026-12-01 10:00:00"
        self.assertEqual(self.issues(order), [])

    def _fixed_price(self, pricelist, product, price):
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": pricelist.id,
                "applied_on": "0_product_variant",
                "product_id": product.id,
                "compute_price": "fixed",
                "fixed_price": price,
            }
        )

    def test_price_below_pricelist(self):
        self.rule.write({"check_price": True, "max_price_deviation": 10.0})
        self._fixed_price(self.pricelist, self.product, 15.0)
        order = self.create_order(
            lines=[(self.product, 1.0, {}), (self.product, 1.0, {}), (self.product, 1.0, {})],
            pricelist_id=self.pricelist.id,
        )
        first, second, third = order.order_line
        self.assertEqual(first.price_unit, 15.0)
        second.price_unit = 13.5  # exactly 10 % below: allowed
        third.price_unit = 12.0  # 20 % below
        self.assertEqual(
            self.issues(order),
            [
                "Line 3, Test Product: unit price $ 12.00 is 20.0 % below the pricelist price "
                "$ 15.00; this rule allows 10.0 %."
            ],
        )
        third.price_unit = 16.0  # above the pricelist is always fine
        self.assertEqual(self.issues(order), [])

    def test_price_ignores_sections_and_notes(self):
        self.rule.write({"check_price": True, "max_price_deviation": 0.0, "check_discount": True})
        order = self.create_order()
        order.order_line = [
            Command.create({"display_type": "line_section", "name": "Spare parts"}),
            Command.create({"display_type": "line_note", "name": "Delivered on pallets"}),
        ]
        self.assertEqual(len(order.order_line), 3)
        self.assertEqual(self.issues(order), [])

    def test_zero_price_lines(self):
        self.rule.write({"check_price": True, "max_price_deviation": 50.0})
        free_product = self.env["product.product"].create(
            {"name": "Free sample", "list_price": 0.0, "type": "consu"}
        )
        order = self.create_order(lines=[(free_product, 2.0, {}), (self.product, 1.0, {})])
        self.assertEqual(self.issues(order), [], "a zero pricelist price cannot be undercut")
        order.order_line[1].price_unit = 0.0  # 20.00 given away: 100 % below
        issues = self.issues(order)
        self.assertEqual(len(issues), 1)
        self.assertIn("Line 2, Test Product: unit price $ 0.00 is 100.0 % below", issues[0])

    def test_price_in_pricelist_currency(self):
        """A EUR pricelist in a USD company: prices compare in EUR."""
        self._enable_pricelists()
        eur = self.setup_other_currency("EUR", rates=[("2020-01-01", 2.0)])
        pricelist_eur = self._create_pricelist(name="Export EUR", currency_id=eur.id)
        self.rule.write({"check_price": True, "max_price_deviation": 10.0})
        order = self.create_order(pricelist_id=pricelist_eur.id)
        self.assertEqual(order.currency_id, eur)
        line = order.order_line
        self.assertEqual(line.price_unit, 40.0, "20 USD at 2 EUR per USD")
        line.price_unit = 37.0
        self.assertEqual(self.issues(order), [])
        line.price_unit = 30.0
        issues = self.issues(order)
        self.assertEqual(len(issues), 1)
        self.assertIn("25.0 % below the pricelist price 40.00", issues[0])

    def test_price_in_other_unit(self):
        """Ordered by the dozen: the pricelist price is the dozen's."""
        self.rule.write({"check_price": True, "max_price_deviation": 10.0})
        dozen = self.env.ref("uom.product_uom_dozen")
        order = self.create_order(lines=[(self.product, 2.0, {"product_uom": dozen.id})])
        line = order.order_line
        self.assertEqual(line.price_unit, 240.0)
        line.price_unit = 220.0  # 8.3 % below
        self.assertEqual(self.issues(order), [])
        line.price_unit = 200.0  # 16.7 % below
        issues = self.issues(order)
        self.assertEqual(len(issues), 1)
        self.assertIn("16.7 % below the pricelist price $ 240.00", issues[0])

    def test_discount_ceiling(self):
        self._enable_discounts()
        self.rule.write({"check_discount": True, "max_discount": 20.0})
        order = self.create_order(
            lines=[(self.product, 1.0, {"discount": 20.0}), (self.product, 1.0, {"discount": 25.0})]
        )
        self.assertEqual(
            self.issues(order),
            ["Line 2, Test Product: discount 25.0 % is above the 20.0 % this rule allows."],
        )

    def test_minimum_amount(self):
        self.rule.write({"check_min_amount": True, "min_order_amount": 150.0})
        order = self.create_order(lines=[(self.product, 5.0, {})])  # 100.00
        self.assertEqual(
            self.issues(order),
            ["The untaxed amount $ 100.00 is below the minimum order amount $ 150.00."],
        )
        order.order_line.product_uom_qty = 7.5  # 150.00: enough
        self.assertEqual(self.issues(order), [])

    def test_products_active_and_sellable(self):
        archived = self.env["product.product"].create({"name": "Old model", "list_price": 5.0})
        not_for_sale = self.env["product.product"].create(
            {"name": "Internal part", "list_price": 5.0}
        )
        order = self.create_order(
            lines=[(self.product, 1.0, {}), (archived, 1.0, {}), (not_for_sale, 1.0, {})]
        )
        archived.action_archive()
        not_for_sale.sale_ok = False
        self.assertEqual(
            self.issues(order),
            [
                "Line 2, Old model: the product is archived.",
                "Line 3, Internal part: the product cannot be sold.",
            ],
        )

    def test_credit_hold_hook_without_dunning(self):
        """Without a module that fills the hook, nobody is on credit hold."""
        self.assertTrue(self.rule.check_credit_hold)
        self.assertEqual(self.create_order()._adv_credit_hold_issues(), [])

    def test_several_failures_are_all_listed(self):
        self.rule.write({"check_commitment_date": True})
        order = self.create_order(client_order_ref=False)
        order.payment_term_id = False
        checks = [vals["check"] for vals in self.rule._run_checks(order)]
        self.assertEqual(checks, ["client_ref", "payment_term", "commitment_date"])


@tagged("post_install", "-at_install")
class TestAckLegalPaymentTerms(AdvAckCommon):
    """Code de commerce L441-10 I: 60 days from the invoice date, or 45 days
    end of month, at most."""

    def term(self, name, nb_days, delay_type="days_after"):
        return self.env["account.payment.term"].create(
            {
                "name": name,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 100.0, "nb_days": nb_days,
                         "delay_type": delay_type}
                    )
                ],
            }
        )  # fmt: skip

    def test_legal_maximum(self):
        # 60 days and 45 days end of month are the two legal limits; 30 days end
        # of month then the 10th is within them; 90 days or 61 days are not.
        self.assertFalse(self.term("60 days", 60).adv_beyond_legal_max)
        self.assertFalse(self.term("45 EOM", 45, "days_after_end_of_month").adv_beyond_legal_max)
        self.assertFalse(self.env.ref("account.account_payment_term_30days").adv_beyond_legal_max)
        self.assertTrue(self.term("61 days", 61).adv_beyond_legal_max)
        self.assertTrue(self.term("90 days", 90).adv_beyond_legal_max)
        # 60 days end of month: up to 30 days beyond 60 days from the invoice
        self.assertTrue(self.term("60 EOM", 60, "days_after_end_of_month").adv_beyond_legal_max)
        # and the payment terms form says so
        arch = self.env["account.payment.term"].get_view(view_type="form")["arch"]
        self.assertIn('name="adv_beyond_legal_max"', arch)

    def test_check_blocks_90_days(self):
        self.rule.check_payment_term_legal = True
        order = self.create_order(payment_term_id=self.term("90 days", 90).id)
        self.assertEqual(len(self.issues(order)), 1)
        self.assertIn("legal maximum", self.issues(order)[0])
        order.payment_term_id = self.term("60 days", 60)
        self.assertEqual(self.issues(order), [])
        order.payment_term_id = self.term("45 days end of month", 45, "days_after_end_of_month")
        self.assertEqual(self.issues(order), [])

    def test_on_by_default_for_french_companies(self):
        self.env.company.country_id = self.env.ref("base.fr")
        self.assertTrue(self.env["adv.ack.rule"].create({"name": "FR"}).check_payment_term_legal)
        self.env.company.country_id = self.env.ref("base.us")
        self.assertFalse(self.env["adv.ack.rule"].create({"name": "US"}).check_payment_term_legal)
