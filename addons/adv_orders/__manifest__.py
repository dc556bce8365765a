# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - Sales Administration",
    "summary": "Sales administration (ADV) core: order intake, acknowledgements, "
    "backorders, ADV menu, groups and settings",
    "version": "18.0.1.2.0",
    "category": "Sales/Sales",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "application": True,
    "depends": ["sale_management", "sale_stock", "account", "mail", "rating"],
    "data": [
        "security/adv_orders_groups.xml",
        "security/ir.model.access.csv",
        "security/adv_orders_security.xml",
        "data/adv_intake_channel_data.xml",
        "data/mail_activity_type_data.xml",
        "report/adv_ack_report.xml",
        "data/mail_template_data.xml",
        "data/mail_template_backorder_data.xml",
        "data/mail_template_rating_data.xml",
        "data/ir_cron_data.xml",
        "report/stock_report_deliveryslip.xml",
        "report/adv_backorder_line_views.xml",
        "views/account_move_views.xml",
        "views/account_payment_term_views.xml",
        "views/adv_orders_actions.xml",
        "views/adv_ack_rule_views.xml",
        "views/adv_order_error_views.xml",
        "views/sale_order_templates.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/rating_views.xml",
        "views/stock_picking_views.xml",
        "wizards/adv_ack_override_views.xml",
        "views/adv_orders_menus.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/adv_orders_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "adv_orders/static/tests/tours/*.js",
        ],
    },
}
