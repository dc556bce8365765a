/** @odoo-module **/
// Copyright 2026 ADV Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("adv_rating_customer_answer", {
    steps: () => [
        {
            content: "The page opened from the e-mail names the delivered order",
            trigger: ".o_rating_page_submit .o_adv_rating_document strong",
        },
        {
            content: "The customer was not happy after all: the sad face",
            trigger: "label[for='rate_1']",
            run: "click",
        },
        {
            content: "and says why",
            trigger: "textarea[name='feedback']",
            run: "edit Two days late, one carton missing",
        },
        {
            content: "Send",
            trigger: ".o_rating_page_submit button[type='submit']",
            run: "click",
        },
        {
            content: "Thanked",
            trigger: ".o_rating_page_thank_you",
        },
    ],
});

registry.category("web_tour.tours").add("adv_rating_manager_drill", {
    url: "/odoo",
    steps: () => [
        {
            content: "The ADV manager sees the satisfaction after delivery on the dashboard",
            trigger:
                ".o_adv_kpi_tile[data-code='satisfaction_delivery_score'] .o_adv_kpi_value:contains('1.00 / 5')",
        },
        {
            content: "Open the answers behind it",
            trigger: ".o_adv_kpi_tile[data-code='satisfaction_delivery_score']",
            run: "click",
        },
        {
            content: "The customer's answer, with the comment",
            trigger: ".o_list_view .o_data_row:contains('Two days late, one carton missing')",
        },
    ],
});
