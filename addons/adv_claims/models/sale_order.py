# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    adv_claim_ids = fields.One2many(
        "adv.claim",
        "sale_order_id",
        string="Claims",
        groups="adv_orders.group_adv_user",
    )
    adv_claim_count = fields.Integer(
        compute="_compute_adv_claim_count",
        string="Claim Count",
        groups="adv_orders.group_adv_user",
    )
    adv_claim_id = fields.Many2one(
        "adv.claim",
        string="Replacement for Claim",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The claim this zero-priced order replaces goods for.",
        groups="adv_orders.group_adv_user",
    )

    def _adv_protected_fields(self):
        """A replacement order is linked to its claim by the claim only."""
        return super()._adv_protected_fields() | {"adv_claim_id"}

    def _compute_adv_claim_count(self):
        counts = dict(
            self.env["adv.claim"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.adv_claim_count = counts.get(order, 0)

    def action_view_adv_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("adv_claims.adv_claim_action")
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.commercial_partner_id.id,
            "default_sale_order_id": self.id,
        }
        return action

    def action_view_adv_claim(self):
        self.ensure_one()
        return self.adv_claim_id._get_records_action()
