# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The acknowledgement PDF now comes with the e-mail template's reports
(report_template_ids) instead of a document chosen on each rule. The shipped
template is loaded with noupdate: give it the acknowledgement report once on
databases upgraded from 18.0.1.0.0."""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("adv_orders.mail_template_adv_ack", raise_if_not_found=False)
    report = env.ref("adv_orders.action_report_adv_ack", raise_if_not_found=False)
    if template and report and not template.report_template_ids:
        template.report_template_ids = [Command.link(report.id)]
