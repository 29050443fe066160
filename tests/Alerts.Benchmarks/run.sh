#!/usr/bin/env bash
# One command per benchmark of issue 5; each starts what it measures on loopback, runs the load
# generator against it, prints a summary and leaves the JSON results in $RESULTS.
#
#   tests/Alerts.Benchmarks/run.sh capacity    # 1k/5k/10k/19.5k subscribers, real Redis and embedded Garnet
#   tests/Alerts.Benchmarks/run.sh memory      # RSS and managed heap per idle connection
#   tests/Alerts.Benchmarks/run.sh broadcast   # one alert to ~19.5k clients: time until the last has it, Alerts and the floor taking turns
#   N=2000 tests/Alerts.Benchmarks/run.sh js   # official @microsoft/signalr JS clients: post -> client p50/p99/last, Alerts and a Node ws floor taking turns
#     (ROUNDS=2 rounds of alerts then floor; SETTLE=10 s idle first, then WARMUP lines and WARMUP_PAUSE s as the other modes; ALERTS=5 at RATE=0.5/s; WORKERS client processes, one per 1,000 clients by default)
#   tests/Alerts.Benchmarks/run.sh ingest      # a burst of 1,000 posts
#   tests/Alerts.Benchmarks/run.sh two-nodes   # two nodes behind nginx (deploy/nginx.conf) sharing one Redis
#   tests/Alerts.Benchmarks/run.sh peers       # Alerts vs SignalR Redis backplane vs Socket.IO, same run
#     (BASELINE=/path/to/old/bin adds an older Alerts build as a fourth system: before and after in one run)
#   tests/Alerts.Benchmarks/run.sh nodes       # Redis, 1/2/3/5 nodes behind nginx, each count against as many floor nodes
#   tests/Alerts.Benchmarks/run.sh idle        # an idle node's CPU after WARMUP=100 posts and SETTLE=60 s, in turns with the floor (BASELINE= adds an older build)
#   BASELINE=/path/to/old/bin tests/Alerts.Benchmarks/run.sh ab   # an older server build against this one, alternately
#     (BASELINE_ENV / CURRENT_ENV: extra KEY=value settings for either; BASELINE may be this build; FLOOR=1 adds the floor to each round)
#   The floor (Floor/): the least a broadcaster does on the same sockets, one pre-encoded frame written to every
#   socket. Absolute times here drift 2x from hour to hour; Alerts / floor in the same run is the figure to compare.
#   SERVER_ENV="KEY=value ..." adds settings to every Alerts node a benchmark starts
#
# Traffic goes to 127.0.0.0/8 only; every run is bounded in connections, alerts and time. Numbers on
# a shared 2-core machine are noisy: compare within one run, not across runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
name="${1:?usage: run.sh capacity|memory|broadcast|js|ingest|two-nodes|peers|nodes|ab|idle}"
RESULTS="${RESULTS:-/tmp/alerts-bench/$(date -u +%Y%m%dT%H%M%SZ)-$name}"
mkdir -p "$RESULTS"
work="$(mktemp -d /tmp/alerts-bench-run.XXXXXX)"
key=bench-editor-key
key_sha=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "$(date +%H:%M:%S) == $*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_ready() { # url
  for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "not ready: $1" >&2; return 1
}

build() {
  log "building (Release)"
  dotnet build "$root/src/Alerts.Server" -c Release -v q -nologo >/dev/null
  dotnet build "$root/tests/Alerts.LoadGen" -c Release -v q -nologo >/dev/null
  dotnet build "$here/SignalRPeer" -c Release -v q -nologo >/dev/null
  dotnet build "$here/Floor" -c Release -v q -nologo >/dev/null
  for npm_dir in socketio-peer node-floor js-clients; do
    (cd "$here/$npm_dir" && { [ -d node_modules ] || npm ci --silent >/dev/null; })
  done
}

