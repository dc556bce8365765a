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
        "views/adv_kpi_menus.xml",
    ],
}
