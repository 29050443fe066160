#!/usr/bin/env python3
"""The embedded store over time: data-directory size and restart time, with checkpoints and without.

    python3 tests/Alerts.Benchmarks/embedded_disk.py [--only idle|alerts|devices] [--modes checkpoints,none]
        [--interval 00:00:30] [--alerts 3000] [--devices 10000 [--bulk]] [--device-ttl 60] [--idle 180 --idle-sample 30] [--restarts 3]

Starts the built server (src/Alerts.Server/bin/Release/net10.0, or $ALERTS_SERVER_DLL) on loopback with a
fresh data directory per scenario and measures, for checkpoints every --interval (`checkpoints`) and for
checkpoints that never come (`none`, what the embedded store did before: an append-only file only):

  idle     a node with one webhook (to a local receiver) left alone for --idle seconds, the directory
           sampled every --idle-sample seconds
  alerts   --alerts publications (pipelined over keep-alive connections), then, after a checkpoint, the
           directory and the time until /readyz after a restart
  devices  --devices registrations (180-character tokens) with a --device-ttl expiry: the directory live,
           and again once they expired and the server's sweep removed them. Through the API, or with
           --bulk written in the registry's layout by PushDispatch --fill-embedded (or $ALERTS_FILL_DLL)

Every restart is put beside the restart of an empty directory, alternated in the same run (the .NET
start itself), since the machine is shared. Prints one JSON object per measurement and a summary table.
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
# A copy elsewhere keeps a long run on one build while the source tree is rebuilt.
SERVER = os.environ.get("ALERTS_SERVER_DLL") or os.path.join(ROOT, "src", "Alerts.Server", "bin", "Release", "net10.0", "Alerts.Server.dll")
FILL = os.environ.get("ALERTS_FILL_DLL") or os.path.join(ROOT, "tests", "Alerts.Benchmarks", "PushDispatch", "bin", "Release", "net10.0", "PushDispatch.dll")
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
        # $ALERTS_BENCH_LOGS keeps each start's output (a file per start), for a server that did not come up.
        logs = os.environ.get("ALERTS_BENCH_LOGS")
        output = open(os.path.join(logs, f"server-{self.port}-{time.time():.0f}.log"), "w") if logs else subprocess.DEVNULL
        self.process = subprocess.Popen(
            ["dotnet", SERVER, "--urls", f"http://127.0.0.1:{self.port}"],
            env=self.env, cwd=os.path.dirname(SERVER), stdout=output, stderr=subprocess.STDOUT)
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
INTERVAL = "00:00:30"


class Baseline:
    """A node on an empty directory: its restart, measured next to each other restart, is the .NET start itself."""

    def __init__(self, data_dir):
        self.node = Node(data_dir, INTERVAL)
        self.node.start()
        self.node.stop()

    def restart(self):
        seconds = self.node.start()
        self.node.stop()
        return seconds


def restarts(node, baseline):
    """The medians of RESTARTS stop-and-start cycles of the node and of the empty baseline, alternated: the time
    until /readyz answers 200, and None or, for a start that failed, how (which ends the cycles). Leaves the node
    stopped."""
    times, empty = [], []
    node.stop()
    for _ in range(RESTARTS):
        empty.append(baseline.restart())
        began = time.monotonic()
        try:
            times.append(node.start())
        except RuntimeError as error:
            return None, sorted(empty)[len(empty) // 2], f"{error} after {time.monotonic() - began:.1f} s"
        node.stop()
    return sorted(times)[len(times) // 2], sorted(empty)[len(empty) // 2], None


def run_parallel(count, action, workers=8):
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        failures = sum(1 for status in pool.map(action, range(count)) if status >= 300)
    if failures:
        raise RuntimeError(f"{failures} of {count} requests failed")


def pipelined(node, count, body, path, key=None, connections=8, depth=64):
    """Sends count POSTs of body(i) over keep-alive connections, depth requests in flight on each, from
    127.0.0.2.. so that no single client address meets the per-address registration limit. Returns the
    failures (responses other than 2xx)."""
    counter = iter(range(count))
    lock = threading.Lock()
    failures = [0]

    def worker(number):
        with socket.create_connection(("127.0.0.1", node.port), timeout=120, source_address=(f"127.0.0.{2 + number}", 0)) as connection:
            while True:
                with lock:
                    batch = [i for _, i in zip(range(depth), counter)]
                if not batch:
                    return
                requests = []
                for i in batch:
                    payload = json.dumps(body(i)).encode()
                    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
                    if key:
                        head += f"Authorization: Bearer {key}\r\n"
                    requests.append(head.encode() + b"\r\n" + payload)
                connection.sendall(b"".join(requests))
                received = b""
                # Response bodies are JSON and never hold a status line; the rest of the batch's last body, if it
                # comes later, has none either.
                while received.count(b"HTTP/1.1 ") < len(batch):
                    chunk = connection.recv(1 << 20)
                    if not chunk:
                        raise RuntimeError("server closed the connection")
                    received += chunk
                with lock:
                    failures[0] += received.count(b"HTTP/1.1 ") - received.count(b"HTTP/1.1 20")

    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        list(pool.map(worker, range(connections)))
    return failures[0]


def interval_seconds(mode):
    days, _, clock = CHECKPOINTS[mode].rpartition(".")
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    return (int(days) if days else 0) * 86400 + hours * 3600 + minutes * 60 + seconds


def wait_for_checkpoint(mode):
    """Waits for the next checkpoint (one interval and some slack); the file's tail is dropped right after it."""
    if mode == "checkpoints":
        time.sleep(interval_seconds(mode) + 15)


