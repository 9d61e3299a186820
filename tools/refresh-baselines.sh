#!/usr/bin/env bash
# Makes this build's specs and jars the new baselines of the change gates (see the README,
# "Releasing"): each API's bundle goes to specs/baseline/, the models, generated-client and wrapper jars to
# their modules' baseline/, and the acknowledgements of the old baselines are deleted.
# Run it after `./mvnw install` of the released version, then commit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

shopt -s nullglob
bundles=(specs/target/openapi/*.yaml)
[ ${#bundles[@]} -gt 0 ] || { echo "refresh-baselines: no bundle in specs/target/openapi; run ./mvnw install first" >&2; exit 1; }
for bundle in "${bundles[@]}"; do
  cp "$bundle" specs/baseline/
  echo "refresh-baselines: specs/baseline/$(basename "$bundle")"
done
for module in models generated-client wrapper; do
  artifact="payspec-$module"
  jars=("$module"/target/"$artifact"-*.jar)
  jar=""
  for candidate in "${jars[@]}"; do
    case "$candidate" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) jar=$candidate ;; esac
  done
  [ -n "$jar" ] || { echo "refresh-baselines: no $artifact jar in $module/target; run ./mvnw install first" >&2; exit 1; }
  mkdir -p "$module/baseline"
  cp "$jar" "$module/baseline/$artifact.jar"
  echo "refresh-baselines: $module/baseline/$artifact.jar"
done
# models/baseline/README.md says how the first models baseline was made (from the client's jar): stale now.
rm -f models/baseline/README.md
rm -f specs/baseline/*.acknowledged.md models/baseline/*.acknowledged.md generated-client/baseline/*.acknowledged.md wrapper/baseline/*.acknowledged.md
echo "refresh-baselines: done; review and commit"
