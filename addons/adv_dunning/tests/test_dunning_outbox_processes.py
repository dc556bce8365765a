# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The outbox on a multi-server deployment: two Odoo processes (two servers,
or two cron workers) send the queue of one database at the same time, and
each reminder leaves once. The queue is committed in cursors of its own, as
the processes need to see it, and removed afterwards."""

import subprocess
import sys
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import config

from .committed_queue import committed_queue
from .smtp_sink import SmtpSink, free_port

LETTERS = 8
# One process: call the outbox as the scheduler does, a batch at a time,
# committing each, until it finds nothing to take; print what it sent (a
# letter another process sent or holds is tried but left to_send here).
SCRIPT = """
sent = []
while True:
    letters = env["adv.dunning.letter"]._cron_send(batch_size=2)
    sent += letters.filtered(lambda letter: letter.state == "sent").ids
    env.cr.commit()
    if not letters:
        break
print("SENT", ",".join(map(str, sent)))
"""


def odoo_shell_command(dbname):
    """``odoo shell`` on ``dbname`` with the connection of this test run."""
    cmd = [sys.executable, "-m", "odoo", "shell", "-d", dbname, "--no-http"]
    cmd += [f"--addons-path={config['addons_path']}", "--log-level=warn"]
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if config.get(key):
            cmd.append(f"--{key}={config[key]}")
    if config.get("data_dir"):
        cmd.append(f"--data-dir={config['data_dir']}")
    return cmd


@tagged("post_install", "-at_install")
class TestOutboxTwoProcesses(TransactionCase):
    def setUp(self):
        super().setUp()
        self.port = free_port()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.mail_server"].search([]).write({"sequence": 100})
            company = env.ref("base.main_company")
            company.email = company.email or "adv@company.example.com"
            server = env["ir.mail_server"].create(
                {
                    "name": "Two processes sink",
                    "smtp_host": "127.0.0.1",
                    "smtp_port": self.port,
                    "smtp_encryption": "none",
                    "sequence": 0,
                }
            )
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._remove_server, server.id)
        emails = [f"outbox{i}@example.com" for i in range(LETTERS)]
        queue = committed_queue(self.env.registry, emails, date.today(), "Outbox")
        self.ids = queue.__enter__()
        self.addCleanup(queue.__exit__, None, None, None)

    def _remove_server(self, server_id):
        with self.env.registry.cursor() as cr:
            cr.execute("DELETE FROM ir_mail_server WHERE id = %s", [server_id])
            cr.execute("UPDATE ir_mail_server SET sequence = 10 WHERE sequence = 100")
            cr.commit()  # pylint: disable=invalid-commit

    def test_two_processes_send_each_reminder_once(self):
        sink = SmtpSink(self.port, delay=0.3)  # slow enough for both to be busy at once
        sink.start()
        self.addCleanup(sink.stop)
        command = odoo_shell_command(self.env.cr.dbname)
        processes = [
            subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _i in range(2)
        ]
        outputs = [process.communicate(SCRIPT, timeout=300) for process in processes]
        sent = []
        for process, (out, err) in zip(processes, outputs, strict=True):
            self.assertEqual(process.returncode, 0, err[-3000:])
            line = next(row for row in out.splitlines() if row.startswith("SENT"))
            sent.append([int(i) for i in line.split(" ", 1)[1].split(",") if i])
        # Each letter was sent by exactly one process...
        self.assertEqual(sorted(sent[0] + sent[1]), sorted(self.ids["letters"]), outputs)
        # ... and each customer received exactly one e-mail.
        received = sink.per_recipient()
        for i in range(LETTERS):
            self.assertEqual(received[f"outbox{i}@example.com"], 1, received)
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            letters = env["adv.dunning.letter"].browse(self.ids["letters"])
            self.assertEqual(set(letters.mapped("state")), {"sent"})
