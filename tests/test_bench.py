# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The pure parts of ./adv bench (tools/bench.py): no Odoo, no database."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import bench  # noqa: E402


def figures(median, queries=10, low=None, high=None):
    return {
        "median": median,
        "min": low if low is not None else median,
        "max": high if high is not None else median,
        "queries": queries,
        "peak_mb": 100.0,
        "runs": 3,
    }


def report(ops, label="5000/30000", skipped=None):
    return {"sizes": [{"label": label, "operations": ops}], "skipped": skipped or {}}


def test_median_range():
    assert bench.median_range([3.0, 1.0, 2.0]) == (2.0, 1.0, 3.0)
    assert bench.median_range([4.0, 1.0, 2.0, 3.0]) == (2.5, 1.0, 4.0)
    assert bench.median_range([5.0]) == (5.0, 5.0, 5.0)
    assert bench.median_range([]) is None
    assert bench.median_range([None, 2.0]) == (2.0, 2.0, 2.0)


def test_ratio():
    assert bench.ratio(10.0, 2.0) == 5.0
    assert bench.ratio(None, 2.0) is None
    assert bench.ratio(1.0, 0) is None
    assert bench.ratio(1.0, None) is None


def test_summarise_takes_median_time_and_queries_and_peak():
    samples = [
        {"seconds": 3.0, "queries": 12, "peak_mb": 150.0, "rows_written": 7},
        {"seconds": 1.0, "queries": 10, "peak_mb": 160.0, "rows_written": 0},
        {"seconds": 2.0, "queries": 11, "peak_mb": 155.0, "rows_written": 0},
    ]
    out = bench.summarise(samples)
    assert (out["median"], out["min"], out["max"]) == (2.0, 1.0, 3.0)
    assert out["queries"] == 11
    assert out["peak_mb"] == 160.0
    assert out["runs"] == 3
    assert out["rows_written"] == 0  # the last run's
    assert bench.summarise([]) is None


def test_table_has_every_operation_with_ratios():
    ops = {key: figures(1.0) for key, _label, _peer in bench.OPERATIONS}
    ops["dunning_run"] = figures(2.0, queries=93, low=1.5, high=2.5)
    ops["peer_run"] = figures(4.0)
    ops["floor_find"] = figures(0.1)
    ops["floor_write"] = figures(0.1)
    table = bench.format_table(report(ops))
    lines = table.strip().splitlines()
    assert lines[0].startswith("| Operation | Size | Median | Min-max | Queries")
    assert len(lines) == 2 + len(bench.OPERATIONS)
    run = next(line for line in lines if line.startswith("| Dunning run: compute"))
    cells = [cell.strip() for cell in run.strip("|").split("|")]
    assert cells[1:] == ["5000/30000", "2.00 s", "1.50 s - 2.50 s", "93", "100", "0.5x", "10.0x"]


def test_table_says_why_a_figure_is_missing():
    ops = {"dunning_run": figures(0.5)}
    table = bench.format_table(report(ops, skipped={"peer_run": "not measured (--no-peer)"}))
    assert "| OCA account_credit_control: run | 5000/30000 | not measured (--no-peer) |" in table
    assert "| Claims turned into partial credit notes | 5000/30000 | not measured |" in table
    run = next(line for line in table.splitlines() if line.startswith("| Dunning run: compute"))
    assert run.endswith("| - | - |")  # no peer nor floor to compare with
    one_size = report(ops)
    one_size["sizes"][0]["skipped"] = {"peer_rerun": "peer failed (see logs)"}
    assert "| 5000/30000 | peer failed (see logs) |" in bench.format_table(one_size)


def test_seconds_formatting():
    assert bench.fmt_seconds(0.0034) == "3.4 ms"
    assert bench.fmt_seconds(0.25) == "250 ms"
    assert bench.fmt_seconds(17.456) == "17.46 s"
    assert bench.fmt_seconds(None) == "-"
    assert bench.fmt_ratio(612.4) == "612x"
    assert bench.fmt_ratio(0.0062) == "0.0062x"
    assert bench.fmt_ratio(0.7) == "0.7x"
    assert bench.fmt_ratio(12.34) == "12.3x"
    assert bench.fmt_ratio(None) == "-"


def test_missing_figures_and_peer():
    ops = {key: figures(1.0) for key, _label, needs_peer in bench.OPERATIONS if not needs_peer}
    assert bench.missing(report(ops), peer=False) == []
    assert bench.missing(report(ops), peer=True) == [
        ("5000/30000", "peer_run"),
        ("5000/30000", "peer_rerun"),
    ]
    stopped = report(ops)
    stopped["sizes"][0]["skipped"] = {"peer_rerun": "stopped after 60s (--peer-timeout)"}
    assert bench.missing(stopped, peer=True) == [("5000/30000", "peer_run")]
    del ops["kpi_year_stored"]
    assert bench.missing(report(ops), peer=False) == [("5000/30000", "kpi_year_stored")]


def test_query_growth_between_sizes():
    big = {"dunning_run": figures(1.0, queries=430), "ack": figures(1.0, queries=90)}
    small = {"dunning_run": figures(0.1, queries=93), "ack": figures(0.1, queries=90)}
    two = {"sizes": [{"label": "a", "operations": big}, {"label": "b", "operations": small}]}
    assert bench.query_growth(two) == {"dunning_run": (430, 93)}
    assert bench.query_growth(report(big)) == {}


def test_arguments_defaults_and_sizes():
    args = bench.parse_args([])
    assert (args.customers, args.invoices, args.orders) == (5000, 30000, 50000)
    assert (args.lines_per_order, args.claims, args.repeat) == (10, 2000, 3)
    assert not args.no_peer and not args.small
    assert args.peer_timeout == 1800
    full, tenth = bench.sizes(args)
    assert (full["invoices"], tenth["invoices"]) == (30000, 3000)
    assert tenth["lines_per_order"] == 10  # the orders shrink, not their lines
    # the same work on a tenth of the data
    assert (tenth["ack_orders"], tenth["send"], tenth["credit_notes"]) == (1000, 1000, 100)
    assert (tenth["orders"], tenth["claims"]) == (5000, 200)
    args = bench.parse_args(["--claims", "30", "--credit-notes", "20"])
    assert bench.sizes(args)[1]["credit_notes"] == 3  # no more than its claims
    args = bench.parse_args(["--customers", "50", "--invoices", "300", "--repeat", "1",
                             "--no-peer", "--small", "--results", "/tmp/x"])  # fmt: skip
    assert args.no_peer and args.small and args.repeat == 1
    assert str(args.results) == "/tmp/x"
    assert [s["customers"] for s in bench.sizes(args)] == [50]


@pytest.mark.parametrize(
    "argv",
    [["--repeat", "0"], ["--customers", "10", "--invoices", "5"], ["--claims", "-1"],
     ["--orders", "many"], ["--unknown"], ["--peer-timeout", "-5"]],
)  # fmt: skip
def test_bad_arguments_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        bench.parse_args(argv)
    assert exc.value.code == 2
    assert "error" in capsys.readouterr().err


def test_smoke_arguments_are_small_and_without_peer():
    args = bench.parse_args(bench.SMOKE)
    assert args.no_peer and args.small and args.repeat == 1
    assert args.invoices <= 1000 and args.orders <= 1000
