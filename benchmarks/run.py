"""Benchmarks: `python benchmarks/run.py [--quick]` prints medians (min-max), ratios and targets.

Measures, in one run on one machine:
0. how fast the machine is: Lark's LALR parser on its own JSON grammar, and a hand-written
   Python loop, so that runs on different machines (or one shared machine on different days)
   can be compared;
1. per-decision latency on a 20-clause agreement for contractdsl `permits`, a hand-written
   if/elif of the same rules (the floor), cedarpy (Cedar, pre-parsed policy set) and pycasbin;
   every engine's decisions are first checked equal on the same 10,000 usages;
2. `permits` on the three Twitter agreements: the published Microsoft usages, then a mix of
   them and a few hundred generated variants against a hand-written floor of the Twitter rules
   (benchmarks/twitter_rules.py), checked equal on every usage first; usages whose period
   straddles a change against those that do not;
3. `permits_many` over 1,000,000 usages of the 20-clause agreement, and over 1,000,000 usages
   of the Twitter agreements whose every field is drawn independently (decisions per second;
   the hand-written floor of section 2 over the same usages beside it), the first 100,000 of
   them also on the complete Twitter library;
4. the first `permits` in a fresh process, after the import and the load
   (benchmarks/fresh_process.py);
5. cold `load` of generated agreements of 50, 500, 5,000 and 10,000 clauses, and warm `load`
   of the same files through the parse cache, each load in a fresh process; where a cold load
   has a target, Lark's own parse of the same file into a tree, as a peer.

Each target is printed beside its measure; times are never asserted.
The peers are optional (`pip install ".[bench]"`); a missing peer is reported and skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import contractdsl  # noqa: E402
import fresh_process  # noqa: E402
import twitter_rules  # noqa: E402
from contractdsl.usage import Usage  # noqa: E402
from timing import per_call, say, show, target  # noqa: E402

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


# ---- loading ------------------------------------------------------------------------------


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


# ---- the sections -----------------------------------------------------------------------------


def twenty_clauses(repeats: int):
    """Section 1: the 20-clause agreement against the peers; its agreement and usages, or None
    when an engine disagrees."""
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
            return None
    print(f"\n1. Per decision, 20-clause agreement ({sum(expected):,} of {len(expected):,} "
          "usages permitted; every engine agrees)")
    print("   each engine is given its own form of the usages, built before the timing")
    floor_time = show("hand-written if/elif",
                      per_call(found["hand-written if/elif"][1],
                               prepared["hand-written if/elif"][:2000], repeats))
    ours = show("contractdsl permits", per_call(found["contractdsl permits"][1], usages[:2000],
                                                repeats), reference=floor_time)
    target("at most 10x the floor", f"{ours / floor_time:.1f}x", ours <= 10 * floor_time)
    show("  and its reasons read", per_call(lambda u: contractdsl.permits(agreement, u).reasons,
                                            usages[:2000], repeats), reference=floor_time)
    for name, (_, decide) in found.items():
        if name not in ("hand-written if/elif", "contractdsl permits"):
            median = show(name, per_call(decide, prepared[name][:500], repeats),
                          reference=floor_time)
            print(f"  {'':<28} contractdsl is {median / ours:.1f}x faster than {name}")
            if name.startswith("cedarpy"):
                target("at least 20x faster than cedarpy", f"{median / ours:.1f}x",
                       median >= 20 * ours)
    return agreement, usages


def twitter_mix(twitter, repeats: int, generated_count: int) -> bool:
    """Section 2: the Microsoft usages, then the mix against the hand-written floor; False when
    the floor and contractdsl disagree on a usage."""
    published = twitter_rules.published()
    microsoft = [Usage.from_dict(f) for f in published]
    print("\n2. Twitter agreements (2022 and 2023 texts, Microsoft's app schedule)")
    print(f"   the {len(microsoft)} published Microsoft usages")
    show("contractdsl permits", per_call(lambda u: contractdsl.permits(twitter, u),
                                         microsoft * 20, repeats))
    show("  and its reasons read", per_call(lambda u: contractdsl.permits(twitter, u).reasons,
                                            microsoft * 20, repeats))

    fields = published + twitter_rules.mix(generated_count)
    usages = microsoft + [Usage.from_dict(f) for f in fields[len(microsoft):]]
    forms = [twitter_rules.floor_form(f) for f in fields]
    outcomes = {}
    for f, usage, form in zip(fields, usages, forms):
        try:
            ours = contractdsl.permits(twitter, usage).outcome
        except contractdsl.ContractError as error:
            ours = f"an error: {error}"
        floor_outcome = twitter_rules.floor(form)
        if ours != floor_outcome:
            print(f"the hand-written floor and contractdsl disagree on the usage {f}: "
                  f"floor {floor_outcome}, contractdsl {ours}; stopping")
            return False
        outcomes[ours] = outcomes.get(ours, 0) + 1
    straddled = [twitter_rules.straddled(f) for f in fields]
    crossing = [bool(changes) for changes in straddled]
    text = sum(twitter_rules.TEXT_2023 in changes for changes in straddled)
    say(f"a mix of {len(usages)} distinct usages, the {len(microsoft)} published and "
        f"{len(usages) - len(microsoft)} variants: {text} of them run over a period that "
        f"straddles the change of text on 2023-03-29, {sum(crossing) - text} more one that "
        "straddles only the change of clauses on 2023-04-29; "
        + ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items()))
        + "; the floor agrees on every one")
    floor_time = show("hand-written if/elif", per_call(twitter_rules.floor, forms * 20, repeats))
    ours = show("contractdsl permits", per_call(lambda u: contractdsl.permits(twitter, u),
                                                usages * 20, repeats), reference=floor_time)
    target("at most 5x the floor", f"{ours / floor_time:.1f}x", ours <= 5 * floor_time)
    show("  and its reasons read", per_call(lambda u: contractdsl.permits(twitter, u).reasons,
                                            usages * 20, repeats), reference=floor_time)
    across = [u for u, c in zip(usages, crossing) if c]
    within = [u for u, c in zip(usages, crossing) if not c]
    whole = show(f"  {len(within)} within a stretch",
                 per_call(lambda u: contractdsl.permits(twitter, u), within * 20, repeats))
    parts = show(f"  {len(across)} straddling a change",
                 per_call(lambda u: contractdsl.permits(twitter, u), across * 20, repeats))
    target("straddling at most 2x within", f"{parts / whole:.1f}x", parts <= 2 * whole)
    return True


def twitter_batch(twitter, batch: int) -> bool:
    """Section 3, second part: a batch whose every field is drawn independently; False when the
    floor and contractdsl disagree on a usage."""
    chunk = min(batch, 100_000)
    seconds, floor_seconds, combinations, outcomes = 0.0, 0.0, set(), {}
    for index in range(batch // chunk):
        fields = twitter_rules.batch(chunk, seed=index)
        combinations.update(hash(twitter_rules.terms(f)) for f in fields)
        usages = [Usage.from_dict(f) for f in fields]
        forms = [twitter_rules.floor_form(f) for f in fields]
        gc.collect()  # the collector's debt for the usages just made is not the batch's
        start = time.perf_counter()
        floor_outcomes = list(map(twitter_rules.floor, forms))
        floor_seconds += time.perf_counter() - start
        gc.collect()
        start = time.perf_counter()
        decisions = contractdsl.permits_many(twitter, usages)
        seconds += time.perf_counter() - start
        for f, decision, floor_outcome in zip(fields, decisions, floor_outcomes):
            if decision.outcome != floor_outcome:
                print(f"the hand-written floor and contractdsl disagree on the usage {f}: "
                      f"floor {floor_outcome}, contractdsl {decision.outcome}; stopping")
                return False
            outcomes[decision.outcome] = outcomes.get(decision.outcome, 0) + 1
    rate = batch / seconds
    say(f"the Twitter agreements, {batch:,} usages with every field drawn independently "
        f"({len(combinations):,} distinct combinations of terms; "
        + ", ".join(f"{n:,} {o}" for o, n in sorted(outcomes.items()))
        + "; the floor agrees on every one)")
    print(f"  {'hand-written if/elif':<28} {floor_seconds:10.2f} s, {batch / floor_seconds:,.0f} "
          "decisions per second")
    print(f"  {'permits_many':<28} {seconds:10.2f} s, {rate:,.0f} decisions per second"
          f"  {seconds / floor_seconds:8.1f}x floor")
    target("at least 200,000 per second", f"{rate:,.0f}", rate >= 200_000)
    complete_batch(chunk)
    return True


def complete_batch(count: int) -> None:
    """Section 3, third part: the first ``count`` usages of that batch on the complete Twitter
    library, whose texts ask questions a usage may leave open (no floor is written for it)."""
    complete = contractdsl.load(*sorted((ROOT / "agreements" / "twitter").glob("*.agreement")))
    usages = [Usage.from_dict(f) for f in twitter_rules.batch(count, seed=0)]
    gc.collect()
    start = time.perf_counter()
    decisions = contractdsl.permits_many(complete, usages)
    seconds = time.perf_counter() - start
    outcomes: dict[str, int] = {}
    for outcome in decisions.outcomes:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    say(f"the complete Twitter library (agreements/twitter: every text from 2020 to 2026 and "
        f"three app schedules), the first {count:,} usages of that batch; its texts ask "
        "questions a usage may leave open (whether the licensee is a government entity, "
        "standards), which the two texts above do not ("
        + ", ".join(f"{n:,} {o}" for o, n in sorted(outcomes.items())) + "; no floor)")
    print(f"  {'permits_many':<28} {seconds:10.2f} s, {count / seconds:,.0f} decisions per "
          "second")


def first_decision(runs: int) -> None:
    """Section 4: the first decision in a fresh process, against the floor's."""
    samples = fresh_process.measure(runs)
    library, condensed, hand = (samples[s] for s in fresh_process.SUBJECTS)
    print(f"\n4. First decision in a fresh process (medians over {runs} processes per line, "
          "time.perf_counter_ns)")
    show("import contractdsl", [t / 1e9 for t in library["import"]], 1e-3, "ms")
    show("load the Twitter agreements", [t / 1e9 for t in library["load"]], 1e-3, "ms")
    floor = statistics.median(hand["first"]) / 1e9
    first = show("first permits", [t / 1e9 for t in library["first"]], reference=floor)
    target("at most 20 µs after load", f"{first * 1e6:,.0f} µs", first <= 20e-6)
    show("second permits", [t / 1e9 for t in library["second"]],
         reference=statistics.median(hand["second"]) / 1e9)
    print(f"  {'':<28} (bytecode and parse cache from an earlier process;")
    print(f"  {'':<28} the second permits decides another usage)")
    fell = sum(1 for count in library["collections"] if count)
    print(f"  {'':<28} Python's collector ran inside the first permits in {fell} of {runs}")
    print(f"  {'':<28} processes (where its count stands after the load decides that)")
    show("first permits, condensed", [t / 1e9 for t in condensed["first"]], reference=floor)
    show("second permits, condensed", [t / 1e9 for t in condensed["second"]],
         reference=statistics.median(hand["second"]) / 1e9)
    show("first floor decision", [t / 1e9 for t in hand["first"]])
    show("second floor decision", [t / 1e9 for t in hand["second"]])
    say("The same two usages on the condensed Twitter texts the floor is written for "
        "(docs/examples/amendment), and by the hand-written floor in a process that has "
        "loaded the library as the first line's has: the fastest a first decision in a "
        "fresh Python process can be.")


