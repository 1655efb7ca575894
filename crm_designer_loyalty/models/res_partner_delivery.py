# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    """Ordered vs delivered on the client dossier: what is left to deliver
    on the client's confirmed orders of the current company, as far as the
    user reads them (``crm.order.delivery.report`` and its rules)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    cdl_amount_undelivered = fields.Monetary(
        string="Not Delivered",
        compute="_compute_cdl_amount_undelivered",
        currency_field="cdl_currency_id",
        groups="sales_team.group_sale_salesman",
        help="Ordered - delivered on the client's confirmed orders.",
    )

    @api.depends_context("company", "uid")
    def _compute_cdl_amount_undelivered(self):
        commercial = self._cdl_commercial_ids()
        totals = {
            client.id: amount
            for client, amount in self.env["crm.order.delivery.report"]._read_group(
                [
                    ("partner_id", "in", list(set(commercial.values()))),
                    ("company_id", "=", self.env.company.id),
                ],
                ["partner_id"],
                ["amount_undelivered:sum"],
            )
        }
        for partner in self:
            partner.cdl_amount_undelivered = totals.get(commercial.get(partner.id), 0.0)

    def action_cdl_view_delivery(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_order_delivery_report_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action
