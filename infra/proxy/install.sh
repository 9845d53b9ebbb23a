#!/usr/bin/env sh
# Installs nginx and openssl from Debian for the reverse-proxy example test. Idempotent.
set -eu
if command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
  echo "nginx already installed: $(nginx -v 2>&1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install.sh: need root (or sudo) to apt-get install nginx" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y --no-install-recommends nginx-light openssl
# The package starts a system nginx on port 80; the test runs its own instance.
$SUDO systemctl disable --now nginx >/dev/null 2>&1 || $SUDO service nginx stop >/dev/null 2>&1 || true
