# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.adv_claims.models.adv_claim import PRIORITIES, late_sql
from odoo.addons.adv_claims.models.adv_claim_cause import DEPARTMENTS
from odoo.addons.adv_orders.models.adv_intake_channel import INTAKE_CHANNELS


class AdvKpiClaimReport(models.Model):
    """One row per claim, for the pivot and graph views (per cause, handler,
    month...), with the facts the claims KPIs measure.

    The times follow the KPIs: the first response time is counted on the
    answered claims only (empty otherwise, so that the average ignores the
    others); the resolution time and the SLA only on the claims resolved or
    closed, rejected ones excluded. A claim is resolved within SLA when it
    ended no later than its resolution deadline, as in the *Claims resolved
    within SLA* KPI. Late flags read as the claim form's: the deadline passed
    before the event, or passed while it has not happened yet."""

    _name = "adv.kpi.claim.report"
    _description = "ADV Claim Analysis"
    _auto = False
    _order = "date_received desc, id desc"
    _rec_name = "claim_id"
    _depends = {
        "adv.claim": [
            "company_id", "commercial_partner_id", "user_id", "type_id", "cause_id",
            "department", "stage_id", "is_done", "is_rejected", "priority", "channel",
            "date_received", "date_closed", "first_response_date", "first_response_deadline",
            "resolution_deadline", "sale_order_id", "is_recurring", "dispute_hold",
            "amount_claimed",
        ],
        "account.move": ["adv_claim_id", "move_type", "state", "amount_untaxed_signed"],
        "res.company": ["currency_id"],
    }  # fmt: skip

    claim_id = fields.Many2one("adv.claim", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    type_id = fields.Many2one("adv.claim.type", string="Claim Type", readonly=True)
    cause_id = fields.Many2one("adv.claim.cause", readonly=True)
    department = fields.Selection(DEPARTMENTS, readonly=True)
    stage_id = fields.Many2one("adv.claim.stage", readonly=True)
    is_done = fields.Boolean(string="Ended", readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    channel = fields.Selection(INTAKE_CHANNELS, readonly=True)
    date_received = fields.Datetime(string="Received On", readonly=True)
    date_closed = fields.Datetime(string="Ended On", readonly=True)
    sale_order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True)
    is_recurring = fields.Boolean(string="Recurring", readonly=True)
    dispute_hold = fields.Boolean(string="Invoices in Dispute", readonly=True)
    claim_count = fields.Integer(string="# Claims", readonly=True)
    resolved_count = fields.Integer(
        string="# Resolved",
        readonly=True,
        help="Claims resolved or closed; rejected claims are not resolutions.",
    )
    in_sla_count = fields.Integer(
        string="# Resolved Within SLA",
        readonly=True,
        help="Claims resolved or closed no later than their resolution deadline.",
    )
    late_response_count = fields.Integer(
        string="# Late First Response",
        readonly=True,
        help="Claims answered after their first response deadline, or not answered while "
        "the deadline is past.",
    )
    late_resolution_count = fields.Integer(
        string="# Late Resolution",
        readonly=True,
        help="Claims ended after their resolution deadline, or still open while the "
        "deadline is past.",
    )
    first_response_hours = fields.Float(
        string="Hours to First Response",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Hours from reception to the first answer; empty while not answered.",
    )
    resolution_days = fields.Float(
        string="Days to Resolution",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Days from reception to the end, for resolved or closed claims.",
    )
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    amount_claimed = fields.Monetary(readonly=True)
    amount_credited = fields.Monetary(
        string="Credited (untaxed)",
        readonly=True,
        help="Untaxed amount of the posted credit notes that settle the claim.",
    )

    @property
    def _table_query(self):
        now = fields.Datetime.now()
        return SQL(
            """
            SELECT
                claim.id AS id,
                claim.id AS claim_id,
                claim.company_id AS company_id,
                claim.commercial_partner_id AS partner_id,
                claim.user_id AS user_id,
                claim.type_id AS type_id,
                claim.cause_id AS cause_id,
                claim.department AS department,
                claim.stage_id AS stage_id,
                COALESCE(claim.is_done, FALSE) AS is_done,
                claim.priority AS priority,
                claim.channel AS channel,
                claim.date_received AS date_received,
                claim.date_closed AS date_closed,
                claim.sale_order_id AS sale_order_id,
                COALESCE(claim.is_recurring, FALSE) AS is_recurring,
                COALESCE(claim.dispute_hold, FALSE) AS dispute_hold,
                1 AS claim_count,
                resolved.done::int AS resolved_count,
                (resolved.done AND claim.resolution_deadline IS NOT NULL
                 AND claim.date_closed <= claim.resolution_deadline)::int AS in_sla_count,
                %(late_response)s::int AS late_response_count,
                %(late_resolution)s::int AS late_resolution_count,
                EXTRACT(EPOCH FROM (claim.first_response_date - claim.date_received)) / 3600.0
                    AS first_response_hours,
                CASE WHEN resolved.done
                     THEN EXTRACT(EPOCH FROM (claim.date_closed - claim.date_received)) / 86400.0
                END AS resolution_days,
                company.currency_id AS currency_id,
                COALESCE(claim.amount_claimed, 0) AS amount_claimed,
                COALESCE(refund.amount, 0) AS amount_credited
            FROM adv_claim claim
            JOIN res_company company ON company.id = claim.company_id
            CROSS JOIN LATERAL (
                SELECT COALESCE(claim.is_done, FALSE)
                       AND claim.date_closed IS NOT NULL
                       AND NOT COALESCE(claim.is_rejected, FALSE) AS done
            ) resolved
            LEFT JOIN LATERAL (
                SELECT -SUM(move.amount_untaxed_signed) AS amount
                  FROM account_move move
                 WHERE move.adv_claim_id = claim.id
                   AND move.move_type = 'out_refund'
                   AND move.state = 'posted'
            ) refund ON TRUE
            """,
            late_response=late_sql(
                SQL.identifier("claim", "first_response_date"),
                SQL.identifier("claim", "first_response_deadline"),
                now,
            ),
            late_resolution=late_sql(
                SQL.identifier("claim", "date_closed"),
                SQL.identifier("claim", "resolution_deadline"),
                now,
            ),
        )
