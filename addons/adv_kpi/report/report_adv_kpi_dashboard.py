# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportAdvKpiDashboard(models.AbstractModel):
    """The printable summary of the ADV dashboard for one period."""

    _name = "report.adv_kpi.report_adv_kpi_dashboard"
    _description = "ADV Dashboard Summary"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = self.env["adv.kpi.dashboard"].get_dashboard((data or {}).get("params"))
        return {
            "doc_ids": docids,
            "doc_model": "adv.kpi.definition",
            "docs": self.env["adv.kpi.definition"],
            "dashboard": data,
            "company": self.env["res.company"].browse(data["company_id"]),
        }
