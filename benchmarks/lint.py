"""Lint of a generated agreement: `python benchmarks/lint.py [--clauses 1000] [--repeats 5]`.

The agreement has a vocabulary of a real agreement's size (actions, data, purposes and
recipients in hierarchies, facts, duties, units, apps) and N clauses of every kind:
permissions, prohibitions with exceptions and conditions, limits, obligations with deadlines.
It is parsed, checked and compiled once (not timed), then linted ``--repeats`` times with every
rule; the median, the range and each rule's share are printed, beside the target of 2 s for
1,000 clauses. Nothing is asserted; the machine's noise is the reader's to judge.

With ``--limits``, the agreement is instead that of `benchmarks/run.py`'s loading benchmark: a
small vocabulary and N clauses, a third of them limits of one unit, all in force together
(many pairs of limits for rule CD108 to compare).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import contractdsl  # noqa: E402
from contractdsl.analysis.lint import RULES  # noqa: E402
from contractdsl.analysis.lint.context import Linted  # noqa: E402
from timing import show, target  # noqa: E402


def vocabulary(rng: random.Random) -> tuple[str, dict[str, list[str]]]:
    """The head of the agreement and its names by kind."""
    names = {"action": ["use"], "data": ["content"], "purpose": [], "recipient": [],
             "fact": [], "duty": [], "app": []}
    lines = ['agreement "Generated" version "1".', 'licensor "Licensor".',
             'licensee "Developer".', "effective 2024-01-01.", "terminates 2030-12-31.",
             'action use "use".', 'data content "content".']
    for kind, parent, count in (("action", "use", 30), ("data", "content", 20),
                                ("purpose", None, 30), ("recipient", None, 15)):
        for i in range(count):
            name = f"{kind[:3]}{i}"
            above = names[kind][rng.randrange(len(names[kind]))] if names[kind] else parent
            under = f" under {above}" if above else ""
            lines.append(f'{kind} {name} "{kind} {i}"{under}.')
            names[kind].append(name)
    for i in range(10):
        lines.append(f'fact f{i} "fact {i}".')
        names["fact"].append(f"f{i}")
    for i in range(5):
        lines.append(f'duty d{i} "duty {i}" shown by f{i}.')
        names["duty"].append(f"d{i}")
    lines += ['unit requests "requests".', 'unit items "items".']
    for i in range(5):
        approved = ", ".join(rng.sample(names["purpose"], 3))
        lines.append(f'app app{i} "App {i}" approved for {approved} labelled production.')
        names["app"].append(f"app{i}")
    return "\n".join(lines) + "\n", names


def clauses(rng: random.Random, names: dict[str, list[str]], count: int) -> str:
    pick = rng.choice
    out, permissions = [], []
    for i in range(count):
        roll = rng.random()
        ident = f"C{i}"
        when = f" when {pick(names['fact'])}" if rng.random() < 0.3 else ""
        if roll < 0.4:
            recipients = f" with {pick(names['recipient'])}" if rng.random() < 0.3 else ""
            purpose = f" for {pick(names['purpose'])}" if rng.random() < 0.6 else ""
            proviso = f"\n    provided licensee must {pick(names['duty'])} before " \
                f"{pick(names['action'])}" if rng.random() < 0.1 else ""
            out.append(f"clause {ident}:\n  licensee may {pick(names['action'])} "
                       f"{pick(names['data'])}{purpose}{recipients}{when}{proviso}.")
            permissions.append(ident)
        elif roll < 0.7:
            purpose = f" for {pick(names['purpose'])}" if rng.random() < 0.5 else ""
            unless = f" unless {pick(names['fact'])}" if rng.random() < 0.3 else ""
            excepted = f"\n    except as permitted by {pick(permissions)}" \
                if permissions and rng.random() < 0.3 else ""
            out.append(f"clause {ident}:\n  licensee must not {pick(names['action'])} "
                       f"{pick(names['data'])}{purpose}{when}{unless}{excepted}.")
        elif roll < 0.85:
            window = pick(("minute", "hour", "day", "15 minutes", "calendar month"))
            scope = pick(("", " per app", " per user"))
            out.append(f"clause {ident}:\n  licensee must not {pick(names['action'])} more than "
                       f"{rng.randrange(10, 100_000):,} {pick(('requests', 'items'))} per "
                       f"{window}{scope}{when}.")
        else:
            deadline = pick((f" within {rng.randrange(1, 60)} days after "
                             f"{pick(names['fact'])}", f" before {pick(names['action'])}",
                             " by 2031-06-30", ""))
            survives = " survives 1 year" if rng.random() < 0.5 else ""
            out.append(f"clause {ident}{survives}:\n  licensee must {pick(names['duty'])}"
                       f"{deadline}{when}.")
    return "\n\n".join(out) + "\n"


def generated(count: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    head, names = vocabulary(rng)
    return head + "\n" + clauses(rng, names, count)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clauses", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limits", action="store_true",
                        help="lint the loading benchmark's agreement, a third of it limits")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.2f}")
    if args.limits:
        import run

        text = run.generated(args.clauses)
    else:
        text = generated(args.clauses, args.seed)
    agreement = contractdsl.parse(text, "generated.agreement")
    problems = [d for d in contractdsl.check(agreement) if d.severity == "error"]
    if problems:
        raise SystemExit(f"the generated agreement has errors: {problems[0]}")
    contractdsl.compile(agreement)
    samples, found = [], []
    per_rule: dict[str, list[float]] = {code: [] for code in RULES}
    for _ in range(args.repeats):
        start = time.perf_counter()
        found = contractdsl.lint(agreement)
        samples.append(time.perf_counter() - start)
        linted = Linted(agreement)
        for code, module in RULES.items():
            begun = time.perf_counter()
            list(module.check(linted))
            per_rule[code].append(time.perf_counter() - begun)
    print(f"lint of {args.clauses:,} clauses ({len(text):,} characters): {len(found)} "
          "finding(s) " + str({c: sum(f.code == c for f in found) for c in RULES}))
    median = show("every rule", samples, 1.0, "s")
    for code, times in per_rule.items():
        show(f"  {code} {RULES[code].RULE.name}", times, 1.0, "s")
    if args.clauses == 1000 and not args.limits:
        target("< 2 s", f"{median:.2f} s", median < 2)
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