start_redis() { # port -> $LAST_PID; AOF on with Redis' default fsync policy (everysec), the same for every system measured
  local dir="$work/redis-$1"; mkdir -p "$dir"
  redis-server --port "$1" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly yes --appendfsync everysec \
    --protected-mode no --daemonize no --logfile "$dir/redis.log" &
  pids+=($!); LAST_PID=$!
  for _ in $(seq 1 100); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
}

start_alerts() { # port redis-or-empty [bin-dir] [KEY=value ...] -> $LAST_PID
  local port=$1 redis=$2 bin=${3:-}
  bin=${bin:-$root/src/Alerts.Server/bin/Release/net10.0}
  # The guard against near-duplicate headlines is off: the load generator's warm-up lines repeat on a
  # Redis that outlives a node (two runs in a row got 409), and its stamped lines differ only in digits.
  local env=(env "Alerts__ApiKeys__bench__Sha256=$key_sha" "Alerts__DataDir=$work/garnet-$1" "Logging__LogLevel__Default=Warning"
    "Alerts__Duplicates__Window=00:00:00"
    # Every load-generator client comes from 127.0.0.1 (through nginx too): the per-address bound would refuse all but 64.
    "Alerts__Limits__ConnectionsPerAddress=1000000")
  shift 3 2>/dev/null || shift $#
  [ -n "$redis" ] && env+=("ConnectionStrings__Redis=$redis" "Alerts__Redis__KeyPrefix=bench")  # one prefix: nodes on one Redis share the log
  env+=("$@")  # after the defaults, which env lets them override
  [ -n "${SERVER_ENV:-}" ] && read -ra extra <<<"$SERVER_ENV" && env+=("${extra[@]}")  # e.g. SERVER_ENV="DOTNET_gcServer=0"
  (cd "$bin" && exec "${env[@]}" dotnet Alerts.Server.dll --urls "http://127.0.0.1:$port" >"$work/alerts-$port.log" 2>&1) &
  pids+=($!); LAST_PID=$!; wait_ready "http://127.0.0.1:$port/readyz"
}

start_signalr_peer() { # port redis -> $LAST_PID
  (cd "$here/SignalRPeer/bin/Release/net10.0" && exec env ConnectionStrings__Redis="$2" Logging__LogLevel__Default=Warning dotnet SignalRPeer.dll --urls "http://127.0.0.1:$1" >"$work/signalr-$1.log" 2>&1) &
  pids+=($!); LAST_PID=$!; wait_ready "http://127.0.0.1:$1/readyz"
}

start_floor() { # port redis-or-empty -> $LAST_PID; with Redis the floor's nodes share one pub/sub channel
  local env=(env Logging__LogLevel__Default=Warning)
  [ -n "$2" ] && env+=("ConnectionStrings__Redis=$2")
  (cd "$here/Floor/bin/Release/net10.0" && exec "${env[@]}" dotnet Floor.dll --urls "http://127.0.0.1:$1" >"$work/floor-$1.log" 2>&1) &
  pids+=($!); LAST_PID=$!; wait_ready "http://127.0.0.1:$1/readyz"
}

start_node_floor() { # port -> $LAST_PID; the Node floor (node-floor/): one process, no Redis
  (cd "$here/node-floor" && exec env PORT="$1" node server.js >"$work/node-floor-$1.log" 2>&1) &
  pids+=($!); LAST_PID=$!; wait_ready "http://127.0.0.1:$1/readyz"
}

start_socketio_peer() { # port redis -> $LAST_PID
  (cd "$here/socketio-peer" && exec env PORT="$1" REDIS_URL="redis://$2" node server.js >"$work/socketio-$1.log" 2>&1) &
  pids+=($!); LAST_PID=$!; wait_ready "http://127.0.0.1:$1/readyz"
}

