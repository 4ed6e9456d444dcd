"""The Twitter diff: `python benchmarks/diff_twitter.py [--repeats 5]` prints the median time of
`contractdsl.diff` between the 2022 and 2023 texts of the condensed Twitter amendment
(docs/examples/amendment; each read with Microsoft's schedule, the 2023 text as the 2022 one's
successor, compared from 2023-03-29, the day the 2023 text takes effect), from agreements
already loaded but compiled afresh each time, with the regions found and the target of 2 s
beside it.

Also timed apart: the enumeration of the usage space alone (every cell of every period, each
judged under both texts), and the command line end to end in a fresh process. Nothing is
asserted; the machine's noise is the reader's to judge.

`--generated` times instead the diff of a generated agreement of 400 purposes and 80
recipients (a permission for every other purpose, a prohibition on sharing with each recipient
unless for one purpose) against a copy in which one prohibition names another purpose: 129,600
cells of usages in one period, each to be judged unless the rules that may meet it are the same
in both texts (`--purposes` and `--recipients` change its size; `--write DIR` writes the pair).
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


def generated_pair(purposes: int = 400, recipients: int = 80) -> tuple[str, str]:
    """A generated agreement and a copy of it in which the prohibition on sharing with the
    eighth recipient is lifted for another purpose."""
    def text(changed: bool) -> str:
        lines = ['agreement "Generated" version "1".', 'licensor "Licensor".',
                 'licensee "Developer".', "effective 2024-01-01.", 'action use "use".',
                 'action read "read" under use.', 'action share "share" under use.',
                 'data content "content".', 'data posts "posts" under content.',
                 'fact written_approval "written approval".',
                 'fact user_consent "user consent".']
        lines += [f'purpose q{i} "p{i}".' for i in range(purposes)]
        lines += [f'recipient s{i} "r{i}".' for i in range(recipients)]
        lines += [f"clause P-{i}: licensee may use content for q{i}."
                  for i in range(0, purposes, 2)]
        for i in range(recipients):
            purpose = (i * 5 + (1 if changed and i == 7 else 0)) % purposes
            lines.append(f"clause R-{i}: licensee must not share content with s{i} "
                         f"unless purpose is q{purpose}.")
        lines.append("clause W: licensee must not share posts unless written_approval.")
        return "\n".join(lines) + "\n"

    return text(False), text(True)


def generated(args) -> None:
    """The diff of the generated pair: in process (from agreements loaded, compiled afresh
    each time) and by the command line in a fresh process."""
    import tempfile

    import contractdsl

    old_text, new_text = generated_pair(args.purposes, args.recipients)
    folder = Path(args.write or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / "old.agreement", folder / "new.agreement"]
    for path, text in zip(files, (old_text, new_text)):
        path.write_text(text)
    print(f"Generated diff, {args.purposes} purposes and {args.recipients} recipients "
          f"({len(old_text.encode()):,} bytes a text; seconds, median (min–max))")
    samples, found = [], None
    for _ in range(args.repeats):
        old, new = (contractdsl.load(path, cache=False) for path in files)
        start = time.perf_counter()
        found = contractdsl.diff(old, new)
        samples.append(time.perf_counter() - start)
    show("contractdsl.diff", samples, unit=1, label="s")
    print(f"  {'':<28} {len(found.changes)} regions, "
          f"{sum(len(c.cells) for c in found.changes)} cells in them")
    samples = []
    command = [sys.executable, "-m", "contractdsl", "diff", *map(str, files), "--quiet"]
    for _ in range(args.repeats):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
    show("contractdsl diff (process)", samples, unit=1, label="s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--generated", action="store_true",
                        help="time the diff of a generated pair instead")
    parser.add_argument("--purposes", type=int, default=400)
    parser.add_argument("--recipients", type=int, default=80)
    parser.add_argument("--write", metavar="DIR", help="write the generated pair there")
    args = parser.parse_args()
    if args.generated:
        generated(args)
        return
    import contractdsl
    from contractdsl.analysis import space as usage_space
    from contractdsl.analysis.diff import succession

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
        # (the new text as the diff judges it: read with the old one, where it succeeds it)
        programs = (contractdsl.compile(old), contractdsl.compile(succession(old, new) or new))
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
