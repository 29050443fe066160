"""Alerts against the floor (and an older build) in the same run: one row per load-generator result,
with the ratios to the floor result of the same round or node count.

Labels are <benchmark>-<system>-<rest>: system is alerts, current, baseline or floor; results that
share <benchmark> and <rest> ran back to back and are compared.
"""
import os
import sys
from collections import defaultdict

from results import delivered

folder = sys.argv[1]
groups = defaultdict(dict)
for r in delivered(os.path.join(folder, name) for name in sorted(os.listdir(folder)) if name.endswith(".json")):
    bench, system, *rest = r["label"].split("-")
    connections = os.path.join(folder, r["label"] + ".connections")
    r["perNode"] = open(connections).read().split() if os.path.exists(connections) else None
    groups[(bench, "-".join(rest))][system] = r


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "-"


print("| run | system | nodes | connections per node | received / expected | dropped | post→client p50 / p99 ms | last client p50 / max ms | server µs/msg | RSS B/conn idle | last client ÷ floor | µs/msg ÷ floor | ÷ baseline (last, µs/msg) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (bench, rest), systems in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1].zfill(12))):
    floor = systems.get("floor")
    baseline = systems.get("baseline")
    for system in ("baseline", "current", "alerts", "floor"):
        r = systems.get(system)
        if r is None:
            continue
        servers = r["servers"]
        per_node = " + ".join(r["perNode"]) if r["perNode"] else str(r["connected"] // max(1, len(servers)))
        rss = sum(s["idleBytesPerConnection"] for s in servers) / max(1, len(servers))
        last, us = r["lastClient"]["p50"], r["serverCpuMicrosPerDelivery"]
        vs_floor = (ratio(last, floor["lastClient"]["p50"]), ratio(us, floor["serverCpuMicrosPerDelivery"])) if floor and system != "floor" else ("", "")
        vs_base = f"{ratio(last, baseline['lastClient']['p50'])}, {ratio(us, baseline['serverCpuMicrosPerDelivery'])}" if baseline and system == "current" else ""
        print(f"| {bench}-{rest} | {system} | {len(servers)} | {per_node} | {r['received']} / {r['expected']} | {r['dropped']} "
              f"| {r['delivery']['p50']} / {r['delivery']['p99']} | {last} / {r['lastClient']['max']} | {us} | {rss:.0f} "
              f"| {vs_floor[0]} | {vs_floor[1]} | {vs_base} |")
