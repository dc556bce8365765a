# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    adv_claim_count = fields.Integer(
        compute="_compute_adv_claim_count",
        string="Claim Count",
        groups="adv_orders.group_adv_user",
    )

    def _compute_adv_claim_count(self):
        counts = dict(
            self.env["adv.claim"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.adv_claim_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_adv_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("adv_claims.adv_claim_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
