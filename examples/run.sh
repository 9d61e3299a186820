#!/usr/bin/env bash
# Builds and runs the examples project against Prism mocks of the specs, after the suite has been
# installed (./mvnw install). The specs come by their Maven coordinates, as a partner team gets them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$here"

version=$(sed -n 's:.*<payspec.version>\(.*\)</payspec.version>.*:\1:p' pom.xml)
mkdir -p target/specs
for api in stancer stancer-v2 begateway; do
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

# shellcheck source=../tools/prism.sh
source "$root/tools/prism.sh"
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

stancer_port=$(free_port)
start_mock target/specs/payspec-specs-stancer.yaml "$stancer_port" target examples
begateway_port=$(free_port)
start_mock target/specs/payspec-specs-begateway.yaml "$begateway_port" target examples
# Stancer v2 (create, list by external_id with auto-paging, update, delete), its bundle fetched by
# its coordinates as the v1 one.
stancer_v2_port=$(free_port)
start_mock target/specs/payspec-specs-stancer-v2.yaml "$stancer_v2_port" target examples

urls=(-Dpayspec.stancer.url="http://127.0.0.1:$stancer_port" -Dpayspec.begateway.url="http://127.0.0.1:$begateway_port"
  -Dpayspec.stancer-v2.url="http://127.0.0.1:$stancer_v2_port")

# The user's project as it is: payspec's own dependency versions (the newest Jackson payspec pins).
echo "examples: with payspec's own dependency versions"
"$root/mvnw" -q verify "${urls[@]}"

# The same project on the versions a Java team may force: the Jackson floor declared in the root
# pom, and the versions Spring Boot 3 and 4 manage. Each run checks the jackson-databind it ran on
# (the profiles in pom.xml say which one each gives).
jackson_floor=$(sed -n 's:.*<jackson.floor.version>\(.*\)</jackson.floor.version>.*:\1:p' "$root/pom.xml")
for profile in jackson-floor spring-boot-3 spring-boot-4; do
  echo "examples: with the $profile profile"
  "$root/mvnw" -q clean verify -P"$profile" -Djackson.floor.version="$jackson_floor" "${urls[@]}"
done

# A user's module on the module path (JPMS).
echo "examples: on the module path"
(cd module-path && "$root/mvnw" -q clean verify "${urls[@]}")

# A Spring Boot application whose clients come from properties alone (payspec-spring-boot-starter),
# built and started with the oldest Spring Boot 3 and with Spring Boot 4: it creates a customer with
# each client against the same mocks and exits 0.
for boot in 3.0.13 4.0.0; do
  (cd spring-boot-app && "$root/mvnw" -q package -Dspring-boot.version="$boot")
  java -jar spring-boot-app/target/payspec-spring-boot-app-0.1.0-SNAPSHOT.jar \
    --payspec.stancer.base-url="http://127.0.0.1:$stancer_port" \
    --payspec.begateway.base-url="http://127.0.0.1:$begateway_port" | tee "target/boot-$boot.log"
  grep -q "payspec boot app: Stancer customer cust_" "target/boot-$boot.log"
  if grep -qe "$(sed -n 's/^payspec.stancer.api-key=//p' spring-boot-app/src/main/resources/application.properties)" \
       -e "$(sed -n 's/^payspec.begateway.secret-key=//p' spring-boot-app/src/main/resources/application.properties)" \
       "target/boot-$boot.log"; then
    echo "examples: the Spring Boot $boot app printed a secret at start-up" >&2
    exit 1
  fi
  echo "examples: the Spring Boot $boot app got working clients from properties"
done
