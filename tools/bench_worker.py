# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Odoo side of ./adv bench (tools/bench.py): one phase per subprocess,
with an Odoo registry of the bench database. Each phase writes its samples
{operation: [{seconds, queries, peak_mb, ...}]} as JSON. Operations that
change data are rolled back after each timing."""

import importlib.util
import json
import resource
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 5000


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Phase:
    def __init__(self, env, spec):
        self.env, self.spec = env, spec
        self.size, self.repeat = spec["size"], spec["repeat"]
        self.samples, self.info = {}, {}
        self.today = date.today()

    def save(self):
        Path(self.spec["out"]).write_text(
            json.dumps({"samples": self.samples, "info": self.info}, default=str)
        )

    @property
    def cr(self):
        return self.env.cr

    def timed(self, key, func, rollback=True, repeat=None):
        """Time ``func`` ``repeat`` times with its queries; ``func`` may
        return extra figures (a dict), and its own ``seconds`` and ``queries``
        when only part of it is the operation. Rolled back after each timing."""
        result = None
        for _i in range(repeat or self.repeat):
            self.env.flush_all()
            self.env.invalidate_all()
            before, started = self.cr.sql_log_count, time.perf_counter()
            result = func()
            self.env.flush_all()
            sample = {
                "seconds": time.perf_counter() - started,
                "queries": self.cr.sql_log_count - before,
            }
            if isinstance(result, dict):
                sample.update(result)
            sample["peak_mb"] = peak_mb()
            self.samples.setdefault(key, []).append(sample)
            self.save()  # kept should the phase be stopped before its end
            if rollback:
                self.cr.rollback()
                self.env.invalidate_all()
        return result

    # helpers -------------------------------------------------------------
    def columns(self, table):
        self.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
            [table],
        )
        return [row[0] for row in self.cr.fetchall()]

    def clone(self, table, proto_where, proto_params, overrides, data_cols, data, types):
        """INSERT one copy of the prototype rows per data row: the columns in
        ``overrides`` get the SQL expression given (over ``d.<data_cols>``),
        the others the prototype's value."""
        from odoo.tools import SQL

        cols = [c for c in self.columns(table) if c not in overrides and c != "id"]
        targets = [*overrides, *cols]
        unnest = SQL(", ").join(
            SQL("%s::" + t + "[]", list(col)) for col, t in zip(data, types, strict=True)
        )
        query = SQL(
            "INSERT INTO %s (%s) SELECT %s, %s FROM %s p, unnest(%s) AS d(%s) WHERE " + proto_where,
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(c) for c in targets),
            SQL(", ").join(SQL(expr) for expr in overrides.values()),
            SQL(", ").join(SQL("p.%s", SQL.identifier(c)) for c in cols),
            SQL.identifier(table),
            unnest,
            SQL(", ").join(SQL.identifier(c) for c in data_cols),
            *proto_params,
        )
        self.cr.execute(query)

    def next_ids(self, table, count):
        self.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)", [f"{table}_id_seq", count]
        )
        return [row[0] for row in self.cr.fetchall()]

    def admin(self):
        return self.env.ref("base.user_admin")


