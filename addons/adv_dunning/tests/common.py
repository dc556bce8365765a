# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.adv_orders.tests.common import AdvMenuMixin, create_adv_users


class AdvDunningCommon(AdvMenuMixin, AccountTestInvoicingCommon):
    """A EUR company with a five-level French policy, a business customer,
    an individual customer and ADV users with the least rights."""

    @classmethod
    def setup_independent_company(cls, **kwargs):
        kwargs.setdefault("currency_id", cls.env.ref("base.EUR").id)
        return super().setup_independent_company(**kwargs)

    @classmethod
    def get_default_groups(cls):
        # the fixture builder configures policies like an ADV manager
        return super().get_default_groups() | cls.env.ref("adv_orders.group_adv_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.eur = cls.company.currency_id
        cls.adv_user, cls.adv_manager, cls.salesman = create_adv_users(
            cls.env, suffix="_dunning", company=cls.company
        )
        cls.policy = cls.env["adv.dunning.policy"].create(
            {
                "name": "Test policy",
                "company_id": cls.company.id,
                "min_gap_days": 0,
                "level_ids": [
                    Command.create(
                        {
                            "sequence": 10,
                            "name": "Courteous",
                            "days": 1,
                            "document_type": "courteous",
                            "send_mode": "auto",
                        }
                    ),
                    Command.create(
                        {"sequence": 20, "name": "Firm", "days": 15, "document_type": "firm"}
                    ),
                    Command.create(
                        {
                            "sequence": 30,
                            "name": "Phone",
                            "days": 30,
                            "document_type": "firm",
                            "channel_ids": [Command.set(cls.channels("phone").ids)],
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 40,
                            "name": "Formal notice",
                            "days": 45,
                            "document_type": "formal_notice",
                            "channel_ids": [Command.set(cls.channels("email", "registered").ids)],
                            "charge_fee": True,
                            "charge_interest": True,
                            "block_sales": True,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 50,
                            "name": "Collection",
                            "days": 60,
                            "document_type": "formal_notice",
                            "channel_ids": [Command.set(cls.channels("letter").ids)],
                            "block_sales": True,
                            "open_collection_case": True,
                        }
                    ),
                ],
            }
        )
        cls.company.adv_dunning_policy_id = cls.policy
        cls.company.external_report_layout_id = cls.env.ref("web.external_layout_standard")
        cls.company.write({"adv_dunning_ecb_rate": 2.0, "adv_dunning_rate_points": 10.0})
        # the company rates, not the reference table (tested on its own)
        cls.env["adv.dunning.reference.rate"].search([]).unlink()
        cls.l_courteous, cls.l_firm, cls.l_phone, cls.l_notice, cls.l_collection = (
            cls.policy._get_levels()
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Durand Industries",
                "is_company": True,
                "email": "compta@durand.example.com",
                "street": "12 rue des Lilas",
                "zip": "69003",
                "city": "Lyon",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.individual = cls.env["res.partner"].create(
            {"name": "Jean Martin", "is_company": False, "email": "jean.martin@example.com"}
        )

    @classmethod
    def channels(cls, *codes):
        """The dunning channels of these codes."""
        return cls.env["adv.dunning.channel"].search([("code", "in", codes)])

    @classmethod
    def make_invoice(cls, amount, due, partner=None, currency=None, post=True):
        """A posted customer invoice of ``amount`` (no tax) due on ``due``."""
        return cls.make_invoices([(amount, due)], partner=partner, currency=currency, post=post)

    @classmethod
    def make_invoices(cls, specs, partner=None, currency=None, post=True):
        """Posted customer invoices, one per (amount, due date) of ``specs``."""
        partner = partner or cls.customer
        moves = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "currency_id": (currency or cls.eur).id,
                    "invoice_date": due - timedelta(days=30),
                    "invoice_date_due": due,
                    "invoice_payment_term_id": False,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Goods", "quantity": 1, "price_unit": amount, "tax_ids": []}
                        )
                    ],
                }
                for amount, due in specs
            ]
        )
        if post:
            moves.action_post()
        return moves

    @classmethod
    def pay(cls, invoice, amount=None, payment_date=None):
        vals = {}
        if amount is not None:
            vals["amount"] = amount
        if payment_date:
            vals["payment_date"] = payment_date
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(vals)
            ._create_payments()
        )

    @classmethod
    def set_level(cls, invoices, level):
        """Invoices that reached ``level`` before (taken over from a previous
        system, as a data import does): the level is not written by users."""
        invoices.sudo().write({"adv_dunning_level_id": level.id if level else False})

    def run_dunning(self, run_date, user=None, **vals):
        """A computed run of the company at ``run_date``."""
        Run = self.env["adv.dunning.run"]
        if user:
            Run = Run.with_user(user)
        run = Run.create({"date": run_date, "company_id": self.company.id, **vals})
        run.action_compute()
        return run

    def send(self, letters):
        """Queue the letters and let the outbox send them."""
        letters.filtered(lambda letter: letter.state == "draft")._action_queue()
        letters._adv_send()
        return letters

    def line_of(self, run, invoice):
        return run.letter_ids.line_ids.filtered(lambda line: line.move_id == invoice)
