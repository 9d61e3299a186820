#!/usr/bin/env bash
# Installs the Node.js tools pinned in package-lock.json (Redocly CLI, the 3.0 and Postman converters
# and swagger-parser for the specs, Prism for the contract tests, TypeScript for the portability
# check) with `npm ci`. The Maven build calls it from every module that needs them; it
# does nothing when node_modules already matches the lock file, so calling it twice costs nothing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

required_node=20.19.0

fail() {
  printf 'payspec build: %s\n' "$1" >&2
  exit 1
}

command -v node >/dev/null 2>&1 ||
  fail "Node.js $required_node or newer is required (Redocly CLI and Prism run on it), but 'node' is not on the PATH. Install Node.js with npm (for example 'apt-get install nodejs npm') and build again."
command -v npm >/dev/null 2>&1 ||
  fail "npm is required to install the pinned Node.js tools, but 'npm' is not on the PATH. Install npm (for example 'apt-get install npm') and build again."

node -e "
  const [need, have] = ['$required_node', process.versions.node].map(v => v.split('.').map(Number));
  const older = need[0] - have[0] || need[1] - have[1] || need[2] - have[2];
  process.exit(older > 0 ? 1 : 0);
" || fail "Node.js $required_node or newer is required, but 'node' is $(node --version). Install a newer Node.js and build again."

stamp=node_modules/.payspec-lock-sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi

echo "payspec build: installing the pinned Node.js tools (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
echo "$wanted" > "$stamp"
