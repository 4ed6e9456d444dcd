"""Rendering a large agreement: `python benchmarks/render_large.py [--clauses 50000]
[--repeats 3] [--format markdown]` prints the median time of `render` of a generated agreement
of that many clauses (the generator of `benchmarks/run.py --loading`: permissions with a
condition, prohibitions with an exception, limits), loaded once, each pass in a new call:
the wall's time and the processor's, which the machine's other work disturbs less. Nothing is
asserted; the machine's noise is the reader's to judge.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import generated  # noqa: E402
from timing import show  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--format", default="markdown", choices=("markdown", "html", "text"))
    args = parser.parse_args()
    import contractdsl
    from contractdsl.prose.render import render

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.agreement"
        path.write_text(generated(args.clauses))
        agreement = contractdsl.load(path, cache=False)
        print(f"render of {args.clauses:,} clauses ({path.stat().st_size:,} bytes) as "
              f"{args.format} (seconds, median (min–max))")
    walls, processors, size = [], [], 0
    for _ in range(args.repeats):
        wall, processor = time.perf_counter(), time.process_time()
        size = len(render(agreement, format=args.format))
        walls.append(time.perf_counter() - wall)
        processors.append(time.process_time() - processor)
    show("render (wall)", walls, unit=1, label="s")
    show("render (processor)", processors, unit=1, label="s")
    print(f"  {'':<28} {size:,} characters")


if __name__ == "__main__":
    main()
