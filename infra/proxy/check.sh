#!/usr/bin/env bash
# Checks the proxy examples: `nginx -t` on nginx.conf with a throwaway self-signed
# certificate in place of the real one, and `caddy validate` when caddy is installed.
# Usage: infra/proxy/check.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if command -v nginx >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=mcp.example.com" \
    -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null
  sed -e "s#/etc/ssl/cgc/#$tmp/#g" -e "s#/tmp/cgc-nginx#$tmp/nginx#g" "$here/nginx.conf" >"$tmp/nginx.conf"
  # -e (error log path) needs nginx >= 1.19.5; the config logs to stderr anyway.
  nginx -t -c "$tmp/nginx.conf"
else
  echo "nginx: not installed, skipped (apt-get install nginx-light)"
fi

if command -v caddy >/dev/null; then
  CGC_PROXY_TOKEN=check caddy validate --config "$here/Caddyfile" --adapter caddyfile
else
  echo "caddy: not installed, skipped"
fi
