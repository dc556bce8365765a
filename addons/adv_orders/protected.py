# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Protected fields: state and approval fields written only by their actions.

A form that shows a field read-only protects nothing: any user may send the
same ``write`` over JSON-RPC. The models of the suite list such fields in
``_adv_protected_fields()`` (a method, so that each addon extends the list
with ``super()``) and call :func:`check_vals` from ``create`` and ``write``.
Server code that owns the transition writes them either as superuser
(``sudo()``) or through :func:`protected`, which marks the environment with
a Python object a client can never send (an RPC context is JSON), the way
OCA's queue_job guards its job fields.

    from odoo.addons.adv_orders.protected import check_vals, protected

    def write(self, vals):
        check_vals(self, [vals])
        return super().write(vals)

    protected(letters).write({"state": "sent"})
"""

from odoo.exceptions import AccessError

CONTEXT_KEY = "adv_protected_write"
_SENTINEL = object()


def protected(records):
    """``records`` in an environment allowed to write their protected fields."""
    return records.with_context(**{CONTEXT_KEY: _SENTINEL})


def is_allowed(env):
    """True for server code: superuser, or an environment made by :func:`protected`."""
    return env.su or env.context.get(CONTEXT_KEY) is _SENTINEL


def check_vals(records, vals_list, creating=False):
    """Refuse values for the protected fields of ``records``' model unless the
    environment allows them. At creation, a protected field may be given its
    default or an empty value (clients send defaults back)."""
    if is_allowed(records.env):
        return
    names = records._adv_protected_fields()
    if not names:
        return
    defaults = records.default_get(list(names)) if creating else {}
    for vals in vals_list:
        for name in names:
            if name not in vals:
                continue
            if creating and (not vals[name] or vals[name] == defaults.get(name)):
                continue
            field = records._fields[name]
            raise AccessError(
                records.env._(
                    "%(field)s of %(model)s is set by its own actions only; it cannot be "
                    "written directly.",
                    field=field._description_string(records.env),
                    model=records.env["ir.model"]._get(records._name).name,
                )
            )
