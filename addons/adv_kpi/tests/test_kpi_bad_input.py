# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The dashboard's RPC methods answer bad parameters with a clear error,
never a server error, and store nothing; simultaneous refreshes of one
period all end without a database error."""

import threading

from odoo import api
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

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


@tagged("post_install", "-at_install")
class TestKpiConcurrentRefresh(AdvKpiCommon):
    def test_two_refreshes_at_once(self):
        """Two transactions refresh the same month at the same moment: both
        get their figures, neither fails, and one row per KPI is stored."""
        registry = self.env.registry
        barrier = threading.Barrier(2, timeout=30)
        results, errors = {}, []
        # A user the other transactions see: the administrator, ADV manager.
        user_id = self.env.ref("base.user_admin").id
        params = {"period_type": "month", "date": "2026-03-10"}

        def refresh(name):
            try:
                with registry.cursor() as cr:
                    env = api.Environment(cr, user_id, {})
                    cr.execute("SELECT 1")  # take the snapshot
                    barrier.wait()
                    data = env["adv.kpi.dashboard"].action_refresh(params)
                    results[name] = {tile["code"]: tile["value"] for tile in data["tiles"]}
                    cr.commit()  # pylint: disable=invalid-commit
            except Exception as error:  # noqa: BLE001 - the test reports any error
                errors.append(repr(error))

        try:
            threads = [threading.Thread(target=refresh, args=(n,)) for n in "ab"]
            with mute_logger("odoo.sql_db", "odoo.addons.adv_kpi.models.adv_kpi_value"):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(120)
            self.assertEqual(errors, [])
            self.assertEqual(results["a"], results["b"])
            with registry.cursor() as cr:
                cr.execute(
                    """SELECT definition_id, COUNT(*) FROM adv_kpi_value
                        WHERE date_from = '2026-03-01' AND date_to = '2026-03-31'
                          AND handler_id IS NULL GROUP BY definition_id HAVING COUNT(*) > 1"""
                )
                self.assertEqual(cr.fetchall(), [], "one stored row per KPI and period")
        finally:
            with registry.cursor() as cr:
                cr.execute(
                    "DELETE FROM adv_kpi_value WHERE date_to <= '2026-03-31' AND write_uid = %s",
                    [user_id],
                )
                cr.commit()  # pylint: disable=invalid-commit