# ----------------------------------------------------------------------
# generate
# ----------------------------------------------------------------------
class Generate(Phase):
    def run(self):
        started = time.perf_counter()
        env = self.env(context={"tracking_disable": True, "mail_create_nolog": True,
                                "mail_notrack": True, "mail_create_nosubscribe": True})  # fmt: skip
        self.env = env
        company = env.company
        admin = self.admin()
        admin.write({"groups_id": [(4, env.ref("adv_orders.group_adv_manager").id)]})
        if not admin.email:
            admin.email = "admin@example.com"
        self.product = env["product.product"].create(
            {"name": "Bench widget", "type": "consu", "list_price": 10.0, "taxes_id": False}
        )
        customers = []
        for start in range(0, self.size["customers"], 1000):
            count = min(1000, self.size["customers"] - start)
            customers += env["res.partner"].create(
                [
                    {"name": f"Bench customer {start + i}", "is_company": True,
                     "email": f"c{start + i}@example.com"}
                    for i in range(count)
                ]
            ).ids  # fmt: skip
        self.customers = customers
        invoices = self.make_invoices()
        self.make_orders(self.size["orders"], self.size["lines_per_order"], "BSO")
        ack_orders = self.make_orders(self.size["ack_orders"], 20, "BACK", ack=True)
        claims = self.make_claims(invoices)
        # an acknowledgement rule every bench order matches, checked and queued for review
        env["adv.ack.rule"].create(
            {"name": "Bench rule", "send_mode": "manual", "company_id": company.id}
        )
        self.cr.execute("ANALYZE")
        self.info = {
            "customers": len(customers),
            "invoices": len(invoices),
            "orders": self.size["orders"],
            "order_lines": self.size["orders"] * self.size["lines_per_order"],
            "ack_orders": len(ack_orders),
            "claims": len(claims),
            "seconds": round(time.perf_counter() - started, 1),
        }
        self.cr.commit()

    def make_invoices(self):
        """One invoice posted through the ORM, cloned by SQL: overdue from 5 to
        240 days, on the customers in turn."""
        env = self.env
        n = self.size["invoices"]
        proto = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customers[0],
                "invoice_date": self.today - timedelta(days=35),
                "invoice_date_due": self.today - timedelta(days=5),
                "invoice_line_ids": [
                    (0, 0, {"product_id": self.product.id, "quantity": 10, "price_unit": 12.5,
                            "tax_ids": [(6, 0, [])]}),
                ],
            }
        )  # fmt: skip
        proto.action_post()
        env.flush_all()
        ids = [proto.id]
        for start in range(1, n, BATCH):
            count = min(BATCH, n - start)
            move_ids = self.next_ids("account_move", count)
            idx = range(start, start + count)
            partners = [self.customers[i % len(self.customers)] for i in idx]
            dues = [self.today - timedelta(days=5 + (i * 7919) % 236) for i in idx]
            inv_dates = [d - timedelta(days=30) for d in dues]
            names = [f"BINV/{d.year}/{i:07d}" for i, d in zip(idx, inv_dates, strict=True)]
            seqs = list(idx)
            data = [move_ids, partners, dues, inv_dates, names, seqs]
            types = ["int", "int", "date", "date", "varchar", "int"]
            data_cols = ["mid", "partner", "due", "invdate", "mname", "seq"]
            self.clone(
                "account_move", "p.id = %s", [proto.id],
                {"id": "d.mid", "partner_id": "d.partner", "commercial_partner_id": "d.partner",
                 "invoice_date_due": "d.due", "invoice_date": "d.invdate", "date": "d.invdate",
                 "name": "d.mname", "payment_reference": "d.mname",
                 "sequence_prefix": "'BINV/' || extract(year FROM d.invdate) || '/'",
                 "sequence_number": "d.seq", "invoice_partner_display_name": "NULL",
                 "access_token": "NULL"},
                data_cols, data, types,
            )  # fmt: skip
            self.clone(
                "account_move_line", "p.move_id = %s", [proto.id],
                {"move_id": "d.mid", "partner_id": "d.partner", "date": "d.invdate",
                 "invoice_date": "d.invdate", "move_name": "d.mname",
                 "date_maturity": "CASE WHEN p.date_maturity IS NULL THEN NULL ELSE d.due END"},
                data_cols, data, types,
            )  # fmt: skip
            ids += move_ids
        self.cr.execute(
            "UPDATE account_move m SET invoice_partner_display_name = p.name "
            "FROM res_partner p WHERE p.id = m.partner_id AND m.id = ANY(%s)",
            [ids],
        )
        env.invalidate_all()
        return ids

    def make_orders(self, count, lines, prefix, ack=False):
        """One order confirmed through the ORM, cloned by SQL; 10 % of the
        clones keep an open remainder (half of each line delivered), the
        others are delivered. Orders to acknowledge are left undelivered,
        their acknowledgement not started."""
        if not count:
            return []
        env = self.env
        proto = env["sale.order"].create(
            {
                "partner_id": self.customers[0],
                "client_order_ref": "BENCH",
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 4,
                            "price_unit": 10.0})
                    for _i in range(lines)
                ],
            }
        )  # fmt: skip
        proto.with_context(adv_ack_history=True).action_confirm()
        proto.name = f"{prefix}{0:07d}"
        env.flush_all()
        ids = [proto.id]
        for start in range(1, count, BATCH):
            n = min(BATCH, count - start)
            order_ids = self.next_ids("sale_order", n)
            idx = range(start, start + n)
            partners = [self.customers[i % len(self.customers)] for i in idx]
            names = [f"{prefix}{i:07d}" for i in idx]
            days = [i % 365 for i in idx]
            delivered = [4.0 if ack else (2.0 if i % 10 == 0 else 4.0) for i in idx]
            data = [order_ids, partners, names, days, delivered]
            types = ["int", "int", "varchar", "int", "float8"]
            data_cols = ["oid", "partner", "oname", "age", "delivered"]
            self.clone(
                "sale_order", "p.id = %s", [proto.id],
                {"id": "d.oid", "partner_id": "d.partner", "partner_invoice_id": "d.partner",
                 "partner_shipping_id": "d.partner", "name": "d.oname", "access_token": "NULL",
                 "date_order": "p.date_order - d.age * interval '1 day'"},
                data_cols, data, types,
            )  # fmt: skip
            if ack:
                over = {"qty_delivered": "0", "adv_qty_backorder": "p.product_uom_qty",
                        "adv_backorder_value": "p.product_uom_qty * p.price_unit"}  # fmt: skip
            else:
                over = {"qty_delivered": "d.delivered",
                        "adv_qty_backorder": "p.product_uom_qty - d.delivered",
                        "adv_backorder_value": "(p.product_uom_qty - d.delivered) * p.price_unit",
                        "adv_expected_date": "NULL"}  # fmt: skip
            self.clone(
                "sale_order_line", "p.order_id = %s", [proto.id],
                {"order_id": "d.oid", "order_partner_id": "d.partner", **over},
                data_cols, data, types,
            )  # fmt: skip
            ids += order_ids
        if ack:
            self.cr.execute(
                "UPDATE sale_order SET adv_ack_state = NULL, adv_ack_rule_id = NULL "
                "WHERE id = ANY(%s)",
                [ids],
            )
        env.invalidate_all()
        return ids

    def make_claims(self, invoices):
        env = self.env
        count = self.size["claims"]
        claim_type = env["adv.claim.type"].search([], limit=1)
        cause = env["adv.claim.cause"].search([], limit=1)
        moves = env["account.move"].browse(invoices)
        partner_of = dict(zip(invoices, moves.mapped("partner_id").ids, strict=False))
        ids = []
        for start in range(0, count, 500):
            vals = []
            for i in range(start, min(start + 500, count)):
                move_id = invoices[(i * 13) % len(invoices)]
                move = env["account.move"].browse(move_id)
                vals.append(
                    {
                        "partner_id": partner_of.get(move_id) or move.partner_id.id,
                        "type_id": claim_type.id,
                        "cause_id": cause.id,
                        "invoice_ids": [(6, 0, [move_id])],
                        "line_ids": [(0, 0, {"product_id": self.product.id, "quantity": 1.0})],
                    }
                )
            ids += env["adv.claim"].create(vals).ids
            env.flush_all()
            env.invalidate_all()
        return ids


