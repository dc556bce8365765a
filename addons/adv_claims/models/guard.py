# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the claim forms show read-only, a JSON-RPC ``write`` must not change
either (see adv_orders/protected.py for the shared guard)."""

from odoo.addons.adv_orders.protected import check_vals, is_allowed


def stored_computed_fields(model):
    """Stored fields computed from others without an inverse (readonly related
    fields included): the ORM stores whatever a ``write`` gives them, which
    no form ever sends."""
    return {
        name
        for name, field in model._fields.items()
        if field.store and field.compute and field.readonly and not field.inverse
    }


def check_write(records, vals):
    """:func:`check_vals` for a ``write``, except for the protected values that
    every record already has: writing back what is there changes nothing."""
    if is_allowed(records.env):
        return
    names = records._adv_protected_fields() & vals.keys()
    changed = {name: vals[name] for name in names if _changes(records, name, vals[name])}
    check_vals(records, [changed])


def _changes(records, name, value):
    field = records._fields[name]
    try:
        return any(
            field.convert_to_record(field.convert_to_cache(value, record), record) != record[name]
            for record in records
        )
    except (ValueError, TypeError):
        return True
