# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import AdvKpiDataCommon


@tagged("post_install", "-at_install")
class TestKpiCash(AdvKpiDataCommon):
    def test_dso(self):
        # Receivables on 03-31: I1 1000 + I2 500 + I4 2000 - 400 paid + I5 700
        # + I6 250 - R1 100 - R2 100 = 3850.
        # Credit sales of the 90 days ending 03-31 (01-01 excluded .. 03-31):
        # I1 1000 + I2 500 + I4 2000 + I6 250 - R1 100 - R2 100 = 3550 (I5 is
        # older; I3 is a draft).
        # DSO = 3850 / 3550 x 90 = 97.61 days.
        result = self.kpi("dso")
        self.assertAlmostEqual(result["numerator"], 3850.0)
        self.assertAlmostEqual(result["denominator"], 3550.0)
        self.assertAlmostEqual(result["value"], 3850.0 / 3550.0 * 90)

    def test_dso_window_is_tunable(self):
        # With N = 30: sales of 03-02 .. 03-31 = 1000 + 500 - 100 - 100 = 1300;
        # DSO = 3850 / 1300 x 30 = 88.85 days.
        self.env.ref("adv_kpi.kpi_dso").window_days = 30
        self.assertAlmostEqual(self.value("dso"), 3850.0 / 1300.0 * 30)

    def test_overdue_buckets(self):
        # Open items on 03-31, by days past due, invoices only:
        # not due: I1 due 04-02 -> 1000
        # 1-30: I2 16 days 500 -> 500
        # 31-60: I4 49 days, 2000 - 400 paid -> 1600
        # 61-90: I6 75 days -> 250
        # over 90: I5 120 days -> 700
        # and apart, as a positive amount, the open credit notes R1 100 + R2 100
        expected = {
            "receivables_not_due": 1000.0,
            "overdue_1_30": 500.0,
            "overdue_31_60": 1600.0,
            "overdue_61_90": 250.0,
            "overdue_over_90": 700.0,
            "unapplied_credits": 200.0,
        }
        for code, amount in expected.items():
            self.assertAlmostEqual(self.value(code), amount, msg=code)
        # The buckets less the credits are the receivables of the DSO.
        due = sum(amount for code, amount in expected.items() if code != "unapplied_credits")
        self.assertAlmostEqual(due - expected["unapplied_credits"], self.kpi("dso")["numerator"])

    def test_cash_ignores_the_handler(self):
        # Cash indicators are company-wide: the handler filter leaves them as is.
        self.assertAlmostEqual(self.value("dso", handler=self.bob), self.value("dso"))
        self.assertAlmostEqual(
            self.value("overdue_31_60", handler=self.bob), self.value("overdue_31_60")
        )
