# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

DEPARTMENTS = [
    ("logistics", "Logistics"),
    ("sales", "Sales"),
    ("production", "Production"),
    ("carrier", "Carrier"),
    ("customer", "Customer"),
    ("supplier", "Supplier"),
]


class AdvClaimCause(models.Model):
    """Why a claim happened, and which department owns the lasting fix."""

    _name = "adv.claim.cause"
    _description = "Claim Cause"
    _order = "department, name"

    name = fields.Char(required=True, translate=True)
    department = fields.Selection(DEPARTMENTS, required=True, default="logistics")
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
