# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Checks of the addons' files that need no Odoo.

Each check takes an addon folder and returns a list of problems, one readable
string each; an empty list means the addon passes.
"""

import ast
import csv
from pathlib import Path

from babel.messages.pofile import read_po
from lxml import etree

OUR_ADDONS = frozenset(
    {"adv_orders", "adv_dunning", "adv_claims", "adv_kpi", "adv_dunning_sms", "adv_demo_fr"}
)

# Odoo 18.0 Community addons an ADV module may depend on. A dependency outside
# this list and outside the suite is refused: it would break a consultant's
# install on a plain Community database.
STANDARD_ODOO_ADDONS = frozenset(
    {
        "account",
        "account_payment",
        "analytic",
        "base",
        "base_setup",
        "bus",
        "contacts",
        "delivery",
        "digest",
        "html_editor",
        "l10n_fr_account",
        "mail",
        "payment",
        "portal",
        "product",
        "rating",
        "resource",
        "sale",
        "sale_management",
        "sale_stock",
        "sales_team",
        "sms",
        "spreadsheet_dashboard",
        "stock",
        "stock_account",
        "stock_delivery",
        "uom",
        "web",
        "web_tour",
    }
)

# Folders whose XML and CSV files Odoo only reads when the manifest lists them.
DATA_FOLDERS = ("data", "demo", "report", "security", "views", "wizards", "wizard")

# Views may not use what Odoo 18 removed.
FORBIDDEN_VIEW_ATTRIBUTES = ("attrs", "states")


def addons_in(root):
    return sorted(p for p in Path(root).iterdir() if (p / "__manifest__.py").is_file())


def read_manifest(addon):
    return ast.literal_eval((Path(addon) / "__manifest__.py").read_text())


def _rel(addon, path):
    return f"{Path(addon).name}/{Path(path).relative_to(addon)}"


# --------------------------------------------------------------------------
def check_xml(addon):
    """Every XML file parses, every view arch is well-formed and Odoo 18-clean."""
    problems = []
    for path in sorted(Path(addon).rglob("*.xml")):
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            problems.append(f"{_rel(addon, path)}: not well-formed XML: {exc}")
            continue
        for record in tree.iter("record"):
            if record.get("model") != "ir.ui.view":
                continue
            where = f"{_rel(addon, path)}: view {record.get('id')}"
            arch = record.find("field[@name='arch']")
            if arch is None:
                problems.append(f"{where}: no arch field")
                continue
            roots = [child for child in arch if isinstance(child.tag, str)]
            inherits = record.find("field[@name='inherit_id']") is not None
            if arch.get("type") != "xml" or not roots or (len(roots) > 1 and not inherits):
                problems.append(
                    f"{where}: the arch must be type='xml' with one root element "
                    "(or several position specs in an inherited view)"
                )
                continue
            for node in (node for root in roots for node in root.iter()):
                if not isinstance(node.tag, str):
                    continue
                if node.tag == "tree":
                    problems.append(f"{where}: <tree> is <list> since Odoo 18")
                for attribute in FORBIDDEN_VIEW_ATTRIBUTES:
                    if attribute in node.attrib:
                        problems.append(f"{where}: '{attribute}' attribute was removed in Odoo 17")
    return problems


# --------------------------------------------------------------------------
def check_manifest_files(addon):
    """Every file the manifest lists exists; every data file is listed."""
    addon = Path(addon)
    problems = []
    manifest = read_manifest(addon)
    listed = set()
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            listed.add(name)
            if not (addon / name).is_file():
                problems.append(f"{addon.name}: manifest '{key}' lists missing file {name}")
    for bundle, patterns in manifest.get("assets", {}).items():
        for pattern in patterns:
            if isinstance(pattern, (list, tuple)):
                pattern = pattern[-1]
            prefix = f"{addon.name}/"
            if not pattern.startswith(prefix):
                continue  # another module's asset, checked there
            if not list(addon.glob(pattern[len(prefix) :])):
                problems.append(f"{addon.name}: asset {pattern} of {bundle} matches no file")
    for folder in DATA_FOLDERS:
        for path in sorted((addon / folder).rglob("*")):
            if path.suffix not in (".xml", ".csv"):
                continue
            name = str(path.relative_to(addon))
            if name not in listed:
                problems.append(f"{addon.name}: {name} is not listed in the manifest")
    return problems


# --------------------------------------------------------------------------
def _models_defined(addon):
    """(model name, file) of every model class that creates a new model."""
    found = []
    for path in sorted(Path(addon).rglob("*.py")):
        if "tests" in path.relative_to(addon).parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(b) for b in node.bases}
            if not bases & {"models.Model", "models.TransientModel", "Model", "TransientModel"}:
                continue
            attrs = {}
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                    target = stmt.targets[0]
                    if isinstance(target, ast.Name) and isinstance(stmt.value, ast.Constant):
                        attrs[target.id] = stmt.value.value
                    elif isinstance(target, ast.Name) and isinstance(stmt.value, ast.List):
                        attrs[target.id] = [
                            elt.value for elt in stmt.value.elts if isinstance(elt, ast.Constant)
                        ]
            name = attrs.get("_name")
            inherit = attrs.get("_inherit")
            inherits = inherit if isinstance(inherit, list) else [inherit]
            # _name repeated in _inherit (with mixins): an extension, not a new model
            if name and name not in inherits:
                found.append((name, path))
    return found


def check_access_rules(addon):
    """Every model an addon creates has a line in its ir.model.access.csv."""
    addon = Path(addon)
    problems = []
    covered = set()
    csv_path = addon / "security" / "ir.model.access.csv"
    if csv_path.is_file():
        with csv_path.open(newline="") as fh:
            for row in csv.DictReader(fh):
                ref = row.get("model_id:id", "")
                covered.add(ref.split(".")[-1])
    for model, path in _models_defined(addon):
        xmlid = "model_" + model.replace(".", "_")
        if xmlid not in covered:
            problems.append(
                f"{_rel(addon, path)}: model {model} has no access rule in "
                "security/ir.model.access.csv"
            )
    return problems


# --------------------------------------------------------------------------
def check_dependencies(addon, our_addons=OUR_ADDONS, standard=STANDARD_ODOO_ADDONS):
    """Every dependency is one of the suite's addons or a standard Odoo addon."""
    addon = Path(addon)
    problems = []
    for dep in read_manifest(addon).get("depends", []):
        if dep not in our_addons and dep not in standard:
            problems.append(f"{addon.name}: depends on {dep}, neither an ADV nor a standard addon")
    return problems


# --------------------------------------------------------------------------
def check_translations(addon, require_fr=True):
    """Every .po/.pot parses; fr.po has no fuzzy and no empty translation."""
    addon = Path(addon)
    problems = []
    i18n = addon / "i18n"
    if require_fr and not (i18n / "fr.po").is_file():
        problems.append(f"{addon.name}: i18n/fr.po is missing")
    for path in sorted(i18n.glob("*.po*")) if i18n.is_dir() else []:
        if path.suffix not in (".po", ".pot"):
            continue
        try:
            with path.open("rb") as fh:
                catalog = read_po(fh, abort_invalid=True)
        except Exception as exc:  # babel raises several error types
            problems.append(f"{_rel(addon, path)}: does not parse: {exc}")
            continue
        if path.name != "fr.po":
            continue
        for message in catalog:
            if not message.id:
                continue  # the header
            label = message.id if isinstance(message.id, str) else message.id[0]
            if message.fuzzy:
                problems.append(f"{_rel(addon, path)}: fuzzy translation of {label!r}")
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                problems.append(f"{_rel(addon, path)}: empty translation of {label!r}")
    return problems


ALL_CHECKS = (
    check_xml,
    check_manifest_files,
    check_access_rules,
    check_dependencies,
    check_translations,
)
