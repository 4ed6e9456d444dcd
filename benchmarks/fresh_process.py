"""The first decision in a fresh process.

Run as a script, it imports contractdsl, loads the Twitter agreements (through the parse
cache), then decides two usages with ``permits``, timing each step with
``time.perf_counter_ns``, and prints the times as JSON, with the number of Python's
collections that fell inside the first decision (where the collector's count stands after the
load decides whether one does). ``measure`` runs it in fresh subprocesses. Nothing but the
standard library is imported before the timing starts.

Given ``condensed``, it decides the same two usages on the condensed Twitter texts the
hand-written floor is written for (docs/examples/amendment) instead; given ``floor``, it loads
the library as above, so that the process stands where the others do, and times the floor's
first two decisions of the same usages (benchmarks/twitter_rules.py), the fastest a first
decision in a fresh Python process can be.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TWITTER = HERE.parent / "agreements" / "twitter"
CONDENSED = HERE.parent / "docs" / "examples" / "amendment"
FIRST = {"app": "bing_pages", "action": "read", "purpose": "search_results_display",
         "tier": "enterprise", "date": "2023-06-01",
         "volume": [{"amount": 40_000_000, "unit": "posts", "per": "calendar month"}]}
# the library's standard, which the condensed texts do not define
FINDINGS = {"findings": {"reasonable_request_volume": True}}
SUBJECTS = ("library", "condensed", "floor")
SECOND = {"app": "xbox_one_social", "action": "write", "purpose": "posting_on_behalf_of_users",
          "tier": "basic", "date": "2023-06-02",
          "volume": [{"amount": 90, "unit": "posts", "per": "day"}]}


def child(subject: str = "library") -> None:
    import gc

    clock = time.perf_counter_ns
    start = clock()
    import contractdsl

    imported = clock()
    folder = CONDENSED if subject == "condensed" else TWITTER
    twitter = contractdsl.load(*sorted(folder.glob("*.agreement")))
    loaded = clock()
    if subject == "floor":
        sys.path.insert(0, str(HERE))
        import twitter_rules

        first, second = map(twitter_rules.floor_form, (FIRST, SECOND))
        decide = twitter_rules.floor
    else:
        from contractdsl.usage import Usage

        first = Usage.from_dict(dict(FIRST, **FINDINGS) if subject == "library" else FIRST)
        second = Usage.from_dict(SECOND)

        def decide(usage):
            return contractdsl.permits(twitter, usage).outcome
    collections: list = []

    def counted(phase, info):
        collections.append(phase == "start")

    gc.callbacks.append(counted)
    before = clock()
    outcome = decide(first)
    after = clock()
    gc.callbacks.remove(counted)
    other = decide(second)
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


def measure(runs: int) -> dict[str, dict[str, list[int]]]:
    """Per subject (``SUBJECTS``), nanoseconds per step, one sample per fresh process, after
    one process per subject that writes the bytecode and fills the parse cache, as an
    installed package has them; the package is the one this process imported; the subjects
    take turns, so that a slower minute of a shared machine falls on each alike.
    ``collections``: per process, the collections that fell inside the first decision."""
    env = environment()
    samples: dict[str, dict[str, list[int]]] = {subject: {} for subject in SUBJECTS}
    for run in range(runs + 1):
        for subject in SUBJECTS:
            result = subprocess.run([sys.executable, __file__, subject], env=env,
                                    capture_output=True, text=True, check=True)
            times = json.loads(result.stdout)
            if times.pop("outcomes") != ["permitted", "permitted"]:
                raise SystemExit(f"the fresh process ({subject}) decided otherwise: "
                                 f"{result.stdout}")
            if run:
                for step, value in times.items():
                    samples[subject].setdefault(step, []).append(value)
    return samples


if __name__ == "__main__":
    child(*sys.argv[1:])
