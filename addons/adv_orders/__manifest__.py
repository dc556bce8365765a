# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - Sales Administration",
    "summary": "Sales administration (ADV) core: order intake, acknowledgements, "
    "backorders, ADV menu, groups and settings",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "application": True,
    "depends": ["sale_management", "sale_stock", "account", "mail"],
    "data": [
        "security/adv_orders_groups.xml",
        "views/account_move_views.xml",
        "views/adv_orders_actions.xml",
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
