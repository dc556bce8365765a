# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The dashboard's RPC methods answer bad parameters with a clear error,
never a server error, and store nothing; the drill-down reads only."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import AdvKpiCommon

BAD_PARAMS = [
    ["month"],
    "month",
    {"period_type": ["month"]},
    {"period_type": "week"},
    {"period_type": {"x": 1}},
    {"period_type": 1},
    {"date": 20260310},
    {"date": True},
    {"date": "10/03/2026"},
    {"date": "2026-02-30"},
    {"date": "0001-01-01"},
    {"date": "9999-12-31"},
    {"date": ["2026-03-10"]},
    {"period_type": "custom", "date_from": "2026-03-31", "date_to": "2026-03-01"},
    {"period_type": "custom", "date_from": "2010-01-01", "date_to": "2026-03-01"},
    {"period_type": "custom", "date_from": "2026-03-01"},
    {"period_type": "custom", "date_from": "2026-03-01", "date_to": ["2026-03-31"]},
    {"period_type": "custom", "date_from": "0001-01-01", "date_to": "0002-01-01"},
    {"company_id": "abc"},
    {"company_id": "1"},
    {"company_id": [1]},
    {"company_id": 1.5},
    {"company_id": True},
    {"company_id": -4},
    {"company_id": 10**12},
    {"handler_id": "x"},
    {"handler_id": "2"},
    {"handler_id": {"id": 2}},
    {"handler_id": 999999999},
    {"handler_id": 10**12},
]