def measure(scenario, mode, phase, node_dir, restart=None, **more):
    total, aof = directory_bytes(node_dir)
    seconds, empty, error = restart or (None, None, None)
    row = {"scenario": scenario, "mode": mode, "phase": phase, "dirBytes": total, "aofBytes": aof,
           "restartSeconds": None if seconds is None else round(seconds, 2),
           "emptyRestartSeconds": None if empty is None else round(empty, 2), "restartError": error,
           "at": time.strftime("%H:%M:%S", time.gmtime()), "load": os.getloadavg()[0], **more}
    print(json.dumps(row), flush=True)
    return row


def scenario_idle(mode, seconds, sample, rows, baseline):
    """A node with one webhook left alone; the directory is sampled every `sample` seconds."""
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
        samples = []
        began = time.monotonic()
        while time.monotonic() - began < seconds:
            time.sleep(sample)
            total, aof = directory_bytes(data)
            samples.append((round(time.monotonic() - began), total, aof))
        growth = (samples[-1][2] - samples[0][2]) * 60 / (samples[-1][0] - samples[0][0]) if mode == "none" else None
        rows.append(measure("idle", mode, f"after {seconds} s", data, restarts(node, baseline),
                            maxDirBytes=max(s[1] for s in samples), samples=samples,
                            growthBytesPerMinute=None if growth is None else round(growth)))
    receiver.shutdown()


def scenario_alerts(mode, count, rows, baseline):
    with tempfile.TemporaryDirectory(prefix="alerts-disk-") as data:
        node = Node(data, CHECKPOINTS[mode])
        node.start()
        began = time.monotonic()
        failures = pipelined(node, count, lambda i: {
            "edition": ("en", "ar", "es")[i % 3], "headline": f"Alert {i}: " + "x" * 80,
            "url": f"https://example.org/news/{i}", "sections": ["politics"]}, "/api/v1/alerts", KEY, connections=4, depth=16)
        publish_seconds = time.monotonic() - began
        wait_for_checkpoint(mode)
        rows.append(measure("alerts", mode, f"{count} alerts", data, restarts(node, baseline),
                            publishSeconds=round(publish_seconds, 1), failures=failures))


def token():
    return "".join(random.choices(string.ascii_letters + string.digits + "_-", k=152)) + ":APA91b" + "".join(
        random.choices(string.ascii_letters, k=21))


def scenario_devices(mode, count, ttl, bulk, rows, baseline):
    with tempfile.TemporaryDirectory(prefix="alerts-disk-") as data:
        node = Node(data, CHECKPOINTS[mode], {"Alerts__Push__RegistrationTtl": f"{ttl // 3600:02d}:{ttl % 3600 // 60:02d}:{ttl % 60:02d}"})
        began = time.monotonic()
        failures = 0
        if bulk:
            # The registry's layout written in bulk by the PushDispatch benchmark (EmbeddedFill), then this server's start.
            subprocess.run(["dotnet", FILL, "--fill-embedded", str(count), data, str(ttl)], check=True, cwd=os.path.dirname(FILL))
            first_start = node.start()
        else:
            first_start = node.start()
            failures = pipelined(node, count, lambda i: {
                "token": token(), "platform": "android", "edition": ("en", "ar", "es")[i % 3], "sections": ["politics", "sports"],
                "regions": ["europe"], "minUrgency": "breaking",
                "quietHours": {"from": "23:00", "to": "07:00", "timeZone": "Europe/Madrid"}}, "/api/v1/devices")
        register_seconds = time.monotonic() - began
        if register_seconds > ttl:
            raise RuntimeError(f"registering took {register_seconds:.0f} s, longer than the {ttl} s expiry")
        wait_for_checkpoint(mode)
        live_bytes, _ = directory_bytes(data)
        rows.append(measure("devices", mode, f"{count} live", data, restarts(node, baseline), bulk=bulk, firstStartSeconds=round(first_start, 2),
                            registerSeconds=round(register_seconds, 1), failures=failures))
        if rows[-1]["restartError"]:
            return
        node.start()
        # The last registration expires ttl after it was made; the sweep runs every ttl/4 (at most a minute).
        expired = began + register_seconds + ttl + min(ttl / 4, 60) + 5
        time.sleep(max(0, expired - time.monotonic()))
        swept = time.monotonic()
        while node_registered(node) > 0:
            time.sleep(5)
        sweep_seconds = time.monotonic() - swept
        wait_for_checkpoint(mode)
        rows.append(measure("devices", mode, f"{count} expired and swept", data, restarts(node, baseline),
                            liveDirBytes=live_bytes, sweepSeconds=round(sweep_seconds, 1)))


