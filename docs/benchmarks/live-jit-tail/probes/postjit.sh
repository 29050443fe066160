#!/usr/bin/env bash
# CPU ms of the server per post, no clients: 100 warm-up posts, 10 s quiet, then 100 posts at 2/s
set -euo pipefail
system=$1; shift
root="$(cd "$(dirname "$0")/../../../.." && pwd)"; out=${OUT:-/tmp/jitprobe}; mkdir -p "$out"; key=bench-editor-key; key_sha=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
d=$(mktemp -d); port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
if [ $system = alerts ]; then
(cd ${BIN:-$root/src/Alerts.Server/bin/Release/net10.0} && exec env "$@" "Alerts__ApiKeys__bench__Sha256=$key_sha" "Alerts__DataDir=$d/data" Logging__LogLevel__Default=Warning Alerts__Duplicates__Window=00:00:00 dotnet Alerts.Server.dll --urls "http://127.0.0.1:$port" >$d/log 2>&1) &
else
(cd $root/tests/Alerts.Benchmarks/Floor/bin/Release/net10.0 && exec env "$@" Logging__LogLevel__Default=Warning dotnet Floor.dll --urls "http://127.0.0.1:$port" >$d/log 2>&1) &
fi
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
pid=$(pgrep -f "dll --urls http://127.0.0.1:$port" | head -1)
post() { curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "{\"edition\":\"en\",\"headline\":\"Probe line $1 $RANDOM\"}" http://127.0.0.1:$port/api/v1/alerts; }
for i in $(seq 100); do post w$i >/dev/null; done
sleep 10
ticks() { awk '{print $14+$15}' /proc/$pid/stat; }
{ wc -l < "$out/pj.txt" || echo 0; } 2>/dev/null > "$out/pj.c0"; t0=$(ticks); s0=$(date +%s.%N)
sleep 20
t1=$(ticks); { wc -l < "$out/pj.txt" || echo 0; } 2>/dev/null > "$out/pj.c1"
for i in $(seq 100); do post m$i >/dev/null; sleep 0.5; done
t2=$(ticks); s2=$(date +%s.%N); { wc -l < "$out/pj.txt" || echo 0; } 2>/dev/null > "$out/pj.c2"
kill $pid; wait $pid 2>/dev/null || true; rm -rf $d
python3 -c "idle=($t1-$t0)*10/20; busy=($t2-$t1)*10; dur=$s2-$s0-20; print(f'$system idle {idle:.1f} ms/s ({idle/10:.2f}% core); 100 posts: {busy} ms over {dur:.0f}s, minus idle: {(busy-idle*dur)/100:.2f} ms/post')"
