# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import bisect
from collections import defaultdict
from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, groupby

from ..finite import check_finite
from ..protected import check_vals, is_allowed, protected
from .adv_intake_channel import INTAKE_CHANNELS

ACK_STATES = [
    ("to_check", "To Check"),
    ("blocked", "Blocked"),
    ("to_send", "To Send"),
    ("acknowledged", "Acknowledged"),
    ("not_required", "Not Required"),
]
# States of an acknowledgement still owed to the customer.
ACK_OPEN_STATES = ("to_check", "blocked", "to_send")

# Order fields whose change re-opens an acknowledged order, with the type of
# entry error the change reveals (line fields: see sale_order_line.py).
ACK_ORDER_FIELDS = {
    "commitment_date": "delay",
    "partner_shipping_id": "address",
    "payment_term_id": "payment_term",
}

ACK_ACTIVITY = "adv_orders.mail_activity_type_adv_ack"

BACKORDER_POLICIES = [
    ("partial", "Ship available, keep the rest as backorder"),
    ("complete", "Ship complete only"),
    ("cancel", "Ship available, cancel the rest"),
]


def delivery_tz(warehouse, company):
    """The time zone in which delivery days are counted: the warehouse's,
    else the company's, else UTC."""
    return warehouse.partner_id.tz or company.partner_id.tz or "UTC"


