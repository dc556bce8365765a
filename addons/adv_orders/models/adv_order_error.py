# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

ERROR_TYPES = [
    ("price", "Price"),
    ("quantity", "Quantity"),
    ("product", "Product"),
    ("address", "Address"),
    ("delay", "Delay"),
    ("payment_term", "Payment Terms"),
    ("other", "Other"),
]


class AdvOrderError(models.Model):
    """One order-entry error: what was wrong on an order, found by whom and
    when. The KPI module computes the entry-error rate from this log."""

    _name = "adv.order.error"
    _description = "Order Entry Error"
    _order = "date desc, id desc"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, string="Customer")
    order_user_id = fields.Many2one(
        related="order_id.adv_user_id", store=True, string="ADV Handler", index=True
    )
    error_type = fields.Selection(ERROR_TYPES, string="Type", required=True, default="other")
    description = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users", string="Detected By", required=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    automatic = fields.Boolean(
        readonly=True, help="Logged by ADV Suite when an acknowledged order was corrected."
    )
    revision = fields.Integer(
        string="Acknowledgement Revision",
        readonly=True,
        help="The acknowledgement revision the correction opened.",
    )

    @api.depends("order_id", "error_type")
    def _compute_display_name(self):
        types = dict(self._fields["error_type"]._description_selection(self.env))
        for error in self:
            error.display_name = f"{error.order_id.name or ''} - {types.get(error.error_type, '')}"
