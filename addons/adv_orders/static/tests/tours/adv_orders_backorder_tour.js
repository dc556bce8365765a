/** @odoo-module **/
// Copyright 2026 ADV Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("adv_orders_partial_delivery_backorder_book", {
    steps: () => [
        {
            content: "Open the quantity of the Tour Gadget move",
            trigger:
                ".o_field_widget[name='move_ids_without_package'] .o_data_row:contains(Tour Gadget) .o_data_cell[name='quantity']",
            run: "click",
        },
        {
            content: "Ship only 4 of the 10 ordered",
            trigger:
                ".o_field_widget[name='move_ids_without_package'] .o_data_row.o_selected_row .o_field_widget[name='quantity'] input",
            run: "edit 4",
        },
        {
            content: "Validate the delivery",
            trigger: ".o_form_view .o_statusbar_buttons button[name='button_validate']:visible",
            run: "click",
        },
        {
            content: "Keep the rest as a backorder",
            trigger: ".modal button[name='process']",
            run: "click",
        },
        {
            content: "The delivery is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            content: "Open the Deliveries menu",
            trigger: ".o_menu_sections button:contains(Deliveries)",
            run: "click",
        },
        {
            content: "Open the backorder book",
            trigger: ".dropdown-menu .dropdown-item:contains(Backorder Book)",
            run: "click",
        },
        {
            content: "The remainder is in the book: 6 Tour Gadgets still owed",
            trigger:
                ".o_list_view .o_data_row:contains(Tour Gadget):contains(PO-TOUR-BO) .o_data_cell[name='qty_backorder']:contains(6.00)",
        },
    ],
});
