"""Alerts against its peers from one `run.sh peers` folder: per rate, and the best delivered/s at p99 within a bound."""
import glob
import json
import os
import re
import sys

folder, bounds = sys.argv[1], [float(b) for b in sys.argv[2].split(",")]
runs = {}
for path in glob.glob(os.path.join(folder, "peers-*.json")):
    with open(path) as f:
        r = json.load(f)
    m = re.match(r"peers-(.+)-\d+-r([\d.]+)$", r["label"])
    runs.setdefault(m.group(1), {})[float(m.group(2))] = r

systems = ["alerts", "signalr-backplane", "socketio"]
# With BASELINE=, an older Alerts build ran as a fourth system: shown first, and compared with the current one.
if "alerts-baseline" in runs:
    systems.insert(0, "alerts-baseline")
print(f"| rate /s | " + " | ".join(f"{s} delivered/s, p99 ms, CPU %, CPU µs/msg" for s in systems) + " |")
print("|---|" + "---|" * len(systems))
for rate in sorted({rate for s in runs.values() for rate in s}):
    cells = []
    for s in systems:
        r = runs.get(s, {}).get(rate)
        cells.append("-" if r is None else
                     f"{r['deliveredPerSecond']:.0f}, {r['delivery']['p99']}, {r['servers'][0]['cpuPublishPercent']}, {r.get('serverCpuMicrosPerDelivery')}"
                     + ("" if r["received"] == r["expected"] else f" (lost {r['expected'] - r['received']})"))
    print(f"| {rate:g} | " + " | ".join(cells) + " |")

def best(system, bound):
    ok = [r for r in runs.get(system, {}).values() if r["received"] == r["expected"] and r["delivery"]["p99"] <= bound]
    return max((r["deliveredPerSecond"] for r in ok), default=0)

print()
for bound in bounds:
    scores = {s: best(s, bound) for s in systems}
    peer = max(scores["signalr-backplane"], scores["socketio"])
    ratio = f"{scores['alerts'] / peer:.2f}x" if peer else "n/a (no peer run met the bound)"
    if "alerts-baseline" in scores:
        ratio += f"; Alerts / its baseline {scores['alerts'] / scores['alerts-baseline']:.2f}x" if scores["alerts-baseline"] else "; the baseline met no bound"
    print(f"- p99 <= {bound:g} ms, every message delivered: best delivered messages/s "
          + ", ".join(f"{s} {v:.0f}" for s, v in scores.items()) + f"; Alerts / better peer {ratio}")
print()
cost = {s: sorted(r["serverCpuMicrosPerDelivery"] for r in runs.get(s, {}).values() if r["received"]) for s in systems}
median = {s: (v[len(v) // 2] if v else 0) for s, v in cost.items()}
print("Median server CPU per delivered message (µs, lower is better; least disturbed by other load): "
      + ", ".join(f"{s} {v}" for s, v in median.items()))
if median["alerts"]:
    print("Messages per CPU-second, Alerts / peer: "
          + ", ".join(f"{s} {median[s] / median['alerts']:.2f}x" for s in systems if s != "alerts" and median[s]))
if median.get("alerts-baseline"):
    print("Server CPU per delivered message, current / baseline, rate by rate: "
          + ", ".join(f"{rate:g}/s {runs['alerts'][rate]['serverCpuMicrosPerDelivery'] / runs['alerts-baseline'][rate]['serverCpuMicrosPerDelivery']:.2f}x"
                      for rate in sorted(runs["alerts"]) if rate in runs["alerts-baseline"]
                      and runs["alerts-baseline"][rate].get("serverCpuMicrosPerDelivery") and runs["alerts"][rate].get("serverCpuMicrosPerDelivery"))
          + f"; medians {median['alerts'] / median['alerts-baseline']:.2f}x")
