#!/usr/bin/env bash
# Installs the OpenTelemetry Python SDK and OTLP exporters (pinned in requirements.txt) into a
# virtualenv under the cache folder; @cgc/plugin-otel's Python test runs once it exists.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${CGC_OTEL_PY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/cgc/otel-python-venv}"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
echo "$venv"
