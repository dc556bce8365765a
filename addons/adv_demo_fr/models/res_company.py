# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _adv_demo_fr_build(self):
        """Demo data only: the French demo company and its year of activity
        (see demo/builder.py, imported by this call only)."""
        from ..demo.builder import FrenchDemo

        return bool(FrenchDemo(self.env).build())
