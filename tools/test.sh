#!/usr/bin/env bash
# `make test`: set-up, fresh database, install the addon, run linters and the whole test suite.
source "$(dirname "$0")/env.sh"
setup_all

MODULE=crm_designer_loyalty
DB="${TEST_DB:-cdl_test}"
LOG_DIR="$BUILD_DIR/logs"; mkdir -p "$LOG_DIR"
status=0

log "Linters: ruff and pylint-odoo"
(cd "$REPO_DIR" && "$PYTHON" -m ruff check . && "$PYTHON" -m ruff format --check .) || status=1
(cd "$REPO_DIR" && "$PYTHON" -m pylint --rcfile=.pylintrc $MODULE) || status=1

log "Fresh database $DB with $MODULE installed"
dropdb --if-exists "$DB"
"${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" -i $MODULE --without-demo=all --stop-after-init \
    --log-level=warn 2>&1 | tee "$LOG_DIR/install.log"
if grep -E ' (ERROR|CRITICAL) ' "$LOG_DIR/install.log"; then
    echo "Installation logged errors (above)"; status=1
fi

# A failure before this point is reported here; pytest's summary closes the run.
[ "$status" = 0 ] || echo "make test: linters or installation FAILED (see above); running the tests anyway"
log "Test suite (pytest-odoo)"
# pytest keeps the log records of passing tests to itself: the ones of level
# WARNING and above also go to odoo-tests.log, which is checked below.
rm -f "$LOG_DIR/odoo-tests.log"
set +e
(cd "$REPO_DIR" && "$PYTHON" -m pytest -p no:cacheprovider -rs --odoo-config="$ODOO_CONF" \
    --odoo-database="$DB" -o log_file="$LOG_DIR/odoo-tests.log" -o log_file_level=WARNING \
    -o log_file_format='%(asctime)s %(levelname)s %(name)s: %(message)s' \
    "$MODULE/tests" 2>&1) | tee "$LOG_DIR/tests.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
set -e
# Errors logged by Odoo during the tests, or skipped tests, fail the run too.
if grep -E ' (ERROR|CRITICAL) ' "$LOG_DIR/odoo-tests.log"; then
    echo "make test: FAILED (errors logged by Odoo during the tests, above; $LOG_DIR/odoo-tests.log)"; status=1
fi
if grep -E '[0-9]+ skipped' "$LOG_DIR/tests.log"; then
    echo "make test: FAILED (tests skipped, above)"; status=1
fi
exit "$status"
