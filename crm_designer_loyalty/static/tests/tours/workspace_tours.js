/** @odoo-module **/
// UI tours of the daily workspace (tests/test_workspace_tour.py).
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The print steps: the Print menu of the control panel reaches the report
// action, whose download is recorded on the page instead of being rendered by
// wkhtmltopdf during the tour (the test renders the PDF itself afterwards).
// With several reports, they are in a Print submenu of the actions menu.
function printSteps(reportName, submenu) {
    return [
        {
            content: "Record the report downloads instead of rendering them",
            trigger: ".o_form_view .o_cp_action_menus",
            run() {
                const { download } = odoo.loader.modules.get("@web/core/network/download");
                download._download = async (options) => {
                    document.body.dataset.cdlDownload = options.data.data;
                };
            },
        },
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus .fa-cog",
            run: "click",
        },
        ...(submenu
            ? [
                  {
                      content: "The Print menu",
                      trigger: ".o-dropdown--menu .dropdown-toggle:contains('Print')",
                      run: "click",
                  },
              ]
            : []),
        {
            content: `Print ${reportName}`,
            trigger: `.o-dropdown--menu .o_menu_item:contains('${reportName}'):not(:contains('XLSX'))`,
            run: "click",
        },
    ];
}

// A consultant sets the ABC thresholds, runs the segmentation, reads a
// designer's loyalty block and a client's class explanation, generates the
// statements and prints one.
registry.category("web_tour.tours").add("crm_designer_loyalty_consultant_tour", {
    url: "/odoo/action-crm_designer_loyalty.res_company_loyalty_program_server_action",
    steps: () => consultantSteps(luxon.DateTime.now().toFormat("MM/dd/yyyy")),
});

