#!/usr/bin/env python3
# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The two set-up commands of ADV Suite.

    ./adv run   start Odoo with the four ADV addons on a local demo database
    ./adv test  run every check: static tests, lint, install, our tests, Odoo's own tests

Odoo is the ``odoo`` package importable by this interpreter, or the Odoo
server tree named by the ODOO_PATH environment variable; when there is
neither, run/test/i18n provision Odoo 18.0 into ``.adv/`` (tools/provision.py)
and go on with its virtual environment. PostgreSQL is the
one configured (PGHOST/PGPORT/PGUSER, or db_* in odoo.conf) or else a private
cluster kept in the ignored ``.adv/`` folder of this checkout.
"""

import argparse
import configparser
import glob
import hashlib
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
STATE = ROOT / ".adv"
CONF = ROOT / "odoo.conf"
REQUIREMENTS = ROOT / "requirements.txt"
PY = sys.executable
DEMO_DB = "adv_demo"
PG_SUPERUSER = "adv"
PG_PORT = "5432"


def say(msg=""):
    print(msg, flush=True)


# Addons that are demo data only: installed by ./adv run (and the demo install
# of ./adv test, which runs their tests on that database), never into the
# databases without demo data.
DEMO_ADDONS = ("adv_demo_fr",)
# Seconds the demo install should take on a 2-core machine (155 s measured),
# and beyond which the step fails: a slower or busier machine gets a margin.
DEMO_INSTALL_TARGET = 180
DEMO_INSTALL_LIMIT = 240


def modules(demo=False):
    """The suite's addons; with ``demo``, the demo-only addons too."""
    return sorted(
        p.name
        for p in ADDONS.iterdir()
        if (p / "__manifest__.py").is_file() and (demo or p.name not in DEMO_ADDONS)
    )


# --------------------------------------------------------------------------
# Python tools
# --------------------------------------------------------------------------
def install_requirements():
    """Install the pinned project tools once per version of requirements.txt."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    stamp = STATE / "requirements.sha256"
    tag = f"{digest} {PY}"
    if stamp.is_file() and stamp.read_text().strip() == tag:
        return
    say(f"== Installing the project's Python tools ({REQUIREMENTS.name}) ==")
    cmd = [PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if sys.prefix == sys.base_prefix and os.geteuid() != 0 and not os.access(sys.prefix, os.W_OK):
        cmd.append("--user")
    res = subprocess.run([*cmd, "-r", str(REQUIREMENTS)])
    if res.returncode:
        sys.exit(f"Could not install {REQUIREMENTS.name} (pip exit {res.returncode}).")
    STATE.mkdir(exist_ok=True)
    stamp.write_text(tag + "\n")


# --------------------------------------------------------------------------
# XML formatter (prettier + @prettier/plugin-xml, pinned in tools/prettier)
# --------------------------------------------------------------------------
PRETTIER_PINS = ROOT / "tools" / "prettier"
XML_GLOB = "addons/**/*.xml"


def prettier_cmd():
    """The pinned prettier command, installed with npm into .adv/node once per
    version of its lock file; None (with the reason printed) without npm."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if not (npm and node):
        say("   Node.js and npm are needed to check the XML format (prettier): not found")
        return None
    dest = STATE / "node"
    modules_dir = dest / "node_modules"
    lock = (PRETTIER_PINS / "package-lock.json").read_bytes()
    stamp = dest / "lock.sha256"
    digest = hashlib.sha256(lock).hexdigest()
    if not (stamp.is_file() and stamp.read_text().strip() == digest and modules_dir.is_dir()):
        say("== Installing the XML formatter (tools/prettier, npm ci) ==")
        dest.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(PRETTIER_PINS / name, dest / name)
        res = subprocess.run(
            [npm, "ci", "--silent", "--no-audit", "--no-fund"], cwd=dest, capture_output=True
        )
        if res.returncode:
            say(res.stdout.decode(errors="replace") + res.stderr.decode(errors="replace"))
            say("   npm ci failed: the XML format cannot be checked")
            return None
        stamp.write_text(digest + "\n")
    return [
        node,
        str(modules_dir / "prettier" / "bin" / "prettier.cjs"),
        "--plugin",
        str(modules_dir / "@prettier" / "plugin-xml" / "src" / "plugin.js"),
    ]


def cmd_format(args):
    cmd = prettier_cmd()
    if not cmd:
        return 2
    files = [str(p) for p in args.files] or [XML_GLOB]
    mode = "--check" if args.check else "--write"
    return subprocess.run([*cmd, mode, "--log-level=warn", *files], cwd=ROOT).returncode


