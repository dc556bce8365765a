# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - Dunning",
    "summary": "Escalating payment reminders, formal notice, collection cases "
    "and credit hold for sales administration",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "depends": ["adv_orders"],
    "data": [
        "views/adv_dunning_actions.xml",
        "views/adv_dunning_menus.xml",
    ],
}
