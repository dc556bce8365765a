# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import AdvKpiCommon


class KpiRecomputeCommon(AdvKpiCommon):
    """Two orders confirmed in March 2026 (Alice, Bob)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_order(cls.alice, "2026-03-02 09:00:00", confirmed="2026-03-02 10:00:00")
        cls.make_order(cls.bob, "2026-03-05 09:00:00", confirmed="2026-03-05 10:00:00")
        cls.cron = cls.env.ref("adv_kpi.ir_cron_adv_kpi_recompute")
        cls.Value = cls.env["adv.kpi.value"]
        cls.orders_confirmed = cls.Definition.search(
            [("code", "=", "orders_confirmed"), ("company_id", "=", False)]
        )

    def stored(self, date_from, date_to, handler=None):
        value = self.Value.search(
            [
                ("definition_id", "=", self.orders_confirmed.id),
                ("company_id", "=", self.company.id),
                ("handler_id", "=", handler.id if handler else False),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
            ]
        )
        return value.value if value else None

    def run_queue(self):
        """What the scheduler does: call again while it reports work left."""
        calls = 0
        while self.env["adv.kpi.recompute"].search([("state", "in", ("queued", "running"))]):
            self.env["adv.kpi.recompute"]._cron_process()
            calls += 1
            self.assertLess(calls, 50)
        return calls


@tagged("post_install", "-at_install")
class TestKpiRecompute(KpiRecomputeCommon):
    def test_year_in_the_background(self):
        job = (
            self.env["adv.kpi.recompute"]
            .with_user(self.manager)
            .create({"date_from": "2026-01-01", "date_to": "2026-12-31"})
        )
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        job.action_queue()
        # Queued: 12 months + 4 quarters + the year; nothing computed yet.
        self.assertEqual((job.state, job.user_id, job.period_count), ("queued", self.manager, 17))
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]),
            triggers + 1,
            "the scheduled action is woken",
        )
        self.assertIsNone(
            self.stored(fields.Date.to_date("2026-03-01"), fields.Date.to_date("2026-03-31"))
        )
        # One call: four periods, the progress on the job.
        self.env["adv.kpi.recompute"]._cron_process()
        self.assertEqual((job.state, job.period_done), ("running", 4))
        self.assertAlmostEqual(job.progress, 400.0 / 17)
        # Until done: 17 / 4 -> 5 calls in all.
        self.assertEqual(self.run_queue(), 4)
        self.assertEqual((job.state, job.period_done, job.progress), ("done", 17, 100.0))
        march = (fields.Date.to_date("2026-03-01"), fields.Date.to_date("2026-03-31"))
        self.assertEqual(self.stored(*march), 2.0)
        self.assertEqual(self.stored(*march, handler=self.alice), 1.0)
        self.assertEqual(
            self.stored(fields.Date.to_date("2026-01-01"), fields.Date.to_date("2026-03-31")), 2.0
        )
        self.assertEqual(
            self.stored(fields.Date.to_date("2026-01-01"), fields.Date.to_date("2026-12-31")), 2.0
        )
        # The manager is told.
        message = job.message_ids.filtered(lambda m: "recomputed" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(self.manager.partner_id, message.partner_ids)

    def test_dashboard_refresh_of_a_year_is_queued(self):
        dashboard = self.env["adv.kpi.dashboard"].with_user(self.alice)
        data = dashboard.action_refresh({"period_type": "year", "date": "2026-03-10"})
        self.assertIn("background", data["queued"]["message"])
        job = self.env["adv.kpi.recompute"].browse(data["queued"]["id"])
        self.assertEqual((job.state, job.user_id), ("queued", self.alice))
        self.assertEqual((str(job.date_from), str(job.date_to)), ("2026-01-01", "2026-12-31"))
        # A second click while it waits: the same job.
        again = dashboard.action_refresh({"period_type": "year", "date": "2026-06-10"})
        self.assertEqual(again["queued"]["id"], job.id)
        self.run_queue()
        self.assertEqual(job.state, "done")
        # A month is still refreshed in the request itself.
        self.assertNotIn("queued", dashboard.action_refresh({"period_type": "month"}))

    def test_rules(self):
        Recompute = self.env["adv.kpi.recompute"]
        with self.assertRaises(ValidationError):
            Recompute.create({"date_from": "2026-12-31", "date_to": "2026-01-01"})
        with self.assertRaises(ValidationError):
            Recompute.create({"date_from": "2020-01-01", "date_to": "2026-12-31"})
        job = Recompute.with_user(self.manager).create(
            {"date_from": "2026-03-01", "date_to": "2026-03-31"}
        )
        # Only the queue writes its state and progress; only managers queue.
        with self.assertRaises(AccessError):
            job.with_user(self.manager).write({"state": "done"})
        with self.assertRaises(AccessError):
            Recompute.with_user(self.manager).create(
                {"date_from": "2026-03-01", "date_to": "2026-03-31", "period_done": 3}
            )
        with self.assertRaises(UserError):
            job.with_user(self.alice).action_queue()
        job.with_user(self.manager).action_queue()
        self.assertEqual(job.period_count, 1, "one month")
        with self.assertRaises(UserError):
            job.with_user(self.manager).action_queue()
        with self.assertRaises(UserError):
            job.with_user(self.manager).date_to = "2026-04-30"
        # A range that is no whole month: computed as one custom period.
        odd = Recompute.with_user(self.manager).create(
            {"date_from": "2026-03-10", "date_to": "2026-03-20"}
        )
        self.assertEqual(odd._periods(), [("custom", odd.date_from, odd.date_to)])

    def test_failure_is_recorded(self):
        job = (
            self.env["adv.kpi.recompute"]
            .with_user(self.manager)
            .create({"date_from": "2026-03-01", "date_to": "2026-03-31"})
        )
        job.action_queue()
        # The job's user lost the ADV rights meanwhile: it fails, says why.
        self.manager.groups_id -= self.env.ref("adv_orders.group_adv_manager")
        self.manager.groups_id -= self.env.ref("adv_orders.group_adv_user")
        self.env["adv.kpi.recompute"]._cron_process()
        job = job.sudo()
        self.assertEqual(job.state, "failed")
        self.assertIn("no longer in the ADV team", job.error)


@tagged("post_install", "-at_install")
class TestKpiRecomputeRpc(HttpCase, KpiRecomputeCommon):
    def test_web_call_returns_at_once_then_the_job_completes(self):
        self.authenticate(self.manager.login, self.manager.login)
        data = self.make_jsonrpc_request(
            "/web/dataset/call_kw/adv.kpi.dashboard/action_refresh",
            {
                "model": "adv.kpi.dashboard",
                "method": "action_refresh",
                "args": [{"period_type": "year", "date": "2026-03-10"}],
                "kwargs": {},
            },
        )
        job = self.env["adv.kpi.recompute"].browse(data["queued"]["id"])
        self.assertEqual(
            (job.state, job.period_done), ("queued", 0), "nothing computed in the call"
        )
        self.run_queue()
        self.assertEqual(job.state, "done")
        self.assertEqual(
            self.stored(fields.Date.to_date("2026-03-01"), fields.Date.to_date("2026-03-31")), 2.0
        )
