# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The run writes its letters and lines set-based (one INSERT each): the
records must be those the ORM would write, and sending them must leave the
lines alone."""

from datetime import date, timedelta

from odoo.tests import tagged

from ..bulk import insert_rows
from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningBulk(AdvDunningCommon):
    def setUp(self):
        super().setUp()
        self.invoices = self.make_invoices([(1000.0, DUE), (250.55, DUE - timedelta(days=20))])
        self.run = self.run_dunning(DUE + timedelta(days=45))
        self.letter = self.run.letter_ids
        self.assertEqual(len(self.letter), 1)

    def test_stored_fields_as_the_orm_computes_them(self):
        letter, lines = self.letter, self.letter.line_ids
        self.assertEqual(len(lines), 2)
        stored = {name for name, field in letter._fields.items() if field.store and field.compute}
        before = letter.read(sorted(stored))[0]
        # what the ORM computes from the same records
        letter.sudo()._compute_amounts()
        letter.sudo()._compute_contact_id()
        self.assertEqual(letter.read(sorted(stored))[0], before)
        self.assertEqual(letter.invoice_count, 2)
        self.assertEqual(letter.amount_due, 1250.55)
        self.assertEqual((letter.state, letter.printed), ("draft", False), "defaults")
        self.assertEqual(letter.create_uid, self.env.user)
        self.assertTrue(letter.create_date and letter.write_date)
        self.assertEqual(lines.company_id, letter.company_id)
        self.assertEqual(lines.partner_id, letter.partner_id)
        self.assertEqual(set(lines.mapped("is_live")), {True})
        self.assertEqual(set(lines.mapped("state")), {"draft"}, "the letter's, read through it")
        self.assertEqual(self.run.letter_count, 1)
        # the records are the ORM's: a search and a read see them
        self.assertEqual(
            self.env["adv.dunning.letter.line"].search([("letter_id", "=", letter.id)]), lines
        )

    def test_sending_leaves_the_lines_alone(self):
        lines = self.letter.line_ids
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, xmin::text FROM adv_dunning_letter_line WHERE id = ANY(%s)", [lines.ids]
        )
        versions = dict(self.env.cr.fetchall())
        self.send(self.letter)
        self.assertEqual(self.letter.state, "sent")
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, xmin::text FROM adv_dunning_letter_line WHERE id = ANY(%s)", [lines.ids]
        )
        self.assertEqual(dict(self.env.cr.fetchall()), versions, "no line rewritten")
        self.assertEqual(set(lines.mapped("state")), {"sent"})

    def test_cancelled_letter_frees_its_levels(self):
        self.send(self.letter)
        self.letter._adv_cancel("Sent to the wrong address")
        self.assertEqual(set(self.letter.line_ids.mapped("is_live")), {False})
        # the invoices may be reminded at these levels again
        again = self.run_dunning(DUE + timedelta(days=46))
        self.assertEqual(len(again.letter_ids.line_ids), 2)

    def test_values_written_as_given(self):
        """Each column travels as an array literal: text with quotes,
        backslashes, braces, commas or the word NULL, empty and missing
        values, dates, booleans and amounts come back as given (amounts in
        the company currency rounded as the ORM rounds them)."""
        Letter = self.env["adv.dunning.letter"]
        base = {
            name: self.letter[name].id
            for name in ("run_id", "company_id", "partner_id", "policy_id", "level_id")
        }
        texts = ['He said "pay", \\ now', "{a,b}", "NULL", "", "l'été\nsuite", False]
        rows = [
            {
                **base,
                "date": DUE + timedelta(days=index),
                "note": text,
                "registered_number": text or False,
                "receipt_date": DUE if index % 2 else False,
                "printed": bool(index % 2),
                "amount_credit": 10.005 + index,
            }
            for index, text in enumerate(texts)
        ]
        ids = [row[0] for row in insert_rows(Letter, rows, self.env.company.currency_id)]
        letters = Letter.browse(ids)
        self.assertEqual(letters.mapped("note"), texts)
        self.assertEqual(letters.mapped("registered_number"), [t or False for t in texts])
        self.assertEqual(letters.mapped("date"), [DUE + timedelta(days=i) for i in range(6)])
        self.assertEqual(letters.mapped("receipt_date"), [False, DUE] * 3)
        self.assertEqual(letters.mapped("printed"), [False, True] * 3)
        self.assertEqual(letters.mapped("amount_credit"), [10.01 + i for i in range(6)])
        self.assertEqual(set(letters.mapped("state")), {"draft"}, "the default")
        with self.assertRaises(ValueError):
            insert_rows(Letter, [{**base, "currency_id": 1}], self.env.company.currency_id)

    def test_line_currency_is_the_invoice_currency(self):
        self.assertEqual(self.letter.line_ids.currency_id, self.invoices.currency_id)
