# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the claim forms prevent, a JSON-RPC call by the same user cannot do
either: each bypass is tried as the user, refused, and changes nothing."""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import AdvClaimCommon

NAN = float("nan")


@tagged("post_install", "-at_install")
class TestClaimIntegrity(AdvClaimCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.other_order, _picking, cls.other_invoice = cls._make_invoiced_order(
            partner=cls.other_customer
        )
        cls.company.adv_claim_credit_note_threshold = 150.0

    def _waiting_credit_note(self):
        claim = self._new_claim(lines={self.widget: 2.0})
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        return claim, refund

    def test_approval_state_cannot_be_cleared(self):
        """An ADV user clears the approval and posts: refused, still waiting."""
        claim, refund = self._waiting_credit_note()
        as_user = refund.with_user(self.adv_user)
        for value in (False, "approved"):
            with self.subTest(value=value), self.assertRaises(AccessError) as caught:
                as_user.write({"adv_claim_approval_state": value})
            # The guard's refusal, not a lack of rights on invoices: the
            # assistant edits the credit note's lines in the tests below.
            self.assertIn("is set by its own actions only", str(caught.exception))
        with self.assertRaises(UserError):
            as_user.action_post()
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")

    def _post_entries_wizard(self, moves, user):
        """The list view's "Post entries" action, which posts without action_post."""
        return (
            self.env["validate.account.move"]
            .with_user(user)
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create({})
        )

    def test_approval_not_bypassed_by_other_posting_paths(self):
        """Neither the "Post entries" wizard nor the auto-post cron posts a
        credit note waiting for a manager; approving is a manager's action."""
        claim, refund = self._waiting_credit_note()
        with self.assertRaises(UserError):
            self._post_entries_wizard(refund, self.adv_user).validate_move()
        self.assertEqual(refund.state, "draft")
        with self.assertRaises(UserError):
            claim.with_user(self.adv_user).action_approve_credit_notes()
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        # Scheduled for auto-posting by the assistant, it is left to the
        # manager: OdooBot, who runs the cron, approves nothing.
        refund.with_user(self.adv_user).write(
            {"auto_post": "at_date", "date": fields.Date.today(), "checked": True}
        )
        self.env.ref("account.ir_cron_auto_post_draft_entry").sudo().method_direct_trigger()
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        self.assertEqual(refund.auto_post, "no")
        self.assertTrue(claim.credit_note_to_approve)

    def test_unlinked_credit_note_above_threshold_needs_a_manager(self):
        """Reset to draft and raised above the threshold, a credit note is not
        posted again without a manager."""
        self.company.adv_claim_credit_note_threshold = 1000.0
        claim = self._new_claim(lines={self.widget: 1.0})
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.state, "posted")
        refund.button_draft()
        self.company.adv_claim_credit_note_threshold = 50.0
        with self.assertRaises(UserError):
            refund.with_user(self.adv_user).action_post()
        self.assertEqual(refund.state, "draft")
        refund.with_user(self.adv_manager).action_post()  # a manager posting approves
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.adv_claim_approval_state, "approved")

    def test_cap_checked_again_at_approval(self):
        """Raised while it waits, beyond what the invoice allows: the manager's
        approval is refused and nothing is posted."""
        claim, refund = self._waiting_credit_note()
        line = refund.invoice_line_ids.filtered("product_id")
        refund.write(
            {
                "invoice_line_ids": [
                    Command.update(line.id, {"price_unit": self.invoice.amount_total * 2})
                ]
            }
        )
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.adv_manager).action_approve_credit_notes()
        self.assertIn("exceeds what remains creditable", str(caught.exception))
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        with self.assertRaises(UserError):
            refund.with_user(self.adv_manager).action_post()
        self.assertEqual(refund.state, "draft")

    def test_cap_after_edit_by_the_assistant(self):
        """3,000.00 invoiced; the waiting credit note raised to 4,500.00 by the
        assistant can be neither approved nor posted, by any path."""
        order, picking, invoice = self._make_invoiced_order(
            lines={self.widget: 30.0}, delivered={self.widget: 30.0}
        )
        self.assertEqual(invoice.amount_untaxed, 3000.0)
        claim = self._new_claim(
            sale_order_id=order.id,
            picking_ids=[Command.set(picking.ids)],
            invoice_ids=[Command.set(invoice.ids)],
        )
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        line = refund.invoice_line_ids.filtered("product_id")
        refund.with_user(self.adv_user).write(
            {"invoice_line_ids": [Command.update(line.id, {"price_unit": 2250.0})]}
        )
        self.assertEqual(refund.amount_untaxed, 4500.0)
        # Nor is it unhooked from its invoice, or hooked to a larger one, to
        # escape the cap.
        _order, _picking, larger = self._make_invoiced_order(
            lines={self.widget: 60.0}, delivered={self.widget: 60.0}
        )
        for target in (False, larger.id):
            with self.subTest(target=target), self.assertRaises(AccessError):
                refund.with_user(self.adv_user).write({"reversed_entry_id": target})
        self.assertEqual(refund.reversed_entry_id, invoice)
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.adv_manager).action_approve_credit_notes()
        self.assertIn("exceeds what remains creditable", str(caught.exception))
        with self.assertRaises(UserError):
            refund.with_user(self.adv_manager).action_post()
        with self.assertRaises(UserError):
            self._post_entries_wizard(refund, self.adv_manager).validate_move()
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        self.assertEqual(invoice.payment_state, "not_paid")
        # Brought back within the invoice, the manager approves it.
        refund.with_user(self.adv_user).write(
            {"invoice_line_ids": [Command.update(line.id, {"price_unit": 1000.0})]}
        )
        claim.with_user(self.adv_manager).action_approve_credit_notes()
        self.assertEqual(refund.state, "posted")

    def test_cap_in_the_invoice_currency(self):
        """Switched by the assistant to a currency worth ten times more while
        it waits, a 230.00 credit note would credit 2,300.00 on a 920.00
        invoice: neither approved nor posted."""
        strong = self.setup_other_currency("CHF", rates=[("1900-01-01", 0.1)])
        claim, refund = self._waiting_credit_note()
        refund.with_user(self.adv_user).write({"currency_id": strong.id})
        self.assertEqual(refund.amount_total, 230.0)
        self.assertEqual(refund.amount_total_signed, -2300.0)
        self.assertEqual(self.invoice.amount_total, 920.0)
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.adv_manager).action_approve_credit_notes()
        self.assertIn("in the currency of the invoice it credits", str(caught.exception))
        with self.assertRaises(UserError):
            refund.with_user(self.adv_manager).action_post()
        self.assertEqual((refund.state, refund.adv_claim_approval_state), ("draft", "to_approve"))
        self.assertEqual(self.invoice.payment_state, "not_paid")

    def test_cap_on_an_invoice_no_longer_posted(self):
        """The invoice reset to draft (or cancelled) while its credit note
        waits leaves nothing to credit: not approved, not posted."""
        claim, refund = self._waiting_credit_note()
        self.invoice.button_draft()
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.adv_manager).action_approve_credit_notes()
        self.assertIn("is no longer posted", str(caught.exception))
        self.invoice.button_cancel()
        with self.assertRaises(UserError):
            refund.with_user(self.adv_manager).action_post()
        self.assertEqual((refund.state, refund.adv_claim_approval_state), ("draft", "to_approve"))

    def test_claim_link_is_not_written_by_hand(self):
        """A credit note cannot be passed off as a claim's correction."""
        claim = self._new_claim()
        with self.assertRaises(AccessError):
            self.invoice.with_user(self.adv_user).write({"adv_claim_id": claim.id})
        with self.assertRaises(AccessError):
            claim.with_user(self.adv_user).write(
                {"correction_move_ids": [Command.link(self.invoice.id)]}
            )
        self.assertFalse(claim.correction_move_ids)
        # Nor a delivery as its return or replacement, nor an order as its
        # replacement: the claimed quantities would count as corrected.
        for values in ({"adv_claim_id": claim.id}, {"adv_claim_correction": "replacement"}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                self.picking.with_user(self.adv_user).write(values)
        with self.assertRaises(AccessError):
            claim.with_user(self.adv_user).write(
                {"correction_picking_ids": [Command.link(self.picking.id)]}
            )
        with self.assertRaises(AccessError):
            self.order.with_user(self.adv_user).write({"adv_claim_id": claim.id})
        with self.assertRaises(AccessError):
            claim.with_user(self.adv_user).write(
                {"replacement_order_ids": [Command.link(self.order.id)]}
            )
        self.assertFalse(claim.correction_picking_ids)
        self.assertFalse(claim.replacement_order_ids)

    def test_documents_join_a_claim_from_the_claim(self):
        """Another customer's invoice or delivery cannot be slipped into a
        claim from the document's side, where the claim's checks do not run."""
        claim = self._new_claim()
        other_picking = self.other_order.picking_ids.filtered(lambda p: p.state == "done")
        for document in (self.other_invoice, other_picking):
            with self.subTest(model=document._name), self.assertRaises(AccessError):
                document.with_user(self.adv_user).write({"adv_claim_ids": [Command.link(claim.id)]})
        self.assertEqual(claim.invoice_ids, self.invoice)
        self.assertEqual(claim.picking_ids, self.picking)
        # From the claim's side, its constraint refuses them.
        for values in (
            {"invoice_ids": [Command.link(self.other_invoice.id)]},
            {"picking_ids": [Command.link(other_picking.id)]},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                claim.with_user(self.adv_user).write(values)
        self.assertEqual(claim.invoice_ids, self.invoice)
        self.assertEqual(claim.picking_ids, self.picking)
        self.assertFalse(self.picking.adv_claim_correction)
        self.assertEqual(claim.line_ids.qty_to_replace, 2.0)

    def test_wizard_refuses_an_invoice_of_another_customer(self):
        claim = self._new_claim()
        Wizard = self.env["adv.claim.credit.note"].with_user(self.adv_user)
        for mode in ("amount", "reinvoice"):
            with self.subTest(mode=mode), self.assertRaises(ValidationError) as caught:
                Wizard.create(
                    {
                        "claim_id": claim.id,
                        "mode": mode,
                        "invoice_id": self.other_invoice.id,
                        "amount": 10.0,
                    }
                )
            self.assertIn("is not an invoice of claim", str(caught.exception))
        # Nor switched to it afterwards.
        wizard = Wizard.create({"claim_id": claim.id, "mode": "amount", "amount": 10.0})
        self.assertEqual(wizard.invoice_id, self.invoice)
        with self.assertRaises(ValidationError):
            wizard.write({"invoice_id": self.other_invoice.id})
        # Nor an invoice of the right customer that the claim is not about.
        _order, _picking, unclaimed = self._make_invoiced_order()
        with self.assertRaises(ValidationError):
            Wizard.create(
                {"claim_id": claim.id, "mode": "amount", "invoice_id": unclaimed.id, "amount": 1}
            )
        self.assertFalse(claim.correction_move_ids)
        self.assertFalse(self.other_invoice.reversal_move_ids | unclaimed.reversal_move_ids)
        self.assertEqual(claim.invoice_ids, self.invoice)

    def test_contact_of_another_customer(self):
        stranger = self.env["res.partner"].create(
            {"name": "Stranger", "parent_id": self.other_customer.id}
        )
        with self.assertRaises(ValidationError):
            self._new_claim(contact_id=stranger.id)
        claim = self._new_claim()
        with self.assertRaises(ValidationError):
            claim.with_user(self.adv_user).write({"contact_id": stranger.id})
        # The customer changed while the contact stays the old customer's.
        bare = self._new_claim(
            sale_order_id=False, picking_ids=[Command.clear()], invoice_ids=[Command.clear()],
            lines={},
        )  # fmt: skip
        with self.assertRaises(ValidationError):
            bare.with_user(self.adv_user).write({"partner_id": self.other_customer.id})
        self.assertEqual(claim.contact_id, self.contact)
        self.assertEqual(bare.partner_id, self.customer)

    def test_not_a_number(self):
        with self.assertRaises(ValidationError):
            self._new_claim(lines={self.widget: NAN})
        claim = self._new_claim()
        with self.assertRaises(ValidationError):
            claim.line_ids.with_user(self.adv_user).write({"quantity": float("inf")})
        self.assertEqual(claim.line_ids.quantity, 2.0)
        line = claim.line_ids
        for values in (
            {"line_ids": [Command.update(line.id, {"quantity": NAN})]},
            {"line_ids": [Command.update(line.id, {"price_unit": float("-inf")})]},
            {"line_ids": [Command.create({"product_id": self.gadget.id, "quantity": NAN})]},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError) as caught:
                claim.with_user(self.adv_user).write(values)
            self.assertIn("must be a number", str(caught.exception))
        with self.assertRaises(ValidationError):
            line.with_user(self.adv_user).write({"price_unit": NAN})
        self.assertEqual((line.quantity, line.price_unit), (2.0, 100.0))
        self.assertEqual(claim.amount_claimed, 200.0)
        self.assertEqual(claim.line_ids, line)
        Wizard = self.env["adv.claim.credit.note"].with_user(self.adv_user)
        for amount in (NAN, float("inf")):
            with self.subTest(amount=amount), self.assertRaises(ValidationError):
                Wizard.create({"claim_id": claim.id, "mode": "amount", "amount": amount})
        wizard = Wizard.create({"claim_id": claim.id, "mode": "gesture", "amount": 5.0})
        with self.assertRaises(ValidationError):
            wizard.write({"amount": NAN})
        self.assertEqual(wizard.amount, 5.0)
        self.assertFalse(claim.correction_move_ids)

    def test_settings_not_a_number(self):
        """A NaN claim type delay or approval threshold would make every
        deadline or the approval itself meaningless: refused."""
        claim_type = self.claim_type.with_user(self.adv_manager)
        for values in ({"first_response_hours": NAN}, {"resolution_days": float("inf")}):
            with self.subTest(values=values), self.assertRaises(ValidationError) as caught:
                claim_type.write(values)
            self.assertIn("must be a number", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.env["adv.claim.type"].with_user(self.adv_manager).create(
                {"name": "NaN type", "first_response_hours": NAN}
            )
        self.assertEqual(
            (self.claim_type.first_response_hours, self.claim_type.resolution_days), (24.0, 10)
        )
        self.assertFalse(self.env["adv.claim.type"].search([("name", "=", "NaN type")]))
        # The company is written by those who manage access rights (Settings).
        admin = new_test_user(
            self.env,
            login="claim_settings_admin",
            groups="base.group_user,base.group_erp_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        company = self.company.with_user(admin)
        for values in (
            {"adv_claim_credit_note_threshold": NAN},
            {"adv_claim_credit_note_threshold": float("inf")},
            {"adv_claim_recurrence_days": NAN},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError) as caught:
                company.write(values)
            self.assertIn("must be a number", str(caught.exception))
        self.assertEqual(self.company.adv_claim_credit_note_threshold, 150.0)
        self.assertEqual(self.company.adv_claim_recurrence_days, 90)
        # Still a threshold: the next credit note above it waits for a manager.
        self._waiting_credit_note()

    def test_claim_state_fields_follow_the_workflow(self):
        """Number, end date, recurrence flag and the stored computed fields
        (ended flag, customer's company, deadlines, claimed amount) are set by
        the claim's flow only, not by a write or a create of any ADV user."""
        claim = self._new_claim()
        watched = (
            "name", "date_closed", "is_recurring", "is_done", "commercial_partner_id",
            "first_response_deadline", "resolution_deadline", "amount_claimed", "department",
        )  # fmt: skip
        before = claim.read(watched)
        later = "2099-01-01 00:00:00"
        for user in (self.adv_user, self.adv_manager):
            for values in (
                {"name": "RCL-FAKE"},
                {"date_closed": later},
                {"is_recurring": True},
                {"is_done": True},
                {"commercial_partner_id": self.other_customer.id},
                {"first_response_deadline": later},
                {"resolution_deadline": later},
                {"amount_claimed": 1.0},
                {"department": "carrier"},
            ):
                with self.subTest(user=user.login, values=values):
                    with self.assertRaises(AccessError) as caught:
                        claim.with_user(user).write(values)
                    self.assertIn("is set by its own actions only", str(caught.exception))
                    with self.assertRaises(AccessError):
                        self._new_claim(user=user, **values)
        self.assertEqual(claim.read(watched), before)
        self.assertEqual(claim.stage_id, self.stage_new)
        self.assertEqual(self.env["adv.claim"].search_count([("name", "=", "RCL-FAKE")]), 0)
        # The claimed lines' copies of the claim and their flag likewise.
        other_company = self.env["res.company"].sudo().create({"name": "Other claims company"})
        line = claim.line_ids
        line_before = line.read(["company_id", "partner_id", "date_received", "is_recurring"])
        for values in (
            {"company_id": other_company.id},
            {"partner_id": self.other_customer.id},
            {"date_received": later},
            {"cause_id": self.cause.id},
            {"price_subtotal": 1.0},
            {"is_recurring": True},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                line.with_user(self.adv_user).write(values)
        self.assertEqual(
            line.read(["company_id", "partner_id", "date_received", "is_recurring"]), line_before
        )
        # Values written back unchanged, as a client may send them, pass.
        claim.with_user(self.adv_user).write({"name": claim.name, "is_recurring": False})
        # The flow still sets them: resolving ends and dates the claim.
        self._resolve(claim)
        self.assertTrue(claim.is_done)
        self.assertTrue(claim.date_closed)

    def test_ended_claim_lines_are_read_only(self):
        """Its form shows an ended claim's lines read-only: so does the server,
        until the claim is moved back to an open stage."""
        claim = self._new_claim()
        self._resolve(claim)
        line = claim.line_ids
        as_user = claim.with_user(self.adv_user)
        for call in (
            lambda: line.with_user(self.adv_user).write({"quantity": 1.0}),
            lambda: line.with_user(self.adv_user).unlink(),
            lambda: (
                self.env["adv.claim.line"]
                .with_user(self.adv_user)
                .create({"claim_id": claim.id, "product_id": self.gadget.id, "quantity": 1.0})
            ),
            lambda: as_user.write({"line_ids": [Command.update(line.id, {"quantity": 1.0})]}),
            lambda: as_user.write({"line_ids": [Command.delete(line.id)]}),
        ):
            with self.assertRaises(UserError) as caught:
                call()
            self.assertIn("is ended", str(caught.exception))
        self.assertEqual(claim.line_ids, line)
        self.assertEqual(line.quantity, 2.0)
        # Reopened in the same write, its lines can change.
        as_user.write(
            {
                "stage_id": self.stage_new.id,
                "line_ids": [Command.update(line.id, {"quantity": 1.0})],
            }
        )
        self.assertEqual(line.quantity, 1.0)
        # Changed and resolved in one save, as from the form.
        as_user.write(
            {
                "stage_id": self.stage_resolved.id,
                "line_ids": [Command.update(line.id, {"quantity": 2.0})],
            }
        )
        self.assertEqual((line.quantity, claim.is_done), (2.0, True))

    def test_recurrence_key_from_a_client_is_ignored(self):
        """Two claims of the same product and cause: the recurrence is flagged
        even when the client asks to skip it."""
        self.company.write({"adv_claim_recurrence_count": 2, "adv_claim_recurrence_days": 90})
        self._new_claim(cause_id=self.cause.id)
        claim = self._new_claim(cause_id=self.cause.id, lines={})
        claim.with_user(self.adv_user).with_context(adv_claim_skip_recurrence=True).write(
            {"line_ids": [Command.create({"product_id": self.widget.id, "quantity": 1.0})]}
        )
        self.assertTrue(claim.is_recurring)


@tagged("post_install", "-at_install")
class TestClaimIntegrityRpc(HttpCase, AdvClaimCommon):
    """The same refusals over a real JSON-RPC call of the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.picking, cls.invoice = cls._make_invoiced_order()
        cls.other_order, _picking, cls.other_invoice = cls._make_invoiced_order(
            partner=cls.other_customer
        )
        cls.company.adv_claim_credit_note_threshold = 150.0

    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assertRpcRefused(self, error, model, method, args):
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(model, method, args)
        self.assertEqual(str(caught.exception), f"odoo.exceptions.{error}")

    def test_rpc_refusals(self):
        claim = self._new_claim()
        claim.action_create_credit_note()
        refund = claim.correction_move_ids
        self.assertEqual(refund.adv_claim_approval_state, "to_approve")
        self.authenticate(self.adv_user.login, self.adv_user.login)
        # The approval cleared, then the credit note posted.
        self.assertRpcRefused(
            "AccessError",
            "account.move",
            "write",
            [refund.ids, {"adv_claim_approval_state": False}],
        )
        self.assertRpcRefused("UserError", "account.move", "action_post", [refund.ids])
        self.assertRpcRefused("UserError", "adv.claim", "action_approve_credit_notes", [claim.ids])
        # A wizard on another customer's invoice.
        self.assertRpcRefused(
            "ValidationError",
            "adv.claim.credit.note",
            "create",
            [{"claim_id": claim.id, "mode": "amount", "invoice_id": self.other_invoice.id}],
        )
        # NaN, which Python's json reads from a request, and a forged end date.
        line = claim.line_ids
        self.assertRpcRefused(
            "ValidationError",
            "adv.claim",
            "write",
            [claim.ids, {"line_ids": [[1, line.id, {"quantity": float("nan")}]]}],
        )
        self.assertRpcRefused(
            "AccessError", "adv.claim", "write", [claim.ids, {"date_closed": "2026-01-01 00:00:00"}]
        )
        self.env.invalidate_all()
        self.assertEqual((refund.state, refund.adv_claim_approval_state), ("draft", "to_approve"))
        self.assertEqual(refund, claim.correction_move_ids)
        self.assertFalse(self.other_invoice.reversal_move_ids)
        self.assertEqual(line.quantity, 2.0)
        self.assertFalse(claim.date_closed)


@tagged("post_install", "-at_install")
class TestClaimPortalBadIds(HttpCase, AdvClaimCommon):
    def test_non_numeric_and_foreign_ids(self):
        portal = new_test_user(
            self.env,
            login="claim_portal_bad_ids",
            groups="base.group_portal",
            partner_id=self.contact.id,
        )
        self.authenticate(portal.login, portal.login)
        for url in (
            "/my/claims/abc",
            "/my/claims/new?order_id=abc",
            "/my/claims/new?invoice_id=1x",
            # Beyond what PostgreSQL stores as an id: no record, not a database error.
            "/my/claims/99999999999",
            "/my/claims/new?invoice_id=99999999999",
            "/my/claims/new?order_id=-1",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        _order, _picking, other_invoice = self._make_invoiced_order(partner=self.other_customer)
        response = self.url_open(f"/my/claims/new?invoice_id={other_invoice.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my"), "another customer's invoice: back home")
        response = self.url_open("/my/claims/99999999")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my"))
        # Another customer's claim: the same redirection, nothing of it shown.
        theirs = self.env["adv.claim"].create(
            {
                "partner_id": self.other_customer.id,
                "type_id": self.claim_type.id,
                "invoice_ids": [Command.set(other_invoice.ids)],
                "line_ids": [Command.create({"product_id": self.widget.id, "quantity": 1.0})],
            }
        )
        response = self.url_open(f"/my/claims/{theirs.id}")
        self.assertTrue(response.url.endswith("/my"))
        self.assertNotIn(theirs.name, response.text)
