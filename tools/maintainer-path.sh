#!/usr/bin/env bash
# The maintainers' path, as CI proves it: in a copy of the sources, add an operation with query
# parameters (a paged list) and a new field to the Stancer spec (tools/maintainer-path/edit-spec.mjs),
# rebuild specs, generated client and wrapper, and call both through the wrapper, against Prism and
# against a local server that pages (MaintainerPathTest) - with no Java written for them; the
# wrapper's contract tests (WrapperOnPrismTest) cover the new operation unchanged. Nothing is
# installed: the copy's reactor builds and tests itself, then is deleted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar --exclude=./.git --exclude='*/target' --exclude=./node_modules -cf - . | tar -xf - -C "$work"
ln -s "$root/node_modules" "$work/node_modules"

node tools/maintainer-path/edit-spec.mjs "$work/specs/src/main/openapi/stancer/openapi.yaml"
cp contract-tests/src/maintainer-path/java/dev/payspec/contract/MaintainerPathTest.java \
  "$work/contract-tests/src/test/java/dev/payspec/contract/"

cd "$work"
log="$work/maintainer-path.log"
if ! ./mvnw -B verify -pl specs,models,generated-client,wrapper,contract-tests \
    -Dtest=MaintainerPathTest,WrapperOnPrismTest -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
  tail -80 "$log" >&2
  echo "maintainer path: FAILED (log above)" >&2
  exit 1
fi
grep -E "Tests run:.*(MaintainerPathTest|WrapperOnPrismTest)" "$log" || true
echo "maintainer path: a new operation and a new field reached the wrapper's users with no Java written"

# A fourth API (tools/maintainer-path/new-api/, a small fictional spec): its spec, one generator
# execution and a short client class are all it takes; its service is generated and called (NewApiTest).
node "$root/tools/maintainer-path/add-api.mjs" "$work"
cp "$root/contract-tests/src/maintainer-path/java/dev/payspec/contract/NewApiTest.java" \
  "$work/contract-tests/src/test/java/dev/payspec/contract/"
log="$work/new-api.log"
if ! ./mvnw -B verify -pl specs,models,generated-client,wrapper,contract-tests \
    -Dtest=NewApiTest -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
  tail -80 "$log" >&2
  echo "maintainer path: the new API FAILED (log above)" >&2
  exit 1
fi
grep -E "Tests run:.*NewApiTest" "$log" || true
echo "maintainer path: a new API reached the wrapper's users with one short client class written"
