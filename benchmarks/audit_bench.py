"""The audit of a generated Microsoft-like 2022 log against the Twitter agreement, against a
DuckDB query written by hand for this agreement that finds the same windows over a limit and
the same shares before notice, on the same file.

    python benchmarks/audit_bench.py --rows 10000000 [--runs 3] [--log calls.parquet]

Each is run in a process of its own, so that each one's peak memory (resident set) is its
own. Prints the rows, the median seconds and rows/s of each, their ratio, the findings each
counts (they must agree) and each one's peak memory; nothing is asserted. With ``--log`` the
log is kept there (written first when the file does not exist yet).
"""

from __future__ import annotations

import argparse
import json
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
HAND = """
WITH log AS (SELECT *, epoch_us(time) AS us FROM read_parquet('{path}')),
tier AS (
    SELECT count(*) AS n FROM (
        SELECT app, date_trunc('month', time) AS m, sum(posts) AS total FROM log
        WHERE action = 'read' GROUP BY ALL HAVING sum(posts) > 2000000)),
rate_points AS (
    SELECT app AS k, us, sum(requests) AS a FROM log WHERE action = 'read' GROUP BY ALL),
user_points AS (
    SELECT "user" AS k, us, sum(posts) AS a FROM log WHERE action = 'share' GROUP BY ALL),
rate_cum AS (SELECT *, sum(a) OVER (PARTITION BY k ORDER BY us ROWS UNBOUNDED PRECEDING) AS c
             FROM rate_points),
user_cum AS (SELECT *, sum(a) OVER (PARTITION BY k ORDER BY us ROWS UNBOUNDED PRECEDING) AS c
             FROM user_points),
rate AS (SELECT e.k, e.us, b.c - (e.c - e.a) AS total FROM
         (SELECT *, us + 899999999 AS reach FROM rate_cum) e
         ASOF JOIN rate_cum b ON e.k = b.k AND e.reach >= b.us),
per_user AS (SELECT e.k, e.us, b.c - (e.c - e.a) AS total FROM
             (SELECT *, us + 86399999999 AS reach FROM user_cum) e
             ASOF JOIN user_cum b ON e.k = b.k AND e.reach >= b.us),
rate_runs AS (
    SELECT coalesce(sum(fresh), 0) AS n FROM (
        SELECT CASE WHEN us - lag(us) OVER (PARTITION BY k ORDER BY us) < 900000000
               THEN 0 ELSE 1 END AS fresh FROM rate WHERE total > 450)),
user_runs AS (
    SELECT coalesce(sum(fresh), 0) AS n FROM (
        SELECT CASE WHEN us - lag(us) OVER (PARTITION BY k ORDER BY us) < 86400000000
               THEN 0 ELSE 1 END AS fresh FROM per_user WHERE total > 50000)),
shares AS (
    SELECT count(DISTINCT app) AS n FROM log
    WHERE action = 'share' AND recipient IN ('government', 'law_enforcement')
      AND NOT (app = 'azure_logic_apps_for_fairfax' AND time >= TIMESTAMPTZ '{notice}')),
unapproved AS (
    SELECT count(DISTINCT app) AS n FROM log WHERE action = 'read'
      AND NOT (app = 'bing_pages' AND purpose = 'search_results_display'))
SELECT (SELECT n FROM tier), (SELECT n FROM rate_runs), (SELECT n FROM user_runs),
       (SELECT n FROM shares), (SELECT n FROM unapproved)
"""


def by_hand(path: Path) -> tuple:
    import duckdb

    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    return connection.execute(HAND.format(path=path, notice=NOTICE)).fetchone()


def audited(agreement, path: Path, facts: Path) -> tuple:
    found = contractdsl.audit(agreement, path, facts=facts)
    count = {}
    for window in found.windows:
        count[window.clause] = count.get(window.clause, 0) + 1
    unapproved = {g.app for g in found.groups if g.action == "read"
                  and any(r["effect"] == "no-permission" for r in g.reasons)}
    return (count.get("tier elevated", 0), count.get("RL-v2", 0), count.get("DP-3.7", 0),
            len({b.app for b in found.breaches}), len(unapproved))


def twitter():
    """The Twitter agreement and the facts of the example (the notice of 2022-10-01)."""
    agreement = contractdsl.load(*sorted((ROOT / "agreements" / "twitter").glob("*.agreement")))
    return agreement, ROOT / "agreements" / "twitter" / "audit-2022" / "facts.yaml"


def child(kind: str, path: Path) -> int:
    """Run one of them once in this process: print its seconds, findings and peak memory."""
    agreement, facts = twitter()
    start = time.perf_counter()
    found = by_hand(path) if kind == "hand" else audited(agreement, path, facts)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "findings": list(found), "peak": peak}))
    return 0


def timed(kind: str, path: Path, runs: int) -> tuple[float, tuple, int]:
    """The median seconds of ``runs`` runs, each in a process of its own, the findings and
    the largest peak memory (bytes)."""
    seconds, found, peak = [], None, 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "--child", kind, "--log", str(path)],
                             check=True, capture_output=True, text=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        seconds.append(result["seconds"])
        found, peak = tuple(result["findings"]), max(peak, result["peak"])
    return statistics.median(seconds), found, peak


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--log", type=Path, help="where the log is (written if missing)")
    parser.add_argument("--child", choices=("hand", "audit"), help=argparse.SUPPRESS)
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
        print(f"the log: {rows:,} rows, {path.stat().st_size / 2**20:,.0f} MiB")
        hand_s, hand, hand_peak = timed("hand", path, args.runs)
        audit_s, found, audit_peak = timed("audit", path, args.runs)
    print("findings (tier months over, RL-v2 runs, DP-3.7 runs, apps sharing before notice, "
          "apps reading without an approved use case):")
    print(f"  by hand:   {hand}")
    print(f"  the audit: {found}{'' if hand == found else '  (DIFFERENT)'}")
    print(f"hand-written DuckDB: {hand_s:.2f} s, {rows / hand_s:,.0f} rows/s, "
          f"peak memory {hand_peak / 2**20:,.0f} MiB")
    print(f"contractdsl audit:   {audit_s:.2f} s, {rows / audit_s:,.0f} rows/s "
          f"({hand_s / audit_s:.2f} of the hand-written query's speed), "
          f"peak memory {audit_peak / 2**20:,.0f} MiB")
    print(f"load average at the end: {os.getloadavg()}")
    return 0


def duckdb_rows(path: Path) -> int:
    import duckdb

    return duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
