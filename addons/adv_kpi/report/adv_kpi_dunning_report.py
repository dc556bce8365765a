# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.adv_dunning.models.adv_dunning_level import DOCUMENT_TYPES

from ..models.adv_kpi_engine_dunning_claims import DUNNING_EFFECT_DAYS


class AdvKpiDunningReport(models.Model):
    """One row per invoice of a reminder actually sent, amounts in company
    currency, for the pivot and graph views (per level, customer, month...).

    Only letters in the state *Sent* count: a letter to review, in the outbox
    or waiting to be printed has not reached the customer yet, and a cancelled
    one is void (cancelling a sent letter also takes back its invoices' level).
    That is the scope of the *Dunning effectiveness* KPI.

    What a reminder brought in follows that KPI exactly, so that the pivot of
    a month adds up to the KPI's numerator: the amount reminded on an invoice
    counts as paid when the invoice is paid (or in payment) and its last
    reconciliation is dated no later than the KPI's window (30 days, unless
    the company's KPI definition says otherwise) after the day the letter was
    sent (UTC). It is all or nothing: a partial payment brings in nothing.
    Group by *Sent On* to read the same months as the dashboard."""

    _name = "adv.kpi.dunning.report"
    _description = "ADV Dunning Analysis"
    _auto = False
    _order = "date_sent desc, id desc"
    _rec_name = "move_id"
    _depends = {
        "adv.dunning.letter": [
            "company_id", "partner_id", "policy_id", "level_id", "date", "date_sent", "state",
        ],
        "adv.dunning.letter.line": [
            "letter_id", "move_id", "level_id", "days_overdue", "amount_due", "fee", "interest",
        ],
        "adv.dunning.level": ["document_type"],
        "account.move": ["adv_user_id", "payment_state"],
        "account.move.line": ["move_id"],
        "account.partial.reconcile": ["debit_move_id", "max_date"],
        "adv.kpi.definition": ["code", "company_id", "window_days", "active", "sequence"],
        "res.company": ["currency_id"],
    }  # fmt: skip

    letter_line_id = fields.Many2one(
        "adv.dunning.letter.line", string="Reminder Line", readonly=True
    )
    letter_id = fields.Many2one("adv.dunning.letter", string="Reminder", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    adv_user_id = fields.Many2one("res.users", string="ADV Handler", readonly=True)
    policy_id = fields.Many2one("adv.dunning.policy", readonly=True)
    level_id = fields.Many2one("adv.dunning.level", readonly=True)
    document_type = fields.Selection(DOCUMENT_TYPES, string="Document", readonly=True)
    date = fields.Date(string="Reminder Date", readonly=True)
    date_sent = fields.Datetime(string="Sent On", readonly=True)
    reminder_count = fields.Integer(string="# Reminders", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="avg")
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    amount_due = fields.Monetary(string="Amount Reminded", readonly=True)
    fee = fields.Monetary(string="Indemnity", readonly=True)
    interest = fields.Monetary(readonly=True)
    amount_paid_30 = fields.Monetary(
        string="Paid Within Window",
        readonly=True,
        help="The amount reminded, when the invoice was paid in full within the window of "
        "the Dunning effectiveness KPI (30 days by default) after the reminder was sent.",
    )
    paid_30_count = fields.Integer(
        string="# Paid Within Window",
        readonly=True,
        help="Reminded invoices paid in full within the window of the Dunning "
        "effectiveness KPI (30 days by default) after the reminder was sent.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT
                line.id AS id,
                line.id AS letter_line_id,
                letter.id AS letter_id,
                line.move_id AS move_id,
                letter.company_id AS company_id,
                letter.partner_id AS partner_id,
                move.adv_user_id AS adv_user_id,
                letter.policy_id AS policy_id,
                level.id AS level_id,
                level.document_type AS document_type,
                letter.date AS date,
                letter.date_sent AS date_sent,
                1 AS reminder_count,
                line.days_overdue AS days_overdue,
                company.currency_id AS currency_id,
                COALESCE(line.amount_due, 0) AS amount_due,
                COALESCE(line.fee, 0) AS fee,
                COALESCE(line.interest, 0) AS interest,
                CASE WHEN paid.in_time THEN COALESCE(line.amount_due, 0) ELSE 0 END
                    AS amount_paid_30,
                paid.in_time::int AS paid_30_count
            FROM adv_dunning_letter_line line
            JOIN adv_dunning_letter letter ON letter.id = line.letter_id
            -- a line listed at the level it has sits at its letter's level
            JOIN adv_dunning_level level ON level.id = COALESCE(line.level_id, letter.level_id)
            JOIN account_move move ON move.id = line.move_id
            JOIN res_company company ON company.id = letter.company_id
            LEFT JOIN LATERAL (
                -- the window of the company's Dunning effectiveness KPI: its
                -- own definition, else the shared one (adv.kpi.definition._for_company)
                SELECT definition.window_days
                  FROM adv_kpi_definition definition
                 WHERE definition.code = 'dunning_effectiveness'
                   AND definition.active
                   AND (definition.company_id = letter.company_id
                        OR definition.company_id IS NULL)
              ORDER BY definition.company_id IS NULL, definition.sequence, definition.id
                 LIMIT 1
            ) kpi ON TRUE
            LEFT JOIN LATERAL (
                SELECT COALESCE(
                           move.payment_state IN ('paid', 'in_payment')
                           AND MAX(partial.max_date)
                               <= (letter.date_sent AT TIME ZONE 'UTC')::date
                                  + COALESCE(NULLIF(kpi.window_days, 0), %(days)s),
                           FALSE
                       ) AS in_time
                  FROM account_move_line item
                  JOIN account_partial_reconcile partial ON partial.debit_move_id = item.id
                 WHERE item.move_id = line.move_id
            ) paid ON TRUE
            WHERE letter.state = 'sent'
            """,
            days=DUNNING_EFFECT_DAYS,
        )
