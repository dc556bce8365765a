# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Each static check fails on a crafted bad module, and passes on a good one."""

import textwrap

import pytest
import static_checks as checks

GOOD_VIEW = """<?xml version="1.0"?>
<odoo>
    <record id="x_view_form" model="ir.ui.view">
        <field name="name">x.form</field>
        <field name="model">x.thing</field>
        <field name="arch" type="xml">
            <form><field name="name" invisible="not active"/></form>
        </field>
    </record>
</odoo>
"""

GOOD_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

#. module: adv_bad
msgid "Thing"
msgstr "Chose"
"""


def make_addon(tmp_path, files, manifest=None):
    addon = tmp_path / "adv_bad"
    base = {
        "name": "Bad",
        "version": "18.0.1.0.0",
        "license": "LGPL-3",
        "depends": ["sale"],
        "data": ["security/ir.model.access.csv", "views/x_views.xml"],
    }
    base.update(manifest or {})
    files = {
        "__manifest__.py": repr(base),
        "__init__.py": "from . import models\n",
        "models/__init__.py": "from . import thing\n",
        "models/thing.py": textwrap.dedent(
            """
            from odoo import fields, models

            class Thing(models.Model):
                _name = "x.thing"
                _description = "Thing"
                name = fields.Char()

            class Partner(models.Model):
                _inherit = "res.partner"
            """
        ),
        "security/ir.model.access.csv": (
            "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
            "access_x_thing,x.thing,model_x_thing,base.group_user,1,1,1,1\n"
        ),
        "views/x_views.xml": GOOD_VIEW,
        "i18n/fr.po": GOOD_PO,
        **files,
    }
    for name, content in files.items():
        if content is None:
            continue
        path = addon / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return addon


@pytest.mark.parametrize("check", checks.ALL_CHECKS, ids=lambda c: c.__name__)
def test_good_module_passes(tmp_path, check):
    assert check(make_addon(tmp_path, {})) == []


def test_inherited_view_may_have_several_specs(tmp_path):
    view = GOOD_VIEW.replace(
        '<field name="arch" type="xml">',
        '<field name="inherit_id" ref="base.view_x"/><field name="arch" type="xml">',
    ).replace(
        '<form><field name="name" invisible="not active"/></form>',
        '<field name="a" position="after"/><field name="b" position="after"/>',
    )
    assert checks.check_xml(make_addon(tmp_path, {"views/x_views.xml": view})) == []


def test_broken_xml(tmp_path):
    addon = make_addon(tmp_path, {"views/x_views.xml": "<odoo><record></odoo>"})
    assert any("not well-formed" in p for p in checks.check_xml(addon))


@pytest.mark.parametrize(
    "arch, expected",
    [
        ("<form/><form/>", "one root element"),
        ("", "one root element"),
        ("<list><field name='a'/></list>".replace("list", "tree"), "<tree>"),
        ("<form><field name='a' attrs=\"{'invisible': 1}\"/></form>", "'attrs'"),
        ("<form><button name='b' states='draft'/></form>", "'states'"),
    ],
)
def test_bad_view_arch(tmp_path, arch, expected):
    view = GOOD_VIEW.replace('<form><field name="name" invisible="not active"/></form>', arch)
    addon = make_addon(tmp_path, {"views/x_views.xml": view})
    problems = checks.check_xml(addon)
    assert any(expected in p for p in problems), problems


def test_manifest_lists_missing_file(tmp_path):
    addon = make_addon(
        tmp_path,
        {},
        {"data": ["security/ir.model.access.csv", "views/x_views.xml", "views/gone.xml"]},
    )
    assert any("missing file views/gone.xml" in p for p in checks.check_manifest_files(addon))


def test_data_file_not_listed(tmp_path):
    addon = make_addon(tmp_path, {"data/forgotten.xml": "<odoo/>"})
    assert any("data/forgotten.xml is not listed" in p for p in checks.check_manifest_files(addon))


def test_asset_glob_matches_nothing(tmp_path):
    addon = make_addon(
        tmp_path, {}, {"assets": {"web.assets_tests": ["adv_bad/static/tests/*.js"]}}
    )
    assert any("matches no file" in p for p in checks.check_manifest_files(addon))


def test_model_without_access_rule(tmp_path):
    addon = make_addon(
        tmp_path,
        {
            "models/wizard.py": (
                "from odoo import models\n\n"
                "class Wiz(models.TransientModel):\n"
                '    _name = "x.wiz"\n'
                '    _description = "Wizard"\n'
            )
        },
    )
    problems = checks.check_access_rules(addon)
    assert len(problems) == 1 and "x.wiz" in problems[0]


def test_missing_access_csv(tmp_path):
    addon = make_addon(
        tmp_path, {"security/ir.model.access.csv": None}, {"data": ["views/x_views.xml"]}
    )
    assert any("x.thing" in p for p in checks.check_access_rules(addon))


def test_unknown_dependency(tmp_path):
    addon = make_addon(tmp_path, {}, {"depends": ["sale", "account_credit_control"]})
    problems = checks.check_dependencies(addon)
    assert problems == [
        "adv_bad: depends on account_credit_control, neither an ADV nor a standard addon"
    ]


def test_po_does_not_parse(tmp_path):
    addon = make_addon(
        tmp_path, {"i18n/adv_bad.pot": 'msgid "a"\nmsgstr "b"\nmsgid "a"\nthis is not po\n'}
    )
    assert any("does not parse" in p for p in checks.check_translations(addon))


def test_fr_po_fuzzy(tmp_path):
    fuzzy = GOOD_PO.replace("#. module: adv_bad\n", "#. module: adv_bad\n#, fuzzy\n")
    addon = make_addon(tmp_path, {"i18n/fr.po": fuzzy})
    assert any("fuzzy translation of 'Thing'" in p for p in checks.check_translations(addon))


def test_fr_po_empty(tmp_path):
    addon = make_addon(tmp_path, {"i18n/fr.po": GOOD_PO.replace('msgstr "Chose"', 'msgstr ""')})
    assert any("empty translation of 'Thing'" in p for p in checks.check_translations(addon))


def test_fr_po_missing(tmp_path):
    addon = make_addon(tmp_path, {"i18n/fr.po": None})
    assert checks.check_translations(addon) == ["adv_bad: i18n/fr.po is missing"]
