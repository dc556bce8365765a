# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import AdvAckCommon


@tagged("post_install", "-at_install")
class TestAckWorkflow(AdvAckCommon):
    def ack_messages(self, order):
        return order.message_ids.filtered(
            lambda m: m.attachment_ids.filtered(
                lambda a: a.name.startswith("Order Acknowledgement")
            )
        )

    def test_automatic_send(self):
        order = self.create_order(adv_user_id=self.adv_user.id)
        order.action_confirm()
        self.assertEqual(order.adv_ack_state, "acknowledged")
        self.assertEqual(order.adv_ack_rule_id, self.rule)
        self.assertEqual(order.adv_ack_revision, 1)
        self.assertTrue(order.adv_ack_date)
        message = self.ack_messages(order)
        self.assertEqual(len(message), 1)
        # the template's report (PDF; Odoo renders HTML in test mode)
        self.assertEqual(
            message.attachment_ids.name.rsplit(".", 1)[0],
            f"Order Acknowledgement {order.name} rev 1",
        )
        self.assertEqual(message.message_type, "comment")
        self.assertIn(order.name, message.subject)
        self.assertIn(self.customer, message.partner_ids)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertTrue(mail, "an e-mail goes to the customer")
        self.assertEqual(mail.attachment_ids, message.attachment_ids)

    def test_manual_review(self):
        self.rule.send_mode = "manual"
        order = self.create_order()
        order.action_confirm()
        self.assertEqual(order.adv_ack_state, "to_send")
        self.assertFalse(self.ack_messages(order))
        order.with_user(self.adv_user).action_adv_ack_send()
        self.assertEqual(order.adv_ack_state, "acknowledged")
        self.assertEqual(len(self.ack_messages(order)), 1)

    def test_blocked_then_fixed(self):
        order = self.create_order(client_order_ref=False, adv_user_id=self.adv_user.id)
        order.action_confirm()
        self.assertEqual(order.adv_ack_state, "blocked")
        self.assertEqual(order.adv_ack_issue_ids.mapped("check"), ["client_ref"])
        activity = order.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("adv_orders.mail_activity_type_adv_ack")
        )
        self.assertEqual(activity.user_id, self.adv_user)
        self.assertIn("PO reference is missing", str(activity.note))
        self.assertFalse(self.ack_messages(order))
        # Acknowledging again without a fix keeps it blocked, with one activity.
        order.with_user(self.adv_user).action_adv_acknowledge()
        self.assertEqual(order.adv_ack_state, "blocked")
        self.assertEqual(len(order.activity_ids), 1)
        order.with_user(self.adv_user).client_order_ref = "PO-2026-118"
        order.with_user(self.adv_user).action_adv_acknowledge()
        self.assertEqual(order.adv_ack_state, "acknowledged")
        self.assertFalse(order.adv_ack_issue_ids)
        self.assertFalse(order.activity_ids, "the activity is done")

    def test_override_needs_a_manager_and_a_reason(self):
        order = self.create_order(client_order_ref=False)
        order.action_confirm()
        self.assertEqual(order.adv_ack_state, "blocked")
        action = order.with_user(self.adv_user).action_adv_ack_override()
        wizard_as_user = (
            self.env["adv.ack.override"].with_user(self.adv_user).with_context(**action["context"])
        )
        with self.assertRaises(AccessError):
            wizard_as_user.create({"reason": "Customer called"}).action_confirm()
        wizard = (
            self.env["adv.ack.override"]
            .with_user(self.adv_manager)
            .with_context(**action["context"])
            .create({"reason": "   "})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(order.adv_ack_state, "blocked")
        with Form(
            self.env["adv.ack.override"]
            .with_user(self.adv_manager)
            .with_context(**action["context"])
        ) as form:
            form.reason = "PO reference follows by mail, agreed with the buyer"
        form.record.action_confirm()
        self.assertEqual(order.adv_ack_state, "acknowledged")
        self.assertTrue(
            order.message_ids.filtered(lambda m: "agreed with the buyer" in str(m.body)),
            "the reason is kept in the chatter",
        )

    def test_change_after_acknowledgement_reopens(self):
        order = self.create_order()
        order.action_confirm()
        self.assertEqual(order.adv_ack_state, "acknowledged")
        line = order.order_line
        line.price_unit = line.price_unit  # same value: nothing changes
        self.assertEqual(order.adv_ack_state, "acknowledged")
        line.with_user(self.adv_user).price_unit = 18.0
        self.assertEqual(order.adv_ack_state, "to_check")
        self.assertEqual(order.adv_ack_revision, 2)
        error = order.adv_order_error_ids
        self.assertEqual(error.error_type, "price")
        self.assertTrue(error.automatic)
        self.assertEqual(error.revision, 2)
        order.with_user(self.adv_user).action_adv_acknowledge()
        self.assertEqual(order.adv_ack_state, "acknowledged")
        names = [
            name.rsplit(".", 1)[0]
            for name in self.ack_messages(order).attachment_ids.mapped("name")
        ]
        self.assertIn(f"Order Acknowledgement {order.name} rev 2", names)
        self.assertEqual(len(names), 2, "both revisions are kept")

    def test_each_change_logs_its_error_type(self):
        order = self.create_order()
        order.action_confirm()
        order.order_line.product_uom_qty = 7
        order.action_adv_acknowledge()
        order.commitment_date = "2026-12-24 09:00:00"
        order.action_adv_acknowledge()
        other_address = self.env["res.partner"].create(
            {
                "name": "Durand Grenoble",
                "parent_id": self.customer.id,
                "type": "delivery",
                "street": "1 av. Alsace",
                "zip": "38000",
                "city": "Grenoble",
                "country_id": self.env.ref("base.fr").id,
            }
        )
        order.partner_shipping_id = other_address
        self.assertEqual(
            order.adv_order_error_ids.mapped("error_type"), ["address", "delay", "quantity"]
        )
        self.assertEqual(order.adv_ack_revision, 4)

    def test_change_of_unsent_passed_order_rechecks(self):
        self.rule.send_mode = "manual"
        order = self.create_order()
        order.action_confirm()
        self.assertEqual(order.adv_ack_state, "to_send")
        order.order_line.product_uom_qty = 2
        self.assertEqual(order.adv_ack_state, "to_check")
        self.assertEqual(order.adv_ack_revision, 1, "nothing was sent: same revision")
        self.assertFalse(order.adv_order_error_ids)

    def test_received_date_editable_until_acknowledged(self):
        self.rule.send_mode = "manual"
        order = self.create_order()
        order.adv_received_date = "2026-11-02 08:30:00"
        order.action_confirm()
        order.adv_received_date = "2026-11-02 08:00:00"
        order.action_adv_ack_send()
        with self.assertRaises(UserError):
            order.adv_received_date = "2026-11-01 08:00:00"
        self.assertEqual(str(order.adv_received_date), "2026-11-02 08:00:00")

    def test_access_rights(self):
        order = self.create_order(client_order_ref=False, user_id=self.salesman.id)
        order.with_user(self.salesman).action_confirm()  # the checks run for a salesman
        self.assertEqual(order.adv_ack_state, "blocked")
        order_as_salesman = order.with_user(self.salesman)
        self.assertEqual(order_as_salesman.adv_ack_state, "blocked", "read-only for sales")
        self.assertEqual(len(order_as_salesman.adv_ack_issue_ids), 1)
        with self.assertRaises(AccessError):
            order_as_salesman.action_adv_acknowledge()
        order.client_order_ref = "PO-1"
        order.with_user(self.adv_user).action_adv_acknowledge()
        self.assertEqual(order.adv_ack_state, "acknowledged")

    def test_entry_error_logged_by_hand(self):
        order = self.create_order()
        order.action_confirm()
        action = order.with_user(self.adv_user).action_adv_log_error()
        with Form(
            self.env[action["res_model"]].with_user(self.adv_user).with_context(**action["context"])
        ) as form:
            form.error_type = "product"
            form.description = "Wrong colour entered: blue instead of red"
        error = form.record
        self.assertEqual(error.order_id, order)
        self.assertEqual(error.user_id, self.adv_user)
        self.assertFalse(error.automatic)
        self.assertEqual(order.adv_order_error_count, 1)
        self.assertEqual(order.action_adv_view_errors()["domain"], [("order_id", "=", order.id)])

    def test_bulk_confirmation(self):
        orders = self.create_order() | self.create_order(client_order_ref=False)
        orders.action_confirm()
        self.assertEqual(orders.mapped("adv_ack_state"), ["acknowledged", "blocked"])

    def test_buttons(self):
        order = self.create_order(client_order_ref=False)
        self.assertFalse(order.adv_can_acknowledge)
        order.action_confirm()
        self.assertTrue(order.adv_can_acknowledge)
        self.assertTrue(order.adv_can_override_ack)
        self.assertFalse(order.adv_can_send_ack)
        with self.assertRaises(UserError):
            self.create_order().action_adv_acknowledge()  # a quotation has nothing to acknowledge
