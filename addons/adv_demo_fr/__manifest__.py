# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - French Demo Company",
    "summary": "Demo data: a French ADV department at work, with a year of orders, "
    "deliveries, invoices, reminders and claims",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "depends": ["adv_kpi", "l10n_fr_account"],
    "demo": [
        "demo/adv_demo_fr.xml",
    ],
}