start_nginx() { # port upstream-port... -> $LAST_PID; deploy/nginx.conf with loopback ports and a temporary prefix
  local port=$1; shift
  local prefix="$work/nginx-$port" servers=""
  mkdir -p "$prefix"
  for upstream in "$@"; do servers+="        server 127.0.0.1:$upstream max_fails=1 fail_timeout=5s;\n"; done
  # This machine caps a process at 20,000 files, so the rlimit line goes and worker connections shrink;
  # NGINX_WORKERS=W with reuseport spreads more proxied connections (two files each) over W workers.
  sed -e '/server alerts-2:8080/d' -e "s|^ *server alerts-1:8080.*|$servers|" \
      -e "s/listen 8080;/listen 127.0.0.1:$port${NGINX_WORKERS:+ reuseport};/" -e "s/worker_processes auto;/worker_processes ${NGINX_WORKERS:-auto};/" \
      -e '/worker_rlimit_nofile/d' -e 's/worker_connections 131072/worker_connections 19000/' -e "s#/tmp/nginx#$prefix/nginx#" \
      "$root/deploy/nginx.conf" >"$prefix/nginx.conf"
  /usr/sbin/nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' 2>"$prefix/error.log" &
  pids+=($!); LAST_PID=$!; wait_ready "http://127.0.0.1:$port/healthz"
}

loadgen() { # label args... ; result in $RESULTS/label.json
  local label=$1; shift
  log "$label"
  # Every system is measured warm, as a node that has run for a while is: WARMUP alerts reach every client
  # first, then WARMUP_PAUSE seconds let the runtime finish compiling what they made hot.
  dotnet "$root/tests/Alerts.LoadGen/bin/Release/net10.0/Alerts.LoadGen.dll" --label "$label" --key "$key" --out "$RESULTS/$label.json" \
    --warmup "${WARMUP:-100}" --warmup-pause "${WARMUP_PAUSE:-5}" "$@" >/dev/null || true
}

stop() { kill "$@" 2>/dev/null || true; sleep 1; }

watch_connections() { # file port... ; the most established connections each port held, sampled every 2 s until file.stop exists
  local file=$1; shift
  local most=() i count
  for _ in "$@"; do most+=(0); done
  while [ ! -e "$file.stop" ]; do
    i=0
    for port in "$@"; do
      count=$(ss -Htn state established "( sport = :$port )" | wc -l)
      [ "$count" -gt "${most[$i]}" ] && most[i]=$count
      i=$((i + 1))
    done
    echo "${most[*]}" >"$file"
    sleep 2
  done
}

floor_table() {
  python3 "$here/floor.py" "$RESULTS" | tee "$RESULTS/floor.md"
}

