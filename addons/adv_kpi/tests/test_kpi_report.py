# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import AdvKpiDataCommon


@tagged("post_install", "-at_install")
class TestKpiReport(AdvKpiDataCommon):
    def test_pdf_summary(self):
        report = self.env.ref("adv_kpi.action_report_adv_kpi_dashboard")
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html(
                report.report_name,
                [],
                data={"params": {"period_type": "month", "date": "2026-03-10"}},
            )
        )
        html = html.decode()
        self.assertIn("OTIF rate", html)
        self.assertIn("50.0", html)  # OTIF of March
        self.assertIn("Off target", html)

    def test_pdf_is_printed(self):
        # The real PDF (wkhtmltopdf), as the Print button downloads it.
        report = self.env.ref("adv_kpi.action_report_adv_kpi_dashboard")
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.alice)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                report.report_name,
                [],
                data={"params": {"period_type": "quarter", "date": "2026-03-10"}},
            )
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_order_analysis(self):
        Report = self.env["adv.kpi.order.report"].with_user(self.alice)
        rows = Report._read_group(
            [
                ("company_id", "=", self.company.id),
                ("date", ">=", "2026-03-01"),
                ("date", "<", "2026-04-01"),
            ],
            ["adv_user_id"],
            [
                "received_count:sum",
                "confirmed_count:sum",
                "acknowledged_count:sum",
                "otif_count:sum",
            ]
            + ["backorder_count:sum", "error_order_count:sum"],
        )
        figures = {user: rest for user, *rest in rows}
        # Alice in March: O1, O2, O5 received; O1, O2 confirmed and
        # acknowledged; O1 OTIF; no backorder; O2 with an error.
        self.assertEqual(figures[self.alice], [3, 2, 2, 1, 0, 1])
        # Bob: O3 received (O6 cancelled is out), confirmed, acknowledged, backorder, errors.
        self.assertEqual(figures[self.bob], [1, 1, 1, 0, 1, 1])

    def test_invoice_analysis(self):
        Report = self.env["adv.kpi.invoice.report"].with_user(self.alice)
        rows = Report._read_group(
            [
                ("company_id", "=", self.company.id),
                ("invoice_date", ">=", "2026-03-01"),
                ("invoice_date", "<=", "2026-03-31"),
            ],
            ["adv_user_id"],
            [
                "invoice_count:sum",
                "credit_note_count:sum",
                "amount_invoiced:sum",
                "amount_credited:sum",
            ],
        )
        figures = {user: rest for user, *rest in rows}
        # Alice: I1 1000, R1 100; Bob: I2 500, R2 200 EUR = 100 USD.
        self.assertEqual(figures[self.alice], [1, 1, 1000.0, 100.0])
        self.assertEqual(figures[self.bob], [1, 1, 500.0, 100.0])
