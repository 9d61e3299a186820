#!/usr/bin/env bash
# Builds the suite twice from the same sources (clean each time) and checks that every artifact we
# publish (jars, poms, bundled specs, pages) is byte-identical.
# CI runs it; run it by hand after changing the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for run in 1 2; do
  echo "reproducible: build $run of 2"
  ./mvnw -q clean install -DskipTests >/dev/null
  mkdir -p "$work/build$run"
  for module in specs models generated-client wrapper transport-okhttp observation testkit spring-boot-starter; do
    find "$module/target" -maxdepth 1 -type f \( -name '*.jar' -o -name '*.pom' \) -exec cp {} "$work/build$run/" \; 2>/dev/null || true
    if [ -d "$module/target/openapi" ]; then
      cp "$module"/target/openapi/* "$work/build$run/"
    fi
  done
  (cd "$work/build$run" && sha256sum -- * | sort -k2) > "$work/sums$run"
done

if diff -u "$work/sums1" "$work/sums2"; then
  echo "reproducible: $(wc -l < "$work/sums1") artifacts are byte-identical across two builds"
else
  echo "reproducible: the builds differ (see above); look for timestamps or unordered output" >&2
  exit 1
fi
