# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The test command's own logic: the install log check and the report counts."""

import importlib.util
import re
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


ODOO_TEST_LOG = [
    f"{PREFIX} INFO db odoo.modules.loading: loading sale/views/sale_views.xml",
    f"{PREFIX} INFO db odoo.addons.sale.tests.test_a: Starting TestA.test_ok ...",
    f"{PREFIX} INFO db odoo.addons.sale.tests.test_a: " + "=" * 70,
    f"{PREFIX} ERROR db odoo.addons.sale.tests.test_a: FAIL: TestA.test_known",
    "Traceback (most recent call last):",
    "AssertionError: 1 != 2",
    f"{PREFIX} ERROR db odoo.addons.sale_stock.tests.test_b: ERROR: TestB.test_new",
    "TypeError: '<' not supported between instances of 'NewId' and 'NewId'",
    f"{PREFIX} ERROR db odoo.addons.sale_stock.tests.test_b: FAIL: Subtest TestB.test_sub (n=1)",
    f"{PREFIX} ERROR db odoo.addons.sale_stock.tests.test_b: FAIL: Subtest TestB.test_sub (n=2)",
    f"{PREFIX} ERROR db unittest.suite: ERROR: setUpClass "
    "(odoo.addons.stock_account.tests.test_c.TestC)",
    f"{PREFIX} ERROR db odoo.addons.sale.tests.test_d.TestD.test_tour.browser: "
    "FAILED: [5/16] Tour x → Step y",
    f"{PREFIX} INFO db odoo.addons.sale.tests.test_e: skipped TestE.test_x : no sale_management",
    f"{PREFIX} ERROR db odoo.tests.result: 3 failed, 2 error(s) of 40 tests when loading "
    "database 'db'",
]


def test_odoo_test_results_reads_failures_summary_and_skips():
    failed, summary, skipped = adv.odoo_test_results(ODOO_TEST_LOG)
    assert failed == [
        "/sale:TestA.test_known",
        "/sale_stock:TestB.test_new",
        "/sale_stock:TestB.test_sub",
        "/stock_account:TestC.setUpClass",
    ]
    assert summary == (3, 2, 40)
    assert skipped == 1


def test_compare_odoo_tests_fails_only_on_new_failures():
    failed, summary, skipped = adv.odoo_test_results(ODOO_TEST_LOG)
    known = {"/sale:TestA.test_known", "/sale:TestZ.test_fixed_since"}
    passed, bad, skip, unexpected, expected = adv.compare_odoo_tests(
        failed, summary, skipped, known
    )
    assert unexpected == [
        "/sale_stock:TestB.test_new",
        "/sale_stock:TestB.test_sub",
        "/stock_account:TestC.setUpClass",
    ]
    assert expected == ["/sale:TestA.test_known"]
    assert (passed, bad, skip) == (40 - 4 - 1, 3, 2)
    # Everything known: the step passes.
    assert adv.compare_odoo_tests(failed, summary, skipped, set(failed))[1] == 0


def test_compare_odoo_tests_without_summary_is_a_failure():
    lines = [f"{PREFIX} CRITICAL db odoo.service.server: Failed to initialize database `db`."]
    failed, summary, skipped = adv.odoo_test_results(lines)
    assert (failed, summary) == ([], None)
    assert adv.compare_odoo_tests(failed, summary, skipped, set())[:3] == (0, 1, 0)
    # A clean run.
    ok = [f"{PREFIX} INFO db odoo.tests.result: 0 failed, 0 error(s) of 12 tests when loading "
          "database 'db'"]  # fmt: skip
    assert adv.compare_odoo_tests(*adv.odoo_test_results(ok), set())[:3] == (12, 0, 0)


def test_known_failures_file(tmp_path):
    listing = tmp_path / "known.txt"
    listing.write_text("# why\n/sale:TestA.test_x  # flaky tour\n\n/sale_stock:TestB.test_y\n")
    assert adv.read_known_failures(listing) == {"/sale:TestA.test_x", "/sale_stock:TestB.test_y"}
    assert adv.read_known_failures(tmp_path / "missing.txt") == set()
    # The repository's list: test ids in --test-tags form, each with its reason.
    for line in adv.KNOWN_FAILURES.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            test_id, _sep, why = line.partition("#")
            assert re.fullmatch(r"/\w+:\w+\.\w+", test_id.strip()), line
            assert why.strip(), f"{line}: say why it fails on plain Odoo"
