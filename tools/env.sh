# shellcheck shell=bash
# Shared set-up for `make test` and `make run`. Sourced, idempotent, safe to re-run.
# Installs/starts PostgreSQL 15, installs Python deps, finds Odoo 18.0, writes .build/odoo.conf.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="$REPO_DIR/.build"
PYTHON="${PYTHON:-python3}"
mkdir -p "$BUILD_DIR"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- PostgreSQL 15 -----------------------------------------------------------
setup_postgres() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
        log "Installing PostgreSQL 15 from Debian"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-client-15 libpq-dev
    fi
    if ! pg_lsclusters -h 2>/dev/null | awk '$1 == 15 {found=1} END {exit !found}'; then
        as_root pg_createcluster 15 main
    fi
    if ! pg_isready -q; then
        log "Starting PostgreSQL 15"
        as_root pg_ctlcluster 15 main start
        for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || die "PostgreSQL did not start"
    fi
    local me; me="$(id -un)"
    [ "$me" = postgres ] && die "run as a user other than 'postgres' (Odoo refuses that database role)"
    if ! as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$me'\"" | grep -q 1; then
        log "Creating PostgreSQL role $me"
        as_root su postgres -c "createuser --superuser '$me'"
    fi
}

# --- wkhtmltopdf (Odoo's PDF reports) ------------------------------------------
setup_wkhtmltopdf() {
    if ! command -v wkhtmltopdf >/dev/null 2>&1; then
        log "Installing wkhtmltopdf from Debian (PDF reports)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf
    fi
}

# --- Chromium (the UI tours of the tests run in headless Chromium) ---------------
setup_chromium() {
    if ! command -v chromium >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
        log "Installing chromium from Debian (UI tours)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    fi
}

# --- Odoo 18.0 -----------------------------------------------------------------
# Order: $ODOO_SRC, then an `odoo` importable by python3, then the upstream 18.0 archive.
find_odoo() {
    if [ -n "${ODOO_SRC:-}" ]; then
        [ -f "$ODOO_SRC/odoo-bin" ] && [ -d "$ODOO_SRC/odoo" ] \
            || die "ODOO_SRC=$ODOO_SRC does not hold odoo-bin and odoo/"
        ODOO_DIR="$(cd "$ODOO_SRC" && pwd)"
    # located without importing it: its own requirements may not be installed yet
    elif ODOO_DIR="$(cd / && "$PYTHON" -c 'import importlib.util as u, os; s = u.find_spec("odoo"); print(os.path.dirname(list(s.submodule_search_locations)[0]))' 2>/dev/null)"; then
        :
    elif [ -f "$BUILD_DIR/odoo-18.0/odoo-bin" ]; then
        ODOO_DIR="$BUILD_DIR/odoo-18.0"
    else
        log "No ODOO_SRC and no importable odoo: downloading upstream Odoo 18.0 Community"
        if ! curl -fsSL --connect-timeout 15 --max-time 900 \
                https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz -o "$BUILD_DIR/odoo.tar.gz"; then
            rm -f "$BUILD_DIR/odoo.tar.gz"
            die "Odoo 18.0 not found. Set ODOO_SRC to a directory holding odoo-bin and odoo/ (Odoo 18.0 Community), or make 'odoo' importable by $PYTHON. The upstream archive could not be downloaded."
        fi
        tar -xzf "$BUILD_DIR/odoo.tar.gz" -C "$BUILD_DIR" && rm -f "$BUILD_DIR/odoo.tar.gz"
        ODOO_DIR="$BUILD_DIR/odoo-18.0"
    fi
    local version
    version="$("$PYTHON" -c 'import runpy, sys; print(runpy.run_path(sys.argv[1])["version"])' "$ODOO_DIR/odoo/release.py")" \
        || die "cannot import odoo from $ODOO_DIR (set ODOO_SRC)"
    case "$version" in 18.0*) ;; *) die "Odoo at $ODOO_DIR is $version, not 18.0 (set ODOO_SRC)";; esac
    export ODOO_DIR
    export PYTHONPATH="$ODOO_DIR${PYTHONPATH:+:$PYTHONPATH}"
    if [ -f "$ODOO_DIR/odoo-bin" ]; then ODOO_BIN=("$PYTHON" "$ODOO_DIR/odoo-bin"); else ODOO_BIN=("$PYTHON" -m odoo); fi
    log "Odoo $version at $ODOO_DIR"
}

# --- Python dependencies (re-run only when a requirements file changed) ---------
pip_install() { "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore "$@"; }
setup_python() {
    local odoo_req="$BUILD_DIR/odoo-requirements.txt" stamp="$BUILD_DIR/requirements.sha"
    # cbor2 5.4.2 does not build on Python 3.11; python-ldap is optional (auth_ldap only).
    # An odoo installed as a package (no requirements.txt) came with its requirements.
    if [ -f "$ODOO_DIR/requirements.txt" ]; then
        sed -e 's/^cbor2==5\.4\.2.*/cbor2==5.6.5/' -e '/^python-ldap/d' "$ODOO_DIR/requirements.txt" > "$odoo_req"
    else
        : > "$odoo_req"
    fi
    local sum; sum="$(cat "$odoo_req" "$REPO_DIR/requirements.txt" | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        log "Installing Python requirements"
        [ -s "$odoo_req" ] && pip_install -r "$odoo_req"
        pip_install $(grep -Ev '^\s*(#|$)|^odoo-addon-' "$REPO_DIR/requirements.txt")
        pip_install --no-deps $(grep -E '^odoo-addon-' "$REPO_DIR/requirements.txt")
        echo "$sum" > "$stamp"
    fi
}

write_config() {
    ODOO_CONF="$BUILD_DIR/odoo.conf"
    local addons="$REPO_DIR"
    [ -d "$ODOO_DIR/addons" ] && addons="$ODOO_DIR/addons,$addons"
    cat > "$ODOO_CONF" <<CONF
[options]
addons_path = $addons
data_dir = $BUILD_DIR/data
db_host = False
db_port = False
db_user = $(id -un)
admin_passwd = admin
http_interface = 127.0.0.1
http_port = 8069
list_db = False
max_cron_threads = 0
CONF
    export ODOO_RC="$ODOO_CONF"
}

setup_all() {
    setup_postgres
    setup_wkhtmltopdf
    setup_chromium
    find_odoo
    setup_python
    write_config
}
