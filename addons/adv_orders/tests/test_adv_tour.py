# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAdvTour(HttpCase):
    def test_adv_user_opens_the_app(self):
        """An ADV assistant logs in and walks the ADV menu (skipped without Chromium)."""
        new_test_user(
            self.env,
            login="adv_tour_user",
            password="adv_tour_user",
            groups="base.group_user,adv_orders.group_adv_user",
        )
        self.start_tour("/odoo", "adv_orders_open_app", login="adv_tour_user")
