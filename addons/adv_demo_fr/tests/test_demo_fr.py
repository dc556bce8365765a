# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The French demo database, as ./adv run makes it: run by ./adv test on the
demo database it installs (the addon is demo data only)."""

from odoo.tests import TransactionCase, tagged

from ..demo.builder import luhn_digit, siren_of, siret_of, vat_of


@tagged("post_install", "-at_install")
class TestDemoFr(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("adv_demo_fr.company", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not self.company:
            self.skipTest("no demo data in this database")

    def months(self, model, domain, field):
        groups = self.env[model]._read_group(
            [("company_id", "=", self.company.id), *domain], [f"{field}:month"], ["__count"]
        )
        return {month for month, _count in groups}

    def test_identifiers(self):
        siren = siren_of(83214567)
        self.assertEqual(len(siren), 9)
        self.assertEqual(luhn_digit(siren[:8]), siren[8])
        self.assertEqual(len(siret_of(siren)), 14)
        self.assertRegex(vat_of(siren), r"^FR\d{11}$")

    def test_french_company(self):
        company = self.company
        self.assertEqual(company.country_id.code, "FR")
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertTrue(company.vat.startswith("FR"))
        self.assertEqual(company.chart_template, "fr")
        tax = self.env["account.tax"].search(
            [("company_id", "=", company.id), ("type_tax_use", "=", "sale"),
             ("amount", "=", 20.0)], limit=1,
        )  # fmt: skip
        self.assertTrue(tax)
        users = self.env["res.users"].search(
            [("company_id", "=", company.id), ("share", "=", False)]
        )
        self.assertGreaterEqual(len(users), 5)
        self.assertEqual(
            set(users.filtered(lambda u: u.login != "admin").mapped("lang")), {"fr_FR"}
        )
        main = self.env.ref("base.main_company")
        self.assertNotEqual(main, company, "Odoo's demo company is left as it is")
        self.assertEqual(self.env.ref("base.user_admin").company_id, company)

    def test_a_year_of_activity(self):
        """Entry errors, sent letters and claims fall in at least 6 months."""
        errors = self.months("adv.order.error", [], "date")
        letters = self.months("adv.dunning.letter", [("state", "=", "sent")], "date")
        claims = self.months("adv.claim", [], "date_received")
        self.assertGreaterEqual(len(errors), 6, errors)
        self.assertGreaterEqual(len(letters), 6, letters)
        self.assertGreaterEqual(len(claims), 6, claims)
        orders = self.env["sale.order"].search_count(
            [("company_id", "=", self.company.id), ("state", "=", "sale")]
        )
        self.assertGreaterEqual(orders, 200)
        Letter = self.env["adv.dunning.letter"]
        for document in ("courteous", "firm", "formal_notice"):
            self.assertTrue(
                Letter.search_count([("company_id", "=", self.company.id),
                                     ("state", "=", "sent"),
                                     ("level_id.document_type", "=", document)]),
                document,
            )  # fmt: skip
        self.assertTrue(
            self.env["adv.collection.case"].search_count([("company_id", "=", self.company.id)])
        )
        self.assertTrue(
            self.env["adv.dunning.promise"].search_count([("company_id", "=", self.company.id)])
        )
        customers = self.env["res.partner"].search(
            [("adv_credit_hold", "=", True), ("adv_dunning_policy_id.company_id", "=",
                                               self.company.id)]
        )  # fmt: skip
        self.assertTrue(customers, "a customer on credit hold")
        stages = self.env["adv.claim"].search([("company_id", "=", self.company.id)]).stage_id
        self.assertEqual(len(stages), 8, "every stage")
        states = set(
            self.env["sale.order"]
            .search([("company_id", "=", self.company.id)])
            .mapped("adv_ack_state")
        )
        self.assertTrue({"acknowledged", "blocked", "to_send"} <= states, states)
        recurring = self.env["adv.claim"].search_count(
            [("company_id", "=", self.company.id), ("is_recurring", "=", True)]
        )
        self.assertTrue(recurring, "a recurring cause")

    def test_customer_satisfaction(self):
        """Answered surveys after deliveries and claims over the year, some
        unhappy with a comment; orders cancelled after confirmation."""
        Report = self.env["adv.kpi.rating.report"]
        domain = [("company_id", "=", self.company.id)]
        for origin in ("delivery", "claim"):
            months = Report._read_group([*domain, ("origin", "=", origin)], ["date:month"])
            self.assertGreaterEqual(len(months), 6, origin)
        unhappy = Report.search([*domain, ("grade", "=", "ko"), ("feedback", "!=", False)])
        self.assertGreaterEqual(len(unhappy.mapped("origin")), 2, "unhappy after both surveys")
        self.assertTrue(
            self.env["rating.rating"].search_count(
                [("adv_company_id", "=", self.company.id), ("consumed", "=", False)]
            ),
            "requests not answered",
        )
        self.assertTrue(
            self.env["sale.order"].search_count(
                [("company_id", "=", self.company.id), ("adv_cancelled_date", "!=", False)]
            ),
            "orders cancelled after confirmation",
        )

    def test_no_impossible_kpi_value(self):
        values = self.env["adv.kpi.value"].search([("company_id", "=", self.company.id)])
        self.assertTrue(values)
        for value in values:
            definition = value.definition_id
            if not value.has_value:
                continue
            if definition.unit == "percent":
                self.assertTrue(0.0 <= value.value <= 100.0, (definition.code, value.value))
            if definition.unit in ("count", "hours", "days"):
                self.assertGreaterEqual(value.value, 0.0, definition.code)
            if definition.unit == "score":
                self.assertTrue(1.0 <= value.value <= 5.0, (definition.code, value.value))
        months = {value.date_from.replace(day=1) for value in values}
        self.assertGreaterEqual(len(months), 12)
