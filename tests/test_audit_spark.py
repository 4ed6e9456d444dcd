"""The audit on Spark: the same plan gives the same findings as on DuckDB (over generated
agreements and logs, and on the Microsoft example read from Parquet, CSV, JSON Lines and
Hive-partitioned folders), the same located errors for bad logs, and a clear error when
pyspark or java is missing. One local Spark session serves every test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

from hypothesis import HealthCheck, Phase, given, settings, strategies as st  # noqa: E402
from conftest import PACKAGE_PATH, examples  # noqa: E402

import contractdsl  # noqa: E402
from contractdsl.errors import ContractError  # noqa: E402
from contractdsl.strategies import agreements  # noqa: E402
from test_audit import BAD, EXAMPLE, ROOT, SPENDING, TWITTER  # noqa: E402
from contractdsl.audit.run import Auditor  # noqa: E402
from test_audit_input import EOL_ALIKE, LONG_CSV, LONG_SAID, MALFORMED_CSV, MIXED_EOL, \
    _long_json, long_csv  # noqa: E402
from test_audit_law import _bucketed, _log, _write, held, in_euros  # noqa: E402

try:
    import pyspark  # noqa: F401
except ImportError:
    pyspark = None
JAVA = shutil.which("java") or (os.environ.get("JAVA_HOME")
                                and Path(os.environ["JAVA_HOME"], "bin", "java").exists())
needs_spark = pytest.mark.skipif(pyspark is None or not JAVA,
                                 reason="the spark engine needs pyspark and java")


@pytest.fixture(scope="session")
def spark():
    """Local Spark on two threads with Spark's default heap (1 GiB): few shuffle partitions, no
    web page, and text files read in blocks of 32 KiB, so that numbering rows across a file's
    blocks is tested."""
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("contractdsl tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.files.maxPartitionBytes", "32768")
               .config("spark.sql.files.openCostInBytes", "0")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def agreement():
    return contractdsl.load(*TWITTER)


def _both(agreement, log, **options):
    """The audit on DuckDB, and its findings as JSON on DuckDB and on Spark."""
    duck = contractdsl.audit(agreement, log, **options)
    spark = contractdsl.audit(agreement, log, engine="spark", **options)
    return duck, duck.to_json(), spark.to_json()


@needs_spark
@settings(max_examples=examples(4), deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(st.data())
def test_duckdb_and_spark_give_identical_findings_on_generated_logs(spark, data):
    agreement = in_euros(held(data.draw(agreements(kinds=("permission", "prohibition", "limit",
                                                          "obligation")))),
                         data.draw(st.booleans(), label="spending"))
    program = contractdsl.compile(agreement)
    rows, units, facts = _log(data, agreement, program)
    with tempfile.TemporaryDirectory() as folder:
        log = _write(rows, units, Path(folder))
        _, duck, on_spark = _both(agreement, log, facts=facts)
        # and with every sliding limit's rows bucketed first (the bounds of buckets by as-of
        # joins on DuckDB, by window frames on Spark)
        with mock.patch.object(Auditor, "grid", _bucketed(3)):
            _, duck_bucketed, spark_bucketed = _both(agreement, log, facts=facts)
    assert on_spark == duck == duck_bucketed == spark_bucketed


def _example(folder: Path) -> list[Path]:
    """The Microsoft-like year, shrunk (1,560 rows), split by quarter into each of the formats
    a log may take: a Parquet file, a CSV file, a JSON Lines file and Hive-partitioned Parquet
    folders (a folder per month)."""
    import duckdb

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import gen_log
    finally:
        sys.path.pop(0)
    whole = gen_log.write(folder / "whole.parquet", 0.000002)
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    quarter = "FROM read_parquet('{}') WHERE quarter(time) = {}"
    connection.execute(f"COPY (SELECT * {quarter.format(whole, 1)}) TO "
                       f"'{folder / 'q1.parquet'}' (FORMAT parquet)")
    connection.execute(f"COPY (SELECT strftime(time, '%Y-%m-%dT%H:%M:%S.%fZ') AS time, "
                       f"* EXCLUDE (time) {quarter.format(whole, 2)}) TO "
                       f"'{folder / 'q2.csv'}' (FORMAT csv, HEADER)")
    connection.execute(f"COPY (SELECT strftime(time, '%Y-%m-%dT%H:%M:%S.%f+00:00') AS time, "
                       f"* EXCLUDE (time) {quarter.format(whole, 3)}) TO "
                       f"'{folder / 'q3.jsonl'}' (FORMAT json)")
    connection.execute(f"COPY (SELECT *, strftime(time, '%Y-%m') AS month "
                       f"{quarter.format(whole, 4)}) TO '{folder / 'q4'}' "
                       f"(FORMAT parquet, PARTITION_BY (month))")
    whole.unlink()
    return [folder / "q1.parquet", folder / "q2.csv", folder / "q3.jsonl", folder / "q4"]


@needs_spark
def test_the_microsoft_example_gives_identical_findings_from_every_kind_of_file(
        spark, agreement, tmp_path):
    logs = _example(tmp_path)
    found, duck, on_spark = _both(agreement, logs, facts=EXAMPLE / "facts.yaml")
    with mock.patch.object(Auditor, "grid", _bucketed(4)):
        _, duck_bucketed, spark_bucketed = _both(agreement, logs, facts=EXAMPLE / "facts.yaml")
    assert on_spark == duck == duck_bucketed == spark_bucketed
    assert found.rows == 1_560
    assert {b.app for b in found.breaches} == {"azure_logic_apps_for_fairfax",
                                              "microsoft_azure"}
    assert {w.clause for w in found.windows} >= {"tier elevated", "RL-v2"}
    # Elevated's cap counts per Project, which the log does not name: each app's rows are
    # summed alone, a lower bound of its Project's, and the rest is not judged
    assert {w.held_by for w in found.windows if w.clause == "tier elevated"} == {"project"}
    assert [(u.clause, u.column, u.per_app) for u in found.unjudged if u.column] == [
        ("tier elevated", "project", True)]
    assert {r.file for w in found.windows for r in (w.first_row, w.largest_row)} >= \
        {str(p) for p in logs[1:3]}


def _error(agreement, log, engine: str) -> str:
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log, engine=engine)
    return str(caught.value)


@needs_spark
@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_log_gives_the_same_located_error_on_spark(spark, agreement, case, tmp_path):
    name, text, expected = BAD[case]
    log = tmp_path / name
    log.write_text(text, encoding="utf-8")
    duck, on_spark = _error(agreement, log, "duckdb"), _error(agreement, log, "spark")
    if case == "corrupt parquet":  # the help line quotes each reader's own words
        duck, on_spark = duck.splitlines()[0], on_spark.splitlines()[0]
    assert on_spark == duck
    assert expected.split(": error: ")[-1] in on_spark


# CSV logs the check both engines share refuses: the file, where, what is said, how help begins
REFUSED_CSV = {
    **{case: (f"time,app,tool\n{rows}".encode(), line, 1, message,
              "every row of a CSV log has as many values as its header")
       for case, (rows, line, message) in MALFORMED_CSV.items()},
    **{case: (*found, "end every line of a CSV log alike") for case, found in MIXED_EOL.items()},
}


@needs_spark
@pytest.mark.parametrize("case", REFUSED_CSV)
def test_a_csv_log_refused_is_refused_at_its_line_on_spark(spark, agreement, case, tmp_path):
    data, line, column, message, help = REFUSED_CSV[case]
    log = tmp_path / "log.csv"
    log.write_bytes(data)
    on_spark = _error(agreement, log, "spark")
    assert on_spark == _error(agreement, log, "duckdb")
    assert on_spark.startswith(f"{log}:{line}:{column}: error: {message}\n{line} | ")
    assert f"\nhelp: {help}" in on_spark


@needs_spark
@pytest.mark.parametrize("case", EOL_ALIKE)
def test_a_csv_log_whose_lines_end_alike_gives_identical_findings_on_spark(spark, agreement,
                                                                          case, tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes(EOL_ALIKE[case])
    found, duck, on_spark = _both(agreement, log)
    assert on_spark == duck
    assert found.rows == 2


@needs_spark
def test_a_csv_log_with_a_value_across_lines_gives_identical_findings_on_spark(spark, agreement,
                                                                             tmp_path):
    log = tmp_path / "log.csv"
    log.write_text('time,app,action,purpose,note,posts\n'
                   '2022-01-05T10:00:00Z,microsoft_azure,read,analysis,"one, ""two""\nthree",7\n'
                   "\n2022-01-06T10:00:00Z,bing_pages,read,search_results_display,,5\n",
                   encoding="utf-8")
    found, duck, on_spark = _both(agreement, log)
    assert on_spark == duck
    assert (found.rows, {g.app for g in found.groups}) == (2, {"microsoft_azure", "bing_pages"})


@needs_spark
@pytest.mark.parametrize("case", [*LONG_CSV, "JSON Lines"])
def test_a_row_longer_than_duckdb_reads_by_default_is_judged_at_its_line_on_spark(
        spark, agreement, case, tmp_path):
    if case == "JSON Lines":
        log, line, column = tmp_path / "log.jsonl", 4, 101
        log.write_text(_long_json("x" * 17_000_000), encoding="utf-8")
    else:
        (data, line), column = long_csv(case, ""), 44
        log = tmp_path / "log.csv"
        log.write_bytes(data)
    message = _error(agreement, log, "spark")
    assert message == _error(agreement, log, "duckdb")
    assert message.startswith(f"{log}:{line}:{column}: error: row {line}, column `purpose`: "
                              f"{LONG_SAID}\n")


@needs_spark
def test_a_json_value_longer_than_jackson_reads_by_default_is_read_on_spark(
        spark, agreement, tmp_path):
    # (Jackson, which Spark reads JSON with, takes a value of at most 20,000,000 characters
    # unless told)
    log = tmp_path / "log.jsonl"
    log.write_text(_long_json("search_results_display", note=25_000_000), encoding="utf-8")
    found, duck, on_spark = _both(agreement, log)
    assert (found.rows, on_spark) == (5, duck)


@needs_spark
@pytest.mark.parametrize("columns", [
    "5::BIGINT AS time", "TIMESTAMP '2022-01-01 00:00:00' AS time",
    "1.5::DECIMAL(10,2) AS time", "TIMESTAMPTZ '2022-01-01 00:00:00+00' AS time, true AS posts"])
def test_a_wrongly_typed_parquet_column_gives_the_same_error_on_spark(spark, agreement, columns,
                                                                    tmp_path):
    import duckdb

    log = tmp_path / "log.parquet"
    duckdb.connect().execute(f"COPY (SELECT {columns}, 'bing_pages' AS app) TO '{log}' "
                             "(FORMAT parquet)")
    message = _error(agreement, log, "spark")
    assert message == _error(agreement, log, "duckdb")
    assert "error: row 1, column `" in message and "the column is of type" in message


@needs_spark
def test_a_bad_value_deep_in_a_text_file_is_found_at_its_line(spark, agreement, tmp_path):
    lines = ["time,app,posts"] + [f"2022-01-01T00:00:{i % 60:02d}Z,bing_pages,{i}"
                                  for i in range(3000)]
    lines[2345] = "2022-01-01T00:00:00Z,bing_pages,-5"
    lines[2901] = "2022-01-01 00:00Z,bing_pagez,1"
    log = tmp_path / "log.csv"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert log.stat().st_size > 3 * 32768  # read by Spark in several blocks
    message = _error(agreement, log, "spark")
    assert message == _error(agreement, log, "duckdb")
    assert message.startswith(f"{log}:2346:33: error: row 2346, column `posts`: `-5` is not")
    lines[2345] = lines[2344]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(agreement, log, "spark")
    assert message == _error(agreement, log, "duckdb")
    assert message.startswith(f"{log}:2902:19: error: row 2902, column `app`: unknown app")


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "contractdsl", "audit", *TWITTER, *args],
                          capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": PACKAGE_PATH, "PYTHONSAFEPATH": "1",
                               "PATH": os.environ["PATH"],
                               **(env or {})})


@needs_spark
def test_the_command_on_spark_says_one_error_and_nothing_of_spark_s_own(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("time,app\n2022-01-01T00:00:00Z,bing_pagez\n", encoding="utf-8")
    result = _cli("--log", str(log), "--engine", "spark", env={"SPARK_MASTER": "local[1]"})
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"{log}:2:22: error: row 2, column `app`: unknown app")
    assert result.stderr.count("error:") == 1 and "help: did you mean" in result.stderr
    assert "WARN" not in result.stderr and "Traceback" not in result.stderr


def test_without_pyspark_the_spark_engine_is_a_clear_error(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("time,app\n2022-01-01T00:00:00Z,bing_pages\n", encoding="utf-8")
    code = ("import sys; sys.modules['pyspark'] = None; from contractdsl.cli import main; "
            "sys.exit(main(sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, "audit", *TWITTER, "--log", str(log),
                             "--engine", "spark"], capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONPATH": PACKAGE_PATH, "PYTHONSAFEPATH": "1",
                                 "PATH": os.environ["PATH"]})
    assert result.returncode == 2
    assert result.stderr == ("error: the spark engine needs pyspark, which is not installed\n"
                             "help: install it with `pip install 'contractdsl[spark]'`\n")


@pytest.mark.skipif(pyspark is None, reason="pyspark is not installed")
def test_without_java_the_spark_engine_is_a_clear_error(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("time,app\n2022-01-01T00:00:00Z,bing_pages\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "contractdsl", "audit", *TWITTER, "--log",
                             str(log), "--engine", "spark"], capture_output=True, text=True,
                            cwd=ROOT, env={"PYTHONPATH": PACKAGE_PATH, "PYTHONSAFEPATH": "1",
                                           "PATH": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.startswith("error: the spark engine needs java, which was not found\n"
                                    "help: install a Java runtime")
    assert "Traceback" not in result.stderr


def _messages(folder):
    """A log of two bots' messages in two channels, six seconds of them."""
    rows = ["time,app,action,channel,messages"]
    for second in range(6):
        rows += [f"2024-06-03T10:00:0{second}Z,mod_bot,send,general,1",
                 f"2024-06-03T10:00:0{second}Z,greeter,send,gen|eral,2"]
    log = folder / "log.csv"
    log.write_text("\n".join(rows) + "\n")
    return log


