"""The audit of a generated Microsoft-like 2022 log against the Twitter agreement, against
statements written by hand for this agreement and log that find the same things: the way an
engineer writes them (``exact``: every window summed by a running total and an as-of join)
and by the audit's own algorithm (``hand``: buckets first, windows summed only where their
bounds cannot decide), and against a plain scan of the log summed per group of terms (what
any audit must at least do).

    python benchmarks/audit_bench.py --rows 10000000 [--runs 3] [--log calls.parquet]
    python benchmarks/audit_bench.py --log calls-2022/ --only audit   # a folder of files
    python benchmarks/audit_bench.py --log calls-2022.jsonl --only audit   # JSON Lines

Each is run in a process of its own, so that each one's peak memory (resident set) is its
own. Prints the rows, the findings each counts (they must agree), and for each the median
seconds, rows/s, processor seconds, the ratio to the plain scan, peak memory and the load
average before and after; nothing is asserted. With ``--log`` the log is kept there (written
first when it does not exist yet).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_log  # noqa: E402

import contractdsl  # noqa: E402

NOTICE = "2022-10-01 00:00:00+00"
UNAPPROVED = "NOT (app = 'bing_pages' AND purpose = 'search_results_display')"
GOVERNMENT = ("recipient IN ('government', 'law_enforcement') AND NOT "
              "(app = 'azure_logic_apps_for_fairfax' AND time >= TIMESTAMPTZ '{notice}')")
P = 10 ** 19  # a number and a row's place in the log, ranked as one number


def log_files(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(path.rglob("*.parquet"))


def log_sql(path: Path) -> str:
    """Every row of the log, numbered: its file, then its row in the file."""
    return " UNION ALL ".join(
        f"SELECT {i} * 1000000000000 + file_row_number + 1 AS loc, epoch_us(time) AS us, * "
        f"FROM read_parquet('{file}', file_row_number = true)"
        for i, file in enumerate(log_files(path)))


def sliding(name: str, rows: str, key: str, amount: str, window: int, allowance: int,
            origin: int, per: int | None) -> list[str]:
    """The statements, written by hand, that find a sliding limit's windows over it, its
    runs and its peak per key, by the audit's algorithm: the rows summed per bucket of
    ``window / per`` microseconds; the buckets whose bounds cannot decide them (or that may
    hold a peak) summed window by window (``per`` None: every window)."""
    if per is None:
        needed = f"""CREATE TEMP TABLE {name}_n AS SELECT {key} AS k, us, loc, {amount} AS a,
            true AS refine FROM ({rows})"""
        prelude = []
        tail = []
    else:
        w = window // per
        prelude = [f"""CREATE TEMP TABLE {name}_b AS SELECT {key} AS k, (us - {origin}) // {w} AS b,
            count(*) AS n, sum({amount}) AS s, min(us) AS lo, max(us) AS hi,
            sum(sum({amount})) OVER (PARTITION BY {key} ORDER BY b ROWS UNBOUNDED PRECEDING) AS c
            FROM ({rows}) GROUP BY k, b""",
                   f"""CREATE TEMP TABLE {name}_bb AS WITH
            r AS (SELECT s.*, e1.c AS c1, e2.c AS c2 FROM (SELECT *, b + {per - 1} AS r1,
                  b + {per} AS r2 FROM {name}_b) s
                  ASOF JOIN {name}_b e1 ON s.k = e1.k AND s.r1 >= e1.b
                  ASOF JOIN {name}_b e2 ON s.k = e2.k AND s.r2 >= e2.b),
            x AS (SELECT *, c1 - (c - s) AS aligned, c2 - (c - s) AS upper, c1 - c AS inner_
                  FROM r),
            y AS (SELECT *, inner_ > {allowance} AS all_, upper <= {allowance} AS none_,
                  max(aligned) OVER (PARTITION BY k) AS least FROM x),
            z AS (SELECT *, CASE WHEN lo - lag(hi) OVER (PARTITION BY k, all_ ORDER BY b)
                  < {window} THEN 0 ELSE 1 END AS fresh FROM y),
            z2 AS (SELECT *, sum(fresh) OVER (PARTITION BY k, all_ ORDER BY b
                   ROWS UNBOUNDED PRECEDING) AS seg FROM z),
            z3 AS (SELECT *, max(aligned) OVER (PARTITION BY k, all_, seg) AS segmax FROM z2)
            SELECT k, b, n, lo, hi, all_, (NOT all_ AND NOT none_) OR upper >= least
                   OR (all_ AND upper >= segmax) AS refine FROM z3"""]
        needed = f"""CREATE TEMP TABLE {name}_n AS
            WITH f AS (SELECT k, b AS from_b FROM {name}_bb WHERE refine),
            w AS (SELECT bb.k, bb.b, bb.refine FROM {name}_bb bb
                  ASOF JOIN f ON bb.k = f.k AND bb.b >= f.from_b WHERE bb.b - f.from_b <= {per})
            SELECT l.k, l.us, l.loc, l.a, w.refine FROM (SELECT {key} AS k, us, loc,
                   {amount} AS a, (us - {origin}) // {w} AS b FROM ({rows})) l
            JOIN w ON l.k = w.k AND l.b = w.b"""
        tail = [f"""INSERT INTO {name}_s SELECT k, b, NULL, n, lo, hi FROM {name}_bb
            WHERE all_ AND NOT refine"""]
    w = window // (per or 2)
    return [*prelude, needed,
            f"""CREATE TEMP TABLE {name}_t AS SELECT k, us, count(*) AS calls, sum(a) AS a,
            max(refine::int) AS refine,
            sum(sum(a)) OVER (PARTITION BY k ORDER BY us ROWS UNBOUNDED PRECEDING) AS after
            FROM {name}_n GROUP BY k, us""",
            f"""CREATE TEMP TABLE {name}_s AS SELECT k, (start - {origin}) // {w} AS b,
            max({{'total': total, 'after': -start}}) AS peak,
            coalesce(sum(calls) FILTER (total > {allowance}), 0) AS over_,
            min(start) FILTER (total > {allowance}) AS first,
            max(start) FILTER (total > {allowance}) AS last
            FROM (SELECT s.k, s.us AS start, s.calls, e.after - (s.after - s.a) AS total
                  FROM (SELECT *, us + {window - 1} AS reach FROM {name}_t WHERE refine = 1) s
                  ASOF JOIN {name}_t e ON s.k = e.k AND s.reach >= e.us) GROUP BY ALL""",
            *tail,
            f"""CREATE TEMP TABLE {name}_r AS SELECT k, min(first) AS first, max(last) AS last,
            sum(over_) AS calls, max(peak) AS peak FROM (
                SELECT *, sum(fresh) OVER (PARTITION BY k ORDER BY first
                                           ROWS UNBOUNDED PRECEDING) AS run
                FROM (SELECT *, CASE WHEN first - lag(last) OVER (PARTITION BY k
                      ORDER BY first) < {window} THEN 0 ELSE 1 END AS fresh
                      FROM {name}_s WHERE over_ > 0)) GROUP BY k, run""",
            f"""CREATE TEMP TABLE {name}_l AS SELECT r.k, -r.peak.after AS start,
            min(n.us::HUGEINT * {P} + n.loc) AS first_row,
            max(n.a::HUGEINT * {P} + ({P - 1} - n.loc)) AS largest_row
            FROM {name}_r r JOIN {name}_n n ON r.k = n.k AND n.us >= -r.peak.after
            AND n.us < -r.peak.after + {window} GROUP BY ALL""",
            f"""CREATE TEMP TABLE {name}_p AS SELECT k, max(peak) AS peak FROM {name}_s
            GROUP BY k"""]


def monthly(log: str) -> str:
    """The groups of terms per month: each month's rows, first row, posts and requests, and
    its largest row in posts (its place and amount ranked as one number, its time)."""
    return f"""CREATE TEMP TABLE g AS SELECT app, action, purpose, recipient, tier,
        date_trunc('month', time) AS month, count(*) AS n, min(us::HUGEINT * {P} + loc)
        AS first_row, sum(posts) AS posts, sum(requests) AS requests,
        max(posts::HUGEINT * {P} + ({P - 1} - loc)) AS largest,
        arg_max(us, posts::HUGEINT * {P} + ({P - 1} - loc)) AS largest_us
        FROM ({log}) GROUP BY ALL"""


def hand_statements(path: Path, rows: int) -> list[str]:
    """The findings of the Twitter agreement on a Microsoft-like log, by statements written
    by hand for them, by the audit's algorithm."""
    log = f"SELECT * FROM ({log_sql(path)})"
    origin = 1640995200000000  # 2022-01-01, a multiple of 15 minutes and of a day
    # the rows of the busiest app (40% of them) in a window of 15 minutes: buckets of about
    # the square root of that, halved (the audit's rule)
    busiest = 0.4 * rows * 900 / (365 * 86400)
    per = max(2, min(math.ceil(math.sqrt(busiest) / 2), 8_000_000 * 900 // (7 * 365 * 86400)))
    per = next(n for n in range(per, 1, -1) if 900_000_000 % n == 0)
    return [
        monthly(log),
        *sliding("rl", f"{log} WHERE action = 'read'", "app", "requests", 900_000_000, 450,
                 origin, per if rows > 2_000_000 else None),
        *sliding("dp7", f"{log} WHERE action = 'share'", '"user"', "posts", 86_400_000_000,
                 50_000, origin, None),
        FINDINGS]


def exact_statements(path: Path) -> list[str]:
    """The same findings by the statements an engineer writes for them by hand: every
    window summed exactly (a running total per key over the distinct times, and an as-of
    join to the last time within a window of each), runs of windows over the allowance,
    peaks, and the first and largest rows of each run's largest window."""
    log = f"SELECT * FROM ({log_sql(path)})"

    def windows(name, rows, key, amount, window, allowance):
        return [
            f"""CREATE TEMP TABLE {name} AS SELECT {key} AS k, us, count(*) AS n,
            sum({amount}) AS a, sum(sum({amount})) OVER (PARTITION BY {key} ORDER BY us
            ROWS UNBOUNDED PRECEDING) AS c FROM ({rows}) GROUP BY {key}, us""",
            f"""CREATE TEMP TABLE {name}_w AS SELECT s.k, s.us, s.n, e.c - (s.c - s.a) AS total
            FROM (SELECT *, us + {window - 1} AS reach FROM {name}) s
            ASOF JOIN {name} e ON s.k = e.k AND s.reach >= e.us""",
            f"""CREATE TEMP TABLE {name}_r AS SELECT k, min(us) AS first, max(us) AS last,
            sum(n) AS calls, max({{'total': total, 'after': -us}}) AS peak FROM (
                SELECT *, sum(fresh) OVER (PARTITION BY k ORDER BY us
                                           ROWS UNBOUNDED PRECEDING) AS run
                FROM (SELECT *, CASE WHEN us - lag(us) OVER (PARTITION BY k ORDER BY us)
                      < {window} THEN 0 ELSE 1 END AS fresh
                      FROM {name}_w WHERE total > {allowance})) GROUP BY k, run""",
            f"""CREATE TEMP TABLE {name}_p AS SELECT k, max({{'total': total, 'after': -us}})
            AS peak FROM {name}_w GROUP BY k""",
            f"""CREATE TEMP TABLE {name}_l AS SELECT r.k, -r.peak.after AS start,
            min(l.us::HUGEINT * {P} + l.loc) AS first_row,
            max(l.{amount}::HUGEINT * {P} + ({P - 1} - l.loc)) AS largest_row
            FROM {name}_r r JOIN ({rows}) l ON r.k = l.{key} AND l.us >= -r.peak.after
            AND l.us < -r.peak.after + {window} GROUP BY ALL"""]

    return [
        monthly(log),
        *windows("rl", f"{log} WHERE action = 'read'", "app", "requests", 900_000_000, 450),
        *windows("dp7", f"{log} WHERE action = 'share'", '"user"', "posts", 86_400_000_000,
                 50_000),
        FINDINGS]


FINDINGS = f"""SELECT
    (SELECT count(*) FROM (SELECT app, month FROM g WHERE action = 'read'
     GROUP BY ALL HAVING sum(posts) > 2000000)),
    (SELECT count(*) FROM rl_r), (SELECT count(*) FROM dp7_r),
    (SELECT count(DISTINCT app) FROM (SELECT app, recipient, month FROM g
     WHERE action = 'share' AND recipient IN ('government', 'law_enforcement')
     AND NOT (app = 'azure_logic_apps_for_fairfax' AND month >= TIMESTAMPTZ '{NOTICE}'))),
    (SELECT count(DISTINCT app) FROM g WHERE action = 'read' AND {UNAPPROVED}),
    (SELECT sum(calls) FROM rl_r), (SELECT sum(peak.total) FROM rl_p),
    (SELECT count(*) FROM rl_l)"""


SPILL = []  # the temporary folder each connection spills to, removed when the process ends


def connect():
    """A DuckDB connection as the audit has it: UTC, 3 GB of memory, spilling to a temporary
    folder of its own (removed with the process, by :func:`child`)."""
    import duckdb

    SPILL.append(tempfile.TemporaryDirectory(prefix="audit-bench-"))
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("SET memory_limit = '3GB'")
    connection.execute(f"SET temp_directory = '{SPILL[-1].name}'")
    connection.execute("SET asof_loop_join_threshold = 0")
    connection.execute("SET enable_progress_bar = false")
    return connection


def by_hand(path: Path) -> tuple:
    connection = connect()
    rows = connection.execute(f"SELECT count(*) FROM ({log_sql(path)})").fetchone()[0]
    *statements, last = hand_statements(path, rows)
    for statement in statements:
        connection.execute(statement)
    return connection.execute(last).fetchone()


def exactly(path: Path) -> tuple:
    """The findings by the statements an engineer writes by hand (every window summed)."""
    connection = connect()
    *statements, last = exact_statements(path)
    for statement in statements:
        connection.execute(statement)
    return connection.execute(last).fetchone()


def floor(path: Path) -> tuple:
    """A plain scan of the log summed per group of terms: what any audit must at least do."""
    return connect().execute(
        f"SELECT count(*), sum(n) FROM (SELECT app, action, purpose, recipient, tier, "
        f"count(*) AS n, sum(posts), sum(requests) FROM ({log_sql(path)}) GROUP BY ALL)"
    ).fetchone()


def audited(agreement, path: Path, facts: Path) -> tuple:
    found = contractdsl.audit(agreement, path, facts=facts)
    count = {}
    for window in found.windows:
        count[window.clause] = count.get(window.clause, 0) + 1
    unapproved = {g.app for g in found.groups if g.action == "read"
                  and any(r["effect"] == "no-permission" for r in g.reasons)}
    rate = [w for w in found.windows if w.clause == "RL-v2"]
    return (count.get("tier elevated", 0), count.get("RL-v2", 0), count.get("DP-3.7", 0),
            len({b.app for b in found.breaches}), len(unapproved),
            sum(w.calls for w in rate) if rate else None,
            int(sum(p.amount for p in found.peaks if p.clause == "RL-v2")), len(rate))


def twitter():
    """The Twitter agreement and the facts of the example (the notice of 2022-10-01)."""
    agreement = contractdsl.load(*sorted((ROOT / "agreements" / "twitter").glob("*.agreement")))
    return agreement, ROOT / "agreements" / "twitter" / "audit-2022" / "facts.yaml"


KINDS = {"floor": "a plain scan summed per group of terms (the floor)",
         "exact": "by hand, as an engineer writes it (every window summed)",
         "hand": "by hand, by the audit's algorithm (buckets first)",
         "audit": "contractdsl audit"}


def child(kind: str, path: Path) -> int:
    """Run one of them once in this process: print its seconds, processor seconds, findings
    and peak memory."""
    agreement, facts = twitter()
    start, used = time.perf_counter(), _processor()
    try:
        found = {"floor": floor, "hand": by_hand, "exact": exactly}[kind](path) \
            if kind != "audit" else audited(agreement, path, facts)
    finally:
        while SPILL:  # the connection is left to the collector; its folder goes now
            SPILL.pop().cleanup()
    seconds, processor = time.perf_counter() - start, _processor() - used
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "processor": processor, "findings": list(found),
                      "peak": peak}))
    return 0


