/** @odoo-module **/
// Copyright 2026 ADV Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("adv_orders_open_app", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("adv_orders.menu_adv_root", "Open the ADV application"),
        {
            content: "The ADV application is open",
            trigger: '.o_main_navbar .o_menu_brand:contains("ADV")',
        },
        {
            content: "Open the Orders section",
            trigger: '.o_menu_sections button[data-menu-xmlid="adv_orders.menu_adv_orders"]',
            run: "click",
        },
        {
            content: "Open the confirmed orders",
            trigger: '.dropdown-item[data-menu-xmlid="adv_orders.menu_adv_orders_order"]',
            run: "click",
        },
        {
            content: "The confirmed orders are listed",
            trigger: '.o_breadcrumb .active:contains("Orders")',
        },
        {
            content: "Open the Deliveries section",
            trigger: '.o_menu_sections button[data-menu-xmlid="adv_orders.menu_adv_deliveries"]',
            run: "click",
        },
        {
            content: "Open the deliveries",
            trigger:
                '.dropdown-item[data-menu-xmlid="adv_orders.menu_adv_deliveries_delivery"]',
            run: "click",
        },
        {
            content: "The deliveries are listed",
            trigger: '.o_breadcrumb .active:contains("Deliveries")',
        },
    ],
});
