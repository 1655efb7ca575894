# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.6.0: the reward ledger is append-only. What is no longer collected is
reversed by a new entry (kind ``reversal``, ``reversed_id``) instead of being
deleted, and an invoice line settled again gets a new accrual: the unique key
(invoice line, designer, kind) becomes (invoice line, designer, kind,
generation). The existing entries are kept as they are, all of the first
generation (0); the module update then adds the new unique constraint, the
reversal check and the partial unique index on ``reversed_id``."""


def migrate(cr, version):
    cr.execute(
        """
        ALTER TABLE designer_reward
            DROP CONSTRAINT IF EXISTS designer_reward_move_line_designer_kind_uniq;
        ALTER TABLE designer_reward
            ADD COLUMN IF NOT EXISTS generation int4,
            ADD COLUMN IF NOT EXISTS reversed_id int4;
        UPDATE designer_reward SET generation = 0 WHERE generation IS NULL;
        DELETE FROM ir_model_constraint
         WHERE name = 'designer_reward_move_line_designer_kind_uniq';
        """
    )
