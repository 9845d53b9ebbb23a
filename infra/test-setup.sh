#!/usr/bin/env bash
# Installs what the integration tests need (database servers, PHP + Xdebug) into caches.
# Idempotent: a second run only checks. Tests start and stop the servers themselves.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for step in ci-prepare.sh php/install.sh node24/install.sh proxy/install.sh ../examples/otel-python/setup-venv.sh; do
  if [ -f "$here/$step" ]; then
    echo "== infra/$step"
    bash "$here/$step"
  fi
done
