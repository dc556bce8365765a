# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import groupby

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
    adv_order_error_ids = fields.One2many("adv.order.error", "order_id", string="Entry Errors")
    adv_order_error_count = fields.Integer(compute="_compute_adv_order_error_count")
    adv_can_acknowledge = fields.Boolean(compute="_compute_adv_ack_buttons")
    adv_can_send_ack = fields.Boolean(compute="_compute_adv_ack_buttons")
    adv_can_override_ack = fields.Boolean(compute="_compute_adv_ack_buttons")

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

    @api.depends("state", "adv_ack_state")
    def _compute_adv_ack_buttons(self):
        for order in self:
            confirmed = order.state == "sale"
            order.adv_can_acknowledge = confirmed and order.adv_ack_state in ("to_check", "blocked")
            order.adv_can_send_ack = confirmed and order.adv_ack_state == "to_send"
            order.adv_can_override_ack = confirmed and order.adv_ack_state == "blocked"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
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
        self._adv_ack_start()
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
        start = self.adv_received_date or fields.Datetime.now()
        hours = rule.sla_hours
        calendar = self.company_id.resource_calendar_id
        if not hours:
            return start
        if calendar:
            deadline = calendar.plan_hours(hours, start, compute_leaves=True)
            if deadline:
                return deadline.replace(tzinfo=None)
        return start + timedelta(hours=hours)

    def _adv_ack_start(self):
        """On confirmation: find each order's rule and acknowledge in bulk."""
        matches = self.env["adv.ack.rule"].sudo()._match_orders(self)
        without_rule = self.filtered(lambda o: not matches[o.id])
        without_rule.sudo().write({"adv_ack_state": "not_required", "adv_ack_rule_id": False})
        with_rule = self - without_rule
        for order in with_rule:
            rule = matches[order.id]
            vals = {
                "adv_ack_rule_id": rule.id,
                "adv_ack_state": "to_check",
                "adv_ack_deadline": order._adv_ack_compute_deadline(rule),
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
        for order in orders:
            note = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % issue.message for issue in order.adv_ack_issue_ids
            )
            order.activity_schedule(
                ACK_ACTIVITY,
                summary=self.env._("Acknowledgement blocked"),
                note=note,
                user_id=(order.adv_user_id or order.user_id or self.env.user).id,
            )

    def _adv_ack_send(self):
        """Render and send the acknowledgement of each order, as a numbered revision."""
        now = fields.Datetime.now()
        for order in self:
            rule = order.adv_ack_rule_id
            report = rule.report_id or self.env.ref("adv_orders.action_report_adv_ack")
            template = rule.mail_template_id or self.env.ref("adv_orders.mail_template_adv_ack")
            content, _type = (
                self.env["ir.actions.report"].sudo()._render_qweb_pdf(report, order.ids)
            )
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": order._adv_ack_attachment_name(),
                        "raw": content,
                        "res_model": order._name,
                        "res_id": order.id,
                        "mimetype": "application/pdf",
                    }
                )
            )
            order.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                attachment_ids=attachment.ids,
            )
            vals = {
                "adv_ack_state": "acknowledged",
                "adv_ack_late": False,
                "adv_ack_escalated": False,
            }
            if not order.adv_ack_date:
                vals["adv_ack_date"] = now
            order.sudo().write(vals)
        self.sudo().activity_feedback([ACK_ACTIVITY], feedback=self.env._("Acknowledgement sent."))

    def _adv_ack_attachment_name(self):
        self.ensure_one()
        return self.env._(
            "Order Acknowledgement %(order)s rev %(revision)s.pdf",
            order=self.name.replace("/", "_"),
            revision=self.adv_ack_revision,
        )

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
            late.write({"adv_ack_late": True})
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
        group = self.env.ref("adv_orders.group_adv_manager")
        for company, orders in groupby(to_escalate, key=lambda o: o.company_id):
            managers = group.users.filtered(
                lambda u, company=company: company in u.company_ids and not u.share
            )
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
        to_escalate.write({"adv_ack_escalated": True})
