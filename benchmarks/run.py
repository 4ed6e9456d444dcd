"""Benchmarks: `python benchmarks/run.py [--quick]` prints medians (min-max) and ratios.

Measures, in one run on one machine:
1. per-decision latency on a 20-clause agreement for contractdsl `permits`, a hand-written
   if/elif of the same rules (the floor), cedarpy (Cedar, pre-parsed policy set) and pycasbin;
   every engine's decisions are first checked equal on the same 10,000 usages;
2. `permits` on the three Twitter agreements with the Microsoft usages;
3. `permits_many` over 1,000,000 usages (decisions per second);
4. cold `load` of generated agreements of 50, 500 and 5,000 clauses, and warm `load` of the same
   files through the parse cache.

The peers are optional (`pip install ".[bench]"`); a missing peer is reported and skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import contractdsl  # noqa: E402
from contractdsl.usage import Usage  # noqa: E402

PURPOSES = [f"p{i}" for i in range(10)]
RECIPIENTS = [f"r{i}" for i in range(8)]
PERMITTED_PURPOSES = PURPOSES[:8]
FORBIDDEN_RECIPIENTS = RECIPIENTS[:6]
LIMITS = {"p1": 1000, "p2": 500, "p3": 250}
LATE = {"p4": dt.date(2024, 7, 1), "p5": dt.date(2024, 9, 1), "p6": dt.date(2024, 11, 1)}


# ---- the 20 rules, four ways ------------------------------------------------------------------


def agreement_text() -> str:
    lines = ['agreement "Benchmark Licence" version "1".', 'licensee "Developer".',
             "effective 2024-01-01.", 'action use "use the data".', 'data content "the data".',
             'unit records "records".']
    lines += [f'purpose {p} "purpose {p}".' for p in PURPOSES]
    lines += [f'recipient {r} "recipient {r}".' for r in RECIPIENTS]
    for p in PERMITTED_PURPOSES:
        lines.append(f"clause P-{p}: licensee may use content for {p}.")
    for r in FORBIDDEN_RECIPIENTS:
        lines.append(f"clause X-{r}: licensee must not use content with {r}.")
    for p, n in LIMITS.items():
        lines.append(f"clause L-{p}: licensee must not use more than {n:,} records per day "
                     f"when purpose is {p}.")
    for p, day in LATE.items():
        lines.append(f"clause D-{p} from {day}: licensee must not use content for {p}.")
    return "\n".join(lines) + "\n"


P4_FROM, P5_FROM, P6_FROM = LATE["p4"], LATE["p5"], LATE["p6"]


def floor(purpose, recipient, volume, day):
    """The same 20 rules as a hand-written if/elif: the fastest a Python decision can be."""
    if purpose == "p0" or purpose == "p7":
        pass
    elif purpose == "p1":
        if volume > 1000:
            return False
    elif purpose == "p2":
        if volume > 500:
            return False
    elif purpose == "p3":
        if volume > 250:
            return False
    elif purpose == "p4":
        if day >= P4_FROM:
            return False
    elif purpose == "p5":
        if day >= P5_FROM:
            return False
    elif purpose == "p6":
        if day >= P6_FROM:
            return False
    else:
        return False
    if recipient == "r0" or recipient == "r1" or recipient == "r2" or recipient == "r3" or \
            recipient == "r4" or recipient == "r5":
        return False
    return True


def cedar_policies() -> str:
    rules = []
    for p in PERMITTED_PURPOSES:
        rules.append(f'permit(principal, action, resource) when {{ context.purpose == "{p}" }};')
    for r in FORBIDDEN_RECIPIENTS:
        rules.append(f'forbid(principal, action, resource) when {{ context.recipient == "{r}" }};')
    for p, n in LIMITS.items():
        rules.append(f'forbid(principal, action, resource) when {{ context.purpose == "{p}" && '
                     f"context.volume > {n} }};")
    for p, day in LATE.items():
        rules.append(f'forbid(principal, action, resource) when {{ context.purpose == "{p}" && '
                     f"context.day >= {day.strftime('%Y%m%d')} }};")
    return "\n".join(rules)


CASBIN_MODEL = """
[request_definition]
r = purpose, recipient, volume, day

