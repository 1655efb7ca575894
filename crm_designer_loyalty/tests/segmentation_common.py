# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from .common import DesignerCrmCommon

RUN_DATE = date(2025, 7, 15)


class SegmentationCommon(DesignerCrmCommon):
    """The test user configures the segmentation; settings at their defaults
    but the window (``WINDOW_MONTHS``); invoices of one product, Sofa (cost 40)."""

    WINDOW_MONTHS = 12

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref(
            "crm_designer_loyalty.group_designer_config"
        )
        cls.company.write(
            {
                "segment_window_months": cls.WINDOW_MONTHS,
                "segment_abc_basis": "revenue",
                "segment_abc_a": 80,
                "segment_abc_b": 95,
                "segment_xyz_x": 10,
                "segment_xyz_y": 25,
                "segment_xyz_min_months": 3,
                "segment_lost_days": 365,
                "segment_at_risk_factor": 2,
            }
        )
        cls.sofa = cls.env["product.product"].create(
            {"name": "Sofa", "list_price": 100, "standard_price": 40}
        )
        cls.Run = cls.env["crm.segmentation.run"]
        cls.Snapshot = cls.env["res.partner.segment.snapshot"]

    @classmethod
    def _sale(cls, partner, amount, invoice_date, move_type="out_invoice", **values):
        return cls._invoice(
            partner,
            amount,
            invoice_date,
            move_type=move_type,
            product=cls.sofa,
            **values,
        )

    def _run(self, run_date=RUN_DATE, company=None, **kwargs):
        return self.Run._run_company(company or self.company, run_date, **kwargs)

    def _snap(self, partner, run_date=RUN_DATE, company=None):
        return self.Snapshot.search(
            [
                ("partner_id", "=", partner.id),
                ("date", "=", run_date),
                ("company_id", "=", (company or self.company).id),
            ]
        )
