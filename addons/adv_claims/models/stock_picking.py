# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.adv_orders.protected import check_vals


class StockPicking(models.Model):
    _inherit = "stock.picking"

    adv_claim_id = fields.Many2one(
        "adv.claim",
        string="Correction of Claim",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The claim this return or replacement corrects.",
        groups="adv_orders.group_adv_user",
    )
    adv_claim_correction = fields.Selection(
        selection=[("return", "Return"), ("replacement", "Replacement")],
        string="Claim Correction",
        copy=False,
        readonly=True,
    )
    adv_claim_ids = fields.Many2many(
        "adv.claim",
        "adv_claim_stock_picking_rel",
        "picking_id",
        "claim_id",
        string="Claims",
        copy=False,
        readonly=True,
        groups="adv_orders.group_adv_user",
    )
    adv_claim_count = fields.Integer(
        compute="_compute_adv_claim_count",
        string="Claim Count",
        groups="adv_orders.group_adv_user",
    )

    def _adv_protected_fields(self):
        """A return or replacement is linked to its claim by the claim only:
        a delivery passed off as one would count as corrected. A delivery
        joins a claim from the claim, whose constraints check it."""
        parent = getattr(super(), "_adv_protected_fields", None)
        return (parent() if parent else set()) | {
            "adv_claim_id",
            "adv_claim_correction",
            "adv_claim_ids",
        }

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, [vals])
        return super().write(vals)

    def _compute_adv_claim_count(self):
        counts = dict(
            self.env["adv.claim"]._read_group(
                [("picking_ids", "in", self.ids)], ["picking_ids"], ["__count"]
            )
        )
        for picking in self:
            picking.adv_claim_count = counts.get(picking, 0)

    def action_view_adv_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("adv_claims.adv_claim_action")
        action["domain"] = [("picking_ids", "in", self.ids)]
        action["context"] = {
            "default_partner_id": self.partner_id.commercial_partner_id.id,
            "default_picking_ids": self.ids,
            "default_sale_order_id": self.sale_id.id,
        }
        return action

    def action_view_adv_claim(self):
        self.ensure_one()
        return self.adv_claim_id._get_records_action()
