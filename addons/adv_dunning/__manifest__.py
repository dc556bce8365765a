# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - Dunning",
    "summary": "Escalating payment reminders, formal notice, collection cases "
    "and credit hold for sales administration",
    "version": "18.0.1.3.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "depends": ["adv_orders"],
    "data": [
        "security/ir.model.access.csv",
        "security/adv_dunning_security.xml",
        "data/ir_sequence_data.xml",
        "data/product_data.xml",
        "report/adv_dunning_letter_report.xml",
        "data/mail_template_data.xml",
        "data/adv_dunning_channel_data.xml",
        "data/ir_cron_data.xml",
        "data/adv_dunning_policy_data.xml",
        "data/adv_dunning_reference_rate_data.xml",
        "report/report_invoice.xml",
        "views/adv_dunning_actions.xml",
        "views/adv_dunning_policy_views.xml",
        "views/adv_dunning_reference_rate_views.xml",
        "views/adv_dunning_channel_views.xml",
        "views/adv_dunning_run_views.xml",
        "views/adv_dunning_letter_views.xml",
        "views/adv_dunning_promise_views.xml",
        "views/adv_collection_case_views.xml",
        "views/res_partner_views.xml",
        "views/account_move_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/adv_dunning_wizards_views.xml",
        "views/adv_dunning_menus.xml",
    ],
    "demo": [
        "demo/adv_dunning_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "adv_dunning/static/tests/tours/*.js",
        ],
    },
}
