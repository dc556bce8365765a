# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""./adv screenshots: pictures of the main ADV screens, for the README.

Starts Odoo on the demo database (made as ./adv run makes it when missing),
logs in as the ADV manager of the demo, drives headless Chromium through the
DevTools protocol and writes one PNG per screen into docs/screenshots/.
Loaded by tools/adv.py; it passes itself as ``adv`` (its helpers: Odoo,
postgres, free_port...)."""

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar

SIZE = (1440, 900)
LOGIN = ("admin", "admin")


class Screens:
    """The screens and how to reach them: (file name, URL path, CSS selector
    that says the screen is ready). The ids come from the demo database."""

    def __init__(self, rpc):
        self.rpc = rpc

    def first(self, model, domain, order="id"):
        company = getattr(self.rpc, "company_id", None)
        if company:
            domain = [*domain, ("company_id", "=", company)]
        ids = self.rpc.call(model, "search", [domain], {"limit": 1, "order": order})
        return ids[0] if ids else None

    def list(self):
        screens = [
            (
                "dashboard",
                "/odoo/action-adv_kpi.adv_kpi_dashboard_action",
                ".o_adv_kpi_tile",
            ),
            (
                "backorder-book",
                "/odoo/action-adv_orders.adv_backorder_line_action",
                ".o_list_view .o_data_row",
            ),
        ]
        blocked = self.first("sale.order", [("adv_ack_state", "=", "blocked")])
        if blocked:
            screens.append(
                (
                    "blocked-order",
                    f"/odoo/action-adv_orders.sale_order_action_adv/{blocked}",
                    ".alert-danger[name='adv_ack_blocked']",
                )
            )
        run = self.first("adv.dunning.run", [("letter_ids", "!=", False)], "date desc")
        if not run:
            run = self.rpc.call("adv.dunning.run", "create", [{}])
            self.rpc.call("adv.dunning.run", "action_compute", [[run]])
        screens.append(
            (
                "dunning-run",
                f"/odoo/action-adv_dunning.adv_dunning_run_action/{run}",
                ".o_form_view",
            )
        )
        notice = self.first(
            "adv.dunning.letter", [("document_type", "=", "formal_notice")], "date desc"
        ) or self.first("adv.dunning.letter", [], "date desc")
        if notice:
            screens.append(
                (
                    "formal-notice",
                    f"/report/html/adv_dunning.report_adv_dunning_letter/{notice}",
                    ".page",
                )
            )
        claim = self.first("adv.claim", [("is_done", "=", False)]) or self.first("adv.claim", [])
        if claim:
            screens.append(
                ("claim", f"/odoo/action-adv_claims.adv_claim_action/{claim}", ".o_form_view")
            )
        return screens


class Rpc:
    """JSON-RPC of the web client, with the session cookie of a login."""

    def __init__(self, base):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
        request = urllib.request.Request(
            self.base + path, body, {"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=300) as response:
            reply = json.load(response)
        if reply.get("error"):
            raise RuntimeError(reply["error"].get("data", {}).get("message") or reply["error"])
        return reply["result"]

    def login(self, db, login, password):
        info = self.post(
            "/web/session/authenticate", {"db": db, "login": login, "password": password}
        )
        # the company the web client opens on: the screens show its records
        self.company_id = (info.get("user_companies") or {}).get("current_company")
        return next(c.value for c in self.jar if c.name == "session_id")

    def call(self, model, method, args, kwargs=None):
        return self.post(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )


class Browser:
    """Headless Chromium driven through the DevTools protocol."""

    def __init__(self, chromium, port):
        self.profile = tempfile.mkdtemp(prefix="adv-shots-")
        self.proc = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
             f"--remote-debugging-port={port}", f"--window-size={SIZE[0]},{SIZE[1]}",
             f"--user-data-dir={self.profile}", "--hide-scrollbars", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}/json"
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    target = next(t for t in json.load(response) if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        else:
            raise RuntimeError("Chromium did not start")
        import websocket

        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=120)
        self.next_id = 0

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def shoot(self, url, selector, path, timeout=60):
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        test = f"!!document.querySelector({json.dumps(selector)})"
        while time.monotonic() < deadline:
            found = self.send("Runtime.evaluate", expression=test).get("result", {})
            if found.get("value"):
                break
            time.sleep(0.5)
        else:
            raise RuntimeError(f"{url}: {selector} did not show within {timeout}s")
        time.sleep(1.5)  # let the charts and fonts settle
        png = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(png))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            shutil.rmtree(self.profile, ignore_errors=True)


def cmd_screenshots(args, adv):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        adv.say("Chromium is needed for the screenshots (chromium on Debian).")
        return 2
    odoo = adv.Odoo()
    if not odoo.found:
        adv.say(f"Cannot start Odoo: {odoo.problem}")
        return 2
    adv.install_requirements()
    pg = adv.postgres()
    pg.ensure()
    env = dict(odoo.env, **pg.libpq_env())
    data_dir = adv.STATE / "data"
    db = args.database
    if not adv.database_exists(odoo, pg, db):
        adv.run_step(
            f"Create the demo database {db}",
            odoo.cmd(*pg.odoo_args(), f"--data-dir={data_dir}", "-d", db,
                     "-i", ",".join(adv.modules(demo=True)), "--load-language=fr_FR",
                     "--stop-after-init", "--no-http", "--max-cron-threads=0"),
            env=env,
        )  # fmt: skip
    port = adv.free_port()
    server = subprocess.Popen(
        odoo.cmd(*pg.odoo_args(), f"--data-dir={data_dir}", "-d", db, f"--db-filter=^{db}$",
                 f"--http-port={port}", "--max-cron-threads=0", "--log-level=warn"),
        env=env,
        cwd=adv.ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    out = adv.ROOT / args.output
    out.mkdir(parents=True, exist_ok=True)
    browser = None
    try:
        for _attempt in range(240):
            try:
                urllib.request.urlopen(base + "/web/login", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        rpc = Rpc(base)
        session = rpc.login(db, *LOGIN)
        browser = Browser(chromium, adv.free_port())
        browser.send("Network.enable")
        browser.send(
            "Network.setCookie", name="session_id", value=session, domain="127.0.0.1", path="/"
        )
        for name, path, selector in Screens(rpc).list():
            target = out / f"{name}.png"
            browser.shoot(base + path, selector, target)
            adv.say(f"   {target}")
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=30)
    return 0


def build_parser(parser, default_db):
    parser.add_argument("-d", "--database", default=default_db, help="demo database")
    parser.add_argument(
        "--output", default="docs/screenshots", help="folder of the PNGs (docs/screenshots)"
    )
