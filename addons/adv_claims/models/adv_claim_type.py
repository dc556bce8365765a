# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

CORRECTIONS = [
    ("credit_note", "Credit note"),
    ("return", "Return"),
    ("replacement", "Replacement"),
    ("reinvoice", "Corrected invoice"),
    ("gesture", "Commercial gesture"),
    ("none", "No correction"),
]


class AdvClaimType(models.Model):
    """What a claim is about (damaged goods, missing quantity, wrong
    product, price or invoicing error...) and the delays it must be handled in."""

    _name = "adv.claim.type"
    _inherit = ["adv.finite.mixin"]
    _description = "Claim Type"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to use this type in every company."
    )
    first_response_hours = fields.Float(
        string="First Response (hours)",
        default=24.0,
        help="Hours after reception within which the customer must get a first answer.",
    )
    resolution_days = fields.Integer(
        string="Resolution (days)",
        default=10,
        help="Days after reception within which the claim must be resolved.",
    )
    suggested_correction = fields.Selection(CORRECTIONS, default="credit_note")
    return_expected = fields.Boolean(
        help="The customer is expected to send the claimed goods back."
    )
    description = fields.Text(translate=True)

    @api.constrains("suggested_correction")
    def _check_suggested_correction(self):
        """A correction is made by adv.claim._adv_correct_<code>: a code
        without its method (added to the selection by a module that forgot
        it) is refused."""
        Claim = self.env["adv.claim"]
        for claim_type in self.filtered("suggested_correction"):
            if not hasattr(Claim, f"_adv_correct_{claim_type.suggested_correction}"):
                raise ValidationError(
                    self.env._(
                        "Claim type %(type)s: no claim can be corrected by '%(correction)s' "
                        "(adv.claim has no method _adv_correct_%(correction)s).",
                        type=claim_type.name,
                        correction=claim_type.suggested_correction,
                    )
                )

    @api.constrains("first_response_hours", "resolution_days")
    def _check_delays(self):
        if any(t.first_response_hours < 0 or t.resolution_days < 0 for t in self):
            raise ValidationError(self.env._("The delays of a claim type cannot be negative."))
