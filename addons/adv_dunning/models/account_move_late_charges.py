# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoices paid late: the 40 EUR indemnity and the interest accrued until
the payment date, invoiced once per invoice, in one invoice per customer and
month of payment (Code de commerce L441-10, D441-5)."""

from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.adv_orders.protected import protected

# D441-5: the fixed recovery indemnity, in euros.
LEGAL_INDEMNITY_EUR = 40.0


class AccountMove(models.Model):
    # split by concern: the holds and levels in account_move.py, the late
    # payments here
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    adv_late_charge_move_id = fields.Many2one(
        "account.move",
        string="Late-Payment Charges",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The invoice that billed the indemnity and interest of this invoice's late payment.",
    )
    adv_was_on_hold = fields.Boolean(
        string="Was on Hold",
        readonly=True,
        copy=False,
        help="The invoice was held out of dunning at some point (dispute, promise, manual "
        "hold): its late payment is never charged automatically.",
    )

    def _adv_protected_fields(self):
        return super()._adv_protected_fields() | {"adv_late_charge_move_id", "adv_was_on_hold"}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("adv_hold_reason"):
                vals["adv_was_on_hold"] = True
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("adv_hold_reason"):
            vals = {**vals, "adv_was_on_hold": True}
        return super().write(vals)

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_adv_invoice_late_payments(self):
        """For each company that asks for it, invoice the late payments of
        the months that are over since the setting was switched on."""
        companies = self.env["res.company"].search(
            [("adv_dunning_invoice_late_payments", "=", True)]
        )
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1)
        charges = self.browse()
        for company in companies:
            charges |= self.with_company(company)._adv_invoice_late_payments(company, month_start)
        return charges

    @api.model
    def _adv_invoice_late_payments(self, company, before):
        """One customer invoice per customer and month of payment for the
        invoices paid late before ``before``; return them, posted."""
        payments = self._adv_late_payments(company, before)
        if not payments:
            return self.browse()
        invoices = self.browse(list(payments))
        history = self._adv_charges_invoiced_before(invoices)
        Run = self.env["adv.dunning.run"]
        run = Run.new({"company_id": company.id, "date": before})
        run = run.with_context(
            adv_rate_table=self.env["adv.dunning.reference.rate"]._rates_by_half_year()
        )
        eur = self.env.ref("base.EUR")
        groups = defaultdict(list)  # (customer, month) -> [(invoice, fee, interest, days)]
        for invoice in invoices:
            partials = payments[invoice.id]
            paid_on = max(day for day, _amount in partials)
            due = invoice.invoice_date_due
            fee = 0.0
            if invoice.commercial_partner_id.adv_professional and invoice.id not in history["fee"]:
                fee = eur._convert(
                    LEGAL_INDEMNITY_EUR, company.currency_id, company, invoice.invoice_date or due
                )
            start = max(due, history["interest_to"].get(invoice.id) or due)
            agreed = invoice.commercial_partner_id.adv_dunning_agreed_rate
            interest = company.currency_id.round(
                sum(
                    amount * run._adv_rate_days(start, day, agreed) / 100.0
                    for day, amount in partials
                    if day > start
                )
            )
            if not (fee or interest):
                continue
            groups[invoice.commercial_partner_id, paid_on.replace(day=1)].append(
                (invoice, fee, interest, (paid_on - due).days)
            )
        if not groups:
            return self.browse()
        keys = list(groups)
        vals_list = [
            self._adv_prepare_late_charges_vals(company, *key, groups[key]) for key in keys
        ]
        charges = self.sudo().create(vals_list)
        charges.action_post()
        for key, move in zip(keys, charges, strict=True):
            billed = self.browse([invoice.id for invoice, *_rest in groups[key]])
            protected(billed).write({"adv_late_charge_move_id": move.id})
            move.message_post(
                body=self.env._(
                    "Late-payment charges of the invoices paid late in %(month)s: %(invoices)s.",
                    month=key[1].strftime("%m/%Y"),
                    invoices=", ".join(billed.mapped("name")),
                )
            )
        return charges.with_env(self.env)

    @api.model
    def _adv_late_payments(self, company, before):
        """{invoice id: [(payment date, amount paid on that date in company
        currency)]} of the customer invoices of ``company`` paid in full
        after their due date, on a day before ``before`` and not before the
        setting was switched on, never held out of dunning, not charged yet;
        in one query. Credit notes are not payments."""
        self.env["account.move"].flush_model()
        self.env["account.move.line"].flush_model(["move_id", "display_type", "amount_residual"])
        self.env["account.partial.reconcile"].flush_model()
        self.env["res.partner"].flush_model(["adv_dunning_opt_out"])
        self.env["adv.dunning.letter"].flush_model(["charge_move_id"])
        self.env.cr.execute(
            SQL(
                """
            SELECT m.id, part.max_date, SUM(part.amount)
              FROM account_move m
              JOIN res_partner p ON p.id = m.commercial_partner_id
              JOIN account_move_line l ON l.move_id = m.id AND l.display_type = 'payment_term'
              JOIN account_partial_reconcile part ON part.debit_move_id = l.id
              JOIN account_move_line counterpart ON counterpart.id = part.credit_move_id
              JOIN account_move payment ON payment.id = counterpart.move_id
             WHERE m.company_id = %(company)s
               AND m.move_type = 'out_invoice'
               AND m.state = 'posted'
               AND m.payment_state IN ('paid', 'in_payment')
               AND m.adv_late_charge_move_id IS NULL
               AND NOT COALESCE(m.adv_was_on_hold, FALSE)
               AND NOT COALESCE(p.adv_dunning_opt_out, FALSE)
               AND payment.move_type != 'out_refund'
               AND part.max_date > m.invoice_date_due
               AND NOT EXISTS (
                   -- paid in full before the month that is over
                   SELECT 1
                     FROM account_move_line l2
                     JOIN account_partial_reconcile part2 ON part2.debit_move_id = l2.id
                    WHERE l2.move_id = m.id AND part2.max_date >= %(before)s
               )
               AND part.max_date >= %(since)s
               -- charges are not charged again
               AND NOT EXISTS (
                   SELECT 1 FROM account_move billed WHERE billed.adv_late_charge_move_id = m.id
               )
               AND NOT EXISTS (
                   SELECT 1 FROM adv_dunning_letter letter WHERE letter.charge_move_id = m.id
               )
          GROUP BY m.id, part.max_date
          ORDER BY m.id, part.max_date
            """,
                company=company.id,
                before=before,
                since=company.adv_dunning_late_charges_since or date.min,
            )
        )
        payments = defaultdict(list)
        for move_id, day, amount in self.env.cr.fetchall():
            payments[move_id].append((day, amount))
        return payments

    @api.model
    def _adv_charges_invoiced_before(self, invoices):
        """What the sent letters of these invoices claimed and invoiced
        already (their charges invoice): the indemnity, and the interest up
        to a date. Claimed but not invoiced is still to bill."""
        lines = (
            self.env["adv.dunning.letter.line"]
            .sudo()
            .search(
                [
                    ("move_id", "in", invoices.ids),
                    ("letter_id.state", "=", "sent"),
                    ("letter_id.charge_move_id", "!=", False),
                ]
            )
        )
        history = {"fee": set(), "interest_to": {}}
        for line in lines:
            if line.fee:
                history["fee"].add(line.move_id.id)
            if line.interest_date_to:
                current = history["interest_to"].get(line.move_id.id)
                if not current or line.interest_date_to > current:
                    history["interest_to"][line.move_id.id] = line.interest_date_to
        return history

    @api.model
    def _adv_prepare_late_charges_vals(self, company, partner, month, items):
        """Hook: the customer invoice of one customer's late payments of one
        month: a line per invoice for the indemnity and one for the
        interest."""
        fee_product = company.adv_dunning_fee_product_id
        interest_product = company.adv_dunning_interest_product_id
        lines = []
        for invoice, fee, interest, days in items:
            if fee:
                lines.append(
                    {
                        "product_id": fee_product.id,
                        "name": self.env._(
                            "Fixed recovery indemnity (D441-5), invoice %(invoice)s",
                            invoice=invoice.name,
                        ),
                        "quantity": 1,
                        "price_unit": fee,
                        "tax_ids": [],
                    }
                )
            if interest:
                lines.append(
                    {
                        "product_id": interest_product.id,
                        "name": self.env._(
                            "Late-payment interest (L441-10), invoice %(invoice)s paid "
                            "%(days)s days late",
                            invoice=invoice.name,
                            days=days,
                        ),
                        "quantity": 1,
                        "price_unit": interest,
                        "tax_ids": [],
                    }
                )
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": company.id,
            "currency_id": company.currency_id.id,
            "invoice_origin": self.env._("Late payments %(month)s", month=month.strftime("%m/%Y")),
            "invoice_line_ids": [fields.Command.create(vals) for vals in lines],
        }
