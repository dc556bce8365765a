# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PricelistRulesCache(dict):
    """The batch cache of the ADV price check: a type of its own, so that a
    value a client puts under the same context key (JSON) is never used."""


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _get_applicable_rules(self, products, date, **kwargs):
        """Serve the rules from a batch cache when the ADV price check asks.

        The cache (context key ``adv_pricelist_rules``) maps the pricelist to
        every product of the batch; the rules are fetched once per pricelist
        and date for all of them. Extra rules of other products are harmless:
        the pricelist engine keeps, per product, the first rule applicable to
        it in the same order.
        """
        cache = self.env.context.get("adv_pricelist_rules")
        if (
            not isinstance(cache, PricelistRulesCache)
            or not self
            or self.id not in cache["products"]
        ):
            return super()._get_applicable_rules(products, date, **kwargs)
        key = (self.id, date)
        if key not in cache["rules"]:
            cache["rules"][key] = super()._get_applicable_rules(
                cache["products"][self.id], date, **kwargs
            )
        return cache["rules"][key]
