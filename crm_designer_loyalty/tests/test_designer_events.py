# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..demo.designer_event_demo import DesignerEventDemo
from .loyalty_common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestDesignerEvents(LoyaltyCommon):
    """Issue 16: designers of chosen tiers invited to an event, the invitation
    in their language, optional registrations, shown on the designer form.

    Anna (Gold, Russian) and Vera (Base) are cdl_sales's designers, Boris
    (Silver) cdl_sales2's, Gleb has no tier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_russian()
        Partner = cls.env["res.partner"]
        cls.designer.write({"email": "anna@example.com", "lang": "ru_RU"})
        cls.designer2.write({"email": "boris@example.com", "lang": "en_US"})
        cls.vera, cls.gleb = Partner.create(
            [
                {
                    "name": "Vera Designer",
                    "is_designer": True,
                    "email": "vera@example.com",
                    "user_id": cls.user_sales.id,
                },
                {"name": "Gleb Designer", "is_designer": True},
            ]
        )
        for designer, tier in (
            (cls.designer, cls.tier_gold),
            (cls.designer2, cls.tier_silver),
            (cls.vera, cls.tier_base),
        ):
            designer.sudo().loyalty_tier_id = tier
        cls.event = cls.env["event.event"].create(
            {
                "name": "Showroom Evening",
                "date_begin": datetime(2026, 7, 1, 15),
                "date_end": datetime(2026, 7, 1, 18),
            }
        )

    def _wizard(self, user, tiers, register=False):
        return (
            self.env["designer.event.invite"]
            .with_user(user)
            .with_context(allowed_company_ids=self.company.ids)
            .create(
                {
                    "event_id": self.event.id,
                    "tier_ids": [Command.set(tiers.ids)],
                    "create_registrations": register,
                }
            )
        )

    def _invitation_message(self, designer):
        return designer.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_01_chosen_tiers_invited_exactly(self):
        wizard = self._wizard(
            self.user_loyalty, self.tier_silver | self.tier_gold, register=True
        )
        self.assertEqual(wizard.designer_ids.ids, [self.designer.id, self.designer2.id])
        self.assertEqual(wizard.designer_count, 2)
        wizard.action_invite()
        invitations = self.event.cdl_invitation_ids
        self.assertEqual(
            sorted(
                (row.partner_id.name, row.tier_id.name, row.registration_state)
                for row in invitations
            ),
            [("Anna Designer", "Gold", "open"), ("Boris Designer", "Silver", "open")],
        )
        self.assertEqual(self.event.cdl_invitation_count, 2)
        registrations = self.env["event.registration"].search(
            [("event_id", "=", self.event.id)]
        )
        self.assertEqual(registrations.partner_id, self.designer | self.designer2)
        # the invitation, in each designer's language, on their chatter
        russian = self._invitation_message(self.designer)
        self.assertEqual(
            (russian.subject, russian.partner_ids, russian.author_id),
            (
                "Приглашение: Showroom Evening",
                self.designer,
                self.user_loyalty.partner_id,
            ),
        )
        self.assertIn("Ваше место забронировано.", str(russian.body))
        english = self._invitation_message(self.designer2)
        self.assertEqual(english.subject, "Invitation: Showroom Evening")
        self.assertIn("As a Silver member of our designer", str(english.body))
        self.assertIn("Your place is reserved.", str(english.body))
        # the designer form: its registrations and invitations
        anna = self.designer.with_user(self.user_sales)
        self.assertEqual(anna.cdl_event_registration_count, 1)
        self.assertEqual(anna.cdl_event_invitation_ids.event_id, self.event)
        self.assertEqual(
            anna.action_cdl_open_event_registrations()["domain"],
            [("partner_id", "=", self.designer.id)],
        )
        self.assertEqual(self.gleb.cdl_event_registration_count, 0)

        # invited again with Base: only Vera, without registration
        wizard = self._wizard(self.user_loyalty, self.tier_base | self.tier_gold)
        self.assertEqual(wizard.designer_ids, self.vera)
        wizard.action_invite()
        self.assertEqual(len(self.event.cdl_invitation_ids), 3)
        vera = self.event.cdl_invitation_ids.filtered(
            lambda row: row.partner_id == self.vera
        )
        self.assertFalse(vera.registration_id)
        self.assertEqual(
            len(registrations.search([("event_id", "=", self.event.id)])), 2
        )
        self.assertIn(
            "Reply to this email to reserve your place.",
            str(self._invitation_message(self.vera).body),
        )
        self.assertEqual(len(self._invitation_message(self.designer)), 1)
        with self.assertRaisesRegex(
            UserError,
            r"^No designer of the tiers Gold is left to invite to Showroom Evening\.$",
        ):
            self._wizard(self.user_loyalty, self.tier_gold).action_invite()
        with self.assertRaisesRegex(
            UserError, r"^Choose the tiers of the designers to invite\.$"
        ):
            self._wizard(self.user_loyalty, self.tier_gold.browse()).action_invite()

    def test_02_access(self):
        tiers = self.tier_base | self.tier_silver | self.tier_gold
        self._wizard(self.user_manager, tiers, register=True).action_invite()
        Invitation = self.env["designer.event.invitation"]
        mine = [("event_id", "=", self.event.id)]
        self.assertEqual(len(self.event.cdl_invitation_ids), 3)
        # a salesperson reads the invitations of their own designers only
        self.assertEqual(
            Invitation.with_user(self.user_sales).search(mine).partner_id,
            self.designer | self.vera,
        )
        self.assertEqual(
            Invitation.with_user(self.user_sales2).search(mine).partner_id,
            self.designer2,
        )
        self.assertEqual(
            self.vera.with_user(self.user_sales).cdl_event_registration_count, 1
        )
        with self.assertRaises(AccessError):
            Invitation.with_user(self.user_sales).create(
                {"event_id": self.event.id, "partner_id": self.gleb.id}
            )
        with self.assertRaises(AccessError):
            self._wizard(self.user_sales, tiers)
        with self.assertRaises(AccessError):
            Invitation.with_user(self.user_sales).search(mine).unlink()
        # the managers and the consultants see every invitation
        for user in (self.user_manager, self.user_loyalty, self.user_config):
            self.assertEqual(Invitation.with_user(user).search_count(mine), 3)

    def test_03_demo(self):
        """The demo event: Silver and Gold designers invited and registered,
        Base designers invited only (in the demo's company, whose tiers the
        demo data defines)."""
        main = self.env.ref("base.main_company")
        env = self.env(
            su=True, context=dict(self.env.context, allowed_company_ids=main.ids)
        )

        def tier(name):
            return env.ref(f"crm_designer_loyalty.designer_loyalty_tier_{name}")

        def designers(*names):
            return env["res.partner"].search(
                [
                    ("is_designer", "=", True),
                    ("loyalty_tier_id", "in", [tier(name).id for name in names]),
                ]
            )

        self.designer.with_env(env).loyalty_tier_id = tier("gold")
        self.vera.with_env(env).loyalty_tier_id = tier("base")
        event = DesignerEventDemo(env).load(today=date(2026, 6, 1))
        self.assertEqual(
            (event.date_begin, event.date_end, event.company_id),
            (datetime(2026, 6, 15, 15), datetime(2026, 6, 15, 18), main),
        )
        invitations = event.cdl_invitation_ids
        self.assertIn(self.designer, designers("silver", "gold"))
        self.assertIn(self.vera, designers("base"))
        self.assertEqual(
            invitations.filtered("registration_id").partner_id,
            designers("silver", "gold"),
        )
        self.assertEqual(
            invitations.filtered(lambda row: not row.registration_id).partner_id,
            designers("base"),
        )
