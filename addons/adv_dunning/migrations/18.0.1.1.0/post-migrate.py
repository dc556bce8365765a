# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The channels of a dunning level were four booleans; they are now records
of adv.dunning.channel. Give each level of an upgraded database the
channels its old columns had (the ORM leaves those columns in place). The
reminder PDF now comes with the e-mail template's reports: give the shipped
template (noupdate) the reminder letter report."""

from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

OLD_COLUMNS = {
    "channel_email": "email",
    "channel_letter": "letter",
    "channel_registered": "registered",
    "channel_phone": "phone",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("adv_dunning.mail_template_adv_dunning", raise_if_not_found=False)
    report = env.ref("adv_dunning.action_report_adv_dunning_letter", raise_if_not_found=False)
    if template and report and not template.report_template_ids:
        template.report_template_ids = [Command.link(report.id)]
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'adv_dunning_level' AND column_name IN %s",
            tuple(OLD_COLUMNS),
        )
    )
    for (column,) in cr.fetchall():
        cr.execute(
            SQL(
                """
                INSERT INTO adv_dunning_level_channel_rel (level_id, channel_id)
                SELECT level.id, channel.id
                  FROM adv_dunning_level level
                  JOIN adv_dunning_channel channel ON channel.code = %s
                 WHERE level.%s
                ON CONFLICT DO NOTHING
                """,
                OLD_COLUMNS[column],
                SQL.identifier(column),
            )
        )
