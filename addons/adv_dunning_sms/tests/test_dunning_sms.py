# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.tests import tagged

from odoo.addons.adv_dunning.tests.common import AdvDunningCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestDunningSms(AdvDunningCommon):
    """SMS is one channel record and one method (_adv_send_sms)."""

    def messages(self, letter):
        return letter.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_sms_channel(self):
        """A level with SMS puts a text with the amount in Odoo's SMS queue
        for the contact's mobile, next to the e-mail."""
        self.l_courteous.channel_ids = self.channels("email", "sms")
        self.customer.mobile = "+33 6 12 34 56 78"
        self.make_invoice(120.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=2)).letter_ids
        self.send(letter)
        self.assertEqual(letter.state, "sent")
        sms = self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn("120.00", sms.body)
        self.assertIn(self.company.name, sms.body)
        self.assertTrue(sms.number)
        self.assertTrue(letter.message_ids.filtered(lambda m: m.message_type == "sms"))
        self.assertEqual(len(self.messages(letter)), 1, "and the e-mail")

    def test_sms_without_number(self):
        self.l_courteous.channel_ids = self.channels("sms")
        self.customer.write({"mobile": False, "phone": False})
        self.make_invoice(120.0, DUE)
        letter = self.run_dunning(DUE + timedelta(days=2)).letter_ids
        self.send(letter)
        self.assertEqual(letter.state, "sent")
        self.assertFalse(self.env["sms.sms"].search([("partner_id", "=", self.customer.id)]))
        self.assertIn("no mobile number", letter.message_ids[0].body)
