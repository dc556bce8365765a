# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_amount, format_date

from odoo.addons.adv_orders.protected import check_vals, protected

_logger = logging.getLogger(__name__)

LETTER_STATES = [
    ("draft", "To Review"),
    ("to_send", "To Send"),
    ("to_print", "To Print"),
    ("sent", "Sent"),
    ("cancelled", "Cancelled"),
]
# Fields that may still change once a letter left the preview.
# What the run, the outbox and the cancel wizard write; see _adv_protected_fields.
PROTECTED_FIELDS = {
    "run_id",
    "company_id",
    "partner_id",
    "policy_id",
    "level_id",
    "date",
    "state",
    "invoice_count",
    "amount_due",
    "amount_fee",
    "amount_interest",
    "amount_credit",
    "amount_before",
    "amount_total",
    "send_error",
    "next_attempt",
    "date_sent",
    "printed",
    "cancel_reason",
    "charge_move_id",
    "collection_case_id",
}
FINAL_WRITABLE_FIELDS = {
    "registered_number",
    "registered_date",
    "receipt_date",
    "state",
    "send_error",
    "next_attempt",
    "date_sent",
    "phone_outcome",
    "cancel_reason",
    "charge_move_id",
    "collection_case_id",
    "printed",
    "activity_ids",
    "message_main_attachment_id",
}
RETRY_DELAY = timedelta(hours=1)
# Where a reminder may go from each state, whoever writes it (the run, the
# outbox and the cancel wizard included): a reminder is never set back.
STATE_MOVES = {
    "draft": {"to_send", "cancelled"},
    "to_send": {"to_print", "sent", "cancelled"},
    "to_print": {"sent", "cancelled"},
    "sent": {"cancelled"},
    "cancelled": set(),
}


def _delivery_error_text(error):
    """A readable text of a delivery error: Odoo's MailDeliveryException
    carries a title and the cause as two arguments."""
    if len(error.args) > 1:
        return " ".join(str(arg) for arg in error.args if arg)
    return str(error)