@tagged("post_install", "-at_install")
class TestKpiBadInput(AdvKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Value = cls.env["adv.kpi.value"].sudo()
        cls.orders_confirmed = cls.Definition.search([("code", "=", "orders_confirmed")])
        cls.other_company = cls.env["res.company"].create({"name": "KPI Other Company"})

    def assert_nothing_stored(self, before):
        self.assertEqual(self.Value.search_count([]), before, "nothing stored")

    def test_bad_parameters(self):
        for user in (self.manager, self.alice):
            dashboard = self.env["adv.kpi.dashboard"].with_user(user)
            before = self.Value.search_count([])
            for params in BAD_PARAMS:
                if "handler_id" in params and user == self.alice:
                    continue  # a handler filter is refused to non-managers (below)
                for method in (dashboard.get_dashboard, dashboard.action_refresh):
                    with (
                        self.subTest(user=user.login, method=method.__name__, params=params),
                        self.assertRaises(UserError),
                    ):
                        method(params)
            for refresh in ("yes", 1, [True], {"refresh": True}, None):
                with self.subTest(refresh=refresh), self.assertRaises(UserError):
                    dashboard.get_dashboard({"period_type": "month"}, refresh=refresh)
            for definition_id in ("abc", str(self.orders_confirmed.id), None, True, [1], 1.0):
                with self.subTest(definition_id=definition_id), self.assertRaises(UserError):
                    dashboard.action_drill(definition_id, {"period_type": "month"})
            for definition_id in (999999999, 10**12, -1):
                with self.subTest(definition_id=definition_id), self.assertRaises(UserError):
                    dashboard.action_drill(definition_id, {"period_type": "month"})
            with self.assertRaises(UserError):
                dashboard.action_drill(self.orders_confirmed.id, {"date": "9999-12-31"})
            self.assert_nothing_stored(before)

    def test_bad_handler(self):
        """The handler filter takes an ADV user of the company, and only from
        an ADV manager."""
        dashboard = self.env["adv.kpi.dashboard"].with_user(self.manager)
        before = self.Value.search_count([])
        portal = new_test_user(self.env, login="kpi_portal", groups="base.group_portal")
        plain = new_test_user(self.env, login="kpi_plain", groups="base.group_user")
        elsewhere = new_test_user(
            self.env,
            login="kpi_elsewhere",
            groups="base.group_user,adv_orders.group_adv_user",
            company_id=self.other_company.id,
            company_ids=[self.other_company.id],
        )
        for handler in (portal, plain, elsewhere):
            with self.subTest(handler=handler.login), self.assertRaises(UserError):
                dashboard.get_dashboard({"handler_id": handler.id})
        # the id of a partner or a company is no handler either
        for record in (self.customer, self.other_company):
            with self.subTest(record=record), self.assertRaises(UserError):
                dashboard.action_refresh({"handler_id": record.id + 10**6})
        # an ADV user may not filter on a handler at all
        with self.assertRaises(AccessError):
            self.env["adv.kpi.dashboard"].with_user(self.alice).get_dashboard(
                {"handler_id": self.bob.id}
            )
        self.assert_nothing_stored(before)
        # the right handler still works
        data = dashboard.get_dashboard({"handler_id": self.bob.id, "date": "2026-03-10"})
        self.assertEqual(data["handler_id"], self.bob.id)

    def test_refused_users_and_companies(self):
        before = self.Value.search_count([])
        plain = new_test_user(self.env, login="kpi_plain2", groups="base.group_user")
        for method in ("get_dashboard", "action_refresh"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(self.env["adv.kpi.dashboard"].with_user(plain), method)({})
        with self.assertRaises(AccessError):
            self.env["adv.kpi.dashboard"].with_user(plain).action_drill(
                self.orders_confirmed.id, {}
            )
        dashboard = self.env["adv.kpi.dashboard"].with_user(self.manager)
        with self.assertRaises(AccessError):
            dashboard.get_dashboard({"company_id": self.other_company.id})
        self.assert_nothing_stored(before)

    def test_good_parameters(self):
        """The edges of what is accepted."""
        dashboard = self.env["adv.kpi.dashboard"].with_user(self.manager)
        data = dashboard.get_dashboard({"period_type": "month", "date": "2026-03-10"})
        self.assertEqual((data["date_from"], data["date_to"]), ("2026-03-01", "2026-03-31"))
        data = dashboard.get_dashboard(
            {"period_type": "custom", "date_from": "2021-03-01", "date_to": "2026-02-28"}
        )
        self.assertEqual(data["date_from"], "2021-03-01")
        data = dashboard.get_dashboard({"period_type": "year", "date": "2099-06-30"})
        self.assertEqual(data["date_to"], "2099-12-31")
        action = dashboard.action_drill(self.orders_confirmed.id, {"date": "2026-03-10"})
        self.assertEqual(action["res_model"], "sale.order")


@tagged("post_install", "-at_install")
class TestKpiBadInputRpc(HttpCase, AdvKpiCommon):
    def call(self, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/adv.kpi.dashboard/{method}",
            {"model": "adv.kpi.dashboard", "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_rpc_error_is_a_user_error(self):
        Value = self.env["adv.kpi.value"].sudo()
        before = Value.search_count([])
        definition = self.Definition.search([("code", "=", "orders_confirmed")])
        self.authenticate(self.manager.login, self.manager.login)
        calls = [
            ("get_dashboard", [{"period_type": ["month"]}], {}),
            ("get_dashboard", [{"date": "9999-12-31"}], {}),
            ("get_dashboard", [{"period_type": "month"}], {"refresh": "yes"}),
            ("action_refresh", [{"company_id": "1"}], {}),
            ("action_refresh", [{"handler_id": 10**12}], {}),
            ("action_refresh", [["month"]], {}),
            ("action_drill", ["abc", {"period_type": "month"}], {}),
            ("action_drill", [definition.id, {"period_type": "week"}], {}),
        ]
        for method, args, kwargs in calls:
            with (
                self.subTest(method=method, args=args, kwargs=kwargs),
                self.assertRaises(JsonRpcException) as caught,
            ):
                self.call(method, *args, **kwargs)
            self.assertEqual(str(caught.exception), "odoo.exceptions.UserError")
        self.assertEqual(Value.search_count([]), before, "nothing stored")

    def test_drill_is_read_only(self):
        """action_drill and get_dashboard run on a read-only cursor over
        RPC: they write nothing, else Odoo would log a warning and run them
        again read/write. Refresh stores: read/write."""
        dashboard = type(self.env["adv.kpi.dashboard"])
        self.assertTrue(getattr(dashboard.action_drill, "_readonly", False))
        self.assertTrue(getattr(dashboard.get_dashboard, "_readonly", False))
        self.assertFalse(getattr(dashboard.action_refresh, "_readonly", False))
        self.authenticate(self.alice.login, self.alice.login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            data = self.call("get_dashboard", {"date": "2026-03-10"})
        self.assertTrue(data["tiles"])
        definition = self.Definition.search([("code", "=", "orders_confirmed")])
        self.authenticate(self.alice.login, self.alice.login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            action = self.call("action_drill", definition.id, {"date": "2026-03-10"})
        self.assertEqual(action["res_model"], "sale.order")
