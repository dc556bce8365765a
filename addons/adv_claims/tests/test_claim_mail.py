# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AdvClaimCommon


@tagged("post_install", "-at_install")
class TestClaimMail(AdvClaimCommon):
    """The customer is told when the claim is received, when a solution is
    proposed and when it is resolved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()

    def _flush_tracking(self):
        """Tracking, and the stage e-mails it triggers, are posted just before commit."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _messages(self, claim, text):
        return claim.message_ids.filtered(lambda m: text in (m.subject or ""))

    def test_stage_templates(self):
        mail_ctx = {
            "tracking_disable": False,
            "mail_notrack": False,
            "mail_create_nolog": False,
        }
        # Created in the first stage: the acknowledgement of receipt.
        claim = (
            self.env["adv.claim"]
            .with_context(**mail_ctx)
            .with_user(self.adv_user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "contact_id": self.contact.id,
                    "type_id": self.claim_type.id,
                    "invoice_ids": self.invoice.ids,
                }
            )
        )
        self._flush_tracking()
        received = self._messages(claim, "We received your claim")
        self.assertEqual(len(received), 1)
        self.assertIn(self.contact, received.partner_ids)
        self.assertIn(claim.name, received.subject)
        claim.stage_id = self.env.ref("adv_claims.adv_claim_stage_solution")
        self._flush_tracking()
        self.assertEqual(len(self._messages(claim, "Our proposal for your claim")), 1)
        self.assertTrue(claim.first_response_date)
        self._resolve(claim)
        self._flush_tracking()
        resolved = self._messages(claim, "is resolved")
        self.assertEqual(len(resolved), 1)
        self.assertIn(self.contact, resolved.partner_ids)

    def test_templates_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["adv_claims"], ["fr_FR"], overwrite=True)
        self.contact.lang = "fr_FR"
        claim = self._new_claim()
        for xmlid in (
            "adv_claims.mail_template_claim_received",
            "adv_claims.mail_template_claim_solution",
            "adv_claims.mail_template_claim_resolved",
        ):
            template = self.env.ref(xmlid)
            subject = template._render_field("subject", claim.ids, compute_lang=True)[claim.id]
            body = template._render_field("body_html", claim.ids, compute_lang=True)[claim.id]
            self.assertIn("réclamation", subject)
            self.assertIn("Bonjour", body)
            self.assertIn(claim.name, subject)

    def test_first_response_is_a_reply_to_the_customer(self):
        claim = self._new_claim()
        self.assertFalse(claim.first_response_date)
        as_user = claim.with_user(self.adv_user)
        # as the chatter's composer posts: message_type comment
        as_user.message_post(
            body="Checked with the warehouse.", subtype_xmlid="mail.mt_note", message_type="comment"
        )
        self.assertFalse(claim.first_response_date, "an internal note is no reply")
        claim.message_unsubscribe(partner_ids=(self.customer | self.contact).ids)
        as_user.message_post(
            body="To the team.", subtype_xmlid="mail.mt_comment", message_type="comment"
        )
        self.assertFalse(claim.first_response_date, "a message the customer does not receive")
        as_user.message_post(
            body="We are looking into it.",
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            partner_ids=self.contact.ids,
        )
        self.assertTrue(claim.first_response_date, "the first reply sent to the customer")

    def test_credit_notes_sent_from_the_claim(self):
        """A credit note of the claim goes out with Odoo's Send & Print, from
        the claim; the resolution e-mail speaks of credit notes once sent."""
        claim = self._new_claim()
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.state, "posted")
        self.assertTrue(claim.credit_note_to_send)
        action = claim.with_user(self.adv_user).action_send_credit_notes()
        self.assertEqual(action["res_model"], "account.move.send.wizard")
        self.assertEqual(action["context"]["active_ids"], refund.ids)
        template = self.env.ref("adv_claims.mail_template_claim_resolved")

        def body():
            return template._render_field("body_html", claim.ids)[claim.id]

        self.assertNotIn("sent to you separately", body(), "not sent yet: not said")
        refund.is_move_sent = True
        self.assertFalse(claim.credit_note_to_send)
        self.assertIn("sent to you separately", body())
        with self.assertRaises(UserError):
            claim.action_send_credit_notes()
