"""The load generator's results, one JSON file per run, as the report scripts read them."""
import json


def delivered(paths):
    """The results among `paths` that finished their delivery round, in the order given. A file still
    being written, or one from a run that stopped before delivering, is passed over."""
    for path in paths:
        with open(path) as f:
            try:
                r = json.load(f)
            except ValueError:
                continue
        if "delivery" in r:
            yield r
