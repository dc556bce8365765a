# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "ADV - Claims",
    "summary": "Customer claims and disputes through to corrections: credit notes, "
    "returns, replacements and re-invoicing",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "website": "https://github.com/adv-suite/adv-suite",
    "author": "ADV Suite",
    "license": "LGPL-3",
    "depends": ["adv_orders"],
    "data": [
        "security/ir.model.access.csv",
        "security/adv_claims_security.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/mail_template_rating_data.xml",
        "data/adv_claim_stage_data.xml",
        "data/adv_claim_type_data.xml",
        "data/adv_claim_cause_data.xml",
        "views/adv_claims_actions.xml",
        "views/adv_claim_views.xml",
        "views/adv_claim_config_views.xml",
        "views/account_move_views.xml",
        "views/stock_picking_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "wizards/adv_claim_credit_note_views.xml",
        "views/res_config_settings_views.xml",
        "views/adv_claims_menus.xml",
        "views/adv_claim_portal_templates.xml",
    ],
    "demo": [
        "demo/adv_claims_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "adv_claims/static/tests/tours/*.js",
        ],
    },
}
