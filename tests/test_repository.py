# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The repository's addons pass every static check (no Odoo needed)."""

import re
import subprocess
from pathlib import Path

import pytest
import static_checks as checks

ROOT = Path(__file__).resolve().parent.parent
ADDONS = checks.addons_in(ROOT / "addons")
IDS = [a.name for a in ADDONS]


def test_the_four_addons_are_there():
    assert {a.name for a in ADDONS} == checks.OUR_ADDONS


@pytest.mark.parametrize("check", checks.ALL_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("addon", ADDONS, ids=IDS)
def test_addon_passes(addon, check):
    assert check(addon) == []


@pytest.mark.parametrize("addon", ADDONS, ids=IDS)
def test_manifest(addon):
    manifest = checks.read_manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "LGPL-3"
    assert manifest.get("summary") and manifest.get("category")
    assert (addon / "readme" / "DESCRIPTION.md").is_file()
    assert (addon / "tests" / "__init__.py").is_file()


def test_module_map():
    """Dependencies point down the module map of the design contract."""
    depends = {a.name: set(checks.read_manifest(a)["depends"]) for a in ADDONS}
    # rating: mail's customer rating mechanism (the satisfaction surveys)
    assert depends["adv_orders"] == {"sale_management", "sale_stock", "account", "mail", "rating"}
    assert depends["adv_dunning"] == {"adv_orders"}
    assert depends["adv_claims"] == {"adv_orders"}
    assert depends["adv_kpi"] >= {"adv_orders", "adv_dunning", "adv_claims"}
    # extensions of one addon, each with the Odoo module it bridges to
    assert depends["adv_dunning_sms"] == {"adv_dunning", "sms"}
    # demo data only: the French company on Odoo's French accounting
    assert depends["adv_demo_fr"] == {"adv_kpi", "l10n_fr_account"}


def shipped_files():
    """The files of the checkout that git would commit (tracked or not ignored)."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [ROOT / name for name in listing.split("\0") if name and (ROOT / name).is_file()]


def test_no_machine_specific_path():
    """No absolute path of one machine in anything we ship."""
    pattern = re.compile(r"(/home/|/root/|/opt/|/work/|/Users/|[A-Z]:\\\\)")
    offenders = []
    for path in shipped_files():
        if path.suffix in (".png", ".jpg", ".ico", ".pdf") or path.name == "test_repository.py":
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_french_user_guides():
    """Every user guide of an addon (readme/USAGE.md, CONFIGURE.md) has its
    French version in readme/fr/, not empty."""
    missing = []
    for addon in ADDONS:
        for name in ("USAGE.md", "CONFIGURE.md"):
            if (addon / "readme" / name).is_file():
                french = addon / "readme" / "fr" / name
                if not french.is_file() or not french.read_text().strip():
                    missing.append(f"{addon.name}/readme/fr/{name}")
    assert missing == []
