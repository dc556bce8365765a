# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - Dunning by SMS",
    "summary": "SMS as a dunning channel: a short reminder to the customer's mobile "
    "through Odoo's SMS queue",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "depends": ["adv_dunning", "sms"],
    "data": [
        "data/adv_dunning_channel_data.xml",
        "data/sms_template_data.xml",
    ],
}
