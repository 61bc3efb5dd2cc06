#!/usr/bin/env bash
# Redis for Zhinan's CI and benchmarks: Debian's redis-server, run as our own process (not the
# package's service), on 127.0.0.1, no persistence (a cache only).
#
#   redis.sh install   apt-get install redis-server
#   redis.sh start     install if needed, start, wait for PONG, print CACHE_URL
#   redis.sh stop      stop it (SHUTDOWN NOSAVE)
#   redis.sh url       print CACHE_URL
#
# Environment: ZHINAN_REDIS_PORT (default 6379), ZHINAN_SERVICES_DIR (default /tmp/zhinan-services).
#
# CACHE_URL=redis://127.0.0.1:6379/0

set -euo pipefail

PORT="${ZHINAN_REDIS_PORT:-6379}"
DIR="${ZHINAN_SERVICES_DIR:-/tmp/zhinan-services}/redis-$PORT"
CACHE_URL="redis://127.0.0.1:$PORT/0"

die() { echo "redis.sh: $*" >&2; exit 1; }

cmd_install() {
  command -v redis-server >/dev/null && return 0
  export DEBIAN_FRONTEND=noninteractive
  local apt=(timeout 900 apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
  compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null || "${apt[@]}" update -qq >/dev/null
  "${apt[@]}" install -y -qq --no-install-recommends redis-server >/dev/null ||
    { "${apt[@]}" update -qq >/dev/null; "${apt[@]}" install -y -qq --no-install-recommends redis-server >/dev/null; } ||
    die "apt-get install redis-server failed"
}

ping() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

cmd_start() {
  cmd_install
  if ! ping; then
    mkdir -p "$DIR"
    redis-server --port "$PORT" --bind 127.0.0.1 --daemonize yes --dir "$DIR" \
      --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --save "" --appendonly no \
      --maxmemory 256mb --maxmemory-policy allkeys-lru
    local i
    for ((i = 0; i < 100; i++)); do ping && break; sleep 0.1; done
    ping || { tail -n 20 "$DIR/redis.log" >&2; die "redis-server did not answer on port $PORT"; }
  fi
  echo "$CACHE_URL"
}

cmd_stop() {
  ping || return 0
  redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) echo "$CACHE_URL" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
