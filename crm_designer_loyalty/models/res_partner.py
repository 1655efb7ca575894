# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner identity and attribution: sales team, designer flag, the designer who
brought the client (first-touch rule). The other concerns extend res.partner in
res_partner_dossier_profile.py, res_partner_dossier_history.py,
res_partner_loyalty.py and res_partner_segmentation.py."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="Sales team in charge of this partner; its members see the "
        "partner's dossier. Defaults to the team of the salesperson.",
    )
    is_designer = fields.Boolean(
        string="Is a Designer",
        tracking=True,
        help="Interior designer who brings clients and takes part in the "
        "loyalty program.",
    )
    designer_id = fields.Many2one(
        "res.partner",
        string="Attributed Designer",
        domain="[('is_designer', '=', True)]",
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        help="Designer who first brought this client (first-touch rule). "
        "Orders and invoices of the client are attributed to this designer by default.",
    )
    designer_client_ids = fields.One2many(
        "res.partner", "designer_id", string="Referred Clients"
    )
    designer_client_count = fields.Integer(compute="_compute_designer_client_count")

    @api.depends("user_id")
    def _compute_team_id(self):
        """The team of the salesperson when the partner has none, or when its
        team was the previous salesperson's (in the form; write() does the same
        on a saved partner). A team chosen by hand is kept."""
        for partner in self.filtered("user_id"):
            previous = partner._origin.user_id
            if not partner.team_id or (
                previous != partner.user_id and partner.team_id == previous.sale_team_id
            ):
                partner.team_id = partner.user_id.sale_team_id

    @api.depends("designer_client_ids")
    def _compute_designer_client_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("designer_id", "in", self.ids)], ["designer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.designer_client_count = counts.get(partner, 0)

    @api.constrains("designer_id", "is_designer")
    def _check_designer_id(self):
        for partner in self:
            if partner.designer_id == partner:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be their own designer.",
                        partner=partner.display_name,
                    )
                )
            if partner.designer_id and not partner.designer_id.is_designer:
                raise ValidationError(
                    self.env._(
                        "%(designer)s is not a designer (Is a Designer is not set): "
                        "client %(partner)s cannot be attributed to them.",
                        designer=partner.designer_id.display_name,
                        partner=partner.display_name,
                    )
                )
            if not partner.is_designer and partner.designer_client_ids:
                raise ValidationError(
                    self.env._(
                        "%(partner)s still has attributed clients: attribute them "
                        "to another designer before unsetting Is a Designer.",
                        partner=partner.display_name,
                    )
                )

    def write(self, vals):
        if "designer_id" in vals and not self.env.su:
            self._cdl_check_designer_change(self.browse(vals["designer_id"]))
        if {"user_id", "team_id", "parent_id"} & set(vals) and not self.env.su:
            self._cdl_check_salesperson_change(vals)
        # a new salesperson takes the partner into their team, unless the team
        # was chosen by hand (not the previous salesperson's team)
        moved = self.browse()
        if vals.get("user_id") and "team_id" not in vals:
            moved = self.filtered(
                lambda p: (
                    p.team_id
                    and p.team_id == p.user_id.sale_team_id
                    and p.user_id.id != vals["user_id"]
                )
            )
        res = super().write(vals)
        if moved:
            # sudo: the team follows the new salesperson, whom the user was
            # allowed to set (the team may be one of theirs but not the user's)
            moved.sudo().team_id = (
                self.env["res.users"].browse(vals["user_id"]).sale_team_id
            )
        return res

    def _cdl_check_salesperson_change(self, vals):
        """A salesperson gives their own partners (their team's, or partners
        nobody has yet) to themselves or to a member of their sales teams; they
        cannot take another salesperson's partner (nor put it under a company of
        theirs), whose dossier, ledger and statements the record rules would
        then show them. Sales Managers set any salesperson and team. Creating a
        partner takes nothing over and is not checked (a converted lead gives
        its partner the lead's salesperson)."""
        user = self.env.user
        if not user.has_group(
            "crm_designer_loyalty.group_designer_user"
        ) or user.has_group("crm_designer_loyalty.group_designer_manager"):
            return
        changed = self.filtered(
            lambda p: any(
                fname in vals and p[fname].id != (vals[fname] or False)
                for fname in ("user_id", "team_id", "parent_id")
            )
        )
        if not changed:
            return
        new_user = self.env["res.users"].browse(vals.get("user_id"))
        new_team = self.env["crm.team"].browse(vals.get("team_id"))
        teams = user.crm_team_ids
        if new_user and new_user not in user | teams.member_ids:
            target = new_user
        elif new_team and new_team not in teams | new_user.sale_team_id:
            target = new_team
        else:
            target = None
        if target:
            raise AccessError(
                self.env._(
                    "Only a Sales Manager can give %(partner)s to %(target)s: you "
                    "can make yourself or a member of your sales team its "
                    "salesperson.",
                    partner=changed[0].display_name,
                    target=target.display_name,
                )
            )
        followed = (changed - changed._cdl_dossier_writable()).filtered(
            lambda p: (
                (p | p.commercial_partner_id).user_id
                or (p | p.commercial_partner_id).team_id
            )
        )
        if followed:
            partner = followed[0] | followed[0].commercial_partner_id
            raise AccessError(
                self.env._(
                    "%(partner)s is followed by %(owner)s, not by you or your "
                    "sales team: only a Sales Manager can change its salesperson, "
                    "sales team or company.",
                    partner=followed[0].display_name,
                    owner=(partner.user_id[:1] or partner.team_id[:1]).display_name,
                )
            )

    def _cdl_check_designer_change(self, designer):
        """Only a Sales Manager may re-attribute a client, or attach a client who
        already has confirmed sales (the designer did not bring them)."""
        if self.env.user.has_group("crm_designer_loyalty.group_designer_manager"):
            return
        for partner in self.filtered(lambda p: p.designer_id != designer):
            if partner.designer_id:
                raise UserError(
                    self.env._(
                        "Only a Sales Manager can re-attribute client %(client)s "
                        "from designer %(old)s to %(new)s.",
                        client=partner.display_name,
                        old=partner.designer_id.display_name,
                        new=designer.display_name or self.env._("no designer"),
                    )
                )
            if partner.commercial_partner_id._cdl_has_confirmed_sales():
                raise UserError(
                    self.env._(
                        "Only a Sales Manager can attach client %(client)s to "
                        "designer %(designer)s: the client already has confirmed "
                        "sales.",
                        client=partner.display_name,
                        designer=designer.display_name,
                    )
                )

    def _cdl_has_confirmed_sales(self, exclude_orders=None, exclude_moves=None):
        """Whether this commercial partner has confirmed sale orders or posted
        customer invoices (direct invoicing, migrated history), other than
        ``exclude_orders`` and ``exclude_moves`` (the documents being confirmed
        or posted)."""
        self.ensure_one()
        domain = [
            ("partner_id.commercial_partner_id", "=", self.id),
            ("state", "=", "sale"),
        ]
        if exclude_orders:
            domain.append(("id", "not in", exclude_orders.ids))
        return bool(
            self.env["sale.order"].sudo().search_count(domain, limit=1)
            or self.env["account.move"]
            .sudo()
            .search_count(
                [
                    ("commercial_partner_id", "=", self.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("id", "not in", exclude_moves.ids if exclude_moves else []),
                ],
                limit=1,
            )
        )

    def _cdl_first_touch(self, designer, exclude_orders=None, exclude_moves=None):
        """First-touch rule: attach the client (commercial partner of ``self``)
        to ``designer`` when it has no designer yet and no confirmed sales besides
        ``exclude_orders`` and ``exclude_moves``. Attaching an existing client is
        left to a manager."""
        client = self.commercial_partner_id
        if (
            client
            and designer
            and not client.designer_id
            and client != designer
            and not client._cdl_has_confirmed_sales(exclude_orders, exclude_moves)
        ):
            client.sudo().designer_id = designer
