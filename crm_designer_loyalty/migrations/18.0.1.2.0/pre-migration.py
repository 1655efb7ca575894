# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the designers' tier, rolling sales and review date become
company-dependent (jsonb keyed by company id). The values so far were those of
one company: the company of the tier, else the partner's, else the first one."""


def migrate(cr, version):
    cr.execute(
        """
        SELECT data_type FROM information_schema.columns
         WHERE table_name = 'res_partner' AND column_name = 'loyalty_tier_id'
        """
    )
    row = cr.fetchone()
    if not row or row[0] == "jsonb":
        return
    cr.execute(
        "ALTER TABLE res_partner "
        "DROP CONSTRAINT IF EXISTS res_partner_loyalty_tier_id_fkey"
    )
    cr.execute("DROP INDEX IF EXISTS res_partner__loyalty_tier_id_index")
    cr.execute("ALTER TABLE res_partner ADD COLUMN cdl_company_key varchar")
    cr.execute(
        """
        UPDATE res_partner p
           SET cdl_company_key = COALESCE(t.company_id, p.company_id,
                                          (SELECT MIN(id) FROM res_company))::text
          FROM res_partner q LEFT JOIN designer_loyalty_tier t
            ON t.id = q.loyalty_tier_id
         WHERE q.id = p.id
           AND (p.loyalty_tier_id IS NOT NULL OR p.loyalty_review_date IS NOT NULL)
        """
    )
    for column in ("loyalty_tier_id", "loyalty_rolling_sales", "loyalty_review_date"):
        cr.execute(
            f"""
            ALTER TABLE res_partner ALTER COLUMN {column} TYPE jsonb
            USING CASE WHEN {column} IS NULL OR cdl_company_key IS NULL THEN NULL
                       ELSE jsonb_build_object(cdl_company_key, {column}) END
            """
        )
    cr.execute("ALTER TABLE res_partner DROP COLUMN cdl_company_key")