def local_date(value, tz_name):
    """The calendar date of the UTC datetime ``value`` in the time zone ``tz_name``."""
    if not value:
        return False
    tz = pytz.timezone(tz_name or "UTC")
    return pytz.utc.localize(value).astimezone(tz).date()


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    def _default_adv_user_id(self):
        user = self.env.user
        return user if user.has_group("adv_orders.group_adv_user") else False

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    adv_intake_channel = fields.Selection(
        INTAKE_CHANNELS, string="Intake Channel", index=True, tracking=True,
        help="How the order reached the company.",
    )  # fmt: skip
    adv_received_date = fields.Datetime(
        string="Received On",
        default=fields.Datetime.now,
        copy=False,
        tracking=True,
        help="When the order reached the company; the acknowledgement delay runs from here. "
        "ADV may correct it until the order is acknowledged.",
    )
    adv_user_id = fields.Many2one(
        "res.users",
        string="ADV Handler",
        default=lambda self: self._default_adv_user_id(),
        domain=[("share", "=", False)],
        index=True,
        tracking=True,
        help="The ADV assistant in charge of the order.",
    )
    adv_ack_rule_id = fields.Many2one(
        "adv.ack.rule",
        string="Acknowledgement Rule",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
    )
    adv_ack_state = fields.Selection(
        ACK_STATES, string="Acknowledgement", readonly=True, copy=False, index=True, tracking=True
    )
    adv_ack_deadline = fields.Datetime(
        string="Acknowledge Before", readonly=True, copy=False, index=True
    )
    adv_ack_date = fields.Datetime(
        string="Acknowledged On",
        readonly=True,
        copy=False,
        help="When the first acknowledgement was sent.",
    )
    adv_ack_revision = fields.Integer(
        string="Acknowledgement Revision",
        readonly=True,
        copy=False,
        help="The revision of the acknowledgement to send, or last sent.",
    )
    adv_ack_late = fields.Boolean(
        string="Acknowledgement Late", readonly=True, copy=False, index=True
    )
    adv_ack_escalated = fields.Boolean(readonly=True, copy=False)
    adv_ack_issue_ids = fields.One2many(
        "adv.ack.issue", "order_id", string="Failed Checks", readonly=True
    )
    adv_ack_issue_text = fields.Text(
        string="Why It Is Blocked",
        compute="_compute_adv_ack_issue_text",
        help="One line per failed acknowledgement check, in your language.",
    )
    adv_order_error_ids = fields.One2many("adv.order.error", "order_id", string="Entry Errors")
    adv_order_error_count = fields.Integer(compute="_compute_adv_order_error_count")
    adv_can_acknowledge = fields.Boolean(compute="_compute_adv_ack_buttons")
    adv_can_send_ack = fields.Boolean(compute="_compute_adv_ack_buttons")
    adv_can_override_ack = fields.Boolean(compute="_compute_adv_ack_buttons")

    # Deliveries and backorders (reliquats)
    adv_backorder_policy = fields.Selection(
        BACKORDER_POLICIES,
        string="Backorder Policy",
        compute="_compute_adv_backorder_policy",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="What happens to what cannot be shipped at once. Defaults to the "
        "customer's policy. Ship complete only makes the shipping policy 'When all "
        "products are ready'; cancel the rest cancels, at each partial delivery, "
        "what was not shipped: it is never delivered nor invoiced.",
    )
    adv_has_backorder = fields.Boolean(
        string="Has Backorder",
        compute="_compute_adv_backorder",
        store=True,
        index=True,
        help="Something ordered is still to be delivered.",
    )
    adv_backorder_value = fields.Monetary(
        string="Open Backorder Value",
        compute="_compute_adv_backorder",
        store=True,
        help="Untaxed value of what is still to be delivered.",
    )
    adv_backorder_expected_date = fields.Datetime(
        string="Next Expected Date",
        compute="_compute_adv_backorder",
        store=True,
        help="Earliest planned date of the open deliveries.",
    )
    adv_backorder_age = fields.Integer(
        string="Backorder Age (days)",
        compute="_compute_adv_backorder_age",
        help="Days since the order was confirmed, while something remains to be delivered.",
    )
    # On time in full facts (see readme/DESCRIPTION.md for the definitions)
    adv_promised_date = fields.Datetime(
        string="Promised Date",
        readonly=True,
        copy=False,
        index=True,
        help="The delivery date promised to the customer: the commitment date, or the "
        "expected date at confirmation; frozen by each acknowledgement sent.",
    )
    adv_confirmed_date = fields.Datetime(
        string="Confirmed On",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the order was last confirmed; kept if it is cancelled afterwards.",
    )
    adv_cancelled_date = fields.Datetime(
        string="Cancelled On",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the order was cancelled after its confirmation (a quotation "
        "cancelled before it has none).",
    )
    adv_delivered_date = fields.Datetime(
        string="Fully Delivered On",
        compute="_compute_adv_otif",
        store=True,
        help="When the last quantity owed left for the customer.",
    )
    adv_on_time = fields.Boolean(
        string="On Time",
        compute="_compute_adv_otif",
        store=True,
        help="Fully delivered no later than the promised day.",
    )
    adv_in_full = fields.Boolean(
        string="In Full",
        compute="_compute_adv_otif",
        store=True,
        help="The first shipment carried every ordered quantity.",
    )
    adv_otif = fields.Boolean(
        string="OTIF",
        compute="_compute_adv_otif",
        store=True,
        index=True,
        help="On time and in full.",
    )
    adv_installment_html = fields.Html(
        string="Instalments",
        compute="_compute_adv_installment_html",
        sanitize=False,
        help="The due dates (échéances) of the order's payment terms.",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    def _compute_adv_order_error_count(self):
        counts = dict(
            self.env["adv.order.error"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.adv_order_error_count = counts.get(order, 0)

    @api.depends("adv_ack_issue_ids.message")
    @api.depends_context("lang")
    def _compute_adv_ack_issue_text(self):
        for order in self:
            order.adv_ack_issue_text = "\n".join(
                f"• {issue.message}" for issue in order.adv_ack_issue_ids
            )

    @api.depends("state", "adv_ack_state")
    def _compute_adv_ack_buttons(self):
        for order in self:
            confirmed = order.state == "sale"
            order.adv_can_acknowledge = confirmed and order.adv_ack_state in ("to_check", "blocked")
            order.adv_can_send_ack = confirmed and order.adv_ack_state == "to_send"
            order.adv_can_override_ack = confirmed and order.adv_ack_state == "blocked"

    @api.depends("partner_id")
    def _compute_adv_backorder_policy(self):
        for order in self:
            order.adv_backorder_policy = (
                order.partner_id.commercial_partner_id.adv_backorder_policy or "partial"
            )

    @api.depends(
        "order_line.adv_qty_backorder",
        "order_line.adv_backorder_value",
        "order_line.adv_expected_date",
    )
    def _compute_adv_backorder(self):
        for order in self:
            lines = order.order_line.filtered("adv_qty_backorder")
            order.adv_has_backorder = bool(lines)
            order.adv_backorder_value = sum(lines.mapped("adv_backorder_value"))
            dates = [date for date in lines.mapped("adv_expected_date") if date]
            order.adv_backorder_expected_date = min(dates) if dates else False

    @api.depends("adv_has_backorder", "date_order")
    def _compute_adv_backorder_age(self):
        today = fields.Date.context_today(self)
        for order in self:
            if order.adv_has_backorder and order.date_order:
                order.adv_backorder_age = (today - order.date_order.date()).days
            else:
                order.adv_backorder_age = 0

    @api.depends(
        "state",
        "adv_promised_date",
        "adv_has_backorder",
        "picking_ids.state",
        "picking_ids.date_done",
        "order_line.move_ids.state",
        "order_line.move_ids.quantity",
    )
    def _compute_adv_otif(self):
        for order in self:
            shipments = order._adv_customer_shipments().filtered(lambda p: p.state == "done")
            lines = order.order_line.filtered(
                lambda line: (
                    not line.display_type
                    and line.qty_delivered_method == "stock_move"
                    and line.product_uom_qty > 0
                )
            )
            delivered = in_full = on_time = False
            if order.state == "sale" and shipments and lines:
                # _origin: in a form's onchange the pickings are new records,
                # whose NewIds cannot be compared.
                first = shipments.sorted(lambda p: (p.date_done, p._origin.id or 0))[0]
                in_full = all(
                    float_compare(
                        line._adv_qty_shipped_by(first),
                        line.product_uom_qty,
                        precision_rounding=line.product_uom.rounding or 0.01,
                    )
                    >= 0
                    for line in lines
                )
                if not order.adv_has_backorder:
                    delivered = max(shipments.mapped("date_done"))
                    tz = order._adv_tz()
                    on_time = bool(order.adv_promised_date) and local_date(
                        delivered, tz
                    ) <= local_date(order.adv_promised_date, tz)
            order.adv_delivered_date = delivered
            order.adv_in_full = in_full
            order.adv_on_time = on_time
            order.adv_otif = on_time and in_full

    @api.depends("payment_term_id", "amount_total", "amount_untaxed", "date_order", "currency_id")
    def _compute_adv_installment_html(self):
        for order in self:
            order.adv_installment_html = order._adv_installments_html()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("adv_backorder_policy", "picking_policy")
    def _check_adv_backorder_policy(self):
        for order in self:
            if order.adv_backorder_policy == "complete" and order.picking_policy == "direct":
                raise ValidationError(
                    self.env._(
                        "Order %(order)s ships complete only: its shipping policy must be "
                        "'When all products are ready'. Change the backorder policy first "
                        "to ship as soon as possible.",
                        order=order.display_name,
                    )
                )

    @api.onchange("adv_backorder_policy")
    def _onchange_adv_backorder_policy(self):
        if self.adv_backorder_policy == "complete":
            self.picking_policy = "one"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _adv_protected_fields(self):
        """Fields only the acknowledgement flow writes (see adv_orders/protected.py)."""
        return {
            "adv_ack_state",
            "adv_ack_revision",
            "adv_ack_date",
            "adv_ack_rule_id",
            "adv_ack_deadline",
            "adv_ack_late",
            "adv_ack_escalated",
            "adv_promised_date",
            "adv_confirmed_date",
            "adv_cancelled_date",
            "adv_rating_requested_date",
        }

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        check_finite(self, vals_list)
        # Precedence: a ship-complete backorder policy sets the shipping policy,
        # unless the caller chose one (then the constraint tells the conflict).
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        policies = {p.id: p.commercial_partner_id.adv_backorder_policy for p in partners}
        for vals in vals_list:
            policy = vals.get("adv_backorder_policy") or policies.get(vals.get("partner_id"))
            if policy == "complete" and "picking_policy" not in vals:
                vals["picking_policy"] = "one"
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, [vals])
        check_finite(self, [vals])
        if vals.get("adv_backorder_policy") == "complete" and "picking_policy" not in vals:
            vals = dict(vals, picking_policy="one")
        if "adv_received_date" in vals and any(o.adv_ack_state == "acknowledged" for o in self):
            raise UserError(
                self.env._("The reception date of an acknowledged order cannot be changed.")
            )
        watched = [fname for fname in ACK_ORDER_FIELDS if fname in vals]
        before = {}
        if watched:
            before = {
                order.id: {fname: order[fname] for fname in watched}
                for order in self._adv_ack_watched()
            }
        result = super().write(vals)
        for order in self.filtered(lambda o: o.id in before):
            error_types = {
                ACK_ORDER_FIELDS[fname]
                for fname, old in before[order.id].items()
                if order[fname] != old
            }
            if error_types:
                order._adv_ack_reopen(error_types)
        if "commitment_date" in vals:
            # The promise follows the commitment date until it is acknowledged.
            self.filtered(
                lambda o: o.state == "sale" and o.adv_ack_state != "acknowledged"
            )._adv_set_promised_date()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_adv_acknowledge(self):
        """Run the checks and send, or queue, the acknowledgement."""
        self._adv_check_ack_access()
        orders = self._adv_ack_orders(("to_check", "blocked", "to_send"))
        orders._adv_ack_process()
        return True

    def action_adv_ack_send(self):
        """Send the acknowledgement of reviewed orders whose checks passed."""
        self._adv_check_ack_access()
        orders = self._adv_ack_orders(("to_send",))
        orders._adv_ack_send()
        return True

    def action_adv_ack_override(self):
        self._adv_ack_orders(("blocked",))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override the Acknowledgement Checks"),
            "res_model": "adv.ack.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def action_adv_log_error(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log an Entry Error"),
            "res_model": "adv.order.error",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_adv_view_errors(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("adv_orders.adv_order_error_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _action_confirm(self):
        result = super()._action_confirm()
        # Odoo dates the order at its confirmation.
        for order in protected(self):
            order.write({"adv_confirmed_date": order.date_order, "adv_cancelled_date": False})
        self._adv_set_promised_date()
        self._adv_ack_start()
        return result

    def _action_cancel(self):
        confirmed = self.filtered(lambda o: o.state == "sale" and o.adv_confirmed_date)
        result = super()._action_cancel()
        protected(confirmed.filtered(lambda o: o.state == "cancel")).write(
            {"adv_cancelled_date": fields.Datetime.now()}
        )
        return result

    def _adv_check_ack_access(self):
        if not self.env.user.has_group("adv_orders.group_adv_user"):
            raise AccessError(self.env._("Only the ADV team can acknowledge orders."))

    def _adv_ack_orders(self, states):
        """The orders of ``self`` in one of ``states``; an error if none."""
        orders = self.filtered(lambda o: o.state == "sale" and o.adv_ack_state in states)
        if not orders:
            raise UserError(
                self.env._(
                    "None of the selected orders is confirmed and in a state for this action."
                )
            )
        return orders

    def _adv_ack_watched(self):
        """Orders whose changes matter: acknowledged, or passed and about to be sent."""
        return self.filtered(lambda o: o.adv_ack_state in ("acknowledged", "to_send"))

    def _adv_amount_in(self, currency):
        """The untaxed amount converted to ``currency`` at the order date."""
        self.ensure_one()
        return self.currency_id._convert(
            self.amount_untaxed,
            currency,
            self.company_id,
            (self.date_order or fields.Datetime.now()).date(),
        )

    def _adv_ack_compute_deadline(self, rule):
        """Reception date + the rule's delay, in working hours of the company."""
        self.ensure_one()
        return self._adv_ack_deadlines({self.id: rule})[self.id]

    def _adv_ack_deadlines(self, rules):
        """Reception date + the delay of each order's rule (``rules``: {order
        id: rule}), in working hours of its company, global leaves included:
        the calendar's working intervals are read once for all the orders of
        a calendar, where resource.calendar.plan_hours reads them for each."""
        now = fields.Datetime.now()
        deadlines, planned = {}, defaultdict(list)
        for order in self:
            start = order.adv_received_date or now
            hours = rules[order.id].sla_hours
            calendar = order.company_id.resource_calendar_id
            if not hours:
                deadlines[order.id] = start
            elif calendar:
                planned[calendar].append((order.id, start, hours))
            else:
                deadlines[order.id] = start + timedelta(hours=hours)
        for calendar, items in planned.items():
            starts = [start for _id, start, _hours in items]
            # plan_hours looks 14 days ahead at a time: as many as the longest delay needs
            horizon = timedelta(days=14 * (1 + int(max(h for _i, _s, h in items) // 24)))
            intervals = list(
                calendar._work_intervals_batch(
                    pytz.utc.localize(min(starts)), pytz.utc.localize(max(starts) + horizon)
                )[False]
            )
            stops = [stop for _start, stop, _meta in intervals]
            for order_id, start, hours in items:
                deadline = _plan_hours(intervals, stops, pytz.utc.localize(start), hours)
                if deadline is None:  # a longer closure than the horizon: the calendar plans it
                    deadline = calendar.plan_hours(hours, start, compute_leaves=True)
                deadlines[order_id] = (
                    deadline.replace(tzinfo=None) if deadline else start + timedelta(hours=hours)
                )
        return deadlines

    def _adv_ack_start(self):
        """On confirmation: find each order's rule and acknowledge in bulk.

        Orders confirmed with the context key ``adv_ack_history`` (orders
        entered after the fact: a migration, demo history) need no
        acknowledgement: nothing is checked nor sent. The key is honoured for
        server code (superuser, or an environment of ``protected()``) and ADV
        managers only: any user can put a key in the context of an RPC call."""
        if self.env.context.get("adv_ack_history") and (
            is_allowed(self.env) or self.env.user.has_group("adv_orders.group_adv_manager")
        ):
            self.sudo().write({"adv_ack_state": "not_required", "adv_ack_rule_id": False})
            return
        matches = self.env["adv.ack.rule"].sudo()._match_orders(self)
        without_rule = self.filtered(lambda o: not matches[o.id])
        without_rule.sudo().write({"adv_ack_state": "not_required", "adv_ack_rule_id": False})
        with_rule = self - without_rule
        deadlines = with_rule._adv_ack_deadlines(matches)
        for order in with_rule:
            rule = matches[order.id]
            vals = {
                "adv_ack_rule_id": rule.id,
                "adv_ack_state": "to_check",
                "adv_ack_deadline": deadlines[order.id],
                # a re-confirmed order that was acknowledged before sends a new revision
                "adv_ack_revision": order.adv_ack_revision + 1 if order.adv_ack_date else 1,
            }
            if not order.adv_received_date:
                vals["adv_received_date"] = fields.Datetime.now()
            order.sudo().write(vals)
        with_rule._adv_ack_process()

    def _adv_ack_process(self):
        """Run the checks of each order's rule: block the failed orders with
        their reasons, send or queue the others. Set-based per rule."""
        issues = []
        for rule, orders in groupby(self, key=lambda o: o.adv_ack_rule_id):
            orders = self.browse(o.id for o in orders)
            issues += rule.sudo()._run_checks(orders)
        Issue = self.env["adv.ack.issue"].sudo()
        Issue.search([("order_id", "in", self.ids)]).unlink()
        Issue.create(issues)
        failed = self.browse({vals["order_id"] for vals in issues})
        passed = self - failed
        if failed:
            failed.sudo().write({"adv_ack_state": "blocked"})
            failed._adv_ack_notify_blocked()
        if passed:
            passed._adv_ack_pass(self.env._("The acknowledgement checks pass."))

    def _adv_ack_pass(self, feedback):
        """The checks passed (or were overridden): send now when the rule
        says so, else queue for ADV review."""
        self.sudo().write({"adv_ack_state": "to_send"})
        self.sudo().activity_feedback([ACK_ACTIVITY], feedback=feedback)
        self.filtered(lambda o: o.adv_ack_rule_id.send_mode == "auto")._adv_ack_send()

    def _adv_ack_notify_blocked(self):
        """One open activity per blocked order, for its handler, listing the reasons."""
        orders = self.sudo()
        orders.activity_unlink([ACK_ACTIVITY])
        # scheduled in one go per handler, each then given its own reasons
        for user, handled in groupby(
            orders, key=lambda order: order.adv_user_id or order.user_id or self.env.user
        ):
            handled = orders.browse(order.id for order in handled)
            activities = handled.activity_schedule(
                ACK_ACTIVITY, summary=self.env._("Acknowledgement blocked"), user_id=user.id
            )
            for activity, order in zip(activities, handled, strict=True):
                activity.note = Markup("<ul>%s</ul>") % Markup().join(
                    Markup("<li>%s</li>") % issue.message for issue in order.adv_ack_issue_ids
                )

    def _adv_ack_send(self):
        """Send the acknowledgement of each order, as a numbered revision: the
        rule's e-mail template, with the PDF of its reports."""
        now = fields.Datetime.now()
        for order in self:
            rule = order.adv_ack_rule_id
            template = rule.mail_template_id or self.env.ref("adv_orders.mail_template_adv_ack")
            # the PDF comes from the template's reports (report_template_ids)
            order.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            vals = {
                "adv_ack_state": "acknowledged",
                "adv_ack_late": False,
                "adv_ack_escalated": False,
            }
            if not order.adv_ack_date:
                vals["adv_ack_date"] = now
            # The promise sent to the customer is the one measured (OTIF).
            vals["adv_promised_date"] = order._adv_promise()
            order.sudo().write(vals)
        self.sudo().activity_feedback([ACK_ACTIVITY], feedback=self.env._("Acknowledgement sent."))

    def _adv_ack_reopen(self, error_types):
        """An acknowledged order changed: log the entry errors, go back to
        the checks with the next revision. A passed, unsent order only goes
        back to the checks."""
        self.ensure_one()
        if self.adv_ack_state == "to_send":
            self.sudo().write({"adv_ack_state": "to_check"})
            return
        if self.adv_ack_state != "acknowledged":
            return
        labels = dict(
            self.env["adv.order.error"]._fields["error_type"]._description_selection(self.env)
        )
        revision = self.adv_ack_revision + 1
        self.env["adv.order.error"].sudo().create(
            [
                {
                    "order_id": self.id,
                    "error_type": error_type,
                    "description": self.env._(
                        "%(what)s corrected after acknowledgement revision %(revision)s.",
                        what=labels[error_type],
                        revision=self.adv_ack_revision,
                    ),
                    "user_id": self.env.user.id,
                    "automatic": True,
                    "revision": revision,
                }
                for error_type in sorted(error_types)
            ]
        )
        self.sudo().write({"adv_ack_state": "to_check", "adv_ack_revision": revision})
        self.message_post(
            body=self.env._(
                "The order changed after its acknowledgement (%(what)s): revision %(revision)s "
                "must be checked and sent to the customer.",
                what=", ".join(labels[t] for t in sorted(error_types)),
                revision=revision,
            )
        )

    def _adv_promise(self):
        self.ensure_one()
        return self.commitment_date or self.expected_date or False

    def _adv_set_promised_date(self):
        for order in self:
            promise = order._adv_promise()
            if promise != order.adv_promised_date:
                order.sudo().adv_promised_date = promise

    def _adv_tz(self):
        self.ensure_one()
        return delivery_tz(self.warehouse_id, self.company_id)

    def _adv_customer_shipments(self):
        """The deliveries of the order that leave for the customer (the last
        step of a multi-step delivery), returns excluded."""
        return self.picking_ids._adv_to_customer()

    def _adv_ack_contact(self):
        """The person the customer deals with, printed as "Your contact": the
        ADV handler, else the salesperson; never OdooBot (the superuser that
        runs imports and scheduled actions) nor a portal user."""
        self.ensure_one()
        for user in (self.adv_user_id, self.user_id):
            if user and not user._is_superuser() and not user.share:
                return user
        return self.env["res.users"]

    def _adv_installments_html(self):
        """The due dates and amounts the order's payment terms give today."""
        self.ensure_one()
        terms = self._adv_installment_terms()
        if not terms:
            return False
        return self.env["ir.qweb"]._render(
            "adv_orders.adv_installments_table",
            {"terms": terms, "currency": self.currency_id},
        )

    def _adv_installment_terms(self):
        """[{date, foreign_amount, ...}] of the order's payment terms, one per
        instalment (échéance), as Odoo's invoice would split them today."""
        self.ensure_one()
        if not self.payment_term_id or not self.amount_total:
            return []
        date_ref = (self.date_order or fields.Datetime.now()).date()
        sign = 1
        terms = self.payment_term_id._compute_terms(
            date_ref=date_ref,
            currency=self.currency_id,
            company=self.company_id,
            tax_amount=self.amount_tax,
            tax_amount_currency=self.amount_tax,
            sign=sign,
            untaxed_amount=self.amount_untaxed,
            untaxed_amount_currency=self.amount_untaxed,
        )
        return terms["line_ids"]

    def _adv_remaining_lines(self):
        """The lines still owed to the customer, for documents and e-mails."""
        return self.order_line.filtered(lambda line: line.adv_qty_backorder > 0)

    def action_adv_backorder_notify(self):
        """Open the backorder status e-mail of one order, ready to send."""
        self.ensure_one()
        if not self.adv_has_backorder:
            raise UserError(
                self.env._("Order %(order)s has nothing left to deliver.", order=self.name)
            )
        template = self.env.ref("adv_orders.mail_template_adv_backorder_status")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Backorder Status"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
            },
        }

    def _adv_backorder_notify(self):
        """Send the backorder status e-mail to the customer of each order, logged on it."""
        orders = self.filtered("adv_has_backorder")
        if not orders:
            raise UserError(self.env._("None of the selected orders has anything left to deliver."))
        template = self.env.ref("adv_orders.mail_template_adv_backorder_status")
        for order in orders:
            order.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
        return orders

    def _adv_credit_hold_issues(self):
        """Hook for the credit hold check: (order, message) for each order
        whose customer may not order now. The dunning module fills it."""
        return []

    @api.model
    def _cron_adv_ack_late(self):
        """Flag the orders past their acknowledgement deadline, give their
        handler an activity, and notify the ADV managers past the escalation
        delay."""
        now = fields.Datetime.now()
        open_domain = [("state", "=", "sale"), ("adv_ack_state", "in", ACK_OPEN_STATES)]
        late = self.search(
            [*open_domain, ("adv_ack_late", "=", False), ("adv_ack_deadline", "<", now)]
        )
        if late:
            late.sudo().write({"adv_ack_late": True})
            for order in late:
                order.activity_schedule(
                    ACK_ACTIVITY,
                    summary=self.env._("Acknowledgement late"),
                    note=self.env._(
                        "The acknowledgement was due on %(deadline)s.",
                        deadline=fields.Datetime.to_string(order.adv_ack_deadline),
                    ),
                    user_id=(order.adv_user_id or order.user_id or self.env.user).id,
                )
        to_escalate = self.search(
            [*open_domain, ("adv_ack_late", "=", True), ("adv_ack_escalated", "=", False)]
        )
        to_escalate = to_escalate.filtered(
            lambda o: (
                o.adv_ack_deadline + timedelta(hours=o.company_id.adv_ack_escalation_hours) < now
            )
        )
        for company, orders in groupby(to_escalate, key=lambda o: o.company_id):
            managers = company._adv_managers()
            for order in orders:
                order.message_post(
                    body=self.env._(
                        "Acknowledgement overdue since %(deadline)s: "
                        "the ADV managers are notified.",
                        deadline=fields.Datetime.to_string(order.adv_ack_deadline),
                    ),
                    partner_ids=managers.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )
        to_escalate.sudo().write({"adv_ack_escalated": True})


def _plan_hours(intervals, stops, start, hours):
    """The moment ``hours`` working hours after ``start`` within the sorted
    working ``intervals`` (whose ends are ``stops``), as
    resource.calendar.plan_hours finds it; None beyond the last interval."""
    for interval_start, interval_stop, _meta in intervals[bisect.bisect_right(stops, start) :]:
        interval_start = max(interval_start, start)
        length = (interval_stop - interval_start).total_seconds() / 3600
        if hours <= length:
            return (interval_start + timedelta(hours=hours)).astimezone(pytz.utc)
        hours -= length
    return None