@needs_spark
def test_a_compound_scope_gives_identical_findings_on_spark(spark, tmp_path):
    from test_scopes import APPS, OTHER, TEXT, load

    log = _messages(tmp_path)
    agreement = load(TEXT, APPS, OTHER)
    duck, on_duckdb, on_spark = _both(agreement, log)
    assert on_duckdb == on_spark
    # six messages a second apart are at most five in any 5 seconds; ten are over
    assert {w.key for w in duck.windows if w.clause == "2"} == {("greeter", "gen|eral")}


@needs_spark
def test_no_query_on_spark_reads_the_log_twice_however_many_kept_tables_it_reads(spark, tmp_path):
    """A table the audit keeps is kept as rows, not as the query that made it: each query
    Spark plans reads the log at most once. (Were a kept table its query, every query that
    read it would plan it again, with the tables it read in turn: a sliding limit's last
    queries read the log many times over, and their plans filled the driver's heap.)"""
    from test_scopes import APPS, OTHER, TEXT, load
    from contractdsl.audit.spark import Spark

    log = _messages(tmp_path)
    reads = []
    planned = Spark.sql

    def counted(self, query):
        frame = planned(self, query)
        reads.append(frame._jdf.queryExecution().analyzed().treeString().count("Relation ["))
        return frame

    with mock.patch.object(Spark, "sql", counted), \
            mock.patch.object(Auditor, "grid", _bucketed(5)):
        found = contractdsl.audit(load(TEXT, APPS, OTHER), log, engine="spark")
    assert {w.key for w in found.windows if w.clause == "2"} == {("greeter", "gen|eral")}
    assert len(reads) > 10 and max(reads) == 1


