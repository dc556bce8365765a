#!/usr/bin/env python3
# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""./adv bench: time the suite's heavy operations on a generated dataset.

The command (``run``) creates a database with the four addons, generates
customers, overdue invoices, sale orders and claims, then times each
operation ``--repeat`` times in worker subprocesses that open an Odoo
registry (``python tools/bench.py worker <phase> <spec.json>``): the dunning
run, its same-date re-run and the outbox; the OCA's account_credit_control on
a copy of the database (the peer); the SQL floor; acknowledgements, the
backorder book, the KPI dashboard and claim credit notes. It does it again on
a tenth of the data (the same number of orders acknowledged, letters sent
and claims credited) to show the query counts do not grow, and writes
``bench.json`` and ``bench.md`` under the results folder.

The pure parts (statistics, table, arguments) need no Odoo: tests/test_bench.py.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RESULTS = ROOT / ".adv" / "bench"
PEER_WHEEL = "odoo-addon-account_credit_control>=18.0,<18.1"
PEER_MODULE = "account_credit_control"

# Every operation the bench reports, in the table's order: (key, label, needs the peer).
OPERATIONS = [
    ("dunning_run", "Dunning run: compute + prepare letters", False),
    ("dunning_rerun", "Dunning run: same-date re-run", False),
    ("dunning_send", "Dunning outbox: send letters (SMTP sink)", False),
    ("peer_run", "OCA account_credit_control: run", True),
    ("peer_rerun", "OCA account_credit_control: same-date re-run", True),
    ("floor_find", "SQL floor: overdue invoices per customer and level", False),
    ("floor_write", "SQL floor: INSERT ... SELECT of the same rows", False),
    ("ack", "Acknowledge confirmed orders", False),
    ("book_page", "Backorder book: first page (80)", False),
    ("book_groups", "Backorder book: grouped totals", False),
    ("kpi_month_live", "KPI dashboard: month, live", False),
    ("kpi_month_stored", "KPI dashboard: month, stored", False),
    ("kpi_year_live", "KPI dashboard: year, live", False),
    ("kpi_year_stored", "KPI dashboard: year, stored", False),
    ("claims_credit", "Claims turned into partial credit notes", False),
]
# The operation each of ours is compared with: (peer, floor).
COMPARE = {
    "dunning_run": ("peer_run", ("floor_find", "floor_write")),
    "dunning_rerun": ("peer_rerun", ("floor_find",)),
}
PHASES = ("generate", "dunning", "floor", "orders", "kpi", "claims")


# --------------------------------------------------------------------------
# Pure parts
# --------------------------------------------------------------------------
def build_parser(parser=None):
    parser = parser or argparse.ArgumentParser(prog="adv bench", description=__doc__.split("\n")[0])
    add = parser.add_argument
    add("--customers", type=int, default=5000, help="customers (default 5000)")
    add("--invoices", type=int, default=30000, help="overdue posted invoices (default 30000)")
    add("--orders", type=int, default=50000, help="confirmed sale orders (default 50000)")
    add("--lines-per-order", type=int, default=10, help="lines of each order (default 10)")
    add("--claims", type=int, default=2000, help="claims (default 2000)")
    add("--ack-orders", type=int, default=1000, help="orders of 20 lines to acknowledge (1000)")
    add("--send", type=int, default=1000, help="letters sent through the outbox (default 1000)")
    add("--credit-notes", type=int, default=100, help="claims credited (default 100)")
    add("--repeat", type=int, default=3, help="timings of each operation (default 3)")
    add("--results", type=Path, default=DEFAULT_RESULTS, help="results folder (.adv/bench)")
    add("--no-peer", action="store_true", help="skip the OCA account_credit_control")
    add(
        "--peer-timeout",
        type=int,
        default=1800,
        help="stop the peer after so many seconds, keeping its timings so far (1800; 0: never)",
    )
    add("--small", action="store_true", help="only the given size, not a tenth of it too")
    add("--keep-database", action="store_true", help="keep the bench databases")
    return parser


