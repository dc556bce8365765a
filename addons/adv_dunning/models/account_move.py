# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.adv_orders.protected import protected

from .adv_dunning_reference_rate import half_year_start


class AccountMove(models.Model):
    _inherit = "account.move"

    adv_hold_reason = fields.Selection(
        selection_add=[("promise", "Payment promise")], ondelete={"promise": "set null"}
    )
    adv_dunning_level_id = fields.Many2one(
        "adv.dunning.level",
        string="Dunning Level",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The highest dunning level the invoice has reached, set when the reminder is "
        "actually sent.",
    )
    adv_dunning_date = fields.Date(
        string="Last Reminder",
        readonly=True,
        copy=False,
        help="When the last reminder for this invoice was sent.",
    )
    adv_dunning_line_ids = fields.One2many(
        "adv.dunning.letter.line", "move_id", string="Reminders", readonly=True
    )
    adv_collection_case_ids = fields.Many2many(
        "adv.collection.case",
        "adv_collection_case_account_move_rel",
        "move_id",
        "case_id",
        string="Collection Cases",
        readonly=True,
        copy=False,
    )
    adv_hold_note = fields.Char(
        string="Hold Reason",
        copy=False,
        tracking=True,
        help="Why the invoice is held out of dunning by hand.",
    )

    def _adv_protected_fields(self):
        """The level an invoice reached follows its reminders (sent or
        cancelled): a write does not lift a credit hold nor skip a level."""
        return super()._adv_protected_fields() | {"adv_dunning_level_id", "adv_dunning_date"}

    def action_adv_hold(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hold out of Dunning"),
            "res_model": "adv.invoice.hold",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }

    def _adv_penalty_rate(self):
        """The yearly late-payment rate the invoice states (L441-9): the rate
        agreed with the customer or in the company's terms, else the ECB
        rate of the invoice's half-year plus the company's points (L441-10)."""
        self.ensure_one()
        company = self.company_id
        agreed = (
            self.commercial_partner_id.adv_dunning_agreed_rate or company.adv_dunning_agreed_rate
        )
        if agreed:
            return agreed
        Rates = self.env["adv.dunning.reference.rate"]
        day = self.invoice_date or fields.Date.context_today(self)
        ecb = Rates._ecb_at(
            Rates._rates_by_half_year(), half_year_start(day), company.adv_dunning_ecb_rate
        )
        return ecb + company.adv_dunning_rate_points

    def action_adv_release_hold(self):
        held = self.filtered(lambda m: m.adv_hold_reason in ("manual", "promise"))
        protected(held).write({"adv_hold_reason": False, "adv_hold_note": False})
        return True

    def action_adv_view_reminders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "adv_dunning.adv_dunning_letter_action"
        )
        action["domain"] = [("line_ids.move_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
