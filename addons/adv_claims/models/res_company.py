# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.adv_orders.finite import check_finite

# The claim settings a NaN would break: no approval above a NaN threshold.
CLAIM_SETTINGS = (
    "adv_claim_credit_note_threshold",
    "adv_claim_recurrence_count",
    "adv_claim_recurrence_days",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    adv_claim_credit_note_threshold = fields.Monetary(
        string="Credit Note Approval Threshold",
        currency_field="currency_id",
        help="A claim credit note whose total (tax included) exceeds this amount "
        "waits in draft for an ADV manager's approval. Zero: no approval needed.",
    )
    adv_claim_gesture_product_id = fields.Many2one(
        "product.product",
        string="Commercial Gesture Product",
        domain="[('type', '=', 'service'), ('company_id', 'in', (id, False))]",
        help="The service product that commercial gestures are credited on.",
    )
    adv_claim_rating = fields.Boolean(
        string="Survey after a Claim",
        default=True,
        help="When a claim is resolved (it ends in a stage that is not a rejection), its "
        "customer is asked once to rate how it was handled.",
    )
    adv_claim_recurrence_count = fields.Integer(
        string="Recurrence: Occurrences",
        default=3,
        help="A claim is recurring when the same product and cause occurred at "
        "least this many times (this claim included) within the recurrence period.",
    )
    adv_claim_recurrence_days = fields.Integer(
        string="Recurrence: Period (days)",
        default=90,
        help="The number of days, back from a claim's reception, in which occurrences count.",
    )
    adv_claim_replacement_mode = fields.Selection(
        selection=[
            ("picking", "Replacement delivery"),
            ("order", "Zero-priced sales order"),
        ],
        string="Replacement",
        default="picking",
        required=True,
        help="Replacement delivery: a delivery of the claimed products straight "
        "from stock. Zero-priced sales order: a confirmed order at price zero, "
        "delivered and followed like any order.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_adv_claim_finite(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_adv_claim_finite([vals])
        return super().write(vals)

    def _check_adv_claim_finite(self, vals_list):
        """NaN and infinite claim settings refused (adv_orders/finite.py); the
        other numbers of the company are not this module's business."""
        check_finite(
            self,
            [{name: vals[name] for name in CLAIM_SETTINGS if name in vals} for vals in vals_list],
        )

    @api.constrains(
        "adv_claim_credit_note_threshold", "adv_claim_recurrence_count", "adv_claim_recurrence_days"
    )
    def _check_adv_claim_settings(self):
        for company in self:
            if company.adv_claim_credit_note_threshold < 0:
                raise ValidationError(
                    self.env._("The credit note approval threshold cannot be negative.")
                )
            if company.adv_claim_recurrence_count < 2 or company.adv_claim_recurrence_days < 1:
                raise ValidationError(
                    self.env._("A recurrence needs at least 2 occurrences within at least 1 day.")
                )
