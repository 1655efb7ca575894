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
        "data/crm_rfm_segment_data.xml",
        "data/ir_cron.xml",
        "views/res_partner_views.xml",
        "views/res_partner_segment_snapshot_views.xml",
        "views/crm_segmentation_run_views.xml",
        "views/crm_rfm_segment_views.xml",
        "views/crm_segment_transition_report_views.xml",
        "views/crm_sales_dynamics_report_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [],
}
