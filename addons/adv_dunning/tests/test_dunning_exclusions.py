# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.adv_orders.protected import protected

from .common import AdvDunningCommon

DUE = date(2026, 3, 2)
RUN = DUE + timedelta(days=20)


@tagged("post_install", "-at_install")
class TestDunningExclusions(AdvDunningCommon):
    def test_paid_and_partial(self):
        paid, partial, open_ = self.make_invoices([(100.0, DUE), (200.0, DUE), (300.0, DUE)])
        self.pay(paid)
        self.pay(partial, amount=50.0)
        run = self.run_dunning(RUN)
        self.assertFalse(self.line_of(run, paid), "a paid invoice is not reminded")
        self.assertEqual(self.line_of(run, partial).amount_due, 150.0, "only what is left")
        self.assertEqual(self.line_of(run, open_).amount_due, 300.0)

    def test_each_hold_reason(self):
        # every reason known to this database (adv_claims adds "dispute")
        reasons = [
            value for value, _label in self.env["account.move"]._fields["adv_hold_reason"].selection
        ]
        invoices = self.make_invoices([(100.0, DUE)] * (len(reasons) + 1))
        for invoice, reason in zip(invoices, reasons, strict=False):
            protected(invoice).adv_hold_reason = reason
        run = self.run_dunning(RUN)
        self.assertEqual(run.letter_ids.line_ids.move_id, invoices[-1])

    def test_manual_hold_wizard(self):
        invoice = self.make_invoice(100.0, DUE)
        wizard = (
            self.env["adv.invoice.hold"]
            .with_user(self.adv_user)
            .create({"move_ids": [Command.set(invoice.ids)], "reason": "Checking the delivery"})
        )
        wizard.action_confirm()
        self.assertEqual(invoice.adv_hold_reason, "manual")
        self.assertEqual(invoice.adv_hold_note, "Checking the delivery")
        self.assertFalse(self.run_dunning(RUN).letter_ids)
        invoice.with_user(self.adv_user).action_adv_release_hold()
        self.assertTrue(self.run_dunning(RUN).letter_ids)

    def test_opt_out(self):
        self.make_invoice(100.0, DUE)
        self.customer.write({"adv_dunning_opt_out": True, "adv_dunning_opt_out_reason": "Group"})
        self.assertFalse(self.run_dunning(RUN).letter_ids)

    def test_threshold(self):
        self.policy.min_amount = 250.0
        self.make_invoices([(100.0, DUE), (100.0, DUE)])
        self.make_invoices([(300.0, DUE)], partner=self.individual)
        run = self.run_dunning(RUN)
        self.assertEqual(run.letter_ids.partner_id, self.individual, "200 is under 250")
        self.make_invoice(50.0, DUE)
        run = self.run_dunning(RUN)
        self.assertEqual(run.letter_ids.partner_id, self.customer, "250 reaches the threshold")

    def test_minimum_gap(self):
        self.policy.min_gap_days = 10
        first = self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=1))
        self.send(run.letter_ids)
        self.assertEqual(first.adv_dunning_level_id, self.l_courteous)
        second = self.make_invoice(100.0, DUE + timedelta(days=5))
        run = self.run_dunning(DUE + timedelta(days=10))
        self.assertFalse(run.letter_ids, "reminded 9 days ago: within the gap")
        run = self.run_dunning(DUE + timedelta(days=11))
        lines = run.letter_ids.line_ids
        self.assertEqual(lines.move_id, first | second, "10 days later: every overdue invoice")
        self.assertEqual(lines.filtered("level_id").move_id, second, "the new one rises")

    def test_run_twice_writes_nothing(self):
        self.policy.min_gap_days = 7
        self.make_invoices([(100.0, DUE), (200.0, DUE - timedelta(days=20))])
        first = self.run_dunning(RUN)
        self.assertEqual(len(first.letter_ids.line_ids), 2)
        second = self.run_dunning(RUN)
        self.assertFalse(second.letter_ids, "the letters of the first run are pending")
        self.send(first.letter_ids)
        third = self.run_dunning(RUN)
        self.assertFalse(third.letter_ids, "reminded today: nothing new until the gap is over")
        fourth = self.run_dunning(RUN + timedelta(days=7))
        self.assertEqual(fourth.letter_ids.level_id, self.l_firm, "then one step up")

    def test_next_level_after_send(self):
        invoice = self.make_invoice(100.0, DUE)
        run = self.run_dunning(DUE + timedelta(days=2))
        self.assertFalse(invoice.adv_dunning_level_id, "the level moves only when sent")
        self.send(run.letter_ids)
        self.assertEqual(invoice.adv_dunning_level_id, self.l_courteous)
        self.assertEqual(invoice.adv_dunning_date, date.today())
        run = self.run_dunning(DUE + timedelta(days=15))
        self.assertEqual(self.line_of(run, invoice).level_id, self.l_firm)
        self.assertEqual(self.line_of(run, invoice).previous_level_id, self.l_courteous)

    def test_broken_promise(self):
        invoice = self.make_invoice(500.0, DUE)
        with freeze_time(DUE):  # promised on the due date, for 10 days later
            promise = (
                self.env["adv.dunning.promise"]
                .with_user(self.adv_user)
                .create(
                    {
                        "partner_id": self.customer.id,
                        "move_ids": [Command.set(invoice.ids)],
                        "date": DUE + timedelta(days=10),
                        "amount": 500.0,
                    }
                )
            )
        self.assertEqual(invoice.adv_hold_reason, "promise")
        self.assertFalse(self.run_dunning(DUE + timedelta(days=5)).letter_ids)
        with freeze_time(DUE + timedelta(days=10)):
            self.env["adv.dunning.promise"]._cron_check_promises()
        self.assertEqual(promise.state, "open", "the promised day is not over")
        with freeze_time(DUE + timedelta(days=11)):
            broken = self.env["adv.dunning.promise"]._cron_check_promises()
        self.assertEqual(broken, promise)
        self.assertEqual(promise.state, "broken")
        self.assertFalse(invoice.adv_hold_reason, "a broken promise releases the hold")
        run = self.run_dunning(DUE + timedelta(days=11))
        self.assertEqual(self.line_of(run, invoice).level_id, self.l_courteous)

    def test_kept_promise(self):
        invoice = self.make_invoice(500.0, DUE)
        with freeze_time(DUE):
            promise = self.env["adv.dunning.promise"].create(
                {
                    "partner_id": self.customer.id,
                    "move_ids": [Command.set(invoice.ids)],
                    "date": DUE + timedelta(days=10),
                    "amount": 500.0,
                }
            )
        self.pay(invoice)
        with freeze_time(DUE + timedelta(days=11)):
            self.env["adv.dunning.promise"]._cron_check_promises()
        self.assertEqual(promise.state, "kept")

    def test_collection_case_stops_reminders(self):
        invoice, other = self.make_invoices([(100.0, DUE), (200.0, DUE)])
        case = (
            self.env["adv.collection.case"]
            .with_user(self.adv_user)
            .create({"partner_id": self.customer.id, "invoice_ids": [Command.set(invoice.ids)]})
        )
        self.assertEqual(case.amount_opening, 100.0)
        run = self.run_dunning(RUN)
        self.assertEqual(run.letter_ids.line_ids.move_id, other)
        case.stage = "written_off"
        self.assertTrue(case.date_closed)
        run = self.run_dunning(RUN)
        self.assertEqual(run.letter_ids.line_ids.move_id, invoice, "a closed case releases it")

    def test_collection_level_opens_case(self):
        invoice = self.make_invoice(100.0, DUE)
        self.set_level(invoice, self.l_notice)
        run = self.run_dunning(DUE + timedelta(days=60))
        letter = run.letter_ids
        self.assertEqual(letter.level_id, self.l_collection)
        self.send(letter)
        self.assertEqual(letter.state, "to_print", "a letter waits to be printed")
        letter.action_confirm_printed()
        self.assertEqual(letter.state, "sent")
        case = letter.collection_case_id
        self.assertTrue(case)
        self.assertEqual(case.invoice_ids, invoice)
        self.assertEqual(case.stage, "amicable")
        self.assertEqual(case.amount_residual, 100.0)
        self.pay(invoice, amount=40.0)
        self.assertEqual(case.amount_residual, 60.0, "the amount due follows the payments")
        self.assertFalse(self.run_dunning(DUE + timedelta(days=200)).letter_ids)

    def test_credits_reduce_claim(self):
        self.make_invoice(1000.0, DUE)
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.customer.id,
                "invoice_date": DUE,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Return", "quantity": 1, "price_unit": 150.0, "tax_ids": []}
                    )
                ],
            }
        )
        refund.action_post()
        letter = self.run_dunning(RUN).letter_ids
        self.assertEqual(letter.amount_due, 1000.0)
        self.assertEqual(letter.amount_credit, 150.0)
        self.assertEqual(letter.amount_total, 850.0)
