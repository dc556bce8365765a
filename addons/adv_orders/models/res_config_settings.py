# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    adv_ack_escalation_hours = fields.Float(
        related="company_id.adv_ack_escalation_hours", readonly=False
    )
    adv_invoice_show_backorder = fields.Boolean(
        related="company_id.adv_invoice_show_backorder", readonly=False
    )
    adv_rating_sample_rate = fields.Integer(
        related="company_id.adv_rating_sample_rate", readonly=False
    )
    adv_rating_quiet_days = fields.Integer(
        related="company_id.adv_rating_quiet_days", readonly=False
    )
    module_adv_dunning = fields.Boolean(
        string="Dunning",
        help="Escalating payment reminders, formal notice, collection and "
        "credit hold (installs the ADV Dunning module).",
    )
    module_adv_claims = fields.Boolean(
        string="Claims",
        help="Customer claims and disputes through to credit notes, returns "
        "and replacements (installs the ADV Claims module).",
    )
    module_adv_kpi = fields.Boolean(
        string="KPI Dashboard",
        help="The ADV dashboard with defined, targeted and trended KPIs "
        "(installs the ADV KPI module).",
    )
