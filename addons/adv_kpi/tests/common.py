# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import Form, new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.adv_orders.protected import protected
from odoo.addons.adv_orders.tests.common import AdvMenuMixin

MARCH = (fields.Date.to_date("2026-03-01"), fields.Date.to_date("2026-03-31"))


class AdvKpiCommon(AdvMenuMixin, AccountTestInvoicingCommon):
    """A company in UTC with two ADV handlers, a manager, stocked products
    without taxes, a customer without payment terms, and helpers to build
    orders, deliveries and invoices at given dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # The fixtures are built by an accountant who is also ADV manager.
        cls.env.user.groups_id += cls.env.ref("adv_orders.group_adv_manager")
        cls.company.partner_id.tz = "UTC"
        # No acknowledgement is sent in these tests: the acknowledgement facts
        # are written by hand where a KPI measures them.
        cls.env["adv.ack.rule"].search([]).action_archive()
        groups = "base.group_user,adv_orders.group_adv_user"
        cls.alice = new_test_user(cls.env, login="kpi_alice", groups=groups, name="Alice")
        cls.bob = new_test_user(cls.env, login="kpi_bob", groups=groups, name="Bob")
        cls.manager = new_test_user(
            cls.env,
            login="kpi_manager",
            groups="base.group_user,adv_orders.group_adv_manager",
            name="ADV Manager",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Martin SA"})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.widget, cls.gadget = cls.env["product.product"].create(
            [
                {
                    "name": name,
                    "is_storable": True,
                    "list_price": price,
                    "invoice_policy": "order",
                    "taxes_id": [Command.clear()],
                }
                for name, price in (("KPI Widget", 12.0), ("KPI Gadget", 30.0))
            ]
        )
        for product in (cls.widget, cls.gadget):
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.warehouse.lot_stock_id, 1000.0
            )
        cls.engine = cls.env["adv.kpi.engine"]
        cls.Definition = cls.env["adv.kpi.definition"]

    # ------------------------------------------------------------------
    # Builders
    # ------------------------------------------------------------------
    @classmethod
    def make_order(cls, handler, received, lines=None, confirmed=None, commitment=None, **vals):
        """An order received at ``received`` (UTC), confirmed at ``confirmed``."""
        lines = lines or [(cls.widget, 10.0)]
        with freeze_time(received):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": cls.customer.id,
                    "adv_user_id": handler.id,
                    "adv_received_date": received,
                    "commitment_date": commitment,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty, "tax_id": False}
                        )
                        for product, qty in lines
                    ],
                    **vals,
                }
            )
        if confirmed:
            with freeze_time(confirmed):
                order.action_confirm()
        return order

    @classmethod
    def acknowledge(cls, order, ack_date, deadline):
        """The facts the acknowledgement flow of adv_orders records."""
        protected(order).write(
            {
                "adv_ack_state": "acknowledged",
                "adv_ack_date": ack_date,
                "adv_ack_deadline": deadline,
            }
        )

    @classmethod
    def deliver(cls, order, when, quantities=None):
        """Ship ``quantities`` ({product: qty}, all of the open delivery when
        omitted) at ``when``, keeping a backorder for the rest."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        with freeze_time(when):
            picking.action_assign()
            for move in picking.move_ids:
                qty = (quantities or {}).get(move.product_id, move.product_uom_qty)
                move.move_line_ids.unlink()
                if qty:
                    cls.env["stock.move.line"].create(
                        {
                            "move_id": move.id,
                            "product_id": move.product_id.id,
                            "product_uom_id": move.product_uom.id,
                            "quantity": qty,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                            "picking_id": picking.id,
                        }
                    )
                move.picked = True
            result = picking.button_validate()
            if (
                isinstance(result, dict)
                and result.get("res_model") == "stock.backorder.confirmation"
            ):
                Form(
                    cls.env["stock.backorder.confirmation"].with_context(**result["context"])
                ).save().process()
        return picking

    @classmethod
    def make_invoice(
        cls, move_type, day, amount, handler, due=None, currency=None, company=None, post=True
    ):
        """A customer invoice or credit note of one untaxed line of ``amount``."""
        company = company or cls.company
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": cls.customer.id,
                    "invoice_date": day,
                    "date": day,
                    "invoice_date_due": due or day,
                    "invoice_payment_term_id": False,
                    "currency_id": (currency or company.currency_id).id,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "KPI line", "quantity": 1, "price_unit": amount, "tax_ids": []}
                        )
                    ],
                }
            )
        )
        move.adv_user_id = handler
        if post:
            move.action_post()
        return move

    @classmethod
    def pay(cls, invoice, amount, day):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount, "payment_date": day})._create_payments()

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    def kpi(self, code, period=MARCH, handler=None, company=None):
        """{"value", "numerator", "denominator"} of the KPI ``code``."""
        company = company or self.company
        definition = self.Definition._for_company(company).filtered(lambda d: d.code == code)
        self.assertEqual(len(definition), 1, code)
        return self.engine._compute(definition, company, *period, handler)[definition.id]

    def value(self, code, **kwargs):
        return self.kpi(code, **kwargs)["value"]