[policy_definition]
p = rule, eft

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = eval(p.rule)
"""


def casbin_rules() -> list[list[str]]:
    rules = [[f"r.purpose == '{p}'", "allow"] for p in PERMITTED_PURPOSES]
    rules += [[f"r.recipient == '{r}'", "deny"] for r in FORBIDDEN_RECIPIENTS]
    rules += [[f"r.purpose == '{p}' && r.volume > {n}", "deny"] for p, n in LIMITS.items()]
    rules += [[f"r.purpose == '{p}' && r.day >= {d.strftime('%Y%m%d')}", "deny"]
              for p, d in LATE.items()]
    return rules


# ---- engines -------------------------------------------------------------------------------


def random_usages(count: int, seed: int = 7) -> list[tuple]:
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    out = []
    for _ in range(count):
        purpose = rng.choice(PURPOSES)
        recipient = rng.choice([None, None, *RECIPIENTS])
        volume = rng.choice([0, 100, 250, 251, 500, 501, 1000, 1001, 5000])
        day = start + dt.timedelta(days=rng.randrange(366))
        out.append((purpose, recipient, volume, day))
    return out


def as_usage(purpose, recipient, volume, day) -> Usage:
    return Usage.from_dict({"purpose": purpose, "recipients": [recipient] if recipient else [],
                            "date": day, "volume": [{"amount": volume, "unit": "records",
                                                     "per": "day"}]})


def engines(agreement):
    """Each engine as (prepare, decide): ``prepare`` turns a raw usage into the engine's own
    input once, outside the timing; ``decide`` is what is timed."""
    found = {"hand-written if/elif": (lambda u: u, lambda u: floor(*u))}
    found["contractdsl permits"] = (lambda u: as_usage(*u), lambda u: contractdsl.permits(agreement, u))
    try:
        import cedarpy

        policies = cedarpy.PolicySet.from_str(cedar_policies())  # parsed once
        entities = cedarpy.Entities.from_json_str("[]")

        def request(u):
            return {"principal": 'User::"developer"', "action": 'Action::"use"',
                    "resource": 'Data::"content"',
                    "context": {"purpose": u[0], "recipient": u[1] or "",
                                "volume": u[2], "day": int(u[3].strftime("%Y%m%d"))}}

        def cedar(r):
            return cedarpy.is_authorized(r, policies, entities).allowed

        found["cedarpy (Cedar)"] = (request, cedar)
    except ImportError:
        print("cedarpy is not installed: skipped (pip install '.[bench]')")
    try:
        import casbin

        with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as handle:
            handle.write(CASBIN_MODEL)
        enforcer = casbin.Enforcer(handle.name)
        for rule in casbin_rules():
            enforcer.add_policy(*rule)

        def arguments(u):
            return (u[0], u[1] or "", u[2], int(u[3].strftime("%Y%m%d")))

        found["pycasbin"] = (arguments, lambda a: enforcer.enforce(*a))
    except ImportError:
        print("casbin is not installed: skipped (pip install '.[bench]')")
    return found


# ---- timing --------------------------------------------------------------------------------


def per_call(function, items, repeats: int) -> list[float]:
    """Seconds per call, one sample per repeat over all items."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for item in items:
            function(item)
        samples.append((time.perf_counter() - start) / len(items))
    return samples


def show(name: str, samples: list[float], unit: float = 1e-6, label: str = "µs",
         reference: float | None = None) -> float:
    median = statistics.median(samples)
    ratio = f"  {median / reference:8.1f}x floor" if reference else ""
    print(f"  {name:<28} {median / unit:10.2f} {label}  ({min(samples) / unit:.2f}–"
          f"{max(samples) / unit:.2f}){ratio}")
    return median


