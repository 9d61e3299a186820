#!/usr/bin/env bash
# Runs the benchmarks (about 65 minutes on 2 cores) and prints the README's tables:
#  1. per call, the wrapper (sync and async; and over OkHttp, payspec-transport-okhttp), the stock generated Feign client and OpenAPI Generator's
#     native and okhttp-gson clients, each as a ratio to the raw JDK client: time and bytes per call at
#     1 thread, throughput at 32 threads (JMH);
#  1b. the per-call target (each wrapper within 1.10x of raw): forks taking turns, one JVM per client
#     (raw, wrapper, wrapperOkhttp) in each fork, the ratios of the forks pooled (PairedCalls). 20 forks
#     (about 26 minutes): one fork's ratio moves by about 6% (one JVM's JIT and the VM's neighbours),
#     and with 10 the 95% interval was still ±4%, too wide to say where a ratio of 1.06 stands;
#  2. a slow provider (50 ms answers, 1,000 calls in flight): wrapper async, wrapper sync on 1,000
#     threads, raw sendAsync; throughput, p50/p99, threads, heap (each mode in its own JVM);
#  3. cold start, runtime class path weight and idle client cost of each client, each client on a
#     class path holding only its own runtime jars (benchmarks/weights/<client>/pom.xml).
# Needs the suite built: ./mvnw install -DskipTests (which builds benchmarks/target/*.jar), Node.js
# (for a free port) and Maven's local repository holding what that build resolved (MAVEN_OPTS is passed on).
# Shorter runs for a smoke test: JMH_SINGLE, JMH_THREADS (JMH's iteration options, replacing the defaults below), SLOW_SECONDS, SLOW_WARMUP,
# PAIRED_FORKS, PAIRED_WARMUP (seconds), PAIRED_ROUNDS, COLD_RUNS, IDLE_RUNS, e.g. JMH_SINGLE="-wi 1 -w 1 -i 1 -r 1" JMH_THREADS="-wi 1 -w 1 -i 1 -r 1" SLOW_SECONDS=2.
# REUSE="calls paired slow" prints those parts' tables from the results of the last run instead of measuring them again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jar="$here/target/benchmarks.jar"
out="$here/target/results"
version=0.1.0-SNAPSHOT
[ -f "$jar" ] || { echo "benchmarks: $jar is missing; run ./mvnw install -DskipTests first" >&2; exit 1; }
mkdir -p "$out"
: "${PAIRED_FORKS:=20}" "${PAIRED_WARMUP:=20}" "${PAIRED_ROUNDS:=20}" "${COLD_RUNS:=7}" "${IDLE_RUNS:=3}" "${SLOW_SECONDS:=10}" "${SLOW_WARMUP:=15}" "${REUSE:=}"

if [[ " $REUSE " != *" calls "* ]]; then
# 1 thread: 8 x 2 s warmup (the JDK client needs about 15 s of calls to be compiled), 5 x 2 s measured.
echo "benchmarks: 1 thread, average time and allocation per call (26 benchmarks)"
# shellcheck disable=SC2086
java -jar "$jar" ClientCallBenchmark -t 1 -bm avgt -tu us -prof gc ${JMH_SINGLE:--wi 8 -w 2 -i 5 -r 2} \
  -rf json -rff "$out/single.json" > "$out/single.log" 2>&1
echo "benchmarks: 32 threads, throughput"
# -Xbatch: with 32 busy threads on few cores the JIT's background compiler starves and the scores
# climbed for 30 s; compiling in the foreground converges in about 20 s (the wrapper, with more
# code to compile, converged last), hence 25 warmup seconds. Longer
# iterations than at 1 thread: 32 threads on few cores make each iteration noisier.
# shellcheck disable=SC2086
java -jar "$jar" ClientCallBenchmark -t 32 -bm thrpt -tu s ${JMH_THREADS:--wi 25 -w 1 -i 5 -r 3} -jvmArgsAppend "-Xbatch -Xms1g -Xmx1g" \
  -rf json -rff "$out/threads.json" > "$out/threads.log" 2>&1

echo "benchmarks: the check of a valid create request, alone"
java -jar "$jar" ValidationBenchmark -rf json -rff "$out/validation.json" > "$out/validation.log" 2>&1

fi

