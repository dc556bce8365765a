# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.adv_orders.models.adv_intake_channel import INTAKE_CHANNELS
from odoo.addons.adv_orders.protected import check_vals, protected

from .adv_claim_line import CLAIM_CHECKED, SKIP_RECURRENCE
from .guard import check_write, stored_computed_fields

PRIORITIES = [
    ("0", "Normal"),
    ("1", "High"),
    ("2", "Urgent"),
]


# A claim is late for a deadline when the event (first response, end)
# happened after it, or has not happened yet while it is past: one rule, in
# Python (the form's flags) and in SQL (searches, the claim analysis).
def is_late(done, deadline, now):
    return bool(deadline and (done or now) > deadline)


def late_sql(done, deadline, now):
    """The same rule in SQL, for columns ``done`` and ``deadline``."""
    return SQL("(%s IS NOT NULL AND COALESCE(%s, %s) > %s)", deadline, done, now, deadline)


class AdvClaim(models.Model):
    """A customer claim (réclamation, litige): what the customer complains
    about, against which documents, how fast it must be answered and why it
    happened. Split by concern: the lifecycle here, the dispute hold in
    adv_claim_dispute.py, the recurrence in adv_claim_recurrence.py, the
    corrections in adv_claim_correction.py."""

    _name = "adv.claim"
    _description = "Customer Claim"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "adv.finite.mixin"]
    _order = "priority desc, date_received desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.name", "description"]
    # Customers answer from the portal, where they may read but not write their claims.
    _mail_post_access = "read"

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    def _default_stage_id(self):
        return self.env["adv.claim.stage"].search([], limit=1)

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    contact_id = fields.Many2one(
        "res.partner",
        check_company=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
        help="The person who made the claim; e-mails go to this contact.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handler",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    channel = fields.Selection(INTAKE_CHANNELS, default="email", required=True)
    date_received = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, tracking=True
    )
    type_id = fields.Many2one("adv.claim.type", required=True, tracking=True, check_company=True)
    return_expected = fields.Boolean(related="type_id.return_expected")
    suggested_correction = fields.Selection(related="type_id.suggested_correction")
    priority = fields.Selection(PRIORITIES, default="0", index=True)
    description = fields.Html()
    stage_id = fields.Many2one(
        "adv.claim.stage",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_stage_ids",
    )
    is_done = fields.Boolean(related="stage_id.is_done", store=True, string="Ended")
    is_rejected = fields.Boolean(related="stage_id.is_rejected", store=True, string="Rejected")
    date_closed = fields.Datetime(string="Ended On", readonly=True, copy=False)
    # Documents the claim is about.
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', 'child_of', commercial_partner_id), ('state', '=', 'sale')]",
    )
    picking_ids = fields.Many2many(
        "stock.picking",
        "adv_claim_stock_picking_rel",
        "claim_id",
        "picking_id",
        string="Deliveries",
        check_company=True,
        domain="[('partner_id', 'child_of', commercial_partner_id),"
        " ('picking_type_code', '=', 'outgoing'), ('state', '=', 'done')]",
    )
    invoice_ids = fields.Many2many(
        "account.move",
        "adv_claim_account_move_rel",
        "claim_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id),"
        " ('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
    )
    line_ids = fields.One2many("adv.claim.line", "claim_id", string="Claimed Lines", copy=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_claimed = fields.Monetary(
        compute="_compute_amount_claimed",
        store=True,
        help="Claimed quantities at their unit price.",
    )
    # Deadlines.
    first_response_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, string="First Response Due"
    )
    resolution_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, string="Resolution Due", index=True
    )
    first_response_date = fields.Datetime(
        string="First Response On",
        tracking=True,
        copy=False,
        help="When the customer got a first answer: the first message sent to "
        "them, or the claim reaching a 'solution proposed' stage.",
    )
    is_first_response_late = fields.Boolean(
        compute="_compute_late", search="_search_is_first_response_late", string="Response Late"
    )
    is_resolution_late = fields.Boolean(
        compute="_compute_late", search="_search_is_resolution_late", string="Resolution Late"
    )
    # Cause.
    cause_id = fields.Many2one("adv.claim.cause", tracking=True, index=True)
    department = fields.Selection(related="cause_id.department", store=True)
    root_cause_note = fields.Text(
        help="Why it happened and what is done so that it does not happen again. "
        "Required to resolve the claim."
    )

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "A claim number is unique per company.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("active", "=", True)], order=stages._order)

    @api.depends("line_ids.price_subtotal")
    def _compute_amount_claimed(self):
        for claim in self:
            claim.amount_claimed = sum(claim.line_ids.mapped("price_subtotal"))

    @api.depends("date_received", "type_id.first_response_hours", "type_id.resolution_days")
    def _compute_deadlines(self):
        for claim in self:
            if not claim.date_received or not claim.type_id:
                claim.first_response_deadline = claim.resolution_deadline = False
                continue
            claim.first_response_deadline = claim.date_received + timedelta(
                hours=claim.type_id.first_response_hours
            )
            claim.resolution_deadline = claim.date_received + timedelta(
                days=claim.type_id.resolution_days
            )

    @api.depends(
        "first_response_deadline", "first_response_date", "resolution_deadline", "date_closed"
    )
    def _compute_late(self):
        now = fields.Datetime.now()
        for claim in self:
            claim.is_first_response_late = is_late(
                claim.first_response_date, claim.first_response_deadline, now
            )
            claim.is_resolution_late = is_late(claim.date_closed, claim.resolution_deadline, now)

    def _search_late(self, deadline, done, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on a late flag."))
        self.env["adv.claim"].flush_model([deadline, done])
        query = self.env["adv.claim"].sudo()._search([])
        query.add_where(
            late_sql(
                SQL.identifier(query.table, done),
                SQL.identifier(query.table, deadline),
                fields.Datetime.now(),
            )
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", query)]

    def _search_is_first_response_late(self, operator, value):
        return self._search_late("first_response_deadline", "first_response_date", operator, value)

    def _search_is_resolution_late(self, operator, value):
        return self._search_late("resolution_deadline", "date_closed", operator, value)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("partner_id", "sale_order_id", "picking_ids", "invoice_ids")
    def _check_documents(self):
        for claim in self:
            partner = claim.commercial_partner_id
            order = claim.sale_order_id
            if order and order.partner_id.commercial_partner_id != partner:
                raise ValidationError(
                    self.env._(
                        "Sales order %(order)s belongs to %(other)s, not to the claim's "
                        "customer %(partner)s.",
                        order=order.name,
                        other=order.partner_id.commercial_partner_id.display_name,
                        partner=partner.display_name,
                    )
                )
            for picking in claim.picking_ids:
                if picking.partner_id.commercial_partner_id != partner:
                    raise ValidationError(
                        self.env._(
                            "Delivery %(picking)s was made to %(other)s, not to the claim's "
                            "customer %(partner)s.",
                            picking=picking.name,
                            other=picking.partner_id.commercial_partner_id.display_name,
                            partner=partner.display_name,
                        )
                    )
                if picking.picking_type_code != "outgoing":
                    raise ValidationError(
                        self.env._("%(picking)s is not a delivery.", picking=picking.name)
                    )
            for invoice in claim.invoice_ids:
                if invoice.commercial_partner_id != partner:
                    raise ValidationError(
                        self.env._(
                            "Invoice %(invoice)s is addressed to %(other)s, not to the claim's "
                            "customer %(partner)s.",
                            invoice=invoice.name,
                            other=invoice.commercial_partner_id.display_name,
                            partner=partner.display_name,
                        )
                    )
                if invoice.move_type != "out_invoice" or invoice.state != "posted":
                    raise ValidationError(
                        self.env._(
                            "%(invoice)s is not a posted customer invoice.",
                            invoice=invoice.display_name,
                        )
                    )
        self.line_ids._check_quantity()

    @api.constrains("partner_id", "contact_id")
    def _check_contact(self):
        for claim in self.filtered("contact_id"):
            if claim.contact_id.commercial_partner_id != claim.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of the claim's customer %(partner)s.",
                        contact=claim.contact_id.display_name,
                        partner=claim.commercial_partner_id.display_name,
                    )
                )

    @api.constrains("stage_id", "cause_id", "root_cause_note")
    def _check_cause_to_resolve(self):
        for claim in self:
            if claim.stage_id.requires_cause and not (
                claim.cause_id and (claim.root_cause_note or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s cannot be moved to %(stage)s without its cause and "
                        "root-cause note.",
                        claim=claim.name,
                        stage=claim.stage_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _adv_protected_fields(self):
        """The number, the end date and the recurrence flag are set by the
        claim's own flow (sequence, stage change, recurrence check); the
        stored computed fields (customer's company, ended flag, deadlines,
        claimed amount) follow their sources only."""
        return {"name", "date_closed", "is_recurring"} | stored_computed_fields(self)

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        default_stage = self._default_stage_id()
        for vals in vals_list:
            # An explicit stage, so that the stage's e-mail (claim received) is sent.
            if "stage_id" not in vals and not self.env.context.get("default_stage_id"):
                vals["stage_id"] = default_stage.id
            if vals.get("name", self.env._("New")) == self.env._("New") or not vals.get("name"):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code(
                    "adv.claim", sequence_date=vals.get("date_received")
                ) or self.env._("New")
        claims = (
            super(AdvClaim, self.with_context(adv_claim_skip_recurrence=SKIP_RECURRENCE))
            .create(vals_list)
            .with_env(self.env)
        )
        claims._on_stage_change()
        claims._sync_invoice_hold()
        claims._update_recurrence()
        return claims

    def write(self, vals):
        check_write(self, vals)
        old_invoices = {}
        if "invoice_ids" in vals:
            old_invoices = {claim: claim.invoice_ids for claim in self}
        claims = self
        if "line_ids" in vals:
            # The lines are read-only on a claim that was ended and stays so;
            # checked here, before the stage of this same write applies.
            stage = self.env["adv.claim.stage"].browse(vals.get("stage_id"))
            ended = self.filtered("is_done") if not stage or stage.is_done else self.browse()
            self.env["adv.claim.line"]._check_claim_open(ended)
            claims = self.with_context(adv_claim_checked=CLAIM_CHECKED)
        res = super(AdvClaim, claims).write(vals)
        if "stage_id" in vals:
            self._on_stage_change()
        if {
            "stage_id", "dispute_hold", "invoice_ids", "dispute_amount", "dispute_whole_invoice",
            "line_ids",
        } & vals.keys():  # fmt: skip
            removed = self.env["account.move"].union(
                *[invoices - claim.invoice_ids for claim, invoices in old_invoices.items()]
            )
            self._sync_invoice_hold(removed)
        if {"cause_id", "date_received"} & vals.keys():
            self._update_recurrence()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_corrected(self):
        if self.correction_move_ids or self.correction_picking_ids or self.replacement_order_ids:
            raise UserError(
                self.env._(
                    "A claim with corrections cannot be deleted: move it to the Rejected or "
                    "Closed stage instead."
                )
            )

    def unlink(self):
        # Release the invoices these claims held before they disappear.
        self.dispute_hold = False
        return super().unlink()

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------
    def _track_template(self, changes):
        res = super()._track_template(changes)
        claim = self[:1]
        if "stage_id" in changes and claim.stage_id.mail_template_id:
            res["stage_id"] = (
                claim.stage_id.mail_template_id,
                {
                    "auto_delete_keep_log": False,
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment"),
                    "email_layout_xmlid": "mail.mail_notification_light",
                },
            )
        return res

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        for claim in self:
            partner = claim.contact_id or claim.partner_id
            if partner:
                claim._message_add_suggested_recipient(
                    recipients, partner=partner, reason=self.env._("Customer")
                )
        return recipients

    def _message_post_after_hook(self, message, msg_vals):
        # The first reply an employee sends to the customer is the first
        # response: a message (not a note) whose recipients include someone
        # of the customer's company, not written by the customer.
        customer = (self.contact_id or self.partner_id).commercial_partner_id
        if (
            not self.first_response_date
            and message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and not self.env.user.share
            and message.author_id.commercial_partner_id != customer
            and customer in self._message_customer_recipients(message).commercial_partner_id
        ):
            self.sudo().first_response_date = fields.Datetime.now()
        return super()._message_post_after_hook(message, msg_vals)

    def _message_customer_recipients(self, message):
        """Who the message goes to: its explicit recipients and the followers
        notified of it."""
        return message.sudo().partner_ids | message.sudo().notification_ids.res_partner_id

    def _compute_access_url(self):
        super()._compute_access_url()
        for claim in self:
            claim.access_url = f"/my/claims/{claim.id}"
        return None

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _ensure_open(self):
        for claim in self:
            if claim.is_done:
                raise UserError(
                    self.env._(
                        "Claim %(claim)s is ended (%(stage)s): it cannot be corrected any more.",
                        claim=claim.name,
                        stage=claim.stage_id.name,
                    )
                )

    def _on_stage_change(self):
        """Record when a claim ends, and the first response of a proposed solution."""
        now = fields.Datetime.now()
        ended = self.filtered(lambda c: c.stage_id.is_done and not c.date_closed)
        if ended:
            protected(ended).write({"date_closed": now})
        reopened = self.filtered(lambda c: not c.stage_id.is_done and c.date_closed)
        if reopened:
            protected(reopened).write({"date_closed": False})
        answered = self.filtered(
            lambda c: c.stage_id.is_solution_proposed and not c.first_response_date
        )
        if answered:
            answered.write({"first_response_date": now})

    def _schedule_manager_activity(self, activity_xmlid, summary):
        """One activity per ADV manager of the claim's company."""
        for claim in self:
            for manager in claim.company_id._adv_managers():
                claim.sudo().activity_schedule(activity_xmlid, summary=summary, user_id=manager.id)
