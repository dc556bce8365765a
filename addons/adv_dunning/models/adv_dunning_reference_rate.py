# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import calendar
import math
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


def half_year_start(day):
    """1 January or 1 July: the start of the half-year of ``day``."""
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def half_year_segments(date_from, date_to):
    """[(half-year start, days, days of its year)]: the days after
    ``date_from`` up to ``date_to`` included, cut at 30 June / 1 July and
    31 December / 1 January (the rates change there, L441-10)."""
    segments = []
    low = date_from
    while low < date_to:
        start = half_year_start(low + timedelta(days=1))
        end = date(start.year, 6, 30) if start.month == 1 else date(start.year, 12, 31)
        high = min(date_to, end)
        year_days = 366 if calendar.isleap(start.year) else 365
        segments.append((start, (high - low).days, year_days))
        low = high
    return segments


class AdvDunningReferenceRate(models.Model):
    """The reference rates of French late-payment law for a half-year: the
    ECB main refinancing rate in force on its first day (1 January for
    January-June, 1 July for July-December) and the legal interest rate for
    professional creditors, published by arrêté each half-year."""

    _name = "adv.dunning.reference.rate"
    _inherit = ["adv.finite.mixin"]
    _description = "Late-Payment Reference Rates (half-year)"
    _order = "date_start desc"
    _rec_name = "date_start"

    date_start = fields.Date(
        string="Half-Year Starting",
        required=True,
        help="1 January (January-June) or 1 July (July-December).",
    )
    ecb_rate = fields.Float(
        string="ECB Rate (%)",
        digits=(16, 2),
        required=True,
        help="The ECB main refinancing rate in force on the first day of the half-year.",
    )
    legal_rate = fields.Float(
        string="Legal Interest Rate, Professionals (%)",
        digits=(16, 2),
        required=True,
        help="The taux d'intérêt légal for professional creditors of the half-year: an "
        "agreed penalty rate may not be below three times this rate.",
    )

    _sql_constraints = [
        ("date_start_uniq", "UNIQUE (date_start)", "A half-year has one line of rates."),
    ]

    @api.constrains("date_start", "ecb_rate", "legal_rate")
    def _check_rates(self):
        for rates in self:
            if rates.date_start.day != 1 or rates.date_start.month not in (1, 7):
                raise ValidationError(self.env._("A half-year starts on 1 January or on 1 July."))
            for value in (rates.ecb_rate, rates.legal_rate):
                if not math.isfinite(value) or value < 0 or value > 100:
                    raise ValidationError(self.env._("A rate is a percentage between 0 and 100."))

    @api.model
    def _rates_by_half_year(self):
        """{half-year start: (ECB rate, legal rate)} of the whole table: a
        few lines, read once per run."""
        return {row.date_start: (row.ecb_rate, row.legal_rate) for row in self.sudo().search([])}

    @api.model
    def _penalty_floor(self, day):
        """Three times the legal interest rate (professional creditors) of the
        half-year of ``day``, or of the latest half-year known before it; 0
        when the table is empty. An agreed penalty rate may not be lower."""
        table = self._rates_by_half_year()
        known = [start for start in table if start <= half_year_start(day)]
        return round(3 * table[max(known)][1], 2) if known else 0.0

    @api.model
    def _check_agreed_rate(self, rate, who):
        """Refuse an agreed penalty rate below the legal floor (L441-10)."""
        if not rate:
            return
        if not math.isfinite(rate) or rate < 0 or rate > 100:
            raise ValidationError(self.env._("A rate is a percentage between 0 and 100."))
        floor = self._penalty_floor(fields.Date.context_today(self))
        if rate < floor:
            raise ValidationError(
                self.env._(
                    "The agreed late-payment rate of %(who)s, %(rate)s %%, is below the legal "
                    "floor of %(floor)s %%: three times the legal interest rate (Code de "
                    "commerce L441-10).",
                    who=who,
                    rate=rate,
                    floor=floor,
                )
            )

    @api.model
    def _ecb_at(self, table, start, default):
        """The ECB rate of the half-year starting ``start``, else of the
        latest half-year before it, else ``default``."""
        known = [day for day in table if day <= start]
        return table[max(known)][0] if known else default
