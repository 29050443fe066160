"""Alerts against its peers from one `run.sh peers` folder: per rate, and the best delivered/s at p99 within a bound."""
import glob
import json
import os
import re
import sys

folder, bound = sys.argv[1], float(sys.argv[2])
runs = {}
for path in glob.glob(os.path.join(folder, "peers-*.json")):
    with open(path) as f:
        r = json.load(f)
    m = re.match(r"peers-(.+)-\d+-r([\d.]+)$", r["label"])
    runs.setdefault(m.group(1), {})[float(m.group(2))] = r

systems = ["alerts", "signalr-backplane", "socketio"]
print(f"| rate /s | " + " | ".join(f"{s} delivered/s, p99 ms, CPU %" for s in systems) + " |")
print("|---|" + "---|" * len(systems))
for rate in sorted({rate for s in runs.values() for rate in s}):
    cells = []
    for s in systems:
        r = runs.get(s, {}).get(rate)
        cells.append("-" if r is None else
                     f"{r['deliveredPerSecond']:.0f}, {r['delivery']['p99']}, {r['servers'][0]['cpuPublishPercent']}"
                     + ("" if r["received"] == r["expected"] else f" (lost {r['expected'] - r['received']})"))
    print(f"| {rate:g} | " + " | ".join(cells) + " |")

def best(system):
    ok = [r for r in runs.get(system, {}).values() if r["received"] == r["expected"] and r["delivery"]["p99"] <= bound]
    return max((r["deliveredPerSecond"] for r in ok), default=0)

scores = {s: best(s) for s in systems}
peer = max(scores["signalr-backplane"], scores["socketio"])
print()
print(f"Best delivered messages/s with every message delivered and p99 <= {bound:g} ms: "
      + ", ".join(f"{s} {v:.0f}" for s, v in scores.items()))
if peer:
    print(f"Alerts / better peer: {scores['alerts'] / peer:.2f}x "
          f"(vs SignalR backplane {scores['alerts'] / max(1, scores['signalr-backplane']):.2f}x, vs Socket.IO {scores['alerts'] / max(1, scores['socketio']):.2f}x)")
