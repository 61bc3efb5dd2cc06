#!/usr/bin/env bash
# nginx for Zhinan's deployment test and CI: Debian's nginx, run as our own process (not the package's service),
# serving the site of deploy/nginx/zhinan.conf (rendered by deploy/render-nginx.sh) with a self-signed
# certificate made at start (deploy/self-signed-cert.sh).
#
#   nginx.sh install   apt-get install nginx
#   nginx.sh start     install if needed, render the site, make the certificate, start; prints the certificate
#   nginx.sh stop      stop it
#
# Environment: ZHINAN_SITE_URL (default https://127.0.0.1:8443), ZHINAN_HTTP_PORT (default 8104), ZHINAN_APP
# (gunicorn, default 127.0.0.1:8000), ZHINAN_ROOT (default this checkout), ZHINAN_MEDIA_ROOT,
# ZHINAN_SERVICES_DIR (default /tmp/zhinan-services).

set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export ZHINAN_SITE_URL="${ZHINAN_SITE_URL:-https://127.0.0.1:8443}"
export ZHINAN_HTTP_PORT="${ZHINAN_HTTP_PORT:-8104}"
export ZHINAN_ROOT="${ZHINAN_ROOT:-$ROOT}"
host_port="${ZHINAN_SITE_URL#https://}"
DIR="${ZHINAN_SERVICES_DIR:-/tmp/zhinan-services}/nginx-${host_port##*:}"

die() { echo "nginx.sh: $*" >&2; exit 1; }

cmd_install() {
  command -v nginx >/dev/null && return 0
  export DEBIAN_FRONTEND=noninteractive
  local apt=(timeout 900 apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
  compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null || "${apt[@]}" update -qq >/dev/null
  "${apt[@]}" install -y -qq --no-install-recommends nginx >/dev/null ||
    { "${apt[@]}" update -qq >/dev/null; "${apt[@]}" install -y -qq --no-install-recommends nginx >/dev/null; } ||
    die "apt-get install nginx failed"
  # The package starts its own nginx on port 80; ours runs on its own.
  { systemctl disable --now nginx || service nginx stop || true; } >/dev/null 2>&1
}

cmd_start() {
  cmd_install
  cmd_stop
  mkdir -p "$DIR/tmp"
  chmod 1777 "$DIR/tmp"  # nginx's workers (user nobody) write request bodies there
  local host="${host_port%%:*}"
  [ -s "$DIR/tls/fullchain.pem" ] || bash "$ROOT/deploy/self-signed-cert.sh" "$host" "$DIR/tls" >/dev/null
  ZHINAN_TLS_CERT="$DIR/tls/fullchain.pem" ZHINAN_TLS_KEY="$DIR/tls/privkey.pem" \
    bash "$ROOT/deploy/render-nginx.sh" > "$DIR/zhinan.conf"
  cat > "$DIR/nginx.conf" <<CONF
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $DIR/access.log;
    sendfile on;
    client_body_temp_path $DIR/tmp/body;
    proxy_temp_path $DIR/tmp/proxy;
    fastcgi_temp_path $DIR/tmp/fastcgi;
    uwsgi_temp_path $DIR/tmp/uwsgi;
    scgi_temp_path $DIR/tmp/scgi;
    include $DIR/zhinan.conf;
}
CONF
  nginx -t -q -c "$DIR/nginx.conf" -p "$DIR" || die "nginx -t refused the configuration ($DIR/nginx.conf)"
  nginx -c "$DIR/nginx.conf" -p "$DIR"
  echo "$DIR/tls/fullchain.pem"
}

cmd_stop() {
  [ -s "$DIR/nginx.pid" ] || return 0
  nginx -c "$DIR/nginx.conf" -p "$DIR" -s quit 2>/dev/null || kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true
  local i
  for ((i = 0; i < 50; i++)); do [ -s "$DIR/nginx.pid" ] || return 0; sleep 0.1; done
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