class AdvDunningLetter(models.Model):
    """One reminder to one customer at one level in one run, with a line per
    invoice. A reminder that left the preview is final: it can only be
    cancelled, with a trace."""

    _name = "adv.dunning.letter"
    _description = "Dunning Letter"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    run_id = fields.Many2one(
        "adv.dunning.run", required=True, ondelete="restrict", index=True,
        check_company=True,
    )  # fmt: skip
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="restrict"
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Send To",
        compute="_compute_contact_id",
        store=True,
        readonly=False,
        domain="[('commercial_partner_id', '=', partner_id)]",
        help="The invoicing contact of the customer, who receives the reminder.",
    )
    policy_id = fields.Many2one("adv.dunning.policy", required=True)
    level_id = fields.Many2one("adv.dunning.level", required=True, index=True, ondelete="restrict")
    document_type = fields.Selection(related="level_id.document_type")
    channel_ids = fields.Many2many(related="level_id.channel_ids")
    channel_codes = fields.Char(related="level_id.channel_codes")
    is_registered = fields.Boolean(
        compute="_compute_is_registered", help="Posted as a registered letter."
    )
    date = fields.Date(required=True, index=True)
    state = fields.Selection(
        LETTER_STATES, default="draft", required=True, index=True, tracking=True, copy=False
    )
    line_ids = fields.One2many("adv.dunning.letter.line", "letter_id", string="Invoices")
    invoice_count = fields.Integer(compute="_compute_amounts", store=True)
    note = fields.Text(help="Added to the letter, above the invoices.")
    amount_due = fields.Monetary(
        string="Overdue", compute="_compute_amounts", store=True, aggregator="sum"
    )
    amount_fee = fields.Monetary(
        string="Indemnities", compute="_compute_amounts", store=True, aggregator="sum"
    )
    amount_interest = fields.Monetary(
        string="Interest", compute="_compute_amounts", store=True, aggregator="sum"
    )
    amount_credit = fields.Monetary(
        string="Credits",
        readonly=True,
        help="Unapplied payments and open credit notes of the customer; they reduce the "
        "amount claimed.",
    )
    amount_before = fields.Monetary(
        string="Claimed Earlier",
        compute="_compute_amounts",
        store=True,
        help="Indemnities and interest claimed by earlier letters and not invoiced: they are "
        "still due and claimed again.",
    )
    amount_total = fields.Monetary(
        string="Amount Claimed", compute="_compute_amounts", store=True, aggregator="sum"
    )
    send_error = fields.Text(readonly=True, copy=False)
    next_attempt = fields.Datetime(readonly=True, copy=False)
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    printed = fields.Boolean(readonly=True, copy=False)
    phone_outcome = fields.Text(
        string="Call Outcome", help="What the customer said on the phone.", tracking=True
    )
    cancel_reason = fields.Text(readonly=True, copy=False)
    registered_number = fields.Char(
        string="Registered Letter No.",
        copy=False,
        tracking=True,
        help="The number of the registered letter with acknowledgement of receipt.",
    )
    registered_date = fields.Date(
        string="Posted On", copy=False, tracking=True, help="When the registered letter was posted."
    )
    receipt_date = fields.Date(
        string="Received On",
        copy=False,
        tracking=True,
        help="The date of the acknowledgement of receipt (avis de réception): the eight days "
        "of a formal notice count from it.",
    )
    charge_move_id = fields.Many2one(
        "account.move", string="Charges Invoice", readonly=True, copy=False
    )
    collection_case_id = fields.Many2one("adv.collection.case", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("partner_id", "level_id")
    def _compute_display_name(self):
        for letter in self:
            letter.display_name = self.env._(
                "%(level)s - %(partner)s",
                level=letter.level_id.name or "",
                partner=letter.partner_id.name or "",
            )

    @api.depends("level_id.channel_ids.registered")
    def _compute_is_registered(self):
        for letter in self:
            letter.is_registered = any(letter.channel_ids.mapped("registered"))

    @api.depends("partner_id")
    def _compute_contact_id(self):
        contacts = self._adv_invoice_contacts(self.partner_id.ids)
        for letter in self:
            letter.contact_id = contacts.get(letter.partner_id.id, letter.partner_id.id)

    @api.model
    def _adv_invoice_contacts(self, partner_ids):
        """{customer id: id of its first invoicing address}, in one search;
        a customer without one receives its letters itself."""
        contacts = self.env["res.partner"].search_fetch(
            [("parent_id", "in", partner_ids), ("type", "=", "invoice")], ["parent_id"], order="id"
        )
        invoice_contact = {}
        for contact in contacts:
            invoice_contact.setdefault(contact.parent_id.id, contact.id)
        return invoice_contact

    @api.model
    def _adv_amounts(self, lines, credit):
        """The stored amounts of a letter from its lines' values (dicts or
        records) and the customer's credit: _compute_amounts, and the run's
        set-based writing of letters."""
        due = sum(line["amount_due"] for line in lines)
        fee = sum(line["fee"] for line in lines)
        interest = sum(line["interest"] for line in lines)
        before = sum(line["fee_before"] for line in lines) + sum(
            line["interest_before"] for line in lines
        )
        return {
            "invoice_count": len(lines),
            "amount_due": due,
            "amount_fee": fee,
            "amount_interest": interest,
            "amount_before": before,
            "amount_total": max(due + fee + interest + before - credit, 0.0),
        }

    @api.depends(
        "line_ids.amount_due",
        "line_ids.fee",
        "line_ids.interest",
        "line_ids.fee_before",
        "line_ids.interest_before",
        "amount_credit",
    )
    def _compute_amounts(self):
        for letter in self:
            letter.update(self._adv_amounts(letter.line_ids, letter.amount_credit))

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("contact_id", "partner_id")
    def _check_contact_id(self):
        """The reminder, which lists the customer's invoices, goes to the
        customer or one of its contacts, never to someone else."""
        for letter in self:
            contact = letter.contact_id
            if contact and contact.commercial_partner_id != letter.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of %(partner)s: the reminder cannot be "
                        "sent to them.",
                        contact=contact.display_name,
                        partner=letter.partner_id.display_name,
                    )
                )

    @api.constrains("registered_date", "receipt_date", "date")
    def _check_proof_dates(self):
        for letter in self:
            posted, received = letter.registered_date, letter.receipt_date
            start = posted or letter.date
            if (posted and posted < letter.date) or (received and received < start):
                raise ValidationError(
                    self.env._(
                        "%(letter)s: a registered letter is posted on or after the date of the "
                        "letter and received on or after it was posted.",
                        letter=letter.display_name,
                    )
                )

    def _adv_earlier_reminders(self):
        """The letters sent before this one about its invoices, oldest first:
        a formal notice lists them."""
        self.ensure_one()
        return self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "=", self.partner_id.id),
                ("state", "=", "sent"),
                ("line_ids.move_id", "in", self.line_ids.move_id.ids),
                ("id", "!=", self.id),
                ("date", "<=", self.date),
            ],
            order="date, id",
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _adv_protected_fields(self):
        """Written by the run, the outbox and the cancel wizard only (see
        adv_orders/protected.py): a reminder is not set back, marked sent or
        given other amounts by a write."""
        return PROTECTED_FIELDS

    @api.model_create_multi
    def create(self, vals_list):
        check_vals(self, vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        check_vals(self, [vals])
        if "state" in vals:
            self._adv_check_state_move(vals["state"])
        final = self.filtered(lambda letter: letter.state != "draft")
        if final and set(vals) - FINAL_WRITABLE_FIELDS:
            raise UserError(
                self.env._("A reminder that left the preview cannot be changed; cancel it instead.")
            )
        result = super().write(vals)
        if "state" in vals:
            self._adv_release_lines()
            self.run_id._adv_sync_state()
        return result

    def _adv_release_lines(self):
        """The invoices of cancelled letters may be reminded at these levels
        again: their lines no longer count as live reminders (one UPDATE;
        the lines of a letter that left the preview are final otherwise)."""
        cancelled = self.filtered(lambda letter: letter.state == "cancelled")
        if not cancelled:
            return
        self.env["adv.dunning.letter.line"].flush_model(["letter_id", "is_live"])
        self.env.cr.execute(
            SQL(
                "UPDATE adv_dunning_letter_line SET is_live = FALSE "
                "WHERE letter_id = ANY(%s) AND is_live",
                cancelled.ids,
            )
        )
        self.env["adv.dunning.letter.line"].invalidate_model(["is_live"])

    def _adv_check_state_move(self, state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for letter in self:
            if state != letter.state and state not in STATE_MOVES[letter.state]:
                raise UserError(
                    self.env._(
                        "Reminder %(letter)s cannot go from %(current)s to %(new)s.",
                        letter=letter.display_name,
                        current=labels[letter.state],
                        new=labels.get(state, state),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        """A reminder that left the review (sent, on its way, or cancelled
        with its trace) stays in the ledger."""
        if any(letter.state != "draft" for letter in self):
            raise UserError(
                self.env._("A queued or sent reminder cannot be deleted; cancel it instead.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_queue(self):
        """Send the reviewed letters: they go to the outbox."""
        letters = self.filtered(lambda letter: letter.state == "draft")
        if not letters:
            raise UserError(self.env._("Only letters to review can be sent."))
        letters._action_queue()
        return True

    def action_retry(self):
        """Send the letters of the outbox now."""
        letters = self.filtered(lambda letter: letter.state == "to_send")
        if not letters:
            raise UserError(self.env._("Only letters to send can be sent again."))
        letters._adv_send()
        return True

    def action_print(self):
        """One PDF with the letters to print, to put in envelopes."""
        letters = self.filtered(lambda letter: letter.state in ("to_print", "sent"))
        if not letters:
            raise UserError(self.env._("No letter here is to be printed."))
        return self.env.ref("adv_dunning.action_report_adv_dunning_letter").report_action(letters)

    def action_confirm_printed(self):
        """The printed letters were posted: they are sent."""
        letters = self.filtered(lambda letter: letter.state == "to_print")
        if not letters:
            raise UserError(self.env._("No letter here waits for printing."))
        protected(letters).write({"printed": True})
        letters._adv_mark_sent()
        return True

    def action_cancel(self):
        """Open the cancel wizard; an ADV user is refused at once the
        reminders the customer received (the wizard refuses them too)."""
        letters = self.filtered(lambda letter: letter.state != "cancelled")
        if not letters:
            raise UserError(self.env._("These reminders are cancelled already."))
        letters._adv_check_cancel_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Reminders"),
            "res_model": "adv.dunning.letter.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_ids": self.ids},
        }

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.line_ids.move_id.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _action_queue(self):
        """Record what is to be sent; the outbox's scheduled action sends.
        A reminder whose invoices were all removed in review claims nothing:
        it is deleted, not sent."""
        empty = self.filtered(lambda letter: not letter.line_ids)
        if empty:
            raise UserError(
                self.env._(
                    "%(letters)s: no invoice is left in the reminder; delete it instead of "
                    "sending it.",
                    letters=", ".join(empty.mapped("display_name")),
                )
            )
        nothing_due = self.filtered(
            lambda letter: letter.currency_id.compare_amounts(letter.amount_total, 0.0) <= 0
        )
        if nothing_due:
            raise UserError(
                self.env._(
                    "%(letters)s: the customer's credits cover what the reminder claims, there "
                    "is nothing to pay; delete it instead of sending it.",
                    letters=", ".join(nothing_due.mapped("display_name")),
                )
            )
        unleveled = self.filtered(lambda letter: not letter.line_ids.level_id)
        if unleveled:
            raise UserError(
                self.env._(
                    "%(letters)s: none of the invoices left in the reminder rises to a new "
                    "level; delete it instead of sending it.",
                    letters=", ".join(unleveled.mapped("display_name")),
                )
            )
        protected(self).write({"state": "to_send", "send_error": False, "next_attempt": False})
        self.env.ref("adv_dunning.ir_cron_adv_dunning_send")._trigger()

    def _adv_cancel(self, reason):
        """Cancel with a trace. A reminder the customer received (sent, or
        e-mailed and waiting to be printed) is cancelled by a manager only;
        a sent one gives its invoices back the level they would have without
        it."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for cancelling the reminders."))
        letters = self.filtered(lambda letter: letter.state != "cancelled")
        sent = letters.filtered(lambda letter: letter.state == "sent")
        letters._adv_check_cancel_rights()
        for letter in letters:
            letter.message_post(
                body=self.env._(
                    "Reminder cancelled by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason,
                )
            )
        protected(letters).write({"state": "cancelled", "cancel_reason": reason})
        self._adv_reset_invoice_levels(sent.line_ids.filtered("level_id").move_id)

    def _adv_check_cancel_rights(self):
        """A reminder the customer received (sent, or e-mailed and waiting to
        be printed) is cancelled by an ADV manager only."""
        received = self.filtered(
            lambda letter: (
                letter.state == "sent"
                or (letter.state == "to_print" and letter.level_id._has_channel("email"))
            )
        )
        if received and not (
            self.env.su or self.env.user.has_group("adv_orders.group_adv_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only an ADV manager can cancel a reminder the customer received: %(letters)s.",
                    letters=", ".join(received.mapped("display_name")),
                )
            )

    @api.model
    def _adv_reset_invoice_levels(self, invoices):
        """Put each invoice at the level of its last reminder still standing
        (sent, not cancelled), or, when none is left, at the level it had
        before its first reminder. Read from the ledger rather than from the
        level noted on the cancelled line, which may itself come from a
        reminder cancelled since."""
        if not invoices:
            return
        lines = (
            self.env["adv.dunning.letter.line"]
            .sudo()
            .search([("move_id", "in", invoices.ids), ("level_id", "!=", False)], order="id")
        )

        def sent_on(line):
            letter = line.letter_id
            if not letter.date_sent:  # sent before the date was recorded
                return letter.date
            return fields.Date.context_today(letter, letter.date_sent)

        first_line = {}
        last_sent = {}
        for line in lines:
            first_line.setdefault(line.move_id, line)
            if line.letter_id.state != "sent":
                continue
            current = last_sent.get(line.move_id)
            if not current or (sent_on(line), line.id) > (sent_on(current), current.id):
                last_sent[line.move_id] = line
        updates = defaultdict(lambda: invoices.browse())
        for invoice in invoices:
            line = last_sent.get(invoice)
            if line:
                level = line.level_id
                day = sent_on(line)
            elif invoice in first_line:
                level = first_line[invoice].previous_level_id
                day = False
            else:
                continue
            if (invoice.adv_dunning_level_id, invoice.adv_dunning_date) != (level, day):
                updates[level, day] |= invoice
        for (level, day), moves in updates.items():
            moves.sudo().write({"adv_dunning_level_id": level.id, "adv_dunning_date": day})

    @api.model
    def _cron_send(self, batch_size=20):
        """The outbox: send one batch of queued letters, taking rows that no
        other transaction holds (FOR UPDATE SKIP LOCKED), and report the
        progress so that the scheduler commits and calls again."""
        now = fields.Datetime.now()
        self.flush_model(["state", "next_attempt"])
        query = SQL(
            """
            SELECT id FROM adv_dunning_letter
             WHERE state = 'to_send' AND (next_attempt IS NULL OR next_attempt <= %s)
          ORDER BY id
             LIMIT %s
            """,
            now,
            batch_size,
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("%s FOR UPDATE SKIP LOCKED", query), log_exceptions=False)
                ids = [row[0] for row in self.env.cr.fetchall()]
        except errors.SerializationFailure:
            # Another process (server, cron worker) sent some of these letters
            # after this transaction's snapshot was taken (repeatable read):
            # locking them fails, now and for the rest of the transaction.
            # Read the candidates without a lock: _adv_send locks each one,
            # and leaves those another transaction sent or holds.
            self.env.cr.execute(query)
            ids = [row[0] for row in self.env.cr.fetchall()]
        letters = self.browse(ids)
        letters._adv_send()
        remaining = self.search_count(
            [
                ("state", "=", "to_send"),
                "|",
                ("next_attempt", "=", False),
                ("next_attempt", "<=", now),
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(letters), remaining=remaining)
        return letters

    def _adv_send(self):
        """Send each letter on its channels, each in a savepoint of its own.
        E-mail and phone call are done here; printed letters wait for ADV to
        print and confirm them. A letter is sent only once the mail server
        accepted its e-mail: any failure rolls its savepoint back (message,
        e-mail, invoice levels, charges) and leaves it to send with the error,
        to retry later."""
        done = self.browse()
        for letter in self:
            if letter.state != "to_send" or not letter._adv_lock():
                continue
            try:
                with self.env.cr.savepoint():
                    letter._adv_send_one()
            except Exception as error:  # noqa: BLE001 - any failure is kept and retried
                _logger.info("Dunning letter %s not sent: %s", letter.id, error)
                protected(letter).write(
                    {
                        "send_error": str(error),
                        "next_attempt": fields.Datetime.now() + RETRY_DELAY,
                    }
                )
                continue
            done |= letter
        return done

    def _adv_lock(self):
        """Take the letter's row until the end of the transaction, before
        anything is e-mailed, so that no other transaction (the outbox, a
        user's "send again") can send it too, nor fail after our e-mail left
        and have the whole batch replayed. False when another transaction
        holds or changed it: that one sends it."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    SQL(
                        """
                    SELECT id FROM adv_dunning_letter
                     WHERE id = %s AND state = 'to_send'
                       FOR UPDATE NOWAIT
                    """,
                        self.id,
                    ),
                    log_exceptions=False,
                )
                return bool(self.env.cr.fetchone())
        except (errors.LockNotAvailable, errors.SerializationFailure):
            _logger.info("Dunning letter %s is being sent by another transaction", self.id)
            return False

    def _adv_send_one(self):
        """Do everything the letter's channels ask in the database first
        (message and e-mail queued, call scheduled, SMS queued, letter and
        invoices moved), then hand the e-mail to the mail server as the very
        last step: once the server accepted it, nothing left can roll the
        letter back and have it e-mailed twice.

        Each channel of the level is sent by ``_adv_send_<code>(outcome)``,
        which adds the e-mails to deliver to ``outcome["mails"]`` or asks for
        printing with ``outcome["to_print"]``."""
        self.ensure_one()
        outcome = {"mails": self.env["mail.mail"], "to_print": False}
        for channel in self.level_id.channel_ids:
            getattr(self, f"_adv_send_{channel.code}")(outcome)
        if outcome["to_print"]:
            protected(self).write({"state": "to_print", "send_error": False, "next_attempt": False})
        else:
            self._adv_mark_sent()
        if outcome["mails"]:
            # Everything this letter changed, whatever the model, is written
            # before the mail leaves: nothing may fail once it is accepted.
            self.env.flush_all()
            self._adv_deliver(outcome["mails"])

    # One method per channel code (adv.dunning.channel): see _adv_send_one.
    def _adv_send_email(self, outcome):
        """E-mail with the PDF letter; a contact without an address gets the
        letter by post instead of a mail that could never leave."""
        contact = self.contact_id or self.partner_id
        if contact.email:
            outcome["mails"] |= self._adv_post_email()
            return
        outcome["to_print"] = True
        self.message_post(
            body=self.env._(
                "%(contact)s has no e-mail address: the reminder is to be printed and posted.",
                contact=contact.display_name,
            )
        )

    def _adv_send_letter(self, outcome):
        outcome["to_print"] = True

    def _adv_send_registered(self, outcome):
        outcome["to_print"] = True

    def _adv_send_phone(self, outcome):
        self._adv_schedule_call()

    def _adv_post_email(self):
        """Post the reminder with its PDF; its e-mails are created but not
        sent (no sending after commit, no mail queue): ``_adv_deliver`` sends
        them within the letter's savepoint. Return the e-mails."""
        self.ensure_one()
        contact = self.contact_id or self.partner_id
        if not contact.email:
            raise UserError(
                self.env._(
                    "%(contact)s has no e-mail address: the reminder cannot be e-mailed.",
                    contact=contact.display_name,
                )
            )
        template = self.level_id.mail_template_id or self.env.ref(
            "adv_dunning.mail_template_adv_dunning"
        )
        messages = self.message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            force_send=False,  # sent by _adv_deliver, in the letter's savepoint
            auto_delete=False,  # kept: the proof of what was sent, and when
        )
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "in", messages.ids)])
        if not mails:
            raise UserError(
                self.env._(
                    "The reminder template gave no e-mail to send to %(contact)s.",
                    contact=contact.display_name,
                )
            )
        return mails

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        """The reminder's contact gets an e-mail of its own, apart from any
        follower: Odoo sends a mail's recipients one after the other and
        stops at the first refused address, which must not keep the reminder
        from the customer nor hide whether it reached them."""
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        if len(self) != 1:
            return groups
        contact_id = (self.contact_id or self.partner_id).id
        contact_group = [
            "adv_dunning_contact",
            lambda pdata: pdata["id"] == contact_id,
            {"active": True, "has_button_access": False},
        ]
        return [contact_group, *groups]

    def _adv_deliver(self, mails):
        """Hand the letter's e-mails to the mail server now and check that it
        accepted the one to the customer's contact; raise otherwise, so that
        the letter's savepoint rolls back and no e-mail is left for Odoo's
        mail queue to send later. Copies to followers go after it and never
        undo a delivered reminder.

        The outcome is read from the mail's notifications rather than from an
        exception: Odoo sends one SMTP message per recipient of a mail and
        records each one's result there, so a refused copy cannot hide that
        the contact received the reminder, nor the reverse."""
        self.ensure_one()
        mails = mails.sudo()
        contact = self.contact_id or self.partner_id
        reminder = mails.filtered(lambda mail: contact in mail.recipient_ids)
        try:
            (reminder or mails).send()
        except Exception as error:
            raise UserError(
                self.env._(
                    "The mail server did not accept the reminder: %(error)s",
                    error=_delivery_error_text(error),
                )
            ) from error
        if reminder:
            notifications = (
                self.env["mail.notification"]
                .sudo()
                .search(
                    [
                        ("mail_mail_id", "in", reminder.ids),
                        ("notification_type", "=", "email"),
                        ("res_partner_id", "=", contact.id),
                    ]
                )
            )
            failed = notifications.filtered(lambda notif: notif.notification_status != "sent")
            mails_ok = bool(notifications) and not failed
        else:
            # a template with raw addresses: every mail must have gone
            failed = mails.filtered(lambda mail: mail.state != "sent")
            mails_ok = not failed
        if not mails_ok:
            # a connection failure is told on the mails, a refused address
            # on the notification
            unsent = (reminder or mails).filtered(lambda mail: mail.state != "sent")
            reasons = {
                reason
                for reason in failed.mapped("failure_reason") + unsent.mapped("failure_reason")
                if reason
            }
            raise UserError(
                self.env._(
                    "The mail server did not accept the reminder: %(error)s",
                    error="; ".join(sorted(reasons)) or self.env._("no valid recipient"),
                )
            )
        copies = mails - reminder if reminder else mails.browse()
        if copies:
            try:
                with self.env.cr.savepoint():
                    copies.send()
            except Exception:  # noqa: BLE001 - the reminder itself was delivered
                _logger.warning("Copies of dunning letter %s not sent", self.id, exc_info=True)

    def _get_not_due_invoices(self):
        """The customer's open invoices not yet due, shown for information
        when the policy says so."""
        self.ensure_one()
        if not self.policy_id.show_not_due:
            return self.env["account.move"]
        return self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", ">", self.date),
                ("id", "not in", self.line_ids.move_id.ids),  # an instalment is overdue
            ],
            order="invoice_date_due, id",
        )

    def _adv_schedule_call(self):
        self.ensure_one()
        level = self.level_id
        rows = Markup().join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(invoice)s due on %(due)s (%(days)s days late): %(amount)s",
                invoice=line.move_id.name,
                due=format_date(self.env, line.due_date),
                days=line.days_overdue,
                amount=format_amount(self.env, line.amount_due, self.currency_id),
            )
            for line in self.line_ids
        )
        note = Markup("%s<ul>%s</ul><p>%s</p>") % (
            level.phone_script or "",
            rows,
            self.env._(
                "Amount claimed: %(amount)s. Record the outcome of the call on the reminder.",
                amount=format_amount(self.env, self.amount_total, self.currency_id),
            ),
        )
        self.activity_schedule(
            activity_type_id=(
                level.activity_type_id or self.env.ref("mail.mail_activity_data_call")
            ).id,
            summary=self.env._(
                "Call %(partner)s about overdue invoices", partner=self.partner_id.name
            ),
            note=note,
            user_id=(level.activity_user_id or self.run_id.user_id or self.env.user).id,
        )

    def _adv_mark_sent(self):
        """The letters reached the customer: their invoices move to the new
        level, then fees and collection follow. Set-based per level."""
        if not self:
            return
        today = fields.Date.context_today(self)
        protected(self).write(
            {"state": "sent", "date_sent": fields.Datetime.now(), "send_error": False}
        )
        lines = self.line_ids.filtered("level_id")  # the others keep their level
        for level in lines.level_id:
            level_lines = lines.filtered(lambda line, level=level: line.level_id == level)
            level_lines.move_id.sudo().write(
                {"adv_dunning_level_id": level.id, "adv_dunning_date": today}
            )
        self._adv_post_charges()
        self.filtered(lambda letter: letter.level_id.open_collection_case)._adv_open_cases()

    def _adv_post_charges(self):
        """Invoice the indemnities and interest the letters claim, when the
        company chooses so: one customer invoice per letter."""
        letters = self.filtered(
            lambda letter: (
                letter.company_id.adv_dunning_post_charges
                and (letter.amount_fee or letter.amount_interest)
                and not letter.charge_move_id
            )
        )
        if not letters:
            return
        vals_list = [letter._prepare_charge_move_vals() for letter in letters]
        moves = self.env["account.move"].sudo().create(vals_list)
        moves.action_post()
        for letter, move in zip(letters, moves, strict=True):
            protected(letter).charge_move_id = move

    def _prepare_charge_move_vals(self):
        """Hook: the customer invoice of the letter's indemnity and interest."""
        self.ensure_one()
        company = self.company_id
        lines = []
        if self.amount_fee:
            product = company.adv_dunning_fee_product_id
            if not product:
                raise UserError(self.env._("Set the indemnity product in the ADV settings."))
            lines.append(
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "Fixed recovery indemnity (%(count)s invoice(s))",
                        count=len(self.line_ids.filtered("fee")),
                    ),
                    "quantity": 1,
                    "price_unit": self.amount_fee,
                    "tax_ids": [],
                }
            )
        if self.amount_interest:
            product = company.adv_dunning_interest_product_id
            if not product:
                raise UserError(self.env._("Set the interest product in the ADV settings."))
            lines.append(
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "Late-payment interest at %(rate)s %% a year",
                        rate=company.adv_dunning_interest_rate,
                    ),
                    "quantity": 1,
                    "price_unit": self.amount_interest,
                    "tax_ids": [],
                }
            )
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.id,
            "company_id": company.id,
            "currency_id": company.currency_id.id,
            "invoice_origin": self.run_id.name,
            "invoice_line_ids": [fields.Command.create(vals) for vals in lines],
        }

    def _adv_open_cases(self):
        """One collection case per customer for the invoices of these letters."""
        Case = self.env["adv.collection.case"].sudo()
        vals_list = [
            {
                "partner_id": letter.partner_id.id,
                "company_id": letter.company_id.id,
                "invoice_ids": [fields.Command.set(letter.line_ids.move_id.ids)],
                "letter_id": letter.id,
            }
            for letter in self
        ]
        cases = Case.create(vals_list)
        for letter, case in zip(self, cases, strict=True):
            protected(letter).collection_case_id = case
