# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from collections import defaultdict
from datetime import timedelta

from psycopg2.errors import LockNotAvailable

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare, float_is_zero, format_amount

from odoo.addons.adv_orders.models.adv_intake_channel import INTAKE_CHANNELS
from odoo.addons.adv_orders.protected import check_vals, is_allowed, protected

from .adv_claim_line import CLAIM_CHECKED, SKIP_RECURRENCE
from .guard import check_write, stored_computed_fields

PRIORITIES = [
    ("0", "Normal"),
    ("1", "High"),
    ("2", "Urgent"),
]

# Invoices a dispute may hold: posted customer invoices not fully paid yet.
HOLDABLE_PAYMENT_STATES = ("not_paid", "partial", "in_payment")


class AdvClaim(models.Model):
    """A customer claim (réclamation, litige): what the customer complains
    about, against which documents, how fast it must be answered, why it
    happened and which corrections settled it."""

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
    is_recurring = fields.Boolean(
        string="Recurring",
        readonly=True,
        copy=False,
        index=True,
        help="One of the claimed products had the same cause at least N times "
        "within the recurrence period (Settings): it needs a lasting fix.",
    )
    # Dispute.
    dispute_hold = fields.Boolean(
        string="Invoices in Dispute",
        tracking=True,
        copy=False,
        help="While the claim is open, its unpaid invoices are held in dispute: "
        "they are not chased by dunning.",
    )
    dispute_amount = fields.Monetary(
        string="Disputed Amount",
        compute="_compute_dispute_amount",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
        help="What the customer disputes on its invoice, taxes included: only this part is "
        "held out of dunning, the rest is still chased. Proposed from the claimed lines at "
        "the invoice's tax ratio.",
    )
    dispute_whole_invoice = fields.Boolean(
        string="Hold the Whole Invoice",
        copy=False,
        tracking=True,
        help="Hold the whole invoice out of dunning, not only the disputed amount. A claim "
        "about several invoices holds them whole.",
    )
    held_invoice_count = fields.Integer(compute="_compute_held_invoice_count")
    # Corrections.
    correction_move_ids = fields.One2many(
        "account.move", "adv_claim_id", string="Accounting Corrections"
    )
    correction_picking_ids = fields.One2many(
        "stock.picking", "adv_claim_id", string="Stock Corrections"
    )
    replacement_order_ids = fields.One2many(
        "sale.order", "adv_claim_id", string="Replacement Orders"
    )
    credit_note_count = fields.Integer(compute="_compute_correction_counts")
    credit_note_to_send = fields.Boolean(
        compute="_compute_correction_counts",
        help="A posted credit note of the claim has not been sent to the customer yet.",
    )
    corrected_invoice_count = fields.Integer(compute="_compute_correction_counts")
    return_count = fields.Integer(compute="_compute_correction_counts")
    replacement_count = fields.Integer(compute="_compute_correction_counts")
    credit_note_to_approve = fields.Boolean(compute="_compute_correction_counts")
    can_create_credit_note = fields.Boolean(compute="_compute_can_correct")
    can_create_return = fields.Boolean(compute="_compute_can_correct")
    can_create_replacement = fields.Boolean(compute="_compute_can_correct")

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
            claim.is_first_response_late = bool(
                claim.first_response_deadline
                and (claim.first_response_date or now) > claim.first_response_deadline
            )
            claim.is_resolution_late = bool(
                claim.resolution_deadline and (claim.date_closed or now) > claim.resolution_deadline
            )

    def _search_late(self, deadline, done, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on a late flag."))
        # Late: the event happened after the deadline, or has not happened
        # yet while the deadline is past.
        query = self.env["adv.claim"].sudo()._search([(deadline, "!=", False)])
        query.add_where(
            SQL(
                "COALESCE(%s, %s) > %s",
                SQL.identifier("adv_claim", done),
                fields.Datetime.now(),
                SQL.identifier("adv_claim", deadline),
            )
        )
        late_ids = query
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", late_ids)]

    def _search_is_first_response_late(self, operator, value):
        return self._search_late("first_response_deadline", "first_response_date", operator, value)

    def _search_is_resolution_late(self, operator, value):
        return self._search_late("resolution_deadline", "date_closed", operator, value)

    @api.depends("amount_claimed", "invoice_ids")
    def _compute_dispute_amount(self):
        for claim in self:
            invoice = claim.invoice_ids
            if len(invoice) != 1:
                claim.dispute_amount = claim.amount_claimed
                continue
            ratio = invoice.amount_total / invoice.amount_untaxed if invoice.amount_untaxed else 1.0
            owed = abs(invoice.amount_residual_signed)
            claim.dispute_amount = min(claim.currency_id.round(claim.amount_claimed * ratio), owed)

    @api.constrains("dispute_amount", "dispute_hold", "invoice_ids")
    def _check_dispute_amount(self):
        for claim in self:
            amount = claim.dispute_amount
            if not math.isfinite(amount) or amount < 0:
                raise ValidationError(self.env._("The disputed amount cannot be negative."))
            invoice = claim.invoice_ids
            if not claim.dispute_hold or claim.is_done or len(invoice) != 1:
                continue
            owed = abs(invoice.amount_residual_signed)
            if claim.currency_id.compare_amounts(amount, owed) > 0:
                raise ValidationError(
                    self.env._(
                        "%(claim)s disputes %(amount)s but invoice %(invoice)s only owes %(owed)s.",
                        claim=claim.display_name,
                        amount=format_amount(self.env, amount, claim.currency_id),
                        invoice=invoice.display_name,
                        owed=format_amount(self.env, owed, claim.currency_id),
                    )
                )

    def _adv_disputed_amounts(self):
        """{invoice: amount held} over these claims: the sum of what they
        dispute on it, or 0.0 (the whole invoice) when one of them holds it
        whole, is about several invoices, has no amount, or when the sum
        reaches what the invoice owes."""
        whole = set()
        disputed = defaultdict(float)
        for claim in self:
            if (
                claim.dispute_whole_invoice
                or len(claim.invoice_ids) != 1
                or not (claim.dispute_amount)
            ):
                whole.update(claim.invoice_ids.ids)
            else:
                disputed[claim.invoice_ids.id] += claim.dispute_amount
        amounts = {}
        for invoice in self.invoice_ids:
            amount = disputed.get(invoice.id, 0.0)
            owed = abs(invoice.amount_residual_signed)
            currency = invoice.company_currency_id
            if invoice.id in whole or currency.compare_amounts(amount, owed) >= 0:
                amount = 0.0
            amounts[invoice] = amount
        return amounts

    def _compute_held_invoice_count(self):
        for claim in self:
            claim.held_invoice_count = len(
                claim.invoice_ids.filtered(lambda m: m.adv_hold_reason == "dispute")
            )

    @api.depends(
        "correction_move_ids.state",
        "correction_move_ids.is_move_sent",
        "correction_move_ids.adv_claim_approval_state",
        "correction_picking_ids.state",
        "replacement_order_ids",
    )
    def _compute_correction_counts(self):
        for claim in self:
            moves = claim.correction_move_ids.filtered(lambda m: m.state != "cancel")
            refunds = moves.filtered(lambda m: m.move_type == "out_refund")
            claim.credit_note_count = len(refunds)
            claim.credit_note_to_send = any(
                m.state == "posted" and not m.is_move_sent for m in refunds
            )
            claim.corrected_invoice_count = len(moves - refunds)
            claim.credit_note_to_approve = any(
                m.adv_claim_approval_state == "to_approve" and m.state == "draft" for m in refunds
            )
            pickings = claim.correction_picking_ids
            claim.return_count = len(
                pickings.filtered(lambda p: p.adv_claim_correction == "return")
            )
            claim.replacement_count = len(
                pickings.filtered(lambda p: p.adv_claim_correction == "replacement")
            ) + len(claim.replacement_order_ids)

    @api.depends(
        "is_done",
        "line_ids.qty_to_credit",
        "line_ids.qty_to_return",
        "line_ids.qty_to_replace",
        "invoice_ids",
    )
    def _compute_can_correct(self):
        for claim in self:
            open_claim = not claim.is_done
            claim.can_create_credit_note = bool(
                open_claim and claim.invoice_ids and any(claim.line_ids.mapped("qty_to_credit"))
            )
            claim.can_create_return = bool(
                open_claim
                and claim._returnable_pickings()
                and any(claim.line_ids.mapped("qty_to_return"))
            )
            claim.can_create_replacement = bool(
                open_claim and any(claim.line_ids.mapped("qty_to_replace"))
            )

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
    # Actions
    # ------------------------------------------------------------------
    def action_hold_invoices(self):
        self.dispute_hold = True

    def action_release_invoices(self):
        self.dispute_hold = False

    def action_view_held_invoices(self):
        self.ensure_one()
        invoices = self.invoice_ids.filtered(lambda m: m.adv_hold_reason == "dispute")
        return self._action_view_records(invoices, self.env._("Invoices in Dispute"))

    def action_view_credit_notes(self):
        self.ensure_one()
        moves = self.correction_move_ids.filtered(lambda m: m.move_type == "out_refund")
        return self._action_view_records(moves, self.env._("Credit Notes"))

    def action_send_credit_notes(self):
        """Odoo's Send & Print for the posted credit notes not sent yet."""
        self.ensure_one()
        moves = self.correction_move_ids.filtered(
            lambda m: m.move_type == "out_refund" and m.state == "posted" and not m.is_move_sent
        )
        if not moves:
            raise UserError(self.env._("Every posted credit note of this claim has been sent."))
        return moves.action_send_and_print()

    def _sent_credit_notes(self):
        """The credit notes the customer has received (for the resolution e-mail)."""
        self.ensure_one()
        return self.correction_move_ids.filtered(
            lambda m: m.move_type == "out_refund" and m.state == "posted" and m.is_move_sent
        )

    def action_view_corrected_invoices(self):
        self.ensure_one()
        moves = self.correction_move_ids.filtered(lambda m: m.move_type == "out_invoice")
        return self._action_view_records(moves, self.env._("Corrected Invoices"))

    def action_view_returns(self):
        self.ensure_one()
        pickings = self.correction_picking_ids.filtered(
            lambda p: p.adv_claim_correction == "return"
        )
        return self._action_view_records(pickings, self.env._("Returns"))

    def action_view_replacements(self):
        self.ensure_one()
        pickings = self.correction_picking_ids.filtered(
            lambda p: p.adv_claim_correction == "replacement"
        )
        if self.replacement_order_ids and not pickings:
            return self._action_view_records(
                self.replacement_order_ids, self.env._("Replacement Orders")
            )
        return self._action_view_records(pickings, self.env._("Replacements"))

    def _action_view_records(self, records, name):
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": records._name,
            "context": {"create": False},
        }
        if len(records) == 1:
            action.update(view_mode="form", res_id=records.id)
        else:
            action.update(view_mode="list,form", domain=[("id", "in", records.ids)])
        return action

    def action_create_credit_note(self):
        """Credit the claimed quantities not credited yet, from the claim's
        invoices: one credit note per invoice, built by Odoo's reversal."""
        self.ensure_one()
        refunds = self._action_create_credit_note()
        return self._action_view_records(refunds, self.env._("Credit Notes"))

    def action_create_return(self):
        """Return the claimed quantities not returned yet from the claim's deliveries."""
        self.ensure_one()
        returns = self._action_create_return()
        return self._action_view_records(returns, self.env._("Returns"))

    def action_create_replacement(self):
        """Send the claimed quantities not replaced yet again, free of charge."""
        self.ensure_one()
        replacement = self._action_create_replacement()
        return self._action_view_records(replacement, self.env._("Replacements"))

    def action_approve_credit_notes(self):
        """Post the credit notes waiting for a manager's approval."""
        if not self.env.user.has_group("adv_orders.group_adv_manager"):
            raise UserError(self.env._("Only an ADV manager can approve credit notes."))
        refunds = self.correction_move_ids.filtered(
            lambda m: m.adv_claim_approval_state == "to_approve" and m.state == "draft"
        )
        if not refunds:
            raise UserError(self.env._("No credit note waits for approval."))
        # Approved as they are now: a credit note raised while it waited is
        # checked against its invoice again before anything is written.
        for refund in refunds.filtered("reversed_entry_id"):
            refund.adv_claim_id._check_creditable(refund.reversed_entry_id, refund)
        protected(refunds).adv_claim_approval_state = "approved"
        self._post_credit_notes(refunds)
        self.activity_feedback(["adv_claims.mail_activity_type_claim_approval"])

    def action_open_credit_note_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "adv_claims.adv_claim_credit_note_action"
        )
        action["context"] = {"default_claim_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _lock_for_correction(self):
        """Serialise corrections of a claim: a second click running at the same
        time waits for nothing and fails cleanly instead of correcting twice."""
        try:
            self.env.cr.execute(
                SQL("SELECT id FROM adv_claim WHERE id IN %s FOR UPDATE NOWAIT", tuple(self.ids))
            )
        except LockNotAvailable as exc:
            raise UserError(
                self.env._("This claim is being corrected right now; reload it in a moment.")
            ) from exc
        # What another transaction committed before the lock was taken.
        self.invalidate_recordset()
        self.line_ids.invalidate_recordset()

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

    def _ensure_can_create_credit_note(self):
        self._ensure_open()
        if not self.invoice_ids:
            raise UserError(self.env._("Add the invoice the claim is about first."))
        if not any(self.line_ids.mapped("qty_to_credit")):
            raise UserError(
                self.env._(
                    "Every claimed quantity is already credited on claim %(claim)s.",
                    claim=self.name,
                )
            )

    def _action_create_credit_note(self):
        self.ensure_one()
        self._lock_for_correction()
        self._ensure_can_create_credit_note()
        to_credit = {line: line.qty_to_credit for line in self.line_ids if line.qty_to_credit}
        credited = self._credited_quantities(self.invoice_ids)
        refunds = self.env["account.move"]
        for invoice in self.invoice_ids.sorted("id"):
            plan = {}
            for claim_line, remaining in to_credit.items():
                if float_is_zero(remaining, precision_rounding=claim_line.uom_id.rounding):
                    continue
                for inv_line in invoice.invoice_line_ids.filtered(
                    lambda il, cl=claim_line: (
                        il.display_type == "product" and il.product_id == cl.product_id
                    )
                ):
                    invoiced = inv_line.product_uom_id._compute_quantity(
                        inv_line.quantity, claim_line.uom_id
                    )
                    available = invoiced - credited[(invoice.id, claim_line.product_id.id)]
                    qty = min(remaining, available)
                    if qty <= 0:
                        continue
                    plan[inv_line] = plan.get(inv_line, 0.0) + claim_line.uom_id._compute_quantity(
                        qty, inv_line.product_uom_id
                    )
                    credited[(invoice.id, claim_line.product_id.id)] += qty
                    remaining -= qty
                to_credit[claim_line] = remaining
            if plan:
                refunds |= self._create_refund_from_invoice(invoice, plan)
        if not refunds:
            raise UserError(
                self.env._(
                    "The claimed products are not on the claim's invoices, or are already "
                    "fully credited."
                )
            )
        self._approve_or_post_credit_notes(refunds)
        return refunds

    def _credited_quantities(self, invoices):
        """{(invoice id, product id): quantity credited} over the non-cancelled
        credit notes reversing ``invoices``, in the product's unit."""
        credited = defaultdict(float)
        refund_lines = self.env["account.move.line"].search_fetch(
            [
                ("move_id.reversed_entry_id", "in", invoices.ids),
                ("move_id.state", "!=", "cancel"),
                ("display_type", "=", "product"),
                ("product_id", "!=", False),
            ],
            ["move_id", "product_id", "quantity", "product_uom_id"],
        )
        for line in refund_lines:
            qty = line.product_uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
            credited[(line.move_id.reversed_entry_id.id, line.product_id.id)] += qty
        return credited

    def _adv_correction_date(self):
        """The date of the corrections made now: today, or the day server
        code dates them back to (history loaded from another system, the
        demo) with the context key ``adv_correction_date`` in a protected
        environment, which no client can send (adv_orders/protected.py)."""
        day = self.env.context.get("adv_correction_date")
        if day and is_allowed(self.env):
            return fields.Date.to_date(day)
        return fields.Date.context_today(self)

    def _prepare_reversal_vals(self, invoice, reason=None):
        return {
            "move_ids": [Command.set(invoice.ids)],
            "journal_id": invoice.journal_id.id,
            "reason": reason or self.env._("Claim %(claim)s", claim=self.name),
            "date": self._adv_correction_date(),
        }

    def _reverse_invoice(self, invoice, reason=None, is_modify=False):
        """Odoo's own reversal of ``invoice``: a full draft credit note (or,
        with ``is_modify``, a posted full credit note and a new draft invoice)."""
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(self._prepare_reversal_vals(invoice, reason))
        )
        reversal.reverse_moves(is_modify=is_modify)
        return reversal.new_move_ids

    def _create_refund_from_invoice(self, invoice, plan, reason=None):
        """A draft credit note of ``invoice`` for ``plan`` ({invoice line: quantity})."""
        self._ensure_claim_invoice(invoice)
        refund = self._reverse_invoice(invoice, reason)
        origin_lines = invoice.invoice_line_ids.sorted(lambda line: (line.sequence, line.id))
        refund_lines = refund.invoice_line_ids.sorted(lambda line: (line.sequence, line.id))
        commands = []
        for origin, line in zip(origin_lines, refund_lines, strict=True):
            if origin in plan:
                commands.append(Command.update(line.id, {"quantity": plan[origin]}))
            elif line.display_type == "product":
                commands.append(Command.delete(line.id))
        protected(refund).write({"invoice_line_ids": commands, "adv_claim_id": self.id})
        self._check_creditable(invoice, refund)
        return refund

    def _create_refund_amount(self, invoice, amount, reason=None):
        """A draft credit note of ``invoice`` for an untaxed ``amount``, on the
        account and taxes of the invoice's first product line."""
        self._ensure_claim_invoice(invoice)
        if float_compare(amount, 0.0, precision_rounding=invoice.currency_id.rounding) <= 0:
            raise UserError(self.env._("The amount to credit must be positive."))
        refund = self._reverse_invoice(invoice, reason)
        product_lines = refund.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        model_line = product_lines[:1]
        commands = [Command.delete(line.id) for line in product_lines]
        commands.append(
            Command.create(
                {
                    "name": reason or self.env._("Claim %(claim)s", claim=self.name),
                    "quantity": 1.0,
                    "price_unit": amount,
                    "account_id": model_line.account_id.id,
                    "tax_ids": [Command.set(model_line.tax_ids.ids)],
                }
            )
        )
        protected(refund).write({"invoice_line_ids": commands, "adv_claim_id": self.id})
        self._check_creditable(invoice, refund)
        return refund

    def _ensure_claim_invoice(self, invoice):
        """Corrections credit the claim's own invoices only, whoever calls."""
        self.ensure_one()
        if invoice not in self.invoice_ids or (
            invoice.commercial_partner_id != self.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "%(invoice)s is not an invoice of claim %(claim)s: add it to the claim first.",
                    invoice=invoice.display_name,
                    claim=self.name,
                )
            )

    def _check_creditable(self, invoice, refund):
        """Never credit more than invoiced minus the earlier credit notes: a
        posted invoice only, in its own currency (a credit note switched to
        another currency while it waits would credit another amount)."""
        if invoice.state != "posted":
            raise UserError(
                self.env._(
                    "%(invoice)s is no longer posted: credit note %(move)s cannot credit it.",
                    invoice=invoice.display_name,
                    move=refund.display_name,
                )
            )
        if refund.currency_id != invoice.currency_id:
            raise UserError(
                self.env._(
                    "Credit note %(move)s is in %(currency)s, its invoice %(invoice)s in "
                    "%(invoice_currency)s: a claim credit note is in the currency of the "
                    "invoice it credits.",
                    move=refund.display_name,
                    currency=refund.currency_id.name,
                    invoice=invoice.name,
                    invoice_currency=invoice.currency_id.name,
                )
            )
        others = invoice.reversal_move_ids.filtered(
            lambda move: move.state != "cancel" and move != refund
        )
        remaining = invoice.amount_total - sum(others.mapped("amount_total"))
        if (
            float_compare(
                refund.amount_total, remaining, precision_rounding=invoice.currency_id.rounding
            )
            > 0
        ):
            raise UserError(
                self.env._(
                    "A credit note of %(amount)s on %(invoice)s exceeds what remains creditable "
                    "(%(remaining)s, after the earlier credit notes).",
                    amount=refund.currency_id.format(refund.amount_total),
                    invoice=invoice.name,
                    remaining=invoice.currency_id.format(max(remaining, 0.0)),
                )
            )

    def _create_gesture(self, amount, reason=None):
        """A credit note on the company's commercial gesture product."""
        self.ensure_one()
        product = self.company_id.adv_claim_gesture_product_id
        if not product:
            raise UserError(
                self.env._(
                    "Set the commercial gesture product in Settings > ADV before granting "
                    "a gesture."
                )
            )
        if float_compare(amount, 0.0, precision_rounding=self.currency_id.rounding) <= 0:
            raise UserError(self.env._("The amount to credit must be positive."))
        gesture = protected(self.env["account.move"]).create(
            {
                "move_type": "out_refund",
                "invoice_date": self._adv_correction_date(),
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "invoice_origin": self.name,
                "ref": reason or self.env._("Commercial gesture, claim %(claim)s", claim=self.name),
                "adv_claim_id": self.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": reason
                            or self.env._("Commercial gesture, claim %(claim)s", claim=self.name),
                            "quantity": 1.0,
                            "price_unit": amount,
                        }
                    )
                ],
            }
        )
        return gesture.with_env(self.env)

    def _create_corrected_invoice(self, invoice, reason=None):
        """Cancel ``invoice`` with a full credit note and open its corrected
        copy in draft (Odoo's 'reverse and create invoice')."""
        self.ensure_one()
        self._ensure_claim_invoice(invoice)
        if invoice.reversal_move_ids.filtered(lambda move: move.state != "cancel"):
            raise UserError(
                self.env._(
                    "%(invoice)s already has credit notes: it cannot be fully credited and "
                    "invoiced again.",
                    invoice=invoice.name,
                )
            )
        if invoice.payment_state not in ("not_paid",):
            raise UserError(
                self.env._(
                    "%(invoice)s is already (partly) paid: credit it partially instead.",
                    invoice=invoice.name,
                )
            )
        new_invoice = self._reverse_invoice(invoice, reason, is_modify=True)
        refund = invoice.reversal_move_ids.filtered(lambda move: move.state != "cancel")
        protected(refund | new_invoice).write({"adv_claim_id": self.id})
        if invoice.adv_hold_reason == "dispute":
            protected(invoice).adv_hold_reason = False
        return new_invoice

    def _approve_or_post_credit_notes(self, refunds):
        """Post the credit notes, except those above the company's threshold:
        they wait in draft for a manager's approval."""
        to_approve = refunds.filtered(lambda move: move._adv_claim_needs_approval())
        if to_approve:
            protected(to_approve).adv_claim_approval_state = "to_approve"
            self._schedule_manager_activity(
                "adv_claims.mail_activity_type_claim_approval",
                self.env._("Approve the credit notes of claim %(claim)s", claim=self.name),
            )
        self._post_credit_notes(refunds - to_approve)

    def _post_credit_notes(self, refunds):
        """Post ``refunds`` and settle them against their invoice when it is still open."""
        if not refunds:
            return
        refunds.action_post()
        for refund in refunds.filtered("reversed_entry_id"):
            invoice = refund.reversed_entry_id
            if invoice.payment_state not in HOLDABLE_PAYMENT_STATES:
                continue
            lines = (invoice.line_ids | refund.line_ids).filtered(
                lambda line: (
                    line.account_id.account_type == "asset_receivable" and not line.reconciled
                )
            )
            lines.reconcile()

    def _returnable_pickings(self):
        """The done deliveries of the claim (or of its order) to return from."""
        self.ensure_one()
        pickings = self.picking_ids or self.sale_order_id.picking_ids
        return pickings.filtered(lambda p: p.state == "done" and p.picking_type_code == "outgoing")

    def _action_create_return(self):
        self.ensure_one()
        self._lock_for_correction()
        self._ensure_open()
        to_return = {
            line.product_id: line.qty_to_return for line in self.line_ids if line.qty_to_return > 0
        }
        pickings = self._returnable_pickings()
        if not to_return or not pickings:
            raise UserError(
                self.env._("Nothing left to return: no done delivery or no quantity to return.")
            )
        returns = self.env["stock.picking"]
        for picking in pickings.sorted("id"):
            wizard = (
                self.env["stock.return.picking"]
                .with_context(
                    active_id=picking.id, active_ids=picking.ids, active_model="stock.picking"
                )
                .create({"picking_id": picking.id})
            )
            any_qty = False
            for return_line in wizard.product_return_moves:
                move = return_line.move_id
                remaining = to_return.get(return_line.product_id, 0.0)
                if remaining <= 0 or not move:
                    continue
                returned = sum(
                    move.returned_move_ids.filtered(lambda m: m.state != "cancel").mapped(
                        "product_uom_qty"
                    )
                )
                qty = min(remaining, move.product_qty - returned)
                if qty <= 0:
                    continue
                return_line.quantity = qty
                to_return[return_line.product_id] = remaining - qty
                any_qty = True
            if not any_qty:
                continue
            new_picking = wizard._create_return()
            protected(new_picking).write(self._prepare_return_vals(new_picking))
            returns |= new_picking
        if not returns:
            raise UserError(self.env._("The claimed quantities were already returned."))
        return returns

    def _claim_reasons(self):
        reasons = [
            f"{line.product_id.display_name}: {line.reason}"
            for line in self.line_ids
            if line.reason
        ]
        return "; ".join(reasons)

    def _prepare_return_vals(self, picking):
        reason = self._claim_reasons()
        origin = self.env._(
            "Return of claim %(claim)s%(reason)s",
            claim=self.name,
            reason=f" ({reason})" if reason else "",
        )
        return {
            "adv_claim_id": self.id,
            "adv_claim_correction": "return",
            "origin": origin[:200],
        }

    def _action_create_replacement(self):
        self.ensure_one()
        self._lock_for_correction()
        self._ensure_open()
        lines = self.line_ids.filtered(lambda line: line.qty_to_replace > 0)
        if not lines:
            raise UserError(self.env._("Every claimed quantity is already replaced."))
        if self.company_id.adv_claim_replacement_mode == "order":
            order = (
                protected(self.env["sale.order"])
                .create(self._prepare_replacement_order_vals(lines))
                .with_env(self.env)
            )
            order.action_confirm()
            return order
        picking = (
            protected(self.env["stock.picking"])
            .create(self._prepare_replacement_picking_vals(lines))
            .with_env(self.env)
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def _replacement_picking_type(self):
        picking_type = self._returnable_pickings()[:1].picking_type_id
        if not picking_type and self.sale_order_id:
            picking_type = self.sale_order_id.warehouse_id.out_type_id
        if not picking_type:
            picking_type = (
                self.env["stock.warehouse"]
                .search([("company_id", "=", self.company_id.id)], limit=1)
                .out_type_id
            )
        if not picking_type:
            raise UserError(self.env._("No warehouse to send the replacement from."))
        return picking_type

    def _prepare_replacement_picking_vals(self, lines):
        picking_type = self._replacement_picking_type()
        partner = self.sale_order_id.partner_shipping_id or self.partner_id
        location = picking_type.default_location_src_id
        location_dest = self.env.ref("stock.stock_location_customers")
        return {
            "picking_type_id": picking_type.id,
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "origin": self.env._("Replacement, claim %(claim)s", claim=self.name),
            "location_id": location.id,
            "location_dest_id": location_dest.id,
            "adv_claim_id": self.id,
            "adv_claim_correction": "replacement",
            "move_ids": [
                Command.create(
                    {
                        "name": line.product_id.display_name,
                        "product_id": line.product_id.id,
                        "product_uom_qty": line.qty_to_replace,
                        "product_uom": line.uom_id.id,
                        "location_id": location.id,
                        "location_dest_id": location_dest.id,
                        "company_id": self.company_id.id,
                    }
                )
                for line in lines
            ],
        }

    def _prepare_replacement_order_vals(self, lines):
        order = self.sale_order_id
        return {
            "partner_id": self.partner_id.id,
            "partner_shipping_id": (order.partner_shipping_id or self.partner_id).id,
            "company_id": self.company_id.id,
            "warehouse_id": order.warehouse_id.id or False,
            "origin": self.name,
            "client_order_ref": order.client_order_ref or self.name,
            "adv_claim_id": self.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "product_uom_qty": line.qty_to_replace,
                        "product_uom": line.uom_id.id,
                        "price_unit": 0.0,
                    }
                )
                for line in lines
            ],
        }

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

    def _sync_invoice_hold(self, released=None):
        """Hold the unpaid invoices of open claims in dispute, for the amount
        they dispute (see _adv_disputed_amounts); release those of ended
        claims (and ``released``) that no other open claim holds."""
        holding = self.filtered(lambda c: c.dispute_hold and not c.is_done)
        to_hold = holding.invoice_ids.filtered(
            lambda m: (
                m.state == "posted"
                and m.payment_state in HOLDABLE_PAYMENT_STATES
                and m.adv_hold_reason in (False, "dispute")
            )
        )
        if to_hold:
            # every open claim that holds these invoices counts, not only
            # these: read in one go, whatever is in the cache already
            claims = (
                self.env["adv.claim"]
                .sudo()
                .search_fetch(
                    [
                        ("dispute_hold", "=", True),
                        ("is_done", "=", False),
                        ("invoice_ids", "in", to_hold.ids),
                    ],
                    ["dispute_amount", "dispute_whole_invoice", "invoice_ids"],
                )
            )
            amounts = claims._adv_disputed_amounts()
            by_amount = defaultdict(lambda: self.env["account.move"])
            for invoice in to_hold:
                amount = amounts[invoice]
                if (invoice.adv_hold_reason, invoice.adv_hold_amount) != ("dispute", amount):
                    by_amount[amount] |= invoice
            for amount, invoices in by_amount.items():
                protected(invoices).write({"adv_hold_reason": "dispute", "adv_hold_amount": amount})
        candidates = (
            (self - holding).invoice_ids | (released or self.env["account.move"])
        ).filtered(lambda m: m.adv_hold_reason == "dispute") - holding.invoice_ids
        if not candidates:
            return
        still_held = (
            self.env["adv.claim"]
            .sudo()
            .search(
                [
                    ("id", "not in", holding.ids),
                    ("dispute_hold", "=", True),
                    ("is_done", "=", False),
                    ("invoice_ids", "in", candidates.ids),
                ]
            )
            .invoice_ids
        )
        to_release = candidates - still_held
        if to_release:
            protected(to_release).adv_hold_reason = False

    def _update_recurrence(self):
        """Flag the lines (and claims) whose product and cause occurred at
        least N times in the D days up to the claim's reception (company
        settings); the ADV managers get an activity when a streak starts."""
        lines = self.line_ids.filtered(lambda line: line.product_id and line.claim_id.cause_id)
        if not lines:
            protected(self.line_ids.filtered("is_recurring")).write({"is_recurring": False})
            protected(self.filtered("is_recurring")).write({"is_recurring": False})
            return
        max_days = max(lines.company_id.mapped("adv_claim_recurrence_days") or [0])
        dates = lines.mapped("date_received")
        occurrences = (
            self.env["adv.claim.line"]
            .sudo()
            .search_fetch(
                [
                    ("product_id", "in", lines.product_id.ids),
                    ("cause_id", "in", lines.cause_id.ids),
                    ("company_id", "in", lines.company_id.ids),
                    ("date_received", ">=", min(dates) - timedelta(days=max_days)),
                    ("date_received", "<=", max(dates)),
                ],
                ["product_id", "cause_id", "company_id", "claim_id", "date_received"],
            )
        )
        by_key = defaultdict(list)
        for occurrence in occurrences:
            key = (occurrence.company_id.id, occurrence.product_id.id, occurrence.cause_id.id)
            by_key[key].append((occurrence.date_received, occurrence.claim_id.id))
        streaks = self.env["adv.claim"]
        recurring_lines = self.env["adv.claim.line"]
        for line in lines:
            company = line.company_id
            start = line.date_received - timedelta(days=company.adv_claim_recurrence_days)
            key = (company.id, line.product_id.id, line.cause_id.id)
            claims = {
                claim_id for date, claim_id in by_key[key] if start <= date <= line.date_received
            }
            count = len(claims)
            if count >= company.adv_claim_recurrence_count:
                recurring_lines |= line
                if count == company.adv_claim_recurrence_count and not line.is_recurring:
                    streaks |= line.claim_id
        protected((self.line_ids - recurring_lines).filtered("is_recurring")).write(
            {"is_recurring": False}
        )
        protected(recurring_lines.filtered(lambda line: not line.is_recurring)).write(
            {"is_recurring": True}
        )
        for claim in self:
            recurring = bool(claim.line_ids & recurring_lines)
            if claim.is_recurring != recurring:
                protected(claim).write({"is_recurring": recurring})
        for claim in streaks:
            claim._schedule_manager_activity(
                "adv_claims.mail_activity_type_claim_recurring",
                self.env._(
                    "Recurring issue: %(cause)s on %(products)s",
                    cause=claim.cause_id.name,
                    products=", ".join(
                        (claim.line_ids & recurring_lines).product_id.mapped("display_name")
                    ),
                ),
            )

    def _schedule_manager_activity(self, activity_xmlid, summary):
        """One activity per ADV manager of the claim's company."""
        for claim in self:
            for manager in claim.company_id._adv_managers():
                claim.sudo().activity_schedule(activity_xmlid, summary=summary, user_id=manager.id)
