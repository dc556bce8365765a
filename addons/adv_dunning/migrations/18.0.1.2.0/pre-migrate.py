# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Letter lines no longer store a copy of their letter's state (sending
rewrote every line) nor of its company and customer (read through the
letter): they keep whether the reminder is live, false once its
letter is cancelled, which the unique index of reminders reads. Filled from
the letters before the new index is built."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("DROP INDEX IF EXISTS adv_dunning_letter_line_move_level_uniq"))
    cr.execute(SQL("ALTER TABLE adv_dunning_letter_line ADD COLUMN IF NOT EXISTS is_live boolean"))
    cr.execute(
        SQL(
            """
            UPDATE adv_dunning_letter_line line
               SET is_live = letter.state != 'cancelled'
              FROM adv_dunning_letter letter
             WHERE letter.id = line.letter_id
            """
        )
    )
    # the copy of the letter's state is gone with its index
    cr.execute(SQL("DROP INDEX IF EXISTS adv_dunning_letter_line__state_index"))
    cr.execute(SQL("ALTER TABLE adv_dunning_letter_line DROP COLUMN IF EXISTS state"))
    # company and customer are read through the letter now
    cr.execute(SQL("ALTER TABLE adv_dunning_letter_line DROP COLUMN IF EXISTS company_id"))
    cr.execute(SQL("ALTER TABLE adv_dunning_letter_line DROP COLUMN IF EXISTS partner_id"))
