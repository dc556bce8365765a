/** @odoo-module **/
// Copyright 2026 ADV Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("adv_orders_ack_blocked_then_fixed", {
    steps: () => [
        {
            content: "Confirm the quotation",
            trigger: ".o_form_view button[name='action_confirm']:visible",
            run: "click",
        },
        {
            content: "The acknowledgement is blocked, with its reason",
            trigger: ".alert-danger[name='adv_ack_blocked']:contains(PO reference is missing)",
        },
        {
            content: "One line per failed check: no table with empty rows",
            trigger:
                ".alert-danger[name='adv_ack_blocked']:not(:has(table)) .o_field_widget[name='adv_ack_issue_text']",
        },
        {
            content: "Open the ADV page",
            trigger: ".o_notebook a[name='adv']",
            run: "click",
        },
        {
            content: "Enter the customer's PO reference",
            trigger: ".o_notebook div[name='client_order_ref'] input",
            run: "edit PO-TOUR-42",
        },
        {
            content: "Acknowledge",
            trigger: ".o_form_view button[name='action_adv_acknowledge']",
            run: "click",
        },
        {
            content: "The order is acknowledged",
            trigger: ".o_form_view .o_field_widget[name='adv_ack_state'] .badge:contains(Acknowledged)",
        },
        {
            content: "No blocking message any more",
            trigger: ".o_form_view:not(:has(.alert-danger[name='adv_ack_blocked']:visible))",
        },
    ],
});
