/** @odoo-module **/
// Copyright 2026 ADV Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("adv_claims_from_invoice", {
    steps: () => [
        {
            content: "Open a claim from the invoice",
            trigger: ".o_form_view button[name='action_adv_claim_new']",
            run: "click",
        },
        {
            content: "The claim knows its customer and invoice",
            trigger: ".o_form_view .o_field_widget[name='invoice_ids'] .o_tag",
        },
        {
            content: "Choose the claim type",
            trigger: ".o_form_view .o_field_widget[name='type_id'] input",
            run: "edit Damaged (test)",
        },
        {
            trigger: ".ui-autocomplete a:contains(Damaged (test))",
            run: "click",
        },
        {
            content: "Put the invoice in dispute",
            trigger: ".o_form_view .o_field_widget[name='dispute_hold'] input",
            run: "click",
        },
        {
            content: "Add the claimed line",
            trigger: ".o_form_view .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_data_row .o_field_widget[name='product_id'] input",
            run: "edit Widget",
        },
        {
            trigger: ".ui-autocomplete a:contains(Widget)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_data_row .o_field_widget[name='quantity'] input",
            run: "edit 2",
        },
        {
            content: "Save the claim",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The invoice is in dispute",
            trigger: ".o_form_view button[name='action_view_held_invoices']",
        },
        {
            content: "Issue the credit note",
            trigger: ".o_form_view button[name='action_create_credit_note']",
            run: "click",
        },
        {
            content: "The credit note is posted",
            trigger: ".o_form_view .o_field_widget[name='move_type']:contains(Credit Note), .o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
        {
            content: "Back to the claim",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(CLM/)",
            run: "click",
        },
        {
            content: "Open the cause page",
            trigger: ".o_notebook a[name='cause']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='cause_id'] input",
            run: "edit Broken in transport",
        },
        {
            trigger: ".ui-autocomplete a:contains(Broken in transport (test))",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='root_cause_note'] textarea",
            run: "edit Pallets were not strapped; strapping added to the checklist.",
        },
        {
            content: "Resolve",
            trigger: ".o_form_view .o_statusbar_status button[data-value]:contains(Resolved)",
            run: "click",
        },
        {
            content: "The claim is resolved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Resolved)",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

registry.category("web_tour.tours").add("adv_claims_kanban_deadlines", {
    steps: () => [
        {
            content: "The card of an open claim names each of its deadlines",
            trigger:
                ".o_kanban_record [name='adv_claim_deadlines']:contains(Response due):contains(Resolution due)",
        },
    ],
});
