# Copyright 2026 crm_designer_loyalty authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Designer CRM and Loyalty",
    "summary": "Client and designer dossiers, designer attribution and loyalty, "
    "ABC/XYZ/RFM segmentation for interior goods sellers",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-designer-loyalty/crm_designer_loyalty",
    "author": "crm_designer_loyalty authors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "depends": [
        "crm",
        "sale_management",
        "sale_crm",
        "sale_margin",
        "account",
        "contacts",
    ],
    "data": [
        "security/groups.xml",
        "security/ir.model.access.csv",
        "security/rules.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/demo_data.xml"],
}
