#!/usr/bin/env python3
"""The embedded store over time: data-directory size and restart time, with checkpoints and without.

    python3 tests/Alerts.Benchmarks/embedded_disk.py [--alerts 3000] [--devices 10000] [--idle 180] [--device-ttl 60] [--restarts 3] [--only devices]

Starts the built server (src/Alerts.Server/bin/Release/net10.0) on loopback with a fresh data
directory per scenario and measures, for checkpoints every 30 s (`checkpoints`) and for checkpoints
that never come (`none`, what the embedded store did before: an append-only file only):

  idle     a node with one webhook (to a local receiver) left alone for --idle seconds
  alerts   --alerts publications, then the directory and the time until /readyz after a restart
  devices  --devices registrations (180-character tokens) with a --device-ttl expiry: the directory live,
           and again once they expired and were swept

The restart time of an empty directory is measured in the same run as the baseline (the .NET start
itself). Prints one JSON object per measurement and a summary table. Bounded: loopback only, a few
minutes per scenario.
"""
import argparse
import concurrent.futures
import hashlib
import http.client
import http.server
import json
import os
import random
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVER = os.path.join(ROOT, "src", "Alerts.Server", "bin", "Release", "net10.0", "Alerts.Server.dll")
KEY = "embedded-disk-bench-key"
CHECKPOINTS = {"checkpoints": "00:00:30", "none": "1.00:00:00"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def directory_bytes(path):
    total = aof = 0
    for folder, _, files in os.walk(path):
        for name in files:
            size = os.path.getsize(os.path.join(folder, name))
            total += size
            if name.startswith("aof.log."):
                aof += size
    return total, aof


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


class Node:
    def __init__(self, data_dir, checkpoint_interval, extra=None):
        self.data_dir = data_dir
        self.port = free_port()
        self.env = dict(os.environ)
        self.env.update({
            "ConnectionStrings__Redis": "",
            "Alerts__DataDir": data_dir,
            "Alerts__ApiKeys__bench__Sha256": hashlib.sha256(KEY.encode()).hexdigest(),
            "Alerts__ApiKeys__bench__Role": "editor",
            "Alerts__Duplicates__Window": "00:00:00",
            "Alerts__Push__RegistrationsPerMinute": "100000",
            "Alerts__Embedded__CheckpointInterval": checkpoint_interval,
            "Logging__LogLevel__Default": "Warning",
        })
        self.env.update(extra or {})
        self.process = None

    def start(self):
        began = time.monotonic()
        self.process = subprocess.Popen(
            ["dotnet", SERVER, "--urls", f"http://127.0.0.1:{self.port}"],
            env=self.env, cwd=os.path.dirname(SERVER), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = began + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                status, _ = self.request("GET", "/readyz", timeout=2)
                if status == 200:
                    return time.monotonic() - began
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server not ready in 300 s")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=120)

    def request(self, method, path, body=None, key=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data


RESTARTS = 1


def restarts(node):
    """The median of RESTARTS stop-and-start cycles: the time until /readyz answers 200. Leaves the node stopped."""
    times = []
    for _ in range(RESTARTS):
        node.stop()
        times.append(node.start())
    node.stop()
    return sorted(times)[len(times) // 2]


def run_parallel(count, action, workers=8):
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        failures = sum(1 for status in pool.map(action, range(count)) if status >= 300)
    if failures:
        raise RuntimeError(f"{failures} of {count} requests failed")


def wait_for_checkpoint(node, seconds=35):
    # A checkpoint every 30 s; the file's tail is dropped right after it.
    time.sleep(seconds)


def measure(scenario, mode, phase, node_dir, restart_seconds=None, **more):
    total, aof = directory_bytes(node_dir)
    row = {"scenario": scenario, "mode": mode, "phase": phase, "dirBytes": total, "aofBytes": aof,
           "restartSeconds": None if restart_seconds is None else round(restart_seconds, 2), **more}
    print(json.dumps(row), flush=True)
    return row


def scenario_idle(mode, seconds, rows):
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="alerts-disk-") as data:
        node = Node(data, CHECKPOINTS[mode], {
            "Alerts__Webhooks__bench__Url": f"http://127.0.0.1:{receiver.server_address[1]}/hook",
            "Alerts__Webhooks__bench__Secret": "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        })
        node.start()
        node.request("POST", "/api/v1/alerts", {"edition": "en", "headline": "One line for the webhook"}, KEY)
        time.sleep(5)
        start_bytes, _ = directory_bytes(data)
        time.sleep(seconds)
        end_bytes, _ = directory_bytes(data)
        restart = restarts(node)
        # Without checkpoints the directory is the append-only file: its growth is the idle write rate.
        # With them, a checkpoint lands in the window, so only the size at the end means something.
        growth = round((end_bytes - start_bytes) * 60 / seconds) if mode == "none" else None
        rows.append(measure("idle", mode, f"after {seconds} s", data, restart, growthBytesPerMinute=growth))
    receiver.shutdown()


def scenario_alerts(mode, count, rows):
    with tempfile.TemporaryDirectory(prefix="alerts-disk-") as data:
        node = Node(data, CHECKPOINTS[mode])
        node.start()
        began = time.monotonic()
        run_parallel(count, lambda i: node.request(
            "POST", "/api/v1/alerts",
            {"edition": ("en", "ar", "es")[i % 3], "headline": f"Alert {i}: " + "x" * 80,
             "url": f"https://example.org/news/{i}", "sections": ["politics"]}, KEY)[0])
        publish_seconds = time.monotonic() - began
        if mode == "checkpoints":
            wait_for_checkpoint(node)
        restart = restarts(node)
        rows.append(measure("alerts", mode, f"{count} alerts", data, restart, publishSeconds=round(publish_seconds, 1)))


def token():
    return "".join(random.choices(string.ascii_letters + string.digits + "_-", k=152)) + ":APA91b" + "".join(
        random.choices(string.ascii_letters, k=21))


def scenario_devices(mode, count, ttl, rows):
    with tempfile.TemporaryDirectory(prefix="alerts-disk-") as data:
        node = Node(data, CHECKPOINTS[mode], {"Alerts__Push__RegistrationTtl": f"00:00:{ttl}" if ttl < 60 else f"00:{ttl // 60:02d}:{ttl % 60:02d}"})
        node.start()
        began = time.monotonic()
        run_parallel(count, lambda i: node.request("POST", "/api/v1/devices", {
            "token": token(), "platform": "android", "edition": "en", "sections": ["politics", "sports"],
            "regions": ["europe"], "minUrgency": "breaking",
            "quietHours": {"from": "23:00", "to": "07:00", "timeZone": "Europe/Madrid"}})[0])
        register_seconds = time.monotonic() - began
        if mode == "checkpoints":
            wait_for_checkpoint(node, 20)
        live_bytes, _ = directory_bytes(data)
        restart_live = restarts(node)
        node.start()
        rows.append(measure("devices", mode, f"{count} live", data, restart_live, registerSeconds=round(register_seconds, 1)))
        # The last registration expires ttl after it was made; the sweep runs every ttl/4 (at most a minute); then a checkpoint.
        expired = began + register_seconds + ttl + min(ttl / 4, 60) + 5
        time.sleep(max(0, expired - time.monotonic()) + (35 if mode == "checkpoints" else 0))
        restart = restarts(node)
        rows.append(measure("devices", mode, f"{count} expired and swept", data, restart, liveDirBytes=live_bytes))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--alerts", type=int, default=3000)
    parser.add_argument("--devices", type=int, default=10000)
    parser.add_argument("--idle", type=int, default=180)
    parser.add_argument("--device-ttl", type=int, default=60, help="seconds; longer than registering --devices takes")
    parser.add_argument("--only", choices=["idle", "alerts", "devices"])
    parser.add_argument("--restarts", type=int, default=1, help="restarts per measurement; the median is reported")
    args = parser.parse_args()
    global RESTARTS
    RESTARTS = args.restarts
    if not os.path.exists(SERVER):
        sys.exit(f"build first: dotnet build src/Alerts.Server -c Release ({SERVER} missing)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="alerts-disk-") as empty:
        node = Node(empty, CHECKPOINTS["checkpoints"])
        baseline = node.start()
        rows.append(measure("baseline", "-", "empty directory", empty, restarts(node)))
    for mode in CHECKPOINTS:
        if args.only in (None, "idle"):
            scenario_idle(mode, args.idle, rows)
        if args.only in (None, "alerts"):
            scenario_alerts(mode, args.alerts, rows)
        if args.only in (None, "devices"):
            scenario_devices(mode, args.devices, args.device_ttl, rows)
    print("\n| scenario | checkpoints | phase | directory | of it AOF | restart to ready |")
    print("|---|---|---|---:|---:|---:|")
    for row in rows:
        print(f"| {row['scenario']} | {row['mode']} | {row['phase']} | {row['dirBytes'] / 1e6:.1f} MB | "
              f"{row['aofBytes'] / 1e6:.1f} MB | {row['restartSeconds']} s |")
    print(f"\n(first start of an empty directory, not counted: {baseline:.2f} s)")


if __name__ == "__main__":
    main()
