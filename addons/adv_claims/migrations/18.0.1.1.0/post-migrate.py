# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Claim stages gained a 'Rejected' flag. The shipped Rejected stage is
loaded with noupdate: flag it once on databases upgraded from 18.0.1.0.0."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    stage = env.ref("adv_claims.adv_claim_stage_rejected", raise_if_not_found=False)
    if stage and not stage.is_rejected:
        stage.write({"is_rejected": True, "is_done": True})
