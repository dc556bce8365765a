# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.adv_orders.protected import protected

from .common import AdvAckCommon


@tagged("post_install", "-at_install")
class TestAckRules(AdvAckCommon):
    def match(self, order):
        return self.env["adv.ack.rule"]._match_orders(order)[order.id]

    def test_first_rule_by_sequence(self):
        edi = self.env.ref("adv_orders.intake_channel_edi")
        edi_rule = self.rule.copy({"name": "EDI", "sequence": 5, "channel_ids": [(6, 0, edi.ids)]})
        self.assertEqual(self.match(self.create_order(adv_intake_channel="edi")), edi_rule)
        self.assertEqual(self.match(self.create_order(adv_intake_channel="phone")), self.rule)
        edi_rule.sequence = 20
        self.assertEqual(self.match(self.create_order(adv_intake_channel="edi")), self.rule)

    def test_company(self):
        other_company = self._create_company(name="ADV Other Co")
        self.rule.company_id = other_company
        order = self.create_order()
        self.assertFalse(self.match(order))
        self.rule.company_id = False  # every company
        self.assertEqual(self.match(order), self.rule)
        self.rule.company_id = self.env.company
        self.assertEqual(self.match(order), self.rule)

    def test_rule_of_another_company_on_an_order(self):
        other_company = self._create_company(name="ADV Other Co")
        foreign_rule = self.rule.copy({"company_id": other_company.id})
        order = self.create_order()
        with self.assertRaises(UserError):
            protected(order).adv_ack_rule_id = foreign_rule

    def test_partner_domain_and_tags(self):
        key_accounts = self.env["res.partner.category"].create({"name": "Key account"})
        self.rule.partner_category_ids = key_accounts
        order = self.create_order()
        self.assertFalse(self.match(order))
        self.customer.category_id = key_accounts
        self.assertEqual(self.match(order), self.rule)
        self.rule.write(
            {"partner_category_ids": [(5,)], "partner_domain": "[('city', '=', 'Paris')]"}
        )
        self.assertFalse(self.match(order))
        self.rule.partner_domain = "[('city', '=', 'Lyon')]"
        self.assertEqual(self.match(order), self.rule)
        # a contact of the customer matches through its company
        contact = self.env["res.partner"].create(
            {"name": "Paul Buyer", "parent_id": self.customer.id, "city": "Paris"}
        )
        self.assertEqual(self.match(self.create_order(partner_id=contact.id)), self.rule)

    def test_sales_team(self):
        team, other_team = self.env["crm.team"].create([{"name": "Export"}, {"name": "Retail"}])
        self.rule.team_ids = team
        self.assertFalse(self.match(self.create_order(team_id=other_team.id)))
        self.assertEqual(self.match(self.create_order(team_id=team.id)), self.rule)

    def test_minimum_untaxed_amount_in_company_currency(self):
        self._enable_pricelists()
        eur = self.setup_other_currency("EUR", rates=[("2020-01-01", 2.0)])
        self.rule.min_amount_untaxed = 100.0  # USD
        order_eur = self.create_order(pricelist_id=self._create_pricelist(currency_id=eur.id).id)
        order_eur.order_line.price_unit = 39.0  # 5 x 39 EUR = 195 EUR = 97.50 USD
        self.assertFalse(self.match(order_eur))
        order_eur.order_line.price_unit = 40.0  # 200 EUR = 100 USD
        self.assertEqual(self.match(order_eur), self.rule)

    def test_no_rule_means_not_required(self):
        self.rule.action_archive()
        order = self.create_order()
        order.action_confirm()
        self.assertEqual(order.adv_ack_state, "not_required")
        self.assertFalse(order.adv_ack_deadline)

    def test_bad_limits_are_refused(self):
        for vals in (
            {"sla_hours": -1},
            {"max_price_deviation": 120},
            {"max_price_deviation": -5},
            {"max_discount": 100.5},
            {"min_order_amount": -10},
            {"partner_domain": "[('no_such_field', '=', 1)]"},
            {"partner_domain": "not a domain"},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaises(ValidationError),
                mute_logger("odoo.sql_db"),
            ):
                self.env["adv.ack.rule"].create({"name": "Bad", **vals})
        self.assertFalse(self.env["adv.ack.rule"].search([("name", "=", "Bad")]))
        with self.assertRaises(ValidationError):
            self.rule.write({"sla_hours": -0.5, "name": "Renamed"})
        self.assertEqual(self.rule.sla_hours, 8)

    def test_only_managers_edit_rules(self):
        self.rule.with_user(self.adv_user).read(["name"])
        with self.assertRaises(AccessError):
            self.rule.with_user(self.adv_user).write({"sla_hours": 4})
        self.rule.with_user(self.adv_manager).write({"sla_hours": 4})
        self.assertEqual(self.rule.sla_hours, 4)

    def test_company_isolation(self):
        other_company = self._create_company(name="ADV Other Co")
        foreign_rule = self.rule.copy({"name": "Other Co rule", "company_id": other_company.id})
        shared_rule = self.rule.copy({"name": "Shared rule", "company_id": False})
        foreign_order = self.create_order(company_id=other_company.id)
        foreign_error = self.env["adv.order.error"].create(
            {"order_id": foreign_order.id, "description": "Wrong address", "error_type": "address"}
        )
        own_error = self.env["adv.order.error"].create(
            {
                "order_id": self.create_order().id,
                "description": "Wrong price",
                "error_type": "price",
            }
        )
        Rule = self.env["adv.ack.rule"].with_user(self.adv_manager)
        visible = Rule.search([("id", "in", (self.rule | foreign_rule | shared_rule).ids)])
        self.assertEqual(visible, self.rule | shared_rule)
        Error = self.env["adv.order.error"].with_user(self.adv_user)
        self.assertEqual(Error.search([("id", "in", (foreign_error | own_error).ids)]), own_error)
        with self.assertRaises(AccessError):
            foreign_rule.with_user(self.adv_manager).read(["name"])
