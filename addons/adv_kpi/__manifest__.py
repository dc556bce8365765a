# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - KPI Dashboard",
    "summary": "The sales administration dashboard: defined, targeted, trended and drillable KPIs",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "depends": ["adv_orders", "adv_dunning", "adv_claims"],
    "data": [
        "security/ir.model.access.csv",
        "security/adv_kpi_security.xml",
        "data/adv_kpi_definition_data.xml",
        "data/adv_kpi_definition_dunning_claims_data.xml",
        "data/adv_kpi_definition_satisfaction_data.xml",
        "data/ir_cron_data.xml",
        "report/adv_kpi_dashboard_report.xml",
        "views/adv_kpi_dashboard_views.xml",
        "views/adv_kpi_definition_views.xml",
        "views/adv_kpi_value_views.xml",
        "views/adv_kpi_recompute_views.xml",
        "views/adv_kpi_order_report_views.xml",
        "views/adv_kpi_invoice_report_views.xml",
        "views/adv_kpi_dunning_report_views.xml",
        "views/adv_kpi_claim_report_views.xml",
        "views/adv_kpi_rating_report_views.xml",
        "views/adv_kpi_menus.xml",
        "views/res_config_settings_views.xml",
        "data/res_users_data.xml",
    ],
    "demo": [
        "demo/adv_kpi_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "adv_kpi/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "adv_kpi/static/tests/tours/*.js",
        ],
    },
}
