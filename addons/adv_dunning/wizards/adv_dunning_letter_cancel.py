# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AdvDunningLetterCancel(models.TransientModel):
    """Cancel reminders with a reason kept in their chatter."""

    _name = "adv.dunning.letter.cancel"
    _description = "Cancel Reminders"

    letter_ids = fields.Many2many("adv.dunning.letter", string="Reminders", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.letter_ids._adv_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