def loading(repeats: int) -> None:
    """Section 5: cold and warm load of generated agreements, in processor time (other work
    on a shared machine slows the wall clock more), each load in a fresh process, as a command
    loads a file: in a process that has done other work first, when Python's collector runs
    and how much it scans depend on what that work left behind."""
    print("\n5. load (cold: no cache; warm: through the parse cache), processor time, each load "
          "in a fresh process")
    with tempfile.TemporaryDirectory() as folder:
        env = fresh_process.environment(CONTRACTDSL_CACHE_DIR=str(Path(folder) / "cache"))
        (Path(folder) / "warm-up.agreement").write_text(generated(3))
        for clauses in (50, 500, 5000, 10_000):
            path = Path(folder) / f"generated-{clauses}.agreement"
            path.write_text(generated(clauses))
            size = path.stat().st_size
            cold = [load_alone(path, "cold", env) for _ in range(repeats)]
            load_alone(path, "warm", env)  # fills the parse cache
            warm = [load_alone(path, "warm", env) for _ in range(repeats)]
            cold_time = show(f"cold, {clauses:,} clauses ({size / 1e6:.2f} MB)", cold, 1e-3, "ms")
            if clauses in LOAD_TARGETS:
                target(f"under {LOAD_TARGETS[clauses]} s", f"{cold_time:.2f} s",
                       cold_time < LOAD_TARGETS[clauses])
                # the peer: Lark's own parse of the same text, a tree and nothing more
                lark = [load_alone(path, "lark", env) for _ in range(repeats)]
                lark_time = show("  Lark's own parse, tree only", lark, 1e-3, "ms")
                print(f"  {'':<28} cold load takes {cold_time / lark_time:.2f}x Lark's own parse")
            warm_time = show(f"warm, {clauses:,} clauses", warm, 1e-3, "ms")
            if clauses == 500:
                target("under 20 ms", f"{warm_time * 1e3:.1f} ms", warm_time < 0.02)
            print(f"  {'':<28} parsing speed {size / statistics.median(cold) / 1e6:.2f} MB/s")


