# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo import fields, models

from odoo.addons.adv_orders.protected import protected


class AdvClaim(models.Model):
    """Claims: recurrence. A product that keeps coming back with the same cause
    flags its claims and warns the ADV managers."""

    _inherit = "adv.claim"  # pylint: disable=consider-merging-classes-inherited

    is_recurring = fields.Boolean(
        string="Recurring",
        readonly=True,
        copy=False,
        index=True,
        help="One of the claimed products had the same cause at least N times "
        "within the recurrence period (Settings): it needs a lasting fix.",
    )

    def _update_recurrence(self):
        """Flag the lines (and claims) whose product and cause occurred at
        least N times in the D days up to the claim's reception (company
        settings); the ADV managers get an activity when a streak starts."""
        lines = self.line_ids.filtered(lambda line: line.product_id and line.claim_id.cause_id)
        if not lines:
            protected(self.line_ids.filtered("is_recurring")).write({"is_recurring": False})
            protected(self.filtered("is_recurring")).write({"is_recurring": False})
            return
        max_days = max(lines.company_id.mapped("adv_claim_recurrence_days") or [0])
        dates = lines.mapped("date_received")
        occurrences = (
            self.env["adv.claim.line"]
            .sudo()
            .search_fetch(
                [
                    ("product_id", "in", lines.product_id.ids),
                    ("cause_id", "in", lines.cause_id.ids),
                    ("company_id", "in", lines.company_id.ids),
                    ("date_received", ">=", min(dates) - timedelta(days=max_days)),
                    ("date_received", "<=", max(dates)),
                ],
                ["product_id", "cause_id", "company_id", "claim_id", "date_received"],
            )
        )
        by_key = defaultdict(list)
        for occurrence in occurrences:
            key = (occurrence.company_id.id, occurrence.product_id.id, occurrence.cause_id.id)
            by_key[key].append((occurrence.date_received, occurrence.claim_id.id))
        streaks = self.env["adv.claim"]
        recurring_lines = self.env["adv.claim.line"]
        for line in lines:
            company = line.company_id
            start = line.date_received - timedelta(days=company.adv_claim_recurrence_days)
            key = (company.id, line.product_id.id, line.cause_id.id)
            claims = {
                claim_id for date, claim_id in by_key[key] if start <= date <= line.date_received
            }
            count = len(claims)
            if count >= company.adv_claim_recurrence_count:
                recurring_lines |= line
                if count == company.adv_claim_recurrence_count and not line.is_recurring:
                    streaks |= line.claim_id
        protected((self.line_ids - recurring_lines).filtered("is_recurring")).write(
            {"is_recurring": False}
        )
        protected(recurring_lines.filtered(lambda line: not line.is_recurring)).write(
            {"is_recurring": True}
        )
        for claim in self:
            recurring = bool(claim.line_ids & recurring_lines)
            if claim.is_recurring != recurring:
                protected(claim).write({"is_recurring": recurring})
        for claim in streaks:
            claim._schedule_manager_activity(
                "adv_claims.mail_activity_type_claim_recurring",
                self.env._(
                    "Recurring issue: %(cause)s on %(products)s",
                    cause=claim.cause_id.name,
                    products=", ".join(
                        (claim.line_ids & recurring_lines).product_id.mapped("display_name")
                    ),
                ),
            )
