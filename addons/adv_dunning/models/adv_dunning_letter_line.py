# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.adv_orders.protected import check_vals

PROTECTED_FIELDS = {
    "is_live",
    "letter_id",
    "state",
    "company_id",
    "partner_id",
    "move_id",
    "level_id",
    "previous_level_id",
    "due_date",
    "days_overdue",
    "currency_id",
    "amount_residual_currency",
    "amount_open",
    "amount_held",
    "amount_due",
    "fee",
    "fee_before",
    "interest_before",
    "interest_rate",
    "interest_date_from",
    "interest_date_to",
    "interest_currency",
    "interest",
}


class AdvDunningLetterLine(models.Model):
    """One invoice in a reminder: what is due, how late, which level it
    rises to and what is claimed on top."""

    _name = "adv.dunning.letter.line"
    _description = "Dunning Letter Line"
    _order = "letter_id, due_date, id"

    letter_id = fields.Many2one("adv.dunning.letter", required=True, ondelete="cascade", index=True)
    state = fields.Selection(related="letter_id.state")
    # Not the letter's state copied (sending would rewrite every line): only
    # whether the reminder still counts, cleared when its letter is cancelled.
    is_live = fields.Boolean(
        string="Live Reminder",
        default=True,
        readonly=True,
        help="Cleared when the letter is cancelled: the invoice may be reminded at this "
        "level again.",
    )
    # the letter's, read through it: not stored (two foreign keys and two
    # indexes fewer for each of the many lines a run writes)
    company_id = fields.Many2one(related="letter_id.company_id")
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(related="letter_id.partner_id")
    move_id = fields.Many2one(
        "account.move", string="Invoice", required=True, ondelete="restrict", index=True
    )
    level_id = fields.Many2one(
        "adv.dunning.level",
        string="New Level",
        help="The level the invoice rises to with this letter; empty when it is listed at the "
        "level it already has.",
    )
    previous_level_id = fields.Many2one("adv.dunning.level")
    due_date = fields.Date(required=True)
    days_overdue = fields.Integer()
    # the invoice's, read through it (one foreign key fewer per line written)
    currency_id = fields.Many2one(related="move_id.currency_id", string="Invoice Currency")
    amount_residual_currency = fields.Monetary(
        string="Due (Invoice Currency)", currency_field="currency_id"
    )
    amount_open = fields.Monetary(
        string="Overdue Total",
        currency_field="company_currency_id",
        help="What the invoice's overdue instalments still owe.",
    )
    amount_held = fields.Monetary(
        string="Disputed or Promised",
        currency_field="company_currency_id",
        help="The part held out of dunning by a claim or a payment promise.",
    )
    amount_due = fields.Monetary(
        string="Due", currency_field="company_currency_id", help="The amount claimed."
    )
    fee = fields.Monetary(string="Indemnity", currency_field="company_currency_id")
    fee_before = fields.Monetary(
        string="Indemnity Claimed Earlier",
        currency_field="company_currency_id",
        help="Claimed by an earlier letter (not invoiced): it is still due.",
    )
    interest_before = fields.Monetary(
        string="Interest Claimed Earlier",
        currency_field="company_currency_id",
        help="Claimed by earlier letters for earlier days (not invoiced): it is still due.",
    )
    interest_rate = fields.Float(string="Interest Rate (%)", digits=(16, 2))
    interest_date_from = fields.Date(
        string="Interest From", help="Interest runs from the day after this date."
    )
    interest_date_to = fields.Date(string="Interest To")
    interest_currency = fields.Monetary(
        string="Interest (Invoice Currency)", currency_field="currency_id"
    )
    interest = fields.Monetary(currency_field="company_currency_id")

    _sql_constraints = [
        ("fee_positive", "CHECK (fee >= 0)", "The indemnity cannot be negative."),
    ]

    def init(self):
        # The natural key of a reminder: an invoice is reminded once per
        # level, whatever the runs, unless that reminder was cancelled.
        self.env.cr.execute(
            SQL(
                """
            CREATE UNIQUE INDEX IF NOT EXISTS adv_dunning_letter_line_live_uniq
                ON adv_dunning_letter_line (move_id, level_id)
             WHERE is_live
            """
            )
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _adv_protected_fields(self):
        """What the run computed: the invoice, its levels and the amounts
        claimed are not written by hand (see adv_orders/protected.py)."""
        return PROTECTED_FIELDS

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, [vals])
        if vals and any(line.letter_id.state != "draft" for line in self):
            raise UserError(self.env._("The lines of a reminder that left the preview are final."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(line.letter_id.state != "draft" for line in self):
            raise UserError(
                self.env._("A line can only be removed from a reminder still in review.")
            )