class AdvKpiDataCommon(AdvKpiCommon):
    """March 2026 of an ADV team, every figure of which the tests work out by hand.

    Orders (one line of 10 widgets unless said; Alice = A, Bob = B):
      O1 A  received 03-02 09:00, confirmed 03-02 10:00, promised 03-10,
            shipped in full 03-09 (on time, in full); acknowledged 03-02 12:00,
            deadline 03-02 17:00 (in SLA, 3 h).
      O2 A  received 03-05 08:00, confirmed 03-05 09:00, promised 03-06,
            shipped in full 03-12 (late); acknowledged 03-06 08:00, deadline
            03-05 16:00 (late, 24 h); one entry error.
      O3 B  received 03-10 10:00, confirmed 03-10 11:00, promised 03-20,
            10 widgets + 2 gadgets; the widgets shipped 03-15 (on time), the
            2 gadgets (60.00) remain; acknowledged 03-10 12:00, deadline
            03-10 18:00 (in SLA, 2 h); two entry errors.
      O4 B  received 02-27 (February), confirmed 03-01 10:00, 5 widgets
            (60.00) not shipped; one entry error.
      O5 A  received 03-20, still a quotation.
      O6 B  received 03-25, cancelled.
      O7 A  received and confirmed 04-02 (April), not shipped.
    Invoices (untaxed, company currency USD unless said):
      I1 A  03-03  1000.00 due 04-02        I2 B  03-15   500.00 due 03-15
      I3 A  03-20   300.00 draft            I4 A  02-10  2000.00 due 02-10,
                                                 400.00 paid on 03-05
      I5 A  2025-12-01 700.00 due same day  I6 B  01-15   250.00 due same day
      R1 A  credit note 03-18 100.00        R2 B  credit note 03-25 200.00 EUR
                                                 at 2 EUR per USD = 100.00 USD
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency("EUR", rates=[("2026-01-01", 2.0)])
        alice, bob = cls.alice, cls.bob
        cls.o1 = cls.make_order(
            alice, "2026-03-02 09:00:00", confirmed="2026-03-02 10:00:00",
            commitment="2026-03-10 12:00:00",
        )  # fmt: skip
        cls.o2 = cls.make_order(
            alice, "2026-03-05 08:00:00", confirmed="2026-03-05 09:00:00",
            commitment="2026-03-06 12:00:00",
        )  # fmt: skip
        cls.o3 = cls.make_order(
            bob, "2026-03-10 10:00:00", lines=[(cls.widget, 10.0), (cls.gadget, 2.0)],
            confirmed="2026-03-10 11:00:00", commitment="2026-03-20 12:00:00",
        )  # fmt: skip
        cls.o4 = cls.make_order(
            bob, "2026-02-27 10:00:00", lines=[(cls.widget, 5.0)],
            confirmed="2026-03-01 10:00:00", commitment="2026-03-30 12:00:00",
        )  # fmt: skip
        cls.o5 = cls.make_order(alice, "2026-03-20 10:00:00")
        cls.o6 = cls.make_order(bob, "2026-03-25 10:00:00")
        cls.o6.action_cancel()
        cls.o7 = cls.make_order(
            alice, "2026-04-02 09:00:00", confirmed="2026-04-02 10:00:00",
            commitment="2026-04-20 12:00:00",
        )  # fmt: skip
        cls.deliver(cls.o1, "2026-03-09 15:00:00")
        cls.deliver(cls.o2, "2026-03-12 15:00:00")
        cls.deliver(cls.o3, "2026-03-15 15:00:00", {cls.widget: 10.0, cls.gadget: 0.0})
        cls.acknowledge(cls.o1, "2026-03-02 12:00:00", "2026-03-02 17:00:00")
        cls.acknowledge(cls.o2, "2026-03-06 08:00:00", "2026-03-05 16:00:00")
        cls.acknowledge(cls.o3, "2026-03-10 12:00:00", "2026-03-10 18:00:00")
        cls.env["adv.order.error"].create(
            [
                {"order_id": cls.o2.id, "error_type": "price", "description": "Wrong price"},
                {"order_id": cls.o3.id, "error_type": "quantity", "description": "Qty"},
                {"order_id": cls.o3.id, "error_type": "address", "description": "Address"},
                {"order_id": cls.o4.id, "error_type": "product", "description": "Product"},
            ]
        )
        cls.i1 = cls.make_invoice("out_invoice", "2026-03-03", 1000.0, alice, due="2026-04-02")
        cls.i2 = cls.make_invoice("out_invoice", "2026-03-15", 500.0, bob)
        cls.i3 = cls.make_invoice("out_invoice", "2026-03-20", 300.0, alice, post=False)
        cls.i4 = cls.make_invoice("out_invoice", "2026-02-10", 2000.0, alice)
        cls.i5 = cls.make_invoice("out_invoice", "2025-12-01", 700.0, alice)
        cls.i6 = cls.make_invoice("out_invoice", "2026-01-15", 250.0, bob)
        cls.r1 = cls.make_invoice("out_refund", "2026-03-18", 100.0, alice)
        cls.r2 = cls.make_invoice("out_refund", "2026-03-25", 200.0, bob, currency=cls.eur)
        cls.pay(cls.i4, 400.0, "2026-03-05")
