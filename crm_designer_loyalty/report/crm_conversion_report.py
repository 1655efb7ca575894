# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmConversionReport(models.Model):
    """The conversion funnel by UTM source, medium and campaign: one row per
    lead or opportunity (archived and lost ones included), counted as a lead,
    an opportunity (converted or created so), won, and invoiced (a posted
    customer invoice of one of its orders), with the untaxed amount of those
    invoices net of their credit notes."""

    _name = "crm.conversion.report"
    _description = "Conversion by Source and Campaign"
    _auto = False
    _order = "date desc"
    _depends = {
        "crm.lead": [
            "create_date",
            "type",
            "active",
            "stage_id",
            "source_id",
            "medium_id",
            "campaign_id",
            "user_id",
            "team_id",
            "company_id",
        ],
        "sale.order": ["opportunity_id"],
        "account.move": ["state", "amount_untaxed_signed"],
    }

    date = fields.Date(string="Created On", readonly=True)
    lead_id = fields.Many2one("crm.lead", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    opportunity_count = fields.Integer(string="Opportunities", readonly=True)
    won_count = fields.Integer(string="Won Deals", readonly=True)
    invoiced_count = fields.Integer(string="Invoiced", readonly=True)
    invoiced_amount = fields.Float(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                SELECT l.id, l.id AS lead_id, l.create_date::date AS date,
                       l.source_id, l.medium_id, l.campaign_id, l.user_id,
                       l.team_id, l.company_id,
                       1 AS lead_count,
                       (l.type = 'opportunity')::int AS opportunity_count,
                       (l.active AND COALESCE(st.is_won, FALSE))::int AS won_count,
                       (inv.amount IS NOT NULL)::int AS invoiced_count,
                       COALESCE(inv.amount, 0) AS invoiced_amount
                  FROM crm_lead l
                  LEFT JOIN crm_stage st ON st.id = l.stage_id
                  LEFT JOIN LATERAL (
                      SELECT SUM(m.amount_untaxed_signed) AS amount
                        FROM account_move m
                       WHERE m.state = 'posted'
                         AND m.move_type IN ('out_invoice', 'out_refund')
                         AND m.id IN (
                             SELECT aml.move_id
                               FROM sale_order so
                               JOIN sale_order_line sol ON sol.order_id = so.id
                               JOIN sale_order_line_invoice_rel rel
                                 ON rel.order_line_id = sol.id
                               JOIN account_move_line aml
                                 ON aml.id = rel.invoice_line_id
                              WHERE so.opportunity_id = l.id)
                  ) inv ON TRUE
                )""",
                SQL.identifier(self._table),
            )
        )
