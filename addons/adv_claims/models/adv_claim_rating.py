# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The satisfaction survey of a claim: asked once, when the claim is resolved
(it ends in a stage that is not a rejection), if the company asks for it."""

from odoo import models


class AdvClaim(models.Model):
    _name = "adv.claim"
    _inherit = ["adv.rating.mixin", "adv.claim"]

    def _adv_protected_fields(self):
        return super()._adv_protected_fields() | {"adv_rating_requested_date"}

    def _adv_rating_template(self):
        return self.env.ref("adv_claims.mail_template_adv_rating_claim")

    def _rating_get_partner(self):
        """The person who made the claim answers the survey."""
        return self.contact_id or self.partner_id

    def _on_stage_change(self):
        result = super()._on_stage_change()
        self.filtered(
            lambda c: (
                c.stage_id.is_done and not c.stage_id.is_rejected and c.company_id.adv_claim_rating
            )
        )._adv_send_rating_request()
        return result