def load_alone(path: Path, mode: str, env: dict) -> float:
    """Seconds of processor time a fresh process takes to load ``path`` once it has imported
    what loading needs: ``mode`` "cold" without the parse cache, "warm" through it ("lark":
    Lark's own parse instead, see :func:`load_once`)."""
    result = subprocess.run([sys.executable, __file__, "--load-once", mode, str(path)], env=env,
                            capture_output=True, text=True, check=True)
    return float(result.stdout)


def load_once(mode: str, path: str) -> None:
    """The child of :func:`load_alone`: prints the processor time of one load, after loads of a
    small agreement, without the parse cache and through it, have done what a process does
    once (imports, the parser's tables, the cache's key). Mode "lark": of Lark's own parse of
    the text into a tree instead (its LALR loop and tree builder, the grammar configured as
    contractdsl configures it, source positions kept), after the parser is built and has
    parsed the small agreement: no model, no check, no lowering."""
    warm_up = Path(path).with_name("warm-up.agreement")
    if mode == "lark":
        from contractdsl.syntax.parser import build_uncached

        parser = build_uncached()
        parser.parse(warm_up.read_text(encoding="utf-8"))
        text = Path(path).read_text(encoding="utf-8")
        start = time.process_time()
        parser.parse(text)
        print(time.process_time() - start)
        return
    contractdsl.load(warm_up, cache=False)
    contractdsl.load(warm_up)
    start = time.process_time()
    contractdsl.load(path, cache=mode == "warm")
    print(time.process_time() - start)


