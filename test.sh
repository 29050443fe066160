#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET SDK: installs what the tests need
# (redis-server, chromium, nginx, Node.js for the ticker bundle, kubectl to render deploy/k8s)
# when missing, then runs the suite.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# redis-cli builds the Redis Cluster and drives the failovers; the sentinels are `redis-server --sentinel`.
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# ss reads a node's listen backlog in the hosting tests.
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
need_kubectl=false
command -v kubectl >/dev/null 2>&1 || need_kubectl=true
if [ ${#missing[@]} -gt 0 ] || $need_kubectl; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  # Debian ships kubectl as `kubectl` where the archive has it, as `kubernetes-client` (bookworm) otherwise.
  if $need_kubectl; then
    if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then missing+=(kubectl); else missing+=(kubernetes-client); fi
  fi
  echo "==> installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "==> redis-server $(redis-server --version | awk '{print $3}'), chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
echo "==> building and testing (the tests start their own redis-server, Garnet, Kestrel and Chromium)"
log=$(mktemp -t alerts-test.XXXXXX)
trap 'rm -f "$log"' EXIT
# Every project of the solution, the benchmarks and the load generator included, so none rots unnoticed.
dotnet build Alerts.sln -c Release
# The OpenAPI tests validate the document and compile a client generated from it with these npm
# packages (pinned in the lock file).
(cd tests/Alerts.Server.Tests/Reference/OpenApiClient && npm ci --no-audit --no-fund)
# The Web Push cross-check sends with npm's web-push library (WebPushPackageTests).
(cd tests/Alerts.Server.Tests/Push/WebPush/web-push-sender && npm ci --no-audit --no-fund)
set +e
dotnet test Alerts.sln -c Release --no-build --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The ticker's JavaScript logic (its modules, without a browser); the build above installed its packages.
echo "==> node --test (src/Alerts.Server/Web/ClientApp/test)"
(cd src/Alerts.Server/Web/ClientApp && node --test test/) 2>&1 | tee -a "$log"
node_status=${PIPESTATUS[0]}
[ "$node_status" -eq 0 ] || status=$node_status
set -e

# One closing line in the plain form CI reads, summed over the test projects.
awk '/^(Passed|Failed)!/ {
  for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} /^# pass [0-9]+$/ { p += $3 } /^# fail [0-9]+$/ { f += $3 } /^# skipped [0-9]+$/ { s += $3 } END { gsub(",", "", f); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
