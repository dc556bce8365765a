# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.adv_orders.protected import is_allowed, protected


class AccountMove(models.Model):
    _inherit = "account.move"

    adv_hold_reason = fields.Selection(
        selection_add=[("dispute", "In dispute")], ondelete={"dispute": "set null"}
    )
    adv_claim_id = fields.Many2one(
        "adv.claim",
        string="Correction of Claim",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The claim this credit note or corrected invoice settles.",
        groups="adv_orders.group_adv_user",
    )
    adv_claim_ids = fields.Many2many(
        "adv.claim",
        "adv_claim_account_move_rel",
        "move_id",
        "claim_id",
        string="Claims",
        copy=False,
        readonly=True,
        groups="adv_orders.group_adv_user",
    )
    adv_claim_count = fields.Integer(
        compute="_compute_adv_claim_count",
        string="Claim Count",
        groups="adv_orders.group_adv_user",
    )
    adv_claim_approval_state = fields.Selection(
        selection=[("to_approve", "To Approve"), ("approved", "Approved")],
        string="Claim Approval",
        copy=False,
        readonly=True,
        tracking=True,
        help="A claim credit note above the company's threshold waits for an ADV "
        "manager's approval before it can be posted.",
    )

    def _compute_adv_claim_count(self):
        counts = dict(
            self.env["adv.claim"]._read_group(
                [("invoice_ids", "in", self.ids)], ["invoice_ids"], ["__count"]
            )
        )
        for move in self:
            move.adv_claim_count = counts.get(move, 0)

    def _adv_protected_fields(self):
        """The claim link and the approval of claim credit notes are set by
        the claim's corrections and a manager's approval only; an invoice joins
        a claim from the claim (whose constraints check it), not from itself."""
        return super()._adv_protected_fields() | {
            "adv_claim_id",
            "adv_claim_approval_state",
            "adv_claim_ids",
        }

    def write(self, vals):
        if "reversed_entry_id" in vals and not is_allowed(self.env):
            self._adv_claim_check_reversed_entry(vals["reversed_entry_id"])
        return super().write(vals)

    def _adv_claim_check_reversed_entry(self, invoice_id):
        """A claim credit note stays the credit note of its invoice: the cap
        is checked against that invoice at approval and posting."""
        # sudo: the claim link is for ADV users, accountants edit moves too.
        changed = self.sudo().filtered(
            lambda move: move.adv_claim_id and move.reversed_entry_id.id != (invoice_id or False)
        )
        if changed:
            raise AccessError(
                self.env._(
                    "Credit note %(move)s of claim %(claim)s credits %(invoice)s: it cannot be "
                    "moved to another invoice.",
                    move=changed[0].display_name,
                    claim=changed[0].adv_claim_id.name,
                    invoice=changed[0].reversed_entry_id.display_name,
                )
            )

    def _adv_claim_needs_approval(self):
        self.ensure_one()
        threshold = self.company_id.adv_claim_credit_note_threshold
        return bool(threshold) and abs(self.amount_total_signed) > threshold

    def _post(self, soft=True):
        # Every way of posting goes through here: the Post button, the "Post
        # entries" wizard of the list view, the auto-post cron.
        self._adv_claim_check_before_post()
        return super()._post(soft=soft)

    def button_draft(self):
        result = super().button_draft()
        # Back in draft, a claim credit note may change: it is approved anew.
        approved = self.filtered(lambda move: move.adv_claim_approval_state == "approved")
        protected(approved).write({"adv_claim_approval_state": False})
        return result

    def _adv_claim_check_before_post(self):
        """A claim credit note is posted within what its invoice leaves to
        credit, and above the company's threshold only once an ADV manager
        approved it (a manager posting it approves it), whatever changed
        since it was made."""
        # sudo: the claim link is for ADV users, the accountant posts too.
        refunds = self.sudo().filtered(
            lambda move: move.move_type == "out_refund" and move.adv_claim_id
        )
        for refund in refunds.filtered("reversed_entry_id"):
            refund.adv_claim_id._check_creditable(refund.reversed_entry_id, refund)
        waiting = self.filtered(
            lambda move: move.adv_claim_approval_state == "to_approve"
        ) | refunds.with_env(self.env).filtered(
            lambda move: (
                move.adv_claim_approval_state != "approved" and move._adv_claim_needs_approval()
            )
        )
        # A person who is an ADV manager approves by posting; OdooBot posting
        # for the auto-post cron (or a user's sudo) approves nothing.
        user = self.env.user
        if (
            waiting
            and not self.env.su
            and not user._is_superuser()
            and user.has_group("adv_orders.group_adv_manager")
        ):
            protected(waiting).write({"adv_claim_approval_state": "approved"})
        elif waiting:
            raise UserError(
                self.env._(
                    "Credit note %(moves)s waits for an ADV manager's approval: approve it "
                    "from its claim.",
                    moves=", ".join(waiting.mapped("display_name")),
                )
            )

    def action_adv_claim_new(self):
        """Open a new claim about this invoice."""
        self.ensure_one()
        order = self.line_ids.sale_line_ids.order_id[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Claim"),
            "res_model": "adv.claim",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
                "default_company_id": self.company_id.id,
                "default_invoice_ids": [self.id],
                "default_sale_order_id": order.id,
            },
        }

    def action_view_adv_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("adv_claims.adv_claim_action")
        action["domain"] = [("invoice_ids", "in", self.ids)]
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            "default_invoice_ids": self.ids,
        }
        return action

    def action_view_adv_claim(self):
        self.ensure_one()
        return self.adv_claim_id._get_records_action()
