#!/usr/bin/env bash
# Headless Chromium for screenshots / PDF checks, from Debian's packages
# (no browser downloads: Playwright/Puppeteer-style downloads cannot work here).
#
#   chromium.sh install    apt-get install chromium chromium-driver fonts-noto-cjk
#                          (apt-get update only if needed); prints `chromium --version`
#   chromium.sh version    prints `chromium --version`
#
# Binaries: /usr/bin/chromium, /usr/bin/chromedriver.  fonts-noto-cjk provides the
# Chinese glyphs (Noto Sans/Serif CJK SC); without it pages render as boxes.
# Running as root needs --no-sandbox, e.g.
#   chromium --headless --no-sandbox --disable-gpu --screenshot=/tmp/a.png URL

set -euo pipefail

PACKAGES=(chromium chromium-driver fonts-noto-cjk)
APT_TIMEOUT="${ZHINAN_APT_TIMEOUT:-900}"
export DEBIAN_FRONTEND=noninteractive

die() { echo "chromium.sh: $*" >&2; exit 1; }

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != installed ]]; then
      echo "$p"
    fi
  done
}

apt_install() {
  local log; log="$(mktemp)"
  local apt=(timeout "$APT_TIMEOUT" apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
    "${apt[@]}" update -qq >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "apt-get update failed"; }
  fi
  if ! "${apt[@]}" install -y -qq "$@" >"$log" 2>&1; then
    "${apt[@]}" update -qq >>"$log" 2>&1 || true
    if ! "${apt[@]}" install -y -qq "$@" >>"$log" 2>&1; then
      tail -n 40 "$log" >&2; rm -f "$log"
      die "apt-get install $* failed"
    fi
  fi
  rm -f "$log"
}

cmd_version() {
  command -v chromium >/dev/null || die "chromium is not installed (run: $0 install)"
  chromium --version 2>/dev/null || die "chromium --version failed"
}

cmd_install() {
  local missing
  missing="$(missing_packages)"
  if [[ -n "$missing" ]]; then
    # shellcheck disable=SC2086
    apt_install $missing
    fc-cache -f >/dev/null 2>&1 || true
  fi
  command -v chromedriver >/dev/null || die "chromedriver missing after install"
  fc-list :lang=zh family 2>/dev/null | grep -q . || die "no Chinese font found by fontconfig after install"
  cmd_version
}

case "${1:-}" in
  install) cmd_install ;;
  version) cmd_version ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
