# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AdvClaimStage(models.Model):
    """A column of the claims kanban. Flags, not names, drive the behaviour:
    a *done* stage ends the claim (its invoices leave dispute), a *rejected*
    one ends it without a resolution (the KPIs and the claim analysis do not
    count it as resolved), a stage that *requires the cause* cannot be
    reached without cause and root-cause note."""

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
    is_rejected = fields.Boolean(
        string="Rejected",
        help="Claims ended in this stage were refused: they are not counted as resolved "
        "in the KPIs and the claim analysis. A rejected stage ends the claim.",
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

    @api.constrains("is_rejected", "is_done")
    def _check_is_rejected(self):
        for stage in self:
            if stage.is_rejected and not stage.is_done:
                raise ValidationError(
                    self.env._(
                        "Stage %(stage)s: a rejected stage ends the claim; tick 'Claim Ended' too.",
                        stage=stage.name,
                    )
                )