LOAD_TARGETS = {500: 0.5, 10_000: 1.5}  # cold load, seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer repeats, fewer processes and smaller batches")
    parser.add_argument("--loading", action="store_true", help="only section 5, loading")
    parser.add_argument("--load-once", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load_once:
        load_once(*args.load_once)
        return 0
    repeats = 3 if args.quick else 7
    batch = 100_000 if args.quick else 1_000_000

    print(f"contractdsl {contractdsl.__version__} benchmarks, {dt.date.today()}, "
          f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"
          f"{load_average()}")
    gauge(repeats)
    if not args.loading and not deciding(args, repeats, batch):
        return 1
    loading(repeats)
    print(f"\nend of the run{load_average()}")
    return 0


def deciding(args, repeats: int, batch: int) -> bool:
    """Sections 1 to 4: decisions; false when an engine disagrees with contractdsl."""
    found = twenty_clauses(repeats)
    if found is None:
        return False
    agreement, usages = found

    twitter = contractdsl.load(*twitter_rules.AGREEMENTS)
    if not twitter_mix(twitter, repeats, generated_count=400):
        return False

    print("\n3. Batches, decided with permits_many")
    many = (usages * (batch // len(usages) + 1))[:batch]
    gc.collect()  # as for every batch: the objects the benchmark made are not the batch's
    start = time.perf_counter()
    decisions = contractdsl.permits_many(agreement, many)
    seconds = time.perf_counter() - start
    assert len(decisions) == batch
    del many, decisions
    say(f"the 20-clause agreement, {batch:,} usages")
    print(f"  {'permits_many':<28} {seconds:10.2f} s, {batch / seconds:,.0f} decisions per "
          "second")
    target("at least 500,000 per second", f"{batch / seconds:,.0f}", batch / seconds >= 500_000)
    if not twitter_batch(twitter, batch):
        return False

    first_decision(5 if args.quick else 15)
    return True


JSON_GRAMMAR = r"""
?value: dict | list | string | SIGNED_NUMBER -> number
      | "true" -> true | "false" -> false | "null" -> null
list: "[" [value ("," value)*] "]"
dict: "{" [pair ("," pair)*] "}"
pair: string ":" value
string: ESCAPED_STRING
%import common.ESCAPED_STRING
%import common.SIGNED_NUMBER
%import common.WS
%ignore WS
"""  # (the JSON parser of Lark's own tutorial)


def gauge(repeats: int) -> None:
    """Section 0: the machine's speed, measured on work that is not contractdsl's, so that the
    other sections' times can be compared between runs: Lark's LALR parse of a JSON text (the
    grammar of Lark's tutorial), and a loop of dictionary lookups written by hand."""
    import json

    import lark

    parser = lark.Lark(JSON_GRAMMAR, start="value", parser="lalr")
    rng = random.Random(0)
    text = json.dumps([{"name": f"item{i}", "values": [rng.random(), i, True, None],
                        "tag": "x" * 10} for i in range(2_000)], indent=1)
    parser.parse(text[:2_000].rpartition("},")[0] + "}]")
    samples = []
    for _ in range(repeats):
        start = time.process_time()
        parser.parse(text)
        samples.append(time.process_time() - start)
    megabytes = len(text) / 1e6
    print("\n0. This machine, on work that is not contractdsl's (processor time)")
    print(f"  {'Lark LALR, JSON grammar':<28} {megabytes / statistics.median(samples):10.2f} MB/s"
          f"  ({megabytes / max(samples):.2f}–{megabytes / min(samples):.2f}; "
          f"{megabytes:.2f} MB)")
    table = {f"k{i}": i for i in range(64)}
    keys = [f"k{rng.randrange(64)}" for _ in range(100_000)]

    def lookups(_) -> None:
        total = 0
        for key in keys:
            if key in table:
                total += table[key]

    show("a dict lookup in a loop", [t / len(keys) for t in
                                     per_call(lookups, [None], repeats, time.process_time)],
         1e-9, "ns")


def load_average() -> str:
    """The machine's load over the last minute, where the system tells: other work on a shared
    machine slows every measure."""
    return f"; load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""


if __name__ == "__main__":
    sys.exit(main())
