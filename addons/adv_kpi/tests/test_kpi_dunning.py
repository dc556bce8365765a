# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.adv_dunning.tests.common import AdvDunningCommon

MARCH = (fields.Date.to_date("2026-03-01"), fields.Date.to_date("2026-03-31"))
D = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestKpiDunning(AdvDunningCommon):
    """Dunning KPIs over March 2026, every figure worked out by hand.

    A reminder sent on 02-02 for I0 (200, paid 02-10): February, not counted.
    One reminder sent on 03-02 for:
      I1 1000, due 02-20, paid in full on 03-20 (18 days after): recovered
      I2  500, due 02-25, paid in full on 04-15 (44 days after): too late
      I3  300, due 02-27, 100 paid on 03-05: not paid, not recovered
    Dunning effectiveness = 1000 / (1000 + 500 + 300) = 55.56 %.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "UTC"
        cls.engine = cls.env["adv.kpi.engine"]
        cls.Definition = cls.env["adv.kpi.definition"]

    def kpi(self, code, period=MARCH):
        definition = self.Definition._for_company(self.company).filtered(lambda d: d.code == code)
        self.assertEqual(len(definition), 1, code)
        return self.engine._compute(definition, self.company, *period)[definition.id]

    def drill(self, code, period=MARCH):
        definition = self.Definition._for_company(self.company).filtered(lambda d: d.code == code)
        model, domain = self.engine._drill_domain(definition, self.company, *period)
        return self.env[model].search(domain)

    def remind(self, when):
        with freeze_time(when):
            run = self.run_dunning(fields.Date.to_date(when[:10]))
            self.send(run.letter_ids)
        self.assertEqual(set(run.letter_ids.mapped("state")), {"sent"})
        return run

    def test_dunning_effectiveness(self):
        i0 = self.make_invoice(200.0, D("2026-01-20"))
        self.remind("2026-02-02 09:00:00")
        self.pay(i0, payment_date=D("2026-02-10"))
        i1, i2, i3 = self.make_invoices(
            [(1000.0, D("2026-02-20")), (500.0, D("2026-02-25")), (300.0, D("2026-02-27"))]
        )
        run = self.remind("2026-03-02 09:00:00")
        self.assertEqual(run.letter_ids.line_ids.move_id, i1 | i2 | i3)
        self.pay(i1, payment_date=D("2026-03-20"))
        self.pay(i2, payment_date=D("2026-04-15"))
        self.pay(i3, amount=100.0, payment_date=D("2026-03-05"))
        result = self.kpi("dunning_effectiveness")
        self.assertAlmostEqual(result["numerator"], 1000.0)
        self.assertAlmostEqual(result["denominator"], 1800.0)
        self.assertAlmostEqual(result["value"], 1000.0 / 1800.0 * 100)
        self.assertEqual(self.drill("dunning_effectiveness").move_id, i1)
        # February: I0 reminded 02-02 and paid 02-10 -> 200 / 200 = 100 %.
        february = (D("2026-02-01"), D("2026-02-28"))
        self.assertAlmostEqual(self.kpi("dunning_effectiveness", february)["value"], 100.0)
        # April: no reminder sent -> no data.
        april = (D("2026-04-01"), D("2026-04-30"))
        self.assertIsNone(self.kpi("dunning_effectiveness", april)["value"])

    def test_collection_recovery_rate(self):
        self.assertIsNone(self.kpi("collection_recovery_rate")["value"], "no case, no data")
        invoice = self.make_invoice(300.0, D("2026-01-15"))
        self.pay(invoice, amount=100.0, payment_date=D("2026-02-01"))
        with freeze_time("2026-03-10"):
            case = self.env["adv.collection.case"].create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "date_open": D("2026-03-10"),
                }
            )
        # Due at opening: 300 - 100 = 200. Then 50 recovered: 50 / 200 = 25 %.
        self.assertAlmostEqual(case.amount_opening, 200.0)
        self.pay(invoice, amount=50.0, payment_date=D("2026-03-20"))
        result = self.kpi("collection_recovery_rate")
        self.assertAlmostEqual(result["numerator"], 50.0)
        self.assertAlmostEqual(result["denominator"], 200.0)
        self.assertAlmostEqual(result["value"], 25.0)
        self.assertEqual(self.drill("collection_recovery_rate"), case)
