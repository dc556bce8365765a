# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The dashboard's RPC methods answer bad parameters with a clear error,
never a server error, and store nothing."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import AdvKpiCommon

BAD_PARAMS = [
    ["month"],
    {"period_type": ["month"]},
    {"period_type": "week"},
    {"period_type": {"x": 1}},
    {"date": 20260310},
    {"date": "10/03/2026"},
    {"date": "0001-01-01"},
    {"date": "9999-12-31"},
    {"date": ["2026-03-10"]},
    {"period_type": "custom", "date_from": "2026-03-31", "date_to": "2026-03-01"},
    {"period_type": "custom", "date_from": "2010-01-01", "date_to": "2026-03-01"},
    {"period_type": "custom", "date_from": "2026-03-01"},
    {"company_id": "abc"},
    {"company_id": [1]},
    {"company_id": -4},
    {"handler_id": "x"},
    {"handler_id": 999999999},
]


@tagged("post_install", "-at_install")
class TestKpiBadInput(AdvKpiCommon):
    def test_bad_parameters(self):
        dashboard = self.env["adv.kpi.dashboard"].with_user(self.manager)
        Value = self.env["adv.kpi.value"].sudo()
        before = Value.search_count([])
        for params in BAD_PARAMS:
            with self.subTest(params=params), self.assertRaises(UserError):
                dashboard.get_dashboard(params)
        with self.assertRaises(UserError):
            dashboard.action_refresh({"period_type": "custom", "date_from": "x", "date_to": "y"})
        for definition_id in ("abc", None, [1], 999999999):
            with self.subTest(definition_id=definition_id), self.assertRaises(UserError):
                dashboard.action_drill(definition_id, {"period_type": "month"})
        self.assertEqual(Value.search_count([]), before, "nothing stored")
        # A handler that is no ADV user (a customer's portal user) is refused.
        portal = new_test_user(self.env, login="kpi_portal", groups="base.group_portal")
        with self.assertRaises(UserError):
            dashboard.get_dashboard({"handler_id": portal.id})
        # A company of someone else stays an access error.
        other = self.env["res.company"].create({"name": "Not yours"})
        with self.assertRaises(AccessError):
            dashboard.get_dashboard({"company_id": other.id})
        # The good parameters still work.
        data = dashboard.get_dashboard({"period_type": "month", "date": "2026-03-10"})
        self.assertEqual(data["date_from"], "2026-03-01")


@tagged("post_install", "-at_install")
class TestKpiBadInputRpc(HttpCase, AdvKpiCommon):
    def test_rpc_error_is_a_user_error(self):
        self.authenticate(self.manager.login, self.manager.login)
        for params in ({"period_type": ["month"]}, {"date": "9999-12-31"}):
            with self.subTest(params=params), self.assertRaises(JsonRpcException) as caught:
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw/adv.kpi.dashboard/get_dashboard",
                    {
                        "model": "adv.kpi.dashboard",
                        "method": "get_dashboard",
                        "args": [params],
                        "kwargs": {},
                    },
                )
            self.assertEqual(str(caught.exception), "odoo.exceptions.UserError")
