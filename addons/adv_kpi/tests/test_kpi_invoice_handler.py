# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import AdvKpiCommon


@tagged("post_install", "-at_install")
class TestKpiInvoiceHandler(AdvKpiCommon):
    """The ADV handler of an invoice: the order's, else the reversed invoice's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        order = cls.make_order(cls.bob, "2026-03-02 09:00:00", confirmed="2026-03-02 10:00:00")
        cls.deliver(order, "2026-03-03 10:00:00")
        cls.invoice = order._create_invoices()
        cls.invoice.action_post()
        cls.credit_note = cls.invoice._reverse_moves()
        cls.manual = cls.make_invoice("out_invoice", "2026-03-04", 10.0, cls.alice)

    def test_handler_of_the_order_and_of_the_reversed_invoice(self):
        self.assertEqual(self.invoice.adv_user_id, self.bob)
        self.assertEqual(self.credit_note.adv_user_id, self.bob)
        # Set by hand on an invoice made without an order.
        self.assertEqual(self.manual.adv_user_id, self.alice)

    def test_install_fill_gives_the_same_handlers(self):
        moves = self.invoice | self.credit_note
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE account_move SET adv_user_id = NULL WHERE id IN %s", [tuple(moves.ids)]
        )
        moves.invalidate_recordset(["adv_user_id"])
        self.assertFalse(moves.adv_user_id)
        self.env["account.move"]._adv_fill_handler()
        moves.invalidate_recordset(["adv_user_id"])
        self.assertEqual(self.invoice.adv_user_id, self.bob)
        self.assertEqual(self.credit_note.adv_user_id, self.bob)
        self.assertEqual(self.manual.adv_user_id, self.alice, "a handler set is kept")
