# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""OCA's "Settled" and "Rejected" complaint stages close a complaint: flag them in
databases where crm_claim came with this version (the data file only does it on
a fresh installation, as those stages are noupdate records of crm_claim)."""

STAGES = ("stage_claim2", "stage_claim3")


def migrate(cr, version):
    cr.execute(
        """
        UPDATE crm_claim_stage s SET is_closed = TRUE
          FROM ir_model_data d
         WHERE d.module = 'crm_claim' AND d.name IN %s
           AND d.model = 'crm.claim.stage' AND d.res_id = s.id
        """,
        (STAGES,),
    )