def generated(clauses: int) -> str:
    """An agreement of ``clauses`` clauses over a small vocabulary."""
    lines = ['agreement "Generated" version "1".', "effective 2024-01-01.",
             'action use "use".', 'data content "content".', 'unit records "records".']
    lines += [f'purpose q{i} "purpose {i}".' for i in range(50)]
    lines += [f'recipient s{i} "recipient {i}".' for i in range(20)]
    for i in range(clauses):
        kind = i % 3
        if kind == 0:
            lines.append(f'clause G-{i} "Grant {i}": licensee may use content for q{i % 50} '
                         f"when not (recipient is s{i % 20} and date is before 2025-01-01).")
        elif kind == 1:
            lines.append(f"clause G-{i}: licensee must not use content with s{i % 20} "
                         f"unless purpose is q{i % 50}.")
        else:
            lines.append(f"clause G-{i}: licensee must not use more than {i * 10 + 1:,} records "
                         f"per 15 minutes when purpose is q{i % 50}.")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a smaller batch")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 7
    batch = 100_000 if args.quick else 1_000_000

    print(f"contractdsl {contractdsl.__version__} benchmarks, {dt.date.today()}, "
          f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}")

    # 1. the 20-clause agreement against the peers
    agreement = contractdsl.parse(agreement_text(), "benchmark.agreement")
    assert contractdsl.check(agreement) == [], contractdsl.check(agreement)
    raw = random_usages(10_000)
    found = engines(agreement)
    prepared = {name: [prepare(u) for u in raw] for name, (prepare, _) in found.items()}
    usages = prepared["contractdsl permits"]
    expected = [bool(contractdsl.permits(agreement, u)) for u in usages]
    for name, (_, decide) in found.items():
        got = [bool(decide(u)) for u in prepared[name]]
        if got != expected:
            first = next(i for i, (a, b) in enumerate(zip(got, expected)) if a != b)
            print(f"{name} disagrees with contractdsl on usage {raw[first]}: {got[first]} vs "
                  f"{expected[first]}; stopping")
            return 1
    print(f"\n1. Per decision, 20-clause agreement ({sum(expected):,} of {len(expected):,} "
          "usages permitted; every engine agrees)")
    print("   each engine is given its own form of the usages, built before the timing")
    floor_time = show("hand-written if/elif",
                      per_call(found["hand-written if/elif"][1],
                               prepared["hand-written if/elif"][:2000], repeats))
    ours = show("contractdsl permits", per_call(found["contractdsl permits"][1], usages[:2000],
                                                repeats), reference=floor_time)
    show("  and its reasons read", per_call(lambda u: contractdsl.permits(agreement, u).reasons,
                                            usages[:2000], repeats), reference=floor_time)
    for name, (_, decide) in found.items():
        if name not in ("hand-written if/elif", "contractdsl permits"):
            median = show(name, per_call(decide, prepared[name][:500], repeats),
                          reference=floor_time)
            print(f"  {'':<28} contractdsl is {median / ours:.1f}x faster than {name}")

    # 2. the Twitter agreements with the Microsoft usages
    from contractdsl.usage import read_usages

    twitter = contractdsl.load(*sorted((ROOT / "agreements" / "twitter").glob("*.agreement")))
    microsoft = [u for path in sorted((ROOT / "agreements" / "twitter" / "usages").glob("*.yaml"))
                 for u in read_usages(path)]
    print(f"\n2. Twitter agreements, {len(microsoft)} Microsoft usages")
    show("contractdsl permits", per_call(lambda u: contractdsl.permits(twitter, u),
                                         microsoft * 20, repeats))
    show("  and its reasons read", per_call(lambda u: contractdsl.permits(twitter, u).reasons,
                                            microsoft * 20, repeats))

    # 3. a batch
    many = (usages * (batch // len(usages) + 1))[:batch]
    start = time.perf_counter()
    decisions = contractdsl.permits_many(agreement, many)
    seconds = time.perf_counter() - start
    assert len(decisions) == batch
    print(f"\n3. permits_many over {batch:,} usages: {seconds:.1f} s, "
          f"{batch / seconds:,.0f} decisions per second")

    # 4. loading
    print("\n4. load (cold: no cache; warm: through the parse cache)")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["CONTRACTDSL_CACHE_DIR"] = str(Path(folder) / "cache")
        for clauses in (50, 500, 5000):
            path = Path(folder) / f"generated-{clauses}.agreement"
            path.write_text(generated(clauses))
            size = path.stat().st_size
            cold = per_call(lambda p: contractdsl.load(p, cache=False), [path], repeats)
            contractdsl.load(path)
            warm = per_call(lambda p: contractdsl.load(p), [path], repeats)
            show(f"cold, {clauses:,} clauses ({size / 1e6:.2f} MB)", cold, 1e-3, "ms")
            show(f"warm, {clauses:,} clauses", warm, 1e-3, "ms")
            print(f"  {'':<28} parsing speed {size / statistics.median(cold) / 1e6:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
