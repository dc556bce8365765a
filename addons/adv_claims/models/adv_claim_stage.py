# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AdvClaimStage(models.Model):
    """A column of the claims kanban. Flags, not names, drive the behaviour:
    a *done* stage ends the claim (its invoices leave dispute), a stage that
    *requires the cause* cannot be reached without cause and root-cause note."""

    _name = "adv.claim.stage"
    _description = "Claim Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(
        string="Folded in Kanban", help="Folded in the kanban view when empty or by default."
    )
    is_done = fields.Boolean(
        string="Claim Ended",
        help="Claims in this stage are over (resolved, closed or rejected): "
        "their invoices leave dispute and their deadlines no longer run.",
    )
    requires_cause = fields.Boolean(
        string="Cause Required",
        help="A claim can only enter this stage with its cause and root-cause note.",
    )
    is_solution_proposed = fields.Boolean(
        string="Solution Proposed",
        help="Entering this stage counts as the first response to the customer.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain="[('model', '=', 'adv.claim')]",
        help="E-mail sent to the customer when a claim enters this stage.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
