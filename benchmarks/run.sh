#!/usr/bin/env bash
# Runs the benchmarks (about 12 minutes on 2 cores) and prints the README's tables: the SDK's cost per call against the
# raw JDK client (1 thread: time and bytes per call; 32 threads: throughput), then cold start.
# Needs the suite built: ./mvnw install -DskipTests (which builds benchmarks/target/benchmarks.jar).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
out="$here/target/results"
[ -f "$jar" ] || { echo "benchmarks: $jar is missing; run ./mvnw install -DskipTests first" >&2; exit 1; }
mkdir -p "$out"

echo "benchmarks: 1 thread, average time and allocation per call"
java -jar "$jar" ClientCallBenchmark -t 1 -bm avgt -tu us -prof gc -rf json -rff "$out/single.json" > "$out/single.log" 2>&1
echo "benchmarks: 32 threads, throughput"
# -Xbatch: with 32 busy threads on few cores the JIT's background compiler starves and the scores
# climbed for 30 s; compiling in the foreground converges in about 20 s (the wrapper, with more
# code to compile, converged last), hence 25 warmup seconds. Longer
# iterations than at 1 thread: 32 threads on few cores make each iteration noisier.
java -jar "$jar" ClientCallBenchmark -t 32 -bm thrpt -tu s -wi 25 -w 1 -i 6 -r 3 -jvmArgsAppend "-Xbatch -Xms1g -Xmx1g" \
  -rf json -rff "$out/threads.json" > "$out/threads.log" 2>&1

echo "benchmarks: the check of a valid create request, alone"
java -jar "$jar" ValidationBenchmark -rf json -rff "$out/validation.json" > "$out/validation.log" 2>&1

echo
echo "Measured on: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo
java -cp "$jar" dev.payspec.benchmarks.RatioTable "$out/single.json" "$out/threads.json"
echo
echo "The wrapper's check of a valid create request, alone (µs per call):"
grep -E '^ValidationBenchmark' "$out/validation.log"

echo
echo "Cold start: JVM start to the first completed call (Stancer retrieve), median of ${COLD_RUNS:=7} runs"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
java -cp "$jar" dev.payspec.benchmarks.DocsServer "$port" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
echo
echo "| client | median ms | runs (ms) |"
echo "| --- | ---: | --- |"
for client in raw wrapper; do
  runs=()
  for _ in $(seq 1 "$COLD_RUNS"); do
    runs+=("$(java -cp "$jar" dev.payspec.benchmarks.ColdStart "$client" "http://127.0.0.1:$port" 2>> "$out/cold-start.log")")
  done
  median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(( (COLD_RUNS + 1) / 2 ))p")
  echo "| $client | $median | ${runs[*]} |"
done
