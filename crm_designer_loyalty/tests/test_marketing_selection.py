# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .segmentation_common import RUN_DATE, SegmentationCommon


@tagged("post_install", "-at_install")
class TestMarketingSelection(SegmentationCommon):
    """Issue 16: a mailing on exactly a segment or a selection, and the group
    actions on a selection of partners, as the role that runs them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # window revenue 800, 150, 50: A (80 %), B (95 %), C
        cls.big, cls.mid, cls.small = Partner.create(
            [
                {"name": name, "email": f"{name.lower()}@example.com"}
                for name in ("Big", "Mid", "Small")
            ]
        )
        for partner, amount in ((cls.big, 800), (cls.mid, 150), (cls.small, 50)):
            cls._sale(partner, amount, date(2025, 3, 10))
        cls.Run._run_company(cls.company, RUN_DATE)
        cls.mailer = cls._create_user(
            "cdl_mailer",
            "crm_designer_loyalty.group_designer_manager",
            "mass_mailing.group_mass_mailing_user",
        )
        cls.Partner = Partner

    def _mailing(self, partners, user=None, **context):
        action = (
            partners.with_user(user or self.mailer)
            .with_context(**context)
            .action_cdl_send_mailing()
        )
        return self.env["mailing.mailing"].browse(action["res_id"])

    def test_01_segment_mailing_follows_reclassification(self):
        """All the partners of a filter selected: the mailing's domain is that
        filter, which selects the segment again at each send."""
        segment = [("abc_class", "=", "A")]
        self.assertEqual(self.Partner.search(segment), self.big)
        mailing = self._mailing(
            self.big, active_model="res.partner", active_domain=segment
        )
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.mailing_domain, repr(segment))
        self.assertEqual(mailing._get_recipients(), self.big.ids)
        # Small buys 5000 in June: the July 2025 re-run makes it the only A
        self._sale(self.small, 5000, date(2025, 6, 10))
        self._run(date(2025, 7, 20))
        self.assertEqual(mailing._get_recipients(), self.small.ids)

    def test_02_selection_mailing_is_exactly_the_selection(self):
        """A hand selection, or a filter of which only some partners were
        selected: the mailing goes to exactly those partners."""
        selection = self.big | self.small
        mailing = self._mailing(selection)
        self.assertEqual(mailing.mailing_domain, repr([("id", "in", selection.ids)]))
        self.assertEqual(sorted(mailing._get_recipients()), sorted(selection.ids))
        # the filter selects Big, Mid and Small; only two were selected
        mailing = self._mailing(
            selection,
            active_model="res.partner",
            active_domain=[("abc_class", "!=", False)],
        )
        self.assertEqual(sorted(mailing._get_recipients()), sorted(selection.ids))
        # the rows of a snapshot list: their partners
        snapshots = self._snap(self.mid) | self._snap(self.small)
        result = snapshots.with_user(self.mailer).action_cdl_send_mailing()
        mailing = self.env["mailing.mailing"].browse(result["res_id"])
        self.assertEqual(
            sorted(mailing._get_recipients()), sorted((self.mid | self.small).ids)
        )

    def test_03_rfm_segment_mailing(self):
        segment = self.big.rfm_segment_id
        self.assertTrue(segment)
        result = segment.with_user(self.mailer).action_cdl_send_mailing()
        mailing = self.env["mailing.mailing"].browse(result["res_id"])
        self.assertEqual(
            sorted(mailing._get_recipients()),
            sorted(self.Partner.search([("rfm_segment_id", "=", segment.id)]).ids),
        )
        self.assertIn(self.big.id, mailing._get_recipients())

    def test_04_mailing_needs_email_marketing_rights(self):
        with self.assertRaisesRegex(UserError, "Email Marketing"):
            self._mailing(self.client, user=self.user_sales)

    def _group_action(self, user, partners, **values):
        wizard = (
            self.env["res.partner.group.action"]
            .with_user(user)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create(values)
        )
        self.assertEqual(wizard.partner_ids, partners)
        return wizard.action_apply()

    def test_05_assign_salesperson_follows_the_partner_rules(self):
        # a salesperson takes a partner nobody follows and gives their own to
        # a team mate... of their own team only
        self._group_action(
            self.user_sales,
            self.big | self.client,
            action="salesperson",
            user_id=self.user_sales.id,
        )
        self.assertEqual((self.big | self.client).user_id, self.user_sales)
        with self.assertRaisesRegex(AccessError, "Only a Sales Manager"):
            self._group_action(
                self.user_sales,
                self.client,
                action="salesperson",
                user_id=self.user_sales2.id,
            )
        with self.assertRaisesRegex(AccessError, "is followed by"):
            self._group_action(
                self.user_sales,
                self.client_other | self.mid,
                action="salesperson",
                user_id=self.user_sales.id,
            )
        # nothing half-written: Mid was not taken either
        self.assertFalse(self.mid.user_id)
        self._group_action(
            self.user_manager,
            self.client_other | self.mid,
            action="salesperson",
            user_id=self.user_sales.id,
        )
        self.assertEqual((self.client_other | self.mid).user_id, self.user_sales)

    def test_06_tags_activity_mailing_list(self):
        vip, old = self.env["res.partner.category"].create(
            [{"name": "VIP"}, {"name": "Old"}]
        )
        self.big.category_id = old
        partners = self.big | self.mid
        self._group_action(
            self.user_sales, partners, action="tag", category_ids=[(6, 0, vip.ids)]
        )
        self.assertEqual(self.big.category_id, vip | old)
        self.assertEqual(self.mid.category_id, vip)

        call = self.env.ref("mail.mail_activity_data_call")
        self._group_action(
            self.user_sales,
            partners,
            action="activity",
            activity_type_id=call.id,
            activity_summary="Spring collection",
            activity_date_deadline=date(2026, 3, 2),
        )
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )
        self.assertEqual(len(activities), 2)
        self.assertEqual(set(activities.mapped("summary")), {"Spring collection"})
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2026, 3, 2)})
        self.assertEqual(activities.user_id, self.user_sales)

        with self.assertRaisesRegex(UserError, "Activity Type is required"):
            self._group_action(self.user_sales, partners, action="activity")

        mailing_list = self.env["mailing.list"].create({"name": "Spring"})
        no_email = self.env["res.partner"].create({"name": "No Email"})
        for _attempt in range(2):  # a second run adds no duplicate
            self._group_action(
                self.mailer,
                partners | no_email,
                action="mailing_list",
                mailing_list_id=mailing_list.id,
            )
        self.assertEqual(
            sorted(mailing_list.contact_ids.mapped("email")),
            ["big@example.com", "mid@example.com"],
        )
        # a salesperson without Email Marketing rights cannot
        with self.assertRaises(AccessError):
            self._group_action(
                self.user_sales,
                partners,
                action="mailing_list",
                mailing_list_id=mailing_list.id,
            )
