# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The test command's own logic: the install log check and the report counts."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("adv_cli", ROOT / "tools" / "adv.py")
adv = importlib.util.module_from_spec(spec)
spec.loader.exec_module(adv)

OURS = ["adv_orders", "adv_dunning", "adv_claims", "adv_kpi"]
PREFIX = "2026-11-22 10:00:00,123 4242"


def test_checklog_flags_our_warnings_and_any_error():
    lines = [
        f"{PREFIX} INFO db odoo.modules.loading: loading adv_orders/views/x.xml",
        f"{PREFIX} WARNING db odoo.addons.base.models.ir_actions_report: wkhtmltopdf missing",
        f"{PREFIX} WARNING db odoo.addons.adv_orders.models.sale_order: deprecated call",
        f"{PREFIX} WARNING db odoo.modules.loading: The model adv.ack.rule has no access rules",
        f"{PREFIX} WARNING db odoo.fields: Field adv_claims.foo: unknown parameter 'tracking'",
        f"{PREFIX} ERROR db odoo.sql_db: bad query",
        "Traceback (most recent call last):",
    ]
    problems = adv.checklog(lines, OURS)
    assert problems == [lines[2], lines[3], lines[4], lines[5]]


def test_checklog_clean_log():
    lines = [
        f"{PREFIX} INFO db odoo.modules.loading: Modules loaded.",
        f"{PREFIX} WARNING db odoo.addons.base.models.res_lang: fr_FR missing",
    ]
    assert adv.checklog(lines, OURS) == []


def test_junit_counts(tmp_path):
    report = tmp_path / "r.xml"
    report.write_text(
        """<testsuites><testsuite>
        <testcase classname="odoo.addons.adv_orders.tests.test_a.TestA" name="t1"/>
        <testcase classname="odoo.addons.adv_orders.tests.test_a.TestA" name="t2">
            <failure message="boom"/></testcase>
        <testcase classname="odoo.addons.adv_kpi.tests.test_b.TestB" name="t3">
            <skipped message="no chrome"/></testcase>
        <testcase classname="odoo.addons.adv_kpi.tests.test_b.TestB" name="t4">
            <error message="setup"/></testcase>
        </testsuite></testsuites>"""
    )
    assert adv.junit_counts(report) == {"all": [1, 2, 1]}
    assert adv.junit_counts(report, by_addon=True) == {
        "adv_orders": [1, 1, 0],
        "adv_kpi": [0, 1, 1],
    }
    assert adv.junit_counts(tmp_path / "missing.xml") == {}