function consultantSteps(today) {
    return [
        {
            content: "Program Settings: ABC class A up to 70 %",
            trigger: ".o_form_view .o_field_widget[name='segment_abc_a'] input",
            run: "edit 70",
        },
        ...stepUtils.saveForm(),
        {
            content: "Segmentation Runs",
            trigger: ".o_main_navbar",
            run: "goToUrl /odoo/action-crm_designer_loyalty.crm_segmentation_run_action",
        },
        {
            content: "Run the segmentation now",
            trigger: ".o_list_view .o_control_panel button[name='action_run_now']",
            run: "click",
        },
        {
            content: "The segmentation is done",
            trigger: ".o_notification:contains('Segmentation done')",
        },
        {
            content: "Today's run is done",
            trigger: `.o_list_view .o_data_row:contains('${today}'):contains('Done')`,
        },
        {
            content: "The dashboard",
            trigger: ".o_main_navbar",
            run: "goToUrl /odoo/action-crm_designer_loyalty.crm_designer_dashboard_action",
        },
        {
            content: "The class distribution counts clients in whole numbers",
            trigger:
                ".o-dashboard-action:contains('Class Distribution') .o_graph_renderer canvas",
            run() {
                const action = [...document.querySelectorAll(".o-dashboard-action")].find(
                    (el) => el.textContent.includes("Class Distribution")
                );
                const chart = Chart.getChart(action.querySelector("canvas"));
                const ticks = chart.scales.y.ticks.map((tick) => tick.value);
                if (!ticks.length || ticks.some((value) => !Number.isInteger(value))) {
                    throw new Error(`Ticks of the count axis: ${ticks.join(", ")}`);
                }
            },
        },
        {
            content: "No block of the dashboard scrolls sideways",
            trigger: ".o-dashboard-action:contains('Segmentation Runs') .o_data_row",
            run() {
                const wide = [...document.querySelectorAll(".o-dashboard-action .o_content")]
                    .filter((content) => content.scrollWidth > content.clientWidth + 1)
                    .map((content) => content.closest(".o-dashboard-action").querySelector("h3"));
                if (wide.length) {
                    throw new Error(
                        `Blocks wider than the board: ${wide.map((h) => h.textContent.trim())}`
                    );
                }
            },
        },
        {
            content: "Designers",
            trigger: ".o_main_navbar",
            run: "goToUrl /odoo/action-crm_designer_loyalty.res_partner_designer_server_action",
        },
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
            content: "Client One among the referred clients, on top",
            trigger: "div[name='designer_client_ids'] .o_data_row:contains('Client One')",
        },
        {
            content: "At 1440 x 900, without scrolling: the loyalty block, the referred clients and the graph of their sales; no tab cut off",
            trigger: "div[name='designer_workspace'] .o_cdl_designer_sales_graph canvas",
            run() {
                for (const selector of [
                    "div[name='designer_loyalty_summary']",
                    "div[name='designer_client_ids']",
                    ".o_cdl_designer_sales_graph canvas",
                ]) {
                    const { bottom } = document.querySelector(selector).getBoundingClientRect();
                    if (bottom > window.innerHeight) {
                        throw new Error(`${selector} ends at ${bottom} px, below ${window.innerHeight} px`);
                    }
                }
                const tabs = document.querySelector(".o_form_view .o_notebook_headers");
                if (tabs.scrollWidth > tabs.clientWidth) {
                    throw new Error(`Tabs cut off: ${tabs.scrollWidth} px in ${tabs.clientWidth} px`);
                }
            },
        },
        {
            content: "Clients",
            trigger: ".o_main_navbar",
            run: "goToUrl /odoo/action-crm_designer_loyalty.res_partner_client_server_action",
        },
        {
            content: "Open the client",
            trigger: ".o_kanban_record:contains('Client One')",
            run: "click",
        },
        {
            content: "Open the Segmentation tab",
            trigger: ".o_notebook .nav-link:contains('Segmentation')",
            run: "click",
        },
        {
            content: "Why these classes: A under the new threshold",
            trigger: ".o_field_widget[name='segment_explanation']:contains('ABC A'):contains('A below 70 %')",
        },
        {
            content: "Generate the statements",
            trigger: ".o_main_navbar",
            run: "goToUrl /odoo/action-crm_designer_loyalty.designer_reward_statement_generate_action",
        },
        {
            content: "For last month, all designers",
            trigger: ".o_dialog button[name='action_generate']",
            run: "click",
        },
        {
            content: "Open the designer's new statement",
            trigger: ".o_list_view .o_data_row:contains('Anna Designer') td.o_data_cell",
            run: "click",
        },
        {
            content: "The statement form",
            trigger: ".o_form_view .o_field_widget[name='amount_total']",
        },
        ...printSteps("Reward Statement", true),
        {
            content: "The statement's PDF report was asked for",
            trigger: "body[data-cdl-download*='/report/pdf/crm_designer_loyalty.designer_reward_statement_report/']",
        },
    ];
}

// A salesperson walks their clients (the Clients menu opens on My Clients),
// opens a client's dossier (salesperson, dossier tabs, classes and class
// timeline) and prints it.
registry.category("web_tour.tours").add("crm_designer_loyalty_salesperson_tour", {
    url: "/odoo/action-crm_designer_loyalty.res_partner_client_server_action",
    steps: () => [
        {
            content: "The list opens on My Clients",
            trigger: ".o_searchview_facet:contains('My Clients')",
        },
        {
            content: "My client only: not the other salesperson's",
            trigger: ".o_kanban_view:contains('Client One'):not(:contains('Client Other'))",
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
            content: "The dossier: significant dates",
            trigger: ".o_notebook .nav-link:contains('Significant Dates')",
            run: "click",
        },
        {
            content: "The client's birthday",
            trigger: ".o_notebook .o_data_row:contains('Birthday')",
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
        ...printSteps("Client Dossier", false),
        {
            content: "The client's dossier PDF was asked for",
            trigger: "body[data-cdl-download*='/report/pdf/crm_designer_loyalty.res_partner_dossier_report/']",
        },
    ],
});
