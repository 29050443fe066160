#!/usr/bin/env bash
# Starts the whole system on the embedded default: the server with its in-process Garnet store,
# the ticker demo page (/) and the editors' console (/console). No other setup.
set -euo pipefail
cd "$(dirname "$0")"

port="${PORT:-8080}"
data_dir="${ALERTS_DATA_DIR:-$PWD/data}"
mkdir -p "$data_dir"

# A local editor key, made once and kept beside the data, so the console can be used at once.
key_file="$data_dir/dev-editor-key"
if [ ! -s "$key_file" ]; then
  head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$key_file"
  chmod 600 "$key_file"
fi
key=$(cat "$key_file")

export Alerts__DataDir="$data_dir"
export Alerts__ApiKeys__newsroom__Sha256="$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
export Alerts__ApiKeys__newsroom__Role=admin

cat <<MSG
==> Alerts on http://localhost:$port
    ticker demo     http://localhost:$port/
    editors' console http://localhost:$port/console   (API key: $key)
    publish         curl -X POST http://localhost:$port/api/v1/alerts -H "Authorization: Bearer $key" \\
                      -H 'Content-Type: application/json' -d '{"edition":"en","headline":"Hello, newsroom"}'
    data            $data_dir (embedded Garnet, append-only file)
MSG
exec dotnet run --project src/Alerts.Server -c Release -- --urls "http://0.0.0.0:$port"
