# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class AdvBackorderLine(models.Model):
    """The backorder book (carnet de reliquats): one row per order line with
    something still owed to the customer. A SQL view over the stored, indexed
    remainder of the order lines, as sale.report is over the lines: listing,
    grouping and pivoting cost no per-record computation."""

    _name = "adv.backorder.line"
    _description = "Backorder Book"
    _auto = False
    _order = "date_order, id"
    _rec_name = "order_id"
    _depends = {
        "sale.order.line": [
            "order_id",
            "product_id",
            "product_uom",
            "product_uom_qty",
            "qty_delivered",
            "adv_qty_backorder",
            "adv_backorder_value",
            "adv_expected_date",
        ],
        "sale.order": [
            "partner_id",
            "client_order_ref",
            "company_id",
            "warehouse_id",
            "adv_user_id",
            "user_id",
            "currency_id",
            "currency_rate",
            "date_order",
            "adv_promised_date",
        ],
        "res.partner": ["commercial_partner_id"],
        "res.company": ["currency_id"],
    }

    order_line_id = fields.Many2one("sale.order.line", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Customer Company", readonly=True)
    client_order_ref = fields.Char(string="Customer PO", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    adv_user_id = fields.Many2one("res.users", string="ADV Handler", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_uom = fields.Many2one("uom.uom", string="Unit", readonly=True)
    qty_ordered = fields.Float(string="Ordered", digits="Product Unit of Measure", readonly=True)
    qty_delivered = fields.Float(
        string="Delivered", digits="Product Unit of Measure", readonly=True
    )
    qty_backorder = fields.Float(
        string="Remaining", digits="Product Unit of Measure", readonly=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    value = fields.Monetary(readonly=True, aggregator=None)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    value_company = fields.Monetary(
        string="Value (Company Currency)", currency_field="company_currency_id", readonly=True
    )
    date_order = fields.Datetime(string="Order Date", readonly=True)
    age_days = fields.Integer(string="Age (days)", readonly=True, aggregator="max")
    promised_date = fields.Datetime(readonly=True)
    expected_date = fields.Datetime(readonly=True)
    is_late = fields.Boolean(string="Late", readonly=True)

    @property
    def _table_query(self):
        # Age and lateness are measured against Odoo's clock (the user's day),
        # not the database server's.
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        return SQL(
            """
            SELECT
                sol.id AS id,
                sol.id AS order_line_id,
                so.id AS order_id,
                so.partner_id AS partner_id,
                partner.commercial_partner_id AS commercial_partner_id,
                so.client_order_ref AS client_order_ref,
                so.company_id AS company_id,
                so.warehouse_id AS warehouse_id,
                so.adv_user_id AS adv_user_id,
                so.user_id AS user_id,
                sol.product_id AS product_id,
                sol.product_uom AS product_uom,
                sol.product_uom_qty AS qty_ordered,
                sol.qty_delivered AS qty_delivered,
                sol.adv_qty_backorder AS qty_backorder,
                so.currency_id AS currency_id,
                sol.adv_backorder_value AS value,
                company.currency_id AS company_currency_id,
                sol.adv_backorder_value / COALESCE(NULLIF(so.currency_rate, 0), 1.0)
                    AS value_company,
                so.date_order AS date_order,
                (%(today)s::date - so.date_order::date) AS age_days,
                so.adv_promised_date AS promised_date,
                sol.adv_expected_date AS expected_date,
                COALESCE(
                    so.adv_promised_date < %(now)s
                    OR sol.adv_expected_date > so.adv_promised_date,
                    FALSE
                ) AS is_late
            FROM sale_order_line sol
            JOIN sale_order so ON so.id = sol.order_id
            JOIN res_partner partner ON partner.id = so.partner_id
            JOIN res_company company ON company.id = so.company_id
            WHERE sol.adv_qty_backorder > 0
            """,
            now=now,
            today=today,
        )

    def action_notify_customer(self):
        """Send each customer the backorder status of the selected orders."""
        orders = self.order_id
        if not orders:
            raise UserError(self.env._("Select the remainders to notify."))
        sent = orders._adv_backorder_notify()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Backorder status sent for %(count)s order(s).", count=len(sent)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_open_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.order_id.id,
            "view_mode": "form",
        }
