# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .dossier_common import DossierCommon


@tagged("post_install", "-at_install")
class TestComplaints(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim_type = cls.env["crm.claim.type"].create(
            {"name": "Scratches", "response_days": 3}
        )
        cls.category = cls.env["product.category"].create({"name": "Lighting"})
        cls.product = cls.env["product.product"].create(
            {"name": "Brass Lamp", "categ_id": cls.category.id}
        )
        cls.new_stage = cls.env.ref("crm_claim.stage_claim1")
        cls.settled = cls.env.ref("crm_claim.stage_claim2")

    def _claim(self, user, partner, **values):
        return (
            self.env["crm.claim"]
            .with_user(user)
            .create(
                {
                    "name": "Scratched lamp",
                    "partner_id": partner.id,
                    "type_id": self.claim_type.id,
                    "date": datetime(2026, 3, 2, 9, 0),
                    "product_id": self.product.id,
                    "demand": "discount",
                    "amount_claimed": 500.0,
                    "stage_id": self.new_stage.id,
                    **values,
                }
            )
        )

    def test_deadline_direction_activity_and_resolution_time(self):
        claim = self._claim(self.user_sales, self.client)
        self.assertEqual(claim.date_deadline, date(2026, 3, 5))
        self.assertEqual(claim.direction_id, self.category)
        self.assertEqual(claim.user_id, self.user_sales)
        self.assertEqual(claim.partner_user_id, self.user_sales)
        activity = claim.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_sales)
        self.assertEqual(activity.date_deadline, date(2026, 3, 5))
        self.assertFalse(claim.date_closed)
        before = fields.Datetime.now()
        claim.stage_id = self.settled
        self.assertTrue(before <= claim.date_closed <= fields.Datetime.now())
        claim.date_closed = datetime(2026, 3, 4, 21, 0)
        self.assertEqual(claim.resolution_days, 2.5)
        claim.stage_id = self.new_stage
        self.assertFalse(claim.date_closed)
        self.assertEqual(claim.resolution_days, 0)

    def test_type_change_moves_deadline(self):
        claim = self._claim(self.user_sales, self.client)
        claim.type_id = self.env.ref("crm_designer_loyalty.crm_claim_type_quality")
        self.assertEqual(claim.date_deadline, date(2026, 3, 12))

    def test_salesperson_sees_only_own_clients(self):
        own = self._claim(self.user_sales, self.client)
        other = self._claim(self.user_manager, self.client_other)
        Claim = self.env["crm.claim"]
        self.assertEqual(
            Claim.with_user(self.user_sales).search([("id", "in", (own | other).ids)]),
            own,
        )
        with self.assertRaises(AccessError):
            other.with_user(self.user_sales).read(["name"])
        self.assertEqual(
            Claim.with_user(self.user_manager).search_count(
                [("id", "in", (own | other).ids)]
            ),
            2,
        )
        self.assertEqual(self.client.with_user(self.user_sales).claim_count, 1)
        self.assertEqual(self.client_other.with_user(self.user_sales).claim_count, 0)

    def test_salesperson_cannot_create_or_move_to_other_client(self):
        with self.assertRaises(AccessError):
            self._claim(self.user_sales, self.client_other)
        claim = self._claim(self.user_sales, self.client)
        with self.assertRefused(AccessError, "only assign a row to a client you"):
            claim.with_user(self.user_sales).partner_id = self.client_other
        self.assertEqual(claim.partner_id, self.client)
        # a manager may
        claim.with_user(self.user_manager).partner_id = self.client_other
        self.assertEqual(claim.partner_id, self.client_other)

    def test_bad_amounts_refused(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self._claim(self.user_sales, self.client, amount_granted=-1.0)
        with self.assertRefused(ValidationError, "must be a finite number"):
            self._claim(self.user_sales, self.client, amount_claimed=float("nan"))
        with self.assertRefused(ValidationError, "between 0 and 365"):
            self.claim_type.response_days = 400

    def test_dossier_button_opens_the_client_complaints(self):
        claim = self._claim(self.user_sales, self.client)
        action = self.client.with_user(self.user_sales).action_cdl_view_claims()
        self.assertEqual(
            self.env["crm.claim"].with_user(self.user_sales).search(action["domain"]),
            claim,
        )
