/** @odoo-module **/
// UI tours of the daily workspace (tests/test_workspace_tour.py).
import { registry } from "@web/core/registry";

// A loyalty manager opens a designer, reads the loyalty block, the referred
// clients, then the designer's statements and one of them.
registry.category("web_tour.tours").add("crm_designer_loyalty_consultant_tour", {
    url: "/odoo/action-crm_designer_loyalty.res_partner_designer_action",
    steps: () => [
        {
            content: "Open the designer",
            trigger: ".o_kanban_record:contains('Anna Designer')",
            run: "click",
        },
        {
            content: "The loyalty block: tier, rolling sales, next tier",
            trigger: "div[name='designer_loyalty_summary']:contains('Base'):contains('Silver')",
        },
        {
            content: "The referred clients tab",
            trigger: ".o_notebook .nav-link:contains('Referred Clients')",
            run: "click",
        },
        {
            content: "Client One among them",
            trigger: "div[name='designer_client_ids'] .o_data_row:contains('Client One')",
        },
        {
            content: "Open the statements of the designer",
            trigger: "button[name='action_open_designer_statements']",
            run: "click",
        },
        {
            content: "Open the statement",
            trigger: ".o_data_row:contains('Anna Designer') td.o_data_cell",
            run: "click",
        },
        {
            content: "The statement form",
            trigger: ".o_form_view .o_field_widget[name='amount_total']",
        },
        {
            content: "The statement prints",
            trigger: ".o_form_view button[name='action_print']",
        },
    ],
});

// A salesperson opens their clients (the Clients menu opens on My Clients),
// a client's form with its salesperson, classes and class timeline.
registry.category("web_tour.tours").add("crm_designer_loyalty_salesperson_tour", {
    url: "/odoo/action-crm_designer_loyalty.res_partner_client_server_action",
    steps: () => [
        {
            content: "The list opens on My Clients",
            trigger: ".o_searchview_facet:contains('My Clients')",
        },
        {
            content: "Open my client",
            trigger: ".o_kanban_record:contains('Client One')",
            run: "click",
        },
        {
            content: "The salesperson on the main form",
            trigger: ".o_form_view .o_field_widget[name='user_id']",
        },
        {
            content: "Open the Segmentation tab",
            trigger: ".o_notebook .nav-link:contains('Segmentation')",
            run: "click",
        },
        {
            content: "Why these classes, and the class timeline",
            trigger: ".o_notebook:contains('Why these classes'):contains('Class Timeline')",
        },
    ],
});
