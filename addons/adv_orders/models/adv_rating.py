# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer ratings of the ADV service, with Odoo's own rating mechanism.

A rating request is a ``rating.rating`` record with its access token, created
when the request e-mail is rendered (``_rating_get_access_token``); the
customer answers on Odoo's public page ``/rate/<token>/<score>`` (a face,
then an optional comment), which applies the rating as superuser. One
request, one rating: answering again updates it.

Ratings of ADV documents (``ADV_RATED_MODELS``) carry their document's
company (record rule: a user reads those of their companies) and the moment
of the answer (``adv_answered_date``, the date the KPIs count). The score and
comment are the customer's: a user cannot rewrite them over RPC."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..protected import is_allowed, protected

ADV_RATED_MODELS = ("sale.order", "adv.claim")
# What only the customer gives, through the public page (as superuser).
CUSTOMER_FIELDS = {"rating", "feedback", "consumed"}


class RatingRating(models.Model):
    _inherit = "rating.rating"

    adv_company_id = fields.Many2one(
        "res.company",
        string="Company",
        readonly=True,
        index="btree_not_null",
        help="The company of the rated ADV document (sales order or claim).",
    )
    adv_answered_date = fields.Datetime(
        string="Answered On",
        readonly=True,
        index="btree_not_null",
        help="When the customer last gave this rating.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("res_model_id") and vals.get("res_id"):
                model = self.env["ir.model"].sudo().browse(vals["res_model_id"]).model
                if model in ADV_RATED_MODELS:
                    record = self.env[model].sudo().browse(vals["res_id"])
                    vals["adv_company_id"] = record.company_id.id
            if vals.get("consumed") and vals.get("rating"):
                vals.setdefault("adv_answered_date", fields.Datetime.now())
        ratings = super().create(vals_list)
        ratings.filtered("adv_company_id")._adv_check_customer_write(vals_list)
        return ratings

    def write(self, vals):
        self.filtered("adv_company_id")._adv_check_customer_write([vals])
        if vals.get("consumed") and vals.get("rating"):
            vals = dict(vals, adv_answered_date=fields.Datetime.now())
        return super().write(vals)

    def _adv_check_customer_write(self, vals_list):
        """The score and comment of an ADV rating come from the customer's
        answer (the public page, as superuser), not from a user's RPC."""
        if not self or is_allowed(self.env):
            return
        if any(CUSTOMER_FIELDS & {k for k, v in vals.items() if v} for vals in vals_list):
            raise AccessError(
                self.env._(
                    "A customer's rating of a sales order or claim is given by the customer "
                    "only; it cannot be written by a user."
                )
            )


class AdvRatingMixin(models.AbstractModel):
    """Rating requests of an ADV document (sales order, claim): sent once,
    with the document's template, to its customer."""

    _name = "adv.rating.mixin"
    _inherit = ["rating.mixin"]
    _description = "ADV Rating Request"

    adv_rating_requested_date = fields.Datetime(
        string="Rating Requested On",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the customer was asked to rate it (once).",
    )

    def _adv_rating_template(self):
        """The mail.template of the request (overridden by each model)."""
        raise NotImplementedError

    def _rating_get_partner(self):
        return self.partner_id

    def _adv_send_rating_request(self):
        """Send the request e-mail of each record to its customer, once. Server
        bookkeeping of the flow that asks (delivery, resolution): the request is
        rendered and posted as superuser, as the user who validates a delivery
        may not read the order."""
        records = self.filtered(
            lambda r: not r.adv_rating_requested_date and r._rating_get_partner().email
        )
        if not records:
            return records
        template = records[:1]._adv_rating_template()
        for record in records.sudo():
            record.rating_send_request(
                template, lang=record._rating_get_partner().lang, force_send=False
            )
        protected(records).write({"adv_rating_requested_date": fields.Datetime.now()})
        return records

    @api.model
    def _adv_recently_asked(self, partners, days):
        """The partners of ``partners`` asked to rate an ADV document (order or
        claim) within the last ``days`` days: one query per rated model."""
        if not partners or days <= 0:
            return self.env["res.partner"]
        since = fields.Datetime.now() - timedelta(days=days)
        asked = self.env["res.partner"]
        for model in ADV_RATED_MODELS:
            if model not in self.env:
                continue
            rows = (
                self.env[model]
                .sudo()
                ._read_group(
                    [
                        ("partner_id", "in", partners.ids),
                        ("adv_rating_requested_date", ">", since),
                    ],
                    ["partner_id"],
                )
            )
            asked = asked.union(*(partner for (partner,) in rows))
        return asked

    def action_adv_view_ratings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("adv_orders.adv_rating_action")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {}
        return action
