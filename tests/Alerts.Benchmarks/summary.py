"""Prints one markdown row per load-generator result in the folder given."""
import sys

from results import delivered

print("| run | conns | conn/s | posted | ingest p50/p99 ms | received | delivery p50/p90/p99/p99.9/max ms | last client p50/max ms | delivered/s | server / client CPU µs/msg | server CPU % | RSS idle MB | B/conn idle |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in delivered(sys.argv[1:]):
    d, l, i = r["delivery"], r["lastClient"], r["ingestLatency"]
    servers = r["servers"]
    cpu = "+".join(str(s["cpuPublishPercent"]) for s in servers) or "-"
    rss = "+".join(str(s["rssIdleMb"]) for s in servers) or "-"
    per = "+".join(str(int(s["idleBytesPerConnection"])) for s in servers) or "-"
    print(f"| {r['label']} | {r['connected']}/{r['connectionsRequested']} | {r['connectionsPerSecond']:.0f} | {r['alertsPosted']} "
          f"| {i['p50']}/{i['p99']} | {r['received']}/{r['expected']} | {d['p50']}/{d['p90']}/{d['p99']}/{d['p999']}/{d['max']} "
          f"| {l['p50']}/{l['max']} | {r['deliveredPerSecond']:.0f} | {r.get('serverCpuMicrosPerDelivery', '-')} / {r.get('clientCpuMicrosPerDelivery', '-')} | {cpu} | {rss} | {per} |")
