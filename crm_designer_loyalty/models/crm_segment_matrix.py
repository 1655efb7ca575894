# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ABC x XYZ heat map: the latest classes of the current company as a
matrix, one row per ABC class, one column per XYZ class, each cell coloured by
how strong its clients are (A-X strongest, C-Z weakest; N grey).

Odoo's pivot view cannot colour a cell by its row and column, so the matrix is
a list of three transient rows (made per opening, from a read_group of the
snapshots: the record rules of the user apply, a salesperson sees their
clients) whose cells carry list decorations (views/crm_segment_matrix_views.xml,
coloured by static/src/scss/segment_matrix.scss)."""

from odoo import api, fields, models

from .res_partner_segment_snapshot import ABC_CLASSES, XYZ_CLASSES

N_HELP = (
    "N: clients with too few months with purchases in the window (fewer than "
    "the minimum of the segmentation settings) to judge how steadily they buy; "
    "they get an XYZ class once they have bought in enough months."
)


class CrmSegmentMatrix(models.TransientModel):
    _name = "crm.segment.matrix"
    _description = "ABC x XYZ Heat Map"
    _order = "abc_class"

    date = fields.Date(readonly=True, help="Date of the latest segmentation run.")
    abc_class = fields.Selection(ABC_CLASSES, string="ABC", readonly=True)
    count_x = fields.Integer(
        string="X", readonly=True, help="Clients with a steady monthly revenue."
    )
    count_y = fields.Integer(
        string="Y", readonly=True, help="Clients with a fluctuating monthly revenue."
    )
    count_z = fields.Integer(
        string="Z", readonly=True, help="Clients with an irregular monthly revenue."
    )
    count_n = fields.Integer(string="N", readonly=True, help=N_HELP)
    client_count = fields.Integer(string="Clients", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    revenue = fields.Monetary(
        readonly=True, help="Net invoiced revenue of the window of these clients."
    )
    revenue_share = fields.Float(
        string="Revenue Share (%)",
        digits=(16, 2),
        readonly=True,
        help="Share of the revenue of all the classed clients.",
    )

    @api.model
    def action_open(self):
        """The heat map of the latest run of the current company."""
        company = self.env.company
        groups = self.env["res.partner.segment.snapshot"]._read_group(
            [("is_latest", "=", True), ("company_id", "=", company.id)],
            ["abc_class", "xyz_class"],
            ["__count", "revenue:sum"],
        )
        total = sum(revenue or 0.0 for _abc, _xyz, _count, revenue in groups)
        values = []
        for abc, _label in ABC_CLASSES:
            row = {"abc_class": abc, "currency_id": company.currency_id.id}
            row |= {f"count_{xyz.lower()}": 0 for xyz, _label in XYZ_CLASSES}
            cells = [group for group in groups if group[0] == abc]
            for _abc, xyz, count, _revenue in cells:
                row[f"count_{(xyz or 'N').lower()}"] += count
            revenue = sum(group[3] or 0.0 for group in cells)
            values.append(
                {
                    **row,
                    "date": company.sudo().segment_last_date,
                    "client_count": sum(group[2] for group in cells),
                    "revenue": revenue,
                    "revenue_share": 100 * revenue / total if total else 0.0,
                }
            )
        matrix = self.create(values)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.crm_segment_matrix_action"
        )
        action["domain"] = [("id", "in", matrix.ids)]
        return action

    def action_open_clients(self):
        """The latest snapshots of the row's ABC class, of the XYZ class named
        by the button (context key ``cdl_xyz``), to drill down from a cell."""
        self.ensure_one()
        domain = [
            ("is_latest", "=", True),
            ("company_id", "=", self.env.company.id),
            ("abc_class", "=", self.abc_class),
        ]
        xyz = self.env.context.get("cdl_xyz")
        if xyz in dict(XYZ_CLASSES):
            domain.append(("xyz_class", "=", xyz))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_designer_loyalty.res_partner_segment_snapshot_action"
        )
        action.update(
            {
                "domain": domain,
                "context": {},
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
                "name": "-".join(filter(None, [self.abc_class, xyz])),
            }
        )
        return action
