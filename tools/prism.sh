# Prism mocks for the scripts that call the specs' operations (examples/run.sh, tools/check-used-jars.sh).
# Sourced, with $root set to the repository: each started mock's pid is appended to the array pids,
# which the sourcing script stops on exit.
pids=()

# A free TCP port on loopback.
free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Starts Prism on a spec and waits (at most 30 s) until it listens: spec file, port, log folder, name for messages.
start_mock() {
  node "$root/node_modules/@stoplight/prism-cli/dist/index.js" mock --host 127.0.0.1 --port "$2" "$1" > "$3/prism-$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    if (echo > "/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$4: Prism did not start for $1:" >&2
  cat "$3/prism-$2.log" >&2
  return 1
}
