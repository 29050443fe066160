#!/usr/bin/env bash
set -euo pipefail
system=$1; shift
root="$(cd "$(dirname "$0")/../../../.." && pwd)"; out=${OUT:-/tmp/jitprobe}; mkdir -p "$out"; key=bench-editor-key; key_sha=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
d=$(mktemp -d); port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
if [ $system = alerts ]; then
(cd ${BIN:-$root/src/Alerts.Server/bin/Release/net10.0} && exec env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 "$@" "Alerts__ApiKeys__bench__Sha256=$key_sha" "Alerts__DataDir=$d/data" Logging__LogLevel__Default=Warning Alerts__Duplicates__Window=00:00:00 dotnet Alerts.Server.dll --urls "http://127.0.0.1:$port" >$d/log 2>&1) &
else
(cd $root/tests/Alerts.Benchmarks/Floor/bin/Release/net10.0 && exec env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 "$@" Logging__LogLevel__Default=Warning dotnet Floor.dll --urls "http://127.0.0.1:$port" >$d/log 2>&1) &
fi
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
pid=$(pgrep -f "dll --urls http://127.0.0.1:$port" | head -1)
post() { curl -s -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "{\"edition\":\"en\",\"headline\":\"Probe line $1 $RANDOM\"}" http://127.0.0.1:$port/api/v1/alerts; }
ticks() { awk '{print $14+$15}' /proc/$pid/stat; }
for i in $(seq 100); do post w$i; done
sleep ${SETTLE:-60}
t0=$(ticks)
perf record -F 999 -g -p $pid -o $out/idle-$system.perf -- sleep 30 >/dev/null 2>&1
t1=$(ticks)
echo "$system idle: $(( (t1-t0)*10/30 )) ms CPU/s"
grep -E "^(Threads|voluntary|nonvoluntary)" /proc/$pid/status
kill $pid; wait $pid 2>/dev/null || true; rm -rf $d
