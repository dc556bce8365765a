# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reminders queued in the outbox and committed, for the tests where several
transactions or processes must see them; removed afterwards."""

from contextlib import contextmanager

from odoo import SUPERUSER_ID, api


def _queue(registry, emails, day, name):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        policy = env["adv.dunning.policy"].create(
            {
                "name": name,
                "company_id": company.id,
                "level_ids": [(0, 0, {"name": "Only", "days": 1})],
            }
        )
        partners = env["res.partner"].create(
            [
                {"name": f"{name} {index}", "email": email, "is_company": True}
                for index, email in enumerate(emails)
            ]
        )
        run = env["adv.dunning.run"].create({"company_id": company.id, "date": day})
        letters = env["adv.dunning.letter"].create(
            [
                {
                    "run_id": run.id,
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "policy_id": policy.id,
                    "level_id": policy.level_ids.id,
                    "date": day,
                    "state": "to_send",
                }
                for partner in partners
            ]
        )
        ids = {
            "policy": policy.id,
            "partners": partners.ids,
            "run": run.id,
            "letters": letters.ids,
        }
        cr.commit()  # pylint: disable=invalid-commit
    return ids


def _remove(registry, ids):
    with registry.cursor() as cr:
        for query in (
            "DELETE FROM mail_mail WHERE mail_message_id IN (SELECT id FROM mail_message"
            " WHERE model = 'adv.dunning.letter' AND res_id = ANY(%(letters)s))",
            "DELETE FROM mail_message WHERE model = 'adv.dunning.letter'"
            " AND res_id = ANY(%(letters)s)",
            "DELETE FROM mail_followers WHERE res_model = 'adv.dunning.letter'"
            " AND res_id = ANY(%(letters)s)",
            "DELETE FROM ir_attachment WHERE res_model = 'adv.dunning.letter'"
            " AND res_id = ANY(%(letters)s)",
            "DELETE FROM adv_dunning_letter WHERE id = ANY(%(letters)s)",
            "DELETE FROM adv_dunning_run WHERE id = %(run)s",
            "DELETE FROM adv_dunning_level WHERE policy_id = %(policy)s",
            "DELETE FROM adv_dunning_policy WHERE id = %(policy)s",
            "DELETE FROM mail_followers WHERE partner_id = ANY(%(partners)s)",
            "DELETE FROM res_partner WHERE id = ANY(%(partners)s)",
        ):
            cr.execute(query, ids)
        cr.commit()  # pylint: disable=invalid-commit


@contextmanager
def committed_queue(registry, emails, day, name="Queued"):
    """One letter to send per address of ``emails``, each to a customer of
    its own, committed; yields their ids ({policy, partners, run, letters})
    and removes them, and what sending them made, on the way out."""
    ids = _queue(registry, emails, day, name)
    try:
        yield ids
    finally:
        _remove(registry, ids)
