# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import ValidationError

from odoo.addons.adv_orders.protected import is_allowed


class AdvDunningInvoiceChecks(models.AbstractModel):
    """What a record about a customer's overdue invoices (a payment promise,
    a collection case) holds true: at least one invoice, all of that customer
    and company, and a date that is not already past when a user sets it."""

    _name = "adv.dunning.invoice.checks"
    _description = "Checks of Records about Overdue Invoices"

    # Set by the models that use the checks.
    _adv_invoice_field = "move_ids"
    _adv_date_field = "date"

    def _adv_check_invoices(self):
        for record in self:
            invoices = record[self._adv_invoice_field]
            if not invoices:
                raise ValidationError(
                    self.env._("%(record)s needs at least one invoice.", record=record.display_name)
                )
            customer = record.partner_id.commercial_partner_id
            for invoice in invoices:
                if invoice.commercial_partner_id != customer or (
                    invoice.company_id != record.company_id
                ):
                    raise ValidationError(
                        self.env._(
                            "Invoice %(invoice)s is not an invoice of %(partner)s in %(company)s.",
                            invoice=invoice.display_name,
                            partner=customer.display_name,
                            company=record.company_id.name,
                        )
                    )

    def _adv_check_date_vals(self, vals_list):
        """A user cannot set the date in the past (server code may: a case
        opened by a run of an earlier day)."""
        if is_allowed(self.env):
            return
        today = fields.Date.context_today(self)
        for vals in vals_list:
            value = vals.get(self._adv_date_field)
            if value and fields.Date.to_date(value) < today:
                raise ValidationError(
                    self.env._(
                        "%(field)s cannot be in the past (%(date)s).",
                        field=self._fields[self._adv_date_field]._description_string(self.env),
                        date=value,
                    )
                )
