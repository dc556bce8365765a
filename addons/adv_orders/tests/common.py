# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import time

from odoo import Command
from odoo.tests import Form, new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import safe_eval

from odoo.addons.sale.tests.common import SaleCommon


def count_queries(env, func, *args, **kwargs):
    """``(result, queries, seconds)`` of ``func(*args, **kwargs)``: pending
    writes are flushed before (they are not counted) and after (they are), and
    the cache is emptied first, so that what ``func`` reads is counted."""
    env.flush_all()
    env.invalidate_all()
    before, started = env.cr.sql_log_count, time.perf_counter()
    result = func(*args, **kwargs)
    env.flush_all()
    return result, env.cr.sql_log_count - before, time.perf_counter() - started


class AdvMenuMixin:
    """What the web client shows a user: menus and window actions."""

    @classmethod
    def create_menu_users(cls, prefix):
        """``adv_user``, an ADV assistant, and ``plain_user``, an employee
        without ADV rights, to compare what each sees."""
        cls.adv_user = new_test_user(
            cls.env, login=f"{prefix}_user", groups="base.group_user,adv_orders.group_adv_user"
        )
        cls.plain_user = new_test_user(cls.env, login=f"{prefix}_plain", groups="base.group_user")

    def assert_models_readable(self, module, user):
        """Every model ``module`` defines (abstract ones aside) has access
        rights that let ``user`` read it: an installed module whose access
        file forgot a model fails here."""
        models = (
            self.env["ir.model"]
            .search([])
            .filtered(
                lambda m: (
                    module in m.modules.split(", ")
                    and m.model in self.env
                    and not self.env[m.model]._abstract
                    and not self.env[m.model]._transient
                )
            )
        )
        self.assertTrue(models, f"{module} defines no model")
        for model in models:
            self.assertTrue(
                self.env[model.model].with_user(user).has_access("read"),
                f"{user.login} cannot read {model.model}",
            )

    def visible_menus(self, user):
        """The menus the web client shows to ``user`` (reachable from an app root)."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return self.env["ir.ui.menu"].browse(key for key in menus if key != "root")

    def action_records(self, xmlid, user, eval_context=None):
        """The records that the window action ``xmlid`` lists for ``user``."""
        action = self.env.ref(xmlid)
        domain = safe_eval(action.domain or "[]", eval_context or {})
        return self.env[action.res_model].with_user(user).search(domain)


def create_adv_users(env, suffix="", company=None):
    """An ADV assistant, an ADV manager and a salesman without ADV rights;
    with ``company``, they work in that company only."""
    extra = {}
    if company:
        extra = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
    return tuple(
        new_test_user(
            env,
            login=f"adv_test_{role}{suffix}",
            groups=f"base.group_user,{group}",
            name=name,
            email=f"{role}{suffix}@example.com",
            **extra,
        )
        for role, group, name in (
            ("user", "adv_orders.group_adv_user", "ADV Assistant"),
            ("manager", "adv_orders.group_adv_manager", "ADV Manager"),
            ("salesman", "sales_team.group_sale_salesman", "Salesman without ADV rights"),
        )
    )


class AdvCommon(AdvMenuMixin, TransactionCase):
    """Users with the least rights for each ADV role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.adv_user, cls.adv_manager, cls.salesman = create_adv_users(cls.env)


class AdvAckCommon(AdvMenuMixin, SaleCommon):
    """A customer ready to be acknowledged, and a rule with the default checks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.adv_user, cls.adv_manager, cls.salesman = create_adv_users(cls.env)
        cls.payment_term = cls.env.ref("account.account_payment_term_30days")
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Durand Industries",
                "email": "achats@durand.example.com",
                "street": "12 rue des Lilas",
                "zip": "69003",
                "city": "Lyon",
                "country_id": cls.env.ref("base.fr").id,
                "property_payment_term_id": cls.payment_term.id,
            }
        )
        cls.rule = cls.env["adv.ack.rule"].create(
            {
                "name": "Standard",
                "sequence": 10,
                "sla_hours": 8,
                "send_mode": "auto",
            }
        )
        # Only our rules apply in these tests.
        cls.env["adv.ack.rule"].search([("id", "!=", cls.rule.id)]).action_archive()

    @classmethod
    def create_order(cls, lines=None, **values):
        """A quotation for the customer; ``lines`` are (product, qty, extra vals)."""
        if lines is None:
            lines = [(cls.product, 5.0, {})]
        vals = {
            "partner_id": cls.customer.id,
            "client_order_ref": "PO-4711",
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": qty, **extra})
                for product, qty, extra in lines
            ],
        }
        vals.update(values)
        return cls.env["sale.order"].create(vals)

    def issues(self, order, rule=None):
        """The messages of the failed checks of ``order`` under ``rule``."""
        rule = rule or self.rule
        return [vals["message"].replace("\xa0", " ") for vals in rule._run_checks(order)]


class AdvDeliveryCommon(AdvAckCommon):
    """Stocked products, a warehouse, and helpers to deliver orders step by step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No acknowledgement e-mails and PDFs in these tests: no rule applies.
        cls.rule.action_archive()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_dozen = cls.env.ref("uom.product_uom_dozen")
        cls.widget, cls.gadget, cls.gizmo = cls.env["product.product"].create(
            [
                {
                    "name": name,
                    "default_code": code,
                    "is_storable": True,
                    "list_price": price,
                    "invoice_policy": "order",
                }
                for name, code, price in (
                    ("Widget", "WID", 12.0),
                    ("Gadget", "GAD", 30.0),
                    ("Gizmo", "GIZ", 5.0),
                )
            ]
        )
        for product in (cls.widget, cls.gadget, cls.gizmo):
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.warehouse.lot_stock_id, 1000.0
            )

    @classmethod
    def confirmed_order(cls, lines, **values):
        order = cls.create_order(lines=lines, **values)
        order.action_confirm()
        return order

    def open_delivery(self, order):
        return order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))

    def deliver(self, picking, quantities, backorder=True, uom=None):
        """Ship ``quantities`` ({product: qty}, in ``uom`` or the move's unit)
        and validate like a user; answer the backorder question when asked."""
        picking.action_assign()
        for move in picking.move_ids:
            qty = quantities.get(move.product_id, 0.0)
            move.move_line_ids.unlink()
            if qty:
                self.env["stock.move.line"].create(
                    {
                        "move_id": move.id,
                        "product_id": move.product_id.id,
                        "product_uom_id": (uom or move.product_uom).id,
                        "quantity": qty,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                        "picking_id": picking.id,
                    }
                )
            move.picked = True
        result = picking.button_validate()
        if isinstance(result, dict) and result.get("res_model") == "stock.backorder.confirmation":
            wizard = Form(
                self.env["stock.backorder.confirmation"].with_context(**result["context"])
            ).save()
            if backorder:
                wizard.process()
            else:
                wizard.process_cancel_backorder()
        self.assertEqual(picking.state, "done")
        return result
