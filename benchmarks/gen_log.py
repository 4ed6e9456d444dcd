"""A Microsoft-like year of calls to the Twitter API (2022) as a Parquet log, for `contractdsl audit`.

Eight apps (the schedule agreements/twitter/microsoft-apps.agreement), their purposes, shares
with government entities, 780 million calls carrying about 26 billion posts. ``--scale``
shrinks the number of rows, not the year: at scale 0.0001 each of the 78,000 rows is a batch of
10,000 calls, so the totals (and the allegations they support) stay those of the full year.
Rows are made by DuckDB from a hash of the row number: the same arguments write the same log.

    python benchmarks/gen_log.py --scale 0.00001 -o calls-2022.parquet
    python benchmarks/gen_log.py --scale 0.01 --hive -o calls-2022/   # a folder per month
    python benchmarks/gen_log.py --scale 0.005 -o calls-2022.jsonl    # JSON Lines
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import tempfile
from pathlib import Path

CALLS = 780_000_000
# app, action, purpose, share of the calls (per 1,000)
APPS = (
    ("bing_pages", "read", "search_results_display", 400),
    ("bing_pages_2", "read", "search_results_display", 200),
    ("microsoft_azure", "read", "analysis", 100),
    ("microsoft_power_platform", "read", "analysis", 80),
    ("microsoft_ads", "read", "advertising", 80),
    ("microsoft_global_ads", "read", "advertising", 60),
    ("azure_logic_apps_for_fairfax", "read", "analysis", 40),
    ("xbox_one_social", "write", "posting_on_behalf_of_users", 40),
)
# apps that pass some of what they read on to government entities (per 1,000 of their rows)
SHARES = {"azure_logic_apps_for_fairfax": ("government", 50),
          "microsoft_azure": ("law_enforcement", 10)}
YEAR_US = 365 * 86_400 * 1_000_000


def query(scale: float, seed: int = 2022, month: int | None = None) -> str:
    """The SQL that makes the log's rows (with ``month``, those of that month of 2022 only)."""
    rows = max(len(APPS), round(CALLS * scale))
    calls = max(1, round(CALLS / rows))
    cases, low = [], 0
    for app, action, purpose, weight in APPS:
        cases.append((low, low + weight, app, action, purpose))
        low += weight
    pick = lambda column: "CASE " + " ".join(  # noqa: E731
        f"WHEN b < {hi} THEN '{values}'" for lo, hi, *rest in cases
        for values in [rest[("app", "action", "purpose").index(column)]]) + " END"
    share = " ".join(f"WHEN app = '{app}' AND s < {per} THEN '{recipient}'"
                     for app, (recipient, per) in SHARES.items())
    return f"""
        WITH timed AS (SELECT i, hash(i, {seed}) % {YEAR_US} AS t FROM range({rows}) r(i)),
        kept AS (
            SELECT i, t, hash(i, {seed} + 1) % 1000 AS b, hash(i, {seed} + 2) % 1000 AS s,
                   hash(i, {seed} + 3) % 27 AS p, hash(i, {seed} + 4) % 5000 AS u
            FROM timed {within(month)}),
        picked AS (
            SELECT *, {pick("app")} AS app, {pick("action")} AS action0,
                   {pick("purpose")} AS purpose FROM kept),
        shared AS (SELECT *, CASE {share} END AS recipient FROM picked)
        SELECT TIMESTAMPTZ '2022-01-01 00:00:00+00' + to_microseconds(t::BIGINT) AS time,
               app, CASE WHEN recipient IS NULL THEN action0 ELSE 'share' END AS action,
               purpose, recipient, 'elevated' AS tier,
               {calls}::BIGINT AS requests, ({calls} * (20 + p))::BIGINT AS posts,
               CASE WHEN recipient IS NULL THEN NULL ELSE 'user' || u END AS user,
               CASE WHEN recipient IS NOT NULL THEN NULL WHEN action0 = 'read'
                    THEN 'recent_search' WHEN action0 = 'write' THEN 'create_post' END
                   AS endpoint,
               CASE WHEN recipient IS NULL THEN NULL ELSE recipient || '_' || (u % 7) END
                   AS "recipient entity"
        FROM shared ORDER BY time"""


def within(month: int | None) -> str:
    """The condition on the offset ``t`` (microseconds into 2022) that keeps one month."""
    if month is None:
        return ""
    start = (_dt.date(2022, month, 1) - _dt.date(2022, 1, 1)).days * 86_400_000_000
    end = YEAR_US if month == 12 else \
        (_dt.date(2022, month + 1, 1) - _dt.date(2022, 1, 1)).days * 86_400_000_000
    return f"WHERE t >= {start} AND t < {end}"


def write(output: str | Path, scale: float, hive: bool = False, seed: int = 2022) -> Path:
    """Write the log (a Parquet file, or with ``hive`` a folder per month, written a month at a
    time so that only a month is ever sorted; each month's pass makes only the times of the
    rows it skips; a JSON Lines file where ``output`` ends in `.jsonl`) and return it."""
    import duckdb

    output = Path(output)
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    spill = tempfile.TemporaryDirectory(prefix="gen-log-")  # a large log is sorted on disk
    connection.execute("SET memory_limit = '3GB'")
    connection.execute(f"SET temp_directory = '{spill.name}'")
    if hive:
        for month in range(1, 13):
            folder = output / f"month=2022-{month:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            connection.execute(f"COPY ({query(scale, seed, month)}) TO "
                               f"'{folder / 'data_0.parquet'}' (FORMAT parquet)")
    else:
        kind = "json" if output.suffix == ".jsonl" else "parquet"
        connection.execute(f"COPY ({query(scale, seed)}) TO '{output}' (FORMAT {kind})")
    connection.close()
    spill.cleanup()
    return output


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="rows as a share of the 780 million calls (default 1)")
    parser.add_argument("--hive", action="store_true", help="a folder per month (month=...)")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("-o", "--output", default="calls-2022.parquet")
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1:
        parser.error("--scale is a share of the year's calls, more than 0 and at most 1")
    path = write(args.output, args.scale, args.hive, args.seed)
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
