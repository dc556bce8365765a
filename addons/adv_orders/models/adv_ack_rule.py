# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import float_compare, float_is_zero, format_amount, formatLang
from odoo.tools.safe_eval import safe_eval

from .adv_ack_issue import ACK_CHECKS
from .product_pricelist import PricelistRulesCache


class AdvAckRule(models.Model):
    """Which confirmed orders get an acknowledgement, which checks they must
    pass first, within which delay, and how it is sent."""

    _name = "adv.ack.rule"
    _description = "Acknowledgement Rule"
    _inherit = ["mail.thread", "adv.finite.mixin"]
    _order = "sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(
        default=10, help="Rules are tried in this order; the first match applies."
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        tracking=True,
        help="Leave empty to apply the rule in every company.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")

    # Which orders the rule applies to (all given criteria must match).
    partner_domain = fields.Char(
        string="Customers",
        default="[]",
        help="Customers the rule applies to; the order's customer or its company must match.",
    )
    partner_category_ids = fields.Many2many(
        "res.partner.category",
        string="Customer Tags",
        help="Applies when the customer or its company has one of these tags.",
    )
    team_ids = fields.Many2many("crm.team", string="Sales Teams", check_company=True)
    channel_ids = fields.Many2many(
        "adv.intake.channel",
        string="Intake Channels",
        help="Applies to orders received through one of these channels; empty means any.",
    )
    min_amount_untaxed = fields.Monetary(
        string="From Untaxed Amount",
        help="Applies to orders whose untaxed amount, in the rule's currency, reaches this.",
    )

    # Checks, each switchable, with its parameter.
    check_client_ref = fields.Boolean(string="Customer PO reference present", default=True)
    check_payment_term = fields.Boolean(string="Payment terms set", default=True)
    check_payment_term_legal = fields.Boolean(
        string="Payment terms within the legal maximum",
        default=lambda self: self.env.company.country_id.code == "FR",
        help="Code de commerce L441-10: between professionals, at most 60 days from the "
        "invoice date, or 45 days end of month. On by default for French companies.",
    )
    check_delivery_address = fields.Boolean(
        string="Delivery address complete",
        default=True,
        help="Street, ZIP, city and country of the delivery address.",
    )
    check_commitment_date = fields.Boolean(string="Promised delivery date set")
    check_price = fields.Boolean(string="Price not below the pricelist")
    max_price_deviation = fields.Float(
        string="Allowed Price Deviation (%)",
        default=10.0,
        help="How far below the pricelist price a unit price may be, in percent.",
    )
    check_discount = fields.Boolean(string="Discount ceiling")
    max_discount = fields.Float(string="Maximum Discount (%)", default=20.0)
    check_min_amount = fields.Boolean(string="Minimum order amount")
    min_order_amount = fields.Monetary(string="Minimum Untaxed Amount")
    check_product = fields.Boolean(string="Products active and sellable", default=True)
    check_credit_hold = fields.Boolean(
        string="Customer not on credit hold",
        default=True,
        help="Uses the credit hold of the dunning module when it is installed.",
    )

    # Behaviour
    send_mode = fields.Selection(
        [("auto", "Send automatically"), ("manual", "After ADV review")],
        default="auto",
        required=True,
        tracking=True,
        help="When every check passes: send the acknowledgement at once, or "
        "wait for an ADV assistant to review and send it.",
    )
    sla_hours = fields.Float(
        string="Acknowledge Within (hours)",
        default=24.0,
        tracking=True,
        help="Working hours of the company's calendar from the order's reception.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain=[("model", "=", "sale.order")],
        help="The e-mail sent to the customer; its reports (the acknowledgement document by "
        "default) are attached as PDF.",
        default=lambda self: self.env.ref("adv_orders.mail_template_adv_ack", False),
        required=True,
    )
    order_count = fields.Integer(compute="_compute_order_count")

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("company_id")
    def _compute_currency_id(self):
        for rule in self:
            rule.currency_id = (rule.company_id or self.env.company).currency_id

    def _compute_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("adv_ack_rule_id", "in", self.ids)], ["adv_ack_rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.order_count = counts.get(rule, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("sla_hours", "max_price_deviation", "max_discount")
    def _check_limits(self):
        for rule in self:
            if not (math.isfinite(rule.sla_hours) and rule.sla_hours >= 0):
                raise ValidationError(
                    self.env._("Rule %(rule)s: the delay cannot be negative.", rule=rule.name)
                )
            for value, label in (
                (rule.max_price_deviation, self.env._("allowed price deviation")),
                (rule.max_discount, self.env._("maximum discount")),
            ):
                if not 0 <= value <= 100:
                    raise ValidationError(
                        self.env._(
                            "Rule %(rule)s: the %(limit)s must be between 0 and 100 %%.",
                            rule=rule.name,
                            limit=label,
                        )
                    )

    @api.constrains("min_amount_untaxed", "min_order_amount")
    def _check_amounts(self):
        for rule in self:
            if not all(
                math.isfinite(amount) and amount >= 0
                for amount in (rule.min_amount_untaxed, rule.min_order_amount)
            ):
                raise ValidationError(
                    self.env._("Rule %(rule)s: amounts cannot be negative.", rule=rule.name)
                )

    @api.constrains("partner_domain")
    def _check_partner_domain(self):
        for rule in self:
            try:
                domain = rule._get_partner_domain()
                self.env["res.partner"].search(domain, limit=1)
            except Exception as exc:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the customer filter is not valid: %(error)s",
                        rule=rule.name,
                        error=exc,
                    )
                ) from exc

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("adv_orders.sale_order_action_adv")
        action["domain"] = [("adv_ack_rule_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------
    def _get_partner_domain(self):
        self.ensure_one()
        return safe_eval(self.partner_domain or "[]")

    @api.model
    def _match_orders(self, orders):
        """The first rule, by sequence, that applies to each order.

        Set-based: one search for the rules and one per rule with a customer
        filter, whatever the number of orders.

        :return: {order id: adv.ack.rule (possibly empty)}
        """
        rules = self.search(
            [("company_id", "in", [False, *orders.company_id.ids])], order="sequence, id"
        )
        partners = orders.partner_id | orders.partner_id.commercial_partner_id
        matching_partners = {}
        for rule in rules:
            domain = rule._get_partner_domain()
            if domain:
                matching_partners[rule.id] = set(
                    self.env["res.partner"]
                    .with_context(active_test=False)
                    .search(expression.AND([domain, [("id", "in", partners.ids)]]))
                    .ids
                )
        result = {}
        for order in orders:
            result[order.id] = next(
                (r for r in rules if r._applies_to(order, matching_partners.get(r.id))),
                self.browse(),
            )
        return result

    def _applies_to(self, order, matching_partner_ids=None):
        self.ensure_one()
        if self.company_id and self.company_id != order.company_id:
            return False
        partners = order.partner_id | order.partner_id.commercial_partner_id
        if matching_partner_ids is not None and not set(partners.ids) & matching_partner_ids:
            return False
        if self.partner_category_ids and not (partners.category_id & self.partner_category_ids):
            return False
        if self.team_ids and order.team_id not in self.team_ids:
            return False
        if self.channel_ids and order.adv_intake_channel not in self.channel_ids.mapped("code"):
            return False
        if self.min_amount_untaxed:
            amount = order._adv_amount_in(self.currency_id)
            if (
                float_compare(
                    amount, self.min_amount_untaxed, precision_rounding=self.currency_id.rounding
                )
                < 0
            ):
                return False
        return True

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model
    def _get_check_codes(self):
        """The checks a rule can switch on: check_<code> fields and
        _adv_check_<code>(orders) methods. Other modules add theirs."""
        return [code for code, _label in ACK_CHECKS]

    def _run_checks(self, orders):
        """Every failed check of ``orders`` under this rule.

        :return: list of adv.ack.issue values
        """
        self.ensure_one()
        issues = []
        for code in self._get_check_codes():
            if not self[f"check_{code}"]:
                continue
            found = list(getattr(self, f"_adv_check_{code}")(orders))
            translations = self._translate_check(code, orders, found)
            for index, (order, line, message) in enumerate(found):
                issues.append(
                    {
                        "order_id": order.id,
                        "rule_id": self.id,
                        "check": code,
                        "line_id": line.id if line else False,
                        "sequence": len(issues),
                        "message": message,
                        "message_translations": {
                            lang: rows[index] for lang, rows in translations.items()
                        },
                    }
                )
        return issues

    @staticmethod
    def _issue_key(row):
        order, line, _message = row
        return order.id, line.id if line else 0

    def _translate_check(self, code, orders, found):
        """{lang: [message, ...]}: the messages of a failed check in the other
        installed languages, in the order of ``found`` (the check runs once
        more per language, on the failed orders only)."""
        if not found:
            return {}
        failed = orders.browse({order.id for order, _line, _message in found})
        current = self.env.lang or "en_US"
        result = {}
        for lang, _name in self.env["res.lang"].get_installed():
            if lang == current:
                continue
            rule = self.with_context(lang=lang)
            rows = list(getattr(rule, f"_adv_check_{code}")(failed.with_context(lang=lang)))
            if [self._issue_key(row) for row in rows] == [self._issue_key(row) for row in found]:
                result[lang] = [message for _order, _line, message in rows]
        return result

    @api.model
    def _checked_lines(self, orders):
        """Lines that carry a product: sections, notes and down payments are ignored."""
        return orders.order_line.filtered(
            lambda line: not line.display_type and line.product_id and not line.is_downpayment
        )

    def _line_label(self, line):
        position = line.order_id.order_line.ids.index(line.id) + 1
        return self.env._(
            "Line %(position)s, %(product)s",
            position=position,
            product=line.product_id.display_name,
        )

    def _adv_check_client_ref(self, orders):
        for order in orders.filtered(lambda o: not (o.client_order_ref or "").strip()):
            yield order, None, self.env._("The customer's PO reference is missing.")

    def _adv_check_payment_term(self, orders):
        for order in orders.filtered(lambda o: not o.payment_term_id):
            yield order, None, self.env._("No payment terms are set.")

    def _adv_check_payment_term_legal(self, orders):
        for order in orders.filtered(lambda o: o.payment_term_id.adv_beyond_legal_max):
            yield (
                order,
                None,
                self.env._(
                    "The payment terms %(terms)s go beyond the legal maximum (Code de commerce "
                    "L441-10: 60 days from the invoice date, or 45 days end of month).",
                    terms=order.payment_term_id.name,
                ),
            )

    def _adv_check_delivery_address(self, orders):
        labels = {
            "street": self.env._("street"),
            "zip": self.env._("ZIP"),
            "city": self.env._("city"),
            "country_id": self.env._("country"),
        }
        for order in orders:
            address = order.partner_shipping_id
            missing = [label for fname, label in labels.items() if not address[fname]]
            if missing:
                yield (
                    order,
                    None,
                    self.env._(
                        "The delivery address %(address)s is incomplete: %(missing)s missing.",
                        address=address.display_name or "",
                        missing=", ".join(missing),
                    ),
                )

    def _adv_check_commitment_date(self, orders):
        for order in orders.filtered(lambda o: not o.commitment_date):
            yield order, None, self.env._("No promised delivery date (commitment date) is set.")

    def _adv_check_price(self, orders):
        lines = self._checked_lines(orders).filtered(lambda line: not line.combo_item_id)
        prices = self._pricelist_prices(lines)
        allowed = self.max_price_deviation
        for line in lines:
            reference = prices[line.id]
            currency = line.currency_id
            if float_is_zero(reference, precision_rounding=currency.rounding) or reference < 0:
                continue  # nothing to be below of
            deviation = (reference - line.price_unit) / reference * 100.0
            if float_compare(deviation, allowed, precision_digits=4) > 0:
                yield (
                    line.order_id,
                    line,
                    self.env._(
                        "%(line)s: unit price %(price)s is %(deviation)s %% below the pricelist "
                        "price %(reference)s; this rule allows %(allowed)s %%.",
                        line=self._line_label(line),
                        price=formatLang(self.env, line.price_unit, currency_obj=currency),
                        deviation=formatLang(self.env, deviation, digits=1),
                        reference=formatLang(self.env, reference, currency_obj=currency),
                        allowed=formatLang(self.env, allowed, digits=1),
                    ),
                )

    @api.model
    def _pricelist_prices(self, lines):
        """The pricelist price of each line, in the order's currency and the
        line's unit, as sale.order.line._get_pricelist_price gives it.

        Lines sharing pricelist, date, currency, unit and quantity are priced
        by one call of the pricelist engine for all their products, and the
        pricelist rules are fetched once per pricelist and order date (see
        product.pricelist._get_applicable_rules): the number of queries grows
        with the number of orders, not of lines. A pricelist in another
        currency than its products adds the currency rate look-ups.
        """
        groups = defaultdict(lambda: self.env["sale.order.line"])
        prices = {}
        for line in lines:
            if (
                line.product_no_variant_attribute_value_ids
                or line.product_custom_attribute_value_ids
            ):
                prices[line.id] = line._get_pricelist_price()  # attribute extras
                continue
            key = (
                line.order_id.pricelist_id,
                line._get_order_date(),
                line.currency_id,
                line.product_uom,
                line.product_uom_qty or 1.0,
            )
            groups[key] |= line
        cache = PricelistRulesCache(
            products=defaultdict(lambda: self.env["product.product"]), rules={}
        )
        for pricelist, *_rest in groups:
            if pricelist:
                cache["products"][pricelist.id] = lines.filtered(
                    lambda line, pricelist=pricelist: line.order_id.pricelist_id == pricelist
                ).product_id
        cache["products"] = dict(cache["products"])
        for (pricelist, date, currency, uom, quantity), group in groups.items():
            results = pricelist.with_context(adv_pricelist_rules=cache)._compute_price_rule(
                group.product_id, quantity, currency=currency, uom=uom, date=date
            )
            for line in group:
                prices[line.id] = results[line.product_id.id][0]
        return prices

    def _adv_check_discount(self, orders):
        allowed = self.max_discount
        for line in self._checked_lines(orders):
            if float_compare(line.discount, allowed, precision_digits=4) > 0:
                yield (
                    line.order_id,
                    line,
                    self.env._(
                        "%(line)s: discount %(discount)s %% is above the %(allowed)s %% this "
                        "rule allows.",
                        line=self._line_label(line),
                        discount=formatLang(self.env, line.discount, digits=1),
                        allowed=formatLang(self.env, allowed, digits=1),
                    ),
                )

    def _adv_check_min_amount(self, orders):
        for order in orders:
            amount = order._adv_amount_in(self.currency_id)
            if (
                float_compare(
                    amount, self.min_order_amount, precision_rounding=self.currency_id.rounding
                )
                < 0
            ):
                yield (
                    order,
                    None,
                    self.env._(
                        "The untaxed amount %(amount)s is below the minimum order amount "
                        "%(minimum)s.",
                        amount=format_amount(self.env, amount, self.currency_id),
                        minimum=format_amount(self.env, self.min_order_amount, self.currency_id),
                    ),
                )

    def _adv_check_product(self, orders):
        for line in self._checked_lines(orders):
            product = line.product_id
            if not product.active:
                yield (
                    line.order_id,
                    line,
                    self.env._("%(line)s: the product is archived.", line=self._line_label(line)),
                )
            elif not product.sale_ok:
                yield (
                    line.order_id,
                    line,
                    self.env._(
                        "%(line)s: the product cannot be sold.", line=self._line_label(line)
                    ),
                )

    def _adv_check_credit_hold(self, orders):
        for order, message in orders._adv_credit_hold_issues():
            yield order, None, message