def _processor() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(kind: str, path: Path, runs: int) -> dict:
    """The median seconds of ``runs`` runs, each in a process of its own, the processor
    seconds of that run, the findings, the largest peak memory (bytes) and the load average
    before and after."""
    results, load = [], [os.getloadavg()[0]]
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "--child", kind, "--log", str(path)],
                             check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    load.append(os.getloadavg()[0])
    middle = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]
    return {**middle, "findings": tuple(middle["findings"]),
            "peak": max(r["peak"] for r in results), "load": load}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--log", type=Path, help="where the log is (written if missing): a "
                        "Parquet file or a folder of them, or (`.jsonl`) a JSON Lines file for "
                        "`--only audit`")
    parser.add_argument("--only", nargs="+", choices=KINDS, default=["floor", "exact", "hand", "audit"],
                        help="what to time (default: all)")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.log)
    print(f"load average at the start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as folder:
        path = args.log or Path(folder) / "calls-2022.parquet"
        if not path.exists():
            start = time.perf_counter()
            gen_log.write(path, args.rows / gen_log.CALLS)
            print(f"wrote {args.rows:,} rows in {time.perf_counter() - start:.1f} s")
        rows = duckdb_rows(path)
        size = sum(f.stat().st_size for f in log_files(path))
        print(f"the log: {rows:,} rows, {size / 2**20:,.0f} MiB in {len(log_files(path))} "
              f"file(s)")
        timings = {kind: timed(kind, path, args.runs) for kind in args.only}
    base = timings.get("floor")
    print("findings (tier months over, RL-v2 runs, DP-3.7 runs, apps sharing before notice, "
          "apps reading without an approved use case, calls starting RL-v2 windows over, "
          "RL-v2 peaks summed, RL-v2 windows located):")
    for kind in ("hand", "exact", "audit"):
        if kind in timings:
            print(f"  {kind:6} {timings[kind]['findings']}")
    print(f"{'':62} seconds   rows/s  processor s  x floor  peak MiB  load")
    for kind, t in timings.items():
        ratio = f"{t['seconds'] / base['seconds']:7.1f}" if base else "      -"
        print(f"{KINDS[kind]:62} {t['seconds']:7.1f} {rows / t['seconds']:9,.0f} "
              f"{t['processor']:11.1f} {ratio}  {t['peak'] / 2**20:8,.0f}  "
              f"{t['load'][0]:.1f}-{t['load'][1]:.1f}")
    for kind in ("exact", "hand"):
        if kind in timings and "audit" in timings:
            print(f"the audit at {timings[kind]['seconds'] / timings['audit']['seconds']:.2f} "
                  f"of the speed of {KINDS[kind]}")
    print(f"load average at the end: {os.getloadavg()}")
    return 0


def duckdb_rows(path: Path) -> int:
    import duckdb

    files = "[" + ", ".join(f"'{f}'" for f in log_files(path)) + "]"
    reader = "read_ndjson_objects" if path.suffix == ".jsonl" else "read_parquet"
    return duckdb.connect().execute(f"SELECT count(*) FROM {reader}({files})").fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
