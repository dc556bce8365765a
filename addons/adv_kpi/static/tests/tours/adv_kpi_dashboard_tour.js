/** @odoo-module **/
// Copyright 2026 ADV Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("adv_kpi_dashboard_drill", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("adv_orders.menu_adv_root", "Open the ADV application"),
        {
            content: "The ADV application opens on the dashboard",
            trigger: ".o_adv_kpi_dashboard .o_adv_kpi_tile[data-code='orders_confirmed']",
        },
        {
            content: "Two orders were confirmed this month",
            trigger:
                ".o_adv_kpi_tile[data-code='orders_confirmed'] .o_adv_kpi_value:contains('2')",
        },
        {
            content: "Open the confirmed orders behind the tile",
            trigger: ".o_adv_kpi_tile[data-code='orders_confirmed']",
            run: "click",
        },
        {
            content: "The two orders are listed",
            trigger: ".o_list_view .o_data_row:nth-child(2)",
        },
        {
            content: "Only those two",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3)))",
        },
    ],
});

registry.category("web_tour.tours").add("adv_kpi_home_dashboard", {
    url: "/odoo",
    steps: () => [
        {
            content: "The ADV assistant lands on the ADV dashboard, without a click",
            trigger: ".o_adv_kpi_dashboard .o_adv_kpi_tile[data-code='orders_confirmed']",
        },
    ],
});
