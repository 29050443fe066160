"""run.sh js: Alerts against the Node floor with the official JS clients, one row per run, then
Alerts / floor for each round and their mean. Labels are js-<system>-<connections>-r<round>.

post -> client is over every client and alert; "last client" is, per alert, the time until the last
client had it: its median over the alerts, and the worst alert. Server CPU per message counts all
the server did while the alerts were posted and delivered, its idle work included (shown beside it,
measured over the settle before the posts).
"""
import os
import sys
from collections import defaultdict

from results import delivered

folder = sys.argv[1]
rounds = defaultdict(dict)
for r in delivered(os.path.join(folder, name) for name in sorted(os.listdir(folder)) if name.endswith(".json")):
    bench, system, n, round_ = r["label"].split("-")
    if bench == "js":
        rounds[(int(n), round_)][system] = r


def figures(r):
    return {
        "p50": r["delivery"]["p50"],
        "p99": r["delivery"]["p99"],
        "last": r["lastClient"]["p50"],
        "last max": r["lastClient"]["max"],
        "µs/msg": r["serverCpuMicrosPerDelivery"],
    }


def ratio(a, b):
    return a / b if a and b else None


def shown(value):
    return f"{value:.2f}" if value is not None else "-"


names = ["p50", "p99", "last", "last max", "µs/msg"]
print("| round | system | clients | received / expected | dropped | post→client p50 / p99 ms | last client p50 / max ms | server CPU µs/msg | server CPU % idle / publishing | client CPU s |")
print("|---|---|---|---|---|---|---|---|---|---|")
ratios = []
for (n, round_), systems in sorted(rounds.items()):
    for system in ("alerts", "floor"):
        r = systems.get(system)
        if r is None:
            continue
        f = figures(r)
        idle = "+".join(str(s.get("cpuIdlePercent", "-")) for s in r["servers"])
        busy = "+".join(str(s["cpuPublishPercent"]) for s in r["servers"])
        print(f"| {round_} | {system} | {r['connected']}/{r['connectionsRequested']} | {r['received']} / {r['expected']} | {r['dropped']} "
              f"| {f['p50']} / {f['p99']} | {f['last']} / {f['last max']} | {f['µs/msg']} | {idle} / {busy} | {r.get('clientCpuSeconds', '-')} |")
    if "alerts" in systems and "floor" in systems:
        a, b = figures(systems["alerts"]), figures(systems["floor"])
        ratios.append((n, round_, {k: ratio(a[k], b[k]) for k in names}))

print()
print("| Alerts ÷ floor | clients | post→client p50 | p99 | last client p50 | last client max | server CPU µs/msg |")
print("|---|---|---|---|---|---|---|")
for n, round_, r in ratios:
    print(f"| {round_} | {n} | " + " | ".join(shown(r[k]) for k in names) + " |")
for n in sorted({n for n, _, _ in ratios}):
    of_n = [r for m, _, r in ratios if m == n]
    mean = {k: (sum(r[k] for r in of_n) / len(of_n) if all(r[k] is not None for r in of_n) else None) for k in names}
    print(f"| mean of {len(of_n)} | {n} | " + " | ".join(shown(mean[k]) for k in names) + " |")
