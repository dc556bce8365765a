# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A year of ADV activity for the demo database, so that the dashboard shows
trends from its first opening.

Everything is made through the ORM, as the ADV team would have done it, then
dated back: orders received and confirmed, acknowledged (sometimes late),
shipped (sometimes late or in two deliveries), invoiced, paid (sometimes late,
sometimes not yet), a few entry errors, claims and credit notes. The KPIs are
then computed from these records: no figure is written by hand. The
variations come from the order's rank, not from chance: two installs give the
same history.

Not a model: demo databases only run it (the module's post-install hook),
production databases never load it.
"""

from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from odoo.addons.adv_orders.protected import protected


class DemoHistory:
    """``DemoHistory(env).generate_demo()``"""

    def __init__(self, env):
        self.env = env

    def with_company(self, company):
        return DemoHistory(
            self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        )

    def with_context(self, **values):
        return DemoHistory(self.env(context=dict(self.env.context, **values)))

    def generate_demo(self):
        """Called by the demo data: the demo ADV users, customers and products."""
        ref = self.env.ref
        handlers = self.env["res.users"]
        for xmlid in ("adv_orders.demo_user_adv_assistant", "base.user_demo"):
            handlers |= ref(xmlid, raise_if_not_found=False) or handlers
        customers = self.env["res.partner"]
        for xmlid in ("base.res_partner_2", "base.res_partner_3", "base.res_partner_4"):
            customers |= ref(xmlid, raise_if_not_found=False) or customers
        products = self.env["product.product"]
        for xmlid in ("product.product_product_6", "product.product_product_7"):
            products |= ref(xmlid, raise_if_not_found=False) or products
        if not (handlers and customers and products):
            return False
        return self.generate(self.env.company, handlers, customers, products)

    def generate(self, company, handlers, customers, products, months=12, per_month=6):
        """``per_month`` orders (one or two more every other month) in each of
        the last ``months`` months up to today, for ``company``. Returns the
        orders."""
        self = self.with_company(company).with_context(
            tracking_disable=True, mail_notrack=True, mail_create_nolog=True
        )
        today = fields.Date.context_today(self.env.user)
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        for product in products.filtered("is_storable"):
            self.env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 10000.0
            )
        orders = self.env["sale.order"]
        rank = 0
        for back in range(months - 1, -1, -1):
            first = today.replace(day=1) - relativedelta(months=back)
            for index in range(per_month + back % 3):
                day = first + timedelta(days=2 + index * 4)
                if day >= today:
                    break
                orders |= self._demo_order(
                    rank, day, handlers, customers, products, warehouse, today
                )
                rank += 1
        return orders

    def _demo_order(self, rank, day, handlers, customers, products, warehouse, today):
        handler = handlers[rank % len(handlers)]
        received = datetime.combine(day, time(8 + rank % 4, 0))
        lines = [
            Command.create(
                {
                    "product_id": product.id,
                    "product_uom_qty": 2 + (rank + position) % 5,
                    "tax_id": False,
                }
            )
            for position, product in enumerate(products)
        ]
        term = self.env.ref("account.account_payment_term_30days", raise_if_not_found=False)
        order = self.env["sale.order"].create(
            {
                "partner_id": customers[rank % len(customers)].id,
                "payment_term_id": term.id if term else False,
                "adv_user_id": handler.id,
                "adv_intake_channel": ("email", "phone", "edi")[rank % 3],
                "adv_received_date": received,
                "commitment_date": received + timedelta(days=5),
                "warehouse_id": warehouse.id,
                "order_line": lines,
            }
        )
        order = protected(order)
        order.with_context(adv_ack_history=True).action_confirm()
        # Acknowledged 2 to 11 hours after reception, within 8 hours but one
        # order in four; one order in five had an entry error.
        order.write(
            {
                "date_order": received + timedelta(hours=1),
                "adv_confirmed_date": received + timedelta(hours=1),
                "adv_ack_state": "acknowledged",
                "adv_ack_date": received + timedelta(hours=2 + 3 * (rank % 4)),
                "adv_ack_deadline": received + timedelta(hours=8),
                "adv_promised_date": received + timedelta(days=5),
            }
        )
        if rank % 5 == 2:
            self.env["adv.order.error"].create(
                {
                    "order_id": order.id,
                    "error_type": ("quantity", "price", "address")[rank % 3],
                    "description": self.env._("Corrected after a call with the buyer."),
                    "user_id": handler.id,
                }
            )
        # Shipped in 3 to 7 days (late beyond 5); one order in six in two
        # deliveries; the orders of the last days are not shipped yet.
        shipped = received + timedelta(days=3 + rank % 5, hours=6)
        if shipped.date() >= today:
            return order
        partial = rank % 6 == 1
        self._demo_ship(order, shipped, partial)
        if partial and shipped.date() + timedelta(days=9) < today:
            self._demo_ship(order, shipped + timedelta(days=9), False)
        self._demo_invoice(order, shipped.date(), rank, today)
        return order

    def _demo_ship(self, order, when, partial):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))[:1]
        if not picking:
            return
        picking.action_confirm()
        picking.action_assign()
        for move in picking.move_ids:
            quantity = move.product_uom_qty
            if partial and move == picking.move_ids[0]:
                quantity = max(quantity - 2, 1)
            move.quantity = quantity
            move.picked = True
        # no backorder wizard, no SMS to the customer (stock_sms) for history
        picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
        picking.move_ids.filtered(lambda m: m.state == "done").write({"date": when})
        picking.write({"date_done": when})

    def _demo_invoice(self, order, day, rank, today):
        invoices = order._create_invoices()
        invoices.write({"invoice_date": day, "date": day})
        for invoice in invoices.filtered(lambda m: not m.invoice_payment_term_id):
            invoice.invoice_date_due = day + timedelta(days=30)
        invoices.action_post()
        due = max(invoices.mapped("invoice_date_due"))
        # Paid at the due date, 20 days late one in four, not yet one in seven.
        if rank % 7 == 3:
            return
        paid_on = due + timedelta(days=20 if rank % 4 == 1 else 0)
        if paid_on >= today:
            return
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids
        ).create({"payment_date": paid_on})._create_payments()
        if rank % 8 == 5:
            self._demo_claim(order, invoices, day, rank, today)

    def _demo_claim(self, order, invoices, day, rank, today):
        ref = self.env.ref
        received = datetime.combine(day + timedelta(days=2), time(10, 0))
        claim = self.env["adv.claim"].create(
            {
                "partner_id": order.partner_id.id,
                "type_id": ref("adv_claims.adv_claim_type_damaged").id,
                "sale_order_id": order.id,
                "picking_ids": [Command.set(order.picking_ids.filtered("date_done").ids)],
                "invoice_ids": [Command.set(invoices.ids)],
                "user_id": order.adv_user_id.id,
                "date_received": received,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": order.order_line[0].product_id.id,
                            "quantity": 1.0,
                            "reason": self.env._("Damaged in transport"),
                        }
                    )
                ],
            }
        )
        claim.first_response_date = received + timedelta(hours=3 + rank % 30)
        closed = received + timedelta(days=4 + rank % 9)
        if closed.date() >= today:
            return
        claim.write(
            {
                "cause_id": ref("adv_claims.adv_claim_cause_transport_damage").id,
                "root_cause_note": self.env._("Pallets not strapped; strapping added."),
                "stage_id": ref("adv_claims.adv_claim_stage_resolved").id,
            }
        )
        protected(claim).date_closed = closed
        # One unit credited, dated when the claim was resolved.
        credit_note = invoices[0]._reverse_moves(
            [{"invoice_date": closed.date(), "date": closed.date()}]
        )
        credit_note.invoice_line_ids.quantity = 1.0
        credit_note.action_post()
