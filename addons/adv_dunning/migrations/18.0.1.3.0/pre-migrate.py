# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Letter lines read their currency through their invoice: the copy they
stored (and its foreign key, checked for each line a run writes) goes."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("ALTER TABLE adv_dunning_letter_line DROP COLUMN IF EXISTS currency_id"))
