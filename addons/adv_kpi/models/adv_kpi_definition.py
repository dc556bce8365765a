# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

UNITS = [
    ("count", "Count"),
    ("amount", "Amount"),
    ("percent", "Percent"),
    ("hours", "Hours"),
    ("days", "Days"),
    ("score", "Score (out of 5)"),
]
CATEGORIES = [
    ("productivity", "Productivity"),
    ("quality", "Quality"),
    ("service", "Service"),
    ("cash", "Cash"),
    ("claims", "Claims"),
    ("satisfaction", "Customer Satisfaction"),
]


class AdvKpiDefinition(models.Model):
    """One indicator of the ADV dashboard: what it measures (its exact formula
    in ``description``), which way is better, its target and amber threshold.

    The figures come from the method ``_kpi_<code>`` of ``adv.kpi.engine``;
    ``_kpi_<code>_domain`` gives the records behind the numerator for the
    drill-down."""

    _name = "adv.kpi.definition"
    _inherit = ["mail.thread"]
    _description = "ADV KPI Definition"
    _order = "sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    code = fields.Char(
        required=True,
        index=True,
        help="Technical code: the figures come from the method _kpi_<code> of adv.kpi.engine.",
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Text(
        translate=True, help="What the indicator measures, with its exact formula."
    )
    category = fields.Selection(CATEGORIES, required=True, default="productivity", index=True)
    unit = fields.Selection(UNITS, required=True, default="count")
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    has_target = fields.Boolean(
        default=True, tracking=True, help="Show a traffic light against the target."
    )
    target = fields.Float(
        tracking=True, help="At or beyond the target (in the better direction): green."
    )
    amber_threshold = fields.Float(
        tracking=True,
        help="Between the target and this threshold: amber; beyond it: red.",
    )
    per_handler = fields.Boolean(
        default=True,
        help="The indicator can be filtered on the ADV handler. Company-wide "
        "indicators (cash) ignore the handler filter.",
    )
    window_days = fields.Integer(
        string="Window (days)",
        tracking=True,
        default=90,
        help="Rolling window of the indicators that need one (DSO: the N days of sales).",
    )
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to use this definition in every company."
    )
    active = fields.Boolean(default=True, tracking=True)
    sequence = fields.Integer(default=10)
    value_ids = fields.One2many("adv.kpi.value", "definition_id", string="Values", readonly=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A KPI code is unique per company.",
        ),
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("code")
    def _check_code(self):
        for definition in self:
            if not self.env["adv.kpi.engine"]._has_kpi(definition.code):
                raise ValidationError(
                    self.env._(
                        "No computation exists for the KPI code %(code)s.",
                        code=definition.code,
                    )
                )

    @api.constrains("direction", "target", "amber_threshold", "has_target")
    def _check_threshold(self):
        for definition in self.filtered("has_target"):
            if definition.direction == "higher":
                wrong = definition.amber_threshold > definition.target
            else:
                wrong = definition.amber_threshold < definition.target
            if wrong:
                raise ValidationError(
                    self.env._(
                        "The amber threshold of %(kpi)s must lie on the worse side of its target.",
                        kpi=definition.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _status(self, value):
        """green, amber, red, or none (no target or no data)."""
        self.ensure_one()
        if value is None or not self.has_target:
            return "none"
        if self.direction == "higher":
            if value >= self.target:
                return "green"
            return "amber" if value >= self.amber_threshold else "red"
        if value <= self.target:
            return "green"
        return "amber" if value <= self.amber_threshold else "red"

    @api.model
    def _for_company(self, company):
        """The active definitions that apply in ``company``: its own ones,
        else the shared ones with the same code."""
        definitions = self.sudo().search(
            [("company_id", "in", [False, company.id])], order="sequence, id"
        )
        own = {d.code for d in definitions if d.company_id}
        return definitions.filtered(lambda d: d.company_id or d.code not in own)
