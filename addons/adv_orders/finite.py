# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Refuse NaN and infinite numbers before they reach computations.

A JSON-RPC client may send ``NaN`` or ``Infinity`` (Python's json reads them)
where a form would only let a number through; PostgreSQL stores them in a
numeric column and every sum, comparison and rounding then goes wrong, or
fails with a ValueError the user cannot act on. Models call
:func:`check_finite` at the top of ``create`` and ``write``.
"""

import math

from odoo.exceptions import ValidationError

NUMBER_TYPES = ("float", "monetary", "integer")


def check_finite(records, vals_list):
    """A ValidationError naming the first number field of ``vals_list`` that
    is NaN or infinite, looking into the create and update commands of its
    one2many fields (an order created with its lines)."""
    fields = records._fields
    for vals in vals_list:
        for name, value in vals.items():
            field = fields.get(name)
            if field is None:
                continue
            if field.type == "one2many" and isinstance(value, (list, tuple)):
                check_finite(
                    records.env[field.comodel_name],
                    [
                        command[2]
                        for command in value
                        if isinstance(command, (list, tuple))
                        and len(command) == 3
                        and command[0] in (0, 1)
                        and isinstance(command[2], dict)
                    ],
                )
            elif (
                field.type in NUMBER_TYPES and isinstance(value, float) and not math.isfinite(value)
            ):
                raise ValidationError(
                    records.env._(
                        "%(field)s must be a number: %(value)s is not one.",
                        field=field._description_string(records.env),
                        value=value,
                    )
                )
