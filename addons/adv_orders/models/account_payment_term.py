# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.tools import date_utils

# Code de commerce, L441-10 I: payment within 60 days of the invoice date, or,
# when agreed, 45 days end of month. "45 days end of month" is read two ways
# in practice (end of the month then 45 days, or 45 days then the end of that
# month): both are accepted, so the latest of the three dates is the limit.
LEGAL_DAYS = 60
LEGAL_EOM_DAYS = 45
# Every day of a leap year: the due date of a term depends on the invoice's
# day of the month and on the length of the months.
REFERENCE_DATES = [date(2024, 1, 1) + timedelta(days=n) for n in range(366)]


def legal_max_due_date(invoice_date):
    """The latest due date French law allows for an invoice of that date."""
    return max(
        invoice_date + timedelta(days=LEGAL_DAYS),
        date_utils.end_of(invoice_date, "month") + timedelta(days=LEGAL_EOM_DAYS),
        date_utils.end_of(invoice_date + timedelta(days=LEGAL_EOM_DAYS), "month"),
    )


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    adv_beyond_legal_max = fields.Boolean(
        string="Beyond the Legal Maximum",
        compute="_compute_adv_beyond_legal_max",
        help="Some invoices would fall due later than French law allows between "
        "professionals (Code de commerce L441-10: 60 days from the invoice date, or "
        "45 days end of month).",
    )

    @api.depends("line_ids.nb_days", "line_ids.delay_type", "line_ids.days_next_month")
    def _compute_adv_beyond_legal_max(self):
        for term in self:
            term.adv_beyond_legal_max = term._adv_beyond_legal_max()

    def _adv_beyond_legal_max(self):
        """True when, for some invoice date, an instalment falls due after
        the legal maximum."""
        self.ensure_one()
        for invoice_date in REFERENCE_DATES:
            for line in self.line_ids:
                if line._get_due_date(invoice_date) > legal_max_due_date(invoice_date):
                    return True
        return False
