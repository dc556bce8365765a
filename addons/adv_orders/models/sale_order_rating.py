# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The satisfaction survey after delivery: when an order is fully delivered,
customers who opted in are asked to rate it, for a sample of the orders
(every Nth, company setting) and never twice within the quiet period
(company setting, 30 days) to the same contact."""

from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["adv.rating.mixin", "sale.order"]

    def _adv_rating_template(self):
        return self.env.ref("adv_orders.mail_template_adv_rating_delivery")

    def _rating_get_operator(self):
        """The ADV handler is rated; the salesperson when there is none."""
        return self.adv_user_id.partner_id or super()._rating_get_operator()

    def _adv_rating_after_delivery(self):
        """Ask a sample of the fully delivered orders of ``self`` for a rating.

        Eligible: confirmed, fully delivered, never asked, the customer opted
        in, its contact not asked (order or claim) within the quiet period.
        Each eligible order draws the next number of its company's sample
        counter (a PostgreSQL sequence: no lock between deliveries); it is
        asked when that number is a multiple of the sample rate."""
        orders = self.filtered(
            lambda o: (
                o.state == "sale"
                and o.adv_delivered_date
                and not o.adv_rating_requested_date
                and o.partner_id.commercial_partner_id.adv_rating_opt_in
                and o.company_id.adv_rating_sample_rate > 0
            )
        )
        asked = self.browse()
        for company in orders.company_id:
            company_orders = orders.filtered(lambda o, c=company: o.company_id == c)
            recent = self._adv_recently_asked(
                company_orders.partner_id, company.adv_rating_quiet_days
            )
            rate = company.adv_rating_sample_rate
            for order in company_orders.sorted(lambda o: (o.adv_delivered_date, o.id)):
                if order.partner_id in recent:
                    continue
                if company._adv_rating_sample_next() % rate == 0:
                    asked |= order
                    recent |= order.partner_id
        return asked._adv_send_rating_request()
