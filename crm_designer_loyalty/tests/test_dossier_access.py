# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .dossier_common import DossierCommon


@tagged("post_install", "-at_install")
class TestDossierAccess(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        attribute = cls.env["res.partner.attribute"].create({"name": "Pets"})
        cls.rows = {
            "res.partner.dossier": cls.env["res.partner.dossier"].create(
                {"partner_id": cls.client.id, "character_notes": "Talkative"}
            ),
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

    def test_dossier_notes_hidden_from_plain_employees(self):
        self.client.write(
            {"character_notes": "Hates phone calls", "income_band": "premium"}
        )
        employee = new_test_user(
            self.env,
            login="cdl_plain_employee",
            groups="base.group_user,base.group_partner_manager",
        )
        client = self.client.with_user(employee)
        self.assertEqual(client.name, "Client One")
        for fname in (
            "character_notes",
            "preference_notes",
            "family_composition",
            "income_band",
            "life_events",
            "b2b_client_base",
            "business_goals",
            "business_kpis",
        ):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                client.read([fname])
        self.assertEqual(
            self.client.with_user(self.user_sales).read(
                ["character_notes", "income_band"]
            ),
            [
                {
                    "id": self.client.id,
                    "character_notes": "Hates phone calls",
                    "income_band": "premium",
                }
            ],
        )
        # the employee still opens and duplicates the contact, without the notes
        view = client.get_views([(False, "form")])["views"]["form"]
        self.assertNotIn('name="character_notes"', view["arch"])
        self.assertEqual(
            client.web_read({"display_name": {}}),
            [{"id": self.client.id, "display_name": "Client One"}],
        )
        duplicate = client.copy()
        self.assertEqual(duplicate.sudo().character_notes, False)

    def test_dossier_notes_of_other_salespersons_clients_are_private(self):
        own = self.client.with_user(self.user_sales)
        self.assertEqual(own.character_notes, "Talkative")
        self.assertFalse(own.dossier_private)
        other = self.client.with_user(self.user_sales2)
        self.assertEqual(
            other.read(["character_notes", "income_band", "dossier_private"]),
            [
                {
                    "id": self.client.id,
                    "character_notes": False,
                    "income_band": False,
                    "dossier_private": True,
                }
            ],
        )
        with self.assertRaises(AccessError):
            other.write({"character_notes": "Overwritten"})
        # no row yet: the first note of another salesperson's client is refused too
        contact = self.env["res.partner"].create(
            {"name": "Anna", "parent_id": self.client.id}
        )
        with self.assertRaises(AccessError):
            contact.with_user(self.user_sales2).write({"income_band": "high"})
        self.assertFalse(
            self.env["res.partner.dossier"].search([("partner_id", "=", contact.id)])
        )
        self.assertEqual(self.client.character_notes, "Talkative")
        self.assertEqual(
            self.client.with_user(self.user_manager).character_notes, "Talkative"
        )

    def test_dossier_notes_written_through_the_partner(self):
        Partner = self.env["res.partner"].with_user(self.user_sales)
        self.assertFalse(Partner.new({"name": "New"}).dossier_private)
        client = Partner.with_context(default_user_id=self.user_sales.id).create(
            {"name": "New Client", "family_composition": "Two children"}
        )
        row = self.env["res.partner.dossier"].search([("partner_id", "=", client.id)])
        self.assertEqual(row.family_composition, "Two children")
        client.write({"life_events": "Moving house", "family_composition": False})
        self.assertRecordValues(
            row, [{"family_composition": False, "life_events": "Moving house"}]
        )
        # a partner of no salesperson (the Contacts app): a clear refusal
        with self.assertRaisesRegex(
            AccessError,
            "set yourself or your team as the salesperson of Walk-in to write them",
        ):
            Partner.create({"name": "Walk-in", "character_notes": "Shy"})
        # a partner without notes has no row
        quiet = Partner.create({"name": "Quiet", "user_id": self.user_sales.id})
        self.assertFalse(
            self.env["res.partner.dossier"].search([("partner_id", "=", quiet.id)])
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["res.partner.dossier"].create({"partner_id": client.id})

    def test_new_salesperson_takes_the_client_into_their_team(self):
        Date = self.env["res.partner.significant.date"]
        row = self.rows["res.partner.significant.date"]
        domain = [("partner_id", "=", self.client.id)]
        self.assertEqual(self.client.team_id, self.user_sales.sale_team_id)
        self.client.user_id = self.user_sales2
        self.assertEqual(self.client.team_id, self.other_team)
        self.assertFalse(Date.with_user(self.user_sales).search(domain))
        with self.assertRaises(AccessError):
            row.with_user(self.user_sales).read(["date"])
        self.assertEqual(Date.with_user(self.user_sales2).search(domain), row)
        # a team chosen by hand stays when the salesperson changes
        key_accounts = self.env["crm.team"].create({"name": "Key Accounts"})
        self.client.team_id = key_accounts
        self.client.user_id = self.user_sales
        self.assertEqual(self.client.team_id, key_accounts)
        self.assertFalse(Date.with_user(self.user_sales2).search(domain))
        self.assertEqual(Date.with_user(self.user_sales).search(domain), row)
        # the form shows the new team before saving
        with Form(self.client_other) as form:
            self.assertEqual(form.team_id, self.other_team)
            form.user_id = self.user_sales
            self.assertEqual(form.team_id, self.team)
        self.assertEqual(self.client_other.team_id, self.team)