# --------------------------------------------------------------------------
# Odoo
# --------------------------------------------------------------------------
class Odoo:
    def __init__(self):
        self.env = os.environ.copy()
        self.env.pop("PYTHONSAFEPATH", None)
        odoo_path = self.env.get("ODOO_PATH")
        if odoo_path:
            parts = [odoo_path, self.env.get("PYTHONPATH", "")]
            self.env["PYTHONPATH"] = os.pathsep.join(p for p in parts if p)
        probe = subprocess.run(
            [
                PY,
                "-c",
                "import os, odoo, odoo.release as r; print(r.version); "
                "print(os.path.dirname(os.path.abspath(odoo.__file__)))",
            ],
            env=self.env,
            capture_output=True,
            text=True,
            cwd=str(tempfile.gettempdir()),
        )
        self.version = self.package = None
        self.problem = None
        self.missing = bool(probe.returncode)  # no Odoo at all: provisioning's case
        if probe.returncode:
            last = (probe.stderr.strip().splitlines() or ["unknown error"])[-1]
            where = f"ODOO_PATH={odoo_path}" if odoo_path else PY
            self.problem = f"'import odoo' fails for {where}: {last}"
            return
        self.version, self.package = probe.stdout.split()[-2:]
        if not self.version.startswith("18.0"):
            self.problem = f"Odoo {self.version} found at {self.package}, ADV Suite needs 18.0"

    @property
    def found(self):
        return self.problem is None

    def addons_path(self):
        paths = [str(ADDONS)]
        for candidate in (
            Path(self.package) / "addons",
            Path(self.package).parent / "addons",
        ):
            if candidate.is_dir() and any(candidate.glob("*/__manifest__.py")):
                paths.append(str(candidate))
        return ",".join(paths)

    def cmd(self, *args):
        return [PY, "-m", "odoo", "-c", str(CONF), f"--addons-path={self.addons_path()}", *args]


def provision_if_missing():
    """When this interpreter cannot import Odoo and ODOO_PATH is unset,
    provision Odoo 18.0 into .adv/ (or reuse it) and restart this command
    with the Python of .adv/venv."""
    if os.environ.get("ODOO_PATH") or os.environ.get("ADV_PROVISIONED") or not Odoo().missing:
        return
    sys.path.insert(0, str(ROOT / "tools"))
    import provision

    try:
        done = provision.from_env(STATE, REQUIREMENTS, python=PY, say=say).ensure()
    except provision.ProvisionError as exc:
        sys.exit(str(exc))
    env = dict(os.environ, ADV_PROVISIONED="1")
    os.execve(done.python, [done.python, str(Path(__file__).resolve()), *sys.argv[1:]], env)


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------
def read_conf():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(CONF)
    return parser["options"] if parser.has_section("options") else {}


def configured_postgres():
    """True when the user points us at a PostgreSQL of their own."""
    if any(os.environ.get(k) for k in ("PGHOST", "PGPORT", "PGUSER")):
        return True
    conf = read_conf()
    return any(conf.get(k, "False") not in ("", "False") for k in ("db_host", "db_port", "db_user"))


def pg_bindir():
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(re.search(r"/(\d+)/bin", p).group(1)),
    )
    if versions:
        return Path(versions[-1]).parent
    sys.exit(
        "No PostgreSQL found: install the PostgreSQL server binaries (initdb, pg_ctl), "
        "or point PGHOST/PGPORT/PGUSER at a running PostgreSQL."
    )


