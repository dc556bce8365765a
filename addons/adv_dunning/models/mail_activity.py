# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import html2plaintext


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # The feedback given when a reminder's phone call is marked done is
        # the outcome of the call: keep it on the reminder.
        if feedback:
            calls = self.filtered(lambda a: a.res_model == "adv.dunning.letter" and a.res_id)
            letters = self.env["adv.dunning.letter"].sudo().browse(calls.mapped("res_id")).exists()
            outcome = html2plaintext(feedback) if "<" in str(feedback) else feedback
            for letter in letters:
                letter.phone_outcome = "\n".join(filter(None, [letter.phone_outcome, outcome]))
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
