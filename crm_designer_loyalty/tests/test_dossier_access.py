# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .dossier_common import DossierCommon


@tagged("post_install", "-at_install")
class TestDossierAccess(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        attribute = cls.env["res.partner.attribute"].create({"name": "Pets"})
        cls.rows = {
            "res.partner.significant.date": cls.env[
                "res.partner.significant.date"
            ].create({"partner_id": cls.client.id, "date": date(1985, 4, 1)}),
            "res.partner.equipment": cls.env["res.partner.equipment"].create(
                {"partner_id": cls.client.id, "name": "Boiler"}
            ),
            "res.partner.document": cls.env["res.partner.document"].create(
                {"partner_id": cls.client.id, "name": "Offer"}
            ),
            "res.partner.attribute.value": cls.env[
                "res.partner.attribute.value"
            ].create(
                {
                    "partner_id": cls.client.id,
                    "attribute_id": attribute.id,
                    "value_text": "Cat",
                }
            ),
        }

    def test_other_salesperson_is_refused(self):
        for model, row in self.rows.items():
            with self.subTest(model=model):
                with self.assertRaises(AccessError):
                    row.with_user(self.user_sales2).read(["partner_id"])
                self.assertFalse(
                    self.env[model]
                    .with_user(self.user_sales2)
                    .search([("partner_id", "=", self.client.id)])
                )

    def test_own_and_team_salesperson_and_manager_see(self):
        team_mate = self.env["res.users"].create(
            {
                "name": "Team Mate",
                "login": "cdl_team_mate",
                "groups_id": [
                    (6, 0, self.env.ref("crm_designer_loyalty.group_designer_user").ids)
                ],
            }
        )
        self.team.member_ids |= team_mate
        for model, row in self.rows.items():
            with self.subTest(model=model):
                for user in (self.user_sales, team_mate, self.user_manager):
                    self.assertEqual(
                        self.env[model]
                        .with_user(user)
                        .search([("partner_id", "=", self.client.id)]),
                        row,
                    )

    def test_salesperson_cannot_write_other_clients_dossier(self):
        Date = self.env["res.partner.significant.date"].with_user(self.user_sales2)
        with self.assertRaises(AccessError):
            Date.create({"partner_id": self.client.id, "date": date(1990, 1, 1)})
        own = Date.create(
            {"partner_id": self.client_other.id, "date": date(1990, 1, 1)}
        )
        self.assertEqual(own.company_id, self.company)
        with self.assertRaises(AccessError):
            self.rows["res.partner.equipment"].with_user(self.user_sales2).write(
                {"name": "Stolen"}
            )

    def test_only_consultants_define_attributes(self):
        with self.assertRaises(AccessError):
            self.env["res.partner.attribute"].with_user(self.user_sales).create(
                {"name": "Hobby"}
            )
        with self.assertRaises(AccessError):
            self.env["res.partner.attribute"].with_user(self.user_manager).create(
                {"name": "Hobby"}
            )
        attribute = (
            self.env["res.partner.attribute"]
            .with_user(self.user_config)
            .create({"name": "Hobby", "attribute_type": "date"})
        )
        self.assertEqual(attribute.attribute_type, "date")
        self.assertEqual(attribute.with_user(self.user_sales).name, "Hobby")

    def test_other_company_rows_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        partner = self.env["res.partner"].create(
            {"name": "Foreign", "company_id": other_company.id}
        )
        row = self.env["res.partner.equipment"].create(
            {"partner_id": partner.id, "name": "Lamp"}
        )
        self.assertEqual(row.company_id, other_company)
        equipment = self.env["res.partner.equipment"].with_user(self.user_manager)
        self.assertFalse(equipment.search([("id", "=", row.id)]))
        with self.assertRaises(AccessError):
            row.with_user(self.user_manager).read(["name"])
