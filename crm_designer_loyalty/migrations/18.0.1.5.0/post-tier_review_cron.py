# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.5.0: the tier review moves from res.partner to designer.loyalty.tier.
Its cron is a noupdate record: point it at the new model and method (keeping
any arguments an administrator gave it)."""

CRON_XMLID = "ir_cron_designer_tier_review"
OLD_MODEL, NEW_MODEL = "res.partner", "designer.loyalty.tier"
OLD_CALL, NEW_CALL = "model._cron_loyalty_review(", "model._cron_tier_review("


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_act_server a
           SET model_id = (SELECT id FROM ir_model WHERE model = %(new_model)s),
               model_name = %(new_model)s,
               code = REPLACE(a.code, %(old_call)s, %(new_call)s)
          FROM ir_cron c
          JOIN ir_model_data d
            ON d.model = 'ir.cron' AND d.res_id = c.id
           AND d.module = 'crm_designer_loyalty' AND d.name = %(xmlid)s
         WHERE a.id = c.ir_actions_server_id AND a.model_name = %(old_model)s
        """,
        {
            "xmlid": CRON_XMLID,
            "old_model": OLD_MODEL,
            "new_model": NEW_MODEL,
            "old_call": OLD_CALL,
            "new_call": NEW_CALL,
        },
    )