class PrivateCluster:
    """A PostgreSQL cluster of this checkout, on a unix socket, no service needed."""

    def __init__(self):
        self.bindir = pg_bindir()
        self.data = STATE / "pgdata"
        self.log = STATE / "postgresql.log"
        sock = STATE / "pgsock"
        if len(str(sock)) > 80:  # unix socket paths are limited to ~107 bytes
            tag = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
            sock = Path(tempfile.gettempdir()) / f"adv-pg-{tag}"
        self.socket = sock
        self.owner = None
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root: run it as an unprivileged user.
            for name in ("postgres", "nobody"):
                try:
                    self.owner = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            else:
                sys.exit("Running as root without a 'postgres' or 'nobody' user to run PostgreSQL.")
        self.started_here = False

    def _demote(self):
        if self.owner:
            os.setgid(self.owner.pw_gid)
            os.setuid(self.owner.pw_uid)

    def _run(self, *args, check=True):
        env = dict(os.environ, LC_ALL="C")
        if self.owner:
            env["HOME"] = self.owner.pw_dir
        res = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            preexec_fn=self._demote,
            env=env,
            capture_output=True,
            text=True,
        )
        if check and res.returncode:
            sys.exit(f"{args[0]} failed:\n{res.stdout}{res.stderr}")
        return res

    def _own(self, path):
        path.mkdir(parents=True, exist_ok=True)
        if self.owner:
            os.chown(path, self.owner.pw_uid, self.owner.pw_gid)

    def ensure(self):
        STATE.mkdir(exist_ok=True)
        if self.owner:
            # The unprivileged owner must reach the cluster inside the checkout.
            for parent in [*reversed(STATE.parents), STATE]:
                mode = parent.stat().st_mode
                if not mode & 0o001:
                    sys.exit(
                        f"{parent} is not reachable by user '{self.owner.pw_name}' "
                        "who runs the private PostgreSQL; move the checkout or "
                        "configure PGHOST/PGPORT/PGUSER."
                    )
        if not (self.data / "PG_VERSION").is_file():
            say(f"== Creating a private PostgreSQL cluster in {self.data} ==")
            self._own(self.data)
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                PG_SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            )
        self._own(self.socket)
        if self.log.exists() and self.owner:
            os.chown(self.log, self.owner.pw_uid, self.owner.pw_gid)
        elif self.owner:
            self.log.touch()
            os.chown(self.log, self.owner.pw_uid, self.owner.pw_gid)
        if self._run("pg_ctl", "status", "-D", str(self.data), check=False).returncode == 0:
            return
        options = (
            f"-k {self.socket} -p {PG_PORT} -c listen_addresses='' "
            "-c synchronous_commit=off -c max_connections=100"
        )
        res = self._run(
            "pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log),
            "-o", options, check=False,
        )  # fmt: skip
        if res.returncode:
            tail = self.log.read_text()[-2000:] if self.log.exists() else ""
            sys.exit(f"PostgreSQL did not start:\n{res.stdout}{res.stderr}{tail}")
        self.started_here = True

    def stop(self):
        self._run("pg_ctl", "stop", "-m", "fast", "-D", str(self.data), check=False)

    def odoo_args(self):
        return [f"--db_host={self.socket}", f"--db_port={PG_PORT}", f"--db_user={PG_SUPERUSER}"]

    def libpq_env(self):
        return {"PGHOST": str(self.socket), "PGPORT": PG_PORT, "PGUSER": PG_SUPERUSER}


class ConfiguredPostgres:
    started_here = False

    def ensure(self):
        pass

    def stop(self):
        pass

    def odoo_args(self):
        return []

    def libpq_env(self):
        conf = read_conf()
        env = {}
        for key, var in (("db_host", "PGHOST"), ("db_port", "PGPORT"), ("db_user", "PGUSER")):
            if conf.get(key, "False") not in ("", "False") and not os.environ.get(var):
                env[var] = conf[key]
        return env


def postgres():
    return ConfiguredPostgres() if configured_postgres() else PrivateCluster()


def pg_sql(odoo, pg, sql, fetch=False):
    """Run one SQL statement on the 'postgres' maintenance database."""
    code = (
        "import sys, psycopg2\n"
        "cn = psycopg2.connect(dbname='postgres')\n"
        "cn.autocommit = True\n"
        "cr = cn.cursor()\n"
        "cr.execute(sys.argv[1])\n"
        "print(cr.fetchall() if cr.description else '')\n"
    )
    env = dict(odoo.env, **pg.libpq_env())
    res = subprocess.run([PY, "-c", code, sql], env=env, capture_output=True, text=True)
    if res.returncode:
        sys.exit(f"SQL failed ({sql}):\n{res.stderr}")
    return res.stdout.strip()


def database_exists(odoo, pg, name):
    out = pg_sql(odoo, pg, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    return out not in ("", "[]")


def drop_database(odoo, pg, name):
    pg_sql(odoo, pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(STATE / "data" / "filestore" / name, ignore_errors=True)


# --------------------------------------------------------------------------
# run
# --------------------------------------------------------------------------
def cmd_run(args):
    odoo = Odoo()
    if not odoo.found:
        sys.exit(
            f"Cannot run ADV Suite: {odoo.problem}.\n"
            "Install Odoo 18.0 Community so that 'python3 -c \"import odoo\"' works, "
            "or set ODOO_PATH to an Odoo 18.0 server tree (the folder holding the "
            "'odoo' package), with Odoo's requirements installed; or unset ODOO_PATH "
            "and run a python3 without Odoo: ./adv then provisions Odoo 18.0 in .adv/."
        )
    install_requirements()
    pg = postgres()
    pg.ensure()
    db = args.database
    extra = []
    if not database_exists(odoo, pg, db):
        say(f"== Creating database {db} with demo data (first start takes a few minutes) ==")
        extra = ["-i", ",".join(modules(demo=True)), "--load-language=fr_FR"]
    cmd = odoo.cmd(
        *pg.odoo_args(),
        f"--data-dir={STATE / 'data'}",
        "-d",
        db,
        f"--db-filter=^{db}$",
        *extra,
        *args.odoo_args,
    )
    port = next((a.split("=", 1)[1] for a in args.odoo_args if a.startswith("--http-port=")), None)
    port = port or read_conf().get("http_port", "8069")
    say(f"ADV Suite on Odoo {odoo.version}: http://localhost:{port}  (login admin / admin)")
    sys.stdout.flush()
    env = dict(odoo.env, **pg.libpq_env()) if isinstance(pg, ConfiguredPostgres) else odoo.env
    os.chdir(ROOT)
    os.execvpe(cmd[0], cmd, env)


# --------------------------------------------------------------------------
# test
# --------------------------------------------------------------------------
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) \S+ (?P<logger>[\w.]+): (?P<msg>.*)$"
)


