#!/usr/bin/env bash
# Starts the whole system on the embedded default: the server with its in-process Garnet store,
# the ticker demo page (/) and the editors' console (/console). On a fresh Debian machine the
# .NET 10 SDK is the one thing to bring; Node.js (for the ticker and console bundles) is installed
# here when missing, the way test.sh does it.
#
#   HOST   address to listen on (default 127.0.0.1: the dev key grants admin, so not the network)
#   PORT   port (default 8080)
#   ALERTS_DATA_DIR  the embedded store's data and the dev key (default ./data)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  cat >&2 <<'MSG'
==> the .NET 10 SDK is needed and `dotnet` is not on PATH. On Debian 12:
      wget https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb -O /tmp/ms.deb
      sudo dpkg -i /tmp/ms.deb && sudo apt-get update && sudo apt-get install -y dotnet-sdk-10.0
    or without root: https://dot.net/v1/dotnet-install.sh (bash dotnet-install.sh --channel 10.0),
    then add ~/.dotnet to PATH. Other systems: https://dotnet.microsoft.com/download/dotnet/10.0
MSG
  exit 1
fi

# The build bundles the ticker and the console with esbuild, which needs Node.js and npm.
if ! command -v npm >/dev/null 2>&1; then
  echo "==> installing nodejs npm (the ticker and console bundles are built with them)"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

host="${HOST:-127.0.0.1}"
port="${PORT:-8080}"
data_dir="${ALERTS_DATA_DIR:-$PWD/data}"

# The data directory holds the store and an admin key: readable by this user only, from the
# moment each file exists (a chmod afterwards would leave a window).
umask 077
mkdir -p "$data_dir"

# A local admin key, made once and kept beside the data, so the console can be used at once.
key_file="$data_dir/dev-editor-key"
if [ ! -s "$key_file" ]; then
  head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$key_file"
fi

export Alerts__DataDir="$data_dir"
# Only the key's hash reaches the server's environment; the key stays in the file and never goes to
# standard output, which systemd's journal and Docker's log keep.
export Alerts__ApiKeys__newsroom__Sha256="$(tr -d '\n' < "$key_file" | sha256sum | cut -d' ' -f1)"
export Alerts__ApiKeys__newsroom__Role=admin

# An IPv6 literal goes in brackets in a URL; a browser on this machine reaches a wildcard
# address through loopback.
case "$host" in
  \[*) listen_host="$host" ;;
  *:*) listen_host="[$host]" ;;
  *) listen_host="$host" ;;
esac
case "$listen_host" in
  0.0.0.0 | '[::]' | '*' | '+') browse_host=localhost ;;
  *) browse_host="$listen_host" ;;
esac
base="http://$browse_host:$port"

cat <<MSG
==> Alerts listening on http://$listen_host:$port
    editors' console $base/console   (API key: the file $key_file, readable by you only)
    ticker demo      $base/
    publish          curl -X POST $base/api/v1/alerts -H "Authorization: Bearer \$(cat '$key_file')" \\
                       -H 'Content-Type: application/json' -d '{"edition":"en","headline":"Hello, newsroom"}'
    data             $data_dir (embedded Garnet, append-only file)
    the first start builds the server and the bundles; it answers when "Now listening" appears
MSG
exec dotnet run --project src/Alerts.Server -c Release -- --urls "http://$listen_host:$port"
