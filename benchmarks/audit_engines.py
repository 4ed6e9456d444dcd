"""The audit of a generated Microsoft-like 2022 log on each engine, DuckDB and Spark (local,
or the master in SPARK_MASTER), on the same file: seconds and rows/s of each, Spark's start-up
apart, and whether the findings are the same.

    python benchmarks/audit_engines.py --rows 100000

Prints the numbers; nothing is asserted."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_log  # noqa: E402
from audit_bench import twitter  # noqa: E402

import contractdsl  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args(argv).rows
    print(f"load average at the start: {os.getloadavg()}")
    agreement, facts = twitter()
    with tempfile.TemporaryDirectory() as folder:
        path = gen_log.write(Path(folder) / "calls-2022.parquet", rows / gen_log.CALLS)
        print(f"wrote {rows:,} rows ({path.stat().st_size / 2**20:.1f} MiB)")
        start = time.perf_counter()
        from contractdsl.audit.spark import session

        session()  # Spark started (the JVM, the context): once per process
        print(f"spark start-up: {time.perf_counter() - start:.1f} s "
              f"(master {os.environ.get('SPARK_MASTER', 'local[*]')})")
        found = {}
        for engine in ("duckdb", "spark"):
            start = time.perf_counter()
            found[engine] = contractdsl.audit(agreement, path, facts=facts, engine=engine)
            seconds = time.perf_counter() - start
            print(f"{engine:>6}: {seconds:7.1f} s, {rows / seconds:,.0f} rows/s "
                  f"({len(found[engine].windows):,} windows over a limit)")
    same = found["duckdb"].to_json() == found["spark"].to_json()
    print(f"findings: {'the same' if same else 'DIFFERENT'}")
    print(f"load average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
