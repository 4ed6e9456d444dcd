"""The Twitter diff: `python benchmarks/diff_twitter.py [--repeats 5]` prints the median time of
`contractdsl.diff` between the 2022 and 2023 texts of the condensed Twitter amendment
(docs/examples/amendment; each read with Microsoft's schedule,
compared from 2023-03-29, the day the 2023 text takes effect), from agreements already loaded
but compiled afresh each time, with the regions found and the target of 2 s beside it.

Also timed apart: the enumeration of the usage space alone (every cell of every period, each
judged under both texts), and the command line end to end in a fresh process. Nothing is
asserted; the machine's noise is the reader's to judge.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import show, target  # noqa: E402

TWITTER = ROOT / "docs" / "examples" / "amendment"
FILES = sorted(TWITTER.glob("*.agreement"))


def fresh_versions():
    """The two versions, as agreements not yet compiled."""
    import contractdsl
    from contractdsl.analysis.diff import version
    from contractdsl.model import Agreement

    twitter = contractdsl.load(*FILES)
    return tuple(Agreement(documents=version(twitter, name).documents)
                 for name in ("2022-10-10", "2023-03-29"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    import contractdsl
    from contractdsl.analysis import space as usage_space

    print("Twitter diff, 2022-10-10 -> 2023-03-29 (seconds, median (min–max))")
    samples, found = [], None
    for _ in range(args.repeats):
        old, new = fresh_versions()
        start = time.perf_counter()
        found = contractdsl.diff(old, new)
        samples.append(time.perf_counter() - start)
    median = show("contractdsl.diff", samples, unit=1, label="s")
    print(f"  {'':<28} {len(found.changes)} regions, {sum(c.narrows for c in found.changes)} "
          f"narrowing, {sum(len(c.cells) for c in found.changes)} cells in them")
    target("under 2 s", f"{median:.2f} s", median < 2)

    samples, cells = [], 0
    for _ in range(args.repeats):
        old, new = fresh_versions()
        programs = (contractdsl.compile(old), contractdsl.compile(new))
        start = time.perf_counter()
        universe = usage_space.space(*programs, since=found.since)
        cells = 0
        for period in universe.periods:
            for cell in universe.cells(period):
                usage = cell.example()
                for program, index in zip(programs, period.stretches):
                    usage_space.judgement(program, index, usage)
                cells += 1
        samples.append(time.perf_counter() - start)
    show(f"space: {cells} cells judged", samples, unit=1, label="s")

    samples = []
    command = [sys.executable, "-m", "contractdsl", "diff", *map(str, FILES), "--versions",
               "2022-10-10", "2023-03-29", "--quiet"]
    for _ in range(args.repeats):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
    show("contractdsl diff (process)", samples, unit=1, label="s")


if __name__ == "__main__":
    main()
