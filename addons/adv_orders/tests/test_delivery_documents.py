# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import tagged

from .common import AdvDeliveryCommon


def text_of(html):
    """The visible text of a rendered report, spaces normalised."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


@tagged("post_install", "-at_install")
class TestDeliveryDocuments(AdvDeliveryCommon):
    """The delivery slip, the partial shipment notice, the invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.payer = cls.env["res.partner"].create(
            {"name": "Durand Holding Comptabilité", "is_company": True, "city": "Paris"}
        )

    def render(self, report, records):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)
        return text_of(html.decode())

    def test_delivery_slip_shows_order_progress_and_payer(self):
        order = self.confirmed_order(
            [(self.widget, 10.0, {}), (self.gadget, 4.0, {})],
            partner_invoice_id=self.payer.id,
        )
        first = self.open_delivery(order)
        self.deliver(first, {self.widget: 3.0, self.gadget: 4.0})
        second = self.open_delivery(order)
        self.deliver(second, {self.widget: 5.0})
        text = self.render("stock.action_report_delivery", second)
        self.assertIn("Shipped Before", text)
        self.assertIn("Still to Come", text)
        self.assertIn(order.name, text)
        self.assertIn("PO-4711", text, "the customer's PO reference")
        self.assertIn("Invoiced To", text)
        self.assertIn("Durand Holding Comptabilité", text, "the payer, not the recipient")
        # Widget: ordered 10, shipped now 5, shipped before 3, still to come 2.
        self.assertRegex(text, r"Widget 10\.00 Units 5\.00 3\.00 2\.00")
        # Gadget: all left with the first delivery.
        self.assertRegex(text, r"Gadget 4\.00 Units 0\.00 4\.00 0\.00")
        first_text = self.render("stock.action_report_delivery", first)
        self.assertRegex(first_text, r"Widget 10\.00 Units 3\.00 0\.00 7\.00")

    def test_remaining_quantities_print_once(self):
        """While a backorder is open, Odoo's slip lists it ("Remaining
        quantities not yet delivered"); ours says the same in "Still to
        Come": only ours prints."""
        order = self.confirmed_order([(self.widget, 10.0, {})])
        first = self.open_delivery(order)
        self.deliver(first, {self.widget: 3.0})
        self.assertTrue(first.backorder_ids.filtered(lambda p: p.state not in ("done", "cancel")))
        text = self.render("stock.action_report_delivery", first)
        self.assertEqual(text.count("Still to Come"), 1)
        self.assertNotIn("Remaining quantities not yet delivered", text)

    def test_slip_without_sale_prints_as_before(self):
        picking_type = self.warehouse.out_type_id
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": self.customer.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Gizmo",
                            "product_id": self.gizmo.id,
                            "product_uom_qty": 2.0,
                            "location_id": picking_type.default_location_src_id.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        text = self.render("stock.action_report_delivery", picking)
        self.assertIn("Gizmo", text)
        self.assertNotIn("Shipped Before", text)
        self.assertNotIn("Invoiced To", text)

    def test_payer_hidden_when_it_is_the_recipient(self):
        order = self.confirmed_order([(self.widget, 2.0, {})])
        text = self.render("stock.action_report_delivery", self.open_delivery(order))
        self.assertNotIn("Invoiced To", text)

    def test_partial_shipment_notice(self):
        order = self.confirmed_order([(self.widget, 10.0, {})])
        picking = self.open_delivery(order)
        self.deliver(picking, {self.widget: 4.0})
        self.assertFalse(
            picking.message_ids.filtered(lambda m: "partial shipment" in (m.subject or "")),
            "only customers who asked for it get the notice",
        )
        self.customer.adv_notify_partial_shipment = True
        second = self.open_delivery(order)
        self.deliver(second, {self.widget: 4.0})
        notice = second.message_ids.filtered(lambda m: "partial shipment" in (m.subject or ""))
        self.assertEqual(len(notice), 1)
        self.assertIn(self.customer, notice.partner_ids)
        body = text_of(str(notice.body))
        self.assertIn("Widget", body)
        self.assertRegex(body, r"10\.0 Units 4\.0 4\.0 2\.0")
        # The last delivery leaves nothing behind: no notice.
        last = self.open_delivery(order)
        self.deliver(last, {self.widget: 2.0})
        self.assertFalse(
            last.message_ids.filtered(lambda m: "partial shipment" in (m.subject or ""))
        )

    def test_invoice_shows_what_remains_when_the_company_asks(self):
        order = self.confirmed_order([(self.widget, 10.0, {}), (self.gadget, 2.0, {})])
        self.deliver(self.open_delivery(order), {self.widget: 6.0, self.gadget: 2.0})
        invoice = order._create_invoices()
        invoice.action_post()
        text = self.render("account.account_invoices", invoice)
        self.assertNotIn("Still to be delivered", text)
        self.env.company.adv_invoice_show_backorder = True
        text = self.render("account.account_invoices", invoice)
        self.assertIn("Still to be delivered", text)
        self.assertRegex(text, rf"{order.name} \[WID\] Widget 4\.00 Units")
        self.assertNotRegex(text, rf"{order.name} \[GAD\] Gadget")

    def test_installments_on_the_order(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "30 % now, 70 % in 30 days",
                "line_ids": [
                    (0, 0, {"value": "percent", "value_amount": 30.0, "nb_days": 0}),
                    (0, 0, {"value": "percent", "value_amount": 70.0, "nb_days": 30}),
                ],
            }
        )
        order = self.create_order(
            [(self.gadget, 10.0, {"price_unit": 100.0, "tax_id": [(5, 0, 0)]})],
            payment_term_id=term.id,
            date_order="2026-03-02 09:00:00",
        )
        text = text_of(str(order.adv_installment_html))
        self.assertIn("03/02/2026 300.00", text.replace("$ ", "").replace(" €", ""))
        self.assertIn("04/01/2026 700.00", text.replace("$ ", "").replace(" €", ""))