summary() {
  python3 "$here/summary.py" "$RESULTS"/*.json | tee "$RESULTS/summary.md"
  echo "results: $RESULTS" >&2
}

machine() {
  { echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"; echo "nproc: $(nproc)"; grep -m1 'model name' /proc/cpuinfo; free -h | sed -n 2p; uptime; } >"$RESULTS/machine.txt"
  cat "$RESULTS/machine.txt" >&2
}

build
machine
case "$name" in
  capacity)
    redis_port=$(free_port); start_redis "$redis_port"; redis_pid=$LAST_PID
    for backend in redis embedded; do
      for n in ${COUNTS:-1000 5000 10000 19500}; do
        port=$(free_port)
        start_alerts "$port" "$([ $backend = redis ] && echo "127.0.0.1:$redis_port")"; pid=$LAST_PID
        # At most ~10,000 deliveries a second: a broadcast to 19,500 costs ~0.4 s of CPU here, and a
        # faster rate would measure the queue that builds, not the latency of a node that keeps up.
        rate=$(python3 -c "print(min(2, 10000 / $n))")
        loadgen "capacity-$backend-$n" --hub "http://127.0.0.1:$port/hubs/alerts" --connections "$n" --alerts "${ALERTS:-12}" --rate "$rate" --server-pid "$pid"
        stop "$pid"
      done
    done
    ;;
  memory)
    # RSS from /proc (the load generator), and the live managed heap from two gcdumps: each forces a
    # full GC first, so the difference is what the connections hold, not garbage awaiting collection.
    port=$(free_port); start_alerts "$port" ""; pid=$LAST_PID
    n=${N:-10000}
    gcdump() { "${DOTNET_GCDUMP:-dotnet-gcdump}" collect -p "$pid" -o "$RESULTS/$1.gcdump" >/dev/null 2>&1 \
      && "${DOTNET_GCDUMP:-dotnet-gcdump}" report "$RESULTS/$1.gcdump" 2>/dev/null | awk '/GC Heap bytes/ { gsub(",", "", $1); print $1 }'; }
    before=$(gcdump idle-before || true)
    loadgen "memory-idle-$n" --hub "http://127.0.0.1:$port/hubs/alerts" --connections "$n" --alerts 0 --settle 30 --server-pid "$pid" &
    lg=$!; sleep "${MEMORY_SAMPLE_AT:-25}"; after=$(gcdump idle-connected || true); wait $lg
    if [ -n "$before" ] && [ -n "$after" ]; then
      echo "managed heap (live, after a full GC): $((before / 1048576)) MB -> $((after / 1048576)) MB for $n connections = $(((after - before) / n)) B per connection" | tee "$RESULTS/heap.txt"
      "${DOTNET_GCDUMP:-dotnet-gcdump}" report "$RESULTS/idle-connected.gcdump" >"$RESULTS/idle-connected.types.txt" 2>/dev/null || true
    else
      echo "managed heap: not measured (dotnet tool install -g dotnet-gcdump)" | tee "$RESULTS/heap.txt"
    fi
    ;;
  broadcast)
    # Alerts (embedded default) and the floor take turns with the same clients, so both see the same noise.
    for round in ${ROUNDS:-1 2}; do
      for system in alerts floor; do
        port=$(free_port)
        if [ $system = alerts ]; then start_alerts "$port" ""; else start_floor "$port" ""; fi
        pid=$LAST_PID
        loadgen "broadcast-$system-${N:-19500}-r$round" --hub "http://127.0.0.1:$port/hubs/alerts" --connections "${N:-19500}" --alerts "${ALERTS:-5}" --rate "${RATE:-0.5}" --server-pid "$pid"
        stop "$pid"
      done
    done
    floor_table
    ;;
  js)
    # The official JS client, as ticker.js connects (WebSockets, skipNegotiation), against Alerts (embedded default)
    # and the least a Node broadcaster does (node-floor/: npm ws, one pre-encoded frame per socket), taking turns so
    # both see the same noise. The clients' processes share the machine's cores with the server: WORKERS=1 or 2.
    n=${N:-2000}
    for round in $(seq 1 "${ROUNDS:-2}"); do
      for system in alerts floor; do
        port=$(free_port)
        if [ $system = alerts ]; then start_alerts "$port" ""; else start_node_floor "$port"; fi
        pid=$LAST_PID
        label="js-$system-$n-r$round"
        log "$label"
        node "$here/js-clients/run.js" --hub "http://127.0.0.1:$port/hubs/alerts" --connections "$n" --workers "${WORKERS:-$(((n + 999) / 1000))}" \
          --settle "${SETTLE:-10}" --warmup "${WARMUP:-100}" --warmup-pause "${WARMUP_PAUSE:-5}" --alerts "${ALERTS:-5}" --rate "${RATE:-0.5}" --server-pid "$pid" --key "$key" --label "$label" --out "$RESULTS/$label.json" || true
        stop "$pid"
      done
    done
    python3 "$here/js.py" "$RESULTS" | tee "$RESULTS/js.md"
    ;;
  ingest)
    redis_port=$(free_port); start_redis "$redis_port"; redis_pid=$LAST_PID
    for backend in redis embedded; do
      port=$(free_port); start_alerts "$port" "$([ $backend = redis ] && echo "127.0.0.1:$redis_port")"; pid=$LAST_PID
      loadgen "ingest-burst-$backend" --hub "http://127.0.0.1:$port/hubs/alerts" --connections 100 --alerts 1000 --rate 0 --concurrency 32 --server-pid "$pid"
      stop "$pid"
    done
    ;;
  two-nodes)
    redis_port=$(free_port); start_redis "$redis_port"; redis_pid=$LAST_PID
    a=$(free_port); b=$(free_port); lb=$(free_port)
    start_alerts "$a" "127.0.0.1:$redis_port"; pid_a=$LAST_PID; start_alerts "$b" "127.0.0.1:$redis_port"; pid_b=$LAST_PID
    # The hub upstream hashes on the client address: 16 source addresses spread the load over both nodes.
    start_nginx "$lb" "$a" "$b"
    loadgen "two-nodes-${N:-10000}" --hub "http://127.0.0.1:$lb/hubs/alerts" --sources 16 --connections "${N:-10000}" --alerts 20 --rate 2 --server-pid "$pid_a,$pid_b"
    loadgen "one-node-direct-${N:-10000}" --hub "http://127.0.0.1:$a/hubs/alerts" --connections "${N:-10000}" --alerts 20 --rate 2 --server-pid "$pid_a"
    ;;
  peers)
    redis_port=$(free_port); start_redis "$redis_port"; redis_pid=$LAST_PID
    alerts_port=$(free_port); signalr_port=$(free_port); socketio_port=$(free_port)
    start_alerts "$alerts_port" "127.0.0.1:$redis_port"; alerts_pid=$LAST_PID
    start_signalr_peer "$signalr_port" "127.0.0.1:$redis_port"; signalr_pid=$LAST_PID
    start_socketio_peer "$socketio_port" "127.0.0.1:$redis_port"; socketio_pid=$LAST_PID
    if [ -n "${BASELINE:-}" ]; then
      # An older Alerts build as a fourth system, on its own key prefix so the two never relay each other's alerts.
      baseline_port=$(free_port)
      start_alerts "$baseline_port" "127.0.0.1:$redis_port" "$BASELINE" Alerts__Redis__KeyPrefix=baseline; baseline_pid=$LAST_PID
    fi
    n=${N:-5000}
    # Interleaved by rate, so every system sees the same noise from whatever else the machine runs.
    for rate in ${RATES:-2 5 10 20 40}; do
      alerts=$(python3 -c "print(max(10, int($rate * ${SECONDS_PER_STEP:-8})))")
      if [ -n "${BASELINE:-}" ]; then
        loadgen "peers-alerts-baseline-$n-r$rate" --hub "http://127.0.0.1:$baseline_port/hubs/alerts" --connections "$n" --alerts "$alerts" --rate "$rate" --server-pid "$baseline_pid"
      fi
      loadgen "peers-alerts-$n-r$rate" --hub "http://127.0.0.1:$alerts_port/hubs/alerts" --connections "$n" --alerts "$alerts" --rate "$rate" --server-pid "$alerts_pid"
      loadgen "peers-signalr-backplane-$n-r$rate" --hub "http://127.0.0.1:$signalr_port/hubs/alerts" --connections "$n" --alerts "$alerts" --rate "$rate" --server-pid "$signalr_pid"
      loadgen "peers-socketio-$n-r$rate" --protocol socketio --hub "http://127.0.0.1:$socketio_port/hubs/alerts" --connections "$n" --alerts "$alerts" --rate "$rate" --server-pid "$socketio_pid"
    done
    python3 "$here/peers.py" "$RESULTS" "${P99_MS:-10,50,100,250,500,1000}" | tee "$RESULTS/peers.md"
    ;;
  nodes)
    # Redis, N nodes behind deploy/nginx.conf, then N floor nodes (sharing one Redis channel) behind the same
    # nginx, for each N. By default the total is the same for every N so the cost per message and per connection
    # compare; one node holds all of it, so it stays under the 20,000 files a process may open here. PER_NODE=1
    # makes N the connections of each node instead (N=18000 NODE_COUNTS=5: 90,000 in all), for the cost as both grow.
    redis_port=$(free_port); start_redis "$redis_port"
    for count in ${NODE_COUNTS:-1 2 3 5}; do
      if [ -n "${PER_NODE:-}" ]; then n=$((${N:-18000} * count)); else n=${N:-18000}; fi
      workers=$(((n + 4999) / 5000))
      for system in alerts floor; do
        ports=(); node_pids=()
        for _ in $(seq 1 "$count"); do
          port=$(free_port)
          if [ $system = alerts ]; then start_alerts "$port" "127.0.0.1:$redis_port"; else start_floor "$port" "127.0.0.1:$redis_port"; fi
          ports+=("$port"); node_pids+=("$LAST_PID")
        done
        # A worker holds two files per proxied connection: one per 8,000 connections, at least 4 (12 at 90,000).
        lb=$(free_port); NGINX_WORKERS=${NGINX_WORKERS:-$(( n > 32000 ? (n + 7999) / 8000 : 4 ))} start_nginx "$lb" "${ports[@]}"; nginx_pid=$LAST_PID
        label="nodes-$system-n$count-$n"
        watch_connections "$RESULTS/$label.connections" "${ports[@]}" & watcher=$!
        # A reader refused during the connect storm reconnects, as ticker.js does (the loadgen logs how many did).
        loadgen "$label" --hub "http://127.0.0.1:$lb/hubs/alerts" --sources "${SOURCES:-16}" --workers "$workers" --connections "$n" --retries 5 \
          --alerts "${ALERTS:-8}" --rate "${RATE:-0.5}" --server-pid "$(IFS=,; echo "${node_pids[*]}")"
        touch "$RESULTS/$label.connections.stop"; wait "$watcher" || true; rm -f "$RESULTS/$label.connections.stop"
        stop "${node_pids[@]}" "$nginx_pid"
      done
    done
    floor_table
    ;;
  ab)
    # Same load, old build and new build taking turns, so both see the same background noise.
    for round in ${ROUNDS:-1 2}; do
      for variant in baseline current ${FLOOR:+floor}; do
        port=$(free_port)
        if [ $variant = floor ]; then
          start_floor "$port" ""
        elif [ $variant = baseline ]; then
          # shellcheck disable=SC2086
          start_alerts "$port" "" "${BASELINE:?BASELINE=bin folder of the older build}" ${BASELINE_ENV:-}
        else
          # shellcheck disable=SC2086
          start_alerts "$port" "" "" ${CURRENT_ENV:-}
        fi
        pid=$LAST_PID
        loadgen "ab-$variant-${N:-5000}-$round" --hub "http://127.0.0.1:$port/hubs/alerts" --connections "${N:-5000}" --alerts "${ALERTS:-40}" --rate "${RATE:-5}" --server-pid "$pid"
        stop "$pid"
      done
    done
    floor_table
    ;;
  idle)
    # A node with no clients after WARMUP posts: its CPU over WINDOW s once SETTLE s passed, in turns with the floor
    # (and BASELINE, an older build, when given). CPU from /proc/<pid>/stat, in ms of CPU per second (10 = 1 % of a core).
    echo "| round | system | ms CPU/s idle |" | tee "$RESULTS/idle.md"; echo "|---|---|---|" | tee -a "$RESULTS/idle.md"
    for round in ${ROUNDS:-1 2}; do
      for variant in ${BASELINE:+baseline} current floor; do
        port=$(free_port)
        case $variant in
          floor) start_floor "$port" "" ;;
          # shellcheck disable=SC2086
          baseline) start_alerts "$port" "" "$BASELINE" ${BASELINE_ENV:-} ;;
          # shellcheck disable=SC2086
          *) start_alerts "$port" "" "" ${CURRENT_ENV:-} ;;
        esac
        pid=$LAST_PID
        for i in $(seq 1 "${WARMUP:-100}"); do
          curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
            -d "{\"edition\":\"en\",\"headline\":\"Idle benchmark warm-up $i\"}" "http://127.0.0.1:$port/api/v1/alerts"
        done
        sleep "${SETTLE:-60}"
        before=$(awk '{print $14 + $15}' "/proc/$pid/stat"); sleep "${WINDOW:-30}"; after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
        echo "| $round | $variant | $(( (after - before) * 1000 / $(getconf CLK_TCK) / ${WINDOW:-30} )) |" | tee -a "$RESULTS/idle.md"
        stop "$pid"
      done
    done
    exit 0
    ;;
  *) echo "unknown benchmark '$name'" >&2; exit 64 ;;
esac
summary
