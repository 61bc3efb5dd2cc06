#!/usr/bin/env bash
# A self-signed certificate for a trial or a test deployment (browsers warn; a real site uses a certificate from a
# CA, see docs/deployment.md). Usage: deploy/self-signed-cert.sh HOST DIR  → DIR/fullchain.pem, DIR/privkey.pem
set -euo pipefail
host="${1:?host name or IP address}" dir="${2:?directory}"
mkdir -p "$dir"
if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then san="IP:$host"; else san="DNS:$host"; fi
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -subj "/CN=$host" -addext "subjectAltName=$san" \
    -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" 2>/dev/null
chmod 600 "$dir/privkey.pem"
echo "$dir/fullchain.pem"
