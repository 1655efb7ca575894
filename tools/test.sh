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

log "Wheel: pip wheel --no-deps $MODULE (whool), its name, version and requirements"
"$PYTHON" "$REPO_DIR/tools/check_wheel.py" || status=1

log "Fresh database $DB with $MODULE installed"
dropdb --if-exists "$DB"
"${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB" -i $MODULE --without-demo=all --stop-after-init \
    --log-level=warn 2>&1 | tee "$LOG_DIR/install.log"
if grep -E ' (ERROR|CRITICAL) ' "$LOG_DIR/install.log"; then
    echo "Installation logged errors (above)"; status=1
fi

# A failure before this point is reported here; the summaries of both runners close the run.
[ "$status" = 0 ] || echo "make test: linters or installation FAILED (see above); running the tests anyway"
log "Test suite (pytest-odoo)"
# pytest keeps the log records of passing tests to itself: the ones of level
# WARNING and above also go to odoo-tests.log, which is checked below. Odoo logs
# at WARNING (pytest-odoo's default, critical, would hide Odoo's ERROR lines),
# but for odoo.tests.common: pytest-odoo imports it before it enables the test
# mode, which Odoo reports with an ERROR ("Importing test framework").
rm -f "$LOG_DIR/odoo-tests.log"
started=$SECONDS
set +e
# --odoo-http: the HttpCase tours run in headless Chromium (on a free port)
(cd "$REPO_DIR" && "$PYTHON" -m pytest -p no:cacheprovider -rs --odoo-http --odoo-config="$ODOO_CONF" \
    --odoo-database="$DB" --odoo-log-level=warn \
    --odoo-extra=log-handler=odoo.tests.common:CRITICAL \
    -o log_file="$LOG_DIR/odoo-tests.log" -o log_file_level=WARNING \
    -o log_file_format='%(asctime)s %(levelname)s %(name)s: %(message)s' \
    "$MODULE/tests" 2>&1) | tee "$LOG_DIR/tests.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
set -e
echo "pytest-odoo: $((SECONDS - started)) s"
# Errors logged by Odoo during the tests, or skipped tests, fail the run too.
if grep -E ' (ERROR|CRITICAL) ' "$LOG_DIR/odoo-tests.log"; then
    echo "make test: FAILED (errors logged by Odoo during the tests, above; $LOG_DIR/odoo-tests.log)"; status=1
fi
if grep -E '[0-9]+ skipped' "$LOG_DIR/tests.log"; then
    echo "make test: FAILED (tests skipped, above)"; status=1
fi

# The same tests under Odoo's own runner, as OCA's CI runs them: install on a
# fresh database with --test-enable (at_install tests during the installation,
# post_install ones after). Its HTTP server (started in test mode) gets a free port.
ODOO_TEST_DB="${DB}_odoo"
log "Test suite (Odoo's runner): fresh database $ODOO_TEST_DB, $LOG_DIR/odoo-runner.log"
dropdb --if-exists "$ODOO_TEST_DB"
started=$SECONDS
http_port="${TEST_HTTP_PORT:-$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
set +e
"${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$ODOO_TEST_DB" -i $MODULE --without-demo=all \
    --test-enable --test-tags "/$MODULE" --stop-after-init --http-port="$http_port" \
    --log-level=info > "$LOG_DIR/odoo-runner.log" 2>&1
runner_rc=$?
set -e
echo "Odoo's runner (installation included): $((SECONDS - started)) s"
# Its summary line ("N failed, N error(s) of N tests when loading database"),
# logged at ERROR when a test failed; any ERROR or CRITICAL line fails the run.
grep -E 'post-tests in|tests when loading database' "$LOG_DIR/odoo-runner.log" || true
if [ "$runner_rc" != 0 ]; then
    echo "make test: FAILED (Odoo's runner exited with $runner_rc; $LOG_DIR/odoo-runner.log)"; status=1
fi
if grep -E ' (ERROR|CRITICAL) ' "$LOG_DIR/odoo-runner.log"; then
    echo "make test: FAILED (errors logged under Odoo's runner, above; $LOG_DIR/odoo-runner.log)"; status=1
fi
if ! grep -qE ' 0 failed, 0 error\(s\) of [1-9][0-9]* tests when loading database' "$LOG_DIR/odoo-runner.log"; then
    echo "make test: FAILED (Odoo's runner ran no test or did not finish; $LOG_DIR/odoo-runner.log)"; status=1
fi
# Both runners run every test: Odoo's runner ignores the test methods that a
# class inherits unless it sets allow_inherited_tests_method.
pytest_count=$(grep -oE '[0-9]+ passed' "$LOG_DIR/tests.log" | tail -n 1 | cut -d' ' -f1)
runner_count=$(grep -oE 'of [0-9]+ tests when loading database' "$LOG_DIR/odoo-runner.log" | tail -n 1 | cut -d' ' -f2)
if [ "${pytest_count:-0}" != "${runner_count:-0}" ]; then
    echo "make test: FAILED (pytest-odoo ran ${pytest_count:-0} tests, Odoo's runner ${runner_count:-0})"; status=1
fi
if grep -E ' INFO .*: skipped ' "$LOG_DIR/odoo-runner.log"; then
    echo "make test: FAILED (tests skipped under Odoo's runner, above)"; status=1
fi
exit "$status"
