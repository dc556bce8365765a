# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

ACK_CHECKS = [
    ("client_ref", "Customer PO reference"),
    ("payment_term", "Payment terms"),
    ("payment_term_legal", "Payment terms within the legal maximum"),
    ("delivery_address", "Delivery address"),
    ("commitment_date", "Promised delivery date"),
    ("price", "Price vs pricelist"),
    ("discount", "Discount ceiling"),
    ("min_amount", "Minimum order amount"),
    ("product", "Products active and sellable"),
    ("credit_hold", "Credit hold"),
]


class AdvAckIssue(models.Model):
    """A failed acknowledgement check of an order, in words an ADV assistant
    can act on. Replaced each time the checks run."""

    _name = "adv.ack.issue"
    _description = "Failed Acknowledgement Check"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one("sale.order", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    rule_id = fields.Many2one("adv.ack.rule", ondelete="set null")
    check = fields.Selection(ACK_CHECKS, required=True)
    line_id = fields.Many2one("sale.order.line", ondelete="cascade")
    sequence = fields.Integer()
    # In every installed language: the assistant reads the reason in theirs,
    # whoever ran the checks (see adv.ack.rule._run_checks).
    message = fields.Char(required=True, translate=True)

    @api.model_create_multi
    def create(self, vals_list):
        translations = [vals.pop("message_translations", None) for vals in vals_list]
        issues = super().create(vals_list)
        for issue, by_lang in zip(issues, translations, strict=True):
            if by_lang:
                issue.update_field_translations("message", by_lang)
        return issues
