# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a customer is reminded of: its overdue instalments, net of its
credits, less what is disputed or promised, in one letter per run."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AdvDunningCommon

RUN = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningArithmetic(AdvDunningCommon):
    def left_out(self, run, partner=None):
        return run.left_out_ids.filtered(lambda left: left.partner_id == (partner or self.customer))

    def make_refund(self, amount, partner=None):
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": (partner or self.customer).id,
                "invoice_date": RUN - timedelta(days=20),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Return", "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        refund.action_post()
        return refund

    # ------------------------------------------------------------------
    # Instalments, receivable entries, tolerance
    # ------------------------------------------------------------------
    def test_instalment_reminded_from_its_own_due_date(self):
        """1,000 in two instalments: 30 % ten days after the invoice date, 70 %
        after sixty days. Fifty days after the invoice, the first instalment
        is 40 days overdue and the second one due in ten days: the reminder
        claims 300.00, due on day 10, 40 days late."""
        terms = self.env["account.payment.term"].create(
            {
                "name": "30 % at 10 days, 70 % at 60 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 10}),
                    Command.create({"value": "percent", "value_amount": 70.0, "nb_days": 60}),
                ],
            }
        )
        invoice_date = RUN - timedelta(days=50)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": invoice_date,
                "invoice_payment_term_id": terms.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Goods", "quantity": 1, "price_unit": 1000.0, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        self.assertEqual(invoice.invoice_date_due, invoice_date + timedelta(days=60))
        line = self.line_of(self.run_dunning(RUN), invoice)
        self.assertEqual(line.amount_due, 300.0)
        self.assertEqual(line.due_date, invoice_date + timedelta(days=10))
        self.assertEqual(line.days_overdue, 40)
        self.assertEqual(line.level_id, self.l_courteous)
        self.assertEqual(line.letter_id.amount_total, 300.0)

    def test_receivable_entry_and_tolerance(self):
        """A receivable journal entry (an opening balance) is chased like an
        invoice; a residual under the company's tolerance (1.00) is not."""
        receivable = self.customer.property_account_receivable_id
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.company.id)], limit=1
        )
        other = self.env["account.account"].search(
            [("account_type", "=", "equity"), ("company_ids", "in", self.company.ids)], limit=1
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": RUN - timedelta(days=20),
                "line_ids": [
                    Command.create(
                        {
                            "account_id": receivable.id,
                            "partner_id": self.customer.id,
                            "debit": 350.0,
                            "date_maturity": RUN - timedelta(days=20),
                        }
                    ),
                    Command.create({"account_id": other.id, "credit": 350.0}),
                ],
            }
        )
        entry.action_post()
        cents = self.make_invoice(0.99, RUN - timedelta(days=20))
        run = self.run_dunning(RUN)
        self.assertEqual(run.letter_ids.line_ids.move_id, entry)
        self.assertEqual(run.letter_ids.amount_due, 350.0)
        self.assertFalse(self.line_of(run, cents), "0.99 is under the tolerance of 1.00")
        self.company.adv_dunning_tolerance = 0.5
        run.action_cancel()
        run = self.run_dunning(RUN)
        self.assertTrue(self.line_of(run, cents))
        with self.assertRaises(ValidationError):
            self.company.adv_dunning_tolerance = -1.0

    # ------------------------------------------------------------------
    # Net of credits, left-out list
    # ------------------------------------------------------------------
    def test_credits_exceeding_overdue_give_no_letter(self):
        """Overdue 500.00, credit note 600.00: nothing is due net (-100.00):
        no letter, and the run says why."""
        self.make_invoice(500.0, RUN - timedelta(days=10))
        self.make_refund(600.0)
        run = self.run_dunning(RUN)
        self.assertFalse(run.letter_ids)
        left = self.left_out(run)
        self.assertEqual(left.reason, "net_zero")
        self.assertEqual((left.amount_overdue, left.amount_credit, left.amount_net),
                         (500.0, 600.0, -100.0))  # fmt: skip
        # the scheduled run neither
        self.env["adv.dunning.run"].sudo()._cron_daily_run()
        letters = self.env["adv.dunning.letter"].search([("partner_id", "=", self.customer.id)])
        self.assertFalse(letters)

    def test_credits_reduce_the_amount_to_pay(self):
        """Overdue 500.00 + 400.00, credit note 600.00: 300.00 to pay. Removing
        the 500.00 invoice in review would leave -200.00: the letter cannot
        be sent."""
        first, second = self.make_invoices(
            [(500.0, RUN - timedelta(days=10)), (400.0, RUN - timedelta(days=12))]
        )
        self.make_refund(600.0)
        letter = self.run_dunning(RUN).letter_ids
        self.assertEqual((letter.amount_due, letter.amount_credit, letter.amount_total),
                         (900.0, 600.0, 300.0))  # fmt: skip
        letter.line_ids.filtered(lambda line: line.move_id == first).unlink()
        self.assertEqual(letter.amount_total, 0.0, "never below zero")
        with self.assertRaises(UserError):
            letter._action_queue()
        self.assertEqual(letter.state, "draft")

    def test_left_out_reasons(self):
        """Each customer with overdue invoices and no letter is listed with
        its reason; a customer reminded is not."""
        self.policy.min_amount = 100.0
        small = self.env["res.partner"].create({"name": "Small", "is_company": True})
        held = self.env["res.partner"].create({"name": "Held", "is_company": True})
        optout = self.env["res.partner"].create(
            {
                "name": "Opted Out",
                "is_company": True,
                "adv_dunning_opt_out": True,
                "adv_dunning_opt_out_reason": "Public body: paid by mandate",
            }
        )
        due = RUN - timedelta(days=10)
        self.make_invoice(50.0, due, partner=small)
        held_invoice = self.make_invoice(200.0, due, partner=held)
        held_invoice.sudo().adv_hold_reason = "manual"
        self.make_invoice(300.0, due, partner=optout)
        self.make_invoice(400.0, due)
        run = self.run_dunning(RUN)
        self.assertEqual(run.letter_ids.partner_id, self.customer)
        reasons = {left.partner_id: left.reason for left in run.left_out_ids}
        self.assertEqual(reasons, {small: "under_minimum", held: "hold", optout: "excluded"})
        self.assertEqual(run.left_out_count, 3)
        self.assertEqual(self.left_out(run, held).amount_overdue, 200.0)
        # read by the ADV user, written by the run only
        self.assertEqual(len(run.with_user(self.adv_user).left_out_ids), 3)
        with self.assertRaises(Exception):  # noqa: B017 - AccessError
            self.left_out(run, held).with_user(self.adv_user).write({"reason": "gap"})
        # computing again gives the same list, not twice
        run.action_compute()
        self.assertEqual(run.left_out_count, 3)
        # a customer without a policy of its own, and no default policy
        lonely = self.env["res.partner"].create({"name": "No Policy", "is_company": True})
        self.make_invoice(100.0, RUN - timedelta(days=10), partner=lonely)
        self.customer.adv_dunning_policy_id = self.policy
        self.company.adv_dunning_policy_id = False
        run.letter_ids.unlink()
        run = self.run_dunning(RUN + timedelta(days=1))
        self.assertEqual(run.letter_ids.partner_id, self.customer)
        self.assertEqual(self.left_out(run, lonely).reason, "no_policy")

    # ------------------------------------------------------------------
    # One letter per customer
    # ------------------------------------------------------------------
    def test_one_letter_at_the_highest_level(self):
        """Invoices 10, 40 and 75 days overdue, never reminded, reminded at the
        courteous level and at the phone level: one letter at the formal
        notice level, three lines at their own levels (courteous, firm,
        formal notice). Only the notice line carries the indemnity (40.00)
        and interest: 1,000.00 x 12 % x 75 / 365 = 24.66."""
        ten, forty, seventy_five = self.make_invoices(
            [
                (100.0, RUN - timedelta(days=10)),
                (200.0, RUN - timedelta(days=40)),
                (1000.0, RUN - timedelta(days=75)),
            ]
        )
        self.set_level(forty, self.l_courteous)
        self.set_level(seventy_five, self.l_phone)
        run = self.run_dunning(RUN)
        letter = run.letter_ids
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.level_id, self.l_notice)
        self.assertTrue(letter.is_registered, "the channels of the highest level")
        levels = {line.move_id: line.level_id for line in letter.line_ids}
        self.assertEqual(
            levels, {ten: self.l_courteous, forty: self.l_firm, seventy_five: self.l_notice}
        )
        notice = self.line_of(run, seventy_five)
        self.assertEqual(notice.fee, 40.0)
        self.assertEqual(notice.interest, round(1000.0 * 0.12 * 75 / 365, 2))
        self.assertEqual(notice.interest, 24.66)
        self.assertFalse(self.line_of(run, ten).fee + self.line_of(run, forty).fee)
        self.assertEqual(letter.amount_total, 1300.0 + 40.0 + 24.66)
        self.send(letter)
        letter.action_confirm_printed()
        self.assertEqual(
            (ten.adv_dunning_level_id, forty.adv_dunning_level_id,
             seventy_five.adv_dunning_level_id),
            (self.l_courteous, self.l_firm, self.l_notice),
        )  # fmt: skip
        # the next run escalates each invoice from its own level
        run = self.run_dunning(RUN + timedelta(days=20))
        self.assertEqual(self.line_of(run, ten).level_id, self.l_firm)
        self.assertEqual(self.line_of(run, forty).level_id, self.l_phone)
        self.assertFalse(
            self.line_of(run, seventy_five), "eight days from the receipt of the notice first"
        )

    def test_invoice_listed_at_its_level(self):
        """An overdue invoice that does not rise is listed at the level it
        has, claims its amount, and keeps its level when the letter is sent."""
        old, new = self.make_invoices(
            [(300.0, RUN - timedelta(days=10)), (100.0, RUN - timedelta(days=2))]
        )
        self.set_level(old, self.l_courteous)
        letter = self.run_dunning(RUN).letter_ids
        self.assertEqual(letter.level_id, self.l_courteous)
        listed = letter.line_ids.filtered(lambda line: line.move_id == old)
        self.assertFalse(listed.level_id)
        self.assertEqual(listed.previous_level_id, self.l_courteous)
        self.assertEqual(letter.amount_total, 400.0)
        self.send(letter)
        self.assertEqual(new.adv_dunning_level_id, self.l_courteous)
        self.assertEqual(old.adv_dunning_level_id, self.l_courteous)
        # and a letter where nothing rises any more cannot be sent
        letter2 = self.run_dunning(RUN + timedelta(days=20)).letter_ids
        letter2.line_ids.filtered("level_id").unlink()
        with self.assertRaises(UserError):
            letter2._action_queue()

    # ------------------------------------------------------------------
    # Partial holds
    # ------------------------------------------------------------------
    def test_partial_dispute(self):
        """A dispute of 640.00 on an invoice of 2,236.00 holds 640.00 only:
        the line shows 2,236.00, 640.00 disputed and claims 1,596.00."""
        invoice = self.make_invoice(2236.0, RUN - timedelta(days=10))
        invoice.sudo().write({"adv_hold_reason": "manual", "adv_hold_amount": 640.0})
        line = self.line_of(self.run_dunning(RUN), invoice)
        self.assertEqual((line.amount_open, line.amount_held, line.amount_due),
                         (2236.0, 640.0, 1596.0))  # fmt: skip
        self.assertEqual(line.letter_id.amount_total, 1596.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("adv_dunning.action_report_adv_dunning_letter", line.letter_id.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Disputed", html)
        self.assertIn("1,596.00", html)
        # the whole invoice held: left out
        line.letter_id.unlink()
        invoice.sudo().adv_hold_amount = 0.0
        run = self.run_dunning(RUN)
        self.assertFalse(run.letter_ids)
        self.assertEqual(self.left_out(run).reason, "hold")

    def test_hold_amount_bad_input(self):
        invoice = self.make_invoice(1000.0, RUN - timedelta(days=10))
        for amount in (-1.0, 1000.01):
            with self.assertRaises(ValidationError):
                invoice.sudo().write({"adv_hold_reason": "manual", "adv_hold_amount": amount})
        self.assertFalse(invoice.adv_hold_reason)

    def test_partial_promise(self):
        """A promise of 400.00 on an invoice of 1,000.00 holds 400.00 until
        its date: the run claims 600.00; a promise above what the invoices
        owe is refused."""
        invoice = self.make_invoice(1000.0, RUN - timedelta(days=10))
        Promise = self.env["adv.dunning.promise"].with_user(self.adv_user)
        with self.assertRaises(ValidationError):
            Promise.create(
                {"partner_id": self.customer.id, "move_ids": [Command.set(invoice.ids)],
                 "date": RUN + timedelta(days=30), "amount": 1000.01}
            )  # fmt: skip
        with freeze_time(RUN.isoformat()):
            promise = Promise.create(
                {"partner_id": self.customer.id, "move_ids": [Command.set(invoice.ids)],
                 "date": RUN + timedelta(days=30), "amount": 400.0}
            )  # fmt: skip
        self.assertEqual((invoice.adv_hold_reason, invoice.adv_hold_amount), ("promise", 400.0))
        line = self.line_of(self.run_dunning(RUN), invoice)
        self.assertEqual((line.amount_held, line.amount_due), (400.0, 600.0))
        promise.action_cancel()
        self.assertEqual((invoice.adv_hold_reason, invoice.adv_hold_amount), (False, 0.0))

    # ------------------------------------------------------------------
    # Formal notice: proof, delay from receipt, what stays claimed
    # ------------------------------------------------------------------
    def test_formal_notice_proof_and_escalation(self):
        """After a formal notice claiming 40.00 and 1,000.00 x 12 % x 45 / 365
        = 14.79 of interest, the collection letter waits for eight days from
        the receipt, then carries the 54.79 claimed, and the interest of the
        days since when its level claims interest."""
        self.l_collection.charge_interest = True
        invoice = self.make_invoice(1000.0, RUN - timedelta(days=45))
        self.set_level(invoice, self.l_phone)
        notice = self.run_dunning(RUN).letter_ids
        self.assertEqual(notice.level_id, self.l_notice)
        self.assertEqual(self.line_of(notice.run_id, invoice).interest, 14.79)
        self.send(notice)
        notice.action_confirm_printed()
        # proof of the registered letter, recorded by the ADV user
        with self.assertRaises(ValidationError):
            notice.with_user(self.adv_user).receipt_date = RUN - timedelta(days=1)
        run = self.run_dunning(RUN + timedelta(days=15))
        self.assertFalse(run.letter_ids, "60 days overdue, but the receipt is not recorded")
        self.assertEqual(self.left_out(run).reason, "notice")
        run.action_cancel()
        notice.with_user(self.adv_user).write(
            {"registered_number": "1A 234 567 8901 2", "registered_date": RUN + timedelta(days=10),
             "receipt_date": RUN + timedelta(days=14)}
        )  # fmt: skip
        # eight days from the receipt: not before RUN + 22
        run = self.run_dunning(RUN + timedelta(days=21))
        self.assertFalse(run.letter_ids)
        self.assertEqual(self.left_out(run).reason, "notice")
        run = self.run_dunning(RUN + timedelta(days=22))
        line = self.line_of(run, invoice)
        self.assertEqual(line.level_id, self.l_collection)
        self.assertEqual((line.fee_before, line.interest_before), (40.0, 14.79))
        self.assertEqual(line.interest_date_from, RUN)
        # 1,000.00 x 12 % x 22 / 365 = 7.23, for the days after the notice only
        self.assertEqual(line.interest, 7.23)
        self.assertFalse(line.fee, "the indemnity is claimed once")
        letter = line.letter_id
        self.assertEqual(letter.amount_before, 54.79)
        self.assertEqual(
            letter.amount_total,
            letter.amount_due + letter.amount_interest + letter.amount_before,
        )

    def test_formal_notice_lists_earlier_reminders(self):
        invoice = self.make_invoice(1000.0, RUN - timedelta(days=46))
        first = self.run_dunning(RUN - timedelta(days=45)).letter_ids
        self.send(first)
        self.set_level(invoice, self.l_phone)
        notice = self.run_dunning(RUN).letter_ids
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("adv_dunning.action_report_adv_dunning_letter", notice.ids)[0]
            .decode()
        )
        self.assertIn("Our earlier reminders about these invoices", html)
        self.assertIn("Courteous", html)
        self.assertEqual(notice._adv_earlier_reminders(), first)
