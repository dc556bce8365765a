# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
from datetime import date, timedelta

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.adv_orders.protected import protected

from .committed_queue import committed_queue
from .common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningConcurrency(AdvDunningCommon):
    def test_unique_invoice_level(self):
        """The database refuses a second live reminder of an invoice at one level."""
        invoice = self.make_invoice(100.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=2)).letter_ids
        line = letter.line_ids
        other = protected(letter).copy({"run_id": letter.run_id.id})
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                protected(line).copy({"letter_id": other.id})
                self.env.flush_all()
        letter.action_cancel()  # returns the wizard; cancel for real:
        letter._adv_cancel("test")
        # once cancelled, the invoice may be reminded at that level again
        again = self.run_dunning(DUE + timedelta(days=2))
        self.assertEqual(again.letter_ids.line_ids.move_id, invoice)

    def test_two_senders_one_sends(self):
        """Two transactions send the outbox at once: the rows taken by one
        (FOR UPDATE SKIP LOCKED) are skipped by the other, so each letter
        is e-mailed once. The data is committed in its own cursor, as the
        senders need to see it, and removed afterwards."""
        registry = self.env.registry
        emails = [f"c{i}@example.com" for i in range(3)]
        barrier = threading.Barrier(2, timeout=30)
        results = {}

        def sender(name):
            try:
                with registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    cr.execute("SELECT 1")  # take the snapshot
                    barrier.wait()
                    sent = env["adv.dunning.letter"]._cron_send(batch_size=10)
                    results[name] = len(sent)
                    cr.commit()  # pylint: disable=invalid-commit
            except psycopg2.errors.SerializationFailure:
                results[name] = 0  # Odoo replays it; the replay finds nothing to send

        with committed_queue(registry, emails, DUE, "Concurrency") as ids:
            threads = [threading.Thread(target=sender, args=(n,)) for n in ("a", "b")]
            with mute_logger("odoo.sql_db", "odoo.addons.adv_dunning.models.adv_dunning_letter"):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(60)
            self.assertEqual(sorted(results.values()), [0, 3], "one sender takes all letters")
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT COUNT(*) FROM mail_message WHERE model = 'adv.dunning.letter' "
                    "AND res_id = ANY(%s) AND message_type = 'comment'",
                    [ids["letters"]],
                )
                self.assertEqual(cr.fetchone()[0], 3, "each letter e-mailed once")
                cr.execute(
                    "SELECT state, COUNT(*) FROM adv_dunning_letter WHERE id = ANY(%s) "
                    "GROUP BY state",
                    [ids["letters"]],
                )
                self.assertEqual(dict(cr.fetchall()), {"sent": 3})
