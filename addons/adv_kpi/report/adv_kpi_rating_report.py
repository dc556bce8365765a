# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.rating.models.rating_data import RATING_LIMIT_MIN, RATING_LIMIT_SATISFIED

ORIGINS = [("delivery", "After Delivery"), ("claim", "After a Claim")]
GRADES = [("top", "Satisfied"), ("ok", "Okay"), ("ko", "Dissatisfied")]


class AdvKpiRatingReport(models.Model):
    """One row per answered rating of a sales order (the survey after
    delivery) or of a claim (the survey after its resolution), with the
    document's company, handler, customer and claim type: the Ratings report
    and the satisfaction KPIs read it.

    A rating counts from the moment the customer answered it (*Answered On*);
    it is *satisfied* from 4 out of 5 (Odoo's "Satisfied" face is 5)."""

    _name = "adv.kpi.rating.report"
    _description = "ADV Customer Ratings"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "document"
    _depends = {
        "rating.rating": [
            "res_model", "res_id", "rating", "rating_text", "feedback", "consumed",
            "adv_answered_date", "partner_id", "res_name",
        ],
        "sale.order": ["company_id", "adv_user_id", "partner_id"],
        "adv.claim": ["company_id", "user_id", "partner_id", "commercial_partner_id", "type_id"],
        "res.partner": ["commercial_partner_id"],
    }  # fmt: skip

    rating_id = fields.Many2one("rating.rating", string="Answer", readonly=True)
    origin = fields.Selection(ORIGINS, readonly=True)
    document = fields.Char(readonly=True)
    order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True)
    claim_id = fields.Many2one("adv.claim", readonly=True)
    claim_type_id = fields.Many2one("adv.claim.type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    contact_id = fields.Many2one("res.partner", readonly=True)
    date = fields.Datetime(string="Answered On", readonly=True)
    requested_date = fields.Datetime(string="Asked On", readonly=True)
    rating = fields.Float(string="Score", readonly=True, aggregator="avg", digits=(16, 2))
    grade = fields.Selection(GRADES, string="Rating", readonly=True)
    satisfied_count = fields.Integer(string="# Satisfied", readonly=True)
    rating_count = fields.Integer(string="# Answers", readonly=True)
    feedback = fields.Text(string="Comment", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                r.id AS id,
                r.id AS rating_id,
                CASE WHEN r.res_model = 'sale.order' THEN 'delivery' ELSE 'claim' END AS origin,
                r.res_name AS document,
                so.id AS order_id,
                claim.id AS claim_id,
                claim.type_id AS claim_type_id,
                COALESCE(so.company_id, claim.company_id) AS company_id,
                COALESCE(so.adv_user_id, claim.user_id) AS user_id,
                COALESCE(customer.commercial_partner_id, claim.commercial_partner_id)
                    AS partner_id,
                r.partner_id AS contact_id,
                r.adv_answered_date AS date,
                r.create_date AS requested_date,
                r.rating AS rating,
                CASE WHEN r.rating >= %(satisfied)s THEN 'top'
                     WHEN r.rating >= 3 THEN 'ok' ELSE 'ko' END AS grade,
                (r.rating >= %(satisfied)s)::int AS satisfied_count,
                1 AS rating_count,
                r.feedback AS feedback
            FROM rating_rating r
            LEFT JOIN sale_order so ON r.res_model = 'sale.order' AND so.id = r.res_id
            LEFT JOIN res_partner customer ON customer.id = so.partner_id
            LEFT JOIN adv_claim claim ON r.res_model = 'adv.claim' AND claim.id = r.res_id
            WHERE r.res_model IN ('sale.order', 'adv.claim')
              AND r.consumed
              AND r.rating >= %(minimum)s
              AND (so.id IS NOT NULL OR claim.id IS NOT NULL)
            """,
            satisfied=RATING_LIMIT_SATISFIED,
            minimum=RATING_LIMIT_MIN,
        )