# ----------------------------------------------------------------------
# dunning: run, re-run, outbox
# ----------------------------------------------------------------------
class Dunning(Phase):
    def counts(self):
        self.cr.execute(
            "SELECT (SELECT count(*) FROM adv_dunning_letter),"
            " (SELECT count(*) FROM adv_dunning_letter_line)"
        )
        return self.cr.fetchone()

    def new_run(self):
        return self.env["adv.dunning.run"].create(
            {"date": self.today, "company_id": self.env.company.id}
        )

    def compute(self):
        before = self.counts()
        run = self.new_run()
        run.action_compute()
        self.env.flush_all()
        after = self.counts()
        return {
            "rows": after[1] - before[1],
            "rows_written": (after[0] - before[0]) + (after[1] - before[1]),
            "letters": after[0] - before[0],
        }

    def run(self):
        first = self.timed("dunning_run", self.compute)
        self.info["dunning_letters"] = first["letters"]
        self.info["dunning_lines"] = first["rows"]
        self.compute()  # the first run of the day, committed
        self.cr.commit()
        self.timed("dunning_rerun", self.compute)
        self.send()

    def send(self):
        from odoo.addons.adv_orders.protected import protected

        spec = importlib.util.spec_from_file_location(
            "adv_bench_smtp_sink", ROOT / "addons" / "adv_dunning" / "tests" / "smtp_sink.py"
        )
        sink_module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sink_module)
        port = sink_module.free_port()
        sink = sink_module.SmtpSink(port)
        sink.start()
        env = self.env
        env["ir.mail_server"].search([]).action_archive()
        env["ir.mail_server"].create(
            {"name": "Bench sink", "smtp_host": "127.0.0.1", "smtp_port": port,
             "smtp_encryption": "none"}
        )  # fmt: skip
        self.cr.commit()
        Letter = env["adv.dunning.letter"]

        def send():
            letters = Letter.search(
                [("state", "=", "draft"), ("level_id.channel_ids.code", "=", "email"),
                 "!", ("level_id.channel_ids.printed", "=", True)],
                limit=self.size["send"], order="id",
            )  # fmt: skip
            protected(letters).write({"state": "to_send"})
            env.flush_all()
            received = len(sink.messages)
            before, started = self.cr.sql_log_count, time.perf_counter()
            while Letter._cron_send(batch_size=50):
                pass
            env.flush_all()
            sent = Letter.search_count([("id", "in", letters.ids), ("state", "=", "sent")])
            return {
                "count": sent,
                "queued": len(letters),
                "smtp": len(sink.messages) - received,
                "seconds": time.perf_counter() - started,
                "queries": self.cr.sql_log_count - before,
            }

        try:
            self.timed("dunning_send", send)
        finally:
            sink.stop()


