# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AdvKpiCommon


@tagged("post_install", "-at_install")
class TestKpiDefinition(AdvKpiCommon):
    def test_traffic_light(self):
        otif = self.env.ref("adv_kpi.kpi_otif_rate")  # higher is better, 95 / 85
        self.assertEqual(otif._status(96.0), "green")
        self.assertEqual(otif._status(95.0), "green")
        self.assertEqual(otif._status(90.0), "amber")
        self.assertEqual(otif._status(85.0), "amber")
        self.assertEqual(otif._status(84.9), "red")
        self.assertEqual(otif._status(None), "none")
        errors = self.env.ref("adv_kpi.kpi_entry_error_rate")  # lower is better, 2 / 5
        self.assertEqual(errors._status(0.0), "green")
        self.assertEqual(errors._status(3.0), "amber")
        self.assertEqual(errors._status(5.1), "red")
        received = self.env.ref("adv_kpi.kpi_orders_received")  # no target
        self.assertEqual(received._status(10), "none")

    def test_every_definition_has_a_computation(self):
        definitions = self.Definition.search([])
        self.assertGreaterEqual(len(definitions), 20)
        for definition in definitions:
            self.assertTrue(self.engine._has_kpi(definition.code), definition.code)
            self.assertTrue(definition.description, definition.code)

    def test_unknown_code_refused(self):
        with self.assertRaises(ValidationError):
            self.Definition.create({"code": "no_such_kpi", "name": "Nothing"})

    def test_amber_on_the_wrong_side_refused(self):
        otif = self.env.ref("adv_kpi.kpi_otif_rate")
        with self.assertRaises(ValidationError):
            otif.amber_threshold = 99.0
        self.assertEqual(otif.amber_threshold, 85.0)

    def test_manager_tunes_targets_assistant_reads(self):
        otif = self.env.ref("adv_kpi.kpi_otif_rate")
        otif.with_user(self.manager).write({"target": 97.0, "amber_threshold": 90.0})
        self.assertEqual(otif.target, 97.0)
        self.assertEqual(otif.with_user(self.alice).target, 97.0)
        with self.assertRaises(AccessError):
            otif.with_user(self.alice).write({"target": 50.0})

    def test_values_are_read_only(self):
        self.env["adv.kpi.dashboard"].with_user(self.manager).get_dashboard({"date": "2026-03-10"})
        value = self.env["adv.kpi.value"].with_user(self.manager).search([], limit=1)
        self.assertTrue(value)
        for user in (self.manager, self.alice):
            with self.assertRaises(AccessError):
                value.with_user(user).write({"value": 1.0})
            with self.assertRaises(AccessError):
                value.with_user(user).unlink()

    def test_target_changes_are_tracked(self):
        otif = self.env.ref("adv_kpi.kpi_otif_rate").with_context(
            tracking_disable=False, mail_notrack=False
        )
        otif.with_user(self.manager).write({"target": 97.0, "amber_threshold": 90.0})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written at commit
        otif.invalidate_recordset(["message_ids"])
        tracked = otif.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("target", tracked)
        self.assertIn("amber_threshold", tracked)