@needs_spark
def test_a_scope_holding_apps_without_its_column_gives_identical_findings_on_spark(spark,
                                                                                   tmp_path):
    from test_scopes import PROJECTS, project_log

    agreement = contractdsl.parse(PROJECTS, "terms.agreement")
    log = project_log(tmp_path)
    duck, on_duckdb, on_spark = _both(agreement, log)
    with mock.patch.object(Auditor, "grid", _bucketed(4)):
        _, duck_bucketed, spark_bucketed = _both(agreement, log)
    assert on_duckdb == on_spark == duck_bucketed == spark_bucketed
    # each app's rows counted alone, its Project's at least, on both engines
    assert sorted((w.clause, w.key, w.amount, w.held_by) for w in duck.windows) == [
        ("2", "search", 120, "project"), ("4", ("search", "c1"), 100, "project")]


@needs_spark
def test_each_apps_windows_in_every_scope_per_app_are_the_same_on_spark(spark, tmp_path):
    from test_audit_disclosure import BOTS, bots_log

    agreement = contractdsl.parse(BOTS, "bots.agreement")
    for project in (False, True):
        duck, on_duckdb, on_spark = _both(agreement, bots_log(tmp_path, project))
        assert on_duckdb == on_spark
        # `mod_bot`'s windows per app and channel, per channel and app and (without the
        # column of Projects) per the Project holding it; `greeter`'s none
        assert [(a.app, a.outcome, len(a.findings)) for a in duck.apps] == [
            ("greeter", "permitted", 0), ("mod_bot", "denied", 2 if project else 4)]


@needs_spark
def test_spending_in_another_currency_gives_identical_findings_on_spark(spark, tmp_path):
    terms = contractdsl.parse(SPENDING, "spending.agreement")
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,tier,amount,unit\n2024-07-01T10:00:00Z,bot,read,tier_1,50,USD\n"
                   "2024-07-02T10:00:00Z,bot,read,tier_1,50, EUR\n", encoding="utf-8")
    duck, as_json, on_spark = _both(terms, log)
    assert duck.outcome == "undetermined" and on_spark == as_json
