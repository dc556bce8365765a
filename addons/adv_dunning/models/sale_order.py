# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import fields, models
from odoo.tools import format_amount, format_date


class SaleOrder(models.Model):
    _inherit = "sale.order"

    adv_credit_hold = fields.Boolean(
        string="Customer on Credit Hold", related="partner_id.adv_credit_hold"
    )
    adv_credit_hold_override = fields.Text(
        string="Credit Hold Override",
        readonly=True,
        copy=False,
        help="Why a manager let this order through the customer's credit hold.",
    )

    def _adv_protected_fields(self):
        """The override is a manager's decision, written by its wizard only."""
        return super()._adv_protected_fields() | {"adv_credit_hold_override"}

    def _confirmation_error_message(self):
        """An order of a customer on credit hold is not confirmed (Odoo's own
        confirmation check, so that every way of confirming honours it)."""
        message = super()._confirmation_error_message()
        if message:
            return message
        issues = self._adv_credit_hold_issues()
        return issues[0][1] if issues else False

    def action_adv_credit_hold_override(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override the Credit Hold"),
            "res_model": "adv.credit.hold.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def _adv_credit_hold_issues(self):
        """(order, message) for each order whose customer is on credit hold,
        naming the overdue invoices and amounts; an order a manager let
        through has none."""
        orders = self.filtered(lambda o: not o.adv_credit_hold_override)
        if not orders:
            return []
        partners = orders.partner_id.commercial_partner_id
        invoices = partners._adv_credit_hold_invoices()
        by_key = defaultdict(list)
        for invoice in invoices:
            by_key[(invoice.commercial_partner_id.id, invoice.company_id.id)].append(invoice)
        issues = []
        for order in orders:
            held = by_key.get((order.partner_id.commercial_partner_id.id, order.company_id.id))
            if not held:
                continue
            details = "; ".join(
                self.env._(
                    "%(invoice)s due on %(due)s, %(amount)s left (%(level)s)",
                    invoice=invoice.name,
                    due=format_date(self.env, invoice.invoice_date_due),
                    amount=format_amount(self.env, invoice.amount_residual, invoice.currency_id),
                    level=invoice.adv_dunning_level_id.name,
                )
                for invoice in held
            )
            issues.append(
                (
                    order,
                    self.env._(
                        "%(order)s: the customer %(partner)s is on credit hold for its overdue "
                        "invoices: %(invoices)s. An ADV manager may override with a reason.",
                        order=order.name,
                        partner=order.partner_id.commercial_partner_id.name,
                        invoices=details,
                    ),
                )
            )
        return issues
