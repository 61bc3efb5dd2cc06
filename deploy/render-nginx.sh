#!/usr/bin/env bash
# Writes the nginx site for Zhinan from deploy/nginx/zhinan.conf to stdout, from these variables (environment):
#   ZHINAN_SITE_URL     the public address, e.g. https://banshi.example.gov.cn (as SITE_URL)
#   ZHINAN_SERVER_NAME  default: the host of ZHINAN_SITE_URL
#   ZHINAN_HTTPS_PORT   default: the port of ZHINAN_SITE_URL, else 443
#   ZHINAN_HTTP_PORT    default 80
#   ZHINAN_APP          gunicorn's address, default 127.0.0.1:8000
#   ZHINAN_ROOT         the checkout, default /srv/zhinan (its staticfiles/ is STATIC_ROOT)
#   ZHINAN_MEDIA_ROOT   default $ZHINAN_ROOT/media (as MEDIA_ROOT)
#   ZHINAN_TLS_CERT, ZHINAN_TLS_KEY  default /etc/zhinan/tls/fullchain.pem, /etc/zhinan/tls/privkey.pem
# Usage: ZHINAN_SITE_URL=https://banshi.example.gov.cn deploy/render-nginx.sh > /etc/nginx/sites-available/zhinan
set -euo pipefail
: "${ZHINAN_SITE_URL:?set ZHINAN_SITE_URL, e.g. https://banshi.example.gov.cn}"
address="${ZHINAN_SITE_URL#https://}"
[ "$address" != "$ZHINAN_SITE_URL" ] || { echo "render-nginx.sh: ZHINAN_SITE_URL must start with https://" >&2; exit 2; }
address="${address%/}"
export ZHINAN_SITE_URL="${ZHINAN_SITE_URL%/}"
export ZHINAN_SERVER_NAME="${ZHINAN_SERVER_NAME:-${address%%:*}}"
port=443
[ "${address##*:}" = "$address" ] || port="${address##*:}"
export ZHINAN_HTTPS_PORT="${ZHINAN_HTTPS_PORT:-$port}"
export ZHINAN_HTTP_PORT="${ZHINAN_HTTP_PORT:-80}"
export ZHINAN_APP="${ZHINAN_APP:-127.0.0.1:8000}"
export ZHINAN_ROOT="${ZHINAN_ROOT:-/srv/zhinan}"
export ZHINAN_MEDIA_ROOT="${ZHINAN_MEDIA_ROOT:-$ZHINAN_ROOT/media}"
export ZHINAN_TLS_CERT="${ZHINAN_TLS_CERT:-/etc/zhinan/tls/fullchain.pem}"
export ZHINAN_TLS_KEY="${ZHINAN_TLS_KEY:-/etc/zhinan/tls/privkey.pem}"
variables='${ZHINAN_SITE_URL} ${ZHINAN_SERVER_NAME} ${ZHINAN_HTTPS_PORT} ${ZHINAN_HTTP_PORT} ${ZHINAN_APP}'
variables+=' ${ZHINAN_ROOT} ${ZHINAN_MEDIA_ROOT} ${ZHINAN_TLS_CERT} ${ZHINAN_TLS_KEY}'
envsubst "$variables" < "$(dirname "$0")/nginx/zhinan.conf"