def checklog(lines, our_modules):
    """Problems an install log shows: any ERROR, or a WARNING about our modules."""
    problems = []
    names = "|".join(map(re.escape, our_modules))
    ours = re.compile(rf"\b({names})\b|\badv\.[a-z_.]+")
    for line in lines:
        m = LOG_LINE.match(line)
        if not m:
            continue
        level, logger, msg = m.group("level", "logger", "msg")
        if level in ("ERROR", "CRITICAL"):
            problems.append(line)
        elif level == "WARNING" and (
            any(logger.startswith(f"odoo.addons.{mod}") for mod in our_modules) or ours.search(msg)
        ):
            problems.append(line)
    return problems


class Results:
    def __init__(self):
        self.rows = []  # (suite, passed, failed, skipped)

    def add(self, suite, passed, failed, skipped=0):
        self.rows.append((suite, passed, failed, skipped))
        state = "OK" if not failed else "FAILED"
        say(f"-- {suite}: {passed} passed, {failed} failed, {skipped} skipped [{state}]")

    @property
    def failed(self):
        return sum(r[2] for r in self.rows)

    def summary(self):
        say()
        say("== ADV Suite test summary ==")
        width = max(len(r[0]) for r in self.rows) if self.rows else 10
        for suite, passed, failed, skipped in self.rows:
            say(f"  {suite.ljust(width)}  {passed} passed, {failed} failed, {skipped} skipped")
        total = [sum(r[i] for r in self.rows) for i in (1, 2, 3)]
        say(f"total: {total[0]} passed, {total[1]} failed, {total[2]} skipped")


def junit_counts(path, by_addon=False):
    """(passed, failed, skipped) of a pytest junit report, or per addon."""
    counts = {}
    if not path.is_file():
        return counts
    for case in ET.parse(path).getroot().iter("testcase"):
        key = "all"
        if by_addon:
            m = re.search(r"(?:^|\.)addons\.(\w+)\.", case.get("classname", ""))
            key = m.group(1) if m else case.get("classname", "?")
        row = counts.setdefault(key, [0, 0, 0])
        if case.find("failure") is not None or case.find("error") is not None:
            row[1] += 1
        elif case.find("skipped") is not None:
            row[2] += 1
        else:
            row[0] += 1
    return counts