# ----------------------------------------------------------------------
# SQL floor
# ----------------------------------------------------------------------
FLOOR_FIND = """
    SELECT m.commercial_partner_id, lvl.id, count(*), sum(l.amount_residual)
      FROM account_move m
      JOIN account_move_line l ON l.move_id = m.id AND l.display_type = 'payment_term'
                               AND NOT l.reconciled
      JOIN LATERAL (
            SELECT v.id FROM adv_dunning_level v
             WHERE v.policy_id = %(policy)s AND v.days <= %(today)s - m.invoice_date_due
          ORDER BY v.days LIMIT 1) lvl ON TRUE
     WHERE m.company_id = %(company)s AND m.move_type = 'out_invoice' AND m.state = 'posted'
       AND m.payment_state IN ('not_paid', 'partial') AND m.invoice_date_due < %(today)s
  GROUP BY m.commercial_partner_id, lvl.id
"""
FLOOR_WRITE = """
    INSERT INTO adv_bench_floor (move_id, partner_id, level_id, amount)
    SELECT m.id, m.commercial_partner_id, lvl.id, l.amount_residual
      FROM account_move m
      JOIN account_move_line l ON l.move_id = m.id AND l.display_type = 'payment_term'
                               AND NOT l.reconciled
      JOIN LATERAL (
            SELECT v.id FROM adv_dunning_level v
             WHERE v.policy_id = %(policy)s AND v.days <= %(today)s - m.invoice_date_due
          ORDER BY v.days LIMIT 1) lvl ON TRUE
     WHERE m.company_id = %(company)s AND m.move_type = 'out_invoice' AND m.state = 'posted'
       AND m.payment_state IN ('not_paid', 'partial') AND m.invoice_date_due < %(today)s
"""


class Floor(Phase):
    def run(self):
        from odoo.tools import SQL

        params = {
            "policy": self.env.company.adv_dunning_policy_id.id,
            "today": self.today,
            "company": self.env.company.id,
        }

        def find():
            self.cr.execute(SQL(FLOOR_FIND, **params))
            return {"rows": len(self.cr.fetchall())}

        def write():
            self.cr.execute(
                "CREATE TEMP TABLE IF NOT EXISTS adv_bench_floor "
                "(move_id int, partner_id int, level_id int, amount numeric)"
            )
            before = self.cr.sql_log_count
            started = time.perf_counter()
            self.cr.execute(SQL(FLOOR_WRITE, **params))
            return {
                "rows_written": self.cr.rowcount,
                "seconds": time.perf_counter() - started,
                "queries": self.cr.sql_log_count - before,
            }

        self.timed("floor_find", find)
        self.timed("floor_write", write)


# ----------------------------------------------------------------------
# orders: acknowledgements and the backorder book
# ----------------------------------------------------------------------
class Orders(Phase):
    def run(self):
        Order = self.env["sale.order"]
        orders = Order.search([("name", "=like", "BACK%")], order="id")
        self.info["ack_orders"] = len(orders)

        def ack():
            orders.with_env(self.env)._adv_ack_start()
            self.env.flush_all()
            done = Order.search_count([("id", "in", orders.ids), ("adv_ack_state", "!=", False)])
            return {"count": done}

        self.timed("ack", ack)
        Book = self.env["adv.backorder.line"].with_user(self.admin())
        spec = {"order_id": {"fields": {"display_name": {}}}, "partner_id": {"fields": {}},
                "product_id": {"fields": {}}, "qty_ordered": {}, "qty_delivered": {},
                "qty_backorder": {}, "value": {}, "date_order": {}, "age_days": {},
                "is_late": {}}  # fmt: skip

        def page():
            res = Book.web_search_read([], spec, limit=80)
            return {"count": res["length"]}

        def groups():
            res = Book.web_read_group(
                [], ["qty_backorder:sum", "value_company:sum"], ["commercial_partner_id"], limit=80
            )
            return {"count": res["length"]}

        self.timed("book_page", page)
        self.timed("book_groups", groups)


