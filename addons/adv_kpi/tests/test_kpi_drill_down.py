# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import AdvKpiDataCommon

PARAMS = {"period_type": "month", "date": "2026-03-10"}


@tagged("post_install", "-at_install")
class TestKpiDrillDown(AdvKpiDataCommon):
    """Each tile opens exactly the records behind its numerator."""

    # How the numerator is made of the drilled records: a count, or the sum of a field.
    AMOUNTS = {
        "invoices_amount": "amount_untaxed_signed",
        "credit_notes_amount": "amount_untaxed_signed",
        "credit_note_ratio": "amount_untaxed_signed",
        "backorder_value": "adv_backorder_value",
        "dso": "balance",
        "receivables_not_due": "amount_residual",
        "overdue_1_30": "amount_residual",
        "overdue_31_60": "amount_residual",
        "overdue_61_90": "amount_residual",
        "overdue_over_90": "amount_residual",
        "unapplied_credits": "amount_residual",
        "dunning_effectiveness": "amount_due",
    }
    # Averages: the drilled records are the ones averaged (the denominator).
    AVERAGES = (
        "ack_delay_hours", "claim_response_hours", "claim_resolution_days",
        "satisfaction_delivery_score", "satisfaction_claim_score", "order_taking_hours",
    )  # fmt: skip
    # Measured per invoice line, drilled to the invoices holding those lines.
    INVOICE_LINES = ("invoicing_delay_days", "invoiced_in_target_rate")
    # Numerators derived from two fields of the drilled records.
    DERIVED = {
        "collection_recovery_rate": lambda cases: (
            sum(cases.mapped("amount_opening")) - sum(cases.mapped("amount_residual"))
        ),
    }

    def drill(self, tile, handler=None):
        params = dict(PARAMS, handler_id=handler.id if handler else False)
        action = (
            self.env["adv.kpi.dashboard"].with_user(self.manager).action_drill(tile["id"], params)
        )
        self.assertEqual(action["type"], "ir.actions.act_window")
        return self.env[action["res_model"]].search(action["domain"])

    def check_tiles(self, handler=None):
        data = (
            self.env["adv.kpi.dashboard"]
            .with_user(self.manager)
            .get_dashboard(dict(PARAMS, handler_id=handler.id if handler else False))
        )
        self.assertEqual(len(data["tiles"]), 37)
        for tile in data["tiles"]:
            records = self.drill(tile, handler)
            code = tile["code"]
            if code in self.DERIVED:
                self.assertAlmostEqual(self.DERIVED[code](records), tile["numerator"], msg=code)
            elif code in self.AMOUNTS:
                total = abs(sum(records.mapped(self.AMOUNTS[code])))
                self.assertAlmostEqual(total, abs(tile["numerator"]), msg=code)
            elif code in self.INVOICE_LINES:
                self.assertLessEqual(len(records), tile["denominator"] or 0, code)
                self.assertEqual(set(records.mapped("move_type")) - {"out_invoice"}, set(), code)
            elif code in self.AVERAGES:
                self.assertEqual(len(records), tile["denominator"], code)
            else:
                self.assertEqual(len(records), tile["numerator"], code)

    def test_drill_down_matches_every_numerator(self):
        self.check_tiles()

    def test_drill_down_per_handler(self):
        self.check_tiles(self.bob)

    def test_drill_down_records(self):
        tiles = {
            t["code"]: t
            for t in self.env["adv.kpi.dashboard"]
            .with_user(self.manager)
            .get_dashboard(PARAMS)["tiles"]
        }
        self.assertEqual(self.drill(tiles["entry_error_rate"]), self.o2 | self.o3 | self.o4)
        self.assertEqual(self.drill(tiles["otif_rate"]), self.o1)
        self.assertEqual(self.drill(tiles["credit_notes_issued"]), self.r1 | self.r2)
        self.assertEqual(self.drill(tiles["backorder_rate"]).order_id, self.o3 | self.o4)
        self.assertEqual(self.drill(tiles["overdue_over_90"]).move_id, self.i5)
