/** @odoo-module **/
// Copyright 2026 ADV Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// An ADV assistant asks for a dunning run: it is computed in the background.
registry.category("web_tour.tours").add("adv_dunning_run_compute_tour", {
    url: "/odoo/adv-dunning-runs",
    steps: () => [
        {
            content: "Create a run",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Compute the run",
            trigger: ".o_form_view button[name='action_compute_background']",
            run: "click",
        },
        {
            content: "The request returns at once: the run is being computed",
            trigger: ".o_form_view div[name='computing']",
        },
    ],
});

// Once computed, the assistant reviews its letters and sends them.
registry.category("web_tour.tours").add("adv_dunning_run_tour", {
    url: "/odoo/adv-dunning-runs",
    steps: () => [
        {
            content: "Open the computed run",
            trigger: ".o_list_view .o_data_row:contains('To Review') td.o_data_cell",
            run: "click",
        },
        {
            content: "The letters are ready for review",
            trigger: ".o_field_widget[name='letter_ids'] .o_data_row:contains('Tour Customer')",
        },
        {
            content: "Review the letter",
            trigger: ".o_field_widget[name='letter_ids'] .o_data_row:contains('Tour Customer') td.o_data_cell",
            run: "click",
        },
        {
            content: "Open the note of the letter",
            trigger: ".modal a.nav-link:contains('Note')",
            run: "click",
        },
        {
            content: "Add a note for the customer",
            trigger: ".modal .o_field_widget[name='note'] textarea",
            run: "edit Please call our accounts department.",
        },
        {
            content: "Keep the note",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Back on the run",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Send the reviewed letters",
            trigger: ".o_form_view button[name='action_send']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The run is sending: its letter is queued, not yet out",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sending')",
        },
        {
            content: "The letter waits in the outbox",
            trigger: ".o_field_widget[name='letter_ids'] .o_data_row:contains('To Send')",
        },
    ],
});
