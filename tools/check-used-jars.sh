#!/usr/bin/env bash
# Only used jars: a user who adds payspec-wrapper (through payspec-bom, nothing else) must get no jar
# that the wrapper never uses. tools/used-jars/ is that user's project; this script builds it from the
# installed artifacts (run after ./mvnw install), writes its runtime class path
# (dependency:build-classpath, includeScope=runtime), and runs its WrapperFlows (every customer
# operation of StancerClient, StancerV2Client and BeGatewayClient, against Prism mocks of the specs)
# on exactly that class path in a JVM started with -Xlog:class+load=info, which logs every class it
# loads with its source (`source: file:/...jar`). The flows must finish (exit 0, last line printed);
# then every jar of the class path from which no class was loaded fails the check, named, after a
# table of the classes loaded per jar (tools/used-jars/JarsLoaded.java). Class loading cannot settle
# two kinds of jar, so they are judged by removal (used only if the flows fail when it is left off the
# class path): a jar holding no class file (payspec-specs, whose specs the wrapper reads as
# resources), and a jar from which an annotation type was loaded (reading annotations reflectively,
# as Jackson does on every model, loads their types when present and skips them when absent).
# Last, the flows run once more without all the unused jars together, to show they can all go.
#
# Environment: MAVEN_REPO_LOCAL (a Maven local repository other than the default), JAVA_HOME.
# `tools/check-used-jars.sh judge CLASS_PATH_FILE LOG` runs the judge alone on the files given.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/tools/used-jars"
target="$project/target"
java=java
if [[ -n ${JAVA_HOME:-} ]]; then java="$JAVA_HOME/bin/java"; fi
judge=("$java" "$project/JarsLoaded.java")

if [[ ${1:-} == judge ]]; then
  exec "${judge[@]}" judge "${2:?usage: $0 judge CLASS_PATH_FILE LOG [NEEDED_JAR...]}" "${3:?usage: $0 judge CLASS_PATH_FILE LOG}" /dev/null "${@:4}"
fi

mvn=("$root/mvnw" -q -B)
if [[ -n ${MAVEN_REPO_LOCAL:-} ]]; then mvn+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL"); fi
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)

# The user's project: compiled against the installed payspec-wrapper; its runtime class path and the
# specs bundles for Prism (payspec-specs by coordinates) are written by the same build.
rm -rf "$target"
"${mvn[@]}" -f "$project/pom.xml" compile -Dpayspec.version="$version"
class_path_file="$target/runtime-class-path.txt"
class_path=$(tr -d '\n' < "$class_path_file")

# shellcheck source=prism.sh
source "$root/tools/prism.sh"
stop_mocks() {
  if ((${#pids[@]})); then
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "${pids[@]}" 2>/dev/null || return 0
      sleep 0.1
    done
    kill -9 "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_mocks EXIT
urls=()
for api in stancer stancer-v2 begateway; do
  port=$(free_port)
  start_mock "$target/specs/payspec-specs-$api.yaml" "$port" "$target" used-jars
  urls+=("-Dpayspec.$api.url=http://127.0.0.1:$port")
done

flows() { # class path, output file, extra JVM options...
  local cp=$1 out=$2
  shift 2
  timeout 300 "$java" "$@" "${urls[@]}" -cp "$target/classes:$cp" dev.payspec.usedjars.WrapperFlows > "$out" 2>&1 \
    && grep -qxF "used-jars: every flow ran" "$out"
}

log="$target/class-load.log"
echo "used-jars: running the flows on the runtime class path ($(tr ':' '\n' <<< "$class_path" | grep -c .) jars) with -Xlog:class+load=info"
if ! flows "$class_path" "$target/flows.out" "-Xlog:class+load=info:file=$log"; then
  cat "$target/flows.out" >&2
  echo "used-jars: FAILED: the flows did not all run (output above), so no jar can be judged" >&2
  exit 1
fi
grep '^used-jars: ' "$target/flows.out"

# The jars class loading cannot judge: each is used only if the flows fail without it.
to_remove=$("${judge[@]}" to-remove "$class_path_file" "$log")
without() { tr ':' '\n' <<< "$class_path" | grep -vxF -f <(printf '%s\n' "$@") | paste -sd: - ; }
needed=()
while IFS= read -r jar; do
  [[ -n $jar ]] || continue
  out="$target/flows-without-$(basename "$jar").out"
  if flows "$(without "$jar")" "$out"; then
    echo "used-jars: the flows pass without $(basename "$jar")"
  else
    echo "used-jars: the flows fail without $(basename "$jar"): $(grep -m1 -E 'Exception|Error' "$out" || echo "see $out")"
    needed+=("$jar")
  fi
done <<< "$to_remove"

unused_file="$target/unused-jars.txt"
if "${judge[@]}" judge "$class_path_file" "$log" "$unused_file" "${needed[@]}"; then
  exit 0
fi
mapfile -t unused < "$unused_file"
if ((${#unused[@]})); then
  if flows "$(without "${unused[@]}")" "$target/flows-without-unused.out"; then
    echo "used-jars: the flows pass on the class path without all ${#unused[@]} unused jars: they can all go"
  else
    echo "used-jars: the flows FAIL without all ${#unused[@]} unused jars together ($target/flows-without-unused.out): some is needed though no class of it is loaded" >&2
  fi
fi
exit 1
