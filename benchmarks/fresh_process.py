"""The first decision in a fresh process.

Run as a script, it imports contractdsl, loads the Twitter agreements (through the parse
cache), then decides two usages with ``permits``, timing each step with
``time.perf_counter_ns``, and prints the times as JSON, with the number of Python's
collections that fell inside the first decision (where the collector's count stands after the
load decides whether one does). ``measure`` runs it in fresh subprocesses. Nothing but the
standard library is imported before the timing starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

TWITTER = Path(__file__).resolve().parent.parent / "agreements" / "twitter"
FIRST = {"app": "bing_pages", "action": "read", "purpose": "search_results_display",
         "tier": "enterprise", "date": "2023-06-01",
         "volume": [{"amount": 40_000_000, "unit": "posts", "per": "calendar month"}],
         "findings": {"reasonable_request_volume": True}}
SECOND = {"app": "xbox_one_social", "action": "write", "purpose": "posting_on_behalf_of_users",
          "tier": "basic", "date": "2023-06-02",
          "volume": [{"amount": 90, "unit": "posts", "per": "day"}]}


def child() -> None:
    import gc

    clock = time.perf_counter_ns
    start = clock()
    import contractdsl

    imported = clock()
    twitter = contractdsl.load(*sorted(TWITTER.glob("*.agreement")))
    loaded = clock()
    from contractdsl.usage import Usage

    first, second = Usage.from_dict(FIRST), Usage.from_dict(SECOND)
    collections: list = []

    def counted(phase, info):
        collections.append(phase == "start")

    gc.callbacks.append(counted)
    before = clock()
    outcome = contractdsl.permits(twitter, first).outcome
    after = clock()
    gc.callbacks.remove(counted)
    other = contractdsl.permits(twitter, second).outcome
    done = clock()
    print(json.dumps({"import": imported - start, "load": loaded - imported,
                      "first": after - before, "second": done - after,
                      "outcomes": [outcome, other], "collections": sum(collections)}))


def environment(**settings: str) -> dict[str, str]:
    """The environment of a fresh process that imports the package this process imported and
    writes its bytecode, with ``settings`` added."""
    import contractdsl

    env = dict(os.environ, **settings)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (
        str(Path(contractdsl.__file__).resolve().parent.parent), env.get("PYTHONPATH"))))
    return env


def measure(runs: int) -> dict[str, list[int]]:
    """Nanoseconds per step, one sample per fresh process, after one process that writes the
    bytecode and fills the parse cache, as an installed package has them; the package is the
    one this process imported. ``collections``: per process, the collections that fell inside
    the first decision."""
    env = environment()
    samples: dict[str, list[int]] = {}
    for run in range(runs + 1):
        result = subprocess.run([sys.executable, __file__], env=env, capture_output=True,
                                text=True, check=True)
        times = json.loads(result.stdout)
        if times.pop("outcomes") != ["permitted", "permitted"]:
            raise SystemExit(f"the fresh process decided otherwise: {result.stdout}")
        if run:
            for step, value in times.items():
                samples.setdefault(step, []).append(value)
    return samples


if __name__ == "__main__":
    child()