if [[ " $REUSE " != *" paired "* ]]; then
echo "benchmarks: per-call target, $PAIRED_FORKS forks taking turns, one JVM per client"
rm -f "$out"/paired-*.json
paired_clients=(raw wrapper wrapperOkhttp)
for fork in $(seq -f '%02g' 1 "$PAIRED_FORKS"); do
  # The order of the clients rotates from fork to fork, so that none is always first after a pause.
  for turn in 0 1 2; do
    client=${paired_clients[$(( (10#$fork + turn) % 3 ))]}
    java -Xms1g -Xmx1g -cp "$jar" dev.payspec.benchmarks.PairedCalls run "$client" "$out/paired-$fork-$client.json" \
      "$PAIRED_WARMUP" "$PAIRED_ROUNDS" > "$out/paired-$fork-$client.log" 2>&1
  done
done

fi

if [[ " $REUSE " != *" slow "* ]]; then
echo "benchmarks: slow provider, one JVM per mode"
for mode in rawAsync wrapperAsync wrapperSync; do
  java -Xms1g -Xmx1g -cp "$jar" dev.payspec.benchmarks.SlowProvider run "$mode" "$out/slow-$mode.json" \
    "$SLOW_SECONDS" "$SLOW_WARMUP" 1000 50 > "$out/slow-$mode.log" 2>&1
done

fi

echo "benchmarks: start-up, weight and idle cost per client"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
java -cp "$jar" dev.payspec.benchmarks.DocsServer "$port" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
clients=(raw wrapper wrapperOkhttp generated native okhttpGson)
declare -A runtime
for client in "${clients[@]}"; do
  "$root/mvnw" -q -f "$here/weights/$client/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/classpath-$client.txt" \
    > "$out/classpath-$client.log" 2>&1 || { echo "benchmarks: no class path for $client, see $out/classpath-$client.log" >&2; exit 1; }
  runtime[$client]=$(cat "$out/classpath-$client.txt")
  case $client in
    native) runtime[$client]="$here/target/payspec-benchmarks-$version-native-stancer.jar:${runtime[$client]}" ;;
    okhttpGson) runtime[$client]="$here/target/payspec-benchmarks-$version-okhttpgson-stancer.jar:${runtime[$client]}" ;;
  esac
done
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
declare -A cold
: > "$out/cold-start.log"
for client in "${clients[@]}"; do
  runs=()
  for _ in $(seq 1 "$COLD_RUNS"); do
    runs+=("$(java -cp "$here/target/payspec-benchmarks-$version-coldstart.jar:${runtime[$client]}" \
      dev.payspec.benchmarks.ColdStart cold "$client" "http://127.0.0.1:$port" 2>> "$out/cold-start.log")")
  done
  cold[$client]="$(printf '%s\n' "${runs[@]}" | median) | ${runs[*]}"
done
declare -A idle
for client in "${clients[@]}"; do
  : > "$out/idle-$client.txt"
  for _ in $(seq 1 "$IDLE_RUNS"); do
    java -cp "$here/target/payspec-benchmarks-$version-coldstart.jar:${runtime[$client]}" \
      dev.payspec.benchmarks.ColdStart idle "$client" "http://127.0.0.1:$port" 2>> "$out/cold-start.log" >> "$out/idle-$client.txt"
  done
  idle[$client]="$(cut -d' ' -f1 "$out/idle-$client.txt" | median) | $(cut -d' ' -f2 "$out/idle-$client.txt" | median)"
done

echo
echo "Measured on: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo
java -cp "$jar" dev.payspec.benchmarks.RatioTable "$out/single.json" "$out/threads.json"
echo
java -cp "$jar" dev.payspec.benchmarks.PairedCalls table "$out"/paired-*.json
echo
echo "The wrapper's check of a valid create request, alone (µs per call):"
grep -E '^ValidationBenchmark' "$out/validation.log" || true
echo
java -cp "$jar" dev.payspec.benchmarks.SlowProvider table "$out"/slow-rawAsync.json "$out"/slow-wrapperAsync.json "$out"/slow-wrapperSync.json
echo
echo "Start-up and weight, Stancer retrieve, each client on a class path of its own runtime jars only:"
echo "cold start = JVM start to the first completed call, median of $COLD_RUNS fresh JVMs; idle = what one built"
echo "client adds after one call (live threads; heap retained after a GC), median of $IDLE_RUNS fresh JVMs."
echo
echo "| client | cold start ms (median) | ms after raw | runs (ms) | runtime jars | MB | idle threads | idle heap KiB |"
echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
raw_cold=${cold[raw]%% *}
for client in "${clients[@]}"; do
  files=$(printf '%s' "${runtime[$client]}" | tr ':' '\n')
  count=$(printf '%s\n' "$files" | grep -c .)
  megabytes=$(printf '%s\n' "$files" | xargs stat -c %s | awk '{s+=$1} END {printf "%.1f", s/1048576}')
  median_ms=${cold[$client]%% *}
  echo "| $client | $median_ms | $(( median_ms - raw_cold )) | ${cold[$client]#* | } | $count | $megabytes | ${idle[$client]} |"
done
echo
missed=()
for wrapper in wrapper wrapperOkhttp; do
  wrapper_cold=${cold[$wrapper]%% *}
  (( wrapper_cold - raw_cold <= 100 )) || missed+=("$wrapper $(( wrapper_cold - raw_cold )) ms after raw (target ≤ 100)")
  for peer in generated native okhttpGson; do
    peer_cold=${cold[$peer]%% *}
    (( wrapper_cold < peer_cold )) || missed+=("$wrapper not ahead of $peer ($wrapper_cold ms against $peer_cold)")
  done
done
if [ ${#missed[@]} -eq 0 ]; then
  echo "Cold start targets of wrapper and wrapperOkhttp (within 100 ms of raw, ahead of every generated peer): met"
else
  echo "Cold start targets of wrapper and wrapperOkhttp (within 100 ms of raw, ahead of every generated peer): missed: $(IFS=';'; echo "${missed[*]}")"
fi
echo "(The peers' generated classes count in their jars and MB: the benchmarks module's native-stancer and"
echo "okhttpgson-stancer jars. Raw counts the generated models it decodes into: the generated-client jar alone.)"