def free_port():
    """A TCP port free on this machine now: the browser tours serve Odoo on
    it, so that a running ./adv run (8069) or another test run does not clash."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_step(title, cmd, env=None, log=None):
    say(f"== {title} ==")
    say("$ " + " ".join(str(c) for c in cmd))
    started = time.monotonic()
    if log:
        with open(log, "w") as fh:
            proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    else:
        proc = subprocess.run(cmd, cwd=ROOT, env=env)
    say(f"   ({time.monotonic() - started:.0f}s, exit {proc.returncode})")
    return proc.returncode


# Odoo's own tests of the apps the suite extends, run with the suite installed.
ODOO_SUITE_INSTALL = ("sale_management", "sale_stock", "stock_account")
ODOO_SUITE_TAGS = ("sale", "sale_stock", "sale_management", "stock_account")
KNOWN_FAILURES = ROOT / "tests" / "odoo_known_failures.txt"
TEST_FAILURE = re.compile(r"^(?P<flavour>FAIL|ERROR): (?P<desc>.+)$")
TEST_SUMMARY = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
TEST_SKIPPED = re.compile(r"^skipped \S")


def odoo_test_id(logger, desc):
    """The test id of a FAIL/ERROR line of Odoo's log, in --test-tags form:
    ``/module:Class.method``; the description when it names no test."""
    if desc.startswith("Subtest "):
        desc = desc[len("Subtest ") :]
    m = re.match(r"(\w+) \(odoo\.addons\.(\w+)\.(?:[\w.]+\.)?(\w+)\)$", desc)
    if m:  # setUpClass (odoo.addons.sale.tests.test_x.TestX): the class could not start
        return f"/{m.group(2)}:{m.group(3)}.{m.group(1)}"
    m = re.match(r"([\w]+\.\w+)(?:\s|$)", desc)
    mod = re.match(r"odoo\.addons\.(\w+)\.", logger)
    if m and mod:
        return f"/{mod.group(1)}:{m.group(1)}"
    return desc.strip()


def odoo_test_results(lines):
    """What an Odoo log with --test-enable says: (ids of the failed tests,
    (failed, errors, run) of the final summary or None when the run did not
    get that far, number of skipped tests)."""
    failed, summary, skipped = [], None, 0
    for line in lines:
        m = LOG_LINE.match(line)
        if not m:
            continue
        level, logger, msg = m.group("level", "logger", "msg")
        found = TEST_FAILURE.match(msg)
        if level == "ERROR" and found:
            test_id = odoo_test_id(logger, found.group("desc"))
            if test_id not in failed:
                failed.append(test_id)
            continue
        found = TEST_SUMMARY.search(msg)
        if found and logger == "odoo.tests.result":
            summary = tuple(int(found.group(k)) for k in ("failed", "errors", "run"))
        elif level == "INFO" and TEST_SKIPPED.match(msg):
            skipped += 1
    return failed, summary, skipped


def read_known_failures(path=KNOWN_FAILURES):
    """The test ids (one a line, ``#`` comments) that fail on plain Odoo too."""
    if not path.is_file():
        return set()
    known = set()
    for line in path.read_text().splitlines():
        test_id = line.split("#", 1)[0].strip()
        if test_id:
            known.add(test_id)
    return known


def compare_odoo_tests(failed, summary, skipped, known):
    """(passed, failed, skipped, unexpected ids, known ids that failed) of an
    Odoo test run against the failures known on plain Odoo. A run without
    summary (crash, install error) counts one failure."""
    unexpected = [t for t in failed if t not in known]
    expected = [t for t in failed if t in known]
    if summary is None:
        return 0, len(unexpected) + 1, skipped, unexpected, expected
    run = summary[2]
    passed = max(run - len(failed) - skipped, 0)
    return passed, len(unexpected), skipped + len(expected), unexpected, expected


def run_odoo_suites(odoo, pg, env, data_dir, reports, results, keep, db=None):
    """Odoo's own tests of sale, sale_stock, sale_management and
    stock_account with the four addons installed: at_install tests run while
    each module installs, post_install tests after. A failure that plain Odoo
    does not have (tests/odoo_known_failures.txt) fails the step."""
    db = db or f"adv_odoo_{uuid.uuid4().hex[:8]}"
    log = reports / "odoo-suites.log"
    installed = [*ODOO_SUITE_INSTALL, *modules()]
    try:
        rc = run_step(
            f"Odoo's own tests ({', '.join(ODOO_SUITE_TAGS)}) with {', '.join(modules())} "
            f"installed, in {db}",
            odoo.cmd(*pg.odoo_args(), f"--data-dir={data_dir}", "-d", db, "-i", ",".join(installed),
                     "--without-demo=all", "--test-enable",
                     "--test-tags=" + ",".join(f"/{m}" for m in ODOO_SUITE_TAGS),
                     "--stop-after-init", "--log-level=info", "--max-cron-threads=0",
                     f"--http-port={free_port()}"),
            env=env,
            log=log,
        )  # fmt: skip
    finally:
        if not keep:
            drop_database(odoo, pg, db)
        else:
            say(f"Kept database {db}")
    failed, summary, skipped = odoo_test_results(log.read_text(errors="replace").splitlines())
    passed, bad, skipped, unexpected, expected = compare_odoo_tests(
        failed, summary, skipped, read_known_failures()
    )
    for test_id in unexpected:
        say(f"   new failure (passes on plain Odoo): {test_id}")
    for test_id in expected:
        say(f"   known failure of plain Odoo: {test_id}")
    if summary is None:
        say(f"   no test summary in the log (exit {rc}): the run broke, see {log}")
        say(log.read_text(errors="replace")[-3000:])
    elif bad:
        say(f"   details in {log}")
    results.add("odoo's own tests: " + ", ".join(ODOO_SUITE_TAGS), passed, bad, skipped)


def pytest_odoo_cmd(odoo, pg, db, data_dir, addons, report, http=False):
    """pytest-odoo over the tests of ``addons`` on database ``db``, with a
    junit ``report``. Only these modules' tests: without the test tags,
    loading the registry in test mode also runs the at_install tests of
    every Odoo module whose tests our fixtures import (base, account, sale...)."""
    extra = [f"--odoo-extra={a.lstrip('-')}" for a in pg.odoo_args()]
    return [PY, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs",
            *[f"addons/{m}/tests" for m in addons],
            f"--odoo-database={db}", f"--odoo-config={CONF}",
            f"--odoo-addons-path={odoo.addons_path()}", *(["--odoo-http"] if http else []),
            "--odoo-log-level=warn", "--odoo-extra=test-enable",
            "--odoo-extra=test-tags=" + ",".join(f"/{m}" for m in addons),
            f"--odoo-extra=data-dir={data_dir}", "--odoo-extra=max-cron-threads=0",
            *extra, f"--junitxml={report}"]  # fmt: skip


def install_demo(odoo, pg, env, data_dir, reports, results, args):
    """The database of ./adv run: the addons with their demo data and French,
    in a fresh database; any ERROR or WARNING of ours fails the step, and
    the time it takes is reported (at most 3 minutes on a 2-core machine)."""
    if args.no_demo:
        say("== Demo install skipped (--no-demo) ==")
        return
    db = f"adv_demo_test_{uuid.uuid4().hex[:8]}"
    log = reports / "demo-install.log"
    started = time.monotonic()
    try:
        rc = run_step(
            f"Install with demo data and French into {db}, as ./adv run does",
            odoo.cmd(*pg.odoo_args(), f"--data-dir={data_dir}", "-d", db,
                     "-i", ",".join(modules(demo=True)), "--load-language=fr_FR",
                     "--stop-after-init",
                     "--log-level=warn", "--max-cron-threads=0", "--no-http"),
            env=env,
            log=log,
        )  # fmt: skip
        took = time.monotonic() - started
        problems = checklog(log.read_text(errors="replace").splitlines(), modules(demo=True))
        for line in problems[:20]:
            say(f"   demo install log: {line}")
        if rc:
            say(log.read_text(errors="replace")[-3000:])
        say(f"   demo database installed in {took:.0f}s")
        failed = bool(rc or problems or took > DEMO_INSTALL_LIMIT)
        if took > DEMO_INSTALL_TARGET:
            say(f"   the demo install took more than its {DEMO_INSTALL_TARGET}s target")
        results.add("demo install (the database of ./adv run)", int(not failed), int(failed))
        if not rc:
            # the tests of the demo-only addons, on the demo database itself
            report = reports / "demo.xml"
            rc = run_step(
                "Tests of the demo data (on the demo database)",
                pytest_odoo_cmd(odoo, pg, db, data_dir, DEMO_ADDONS, report),
                env=env,
            )
            row = junit_counts(report).get("all", [0, 0, 0])
            if (rc or not row[0]) and not row[1]:
                row = [row[0], 1, row[2]]  # a broken run, or no test ran
            results.add("demo data tests (" + ", ".join(DEMO_ADDONS) + ")", *row)
    finally:
        if not args.keep_database:
            drop_database(odoo, pg, db)


def run_lint(results, tools_env):
    """ruff, pylint-odoo and the XML format (prettier), one row of results."""
    lint = {
        "ruff check": [PY, "-m", "ruff", "check", "."],
        "ruff format": [PY, "-m", "ruff", "format", "--check", "."],
        "pylint-odoo": [
            PY,
            "-m",
            "pylint",
            "--rcfile=.pylintrc",
            *[f"addons/{m}" for m in modules(demo=True)],
        ],
    }
    lint_ok = lint_failed = lint_skipped = 0
    prettier = prettier_cmd()
    if prettier:
        lint["prettier (XML)"] = [*prettier, "--check", "--log-level=warn", XML_GLOB]
    else:
        lint_skipped += 1
    for title, cmd in lint.items():
        if run_step(f"Lint: {title}", cmd, env=tools_env):
            lint_failed += 1
        else:
            lint_ok += 1
    results.add(
        "lint (ruff check, ruff format, pylint-odoo, prettier XML)",
        lint_ok,
        lint_failed,
        lint_skipped,
    )


def cmd_test(args):
    started = time.monotonic()
    install_requirements()
    reports = STATE / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir(parents=True)
    results = Results()
    tools_env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")

    # 1. Static checks of the repository: no Odoo needed.
    report = reports / "static.xml"
    rc = run_step(
        "Static checks (tests/)",
        [PY, "-m", "pytest", "-p", "no:odoo", "-p", "no:cacheprovider", "-q", "tests",
         f"--junitxml={report}"],
        env=tools_env,
    )  # fmt: skip
    counts = junit_counts(report).get("all", [0, 0, 0])
    if rc and not counts[1]:
        counts[1] = 1  # the run itself broke (collection error, crash)
    results.add("static checks (tests/)", *counts)

    # 2. Lint.
    run_lint(results, tools_env)

    # 3. Odoo: install into a throwaway database, then the addons' tests.
    odoo = Odoo()
    if not odoo.found:
        say()
        say(f"!!! ODOO TESTS SKIPPED: {odoo.problem}. Install Odoo 18.0 (or set ODOO_PATH) "
            "to install the addons and run their tests. !!!")  # fmt: skip
        results.summary()
        return 1 if results.failed else 0

    pg = postgres()
    pg.ensure()
    db = f"adv_test_{uuid.uuid4().hex[:8]}"
    env = dict(odoo.env, **pg.libpq_env())
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    data_dir = STATE / "data"
    try:
        log = reports / "install.log"
        rc = run_step(
            f"Install {', '.join(modules())} into {db} (Odoo {odoo.version})",
            odoo.cmd(*pg.odoo_args(), f"--data-dir={data_dir}", "-d", db, "-i", ",".join(modules()),
                     "--without-demo=all", "--stop-after-init", "--log-level=info",
                     "--max-cron-threads=0", "--http-port=0", "--no-http"),
            env=env,
            log=log,
        )  # fmt: skip
        problems = checklog(log.read_text(errors="replace").splitlines(), modules())
        for line in problems:
            say(f"   install log: {line}")
        if rc:
            say(log.read_text(errors="replace")[-3000:])
        results.add("install (checklog)", int(not (rc or problems)), int(bool(rc or problems)))
        install_ok = not rc

        if not rc:
            report = reports / "odoo.xml"
            rc = run_step(
                "Odoo tests (pytest-odoo)",
                pytest_odoo_cmd(odoo, pg, db, data_dir, modules(), report, http=True),
                env=env,
            )
            per_addon = junit_counts(report, by_addon=True)
            for mod in modules():
                row = per_addon.pop(mod, [0, 0, 0])
                if not sum(row):
                    row[1] = 1  # every addon must have tests that ran
                    say(f"   {mod}: no test ran")
                results.add(f"odoo tests: {mod}", *row)
            for other, row in per_addon.items():
                results.add(f"odoo tests: {other}", *row)
            if rc and not results.failed:
                results.add("odoo tests: pytest run", 0, 1)

        # a small ./adv bench: every operation measured (tools/bench.py)
        smoke = load_bench().smoke(sys.modules[__name__], reports, not install_ok, db)
        results.add("bench smoke run (./adv bench, small)", *smoke)

        if install_ok:
            install_demo(odoo, pg, env, data_dir, reports, results, args)
            if args.no_odoo_suites:
                say("== Odoo's own tests skipped (--no-odoo-suites) ==")
            else:
                run_odoo_suites(odoo, pg, env, data_dir, reports, results, args.keep_database)
    finally:
        if not args.keep_database:
            drop_database(odoo, pg, db)
        else:
            say(f"Kept database {db}")
        if pg.started_here and not args.keep_database:
            pg.stop()

    say(f"(test command took {time.monotonic() - started:.0f}s)")
    results.summary()
    return 1 if results.failed else 0


def test_provisioning(args):
    """./adv test --provisioning: provision a fresh folder end to end from an
    archive of the Odoo this machine has (tools/provision.py)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import provision

    started = time.monotonic()
    say("== Provisioning end to end: archive of this machine's Odoo, fresh venv, pip ==")
    results = Results()
    counts = provision.end_to_end(REQUIREMENTS, python=PY, say=say, keep=args.keep_database)
    results.add("provisioning (end to end)", *counts)
    say(f"(test command took {time.monotonic() - started:.0f}s)")
    results.summary()
    return 1 if results.failed else 0


# --------------------------------------------------------------------------
# i18n (maintenance): refresh the .pot files and merge them into fr.po
# --------------------------------------------------------------------------
def merge_po(pot_path, po_path, lang="fr"):
    """Merge a fresh template into a translation: keep what is translated,
    add the new terms untranslated, drop the obsolete ones. Returns the
    number of terms left to translate."""
    from babel.messages.pofile import read_po, write_po

    with open(pot_path, "rb") as fh:
        template = read_po(fh)
    if po_path.is_file():
        with open(po_path, "rb") as fh:
            catalog = read_po(fh, locale=lang)
    else:
        from babel.messages.catalog import Catalog

        catalog = Catalog(locale=lang, project=template.project)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    catalog.project, catalog.version = "Odoo Server", "18.0"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "ADV Suite"
    catalog.language_team = "French"
    catalog.header_comment = (
        f"# Translation of Odoo Server.\n# This file contains the translation of the "
        f"following modules:\n#\t* {pot_path.parent.parent.name}\n#"
    )
    with open(po_path, "wb") as fh:
        write_po(fh, catalog, width=0, omit_header=False, include_previous=False)
    return sum(1 for m in catalog if m.id and not m.string)


def cmd_i18n(args):
    odoo = Odoo()
    if not odoo.found:
        sys.exit(f"Cannot export translations: {odoo.problem}.")
    install_requirements()
    pg = postgres()
    pg.ensure()
    db = f"adv_i18n_{uuid.uuid4().hex[:8]}"
    env = dict(odoo.env, **pg.libpq_env())
    common = [*pg.odoo_args(), f"--data-dir={STATE / 'data'}", "-d", db, "--stop-after-init"]
    try:
        rc = run_step(
            "Install the addons",
            odoo.cmd(
                *common, "-i", ",".join(modules(demo=True)), "--without-demo=all", "--no-http"
            ),
            env=env,
            log=STATE / "i18n-install.log",
        )
        if rc:
            sys.exit("Install failed, see .adv/i18n-install.log")
        for mod in args.modules or modules(demo=True):
            pot = ADDONS / mod / "i18n" / f"{mod}.pot"
            pot.parent.mkdir(exist_ok=True)
            rc = run_step(
                f"Export {mod}",
                odoo.cmd(*common, f"--i18n-export={pot}", f"--modules={mod}", "--no-http"),
                env=env,
                log=STATE / "i18n-export.log",
            )
            if rc:
                sys.exit("Export failed, see .adv/i18n-export.log")
            left = merge_po(pot, pot.parent / "fr.po")
            say(f"   {mod}: {left} term(s) left to translate in i18n/fr.po")
    finally:
        drop_database(odoo, pg, db)
        if pg.started_here:
            pg.stop()


# --------------------------------------------------------------------------
# readme (maintenance): README.rst of each addon from its readme/ fragments
# --------------------------------------------------------------------------
def cmd_readme(args):
    install_requirements()
    sys.path.insert(0, str(ROOT / "tools"))
    import readme

    addons = [ADDONS / m for m in modules(demo=True)]
    stale = readme.refresh(addons, check=args.check)
    if args.check:
        if stale:
            sys.exit(f"README.rst out of date in {', '.join(stale)}: run ./adv readme")
        say("Every README.rst matches its readme/ fragments.")
    else:
        say(f"README.rst written for {', '.join(stale) or 'no addon (all up to date)'}")


# --------------------------------------------------------------------------
# bench: tools/bench.py
# --------------------------------------------------------------------------
def load_bench():
    sys.path.insert(0, str(ROOT / "tools"))
    import bench

    return bench


def load_screenshots():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "adv_screenshots", ROOT / "tools" / "screenshots.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(prog="adv", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="start Odoo with the ADV addons on a demo database")
    run.add_argument("-d", "--database", default=DEMO_DB, help=f"database name (default {DEMO_DB})")
    run.add_argument("odoo_args", nargs=argparse.REMAINDER, help="more options for Odoo")
    test = sub.add_parser("test", help="run every test, the lint and the install check")
    test.add_argument("--keep-database", action="store_true", help="keep the test databases")
    test.add_argument(
        "--no-odoo-suites",
        action="store_true",
        help="skip Odoo's own sale/stock tests with the addons installed (quick local runs)",
    )
    test.add_argument(
        "--no-demo",
        action="store_true",
        help="skip the install with demo data (quick local runs)",
    )
    test.add_argument(
        "--provisioning",
        action="store_true",
        help="only the end-to-end test of Odoo's provisioning into a temporary folder (CI)",
    )
    i18n = sub.add_parser("i18n", help="maintainers: refresh i18n/*.pot and merge them into fr.po")
    i18n.add_argument("modules", nargs="*", help="modules to export (default: all)")
    bench = sub.add_parser("bench", help="time the heavy operations on a generated dataset")
    if (ROOT / "tools" / "bench.py").is_file():  # a partial copy of tools/ has no bench
        load_bench().build_parser(bench)
    shots = sub.add_parser("screenshots", help="PNGs of the main ADV screens into docs/")
    if (ROOT / "tools" / "screenshots.py").is_file():
        load_screenshots().build_parser(shots, DEMO_DB)
    fmt = sub.add_parser("format", help="format the addons' XML files (prettier, OCA style)")
    fmt.add_argument("--check", action="store_true", help="only check, change nothing")
    fmt.add_argument("files", nargs="*", type=Path, help="files (default: every addon XML file)")
    readme = sub.add_parser("readme", help="maintainers: write each addon's README.rst")
    readme.add_argument("--check", action="store_true", help="only check they are up to date")
    # Options of ./adv run that are not its own go to Odoo (./adv run --http-port=8070).
    args, unknown = parser.parse_known_args()
    if unknown and args.command != "run":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command in ("run", "test", "i18n", "bench", "screenshots") and not getattr(
        args, "provisioning", 0
    ):
        provision_if_missing()
    if args.command == "run":
        args.odoo_args = [*unknown, *args.odoo_args]
        cmd_run(args)
    elif args.command == "i18n":
        cmd_i18n(args)
    elif args.command == "readme":
        cmd_readme(args)
    elif args.command == "screenshots":
        sys.exit(load_screenshots().cmd_screenshots(args, sys.modules[__name__]))
    elif args.command == "format":
        sys.exit(cmd_format(args))
    elif args.command == "bench":
        bench = load_bench()
        try:
            bench.check_args(args)
        except ValueError as exc:
            parser.error(str(exc))
        sys.exit(bench.cmd_bench(args, sys.modules[__name__]))
    elif args.provisioning:
        sys.exit(test_provisioning(args))
    else:
        sys.exit(cmd_test(args))


if __name__ == "__main__":
    main()
