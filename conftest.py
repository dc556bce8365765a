# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""pytest settings shared by every test of the repository."""

import pytest


@pytest.fixture(autouse=True)
def _odoo_current_test(request):
    """Mark the running Odoo test as Odoo 18's own runner does.

    Odoo reads ``odoo.modules.module.current_test`` to keep tests from
    reaching the outside world (ir.mail_server neither connects nor sends,
    for one). pytest-odoo sets it only from Odoo 19 on: without this, a test
    that sends an e-mail really tries the configured SMTP server. Tests that
    talk to a server of their own (an SMTP sink) lift it around that call.
    """
    instance = getattr(request, "instance", None)
    try:
        from odoo.modules import module
        from odoo.tests.common import BaseCase
    except ImportError:  # the static tests run without Odoo
        yield
        return
    if not isinstance(instance, BaseCase):
        yield
        return
    previous = module.current_test
    module.current_test = instance
    try:
        yield
    finally:
        module.current_test = previous
