# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - Claims",
    "summary": "Customer claims and disputes through to corrections: credit notes, "
    "returns, replacements and re-invoicing",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "depends": ["adv_orders"],
    "data": [
        "views/adv_claims_actions.xml",
        "views/adv_claims_menus.xml",
    ],
}
