# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AdvDunningChannel(models.Model):
    """A way a reminder reaches the customer: e-mail, letter, registered
    letter, phone call, SMS. Each channel is sent by the letter's method
    ``_adv_send_<code>``: a new channel is one record and one method (see
    the readme), and a channel without its method is refused."""

    _name = "adv.dunning.channel"
    _description = "Dunning Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical name: the letter sends on this channel with _adv_send_<code>.",
    )
    sequence = fields.Integer(default=10)
    printed = fields.Boolean(
        help="The reminder is printed and posted: it waits in Letters to Print until ADV "
        "marks it posted."
    )
    registered = fields.Boolean(
        help="Posted as a registered letter with acknowledgement of receipt: its number, "
        "posting and receipt dates are recorded on the reminder.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A dunning channel code is unique."),
    ]

    @api.constrains("code")
    def _check_code(self):
        Letter = self.env["adv.dunning.letter"]
        for channel in self:
            if not hasattr(Letter, f"_adv_send_{channel.code}"):
                raise ValidationError(
                    self.env._(
                        "Channel %(channel)s: no reminder can be sent on '%(code)s' (the letter "
                        "has no method _adv_send_%(code)s).",
                        channel=channel.name,
                        code=channel.code,
                    )
                )
