# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

# How an order reached the company: the values of sale.order.adv_intake_channel.
INTAKE_CHANNELS = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("portal", "Portal / Web"),
    ("edi", "EDI"),
    ("sales_rep", "Sales Representative"),
    ("other", "Other"),
]


class AdvIntakeChannel(models.Model):
    """One intake channel as a record, so that acknowledgement rules can
    select several channels with a many2many."""

    _name = "adv.intake.channel"
    _description = "Order Intake Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(INTAKE_CHANNELS, required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_unique", "unique(code)", "An intake channel exists once per code."),
    ]
