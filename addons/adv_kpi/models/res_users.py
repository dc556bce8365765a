# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

GROUP_FIELDS = ("groups_id",)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._adv_home_on_dashboard()
        return users

    def write(self, vals):
        result = super().write(vals)
        # The group fields of the user form are in_group_<id> / sel_groups_<ids>.
        if any(key in GROUP_FIELDS or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._adv_home_on_dashboard()
        return result

    def _adv_home_on_dashboard(self):
        """ADV users start their day on the ADV dashboard: an internal user who
        becomes an ADV user, without a home action of their own, gets it as
        home action. Administrators keep Odoo's home (the app menu)."""
        action = self.env.ref("adv_kpi.adv_kpi_dashboard_action", raise_if_not_found=False)
        if not action:
            return
        users = self.filtered(
            lambda user: (
                not user.action_id
                and not user.share
                and user._has_group("adv_orders.group_adv_user")
                and not user._has_group("base.group_system")
            )
        )
        if users:
            users.sudo().write({"action_id": action.id})

    @api.model
    def _adv_home_on_dashboard_for_all(self):
        """At install: the ADV users who exist already."""
        group = self.env.ref("adv_orders.group_adv_user")
        self.sudo().with_context(active_test=False).search(
            [("groups_id", "in", group.ids)]
        )._adv_home_on_dashboard()
