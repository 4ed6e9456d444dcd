"""Scaling: `python benchmarks/scaling.py [--sizes 1000,10000,100000]` prints time and peak memory
of the inputs that once grew faster than their size, at each size, and the ratio of each step.

Four inputs, each of N items:
1. an `under` chain: N actions, each under the one before, and a permission of the first
   (check, compile, a decision about the last, render);
2. N clauses that each name an undefined action (check: N problems reported);
3. one usage against N limits of its action (the decision and its explanation);
4. a file of N clauses, up to just under the 8 MiB limit (load from the file, compile, one
   decision and its explanation).

Linear growth shows as a time and memory ratio near the size ratio (10 for a tenfold step).
Time is processor time as a user's program has it (the fastest of three runs below 100,000
items), split into the part Python's cyclic garbage collector spent scanning the heap (timed by
a `gc` callback) and the rest, the library's own work. Nothing is asserted; the machine's noise
is the reader's to judge. Peak memory is traced by `tracemalloc` in a separate pass, as tracing
slows the code it measures.

With ``--instructions`` it counts instead the machine instructions each input's work takes,
under valgrind (``valgrind --tool=cachegrind --cache-sim=no``, some 30 times slower than the
work itself): a count that the machine's load, its caches and its memory do not change, so the
growth of the work itself shows without noise. Each count is that of a fresh process that runs
every input once on 10 items, makes the input of N items and does the work, less that of the
same process that only makes the input; the collector's work is counted with the rest.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import contractdsl  # noqa: E402
from contractdsl.limits import MAX_BYTES  # noqa: E402

HEAD = '''agreement "Scaling".
action use "use".
data d "data".
unit req "requests".
app a "App".
'''


def under_chain(n: int):
    text = HEAD + "".join(f'action a{i} "step {i}" under {f"a{i - 1}" if i else "use"}.\n'
                          for i in range(n)) + "clause 1: licensee may use.\n"

    def work():
        agreement = contractdsl.parse(text)
        contractdsl.check(agreement)
        decision = contractdsl.permits(agreement, {"app": "a", "action": f"a{n - 1}",
                                                   "date": "2024-01-01"})
        decision.explain()
        contractdsl.render(agreement)
    return work


def erroneous_clauses(n: int):
    text = HEAD + "".join(f"clause C{i}: licensee may missing{i}.\n" for i in range(n))

    def work():
        problems = contractdsl.check(contractdsl.parse(text))
        assert len(problems) == n
    return work


def many_limits(n: int):
    text = HEAD + "clause P: licensee may use.\n" + "".join(
        f"clause L{i}: licensee must not use more than {i + 1} req per day.\n" for i in range(n))
    agreement = contractdsl.parse(text)
    usage = {"app": "a", "date": "2024-01-01",
             "volume": [{"amount": n // 2, "unit": "req", "per": "day"}]}

    def work():
        program = contractdsl.compile(agreement)
        decision = contractdsl.permits(program, usage)
        decision.explain()
        program.runtime.clear()
    return work


def large_file(n: int):
    # a thousand facts at most, each read by many clauses: 100,000 clauses fit under 8 MiB
    clause = "clause C{i}: licensee must not use more than {i} req per day unless f{f}.\n"
    body = "".join(f'fact f{i} "fact {i}".\n' for i in range(min(n, 1000))) + \
        "".join(clause.format(i=i, f=i % 1000) for i in range(n))
    text = HEAD + "clause P: licensee may use.\n" + body
    folder = tempfile.mkdtemp(prefix="contractdsl-scaling-")
    path = Path(folder) / "large.agreement"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    usage = {"app": "a", "date": "2024-01-01",
             "volume": [{"amount": 3, "unit": "req", "per": "day"}]}

    def work():
        agreement = contractdsl.load(path, cache=False)
        decision = contractdsl.permits(agreement, usage)
        decision.explain()
    work.note = f"{size / 1024 / 1024:.1f} MiB" + (" (over the limit)" if size > MAX_BYTES else "")
    return work


CASES = {"under chain": under_chain, "erroneous clauses": erroneous_clauses,
         "usage against limits": many_limits, "file near the size limit": large_file}


def measure(make, n: int, repeats: int) -> tuple[float, float, float, str]:
    """Processor seconds of the run (the fastest of ``repeats``), the processor seconds Python's
    cyclic garbage collector spent in that run (timed by a callback at the start and end of
    each collection), and the peak traced memory in MiB."""
    best = None
    timing = {"start": 0.0, "collector": 0.0}

    def collecting(phase, info):
        if phase == "start":
            timing["start"] = time.process_time()
        else:
            timing["collector"] += time.process_time() - timing["start"]

    for _ in range(repeats):
        work = make(n)
        gc.collect()
        timing["collector"] = 0.0
        gc.callbacks.append(collecting)
        try:
            start = time.process_time()
            work()
            seconds = time.process_time() - start
        finally:
            gc.callbacks.remove(collecting)
        if best is None or seconds < best[0]:
            best = (seconds, timing["collector"])
    work = make(n)
    gc.collect()
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return best[0], best[1], peak, getattr(work, "note", "")


def instructions(case: str, n: int, work: bool) -> int:
    """The instructions of a fresh process under valgrind that runs every input on 10 items,
    then makes the input ``case`` of ``n`` items and (``work``) does its work."""
    found = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, __file__, "--child", case, "work" if work else "make", str(n)],
        capture_output=True, text=True, check=True)
    return int(re.search(r"I\s+refs:\s+([\d,]+)", found.stderr).group(1).replace(",", ""))


def child(case: str, mode: str, n: int) -> None:
    """What ``instructions`` counts, run in the process valgrind watches."""
    contractdsl.parse(HEAD)
    for make in CASES.values():
        make(10)()
    work = CASES[case](n)
    if mode == "work":
        work()


def counted(names, sizes) -> None:
    """Each input's work at each size in instructions, and the ratio of each step."""
    jobs = [(name, n, work) for name in names for n in sizes for work in (False, True)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        found = dict(zip(jobs, pool.map(lambda job: instructions(*job), jobs)))
    for name in names:
        print(f"\n{name}")
        print(f"  {'items':>8} {'instructions':>16} {'x':>6} {'per item':>10}")
        previous = None
        for n in sizes:
            count = found[name, n, True] - found[name, n, False]
            step = f"{count / previous:6.1f}" if previous else f"{'':6}"
            print(f"  {n:>8,} {count:>16,} {step} {count / n:>10,.0f}")
            previous = count


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        os.environ.setdefault("CONTRACTDSL_CACHE", "0")
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated item counts (default 1000,10000,100000)")
    parser.add_argument("--case", choices=sorted(CASES), action="append",
                        help="only this input (repeatable)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs per size below 100,000 items, the fastest kept (default 3; "
                             "one run from 100,000 on)")
    parser.add_argument("--instructions", action="store_true",
                        help="count the work's instructions under valgrind instead of timing it")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.environ.setdefault("CONTRACTDSL_CACHE", "0")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    if args.instructions:
        counted(args.case or list(CASES), sizes)
        return
    contractdsl.parse(HEAD)  # the parser is built once per process: not part of any measure
    for name in args.case or CASES:
        print(f"\n{name}")
        print(f"  {'items':>8} {'seconds':>9} {'x':>6} {'collector':>9} {'library':>9} {'x':>6} "
              f"{'peak MiB':>9} {'x':>6}")
        previous = None
        for n in sizes:
            seconds, collector, peak, note = measure(CASES[name], n,
                                                     args.repeats if n < 100_000 else 1)
            own = seconds - collector
            steps = [f"{now / before:6.1f}" if previous else f"{'':6}"
                     for now, before in zip((seconds, own, peak), previous or (1, 1, 1))]
            print(f"  {n:>8,} {seconds:9.2f} {steps[0]} {collector:9.2f} {own:9.2f} {steps[1]} "
                  f"{peak:9.1f} {steps[2]}  {note}", flush=True)
            previous = (seconds, own, peak)
    print("\nload average at the end: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
