#!/usr/bin/env bash
# Builds and runs the examples project against Prism mocks of the specs, after the suite has been
# installed (./mvnw install). The specs come by their Maven coordinates, as a partner team gets them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$here"

version=$(sed -n 's:.*<payspec.version>\(.*\)</payspec.version>.*:\1:p' pom.xml)
mkdir -p target/specs
for api in stancer begateway; do
  "$root/mvnw" -q dependency:copy -Dartifact="dev.payspec:payspec-specs:$version:yaml:$api" \
    -DoutputDirectory=target/specs -Dmdep.stripVersion=true
done

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
start_mock() { # spec file, port
  node "$root/node_modules/@stoplight/prism-cli/dist/index.js" mock --host 127.0.0.1 --port "$2" "$1" > "target/prism-$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    if (echo > "/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "examples: Prism did not start for $1:" >&2
  cat "target/prism-$2.log" >&2
  return 1
}

stancer_port=$(free_port)
start_mock target/specs/payspec-specs-stancer.yaml "$stancer_port"
begateway_port=$(free_port)
start_mock target/specs/payspec-specs-begateway.yaml "$begateway_port"

"$root/mvnw" -q verify \
  -Dpayspec.stancer.url="http://127.0.0.1:$stancer_port" \
  -Dpayspec.begateway.url="http://127.0.0.1:$begateway_port"
