# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Simultaneous computations of one dashboard period: one transaction
computes and stores, the others wait for it and read what it stored; none
fails, nothing is stored twice.

The transactions need to see each other's commits: each runs in its own
registry cursor on the database's main company (not the test's uncommitted
data), and what they commit is removed afterwards."""

import threading
import time
from datetime import date
from unittest.mock import patch

from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.adv_kpi.models import adv_kpi_value

MARCH = ("month", date(2026, 3, 1), date(2026, 3, 31))
MARKER = 4242.0  # a value no computation gives: stored by hand by the holder


@tagged("post_install", "-at_install")
class TestKpiConcurrency(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = cls.env.registry
        # A user the other transactions see: the administrator, ADV manager.
        cls.user_id = cls.env.ref("base.user_admin").id
        cls.company_id = cls.env.ref("base.main_company").id

    def setUp(self):
        super().setUp()
        self.clean()
        self.addCleanup(self.clean)

    def clean(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """DELETE FROM adv_kpi_value WHERE company_id = %s AND date_from >= '2025-01-01'
                      AND date_to <= '2026-03-31' AND write_uid = %s""",
                [self.company_id, self.user_id],
            )
            cr.commit()  # pylint: disable=invalid-commit

    def env_of(self, cr):
        return api.Environment(cr, self.user_id, {})

    def march_values(self, cr):
        cr.execute(
            """SELECT definition_id, COUNT(*), MIN(value), BOOL_OR(has_value)
                 FROM adv_kpi_value WHERE company_id = %s AND handler_id IS NULL
                  AND date_from = %s AND date_to = %s GROUP BY definition_id""",
            [self.company_id, MARCH[1], MARCH[2]],
        )
        return {row[0]: row[1:] for row in cr.fetchall()}

    def run_threads(self, target, names, timeout=120):
        errors = []

        def run(name):
            try:
                target(name)
            except Exception as error:  # noqa: BLE001 - the test reports any error
                errors.append(repr(error))

        threads = [threading.Thread(target=run, args=(name,)) for name in names]
        for thread in threads:
            thread.start()
        return threads, errors

    def test_two_refreshes_at_once(self):
        """Two transactions refresh the same month at the same moment: both
        get the same figures, neither fails, one row per KPI and period is
        stored, holding these figures."""
        barrier = threading.Barrier(2, timeout=30)
        results = {}
        params = {"period_type": "month", "date": "2026-03-10"}

        def refresh(name):
            with self.registry.cursor() as cr:
                env = self.env_of(cr)
                cr.execute("SELECT 1")  # take the snapshot
                barrier.wait()
                data = env["adv.kpi.dashboard"].action_refresh(params)
                results[name] = {tile["id"]: tile["value"] for tile in data["tiles"]}
                cr.commit()  # pylint: disable=invalid-commit

        with mute_logger("odoo.sql_db"):
            threads, errors = self.run_threads(refresh, "ab")
            for thread in threads:
                thread.join(120)
        self.assertEqual(errors, [])
        self.assertEqual(results["a"], results["b"])
        with self.registry.cursor() as cr:
            stored = self.march_values(cr)
            self.assertEqual(set(stored), set(results["a"]), "every KPI of the month stored")
            for definition_id, (count, value, has_value) in stored.items():
                self.assertEqual(count, 1, "one stored row per KPI and period")
                self.assertEqual(value if has_value else None, results["a"][definition_id])
            cr.execute(
                """SELECT COUNT(*), COUNT(DISTINCT (definition_id, date_from))
                     FROM adv_kpi_value WHERE company_id = %s AND handler_id IS NULL
                      AND period_type = 'month' AND date_from >= '2025-04-01'
                      AND date_to <= '2026-03-31'""",
                [self.company_id],
            )
            count, distinct = cr.fetchone()
            self.assertEqual(count, distinct, "no period stored twice")
            self.assertEqual(count, 12 * len(stored), "the twelve months of the sparkline")

    def test_waiter_reads_what_the_holder_stored(self):
        """A transaction that finds the month being computed waits for the
        computing one to end, then shows what it stored (not visible in its
        own snapshot) instead of computing it again."""
        results, blocked = {}, threading.Event()
        with self.registry.cursor() as holder_cr:
            holder = self.env_of(holder_cr)["adv.kpi.value"]
            definitions = holder.env["adv.kpi.definition"]._for_company(holder.env.company)
            key = holder._lock_key(self.company_id, 0, MARCH[1], MARCH[2])
            self.assertEqual(holder._lock({key}), ({key}, set()))

            def waiter(name):
                with self.registry.cursor() as cr:
                    env = self.env_of(cr)
                    cr.execute("SELECT 1")  # its snapshot: before the holder commits
                    blocked.set()
                    computed = env["adv.kpi.value"]._compute_and_store(
                        env["adv.kpi.definition"]._for_company(env.company), env.company, [MARCH]
                    )
                    results[name] = {k[0]: v["value"] for k, v in computed.items()}
                    cr.commit()  # pylint: disable=invalid-commit

            threads, errors = self.run_threads(waiter, ["w"])
            blocked.wait(30)
            self.wait_for_advisory_waiters(1)
            holder._store(
                [
                    {
                        "definition_id": definition.id,
                        "company_id": self.company_id,
                        "handler_id": None,
                        "period_type": MARCH[0],
                        "date_from": MARCH[1],
                        "date_to": MARCH[2],
                        "value": MARKER,
                        "numerator": MARKER,
                        "denominator": 1.0,
                    }
                    for definition in definitions
                ]
            )
            holder_cr.commit()  # pylint: disable=invalid-commit
        threads[0].join(60)
        self.assertEqual(errors, [])
        self.assertEqual(results["w"], dict.fromkeys(definitions.ids, MARKER))
        with self.registry.cursor() as cr:
            self.assertEqual(self.march_values(cr), {d: (1, MARKER, True) for d in definitions.ids})

    def test_holder_too_long(self):
        """A holder that does not end in time (a long nightly computation):
        the waiter computes the figures itself, shows them, stores nothing."""
        results = {}
        with self.registry.cursor() as holder_cr:
            holder = self.env_of(holder_cr)["adv.kpi.value"]
            key = holder._lock_key(self.company_id, 0, MARCH[1], MARCH[2])
            holder._lock({key})

            def waiter(name):
                with self.registry.cursor() as cr:
                    env = self.env_of(cr)
                    computed = env["adv.kpi.value"]._compute_and_store(
                        env["adv.kpi.definition"]._for_company(env.company), env.company, [MARCH]
                    )
                    results[name] = computed
                    cr.commit()  # pylint: disable=invalid-commit

            with patch.object(adv_kpi_value, "LOCK_WAIT", 1), mute_logger("odoo.sql_db"):
                started = time.monotonic()
                threads, errors = self.run_threads(waiter, ["w"])
                threads[0].join(60)
            self.assertLess(time.monotonic() - started, 30)
            holder_cr.rollback()
        self.assertEqual(errors, [])
        self.assertTrue(results["w"], "the figures are shown")
        with self.registry.cursor() as cr:
            self.assertEqual(self.march_values(cr), {}, "nothing stored without the lock")

    def wait_for_advisory_waiters(self, count):
        """Until ``count`` transactions wait for an advisory lock."""
        for _attempt in range(300):
            with self.registry.cursor() as cr:
                cr.execute(
                    """SELECT COUNT(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                        WHERE l.locktype = 'advisory' AND NOT l.granted
                          AND d.datname = current_database()"""
                )
                if cr.fetchone()[0] >= count:
                    return
            time.sleep(0.1)
        self.fail("the waiter never waited for the lock")
