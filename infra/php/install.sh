#!/usr/bin/env sh
# Installs PHP CLI with Xdebug (Debian's php-cli + php-xdebug: PHP 8.2, Xdebug 3.2) for the
# @cgc/plugin-xdebug tests and benchmark. Idempotent: does nothing when both are present.
# CI runs it as root; locally it uses sudo when available.
set -eu

have_xdebug() {
  command -v php >/dev/null 2>&1 && php -m 2>/dev/null | grep -qi '^xdebug$'
}

if have_xdebug; then
  echo "php + xdebug already installed: $(php -r 'echo PHP_VERSION;') / xdebug $(php -r 'echo phpversion("xdebug");')"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install.sh: need root (or sudo) to apt-get install php-cli php-xdebug" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y --no-install-recommends php-cli php-xdebug

if ! have_xdebug; then
  echo "install.sh: php installed but the xdebug extension is not loaded" >&2
  exit 1
fi
echo "installed php $(php -r 'echo PHP_VERSION;') with xdebug $(php -r 'echo phpversion("xdebug");')"
