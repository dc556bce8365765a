# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Each addon's README.rst is the one its readme/ fragments give, and valid."""

import sys
from pathlib import Path

import pytest
import static_checks as checks

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import readme  # noqa: E402

ADDONS = checks.addons_in(ROOT / "addons")


@pytest.mark.parametrize("addon", ADDONS, ids=[a.name for a in ADDONS])
def test_readme_rst_is_up_to_date(addon):
    assert (addon / "readme" / "CONTRIBUTORS.md").is_file()
    assert readme.refresh([addon], check=True) == [], "run ./adv readme"


@pytest.mark.parametrize("addon", ADDONS, ids=[a.name for a in ADDONS])
def test_readme_rst_is_valid(addon):
    from docutils import nodes
    from docutils.core import publish_doctree

    doctree = publish_doctree(
        (addon / "README.rst").read_text(),
        settings_overrides={"report_level": 5, "halt_level": 5},
    )
    problems = [
        node.astext() for node in doctree.findall(nodes.system_message) if int(node["level"]) >= 2
    ]
    assert problems == []


def test_fragment_headings_sit_under_their_section(tmp_path):
    addon = tmp_path / "adv_x"
    (addon / "readme").mkdir(parents=True)
    (addon / "__manifest__.py").write_text(
        "{'name': 'X', 'summary': 'S', 'version': '18.0.1.0.0', 'license': 'LGPL-3',"
        " 'author': 'A, B'}"
    )
    (addon / "readme" / "DESCRIPTION.md").write_text("Intro.\n")
    (addon / "readme" / "USAGE.md").write_text("## Daily\n\nDo it.\n")
    text = readme.build(addon)
    assert "Usage\n-----\n" in text
    assert "Daily\n~~~~~\n" in text
    assert "* A\n* B\n" in text
    assert readme.refresh([addon]) == ["adv_x"]
    assert readme.refresh([addon], check=True) == []