def check_args(args):
    """The parsed arguments, or a ValueError saying which one is wrong."""
    for name in ("customers", "invoices", "orders", "lines_per_order", "repeat"):
        if getattr(args, name) < 1:
            raise ValueError(f"--{name.replace('_', '-')} must be at least 1")
    for name in ("claims", "ack_orders", "send", "credit_notes", "peer_timeout"):
        if getattr(args, name) < 0:
            raise ValueError(f"--{name.replace('_', '-')} must not be negative")
    if args.invoices < args.customers:
        raise ValueError("--invoices must be at least --customers (one invoice each)")
    return args


def parse_args(argv):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return check_args(args)
    except ValueError as exc:
        parser.error(str(exc))


SAME_WORK = ("lines_per_order", "ack_orders", "send", "credit_notes")


def sizes(args):
    """The dataset sizes to measure: the given one and, unless --small, a
    tenth of its data."""
    full = {
        "customers": args.customers,
        "invoices": args.invoices,
        "orders": args.orders,
        "lines_per_order": args.lines_per_order,
        "claims": args.claims,
        "ack_orders": args.ack_orders,
        "send": args.send,
        "credit_notes": args.credit_notes,
    }
    if args.small:
        return [full]
    # a tenth of the data, the same work: the operations that handle a given
    # number of records (orders acknowledged, letters sent, claims credited)
    # handle as many at both sizes, so that their query counts compare
    tenth = {k: v if k in SAME_WORK else max(v // 10, 1) for k, v in full.items()}
    tenth["credit_notes"] = min(tenth["credit_notes"], tenth["claims"])
    return [full, tenth]


def size_label(size):
    return f"{size['customers']}/{size['invoices']}"


def median_range(values):
    """(median, min, max) of the timings, None when there is none."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return statistics.median(values), min(values), max(values)


def ratio(ours, other):
    """How many times ``other`` ours takes, None when either is missing or nil."""
    if ours is None or not other:
        return None
    return ours / other


def summarise(samples):
    """One operation's figures from its samples [{seconds, queries, ...}]."""
    if not samples:
        return None
    stats = median_range([s["seconds"] for s in samples])
    queries = [s["queries"] for s in samples]
    out = {
        "median": stats[0],
        "min": stats[1],
        "max": stats[2],
        "queries": int(statistics.median(queries)),
        "runs": len(samples),
        "peak_mb": max(s.get("peak_mb") or 0 for s in samples),
    }
    for key in ("rows", "rows_written", "count"):
        if any(key in s for s in samples):
            out[key] = samples[-1].get(key)
    return out


def fmt_seconds(value):
    if value is None:
        return "-"
    if value < 0.01:
        return f"{value * 1000:.1f} ms"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def fmt_ratio(value):
    """Our time over the other's: below 1 we are faster."""
    if value is None:
        return "-"
    if value < 1:
        return f"{value:.2g}x"
    return f"{value:.1f}x" if value < 100 else f"{value:.0f}x"


def table_rows(report):
    """The rows of the table: one per operation and size."""
    rows = []
    for size in report["sizes"]:
        ops = size["operations"]
        for key, label, _peer in OPERATIONS:
            fig = ops.get(key)
            peer_key, floor_keys = COMPARE.get(key, (None, ()))
            peer = ops.get(peer_key) if peer_key else None
            floor = None
            if floor_keys and all(ops.get(k) for k in floor_keys):
                floor = sum(ops[k]["median"] for k in floor_keys)
            rows.append(
                {
                    "key": key,
                    "operation": label,
                    "size": size["label"],
                    "figures": fig,
                    "peer": ratio(fig and fig["median"], peer and peer["median"]),
                    "floor": ratio(fig and fig["median"], floor),
                    "skipped": size.get("skipped", {}).get(key),
                }
            )
    return rows


def format_table(report):
    """The Markdown table of a report."""
    head = [
        "| Operation | Size | Median | Min-max | Queries | Peak MB | vs peer | vs floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines = []
    for row in table_rows(report):
        fig = row["figures"]
        if fig is None:
            note = row["skipped"] or report.get("skipped", {}).get(row["key"], "not measured")
            lines.append(f"| {row['operation']} | {row['size']} | {note} | | | | | |")
            continue
        extra = ""
        if fig.get("count") is not None:
            extra = f" ({fig['count']} done)"
        if fig.get("rows_written") is not None:
            extra = f" ({fig['rows_written']} rows written)"
        lines.append(
            f"| {row['operation']}{extra} | {row['size']} | {fmt_seconds(fig['median'])} | "
            f"{fmt_seconds(fig['min'])} - {fmt_seconds(fig['max'])} | {fig['queries']} | "
            f"{fig.get('peak_mb') or 0:.0f} | {fmt_ratio(row['peer'])} | "
            f"{fmt_ratio(row['floor'])} |"
        )
    return "\n".join(head + lines) + "\n"


def missing(report, peer=True):
    """The (size, operation) the report has no figure for."""
    gaps = []
    for size in report["sizes"]:
        for key, _label, needs_peer in OPERATIONS:
            if needs_peer and not peer:
                continue
            if size.get("skipped", {}).get(key, "").startswith("stopped"):
                continue  # --peer-timeout: said so in the table
            if not size["operations"].get(key):
                gaps.append((size["label"], key))
    return gaps


def query_growth(report):
    """Operations whose query count differs between the two sizes:
    {key: (queries at the large size, queries at the small)}."""
    if len(report["sizes"]) < 2:
        return {}
    big, small = report["sizes"][0]["operations"], report["sizes"][1]["operations"]
    return {
        key: (big[key]["queries"], small[key]["queries"])
        for key in big
        if key in small and big[key] and small[key] and big[key]["queries"] != small[key]["queries"]
    }


# --------------------------------------------------------------------------
# The command: databases and worker subprocesses
# --------------------------------------------------------------------------
def _say(msg=""):
    print(msg, flush=True)


class Bench:
    def __init__(self, args, adv, say=_say, database=None):
        self.args, self.adv, self.say = args, adv, say
        self.database = database  # an installed database to fill, kept: ./adv test's
        self.odoo = adv.Odoo()
        if not self.odoo.found:
            sys.exit(f"Cannot run the bench: {self.odoo.problem}.")
        self.pg = adv.postgres()
        self.env = None
        self.data_dir = adv.STATE / "data"
        self.results = Path(args.results)
        self.logs = self.results / "logs"
        self.peer_path = None
        self.peer_problem = None

    def start(self):
        self.pg.ensure()
        self.env = dict(self.odoo.env, **self.pg.libpq_env(), PYTHONDONTWRITEBYTECODE="1")
        self.logs.mkdir(parents=True, exist_ok=True)

    def odoo_step(self, title, db, *args, addons_path=None, log_name="odoo.log"):
        cmd = self.odoo.cmd(*self.pg.odoo_args(), f"--data-dir={self.data_dir}", "-d", db, *args,
                            "--stop-after-init", "--no-http", "--max-cron-threads=0",
                            "--log-level=warn")  # fmt: skip
        if addons_path:
            cmd.append(f"--addons-path={addons_path}")
        return self.adv.run_step(title, cmd, env=self.env, log=self.logs / log_name)

    def worker(self, phase, db, size, addons_path=None, extra=None, timeout=None):
        """Run one phase in a worker subprocess; its JSON answer, with
        ``stopped`` set when it was stopped after ``timeout`` seconds (the
        samples measured until then are kept)."""
        spec = {
            "db": db,
            "size": size,
            "repeat": self.args.repeat,
            "odoo_args": [
                "-c", str(self.adv.CONF),
                f"--addons-path={addons_path or self.odoo.addons_path()}",
                *self.pg.odoo_args(), f"--data-dir={self.data_dir}", "--max-cron-threads=0",
                "--log-level=warn", "--no-http",
            ],
            **(extra or {}),
        }  # fmt: skip
        with tempfile.TemporaryDirectory() as tmp:
            spec_path, out_path = Path(tmp) / "spec.json", Path(tmp) / "out.json"
            spec["out"] = str(out_path)
            spec_path.write_text(json.dumps(spec))
            log = self.logs / f"{db}-{phase}.log"
            started = time.monotonic()
            with open(log, "w") as fh:
                try:
                    proc = subprocess.run(
                        [sys.executable, str(Path(__file__).resolve()), "worker", phase,
                         str(spec_path)],
                        cwd=tempfile.gettempdir(), env=self.env, stdout=fh,
                        stderr=subprocess.STDOUT, timeout=timeout,
                    )  # fmt: skip
                except subprocess.TimeoutExpired:
                    self.say(f"   {phase}: stopped after {timeout:.0f}s")
                    out = json.loads(out_path.read_text()) if out_path.is_file() else {}
                    return {**out, "stopped": True}
            elapsed = time.monotonic() - started
            if proc.returncode or not out_path.is_file():
                tail = log.read_text(errors="replace")[-3000:]
                self.say(f"   {phase} failed (exit {proc.returncode}), see {log}:\n{tail}")
                return None
            self.say(f"   {phase}: {elapsed:.0f}s")
            return json.loads(out_path.read_text())

    def install_peer(self):
        """The OCA's wheel, without its dependencies, in a folder of the results:
        its addons path, or None with the reason in self.peer_problem."""
        target = self.results / "peer"
        addon = target / "odoo" / "addons" / PEER_MODULE
        if not (addon / "__manifest__.py").is_file():
            self.say(f"== Installing the peer's wheel ({PEER_WHEEL}) into {target} ==")
            res = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 "--no-deps", "--upgrade", "--target", str(target), PEER_WHEEL],
                capture_output=True, text=True,
            )  # fmt: skip
            if res.returncode or not (addon / "__manifest__.py").is_file():
                last = (res.stderr.strip().splitlines() or ["no manifest"])[-1]
                self.peer_problem = f"the wheel {PEER_WHEEL} could not be installed: {last}"
                return None
        import ast

        manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
        paths = [Path(p) for p in self.odoo.addons_path().split(",")]
        absent = [
            dep for dep in manifest.get("depends", []) if not any((p / dep).is_dir() for p in paths)
        ]
        if absent:
            self.peer_problem = f"{PEER_MODULE} needs modules not found here: {', '.join(absent)}"
            return None
        self.peer_version = manifest.get("version")
        return str(target / "odoo" / "addons")

    def measure_size(self, size):
        tag = uuid.uuid4().hex[:6]
        db = self.database or f"{os.environ.get('ADV_BENCH_DB_PREFIX') or 'adv_bench_'}{tag}"
        label = size_label(size)
        ops, skipped, info = {}, {}, {}
        dbs = [] if self.database else [db]
        try:
            rc = 0
            if not self.database:
                rc = self.odoo_step(
                    f"Bench {label}: install the addons into {db}",
                    db, "-i", ",".join(self.adv.modules()), "--without-demo=all",
                    log_name=f"{db}-install.log",
                )  # fmt: skip
            if rc:
                sys.exit(f"Install failed, see {self.logs / f'{db}-install.log'}")
            self.say(f"== Bench {label}: generate the dataset, then measure ==")
            gen = self.worker("generate", db, size)
            if gen is None:
                sys.exit("The dataset could not be generated.")
            info["dataset"] = gen
            peer_db = None
            if not self.args.no_peer and self.peer_path:
                peer_db = f"{db}_peer"
                self.adv.pg_sql(self.odoo, self.pg, f'CREATE DATABASE "{peer_db}" TEMPLATE "{db}"')
                dbs.append(peer_db)
            for phase in PHASES[1:]:
                out = self.worker(phase, db, size)
                for key, samples in (out or {}).get("samples", {}).items():
                    ops[key] = summarise(samples)
                info.update((out or {}).get("info", {}))
            if peer_db:
                rc = self.odoo_step(
                    f"Bench {label}: install {PEER_MODULE} into {peer_db}",
                    peer_db, "-i", PEER_MODULE,
                    addons_path=f"{self.odoo.addons_path()},{self.peer_path}",
                    log_name=f"{peer_db}-install.log",
                )  # fmt: skip
                out = None
                if not rc:
                    out = self.worker(
                        "peer", peer_db, size,
                        addons_path=f"{self.odoo.addons_path()},{self.peer_path}",
                        timeout=self.args.peer_timeout or None,
                    )  # fmt: skip
                for key, samples in (out or {}).get("samples", {}).items():
                    ops[key] = summarise(samples)
                for key in ("peer_run", "peer_rerun"):
                    if not out:
                        skipped[key] = "peer failed (see logs)"
                    elif out.get("stopped") and key not in ops:
                        skipped[key] = f"stopped after {self.args.peer_timeout}s (--peer-timeout)"
                    elif out.get("stopped"):
                        ops[key]["stopped"] = True  # fewer timings than asked
        finally:
            if not self.args.keep_database:
                for name in reversed(dbs):
                    self.adv.drop_database(self.odoo, self.pg, name)
            else:
                self.say(f"Kept databases {', '.join(dbs)}")
        return {"label": label, "size": size, "operations": ops, "skipped": skipped, "info": info}

    def write(self, report):
        """bench.json and bench.md in the results folder; the table."""
        self.results.mkdir(parents=True, exist_ok=True)
        (self.results / "bench.json").write_text(json.dumps(report, indent=2, default=str))
        table = format_table(report)
        (self.results / "bench.md").write_text(table)
        return table

    def run(self):
        started = time.monotonic()
        self.start()
        if not self.args.no_peer:
            self.peer_path = self.install_peer()
            if not self.peer_path:
                self.say(f"!!! The peer is not measured: {self.peer_problem} !!!")
        report = {
            "machine": machine(),
            "odoo": self.odoo.version,
            "peer": (
                "not measured (--no-peer)" if self.args.no_peer
                else self.peer_problem or f"{PEER_MODULE} {getattr(self, 'peer_version', '')}"
            ),
            "args": {k: str(v) for k, v in vars(self.args).items()},
            "sizes": [],
            "skipped": {},
        }  # fmt: skip
        try:
            for size in sizes(self.args):
                report["sizes"].append(self.measure_size(size))
                self.write(report)  # what is measured so far, should a later size fail
        finally:
            if self.pg.started_here:
                self.pg.stop()
        peer_reason = report["peer"] if (self.args.no_peer or self.peer_problem) else None
        if peer_reason:
            report["skipped"].update({"peer_run": peer_reason, "peer_rerun": peer_reason})
        report["peer_measured"] = not peer_reason
        report["query_growth"] = query_growth(report)
        report["seconds"] = round(time.monotonic() - started)
        table = self.write(report)
        self.say()
        self.say(f"== ADV Suite bench ({report['machine']}) ==")
        self.say(table)
        for key, (big, small) in report["query_growth"].items():
            self.say(f"   queries of {key} grow with the data: {small} -> {big}")
        self.say(f"Results in {self.results} (bench.json, bench.md), {report['seconds']}s.")
        return report


def machine():
    """The CPU model, the cores and the RAM of this machine."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        ram = "unknown RAM"
    return f"{cpu}, {os.cpu_count()} cores, {ram}"


def cmd_bench(args, adv):
    """./adv bench: 0 when every figure was measured."""
    report = Bench(args, adv).run()
    gaps = missing(report, peer=report["peer_measured"])
    for label, key in gaps:
        print(f"   missing figure: {key} at {label}", flush=True)
    return 1 if gaps else 0


SMOKE = ["--customers", "40", "--invoices", "200", "--orders", "100", "--lines-per-order", "5",
         "--claims", "20", "--ack-orders", "10", "--send", "2", "--credit-notes", "3",
         "--repeat", "1", "--no-peer", "--small"]  # fmt: skip


def smoke(adv, reports, skip=False, database=None):
    """The step of ./adv test: a small bench without the peer must measure
    every operation. (passed, failed, skipped) operations."""
    if skip:
        adv.say("== Bench smoke run skipped: the addons did not install ==")
        return 0, 0, 1
    adv.say("== Bench smoke run (./adv bench " + " ".join(SMOKE) + ") ==")
    started = time.monotonic()
    args = parse_args([*SMOKE, "--results", str(Path(reports) / "bench")])
    try:
        report = Bench(args, adv, say=adv.say, database=database).run()
    except SystemExit as exc:
        adv.say(f"   the bench broke: {exc}")
        return 0, 1, 0
    gaps = missing(report, peer=False)
    for label, key in gaps:
        adv.say(f"   missing figure: {key} at {label}")
    adv.say(f"   ({time.monotonic() - started:.0f}s)")
    return len(OPERATIONS) - 2 - len(gaps), len(gaps), 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import bench_worker

        bench_worker.main(sys.argv[2], sys.argv[3])
    else:
        sys.exit("Run the bench with ./adv bench (see README.md, Performance).")