def scenario_year(mode, alerts, devices, data, rows, baseline):
    """A year of a busy newsroom at once: the registrations written in bulk, then the alerts through the API, in
    `data`, which is kept. A directory filled before (its marker file) is only restarted: fill under any load,
    then time the restarts on a quiet machine."""
    marker = os.path.join(data, "year-filled.json")
    node = Node(data, CHECKPOINTS[mode], {"Alerts__Push__RegistrationTtl": "60.00:00:00"})
    if os.path.exists(marker):
        with open(marker) as filled:
            more = json.load(filled)
    else:
        os.makedirs(data, exist_ok=True)
        began = time.monotonic()
        subprocess.run(["dotnet", FILL, "--fill-embedded", str(devices), data, str(60 * 86400)], check=True, cwd=os.path.dirname(FILL))
        node.start()
        failures = pipelined(node, alerts, lambda i: {
            "edition": ("en", "ar", "es")[i % 3], "headline": f"Alert {i}: " + "x" * 80,
            "url": f"https://example.org/news/{i}", "sections": ["politics"]}, "/api/v1/alerts", KEY, connections=4, depth=16)
        more = {"fillSeconds": round(time.monotonic() - began, 1), "failures": failures}
        wait_for_checkpoint(mode)
        node.stop()
        with open(marker, "w") as filled:
            json.dump(more, filled)
    node.start()
    rows.append(measure("year", mode, f"{alerts} alerts, {devices} registrations", data, restarts(node, baseline), **more))


def node_registered(node):
    _, body = node.request("GET", "/metrics")
    return sum(float(line.rsplit(" ", 1)[1]) for line in body.decode().splitlines()
               if line.startswith("alerts_push_registered_devices{"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--alerts", type=int, default=3000)
    parser.add_argument("--devices", type=int, default=10000)
    parser.add_argument("--idle", type=int, default=180, help="seconds")
    parser.add_argument("--idle-sample", type=int, default=30, help="seconds between directory samples of the idle node")
    parser.add_argument("--device-ttl", type=int, default=60, help="seconds; longer than registering --devices takes")
    parser.add_argument("--bulk", action="store_true", help="write the registrations in bulk (PushDispatch --fill-embedded) instead of through the API")
    parser.add_argument("--only", choices=["idle", "alerts", "devices", "year"])
    parser.add_argument("--year-dir", help="the year's data directory, kept: filled on the first run, only restarted on the next")
    parser.add_argument("--modes", default="checkpoints,none", help="checkpoints, none or both")
    parser.add_argument("--interval", default="00:00:30", help="the checkpoint interval of the checkpoints mode")
    parser.add_argument("--restarts", type=int, default=1, help="restarts per measurement; the median is reported")
    args = parser.parse_args()
    global RESTARTS, INTERVAL
    RESTARTS = args.restarts
    INTERVAL = CHECKPOINTS["checkpoints"] = args.interval
    if not os.path.exists(SERVER):
        sys.exit(f"build first: dotnet build src/Alerts.Server -c Release ({SERVER} missing)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="alerts-disk-") as empty:
        baseline = Baseline(empty)
        for mode in args.modes.split(","):
            if args.only in (None, "idle"):
                scenario_idle(mode, args.idle, args.idle_sample, rows, baseline)
            if args.only in (None, "alerts"):
                scenario_alerts(mode, args.alerts, rows, baseline)
            if args.only in (None, "devices"):
                scenario_devices(mode, args.devices, args.device_ttl, args.bulk, rows, baseline)
            if args.only == "year":
                scenario_year(mode, args.alerts, args.devices, args.year_dir, rows, baseline)
    print("\n| scenario | checkpoints | phase | directory | of it AOF | restart to ready | empty directory, same run | ratio |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for row in rows:
        seconds, empty = row["restartSeconds"], row["emptyRestartSeconds"]
        restart, ratio = (f"{seconds} s", f"{seconds / empty:.2f}") if seconds is not None else (row["restartError"], "-")
        print(f"| {row['scenario']} | {row['mode']} | {row['phase']} | {row['dirBytes'] / 1e6:.1f} MB | "
              f"{row['aofBytes'] / 1e6:.1f} MB | {restart} | {empty} s | {ratio} |")


if __name__ == "__main__":
    main()
