# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.6.0: tier rates are versioned. Each tier gets its first version,
valid since always, from its rate and reward type (columns that the tier no
longer stores, dropped here); the category rules, now with a start date, are
valid since always. Accruals stay as they were."""


def migrate(cr, version):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'designer_loyalty_tier' AND column_name = 'rate'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        INSERT INTO designer_loyalty_tier_rate (
            tier_id, company_id, date_from, rate, reward_type,
            create_uid, write_uid, create_date, write_date)
        SELECT t.id, t.company_id, NULL, COALESCE(t.rate, 0),
               COALESCE(t.reward_type, 'money'), 1, 1,
               NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
          FROM designer_loyalty_tier t
         WHERE NOT EXISTS (SELECT 1 FROM designer_loyalty_tier_rate v
                            WHERE v.tier_id = t.id AND v.date_from IS NULL)
        """
    )
    cr.execute(
        "ALTER TABLE designer_loyalty_tier DROP COLUMN rate CASCADE, "
        "DROP COLUMN reward_type CASCADE"
    )
