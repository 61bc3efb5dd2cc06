#!/usr/bin/env bash
# PostgreSQL for Zhinan's CI and development: Debian's packaged server
# (PostgreSQL 15 on Debian 12), cluster "main" on 127.0.0.1:5432.
#
#   postgres.sh install   apt-get install postgresql (apt-get update only if needed)
#   postgres.sh start     install if needed, start the cluster, wait until it
#                         accepts connections, create role zhinan (password zhinan,
#                         CREATEDB) and database zhinan (UTF8), print DATABASE_URL
#   postgres.sh stop      stop the cluster
#   postgres.sh url       print DATABASE_URL
#
# Everything is idempotent.  With CI=true (or ZHINAN_PG_FAST=1) the cluster runs
# with fsync/full_page_writes/synchronous_commit off: faster test databases,
# no crash safety (fine for throw-away data; ZHINAN_PG_FAST=0 turns it off).
#
# DATABASE_URL=postgres://zhinan:zhinan@127.0.0.1:5432/zhinan

set -euo pipefail

PG_PORT=5432
PG_USER=zhinan
PG_PASSWORD=zhinan
PG_DB=zhinan
DATABASE_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
START_TIMEOUT="${ZHINAN_PG_START_TIMEOUT:-60}"
APT_TIMEOUT="${ZHINAN_APT_TIMEOUT:-900}"

export DEBIAN_FRONTEND=noninteractive
# A cluster created by the package's postinst takes its encoding from the locale.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

die() { echo "postgres.sh: $*" >&2; exit 1; }

# apt-get install with a lock timeout; runs 'apt-get update' first only when
# the package lists are missing, and once more if the install fails.
apt_install() {
  local log; log="$(mktemp)"
  local apt=(timeout "$APT_TIMEOUT" apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
    "${apt[@]}" update -qq >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "apt-get update failed"; }
  fi
  if ! "${apt[@]}" install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
    "${apt[@]}" update -qq >>"$log" 2>&1 || true
    if ! "${apt[@]}" install -y -qq --no-install-recommends "$@" >>"$log" 2>&1; then
      tail -n 40 "$log" >&2; rm -f "$log"
      die "apt-get install $* failed"
    fi
  fi
  rm -f "$log"
}

installed() { command -v pg_lsclusters >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }

cmd_install() {
  if ! installed; then
    # postgresql (server), postgresql-contrib is part of it on Debian 12;
    # the server-side C.UTF-8 locale comes with libc.
    apt_install postgresql
  fi
  installed || die "postgresql installed but no server binary found under /usr/lib/postgresql"
}

# Picks the cluster: 15/main if present, else the newest installed major version.
pick_version() {
  if [[ -x /usr/lib/postgresql/15/bin/postgres ]]; then echo 15; return; fi
  local v
  v="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n1)"
  [[ -n "$v" ]] || die "no PostgreSQL server version under /usr/lib/postgresql"
  echo "$v"
}

as_postgres() { runuser -u postgres -- "$@"; }

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"; }

cmd_start() {
  cmd_install
  local ver; ver="$(pick_version)"
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main"' | grep -q .; then
    pg_createcluster --encoding=UTF8 --locale=C.UTF-8 --port="$PG_PORT" "$ver" main >/dev/null
  fi
  local line port status
  line="$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main"')"
  port="$(awk '{print $3}' <<<"$line")"
  status="$(awk '{print $4}' <<<"$line")"
  if [[ "$port" != "$PG_PORT" ]]; then
    [[ "$status" == online ]] && pg_ctlcluster "$ver" main stop
    pg_conftool "$ver" main set port "$PG_PORT"
    status=down
  fi
  if [[ "$status" != online* ]]; then
    if ! pg_ctlcluster "$ver" main start; then
      echo "postgres.sh: pg_ctlcluster $ver main start failed; log tail:" >&2
      tail -n 40 "/var/log/postgresql/postgresql-$ver-main.log" >&2 || true
      exit 1
    fi
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  until pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; do
    if ((SECONDS >= deadline)); then
      echo "postgres.sh: PostgreSQL not accepting connections on 127.0.0.1:$PG_PORT after ${START_TIMEOUT}s" >&2
      pg_lsclusters >&2 || true
      tail -n 40 "/var/log/postgresql/postgresql-$ver-main.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done

  # template1 must be UTF8 so that Django's test database (created from it) can hold Chinese text.
  local enc
  enc="$(psql_admin -Atc "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template1'")"
  if [[ "$enc" != UTF8 ]]; then
    psql_admin <<'SQL'
UPDATE pg_database SET datistemplate = false WHERE datname = 'template1';
DROP DATABASE template1;
CREATE DATABASE template1 WITH TEMPLATE = template0 ENCODING = 'UTF8' LC_COLLATE = 'C.UTF-8' LC_CTYPE = 'C.UTF-8';
UPDATE pg_database SET datistemplate = true WHERE datname = 'template1';
SQL
  fi

  psql_admin <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SQL
  if [[ -z "$(psql_admin -Atc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" ]]; then
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
  fi

  local fast="${ZHINAN_PG_FAST:-}"
  if [[ -z "$fast" ]]; then [[ "${CI:-}" == true ]] && fast=1 || fast=0; fi
  if [[ "$fast" == 1 ]]; then
    psql_admin -c "ALTER SYSTEM SET fsync = off" -c "ALTER SYSTEM SET full_page_writes = off" \
      -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" >/dev/null
  elif [[ "$fast" == 0 && -n "${ZHINAN_PG_FAST:-}" ]]; then
    psql_admin -c "ALTER SYSTEM RESET fsync" -c "ALTER SYSTEM RESET full_page_writes" \
      -c "ALTER SYSTEM RESET synchronous_commit" -c "SELECT pg_reload_conf()" >/dev/null
  fi

  # End-to-end check through TCP with the app's credentials.
  local err
  if ! err="$(PGCONNECT_TIMEOUT=10 psql -X -Atc 'SELECT 1' "$DATABASE_URL" 2>&1)"; then
    die "cannot connect as $DATABASE_URL: $err"
  fi
  echo "$DATABASE_URL"
}

cmd_stop() {
  installed || return 0
  local ver; ver="$(pick_version)"
  if pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" && $4 ~ /^online/' | grep -q .; then
    pg_ctlcluster "$ver" main stop
  fi
}

[[ $# -ge 1 ]] || { sed -n '2,17p' "$0"; exit 2; }
case "$1" in
  install) cmd_install ;;
  start)   cmd_start ;;
  stop)    cmd_stop ;;
  url)     echo "$DATABASE_URL" ;;
  -h|--help|help) sed -n '2,17p' "$0" ;;
  *) die "unknown command '$1' (install|start|stop|url)" ;;
esac
