# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The values of the client dossier and ABC/XYZ matrix PDFs: figures read
through the user's access rights, grouped in SQL (``_read_group``)."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .plural import count_label

TOP_CLIENTS = 5


class ClientDossierReport(models.AbstractModel):
    _name = "report.crm_designer_loyalty.res_partner_dossier_report"
    _description = "Client Dossier PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        partners = self.env["res.partner"].browse(docids)
        today = fields.Date.context_today(self)
        since = today + relativedelta(months=-12, day=1)
        rows = self.env["crm.sales.dynamics.report"]._read_group(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", self.env.company.id),
                ("month", ">=", since),
            ],
            ["partner_id", "month:month"],
            ["revenue:sum", "margin:sum", "invoice_count:sum"],
            order="month:month",
        )
        sales = {}
        for partner, month, revenue, margin, count in rows:
            sales.setdefault(partner.id, []).append(
                {"month": month, "revenue": revenue, "margin": margin, "count": count}
            )
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "sales": sales,
            "since": since,
        }


class SegmentationMatrixReport(models.AbstractModel):
    _name = "report.crm_designer_loyalty.crm_segmentation_matrix_report"
    _description = "ABC/XYZ Matrix Summary PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        runs = self.env["crm.segmentation.run"].browse(docids)
        Snapshot = self.env["res.partner.segment.snapshot"]
        matrices, tops = {}, {}
        for run in runs:
            domain = [("company_id", "=", run.company_id.id), ("date", "=", run.date)]
            matrices[run.id] = {
                (abc, xyz): (count, revenue)
                for abc, xyz, count, revenue in Snapshot._read_group(
                    domain, ["abc_class", "xyz_class"], ["__count", "revenue:sum"]
                )
            }
            tops[run.id] = {
                abc: Snapshot.search(
                    [*domain, ("abc_class", "=", abc)],
                    order="abc_value desc, id",
                    limit=TOP_CLIENTS,
                )
                for abc in ("A", "B", "C")
            }
        return {
            "doc_ids": docids,
            "doc_model": "crm.segmentation.run",
            "docs": runs,
            "matrices": matrices,
            "tops": tops,
            "abc_classes": ("A", "B", "C"),
            "xyz_classes": ("X", "Y", "Z", "N"),
            # the forms of "client" after a count: one|other (one|few|many in Russian)
            "clients_label": lambda count: count_label(
                self.env, count, self.env._("client|clients")
            ),
        }
