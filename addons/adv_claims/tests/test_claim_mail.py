# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
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
