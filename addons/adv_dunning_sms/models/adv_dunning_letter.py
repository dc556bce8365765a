# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AdvDunningLetter(models.Model):
    _inherit = "adv.dunning.letter"

    def _adv_send_sms(self, outcome):
        """A short text to the contact's mobile, from the SMS template, put
        in Odoo's SMS queue (sent by its scheduled action, which records the
        outcome on the message). No number: said in the chatter."""
        contact = self.contact_id or self.partner_id
        number = contact.mobile or contact.phone
        if not number:
            self.message_post(
                body=self.env._(
                    "%(contact)s has no mobile number: no SMS was sent.",
                    contact=contact.display_name,
                )
            )
            return
        template = self.env.ref("adv_dunning_sms.sms_template_adv_dunning")
        body = template._render_field("body", self.ids, compute_lang=True)[self.id]
        self._message_sms(body, partner_ids=contact.ids, sms_pid_to_number={contact.id: number})
