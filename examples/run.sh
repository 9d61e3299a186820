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

# The partner kit of every API, fetched by its coordinates as a partner team would: the 3.0 edition,
# what it cannot state, the Postman collection and the changelog. Each must be what it claims.
apis=$(sed -n '/^apis:/,/^[^ ]/s/^  \([A-Za-z0-9_-]*\):[[:space:]]*$/\1/p' "$root/specs/redocly.yaml")
for api in $apis; do
  for coordinates in "yaml:$api-openapi30" "json:$api-openapi30" "md:$api-openapi30-losses" "json:$api-postman" "md:$api-changelog"; do
    "$root/mvnw" -q dependency:copy -Dartifact="dev.payspec:payspec-specs:$version:$coordinates" \
      -DoutputDirectory=target/specs -Dmdep.stripVersion=true
  done
  node -e '
    const fs = require("fs");
    const [dir, api, version] = process.argv.slice(1);
    const edition = JSON.parse(fs.readFileSync(`${dir}/payspec-specs-${api}-openapi30.json`, "utf8"));
    if (!/^3\.0\./.test(edition.openapi)) throw new Error(`${api}: the 3.0 edition says openapi ${edition.openapi}`);
    if (!/^openapi: ["\x27]?3\.0\./m.test(fs.readFileSync(`${dir}/payspec-specs-${api}-openapi30.yaml`, "utf8"))) throw new Error(`${api}: the YAML 3.0 edition is not 3.0`);
    const collection = JSON.parse(fs.readFileSync(`${dir}/payspec-specs-${api}-postman.json`, "utf8"));
    if (!collection.info.schema.includes("v2.1")) throw new Error(`${api}: not a Postman v2.1 collection`);
    if (!fs.readFileSync(`${dir}/payspec-specs-${api}-changelog.md`, "utf8").includes(`## ${edition.info.version}`)) throw new Error(`${api}: the changelog has no entry for ${edition.info.version}`);
    if (!fs.readFileSync(`${dir}/payspec-specs-${api}-openapi30-losses.md`, "utf8").startsWith(`# ${api}:`)) throw new Error(`${api}: not the loss report`);
    console.log(`examples: ${api} partner kit fetched by coordinates: 3.0 edition ${edition.openapi}, Postman collection, changelog, loss report`);
  ' target/specs "$api" "$version"
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
