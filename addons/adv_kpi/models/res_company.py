# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    adv_invoicing_target_days = fields.Integer(
        string="Invoicing Target (days)",
        default=2,
        help="An invoice line is invoiced on time when its invoice is dated at most this "
        "many days after the delivery that made its quantity available (KPI Invoiced "
        "within target). French law asks for the invoice upon delivery (Code de "
        "commerce, L441-9).",
    )

    @api.constrains("adv_invoicing_target_days")
    def _check_adv_invoicing_target_days(self):
        if any(company.adv_invoicing_target_days < 0 for company in self):
            raise ValidationError(self.env._("The invoicing target cannot be negative."))
