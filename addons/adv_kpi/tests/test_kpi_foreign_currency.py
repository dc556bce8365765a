# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import MARCH, AdvKpiCommon


@tagged("post_install", "-at_install")
class TestKpiForeignCurrency(AdvKpiCommon):
    def test_credit_note_in_another_currency(self):
        # 2 EUR per USD until 03-14, 4 EUR per USD from 03-15.
        eur = self.setup_other_currency("EUR", rates=[("2026-01-01", 2.0), ("2026-03-15", 4.0)])
        self.make_invoice("out_invoice", "2026-03-02", 1000.0, self.alice)
        # 400 EUR on 03-10 at 2 = 200 USD; 400 EUR on 03-20 at 4 = 100 USD.
        self.make_invoice("out_refund", "2026-03-10", 400.0, self.alice, currency=eur)
        self.make_invoice("out_refund", "2026-03-20", 400.0, self.alice, currency=eur)
        # Credit notes: 200 + 100 = 300 USD, not 800.
        self.assertAlmostEqual(self.value("credit_notes_amount", period=MARCH), 300.0)
        # Ratio: 300 / 1000 = 30 %.
        self.assertAlmostEqual(self.value("credit_note_ratio", period=MARCH), 30.0)
