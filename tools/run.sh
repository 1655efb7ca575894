#!/usr/bin/env bash
# `make run`: set-up, then (once) a database designer_demo with the addon and its demo data
# (upgraded when the addon's version changed), served on 127.0.0.1:8069.
source "$(dirname "$0")/env.sh"
setup_all

DB="${DEMO_DB:-designer_demo}"
if ! psql -d "$DB" -tAc "SELECT 1 FROM ir_module_module WHERE name='crm_designer_loyalty' AND state='installed'" 2>/dev/null | grep -q 1; then
    log "Creating $DB with crm_designer_loyalty and demo data"
    dropdb --if-exists "$DB"
    "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" -i crm_designer_loyalty --stop-after-init --log-level=warn
else
    version="$("$PYTHON" -c "import ast, sys; print(ast.literal_eval(open(sys.argv[1]).read())['version'])" "$REPO_DIR/crm_designer_loyalty/__manifest__.py")"
    if [ "$(psql -d "$DB" -tAc "SELECT latest_version FROM ir_module_module WHERE name='crm_designer_loyalty'")" != "$version" ]; then
        log "Upgrading crm_designer_loyalty in $DB to $version"
        "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" -u crm_designer_loyalty --stop-after-init --log-level=warn
    fi
fi
if ! psql -d "$DB" -tAc "SELECT 1 FROM res_lang WHERE code='ru_RU' AND active" | grep -q 1; then
    log "Loading Russian into $DB (Preferences > Language)"
    # with every model loaded (--load-language alone loads only base's records' terms)
    "${ODOO_BIN[@]}" shell -c "$ODOO_CONF" -d "$DB" --log-level=warn >/dev/null <<'PY'
ru = env["res.lang"].with_context(active_test=False).search([("code", "=", "ru_RU")])
env["base.language.install"].create({"lang_ids": [(6, 0, ru.ids)]}).lang_install()
env.cr.commit()
PY
fi
log "Serving http://127.0.0.1:8069/odoo  (login: admin, password: admin; database $DB)"
exec "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" --max-cron-threads=1
