# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoices paid late are charged the 40 EUR indemnity and the interest up
to the payment date, once, in one invoice per customer and month."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.adv_orders.protected import protected

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)
PAID = date(2026, 4, 1)  # 30 days late


@tagged("post_install", "-at_install")
class TestDunningLatePayments(AdvDunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "adv_dunning_invoice_late_payments": True,
                "adv_dunning_late_charges_since": date(2026, 1, 1),
            }
        )

    def charge(self, day="2026-05-03"):
        with freeze_time(day):
            return self.env["account.move"]._cron_adv_invoice_late_payments()

    def test_late_payment_charged_once(self):
        """1,000.00 due on 2 March, paid on 1 April, 30 days late, by a
        company: one invoice in May of 40.00 + 1,000.00 x 12 % x 30 / 365 =
        9.86 of interest; the next run, and the next month, nothing."""
        invoice = self.make_invoice(1000.0, DUE)
        self.pay(invoice, payment_date=PAID)
        self.assertFalse(self.charge("2026-04-15"), "April is not over")
        charges = self.charge()
        self.assertEqual(len(charges), 1)
        self.assertEqual(charges.state, "posted")
        self.assertEqual(charges.partner_id, self.customer)
        self.assertEqual(invoice.adv_late_charge_move_id, charges)
        amounts = sorted(charges.invoice_line_ids.mapped("price_unit"))
        self.assertEqual(amounts, [round(1000.0 * 0.12 * 30 / 365, 2), 40.0])
        self.assertEqual(amounts[0], 9.86)
        self.assertEqual(charges.amount_total, 49.86, "no VAT on indemnity and interest")
        self.assertIn(invoice.name, charges.invoice_line_ids[0].name)
        self.assertFalse(self.charge(), "once per invoice")
        self.assertFalse(self.charge("2026-06-02"), "and not the next month")

    def test_two_invoices_one_charge_invoice(self):
        """Two invoices of the customer paid late in April: one invoice with
        four lines; a third paid in May: a second invoice in June."""
        first, second, third = self.make_invoices([(500.0, DUE), (300.0, DUE), (200.0, DUE)])
        self.pay(first, payment_date=PAID)
        self.pay(second, payment_date=date(2026, 4, 20))
        self.pay(third, payment_date=date(2026, 5, 4))
        charges = self.charge()
        self.assertEqual(len(charges), 1)
        self.assertEqual(len(charges.invoice_line_ids), 4)
        self.assertEqual((first | second).adv_late_charge_move_id, charges)
        self.assertFalse(third.adv_late_charge_move_id)
        june = self.charge("2026-06-01")
        self.assertEqual(third.adv_late_charge_move_id, june)

    def test_consumer_pays_interest_only(self):
        invoice = self.make_invoice(1000.0, DUE, partner=self.individual)
        self.pay(invoice, payment_date=PAID)
        charges = self.charge()
        self.assertEqual(charges.invoice_line_ids.mapped("price_unit"), [9.86])

    def test_never_for_an_invoice_on_hold(self):
        invoice = self.make_invoice(1000.0, DUE)
        protected(invoice).adv_hold_reason = "manual"
        protected(invoice).adv_hold_reason = False
        self.assertTrue(invoice.adv_was_on_hold)
        self.pay(invoice, payment_date=PAID)
        self.assertFalse(self.charge())

    def test_on_time_or_setting_off(self):
        on_time = self.make_invoice(1000.0, DUE)
        self.pay(on_time, payment_date=DUE)
        self.assertFalse(self.charge())
        late = self.make_invoice(1000.0, DUE)
        self.pay(late, payment_date=PAID)
        self.company.adv_dunning_invoice_late_payments = False
        self.assertFalse(self.charge())

    def test_payments_before_the_setting_are_not_charged(self):
        invoice = self.make_invoice(1000.0, DUE)
        self.pay(invoice, payment_date=PAID)
        self.company.adv_dunning_late_charges_since = date(2026, 5, 1)
        self.assertFalse(self.charge())
        # switching the option on charges from the current month on
        self.company.write(
            {"adv_dunning_invoice_late_payments": False, "adv_dunning_late_charges_since": False}
        )
        with freeze_time("2026-07-10"):
            self.company.adv_dunning_invoice_late_payments = True
        self.assertEqual(self.company.adv_dunning_late_charges_since, date(2026, 7, 1))

    def test_interest_already_invoiced_by_a_letter(self):
        """A formal notice claimed 40.00 and the interest up to its date and
        invoiced them: the late payment charges the interest of the days
        after it only, and no second indemnity."""
        self.company.adv_dunning_post_charges = True
        invoice = self.make_invoice(1000.0, date(2026, 2, 1))
        self.set_level(invoice, self.l_phone)
        notice = self.run_dunning(date(2026, 3, 18)).letter_ids
        self.send(notice)
        notice.action_confirm_printed()
        self.assertTrue(notice.charge_move_id)
        self.pay(invoice, payment_date=PAID)
        charges = self.charge()
        # 1,000.00 x 12 % x 14 / 365 (18 March to 1 April) = 4.60
        self.assertEqual(charges.invoice_line_ids.mapped("price_unit"), [4.6])
        self.assertFalse(
            notice.charge_move_id.adv_late_charge_move_id, "the charges are not charged"
        )