# ----------------------------------------------------------------------
# KPI dashboard
# ----------------------------------------------------------------------
class Kpi(Phase):
    def run(self):
        Dashboard = self.env["adv.kpi.dashboard"].with_user(self.admin())
        for period in ("month", "year"):
            params = {"period_type": period, "date": str(self.today)}

            def live(params=params):
                self.cr.execute("DELETE FROM adv_kpi_value")
                Dashboard.with_env(Dashboard.env).invalidate_model()
                before, started = self.cr.sql_log_count, time.perf_counter()
                data = Dashboard.get_dashboard(params)
                self.env.flush_all()
                return {
                    "count": len(data["tiles"]),
                    "seconds": time.perf_counter() - started,
                    "queries": self.cr.sql_log_count - before,
                }

            def stored(params=params):
                data = Dashboard.get_dashboard(params)
                return {"count": len(data["tiles"])}

            self.timed(f"kpi_{period}_live", live)
            Dashboard.get_dashboard(params)  # the values of the period, stored
            self.cr.commit()
            self.timed(f"kpi_{period}_stored", stored)


# ----------------------------------------------------------------------
# claims
# ----------------------------------------------------------------------
class Claims(Phase):
    def run(self):
        claims = self.env["adv.claim"].search([], order="id", limit=self.size["credit_notes"])
        Wizard = self.env["adv.claim.credit.note"]

        def credit():
            moves = self.env["account.move"]
            for claim in claims.with_env(self.env):
                wizard = Wizard.create(
                    {"claim_id": claim.id, "mode": "amount", "amount": 10.0,
                     "reason": "Bench partial credit"}
                )  # fmt: skip
                wizard.action_confirm()
                moves |= wizard.move_id
            return {"count": len(moves)}

        self.timed("claims_credit", credit)


# ----------------------------------------------------------------------
# the peer: OCA account_credit_control on a copy of the database
# ----------------------------------------------------------------------
class Peer(Phase):
    def setup(self):
        """The peer's policy mirrors ours: a level per level of our default
        policy, the same delays after the due date, e-mailed."""
        env = self.env
        company = env.company
        ours = company.adv_dunning_policy_id._get_levels()
        policy = env["credit.control.policy"].create(
            {
                "name": "Mirror of the ADV policy",
                "account_ids": [(6, 0, env["account.account"].search(
                    [("account_type", "=", "asset_receivable")]).ids)],
            }
        )  # fmt: skip
        template = env.ref("account_credit_control.email_template_credit_control_base")
        env["credit.control.policy.level"].create(
            [
                {"policy_id": policy.id, "name": level.name, "level": index + 1,
                 "computation_mode": "net_days", "delay_days": level.days, "channel": "email",
                 "email_template_id": template.id, "custom_text": level.name,
                 "custom_mail_text": level.name}
                for index, level in enumerate(ours)
            ]
        )  # fmt: skip
        company.credit_policy_id = policy
        env["res.partner"].search([("customer_rank", ">", 0)]).write({"credit_policy_id": False})
        self.cr.commit()
        self.info["peer_levels"] = [level.days for level in ours]
        return policy

    def run(self):
        policy = self.setup()
        Run = self.env["credit.control.run"]
        Line = self.env["credit.control.line"]

        def generate():
            before = Line.search_count([])
            run = Run.create({"date": self.today, "policy_ids": [(6, 0, policy.ids)]})
            run.generate_credit_lines()
            self.env.flush_all()
            return {"rows": Line.search_count([]) - before,
                    "rows_written": Line.search_count([]) - before}  # fmt: skip

        first = self.timed("peer_run", generate)
        self.info["peer_lines"] = first["rows"]
        generate()
        self.cr.commit()
        self.timed("peer_rerun", generate)


PHASE_CLASSES = {
    "generate": Generate,
    "dunning": Dunning,
    "floor": Floor,
    "orders": Orders,
    "kpi": Kpi,
    "claims": Claims,
    "peer": Peer,
}


def main(phase, spec_path):
    spec = json.loads(Path(spec_path).read_text())
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(spec["odoo_args"])
    registry = Registry(spec["db"])
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        worker = PHASE_CLASSES[phase](env, spec)
        worker.run()
        cr.rollback()
        worker.save()
