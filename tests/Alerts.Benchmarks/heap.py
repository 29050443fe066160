"""Managed heap before and after the idle connections, from two dotnet-counters JSON files, per connection."""
import json
import sys


def heap_bytes(path):
    try:
        with open(path) as f:
            events = json.load(f)["Events"]
    except (OSError, ValueError, KeyError):
        return None
    sizes = {}
    for e in events:
        name = e.get("name", "")
        if "last_collection.heap.size" in name:
            sizes[e.get("tags", "")] = e["value"]
        elif name.startswith("GC Heap Size"):
            sizes["total"] = e["value"] * 1024 * 1024
    return sum(sizes.values()) if sizes else None


before, after, result = sys.argv[1:4]
with open(result) as f:
    connected = json.load(f)["connected"]
b, a = heap_bytes(before), heap_bytes(after)
if b is None or a is None or not connected:
    print("managed heap: not measured (dotnet-counters missing or no connections)")
else:
    print(f"managed heap after last GC: {b / 2**20:.1f} MB -> {a / 2**20:.1f} MB for {connected} connections = {(a - b) / connected:.0f} B per connection")
