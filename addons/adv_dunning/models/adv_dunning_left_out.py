# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

LEFT_OUT_REASONS = [
    ("net_zero", "Nothing due net of credits"),
    ("under_minimum", "Under the minimum amount"),
    ("gap", "Reminded within the minimum gap"),
    ("pending", "A reminder is still to send"),
    ("notice", "Formal notice: 8 days from its receipt not over"),
    ("hold", "On hold"),
    ("excluded", "Excluded from dunning"),
    ("collection", "In collection"),
    ("no_policy", "No dunning policy"),
]


class AdvDunningLeftOut(models.Model):
    """A customer with overdue invoices that a run did not remind, and why:
    what the ADV user reads to trust that nobody was forgotten. Written by
    the run only (users read it: see the access rights)."""

    _name = "adv.dunning.left.out"
    _description = "Customer Left Out of a Dunning Run"
    _order = "run_id, amount_overdue desc, id"

    run_id = fields.Many2one("adv.dunning.run", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    amount_overdue = fields.Monetary(
        string="Overdue", help="What the customer's overdue invoices still owe."
    )
    amount_credit = fields.Monetary(
        string="Credits", help="Unapplied payments and open credit notes of the customer."
    )
    amount_net = fields.Monetary(
        string="Net Due", compute="_compute_amount_net", help="Overdue minus credits."
    )
    reason = fields.Selection(LEFT_OUT_REASONS, required=True)

    @api.depends("amount_overdue", "amount_credit")
    def _compute_amount_net(self):
        for left_out in self:
            left_out.amount_net = left_out.amount_overdue - left_out.amount_credit
