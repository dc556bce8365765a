# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Set-based writing of many records of one model: one INSERT ... SELECT
from a JSON array, where the ORM's create() costs about half a millisecond
per row (the dunning run writes tens of thousands of lines).

The rows give every stored field the ORM would write: the caller computes
the computed ones; the fields left out get their default (``default_get``,
once for all rows) or stay empty. Amounts in the company currency are
rounded to it and floats to their digits, as the ORM does (amounts in
another currency come rounded by the caller); create and write
users and dates are the transaction's. The ORM cache of the model is
invalidated afterwards. No create() override, constraint or tracking runs:
the caller is server code that owns these records (see adv_orders'
protected fields) and checks what it writes."""

import json

from odoo.tools import SQL

MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date"}


def _column_type(field):
    return field.column_type[1]


def insert_rows(model, rows, currency, returning=()):
    """Insert ``rows`` (dicts of column values) into the table of ``model``;
    returns the tuples of ``id`` and the ``returning`` columns. Amounts whose
    currency field is not stored are in ``currency`` (the company's)."""
    if not rows:
        return []
    env = model.env
    stored = {
        name: field
        for name, field in model._fields.items()
        if field.store and field.column_type and name not in MAGIC
    }
    given = set().union(*(row.keys() for row in rows))
    unknown = given - set(stored)
    if unknown:
        raise ValueError(f"{model._name}: not stored columns {sorted(unknown)}")
    missing = [name for name in stored if name not in given]
    defaults = {
        name: value
        for name, value in model.default_get(missing).items()
        if name in stored and value not in (None, False)
    }
    names = sorted(given | set(defaults))

    # JSON values: numbers and booleans as they are, dates as ISO strings
    # (json's default=str), False as null where the column is no boolean;
    # the rounding is SQL's (below), like the ORM's on these amounts.
    nullable = [
        name
        for name in names
        if stored[name].type not in ("integer", "float", "monetary", "boolean")
    ]
    base = {name: defaults[name] for name in defaults if name not in given}
    records = []
    for row in rows:
        record = {**base, **row}
        for name in nullable:
            if record.get(name) is False:
                record[name] = None
        records.append(record)

    def column(name):
        field = stored[name]
        ident = SQL.identifier("x", name)
        if field.type == "monetary" and field.currency_field not in stored:
            # in the company currency (a related currency field)
            return SQL("ROUND(%s, %s)", ident, currency.decimal_places)
        if field.type == "float" and field.get_digits(env):
            return SQL("ROUND(%s::numeric, %s)", ident, field.get_digits(env)[1])
        return ident

    uid, now = env.uid, env.cr.now()
    columns = SQL(", ").join(SQL.identifier(name) for name in names)
    typed = SQL(", ").join(
        SQL("%s %s", SQL.identifier(name), SQL(_column_type(stored[name]))) for name in names
    )
    returned = SQL(", ").join(SQL.identifier(name) for name in ("id", *returning))
    query = SQL(
        """
        INSERT INTO %(table)s (%(columns)s, create_uid, write_uid, create_date, write_date)
        SELECT %(values)s, %(uid)s, %(uid)s, %(now)s, %(now)s
          FROM jsonb_to_recordset(%(rows)s::jsonb) AS x(%(typed)s)
     RETURNING %(returned)s
        """,
        table=SQL.identifier(model._table),
        columns=columns,
        values=SQL(", ").join(column(name) for name in names),
        typed=typed,
        uid=uid,
        now=now,
        rows=json.dumps(records, default=str),
        returned=returned,
    )
    env.cr.execute(query)
    result = env.cr.fetchall()
    model.invalidate_model()
    return result
