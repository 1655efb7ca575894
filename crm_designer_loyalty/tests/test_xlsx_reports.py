# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime
from unittest.mock import patch

from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .loyalty_common import LoyaltyCommon

STATEMENT_XLSX = "crm_designer_loyalty.designer_reward_statement_xlsx_action"
SEGMENTATION_XLSX = "crm_designer_loyalty.res_partner_segment_snapshot_xlsx_action"


@tagged("post_install", "-at_install")
class TestXlsxReports(LoyaltyCommon):
    def _workbook(self, report_ref, records, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        content, report_format = Report._render_xlsx(report_ref, records.ids, {})
        self.assertEqual(report_format, "xlsx")
        # data_only: the cached values of the formula cells
        return (
            load_workbook(io.BytesIO(content)),
            load_workbook(io.BytesIO(content), data_only=True),
        )

    def test_statement_xlsx(self):
        invoice = self._paid_invoice(
            100_000, date(2026, 3, 10), invoice_origin="S00042"
        )
        self._paid_refund(invoice, 40_000, date(2026, 3, 20))
        statement = self._statement(2026, 3)
        self.assertEqual(statement.amount_total, 3_000.0)
        workbook, values = self._workbook(STATEMENT_XLSX, statement)
        self.assertEqual(workbook.sheetnames, ["Anna Designer 2026-03"])
        sheet, cached = workbook.active, values.active
        self.assertEqual(sheet["A1"].value, "Reward Statement Anna Designer 2026-03")
        header = {sheet.cell(row, 1).value: sheet.cell(row, 2) for row in range(3, 8)}
        self.assertEqual(header["Designer"].value, "Anna Designer")
        self.assertEqual(header["Period Start"].value, datetime(2026, 3, 1))
        self.assertEqual(header["Period End"].value, datetime(2026, 3, 31))
        self.assertEqual(header["State"].value, "Draft")
        # the tier of the entries: the base tier, in force on the invoice date
        self.assertEqual(statement.tier_id, self.tier_base)
        self.assertEqual(header["Tier"].value, "Base")
        money = self.env[
            "report.crm_designer_loyalty.reward_statement_xlsx"
        ]._report_xlsx_currency_format(statement.currency_id)
        rows = [
            [cell.value for cell in row]
            for row in sheet.iter_rows(min_row=9, max_row=18)
        ]
        # the columns of the PDF, in its order, no Points on a money program
        self.assertEqual(
            rows[0],
            [
                "Date",
                "Invoice",
                "Order",
                "Client",
                "Kind",
                "Tier",
                "Invoice Amount",
                "Rate",
                "Reward",
            ],
        )
        refund = self._rewards(kind="clawback").move_id
        self.assertEqual(
            rows[1],
            [
                datetime(2026, 3, 10),
                invoice.name,
                "S00042",
                "Client One",
                "Accrual",
                "Base",
                100_000,
                5,
                5_000,
            ],
        )
        self.assertEqual(
            rows[2],
            [
                datetime(2026, 3, 20),
                refund.name,
                None,
                "Client One",
                "Clawback",
                "Base",
                -40_000,
                5,
                -2_000,
            ],
        )
        # one Total, the PDF's: the entries plus the total carried in
        self.assertEqual(rows[3], [None] * 9)
        self.assertEqual(
            [row[7:] for row in rows[4:8]],
            [
                ["Rewards", 5_000],
                ["Clawbacks", -2_000],
                ["Carried in", 0],
                ["Total", "=SUM(I10:I11)+I15"],
            ],
        )
        labels = [cell.value for row in sheet.iter_rows() for cell in row]
        self.assertEqual(labels.count("Total"), 1)
        self.assertEqual(sheet["I10"].number_format, money)
        self.assertEqual(sheet["I16"].number_format, money)
        self.assertEqual(cached["I16"].value, 3_000)

    def test_statement_xlsx_carried_in_total(self):
        """Regression: the header Total (with the carried-in total) and the
        SUM row (without) disagreed; the one Total adds the carried-in total."""
        self._carried_january()
        self._paid_invoice(40_000, date(2026, 2, 10))
        february = self._statement(2026, 2)
        february.action_confirm()
        self.assertEqual(
            (february.carry_in_amount, february.amount_total), (3_000, 5_000)
        )
        workbook, values = self._workbook(STATEMENT_XLSX, february)
        sheet, cached = workbook.active, values.active
        totals = {
            sheet.cell(row, 8).value: (sheet.cell(row, 9), cached.cell(row, 9))
            for row in range(11, 16)
        }
        self.assertEqual(totals["Carried in"][1].value, 3_000)
        self.assertEqual(totals["Total"][0].value, "=SUM(I10:I10)+I14")
        self.assertEqual(totals["Total"][1].value, 5_000)

    def test_statement_xlsx_without_tier(self):
        """A statement without entries (a carried total only) has no tier: a
        blank cell, not FALSE."""
        self._carried_january()
        february = self._statement(2026, 2)
        self.assertFalse(february.tier_id)
        sheet = self._workbook(STATEMENT_XLSX, february)[0].active
        self.assertEqual(sheet["A7"].value, "Tier")
        self.assertIsNone(sheet["B7"].value)
        # no entries: the total is the carried-in total
        self.assertEqual(sheet["I14"].value, "=I13")

    def test_statement_xlsx_follows_access(self):
        self._paid_invoice(10_000, date(2026, 3, 10))
        statement = self._statement(2026, 3)
        workbook, _values = self._workbook(
            STATEMENT_XLSX, statement, user=self.user_sales
        )
        self.assertEqual(workbook.active["B3"].value, "Anna Designer")
        with self.assertRaises(AccessError):
            self._workbook(STATEMENT_XLSX, statement, user=self.user_sales2)

    def test_statement_xlsx_of_other_salespersons_invoices(self):
        order, invoice = self._paid_order_invoice(
            100_000, date(2026, 3, 10), self.user_sales2
        )
        statement = self._statement(2026, 3)
        workbook, _values = self._workbook(
            STATEMENT_XLSX, statement, user=self.user_loyalty
        )
        self.assertEqual(
            [cell.value for cell in workbook.active[10]][:7],
            [
                datetime(2026, 3, 10),
                invoice.name,
                order.name,
                "Client One",
                "Accrual",
                "Base",
                100_000,
            ],
        )

    def test_segmentation_xlsx(self):
        self.company.write(
            {
                "segment_window_months": 6,
                "segment_abc_basis": "revenue",
                "segment_abc_a": 80,
                "segment_abc_b": 95,
                "segment_xyz_min_months": 3,
            }
        )
        big, small = self.env["res.partner"].create(
            [{"name": "Big Buyer"}, {"name": "Small Buyer"}]
        )
        for month in range(1, 7):
            self._invoice(big, 150, date(2025, month, 10))
        self._invoice(small, 100, date(2025, 4, 10))
        self.env["crm.segmentation.run"]._run_company(self.company, date(2025, 7, 15))
        snapshots = self.env["res.partner.segment.snapshot"].search(
            [("partner_id", "in", (big | small).ids)], order="revenue desc"
        )
        self.assertEqual(len(snapshots), 2)
        workbook, _values = self._workbook(
            SEGMENTATION_XLSX, snapshots, user=self.user_manager
        )
        sheet = workbook.active
        self.assertEqual(sheet.title, "Segmentation")
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(max_row=3)]
        self.assertEqual(
            rows[0],
            [
                "Client",
                "Date",
                "ABC",
                "XYZ",
                "Client Status",
                "RFM",
                "Value Segment",
                "Revenue",
                "Share (%)",
                "Cumulative Share (%)",
                "CV (%)",
                "Active Months",
                "Last Purchase",
            ],
        )
        big_row = dict(zip(rows[0], rows[1], strict=True))
        small_row = dict(zip(rows[0], rows[2], strict=True))
        self.assertEqual(
            [big_row[key] for key in ("Client", "Date", "ABC", "XYZ", "Revenue")],
            ["Big Buyer", datetime(2025, 7, 15), "A", "X", 900],
        )
        self.assertEqual(
            (big_row["Share (%)"], big_row["CV (%)"], big_row["Active Months"]),
            (90, 0, 6),
        )
        self.assertEqual(big_row["Last Purchase"], datetime(2025, 6, 10))
        self.assertEqual(
            [
                small_row[key]
                for key in ("Client", "ABC", "Revenue", "Cumulative Share (%)")
            ],
            ["Small Buyer", "B", 100, 100],
        )
        self.assertEqual(
            (big_row["RFM"], big_row["Value Segment"]),
            (snapshots[0].rfm_score, snapshots[0].rfm_segment_id.name),
        )
        self.assertEqual(sheet.auto_filter.ref, "A1:M3")

    def test_segmentation_xlsx_follows_access(self):
        """The rows are read by SQL, in batches: the record rules still hold
        (a salesperson prints their own clients' rows, not another's), and the
        rows come in the order of the selection across batches."""
        self._invoice(self.client, 300, date(2025, 6, 10))
        self._invoice(self.client_other, 200, date(2025, 6, 10))
        self.env["crm.segmentation.run"]._run_company(self.company, date(2025, 6, 15))
        self.env["crm.segmentation.run"]._run_company(self.company, date(2025, 7, 15))
        Snapshot = self.env["res.partner.segment.snapshot"]
        own = Snapshot.search([("partner_id", "=", self.client.id)], order="date")
        other = Snapshot.search([("partner_id", "=", self.client_other.id)])
        self.assertEqual((len(own), len(other)), (2, 2))
        with self.assertRaises(AccessError):
            self._workbook(SEGMENTATION_XLSX, own | other[0], user=self.user_sales)
        report = "crm_designer_loyalty.report.crm_segmentation_xlsx"
        with patch(f"odoo.addons.{report}.BATCH", 1):
            workbook, _values = self._workbook(
                SEGMENTATION_XLSX, own, user=self.user_sales
            )
        dates = [row[1].value for row in workbook.active.iter_rows(min_row=2)]
        self.assertEqual(dates, [datetime(2025, 6, 15), datetime(2025, 7, 15)])
