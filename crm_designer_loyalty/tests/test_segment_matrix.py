# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ABC x XYZ heat map on a hand-built dataset (window Jan-Jun 2025):

Steady   100 every month                 600  A (38.71 % above 58.06 %), X
Seasonal 300 in Jan, Mar, May            900  A (first), Z (cv 1.0)
Once      50 on Mar 3 (salesperson's)     50  C (above 96.77 %), N (1 month)
"""

from datetime import date

from lxml import etree

from odoo.tests import tagged

from .segmentation_common import SegmentationCommon


@tagged("post_install", "-at_install")
class TestSegmentMatrix(SegmentationCommon):
    WINDOW_MONTHS = 6

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.steady, cls.seasonal = Partner.create(
            [{"name": "Steady", "is_company": True}, {"name": "Seasonal"}]
        )
        cls.once = Partner.create({"name": "Once", "user_id": cls.user_sales.id})
        for month in range(1, 7):
            cls._sale(cls.steady, 100, date(2025, month, 10))
        for month in (1, 3, 5):
            cls._sale(cls.seasonal, 300, date(2025, month, 10))
        cls._sale(cls.once, 50, date(2025, 3, 3))
        cls.Run._run_company(cls.company, date(2025, 7, 15))
        cls.Matrix = cls.env["crm.segment.matrix"]

    def _rows(self, matrix):
        return [
            (
                row.abc_class,
                row.count_x,
                row.count_y,
                row.count_z,
                row.count_n,
                row.client_count,
                row.revenue,
                round(row.revenue_share, 2),
            )
            for row in matrix
        ]

    def test_matrix_of_the_latest_run(self):
        # with demo data, partners with an open opportunity only (potential
        # clients, no revenue) are classed C-N too
        potential = self.env["res.partner.segment.snapshot"].search(
            [("is_latest", "=", True), ("partner_id", "!=", self.once.id)]
            + [("abc_class", "=", "C"), ("xyz_class", "=", "N")]
        )
        self.assertEqual(
            set(potential.mapped("customer_status")) - {"potential"}, set()
        )
        self.assertEqual(sum(potential.mapped("revenue")), 0)
        n = 1 + len(potential)
        action = self.Matrix.action_open()
        matrix = self.Matrix.search(action["domain"])
        self.assertEqual(action["res_model"], "crm.segment.matrix")
        self.assertEqual(set(matrix.mapped("date")), {date(2025, 7, 15)})
        self.assertEqual(
            self._rows(matrix),
            [
                ("A", 1, 0, 1, 0, 2, 1500.0, 96.77),
                ("B", 0, 0, 0, 0, 0, 0.0, 0.0),
                ("C", 0, 0, 0, n, n, 50.0, 3.23),
            ],
        )
        # an earlier run is not the latest: the matrix shows the latest one
        self.Run._run_company(self.company, date(2025, 8, 15))
        later = self.Matrix.search(self.Matrix.action_open()["domain"])
        self.assertEqual(set(later.mapped("date")), {date(2025, 8, 15)})

    def test_salesperson_sees_their_clients(self):
        Matrix = self.Matrix.with_user(self.user_sales)
        matrix = Matrix.browse(Matrix.action_open()["domain"][0][2])
        self.assertEqual(
            self._rows(matrix),
            [
                ("A", 0, 0, 0, 0, 0, 0.0, 0.0),
                ("B", 0, 0, 0, 0, 0, 0.0, 0.0),
                ("C", 0, 0, 0, 1, 1, 50.0, 100.0),
            ],
        )

    def test_drill_down_to_a_cell(self):
        matrix = self.Matrix.search(self.Matrix.action_open()["domain"])
        row_a = matrix.filtered(lambda row: row.abc_class == "A")
        Snapshot = self.env["res.partner.segment.snapshot"]
        action = row_a.with_context(cdl_xyz="Z").action_open_clients()
        self.assertEqual(Snapshot.search(action["domain"]).partner_id, self.seasonal)
        self.assertEqual(action["name"], "A-Z")
        action = row_a.action_open_clients()
        self.assertEqual(
            Snapshot.search(action["domain"]).partner_id, self.steady | self.seasonal
        )
        self.assertEqual(action["name"], "A")

    def test_heat_colours_and_n_help(self):
        """A-X strongest (green), C-Z weakest (red), N grey; N explained in the
        help of its column."""
        arch = etree.fromstring(
            self.Matrix.get_view(
                self.env.ref("crm_designer_loyalty.crm_segment_matrix_view_list").id
            )["arch"]
        )
        self.assertIn("o_cdl_heatmap", arch.get("class"))

        def decoration(column, abc):
            field = arch.xpath(f"//field[@name='{column}']")[0]
            return [
                name.removeprefix("decoration-")
                for name, condition in field.attrib.items()
                if name.startswith("decoration-")
                and (condition == "True" or f"'{abc}'" in condition)
            ]

        self.assertEqual(decoration("count_x", "A"), ["success"])
        self.assertEqual(decoration("count_y", "A"), ["info"])
        self.assertEqual(decoration("count_x", "C"), ["warning"])
        self.assertEqual(decoration("count_z", "C"), ["danger"])
        self.assertEqual(decoration("count_n", "A"), ["muted"])
        self.assertIn("too few months", self.Matrix._fields["count_n"].help)

    def test_one_matrix_menu(self):
        """One matrix screen: the heat map, under Analysis; the pivot of the
        snapshots that duplicated it is gone (Client Classes keeps a pivot)."""
        menus = self.env["ir.ui.menu"].search(
            [
                ("name", "ilike", "ABC x XYZ"),
                (
                    "id",
                    "child_of",
                    self.env.ref("crm_designer_loyalty.crm_designer_root_menu").id,
                ),
            ]
        )
        self.assertEqual(menus.mapped("name"), ["ABC x XYZ Matrix"])
        self.assertEqual(
            menus.action,
            self.env.ref("crm_designer_loyalty.crm_segment_matrix_server_action"),
        )
        self.assertFalse(
            self.env.ref(
                "crm_designer_loyalty.res_partner_segment_snapshot_matrix_action",
                raise_if_not_found=False,
            )
        )
