#!/usr/bin/env bash
# Where a node's CPU goes while it broadcasts, beside the floor's: perf samples of the server process over
# ALERTS alerts at RATE/s to N clients, after the load generator's warm-up, for Alerts and then the floor;
# perf_groups.py sums them by component. Needs perf (apt-get install linux-perf) and the Release builds
# run.sh makes.
#
#   N=10000 ALERTS=20 RATE=1 tests/Alerts.Benchmarks/profile.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
RESULTS="${RESULTS:-/tmp/alerts-bench/$(date -u +%Y%m%dT%H%M%SZ)-profile}"
mkdir -p "$RESULTS"
n=${N:-10000}; alerts=${ALERTS:-20}; rate=${RATE:-1}
key=bench-editor-key; key_sha=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
data="$(mktemp -d /tmp/alerts-profile.XXXXXX)"
trap 'rm -rf "$data"' EXIT
# perf names JIT-compiled code from the runtime's perf map; W^X's double mapping would hide it.
runtime=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 Logging__LogLevel__Default=Warning)

for system in alerts floor; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if [ $system = alerts ]; then
    (cd "$root/src/Alerts.Server/bin/Release/net10.0" && exec env "${runtime[@]}" "Alerts__ApiKeys__bench__Sha256=$key_sha" "Alerts__DataDir=$data/$port" \
      Alerts__Duplicates__Window=00:00:00 Alerts__Limits__ConnectionsPerAddress=1000000 dotnet Alerts.Server.dll --urls "http://127.0.0.1:$port" >"$RESULTS/$system.log" 2>&1) &
  else
    (cd "$here/Floor/bin/Release/net10.0" && exec env "${runtime[@]}" dotnet Floor.dll --urls "http://127.0.0.1:$port" >"$RESULTS/$system.log" 2>&1) &
  fi
  for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
  pid=$(pgrep -f "dll --urls http://127.0.0.1:$port" | head -1)
  dotnet "$root/tests/Alerts.LoadGen/bin/Release/net10.0/Alerts.LoadGen.dll" --label "profile-$system" --key "$key" --out "$RESULTS/profile-$system.json" \
    --hub "http://127.0.0.1:$port/hubs/alerts" --connections "$n" --alerts "$alerts" --rate "$rate" --server-pid "$pid" \
    --warmup "${WARMUP:-100}" --warmup-pause "${WARMUP_PAUSE:-5}" --settle 10 2>"$RESULTS/profile-$system.progress" >/dev/null &
  loadgen=$!
  until grep -q publishing "$RESULTS/profile-$system.progress" 2>/dev/null; do sleep 0.2; done
  perf record -F 999 -g -p "$pid" -o "$RESULTS/$system.perf" -- sleep "$(python3 -c "print(int($alerts / $rate))")" >/dev/null 2>&1
  wait "$loadgen" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
python3 "$here/summary.py" "$RESULTS"/profile-*.json | tee "$RESULTS/summary.md"
python3 "$here/perf_groups.py" "$RESULTS/alerts.perf" "$RESULTS/floor.perf" Alerts floor | tee "$RESULTS/groups.md"
