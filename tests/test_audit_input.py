"""Bad input to `contractdsl audit` beyond a bad value in a log (see test_audit.py): facts and
column mappings that are not UTF-8, a JSON Lines row the reader refuses part way through, times
that leave the calendar once in UTC or have no offset a clock has, an output path that is a
folder, and files that are not there. Each stops the audit with one located error and a
`help:` line, exit status 2, and writes nothing."""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

import contractdsl  # noqa: E402
from contractdsl.errors import ContractError  # noqa: E402
from contractdsl.usage import COMMA_HELP  # noqa: E402
from conftest import PACKAGE_PATH  # noqa: E402
from test_audit import LAPSING, TWITTER, _cli, _write  # noqa: E402

OK_LOG = "time,app\n2022-01-05T10:00:00Z,microsoft_azure\n"


def _refused(result, *expected: str) -> str:
    """One error, with a `help:` line, exit status 2: no traceback, no internal error."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.count("error:") == 1, result.stderr
    assert "\nhelp: " in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def agreement():
    return contractdsl.load(*TWITTER)


def test_a_facts_file_that_is_not_utf8_says_so_at_its_line(tmp_path):
    log = _write(tmp_path / "log.csv", OK_LOG)
    facts = tmp_path / "facts.yaml"
    facts.write_bytes(b"- {fact: licensor_notified, at: 2022-01-01}\n\xc8\x01\n")
    out = tmp_path / "out.json"
    stderr = _refused(_cli(*TWITTER, "--log", str(log), "--facts", str(facts), "-o", str(out)),
                      f"{facts}:2:1: error: the file is not UTF-8 text")
    assert "save the file as UTF-8" in stderr
    assert not out.exists()


def test_a_column_mapping_file_that_writes_a_field_twice_is_refused_at_the_second(tmp_path):
    log = _write(tmp_path / "log.csv", "ts,at,app\n2022-01-05T10:00:00Z,x,microsoft_azure\n")
    columns = _write(tmp_path / "columns.yaml", "time: ts\napp: app\ntime: at\n")
    out = tmp_path / "out.json"
    stderr = _refused(_cli(*TWITTER, "--log", str(log), "--map", str(columns), "-o", str(out)),
                      f"{columns}:3:1: error: the key `time` is written twice in one mapping "
                      "(first at line 1)", "3 | time: at")
    assert "help: a field is written once" in stderr
    assert not out.exists()


def test_a_column_mapping_file_that_is_not_utf8_says_so(tmp_path):
    log = _write(tmp_path / "log.csv", OK_LOG)
    columns = tmp_path / "columns.yaml"
    columns.write_bytes(b"time: \xc8\x01\n")
    _refused(_cli(*TWITTER, "--log", str(log), "--map", str(columns)),
             f"{columns}:1:7: error: the file is not UTF-8 text")


def test_a_column_mapping_file_that_is_not_yaml_says_so(tmp_path):
    log = _write(tmp_path / "log.csv", OK_LOG)
    columns = _write(tmp_path / "columns.yaml", "app: client\ntime: '\n")
    _refused(_cli(*TWITTER, "--log", str(log), "--map", str(columns)),
             f"{columns}:2:7: error: cannot read the column mapping: this quoted text is never "
             "closed", "2 | time: '", "help: close it with the quote it opens with")


@pytest.mark.parametrize("text, where, message, help", [
    ("time: ts\napp: 2023\n", "2:6", "the column of `app` must be a name, not `2023`",
     'YAML reads `2023` as a number: put a name in quotes, such as `"2023"`'),
    ("time: 1_7\n", "1:7", "the column of `time` must be a name, not `17`",
     'YAML reads `1_7` as a number: put a name in quotes, such as `"1_7"`'),
    ("time: 017\n", "1:7", "cannot read the column mapping: `017` would be read as 15, a "
     "number in octal, for its leading zero", "write the number without the leading zero, "
     'such as `17`, or a text in quotes, such as `"017"`'),
    ("app: yes\n", "1:6", "the column of `app` must be a name, not a boolean (`true`)",
     'YAML reads `yes`, `no`, `on`, `off`, `true` and `false` as booleans: put a name in '
     'quotes, such as `"yes"`'),
    ("app: ~\n", "1:6", "the column of `app` must be a name, not `null`",
     'YAML reads `~` as null: put a name in quotes, such as `"~"`'),
    ("time: ts\n2023: app\n", "2:1", "a field of the column mapping must be a name, not `2023`",
     'YAML reads `2023` as a number: put a name in quotes, such as `"2023"`'),
    ("time: ts\ntrue: app\n", "2:1",
     "a field of the column mapping must be a name, not a boolean (`true`)",
     'YAML reads `yes`, `no`, `on`, `off`, `true` and `false` as booleans: put a name in '
     'quotes, such as `"true"`'),
    ("null: ts\n", "1:1", "a field of the column mapping must be a name, not `null`",
     'YAML reads `null` as null: put a name in quotes, such as `"null"`'),
    ("time:\n", "1:6", "the column of `time` must be a name, not `null`",
     "map each field to the name of one column, e.g. `time: ts`"),
    ("time: ''\n", "1:7", "the column of `time` must be a name, not an empty text",
     "map each field to the name of one column, e.g. `time: ts`"),
    ("time: [ts, at]\n", "1:7", "the column of `time` must be a name, not a list",
     "map each field to the name of one column, e.g. `time: ts`"),
    ("time:\n  column: ts\n", "2:3", "the column of `time` must be a name, not a mapping",
     "map each field to the name of one column, e.g. `time: ts`"),
])
def test_a_column_mapping_file_maps_names_alone_and_says_where_it_does_not(tmp_path, text, where,
                                                                           message, help):
    # (a number, a boolean or null was taken as a name, or refused without its place)
    log = _write(tmp_path / "log.csv", OK_LOG)
    columns = _write(tmp_path / "columns.yaml", text)
    stderr = _refused(_cli(*TWITTER, "--log", str(log), "--map", str(columns)),
                      f"{columns}:{where}: error: {message}\n", f"\nhelp: {help}")
    assert stderr.count("help:") == 1


def test_a_column_named_as_a_date_is_read_as_written(tmp_path):
    from contractdsl.audit.source import mapping

    columns = _write(tmp_path / "columns.yaml", "time: 2023-01-01\napp: 2023-01-01 10:00\n")
    assert mapping(str(columns)) == {"time": "2023-01-01", "app": "2023-01-01 10:00"}
    log = _write(tmp_path / "log.csv", OK_LOG)
    _refused(_cli(*TWITTER, "--log", str(log), "--map", str(columns)),
             f"{log}:1:1: error: the log has no column `2023-01-01` (the column mapped to "
             "`time`)")


@pytest.mark.parametrize("line", [1, 2])
def test_a_json_lines_row_with_a_key_twice_is_an_error_at_its_row(tmp_path, line):
    good = '{"time": "2022-01-05T10:00:00Z", "app": "microsoft_azure"}\n'
    bad = '{"time": "2022-01-05T10:00:00Z", "time": "2022-01-06T10:00:00Z", "app": ' \
          '"microsoft_azure"}\n'
    log = _write(tmp_path / "log.jsonl", good * (line - 1) + bad + good)
    out = tmp_path / "out.json"
    stderr = _refused(_cli(*TWITTER, "--log", str(log), "-o", str(out)),
                      f"{log}:{line}:1: error: `{log}` is not a readable JSON Lines file",
                      "duplicate key")
    assert f"{line} | {bad.strip()}" in stderr
    assert not out.exists()


@pytest.mark.parametrize("time", ["0001-01-01T00:00:00+05:00", "0001-01-01 04:59:59.999999+05",
                                  "9999-12-31T23:59:59-05:00", "9999-12-31T23:30-0030"])
def test_a_time_outside_the_calendar_in_utc_is_a_bad_date_at_its_row(tmp_path, time):
    log = _write(tmp_path / "log.csv", f"time,app\n2022-01-05T10:00:00Z,microsoft_azure\n"
                 f"{time},microsoft_azure\n")
    stderr = _refused(_cli(*TWITTER, "--log", str(log)),
                      f"{log}:3:1: error: row 3, column `time`: `{time}` is outside the "
                      "calendar in UTC",
                      "help: dates run from 0001-01-01 to 9999-12-31 (UTC)")
    assert f"3 | {time},microsoft_azure" in stderr


def test_a_time_outside_the_calendar_is_the_usage_files_bad_date(tmp_path, agreement):
    log = _write(tmp_path / "log.csv", "time,app\n9999-12-31T23:59:59-05:00,microsoft_azure\n")
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log)
    (found,) = caught.value.diagnostics
    assert (found.line, found.column, found.code) == (2, 1, "bad-date")


@pytest.mark.parametrize("time", ["2022-02-03T00:00:00+99:00", "2022-02-03T00:00:00+24:00",
                                  "2022-02-03T00:00:00-2400", "2022-02-03T00:00:00+05:60",
                                  "2022-02-03T00:00+30"])
def test_an_offset_no_clock_has_is_a_bad_date_at_its_row(tmp_path, time):
    log = _write(tmp_path / "log.csv", f"time,app\n{time},microsoft_azure\n")
    _refused(_cli(*TWITTER, "--log", str(log)),
             f"{log}:2:1: error: row 2, column `time`: `{time}` has the offset `",
             "which is not from `-23:59` to `+23:59`",
             "help: write the offset from UTC in hours and minutes")


@pytest.mark.parametrize("time", ["2022-02-03T00:00:00+23:59", "2022-02-03T00:00:00-23:59",
                                  "2022-02-03T00:00:00+19:00", "2022-02-03T00:00:00-1830",
                                  "2022-02-03T00:00+05", "2022-02-03 00:00:00.25-00:01",
                                  "2022-02-03T00:00:00Z", "0001-01-01T05:00:00+05:00",
                                  "9999-12-31T18:59:59.999999-05:00"])
def test_an_offset_up_to_23_59_is_read_as_a_usage_file_reads_it(tmp_path, agreement, time):
    log = _write(tmp_path / "log.csv", f"time,app\n{time},microsoft_azure\n")
    found = contractdsl.audit(agreement, log)
    expected = _dt.datetime.fromisoformat(time).astimezone(_dt.timezone.utc)
    assert found.first == found.last == expected


def test_a_fact_dated_with_an_offset_no_clock_has_is_refused_at_its_line(tmp_path):
    log = _write(tmp_path / "log.csv", OK_LOG)
    facts = _write(tmp_path / "facts.yaml",
                   "- {fact: licensor_notified, at: 2022-01-01T00:00:00+05:60}\n")
    _refused(_cli(*TWITTER, "--log", str(log), "--facts", str(facts)),
             f"{facts}:1:33: error: `2022-01-01T00:00:00+05:60` has the offset `+05:60`, "
             "which is not from `-23:59` to `+23:59`",
             "help: write the offset from UTC in hours and minutes")


def test_times_near_the_end_of_the_calendar_are_audited_without_a_fault(tmp_path, agreement):
    rows = "".join(f"{time},bing_pages,read,search_results_display,1000,u,recent_search\n"
                   for time in ("9999-12-01T10:00:00Z", "9999-12-31T23:50:00Z",
                                "9999-12-31T23:59:59Z"))
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,requests,user,endpoint\n"
                 + rows)
    found = contractdsl.audit(agreement, log)
    assert found.windows and all(w.end <= _dt.datetime.max.replace(tzinfo=_dt.timezone.utc)
                                 for w in found.windows)
    json.loads(found.to_json())
    found.to_text()


def test_an_output_that_is_a_folder_is_named_and_nothing_is_written(tmp_path):
    log = _write(tmp_path / "log.csv", OK_LOG)
    folder = tmp_path / "out"
    folder.mkdir()
    stderr = _refused(_cli(*TWITTER, "--log", str(log), "-o", str(folder)),
                      f"error: `{folder}` is a folder")
    assert ".audit-" not in stderr
    assert list(folder.iterdir()) == [] and sorted(tmp_path.iterdir()) == [log, folder]


def test_a_log_or_facts_file_that_is_not_there_says_so_with_help(tmp_path):
    log = _write(tmp_path / "log.csv", OK_LOG)
    stderr = _refused(_cli(*TWITTER, "--log", str(tmp_path / "nowhere.csv")), "nowhere.csv")
    assert "directory" not in stderr
    stderr = _refused(_cli(*TWITTER, "--log", str(log), "--facts",
                           str(tmp_path / "nowhere.yaml")), "nowhere.yaml")
    assert "directory" not in stderr


def test_a_fact_that_is_not_a_name_is_said_as_the_file_writes_it(tmp_path):
    log = _write(tmp_path / "log.csv", OK_LOG)
    facts = _write(tmp_path / "facts.yaml", "- {fact: [licensor_notified], at: 2022-01-01}\n")
    stderr = _refused(_cli(*TWITTER, "--log", str(log), "--facts", str(facts)),
                      f"{facts}:1:10: error: `fact` must be a name, not a list")
    assert "`0`" not in stderr and "['" not in stderr


@pytest.mark.parametrize("entry, message, help", [
    ("{fact: yes, at: 2022-01-01}", ":1:10: error: `fact` must be a name, not a boolean (`true`)",
     "YAML reads `yes`, `no`, `on`, `off`, `true` and `false` as booleans: put a name in "
     'quotes, such as `"yes"`'),
    ("{fact: ~, at: 2022-01-01}", ":1:10: error: `fact` must be a name, not `null`",
     'YAML reads `~` as null: put a name in quotes, such as `"~"`'),
    ("{fact: 7, at: 2022-01-01}", ":1:10: error: `fact` must be a name, not `7`",
     'YAML reads `7` as a number: put a name in quotes, such as `"7"`'),
    ("{fact: licensor_notified, at: 2022-01-01, app: 2.5}",
     ":1:50: error: `app` must be a name, not `2.5`",
     'YAML reads `2.5` as a number: put a name in quotes, such as `"2.5"`'),
    ("{fact: licensor_notified, at: [2022-01-01]}",
     ":1:33: error: a list is not a date or a date-time", None),
])
def test_a_fact_of_the_wrong_kind_is_said_in_the_files_words(tmp_path, entry, message, help):
    log = _write(tmp_path / "log.csv", OK_LOG)
    facts = _write(tmp_path / "facts.yaml", f"- {entry}\n")
    stderr = _refused(_cli(*TWITTER, "--log", str(log), "--facts", str(facts)),
                      f"{facts}{message}")
    assert "True" not in stderr and "None" not in stderr and "['" not in stderr
    # a word YAML reads as a number or null has the help to quote it, as a boolean has
    assert (f"\nhelp: {help}\n" in stderr) if help else "help: YAML" not in stderr


def test_an_unknown_app_in_the_facts_file_has_help(tmp_path):
    log = _write(tmp_path / "log.csv", OK_LOG)
    facts = _write(tmp_path / "facts.yaml",
                   "- {fact: licensor_notified, at: 2022-01-01, app: nope}\n")
    _refused(_cli(*TWITTER, "--log", str(log), "--facts", str(facts)),
             f"{facts}:1:50: error: unknown app `nope`", "help: the agreement defines: ")


SCHEDULED = {"terms.agreement": """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact approval "the licensor approved the use".
clause 1: licensee may use content when approval.
""", "tool.agreement": """\
schedule "Tool's licensee" for "T".
licensee "Acme".
fact approval on 2024-03-15.
app tool "Tool".
"""}


@pytest.mark.parametrize("entry, column", [("{fact: approval, at: 2024-03-01, app: tool}", 24),
                                           ("{fact: approval, at: 2024-03-01}", 24)],
                         ids=["for-its-app", "for-every-app"])
def test_a_fact_dated_otherwise_than_a_schedule_dates_it_is_refused_in_the_facts_file(
        tmp_path, entry, column):
    """The facts file may not date a fact on another day than the schedule of an app it
    concerns: it is refused where the file writes the date, not as a usage of no file."""
    files = [str(_write(tmp_path / name, text)) for name, text in SCHEDULED.items()]
    log = _write(tmp_path / "log.csv", "time,app,action,data\n"
                 "2024-03-10T00:00:00Z,tool,use,content\n")
    facts = _write(tmp_path / "facts.yaml", f"- {entry}\n")
    stderr = _refused(_cli(*files, "--log", str(log), "--facts", str(facts)),
                      f"{facts}:1:{column}: error: the facts file states `approval` on "
                      "2024-03-01, but “Tool's licensee” dates it 2024-03-15")
    assert "<usage>" not in stderr
    same_day = _write(tmp_path / "same.yaml", "- {fact: approval, at: 2024-03-15T10:00:00Z}\n")
    result = _cli(*files, "--log", str(log), "--facts", str(same_day))
    assert result.returncode == 1 and "denied" in result.stdout, result.stderr


# ---- a log on standard input, and a folder of logs ----------------------------------------

JSON_LOG = '\n  {"time": "2022-01-05T10:00:00Z", "app": "microsoft_azure"}\n'


@pytest.mark.parametrize("name, text", [("log.csv", OK_LOG), ("log.jsonl", JSON_LOG)],
                         ids=["csv", "json-lines"])
def test_a_log_on_standard_input_is_read_as_the_same_log_in_a_file(tmp_path, name, text):
    log = _write(tmp_path / name, text)
    spool = tmp_path / "spool"
    spool.mkdir()
    expected = _cli(*TWITTER, "--log", str(log), "--format", "json")
    found = _cli(*TWITTER, "--log", "-", "--format", "json", input=text, TMPDIR=str(spool))
    assert found.returncode == expected.returncode, found.stderr
    assert json.loads(found.stdout) == json.loads(expected.stdout.replace(str(log), "<stdin>"))
    assert json.loads(found.stdout)["logs"] == ["<stdin>"]
    assert list(spool.iterdir()) == []  # the log was spooled to a file, removed after


def test_a_bad_row_on_standard_input_is_located_at_its_line_of_stdin(tmp_path):
    spool = tmp_path / "spool"
    spool.mkdir()
    text = "time,app\n2022-01-05T10:00:00Z,microsoft_azure\n2022-13-01T00:00:00Z,x\n"
    stderr = _refused(_cli(*TWITTER, "--log", "-", input=text, TMPDIR=str(spool)),
                      "<stdin>:3:1: error: row 3, column `time`: `2022-13-01T00:00:00Z`",
                      "3 | 2022-13-01T00:00:00Z,x")
    assert str(spool) not in stderr
    assert list(spool.iterdir()) == []


def test_standard_input_is_read_once(tmp_path):
    facts = _write(tmp_path / "facts.yaml", "- {fact: licensor_notified, at: 2022-01-01}\n")
    _refused(_cli(*TWITTER, "--log", "-", "--log", "-", input=OK_LOG),
             "error: standard input is named twice")
    _refused(_cli(*TWITTER, "--log", "-", "--facts", "-", input=OK_LOG),
             "error: standard input is named twice")
    assert facts.exists()


def test_the_root_folder_as_a_log_is_refused_at_once_without_reading_proc():
    import time

    began = time.monotonic()
    stderr = _refused(_cli(*TWITTER, "--log", "/"), "error: the folder `/`")
    assert time.monotonic() - began < 60
    assert "/proc/" not in stderr


def test_a_folder_of_logs_is_read_without_following_a_loop_of_links(tmp_path, agreement):
    from contractdsl.audit.source import log_files

    (tmp_path / "month=2022-01").mkdir()
    _write(tmp_path / "month=2022-01" / "a.csv", OK_LOG)
    _write(tmp_path / "b.jsonl", JSON_LOG)
    (tmp_path / "month=2022-01" / "back").symlink_to(tmp_path)
    (tmp_path / "loop_a.csv").symlink_to("loop_b.csv")
    (tmp_path / "loop_b.csv").symlink_to("loop_a.csv")
    (tmp_path / "_tmp").mkdir()
    _write(tmp_path / "_tmp" / "c.csv", OK_LOG)
    found = log_files(tmp_path)
    assert [(Path(f.path).relative_to(tmp_path).as_posix(), f.format, f.hive) for f in found] \
        == [("b.jsonl", "json", False), ("month=2022-01/a.csv", "csv", True)]
    assert contractdsl.audit(agreement, tmp_path).rows == 2


def test_a_folder_of_more_entries_than_a_log_holds_is_refused(tmp_path, monkeypatch):
    from contractdsl.audit import source

    for index in range(5):
        _write(tmp_path / f"{index}.csv", OK_LOG)
    monkeypatch.setattr(source, "MAX_LOG_ENTRIES", 4)
    with pytest.raises(ContractError) as caught:
        source.log_files(tmp_path)
    assert str(caught.value) == (f"the folder `{tmp_path}` holds more than 4 files and "
                                 "folders\nhelp: name the log's own folder, or its files with a "
                                 "glob pattern such as `logs/*.parquet`")


def test_a_glob_pattern_is_walked_as_a_folder_of_logs_is(tmp_path, monkeypatch):
    from contractdsl.audit import source

    (tmp_path / "month=2022-01" / ".hidden").mkdir(parents=True)
    _write(tmp_path / "month=2022-01" / "a.csv", OK_LOG)
    _write(tmp_path / "month=2022-01" / ".hidden" / "h.csv", OK_LOG)
    _write(tmp_path / "b.csv", OK_LOG)
    (tmp_path / "month=2022-01" / "back").symlink_to(tmp_path)
    found = source.log_files(str(tmp_path / "**" / "*.csv"))
    assert [(Path(f.path).relative_to(tmp_path).as_posix(), f.hive) for f in found] \
        == [("b.csv", False), ("month=2022-01/a.csv", True)]
    monkeypatch.setattr(source, "MAX_LOG_ENTRIES", 4)
    with pytest.raises(ContractError) as caught:
        source.log_files(str(tmp_path / "**" / "*.csv"))
    assert str(caught.value) == (f"the pattern `{tmp_path}/**/*.csv` looks through more than 4 "
                                 "files and folders\nhelp: begin the pattern with the log's own "
                                 "folder, as in `logs/**/*.parquet`")


def test_a_glob_pattern_from_the_root_folder_is_refused_at_once_without_reading_proc(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out.json"
    result = subprocess.run([sys.executable, "-m", "contractdsl", "audit", *TWITTER, "--log",
                             "/**/*.csv", "-o", str(out)], capture_output=True, text=True,
                            timeout=120, env={"PYTHONPATH": PACKAGE_PATH, "PYTHONSAFEPATH": "1",
                                              "PATH": "/usr/bin:/bin"})
    stderr = _refused(result, "error: the pattern `/**/*.csv`")
    assert "/proc/" not in stderr
    assert not out.exists()


try:
    import pyspark  # noqa: F401
except ImportError:
    pyspark = None
JAVA = shutil.which("java") or (os.environ.get("JAVA_HOME")
                                and Path(os.environ["JAVA_HOME"], "bin", "java").exists())


@pytest.mark.skipif(pyspark is None or not JAVA, reason="the spark engine needs pyspark and java")
def test_spark_reads_every_offset_and_refuses_every_bad_time_as_duckdb_does(tmp_path, agreement):
    times = ["2022-02-03T00:00:00+23:59", "2022-02-03T00:00:00-19:00", "2022-02-03T00:00+0530",
             "2022-02-03T00:00:00.5-18:30", "2022-02-03 00:00:00+05"]
    log = _write(tmp_path / "log.csv", "time,app\n" + "".join(f"{t},microsoft_azure\n"
                                                              for t in times))
    duck = contractdsl.audit(agreement, log)
    assert duck.to_json() == contractdsl.audit(agreement, log, engine="spark").to_json()
    assert duck.first == _dt.datetime(2022, 2, 2, 0, 1, tzinfo=_dt.timezone.utc)
    for time in ("2022-02-03T00:00:00+99:00", "9999-12-31T23:59:59-05:00",
                 "0001-01-01T00:00:00+05:00"):
        bad = _write(tmp_path / "bad.csv", f"time,app\n{time},microsoft_azure\n")
        said = []
        for engine in ("duckdb", "spark"):
            with pytest.raises(ContractError) as caught:
                contractdsl.audit(agreement, bad, engine=engine)
            said.append(str(caught.value))
        assert said[0] == said[1] and "row 2, column `time`" in said[0]


NAMELESS = '''agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
app tool "Tool".
clause 1: licensee may use content.
'''


@pytest.mark.parametrize("log, facts, said", [
    ("time,app\n2024-01-05T10:00:00Z,tool\n", "- {fact: licensor_notified, at: 2024-01-01}\n",
     "facts.yaml:1:10: error: unknown fact `licensor_notified`\n"
     "1 | - {fact: licensor_notified, at: 2024-01-01}\n"
     "             ^^^^^^^^^^^^^^^^^\n"
     "help: the agreement defines no fact\n"),
    ("time,app,recipient\n2024-01-05T10:00:00Z,tool,broker\n", None,
     "log.csv:2:27: error: row 2, column `recipient`: unknown recipient `broker`\n"
     "2 | 2024-01-05T10:00:00Z,tool,broker\n"
     "                              ^^^^^^\n"
     "help: the agreement defines no recipient\n"),
])
def test_a_name_the_agreement_has_none_of_says_so(tmp_path, monkeypatch, capsys, log, facts,
                                                  said):
    from contractdsl.cli import main

    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "t.agreement", NAMELESS)
    _write(tmp_path / "log.csv", log)
    args = ["audit", "t.agreement", "--log", "log.csv"]
    if facts is not None:
        _write(tmp_path / "facts.yaml", facts)
        args += ["--facts", "facts.yaml"]
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", said)


@pytest.mark.parametrize("day, name, help", [
    ("2024-01-15", "broker", "`broker` is defined from 2024-03-01 (text `v2`); the text in "
     "force from 2024-01-01 to 2024-02-29 defines: partner, reseller"),
    ("2024-03-15", "reseller", "`reseller` is defined from 2024-01-01 to 2024-02-29 (text "
     "`v1`); the text in force from 2024-03-01 defines: broker, partner"),
    ("2024-01-15", "brokers", "the agreement defines: partner, reseller"),  # no text does
])
def test_a_log_row_naming_what_another_text_defines_says_from_when_it_is_defined(
        tmp_path, monkeypatch, capsys, day, name, help):
    """The audit says of a name as `permits` says of it (docs/semantics.md, section 1)."""
    from contractdsl.cli import main
    from test_usage import VERSIONED

    monkeypatch.chdir(tmp_path)
    for version, since, recipients in (("v1", "2024-01-01", ("partner", "reseller")),
                                       ("v2", "2024-03-01", ("partner", "broker"))):
        _write(tmp_path / f"{version}.agreement", VERSIONED.format(
            version=version, day=since,
            recipients='app tool "Tool".\n' + "".join(f'recipient {r} "a {r}".\n'
                                                      for r in recipients)))
    row = f"{day}T10:00:00Z,tool,share,d,{name}"
    _write(tmp_path / "log.csv", f"time,app,action,data,recipient\n{row}\n")
    assert main(["audit", "v1.agreement", "v2.agreement", "--log", "log.csv"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"log.csv:2:35: error: row 2, column `recipient`: unknown "
                          f"recipient `{name}`\n2 | {row}\n{' ' * 38}{'^' * len(name)}\n"
                          f"help: {help}\n")


CSV_HELP = ("help: every row of a CSV log has as many values as its header, separated by commas; "
            'quote a value that holds a comma or a line break (`"a, b"`)')


# rows of a log whose header is `time,app,tool`, the line of the first that is not shaped as
# the header, and what is said of it (on every engine: test_audit_spark.py)
MALFORMED_CSV = {
    "a later row too long": (
        "2022-01-05T10:00:00Z,microsoft_azure,x\n2022-06-01T10:00:00Z,microsoft_azure,x,extra\n",
        3, "this row has 4 values where the header has 3"),
    "the first row too long": (
        "2022-06-01T10:00:00Z,microsoft_azure,x,extra\n2022-01-05T10:00:00Z,microsoft_azure,x\n",
        2, "this row has 4 values where the header has 3"),
    "a row too short": (
        "2022-01-05T10:00:00Z,microsoft_azure\n2022-01-06T10:00:00Z,microsoft_azure,x\n", 2,
        "this row has 2 values where the header has 3"),
    "a quote never closed": (
        '2022-01-05T10:00:00Z,microsoft_azure,"x\n2022-01-06T10:00:00Z,microsoft_azure,x\n', 2,
        "this row has a quoted value not closed before a comma or the end of the row"),
    "a quote never closed on the last row": (
        '2022-01-05T10:00:00Z,microsoft_azure,x\n2022-01-06T10:00:00Z,microsoft_azure,"x\n', 3,
        "this row has a quoted value not closed before a comma or the end of the row"),
    "text after a closing quote": (
        '2022-01-05T10:00:00Z,microsoft_azure,"x"y\n2022-01-06T10:00:00Z,microsoft_azure,x\n',
        2, "this row has a quoted value not closed before a comma or the end of the row"),
    "after a value of two lines": (
        '2022-01-05T10:00:00Z,microsoft_azure,"x\ny"\n2022-01-06T10:00:00Z,microsoft_azure,x,z\n',
        4, "this row has 4 values where the header has 3"),
}


@pytest.mark.parametrize("case", MALFORMED_CSV)
def test_a_csv_row_not_shaped_as_its_header_is_refused_at_its_line(tmp_path, agreement, case):
    rows, line, message = MALFORMED_CSV[case]
    log = _write(tmp_path / "log.csv", "time,app,tool\n" + rows)
    stderr = _refused(_cli(*TWITTER, "--log", str(log)), f"{log}:{line}:1: error: {message}\n",
                      CSV_HELP)
    assert f"{line} | {rows.splitlines()[line - 2]}\n" in stderr
    assert "has no column" not in stderr
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log)
    (found,) = caught.value.diagnostics
    assert (found.file, found.line, found.message) == (str(log), line, message)


def test_a_csv_row_not_shaped_as_its_header_far_down_the_log_is_refused_at_its_line(
        tmp_path, agreement):
    rows = ["2022-01-05T10:00:00Z,microsoft_azure"] * 30_000
    rows[25_000] += ",x"
    log = _write(tmp_path / "log.csv", "time,app\n" + "\n".join(rows) + "\n")
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log)
    (found,) = caught.value.diagnostics
    assert (found.line, found.message) == (25_002, "this row has 3 values where the header has 2")


@pytest.mark.parametrize("block", [1, 7, 64])
@pytest.mark.parametrize("case", MALFORMED_CSV)
def test_a_csv_log_read_in_blocks_finds_the_row_whatever_the_blocks(monkeypatch, tmp_path,
                                                                    case, block):
    """The shape of a CSV log is checked a block at a time: a row that a block's end cuts (a
    quoted value across lines among them) is found at its line all the same."""
    from contractdsl.audit import source

    rows, line, message = MALFORMED_CSV[case]
    good = '2022-01-04T10:00:00Z,microsoft_azure,"a, ""b""\nc"\n\n2022-01-04T11:00:00Z,x,y\n'
    log = _write(tmp_path / "log.csv", "time,app,tool\n" + good * 3 + rows)
    monkeypatch.setattr(source, "CSV_BLOCK", block)
    with pytest.raises(ContractError) as caught:
        source.check_csv(source.LogFile(path=str(log), format="csv"))
    (found,) = caught.value.diagnostics
    assert (found.line, found.message) == (line + 12, message)
    _write(tmp_path / "log.csv", "time,app,tool\n" + good * 3)
    assert source.check_csv(source.LogFile(path=str(log), format="csv")).multiline
    _write(tmp_path / "log.csv", "time,app,tool\r\n" + "2022-01-04T10:00:00Z,x,y\r\n" * 9)
    assert not source.check_csv(source.LogFile(path=str(log), format="csv")).multiline


def test_a_csv_log_whose_first_line_is_blank_is_refused_there(tmp_path):
    log = _write(tmp_path / "log.csv", "\n" + OK_LOG)
    _refused(_cli(*TWITTER, "--log", str(log)),
             f"{log}:1:1: error: the first line, the log's header, is blank\n",
             "help: a CSV log has its header, the names of its columns separated by commas, on "
             "its first line")


# logs (as bytes, header `time,app,tool`) whose lines do not all end as the first does, the line
# and column of the first line end that differs, and what is said of it (on every engine:
# test_audit_spark.py)
ROW = b"2022-01-05T10:00:00Z,microsoft_azure,x"  # (38 characters: a line end at column 39)
MIXED_EOL = {
    "\\r\\n after \\n": (b"time,app,tool\n" + ROW + b"\n" + ROW + b"\r\n" + ROW + b"\n", 3, 39,
                         "this line ends with `\\r\\n` where the first line ends with `\\n`"),
    "\\n after \\r\\n": (b"time,app,tool\r\n" + ROW + b"\r\n" + ROW + b"\n" + ROW + b"\r\n", 3,
                         39, "this line ends with `\\n` where the first line ends with `\\r\\n`"),
    "a lone \\r": (b"time,app,tool\n" + ROW + b"\r" + ROW + b"\n", 2, 39,
                   "this line ends with `\\r` where the first line ends with `\\n`"),
    "a lone \\r before \\r\\n": (b"time,app,tool\r\n" + ROW + b"\r\r\n" + ROW + b"\r\n", 2, 39,
                                "this line ends with `\\r` where the first line ends with "
                                "`\\r\\n`"),
    "a blank line": (b"time,app,tool\n" + ROW + b"\n\r\n" + ROW + b"\n", 3, 1,
                     "this line ends with `\\r\\n` where the first line ends with `\\n`"),
    "after a value of two lines": (
        b'time,app,tool\r\n' + ROW[:-1] + b'"x\ny"\r\n' + ROW + b"\n" + ROW + b"\r\n", 4, 39,
        "this line ends with `\\n` where the first line ends with `\\r\\n`"),
    "quoted, the last line": (b'time,app,tool\r\n' + ROW + b'\r\n"' + ROW[:-2] + b'",x\n', 3, 41,
                              "this line ends with `\\n` where the first line ends with "
                              "`\\r\\n`"),
}
# logs whose lines end alike (a quoted value's line breaks are its own), read on every engine
EOL_ALIKE = {
    "\\n": b"time,app,tool\n" + ROW + b"\n" + ROW + b"\n",
    "\\r\\n": b"time,app,tool\r\n" + ROW + b"\r\n" + ROW,
    "\\r": b"time,app,tool\r" + ROW + b"\r" + ROW + b"\r",
    "\\r\\n, \\n within a value": b"time,app,tool\r\n" + ROW[:-1] + b'"x\ny"\r\n' + ROW + b"\r\n",
    "\\n, \\r\\n within a value": b"time,app,tool\n" + ROW[:-1] + b'"x\r\ny"\n' + ROW + b"\n",
}
EOL_HELP = ("help: end every line of a CSV log alike, with `\\n` or with `\\r\\n` throughout (a "
            "file pasted together from files of different systems mixes them): convert it with "
            "`dos2unix FILE`")


@pytest.mark.parametrize("case", MIXED_EOL)
def test_a_csv_log_whose_lines_end_in_two_ways_is_refused_at_the_first_that_differs(
        tmp_path, agreement, case):
    data, line, column, message = MIXED_EOL[case]
    log = tmp_path / "log.csv"
    log.write_bytes(data)
    _refused(_cli(*TWITTER, "--log", str(log)), f"{log}:{line}:{column}: error: {message}\n",
             EOL_HELP)
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log)
    (found,) = caught.value.diagnostics
    assert (found.file, found.line, found.column, found.message) == (str(log), line, column,
                                                                     message)


@pytest.mark.parametrize("block", [1, 2, 7, 64])
def test_a_csv_log_read_in_blocks_finds_the_line_end_that_differs_whatever_the_blocks(
        monkeypatch, tmp_path, block):
    """A `\\r\\n` that a block's end would cut is one line end all the same."""
    from contractdsl.audit import source

    monkeypatch.setattr(source, "CSV_BLOCK", block)
    log = tmp_path / "log.csv"
    for data, line, column, message in MIXED_EOL.values():
        log.write_bytes(data)
        with pytest.raises(ContractError) as caught:
            source.check_csv(source.LogFile(path=str(log), format="csv"))
        (found,) = caught.value.diagnostics
        assert (found.line, found.column, found.message) == (line, column, message)
    for data in EOL_ALIKE.values():
        log.write_bytes(data)
        source.check_csv(source.LogFile(path=str(log), format="csv"))


@pytest.mark.parametrize("case", EOL_ALIKE)
def test_a_csv_log_whose_lines_end_alike_is_read_whatever_the_line_end(tmp_path, agreement,
                                                                       case):
    log = tmp_path / "log.csv"
    log.write_bytes(EOL_ALIKE[case])
    found = contractdsl.audit(agreement, log)
    assert found.rows == 2


@pytest.mark.parametrize("separator, said", [(";", "`;`"), ("\t", "a tab")])
def test_a_csv_log_separated_otherwise_than_by_commas_says_so(tmp_path, separator, said):
    log = _write(tmp_path / "log.csv", OK_LOG.replace(",", separator))
    _refused(_cli(*TWITTER, "--log", str(log)), f"{log}:1:1: error: the log has no column `time`",
             f"help: the header separates its names by {said}: the values of a CSV log are "
             "separated by commas")


def test_a_well_formed_csv_log_reads_as_written(tmp_path, agreement):
    log = _write(tmp_path / "log.csv", "\ufefftime,app,tool,tool,,note\r\n"
                 '2022-01-05T10:00:00Z,microsoft_azure,a,b,c,"one, two\r\nthree"\r\n'
                 "\r\n2022-01-06T10:00:00Z,microsoft_azure,,,,\r\n")
    found = contractdsl.audit(agreement, log)
    assert (found.rows, found.first.day, found.last.day) == (2, 5, 6)


# logs with a row longer than DuckDB reads unless told (2,000,000 bytes): the line end, where
# the long row is, whether its 3,000,000 characters are a quoted value of two lines; and the line
# it is at (on every engine: test_audit_spark.py)
LONG_CSV = {"\\n": ("\n", 4, False), "\\r\\n, in the middle": ("\r\n", 2, False),
            "a quoted value of lines": ("\n", 1, True)}
# what is said of the long value: by its start and end, as a usage's long values are
LONG_SAID = f"unknown purpose `{'x' * 20}…{'x' * 10}`"


def long_csv(case: str, purpose: str) -> tuple[bytes, int]:
    """The log of a case of LONG_CSV, its long row's purpose ``purpose`` (a long value of its
    `note` column else), and the long row's line."""
    eol, at, quoted = LONG_CSV[case]
    rows = [f"2022-06-0{day}T00:00:00Z,bing_pages,read,posts,search_results_display,10,"
            for day in range(1, 5)]
    value = f'"{"x" * 1_000_000}{eol}{"x" * 1_999_999}"' if quoted else "x" * 3_000_000
    rows.insert(at, f"2022-06-09T00:00:00Z,bing_pages,read,posts,{purpose or value},10,"
                + (value if not purpose else ""))
    return eol.join(["time,app,action,data,purpose,posts,note", *rows, ""]).encode(), at + 2


@pytest.mark.parametrize("case", LONG_CSV)
def test_a_csv_row_longer_than_the_reader_takes_by_default_is_judged_at_its_line(
        tmp_path, agreement, case):
    data, line = long_csv(case, "")
    log = tmp_path / "log.csv"
    log.write_bytes(data)
    shown = ("2022-06-09T00:00:00Z,bing_pages,read,posts," + '"' * LONG_CSV[case][2]
             + "x" * 200)[:200]
    stderr = _refused(_cli(*TWITTER, "--log", str(log)),
                      f"{log}:{line}:44: error: row {line}, column `purpose`: {LONG_SAID}\n"
                      f"{line} | {shown}…\n",
                      "help: the agreement defines: academic_research, advertising")
    assert len(stderr) < 2_000
    # a long value the audit does not judge (a note) is read as any other
    log.write_bytes(long_csv(case, "search_results_display")[0])
    assert contractdsl.audit(agreement, log).rows == 5


def _long_json(purpose: str, note: int = 17_000_000) -> Path:
    """Rows of JSON Lines, the fourth of more than 32 MiB: its purpose ``purpose`` and a note
    of ``note`` characters."""
    rows = [{"time": f"2022-06-0{day}T00:00:00Z", "app": "bing_pages", "action": "read",
             "data": "posts", "purpose": "search_results_display", "posts": 10}
            for day in range(1, 6)]
    rows[3].update(purpose=purpose, note="y" * note)
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_a_json_lines_row_longer_than_the_reader_takes_by_default_is_judged_at_its_row(
        tmp_path, agreement):
    log = _write(tmp_path / "log.jsonl", _long_json("x" * 17_000_000))
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log)
    (found,) = caught.value.diagnostics
    assert (found.file, found.line, found.column, found.message) == (
        str(log), 4, 101, f"row 4, column `purpose`: {LONG_SAID}")
    assert found.help.startswith("the agreement defines: academic_research, advertising")
    _write(log, _long_json("search_results_display"))
    assert contractdsl.audit(agreement, log).rows == 5


@pytest.mark.parametrize("eol", ["", "\n"])
def test_a_quoted_value_longer_than_the_audit_reads_is_refused_as_such(tmp_path, agreement, eol):
    # a value closed, but after more than the audit reads: not said to be never closed
    value = "x" * 9_000_000 + eol + "x" * 9_000_000
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,data,purpose,posts,note\n"
                   "2022-06-01T00:00:00Z,bing_pages,read,posts,search_results_display,10,\n"
                   "2022-06-02T00:00:00Z,bing_pages,read,posts,search_results_display,10,"
                   f'"{value}"\n', encoding="utf-8")
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log)
    (found,) = caught.value.diagnostics
    assert (found.line, found.column, found.message) == (
        3, 1, "this row has a quoted value not closed within 16,777,216 characters")
    assert found.help == ("the audit reads quoted values of at most 16,777,216 characters: "
                          "close the quote where the value ends, and shorten a longer value")


def test_a_term_only_a_text_after_the_licensees_end_defines_is_refused_at_its_row(tmp_path):
    # the second text defines `extra`, but the schedule ends the agreement before it binds
    texts = {"v1.agreement": 'agreement "A" version "1".\nlicensee "L".\neffective 2024-01-01.\n'
                             'action read "read".\ndata content "content".\n'
                             'unit posts "posts".\nclause 1: licensee may read content.\n',
             "v2.agreement": 'agreement "A" version "2".\nlicensee "L".\neffective 2024-05-01.\n'
                             'action read "read".\ndata content "content".\n'
                             'data extra "extra" under content.\nunit posts "posts".\n'
                             'clause 1: licensee may read content.\n',
             "apps.agreement": 'schedule "Apps" for "A".\nlicensee "L".\n'
                               'terminates 2024-04-20.\napp tool "Tool".\n'}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,data,posts\n2024-04-10T10:00:00Z,tool,read,content,5\n"
                   "2024-06-01T10:00:00Z,tool,read,extra,5\n", encoding="utf-8")
    agreement = contractdsl.load(*(tmp_path / name for name in texts))
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log)
    (found,) = caught.value.diagnostics
    assert (found.file, found.line, found.column, found.message, found.help) == (
        str(log), 3, 32, "row 3, column `data`: unknown data `extra`",
        "the agreement defines: content")


# 100 posts per 15 minutes (clause L), from 2024-01-01
PER_QUARTER_HOUR = LAPSING.format(version="1", effective="2024-01-01", start="",
                                  window="15 minutes")


@pytest.mark.parametrize("written", ["100.0000000001", "100.00000000000000000001",
                                     "1.000000000000001e2"])
def test_an_amount_with_more_decimal_places_than_the_audit_sums_is_refused_at_its_row(
        tmp_path, written):
    """100.0000000001 posts in a quarter of an hour are over 100, as `permits` decides; the
    audit sums amounts to nine decimal places, so it refuses the row rather than round it
    to 100 and find nothing over the limit."""
    terms = _write(tmp_path / "terms.agreement", PER_QUARTER_HOUR)
    agreement = contractdsl.load(terms)
    over = contractdsl.permits(agreement, {
        "app": "tool", "action": "read", "purpose": "research", "date": "2024-03-01T00:00:00Z",
        "volume": [{"amount": written, "unit": "posts", "from": "2024-03-01T00:00:00Z",
                    "until": "2024-03-01T00:00:00Z"}]})
    assert over.outcome == "denied"
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       f"2024-03-01T00:00:00Z,tool,read,research,{written}\n")
    out = tmp_path / "out.json"
    stderr = _refused(_cli(str(terms), "--log", str(log), "-o", str(out)),
                      f"{log}:2:41: error: row 2, column `posts`: `{written}` has more than "
                      "nine decimal places",
                      "help: the audit sums amounts exactly to nine decimal places")
    assert "^" * len(written) in stderr
    assert not out.exists()
    # a number read as one (JSON Lines) is held to the same
    jsonl = _write(tmp_path / "log.jsonl", '{"time": "2024-03-01T00:00:00Z", "app": "tool", '
                   '"action": "read", "purpose": "research", "posts": 100.0000000001}\n')
    with pytest.raises(ContractError, match="`100.0000000001` has more than nine decimal"):
        contractdsl.audit(agreement, jsonl)
    # and so is a column of finer decimals
    import duckdb
    parquet = tmp_path / "log.parquet"
    duckdb.sql("COPY (SELECT '2024-03-01T00:00:00Z' AS time, 'tool' AS app, 'read' AS action, "
               "'research' AS purpose, 100.0000000001::DECIMAL(20, 12) AS posts) "
               f"TO '{parquet}' (FORMAT PARQUET)")
    with pytest.raises(ContractError, match="`100.000000000100` has more than nine decimal"):
        contractdsl.audit(agreement, parquet)


@pytest.mark.parametrize("written", ["100.000000000", "1.0000000010e1", "2e-9",
                                     "1.0000000001e5", "1e20", "100000000000000000000.5",
                                     "1.00000000000000000000000000001e20"])
def test_an_amount_of_nine_decimal_places_or_fewer_is_summed_however_it_is_written(
        tmp_path, written):
    agreement = contractdsl.parse(PER_QUARTER_HOUR)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       f"2024-03-01T00:00:00Z,tool,read,research,{written}\n")
    found = contractdsl.audit(agreement, log)
    from fractions import Fraction
    from decimal import Decimal
    assert [p.amount for p in found.peaks] == [Fraction(Decimal(written))]


def test_an_amount_too_large_to_sum_says_so_not_that_it_is_no_amount(tmp_path):
    terms = _write(tmp_path / "terms.agreement", PER_QUARTER_HOUR)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       "2024-03-01T00:00:00Z,tool,read,research,1e30\n")
    _refused(_cli(str(terms), "--log", str(log)),
             f"{log}:2:41: error: row 2, column `posts`: `1e30` is too large an amount",
             "help: the audit sums amounts below 100,000,000,000,000,000,000,000,000,000")


@pytest.mark.parametrize("written", ["1.000000000000000000000000000001e20", "1e-19",
                                     "25e-20", "0.00000000000000000001e10"])
def test_an_amount_whose_exponent_moves_a_digit_past_the_ninth_place_is_refused(tmp_path,
                                                                              written):
    """Read as a decimal of nine places, 10^20 + 10^-10 is 10^20 and 10^-19 is 0: rounded, as
    one written without an exponent is not."""
    terms = _write(tmp_path / "terms.agreement", PER_QUARTER_HOUR)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       f"2024-03-01T00:00:00Z,tool,read,research,{written}\n")
    stderr = _refused(_cli(str(terms), "--log", str(log)),
                      f"{log}:2:41: error: row 2, column `posts`: `{written}` has more than "
                      "nine decimal places", "help: the audit sums amounts exactly")
    assert "\n" + " " * 44 + "^" * len(written) + "\n" in stderr
    with pytest.raises(ContractError, match="has more than nine decimal places"):
        contractdsl.audit(contractdsl.load(terms), log)


@pytest.mark.parametrize("written", ["1_000", '"1,000"', "1__000", '"1,0_00"'])
def test_an_amount_grouped_with_commas_or_underscores_is_read_as_a_usage_file_reads_it(
        tmp_path, written):
    """`amount: 1_000` and `amount: "1,000"` in a usage file are 1000; so is the same text in
    a log."""
    agreement = contractdsl.parse(PER_QUARTER_HOUR)
    text = written.strip('"')
    usage = contractdsl.permits(agreement, {
        "app": "tool", "action": "read", "purpose": "research", "date": "2024-03-01T00:00:00Z",
        "volume": [{"amount": text, "unit": "posts", "from": "2024-03-01T00:00:00Z",
                    "until": "2024-03-01T00:00:00Z"}]})
    assert "1,000 posts" in str(usage)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       f"2024-03-01T00:00:00Z,tool,read,research,{written}\n")
    assert [p.amount for p in contractdsl.audit(agreement, log).peaks] == [1000]
    jsonl = _write(tmp_path / "log.jsonl", '{"time": "2024-03-01T00:00:00Z", "app": "tool", '
                   f'"action": "read", "purpose": "research", "posts": "{text}"}}\n')
    assert [p.amount for p in contractdsl.audit(agreement, jsonl).peaks] == [1000]


def _refused_as_an_amount(tmp_path, written: str, help: str, spark: bool) -> None:
    """``written`` as a usage's amount and as a log's, in CSV and JSON Lines (and on Spark
    where ``spark``): each refused as no amount, with ``help``."""
    agreement = contractdsl.parse(PER_QUARTER_HOUR)
    usage = _write(tmp_path / "usage.yaml", "app: tool\naction: read\npurpose: research\n"
                   "date: 2024-03-01\nvolume:\n"
                   f'  - {{amount: "{written}", unit: posts, per: 15 minutes}}\n')
    with pytest.raises(ContractError) as refused:
        contractdsl.permits(agreement, usage)
    (problem,) = refused.value.diagnostics
    assert (problem.line, problem.message, problem.help) == (
        6, f"`{written}` is not an amount", help)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       f'2024-03-01T00:00:00Z,tool,read,research,"{written}"\n')
    jsonl = _write(tmp_path / "log.jsonl", '{"time": "2024-03-01T00:00:00Z", "app": "tool", '
                   f'"action": "read", "purpose": "research", "posts": "{written}"}}\n')
    spark = pyspark is not None and JAVA and spark  # (a Spark session is slow)
    for path, engine in [(log, "duckdb"), (jsonl, "duckdb"), *[(log, "spark")] * bool(spark)]:
        with pytest.raises(ContractError) as refused:
            contractdsl.audit(agreement, path, engine=engine)
        (problem,) = refused.value.diagnostics
        assert problem.message.endswith(f"column `posts`: `{written}` is not an amount")
        assert problem.help == help


@pytest.mark.parametrize("written", ["2,5", "1,00", "1234,567", "1,000,0", "12,34.5",
                                     ",500", "1,5e3"])
def test_an_amount_whose_comma_does_not_group_thousands_is_refused(tmp_path, written):
    """`2,5` may be two and a half, written with a decimal comma: it was read as 25 (every
    comma taken as a thousands mark), in a usage file and in a log alike. It is refused."""
    assert COMMA_HELP == ("a comma groups digits by thousands (`1,000,000`): write decimals "
                          "after a full stop (`2.5`)")
    _refused_as_an_amount(tmp_path, written, COMMA_HELP, spark=written == "2,5")


@pytest.mark.parametrize("written, plain", [("٥", "5"), ("５", "5"), ("1,٥00", "1,500"),
                                            ("٣.٥", "3.5")])
def test_an_amount_in_other_digits_than_0_to_9_is_refused_in_a_usage_and_a_log(
        tmp_path, written, plain):
    """Python reads `٥` and `５` as 5, and so does Spark, where DuckDB reads no number: a
    usage of `٥` posts was decided as one of 5, and a log's row was counted as 5 posts on Spark
    and refused on DuckDB as `too large an amount`. Each refuses it, saying how to write it."""
    _refused_as_an_amount(tmp_path, written, "write the amount in the digits 0 to 9, such as "
                          f"`{plain}`", spark=written == "٥")


@pytest.mark.parametrize("log, error, said", [
    ([], ContractError, "no log given"),
    (None, TypeError, "audit takes the path of a log (a file, a folder or a glob pattern) or a "
                      "list of them, not NoneType"),
    (5, TypeError, "audit takes the path of a log (a file, a folder or a glob pattern) or a "
                   "list of them, not int"),
    ([5], TypeError, "audit takes the paths of a log's files, folders or glob patterns, each a "
                     "str or a Path, not int"),
])
def test_audit_says_what_to_give_for_a_log_of_the_wrong_type(agreement, log, error, said):
    # (an AttributeError from deep in the plan, or a bare TypeError, came through)
    with pytest.raises(error) as raised:
        contractdsl.audit(agreement, log)
    assert str(raised.value).split("\n")[0] == said


def test_audit_says_what_to_give_for_facts_of_the_wrong_type(tmp_path, agreement):
    log = _write(tmp_path / "log.csv", OK_LOG)
    with pytest.raises(TypeError) as raised:
        contractdsl.audit(agreement, log, facts=5)
    assert str(raised.value) == ("audit takes as `facts` the path of a facts file or a list of "
                                 "FactEntry, not int")


@pytest.mark.parametrize("written", ["100.0000000001", '"1e-19"', "-5", '"many posts"'])
def test_a_bad_amount_in_json_lines_is_marked_as_wide_as_it_is_written(tmp_path, written):
    terms = _write(tmp_path / "terms.agreement", PER_QUARTER_HOUR)
    line = ('{"time": "2024-03-01T00:00:00Z", "app": "tool", "action": "read", '
            f'"purpose": "research", "posts":  {written}}}')
    log = _write(tmp_path / "log.jsonl", line + "\n")
    stderr = _refused(_cli(str(terms), "--log", str(log)),
                      f"{log}:1:100: error: row 1, column `posts`: ")
    assert line.index(written) == 99
    assert f"1 | {line}\n" + " " * 103 + "^" * len(written) + "\n" in stderr


@pytest.mark.parametrize("header, column, said", [
    ("time,app,app,action,purpose", 10, "`app` twice (first as column 2)"),
    ("time,App,action,purpose,app", 25, "`app` twice (first as `App`, column 2)")])
def test_a_csv_header_that_names_a_column_twice_is_refused_at_the_second(
        tmp_path, header, column, said):
    """Of two columns `app`, the engines read one and drop the other without a word (DuckDB
    tells names apart without regard to case, and renames the second `app_1`): the rows of
    `other` were audited as rows of `tool`."""
    terms = _write(tmp_path / "terms.agreement", PER_QUARTER_HOUR.replace(
        'app tool "Tool" approved for research.\n',
        'app tool "Tool" approved for research.\napp other "Other".\n'))
    log = _write(tmp_path / "log.csv", f"{header}\n"
                                       "2024-03-01T00:00:00Z,tool,other,read,research\n")
    out = tmp_path / "out.json"
    stderr = _refused(_cli(str(terms), "--log", str(log), "-o", str(out)),
                      f"{log}:1:{column}: error: the header names the column {said}",
                      f"1 | {header}", "help: name each column of a CSV log once")
    assert "\n" + " " * (column + 3) + "^^^\n" in stderr
    assert not out.exists()


LIMITED = '''agreement "Terms" version "1".
effective 2024-01-01.
action use "use".
data content "content".
unit requests "requests".
purpose research "research".
app tool "Tool".
clause 1: licensee may use content for research.
clause 2: licensee must not use more than 100 requests per day.
'''


@pytest.mark.parametrize("name, rows, error, help", [
    ("log.csv", "time,app,purpose,Requests\n2024-06-01T10:00:00Z,tool,research,500\n",
     "log.csv:1:18: error: the log has no column `requests`, but a column `Requests`",
     "rename the column `requests`, or map it with `--map requests=Requests`"),
    ("log.jsonl", '{"time": "2024-06-01T10:00:00Z", "app": "tool", "purpose": "research", '
                  '"Requests": 500}\n',
     "log.jsonl:1:72: error: the log has no column `requests`, but a column `Requests`",
     "rename the column `requests`, or map it with `--map requests=Requests`"),
    ("log.jsonl", '{"time": "2024-06-01T10:00:00Z", "app": "tool", "purpose": "research", '
                  '"requests": 5}\n{"time": "2024-06-01T11:00:00Z", "app": "tool", '
                  '"purpose": "research", "Requests": 500}\n',
     "log.jsonl:2:72: error: the log names the column `requests` also as `Requests`",
     "write the name of a column alike in every row"),
])
def test_a_column_named_as_the_audit_reads_it_but_for_case_is_refused(tmp_path, name, rows,
                                                                      error, help):
    # read as no column at all, its 500 requests went uncounted: the log was permitted
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    log = _write(tmp_path / name, rows)
    out = tmp_path / "out.json"
    _refused(_cli(str(terms), "--log", str(log), "-o", str(out), cwd=tmp_path), error, help)
    assert not out.exists()
    renamed = _write(tmp_path / f"renamed-{name}", rows.replace("Requests", "requests"))
    result = _cli(str(terms), "--log", str(renamed), "--format", "json", cwd=tmp_path)
    assert (result.returncode, json.loads(result.stdout)["outcome"]) == (1, "denied")
    assert " over 100" in _cli(str(terms), "--log", str(renamed), cwd=tmp_path).stdout


@pytest.mark.parametrize("header, place, error, help", [
    ("time,app,purpose,request", 18, "the log has no column `requests`, but a column `request`",
     "the audit reads the column `requests`: rename the column `request` to `requests`, or "
     "map it with `--map requests=request`"),
    ("time,app,purpose,requests\v", 18, "the log has no column `requests`, but a column "
     "`requests␋`, with blanks around its name",
     "write the name without blanks: the audit reads the column `requests`"),
    ("time,app,purpose,requests ", 18, "the log has no column `requests`, but a column "
     "`requests `, with blanks around its name",
     "write the name without blanks: the audit reads the column `requests`"),
    ("time,app,purpose,amount", 18, "the log has a column `amount` but no column `unit`",
     "add a column `unit` that names the unit of each row's amount, or map one with "
     "`--map unit=COLUMN`"),
    ("time,app,purpose,unit", 18, "the log has a column `unit` but no column `amount`",
     "add a column `amount` that holds each row's amount, in the unit the column `unit` "
     "names, or map one with `--map amount=COLUMN`"),
])
def test_a_column_named_nearly_as_the_audit_reads_it_is_refused_at_the_header(
        tmp_path, header, place, error, help):
    """Each was read as no column at all: the 500 requests of the row went uncounted and a
    log over its limit of 100 a day was permitted, exit status 0 (`requests ` was read by
    DuckDB, which takes the spaces off a name, and not by Spark)."""
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    value = "requests" if header.endswith("unit") else "500"
    log = _write(tmp_path / "log.csv", f"{header}\n2024-06-01T10:00:00Z,tool,research,{value}\n")
    out = tmp_path / "out.json"
    stderr = _refused(_cli(str(terms), "--log", str(log), "-o", str(out), cwd=tmp_path),
                      f"log.csv:1:{place}: error: {error}\n", f"\nhelp: {help}\n")
    assert not out.exists()
    with pytest.raises(ContractError) as refused:
        contractdsl.audit(contractdsl.load(terms), log)
    assert [d.message for d in refused.value.diagnostics] == [error.replace("␋", "\v")]
    assert "Traceback" not in stderr


@pytest.mark.parametrize("header, row", [
    ("time,app,purpose,request_id,requests,status", "2024-06-01T10:00:00Z,tool,research,abc,500,ok"),
    ("time,app,purpose,amount,unit", "2024-06-01T10:00:00Z,tool,research,500,requests"),
    # a data frame's index, written first with no name
    (",time,app,purpose,requests", "0,2024-06-01T10:00:00Z,tool,research,500")])
def test_columns_the_audit_does_not_read_are_not_refused(tmp_path, header, row):
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    log = _write(tmp_path / "log.csv", f"{header}\n{row}\n")
    assert contractdsl.audit(contractdsl.load(terms), log).outcome == "denied"


def test_a_json_lines_key_nearly_as_the_audit_reads_it_is_refused(tmp_path):
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    log = _write(tmp_path / "log.jsonl", '{"time": "2024-06-01T10:00:00Z", "app": "tool", '
                 '"purpose": "research", "requests ": 500}\n')
    with pytest.raises(ContractError) as refused:
        contractdsl.audit(contractdsl.load(terms), log)
    assert [d.message for d in refused.value.diagnostics] == [
        "the log has no column `requests`, but a column `requests `, with blanks around its name"]


def _engines() -> list[str]:
    return ["duckdb"] + ["spark"] * bool(pyspark is not None and JAVA)


def test_a_json_lines_key_of_no_name_is_a_column_the_audit_does_not_read(tmp_path):
    """DuckDB, which can name no column `""`, read such a log as one map a row and refused it
    as having "no column `time`"; Spark read it. Both read it, the key left unread."""
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    log = _write(tmp_path / "log.jsonl", '{"time": "2024-06-01T10:00:00Z", "app": "tool", '
                 '"purpose": "research", "requests": 500}\n{"time": "2024-06-01T11:00:00Z", '
                 '"app": "tool", "purpose": "research", "requests": 7, "": "x"}\n')
    for engine in _engines():
        found = contractdsl.audit(contractdsl.load(terms), log, engine=engine)
        assert (found.outcome, [p.amount for p in found.peaks]) == ("denied", [507]), engine


def test_a_json_lines_key_nearly_as_the_audit_reads_it_in_some_rows_is_refused_at_the_first(
        tmp_path):
    """Rows writing `request` where the others write `requests` were read as rows of no
    amount: the 500 requests of row 3 went uncounted and the log was within its limit."""
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    row = '{"time": "2024-06-01T1%d:00:00Z", "app": "tool", "purpose": "research", %s}\n'
    third = row % (2, '"request": 500')
    log = _write(tmp_path / "log.jsonl", row % (0, '"requests": 5') +
                 row % (1, '"requests": 5, "request": "r-2"') + third)
    said = (f"{log}:3:72: error: the log names the column `requests` also as `request`\n"
            f"3 | {third.rstrip()}\n" + " " * 75 + "^" * 9 + "\n"
            "help: write the name of a column alike in every row: the audit reads the column "
            "`requests`, and would leave this row's `request` unread\n")
    for engine in _engines():
        assert _refused(_cli(str(terms), "--log", str(log), "--engine", engine)) == said
    both = _write(tmp_path / "both.jsonl", row % (0, '"requests": 500, "request": "r-1"'))
    assert contractdsl.audit(contractdsl.load(terms), both).outcome == "denied"


def test_a_json_lines_name_written_both_ways_is_refused_with_a_key_of_no_name(tmp_path):
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    log = _write(tmp_path / "log.jsonl", '{"time": "2024-06-01T10:00:00Z", "app": "tool", '
                 '"purpose": "research", "requests": 5, "": 1}\n{"time": '
                 '"2024-06-01T11:00:00Z", "app": "tool", "purpose": "research", "Requests": 500}\n')
    with pytest.raises(ContractError) as refused:
        contractdsl.audit(contractdsl.load(terms), log)
    assert [d.message for d in refused.value.diagnostics] == [
        "the log names the column `requests` also as `Requests`"]


@pytest.mark.parametrize("columns, said", [(5, "int"), (["time=time", 5.0], "float"),
                                           (b"time=ts", "bytes")])
def test_audit_says_what_to_give_for_columns_of_the_wrong_type(tmp_path, agreement, columns,
                                                               said):
    # (a bare TypeError from `Path(5)` came through)
    log = _write(tmp_path / "log.csv", OK_LOG)
    with pytest.raises(TypeError) as raised:
        contractdsl.audit(agreement, log, columns=columns)
    assert str(raised.value) == ("audit takes as `columns` a mapping of fields to columns (a "
                                 "dict, the text `time=ts,app=client_id` or the path of a YAML "
                                 f"file of them), not {said}")


def test_blanks_around_an_amount_are_those_a_usage_file_reads_it_without():
    from contractdsl.usage import STRIPPED
    assert STRIPPED == "".join(c for c in map(chr, range(0x110000)) if c.isspace())


@pytest.mark.parametrize("written", ["\u00a0500", "500\u00a0", "\v500\u3000"])
def test_an_amount_padded_with_blanks_is_read_as_a_usage_file_reads_it(tmp_path, written):
    """A usage file's `amount: "\u00a0500"` is 500; a log's was 500 on DuckDB and, on Spark,
    "too large an amount" (and `\\v500` was so on both)."""
    agreement = contractdsl.parse(PER_QUARTER_HOUR)
    usage = contractdsl.permits(agreement, {
        "app": "tool", "action": "read", "purpose": "research", "date": "2024-03-01T00:00:00Z",
        "volume": [{"amount": written, "unit": "posts", "from": "2024-03-01T00:00:00Z",
                    "until": "2024-03-01T00:00:00Z"}]})
    assert "500 posts" in str(usage)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       f'2024-03-01T00:00:00Z,tool,read,research,"{written}"\n')
    jsonl = _write(tmp_path / "log.jsonl", json.dumps({
        "time": "2024-03-01T00:00:00Z", "app": "tool", "action": "read", "purpose": "research",
        "posts": written}) + "\n")
    engines = ["duckdb"] + ["spark"] * bool(pyspark is not None and JAVA
                                            and written == "\u00a0500")
    for path in (log, jsonl):
        for engine in engines:
            found = contractdsl.audit(agreement, path, engine=engine)
            assert [p.amount for p in found.peaks] == [500], (path, engine)


def test_an_amount_with_a_blank_within_is_refused_by_every_engine_as_by_a_usage_file(tmp_path):
    _refused_as_an_amount(tmp_path, "1\u00a0000", "write the amount in the digits 0 to 9",
                          spark=True)


def test_a_facts_file_reads_instants_as_a_usage_does(tmp_path):
    """`t` and `z` as RFC 3339 allows; decimals of a second beyond the microsecond refused
    where written; a folder answered with the facts file to give."""
    terms = contractdsl.parse('agreement "T" version "1".\neffective 2022-01-01.\n'
                              'action use "use".\nfact notified "notified".\napp tool "Tool".\n'
                              'clause 1: licensee may use.\n')
    log = _write(tmp_path / "log.csv", "time,app\n2022-01-05T10:00:00Z,tool\n")
    facts = _write(tmp_path / "facts.yaml", "- {fact: notified, at: 2022-01-01t00:00:00z}\n")
    assert contractdsl.audit(terms, log, facts=facts).rows == 1
    _write(facts, "- {fact: notified, at: 2022-01-01T00:00:00.1234567Z}\n")
    with pytest.raises(ContractError) as raised:
        contractdsl.audit(terms, log, facts=facts)
    (found,) = raised.value.diagnostics
    assert (found.line, found.column, found.message) == (1, 24, (
        "`2022-01-01T00:00:00.1234567Z` has 7 decimals of a second, and instants are read to "
        "the microsecond, 6"))
    folder = tmp_path / "facts"
    folder.mkdir()
    with pytest.raises(ContractError) as raised:
        contractdsl.audit(terms, log, facts=folder)
    assert str(raised.value) == (f"`{folder}` is a folder, not a file\nhelp: give the facts "
                                 f"file in it, e.g. `{folder}/facts.yaml`")


def _said_by_a_usage_file(agreement, usage: dict) -> tuple[str, str]:
    """The message and help of a usage file's error."""
    with pytest.raises(ContractError) as raised:
        contractdsl.permits(agreement, usage)
    message, help = str(raised.value).split(" error: ", 1)[1].split("\nhelp: ")
    return message, help


@pytest.mark.parametrize("time, utc", [
    ("2024-06-01t10:00:00z", "2024-06-01T10:00:00"), ("2024-06-01t10:00z", "2024-06-01T10:00:00"),
    ("2024-06-01t12:00:00.25+02:00", "2024-06-01T10:00:00.25"),
    ("2024-06-01 10:00:00.1234560z", "2024-06-01T10:00:00.123456")])
def test_a_log_time_written_in_lower_case_is_read_as_a_usage_file_reads_it(tmp_path, time, utc):
    """RFC 3339 lets `T` and `Z` be written `t` and `z`, and a usage file reads them so (and a
    seventh decimal of a second that is 0); the audit said "not a time with a time zone"."""
    agreement = contractdsl.parse(LIMITED)
    usage = {"app": "tool", "purpose": "research", "date": time,
             "volume": [{"amount": 500, "unit": "requests", "per": "day"}]}
    assert contractdsl.permits(agreement, usage).outcome == "denied"
    log = _write(tmp_path / "log.csv", "time,app,purpose,requests\n"
                                       f"{time},tool,research,500\n")
    jsonl = _write(tmp_path / "log.jsonl", json.dumps({
        "time": time, "app": "tool", "purpose": "research", "requests": 500}) + "\n")
    expected = _dt.datetime.fromisoformat(utc + "+00:00")
    for path in (log, jsonl):
        for engine in ["duckdb"] + ["spark"] * (path == log and "t12" in time
                                                and "spark" in _engines()):
            found = contractdsl.audit(agreement, path, engine=engine)
            assert (found.first, found.outcome, [p.amount for p in found.peaks]) == \
                (expected, "denied", [500]), (path, engine)


@pytest.mark.parametrize("time", ["2024-06-01T23:59:59.9999999Z",
                                  "2024-06-01t10:00:00.123456789z",
                                  "2024-06-02T01:59:59.99999901+02:00"])
def test_a_log_time_with_decimals_beyond_the_microsecond_is_refused_as_a_usage_file_does(
        tmp_path, time):
    """The engines cut `23:59:59.9999999` to `23:59:59.999999`, which can move a time across a
    deadline: a usage file refuses it, and so does the audit, at its row, on either engine."""
    agreement = contractdsl.parse(LIMITED)
    message, help = _said_by_a_usage_file(agreement, {"app": "tool", "purpose": "research",
                                                      "date": time})
    assert message.startswith(f"`{time}` has ") and " decimals of a second" in message
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    log = _write(tmp_path / "log.csv", "time,app,purpose\n2024-06-01T10:00:00Z,tool,research\n"
                                       f"{time},tool,research\n")
    said = (f"{log}:3:1: error: row 3, column `time`: {message}\n3 | {time},tool,research\n"
            f"    {'^' * len(time)}\nhelp: {help}\n")
    for engine in ["duckdb"] + ["spark"] * ("t10" in time and "spark" in _engines()):
        with pytest.raises(ContractError) as raised:
            contractdsl.audit(agreement, log, engine=engine)
        assert str(raised.value) + "\n" == said, engine
    out = tmp_path / "out.json"
    assert _refused(_cli(str(terms), "--log", str(log), "-o", str(out))) == said
    assert not out.exists()


@pytest.mark.parametrize("pad", ["\u00a0", "\t", "\v\u3000"])
def test_names_padded_with_blanks_are_read_as_a_usage_file_reads_them(tmp_path, pad):
    """A usage file's `app: "\u00a0tool"` is the app `tool`; a log's was `tool` on DuckDB
    and, on Spark, "unknown app ` tool `" (and `\\ttool` was unknown on both)."""
    agreement = contractdsl.parse(LIMITED)
    app, purpose, unit = f"{pad}tool{pad}", f"{pad}research", f"requests{pad}"
    usage = contractdsl.permits(agreement, {
        "app": app, "purpose": purpose, "date": "2024-06-01",
        "volume": [{"amount": 500, "unit": unit, "per": "day"}]})
    assert (usage.outcome, usage.usage.app) == ("denied", "tool")
    log = _write(tmp_path / "log.csv", "time,app,purpose,amount,unit\n"
                                       f'2024-06-01T10:00:00Z,"{app}","{purpose}",500,"{unit}"\n')
    jsonl = _write(tmp_path / "log.jsonl", json.dumps({
        "time": "2024-06-01T10:00:00Z", "app": app, "purpose": purpose, "amount": 500,
        "unit": unit}) + "\n")
    for path in (log, jsonl):
        for engine in ["duckdb"] + ["spark"] * (pad == "\u00a0" and "spark" in _engines()):
            found = contractdsl.audit(agreement, path, engine=engine)
            assert [(g.app, g.purpose) for g in found.groups] == [("tool", "research")]
            assert (found.outcome, [p.amount for p in found.peaks]) == ("denied", [500]), \
                (path, engine)


@pytest.mark.parametrize("field", ["app", "purpose"])
@pytest.mark.parametrize("blank", ["", " ", "\u00a0"])
def test_a_name_blank_once_its_padding_is_off_is_refused_as_a_usage_file_refuses_it(
        tmp_path, field, blank):
    """A usage file's `app: " "` or `app: ""` must be a name; a log's was "unknown app ``"
    (and an empty JSON Lines text, where an empty CSV field is CSV's no value: none stated)."""
    agreement = contractdsl.parse(LIMITED)
    usage = {"app": "tool", "purpose": "research", "date": "2024-06-01", field: blank}
    message, help = _said_by_a_usage_file(agreement, usage)
    assert message == f"`{field}` must be a name, not an empty text"
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    row = {"time": "2024-06-01T10:00:00Z", "app": "tool", "purpose": "research"}
    logs = [_write(tmp_path / "log.jsonl", json.dumps(row) + "\n"
                   + json.dumps({**row, field: blank}, ensure_ascii=False) + "\n")]
    if blank:  # (an empty field, quoted or not, is CSV's no value)
        written = {**row, field: f'"{blank}"'}
        logs.append(_write(tmp_path / "log.csv", "time,app,purpose\n"
                           "2024-06-01T10:00:00Z,tool,research\n"
                           + ",".join(written.values()) + "\n"))
    out = tmp_path / "out.json"
    for log in logs:
        for engine in ["duckdb"] + ["spark"] * (blank == "\u00a0" and field == "app"
                                                and "spark" in _engines()):
            line = 3 if log.suffix == ".csv" else 2  # (the header is the first line)
            stderr = _refused(_cli(str(terms), "--log", str(log), "--engine", engine,
                                   "-o", str(out)),
                              f"{log}:{line}:", f": error: row {line}, column `{field}`: "
                              f"{message}\n",
                              "\nhelp: write a name the agreement defines, or no value at all "
                              f"(`null` in JSON Lines) for a row that states no {field}\n")
            assert "unknown" not in stderr, (log, engine)
            assert not out.exists()


def test_a_name_a_log_leaves_out_is_not_stated_in_csv_and_json_lines_alike(tmp_path):
    """An empty CSV field, quoted or not, is a JSON Lines `null` or a key left out: the row
    states no purpose, as a usage without `purpose:` does, on either engine."""
    agreement = contractdsl.parse(LIMITED)
    assert contractdsl.permits(agreement, {"app": "tool", "date": "2024-06-01"}).outcome == \
        "denied"
    log = _write(tmp_path / "log.csv", 'time,app,purpose\n2024-06-01T10:00:00Z,tool,\n'
                                       '2024-06-01T11:00:00Z,tool,""\n')
    jsonl = _write(tmp_path / "log.jsonl", '{"time": "2024-06-01T10:00:00Z", "app": "tool", '
                                           '"purpose": null}\n'
                                           '{"time": "2024-06-01T11:00:00Z", "app": "tool"}\n')
    for path in (log, jsonl):
        for engine in ["duckdb"] + ["spark"] * (path == log and "spark" in _engines()):
            found = contractdsl.audit(agreement, path, engine=engine)
            assert [(g.app, g.purpose, g.rows) for g in found.groups] == [("tool", None, 2)], \
                (path, engine)
            assert found.outcome == "denied"


def test_a_json_lines_name_written_both_ways_is_refused_alike_by_every_engine_at_its_row(
        tmp_path):
    """Spark's reader refused the log as "not a readable JSON Lines file" (COLUMN_ALREADY_
    EXISTS); DuckDB said the name, at the first line."""
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    row = '{"time": "2024-06-01T1%d:00:00Z", "app": "tool", "purpose": "research", %s}\n'
    third = row % (2, '"Requests": 500')
    log = _write(tmp_path / "log.jsonl", row % (0, '"requests": 5') + row % (1, '"id": 1')
                 + third)
    said = (f"{log}:3:72: error: the log names the column `requests` also as `Requests`\n"
            f"3 | {third.rstrip()}\n" + " " * 75 + "^" * 10 + "\n"
            "help: write the name of a column alike in every row: the audit tells names apart "
            "by case\n")
    out = tmp_path / "out.json"
    for engine in _engines():
        assert _refused(_cli(str(terms), "--log", str(log), "--engine", engine,
                             "-o", str(out))) == said
        assert not out.exists()


@pytest.mark.parametrize("late, column", [('"request": 500', 72), ('"Requests": 500', 72),
                                          ('"requests ": 500', 72)])
def test_a_json_lines_key_nearly_as_read_first_written_late_in_the_log_is_refused(
        tmp_path, late, column):
    """DuckDB finds a JSON Lines file's columns in its first rows: a `request` first written
    at row 30,001 was no column, its 500 requests left uncounted and the log within its
    limit of 100 a day."""
    terms = _write(tmp_path / "terms.agreement", LIMITED)
    row = '{"time": "2024-06-01T10:00:00Z", "app": "tool", "purpose": "research", %s}\n'
    last = row % late
    log = _write(tmp_path / "log.jsonl", row % '"requests": 0' * 30_000 + last)
    for engine in _engines():
        stderr = _refused(_cli(str(terms), "--log", str(log), "--engine", engine))
        assert stderr.startswith(f"{log}:30001:{column}: error: ") and last in stderr, \
            (engine, stderr)


def test_an_endpoint_padded_with_blanks_is_read_as_a_usage_file_reads_it(tmp_path, agreement):
    """A usage file's `endpoint: "recent_search\u00a0"` is `recent_search`; a log's was an
    unknown endpoint, on either engine."""
    found = []
    for name, endpoint in (("plain", "recent_search"), ("padded", "\trecent_search\u00a0")):
        log = _write(tmp_path / f"{name}.csv", "time,app,action,purpose,tier,endpoint,requests\n"
                     "2022-03-01T10:00:00Z,bing_pages,read,search_results_display,elevated,"
                     f'"{endpoint}",500\n')
        audit = contractdsl.audit(agreement, log)
        found.append([(w.clause, w.key, w.amount) for w in audit.windows])
    assert found[0] == found[1] and ("RL-v2", "bing_pages", 500) in found[0], found


KEYED = '''agreement "Terms" version "1".
effective 2024-01-01.
action use "use".
data content "content".
unit requests "requests".
purpose research "research".
endpoint search "search".
app tool "Tool".
clause 1: licensee must not use more than 100 requests per day per user.
clause 2: licensee must not use more than 100 requests per day at search.
clause 3: licensee may use content for research.
'''


@pytest.mark.parametrize("field, help", [
    ("user", "write the row's user, which clause 1 counts per"),
    ("endpoint", "write the endpoint the row calls: clause 2 binds the calls of `search` "
                 "alone")])
@pytest.mark.parametrize("blank", ["", " ", "\u00a0"])
def test_a_blank_endpoint_or_key_is_refused_at_its_row_as_a_usage_file_refuses_a_blank_name(
        tmp_path, field, help, blank):
    """A usage file's `endpoint: " "` must be a name; a log's blank endpoint was "unknown
    endpoint ``", and a blank key of a scope (`user`) was a key of its own, the rows of `" "`
    summed apart from the others (an empty CSV field is no value: "the row has no `user`")."""
    agreement = contractdsl.parse(KEYED)
    if field == "endpoint":
        message, _ = _said_by_a_usage_file(agreement, {
            "app": "tool", "purpose": "research", "date": "2024-06-01", "endpoint": blank})
        assert message == "`endpoint` must be a name, not an empty text"
    row = {"time": "2024-06-01T10:00:00Z", "app": "tool", "purpose": "research",
           "user": "u1", "endpoint": "search", "requests": 60}
    lines = [json.dumps(row), json.dumps({**row, field: blank}, ensure_ascii=False)]
    logs = [_write(tmp_path / "log.jsonl", "\n".join(lines) + "\n")]
    if blank:  # (an empty field, quoted or not, is CSV's no value)
        written = {**row, field: f'"{blank}"' if blank == " " else blank}
        logs.append(_write(tmp_path / "log.csv", ",".join(row) + "\n"
                           + ",".join(str(v) for v in row.values()) + "\n"
                           + ",".join(str(v) for v in written.values()) + "\n"))
    for log in logs:
        for engine in ["duckdb"] + ["spark"] * (blank == "\u00a0" and "spark" in _engines()):
            with pytest.raises(ContractError) as raised:
                contractdsl.audit(agreement, log, engine=engine)
            line = 3 if log.suffix == ".csv" else 2
            text = (lines[1] if log.suffix == ".jsonl" else
                    ",".join(str(v) for v in written.values()))
            value = json.dumps(blank, ensure_ascii=False) if log.suffix == ".jsonl" else \
                written[field]
            at = text.index(value, text.index(f'"{field}"') if log.suffix == ".jsonl" else
                            len(",".join(str(v) for v in list(written.values())[
                                :list(written).index(field)])))
            (said,) = raised.value.diagnostics
            assert (said.line, said.column, said.width, said.message, said.help) == (
                line, at + 1, len(value), f"row {line}, column `{field}`: `{field}` must be a "
                f"name, not an empty text", help), (log, engine)


@pytest.mark.parametrize("before, blank", [
    ('"a, ""b"""', '" "'), ('"a, b"', "\u00a0"), ("a", '"\u00a0 "'), ('"a"', " ")])
def test_the_caret_under_a_csv_value_marks_it_as_written_after_quoted_values(
        tmp_path, before, blank):
    """The caret was placed by the values as read, without their quotes: after `"a, b"` it
    stood two columns early, and under `" "` it marked one column of three."""
    start = f"2024-06-01T10:00:00Z,{before},"
    line = f"{start}{blank},research"
    log = _write(tmp_path / "log.csv", f"time,note,app,purpose\n{line}\n")
    with pytest.raises(ContractError) as raised:
        contractdsl.audit(contractdsl.parse(LIMITED), log)
    said = str(raised.value)
    assert said.startswith(f"{log}:2:{len(start) + 1}: error: row 2, column `app`: `app` must "
                           "be a name, not an empty text\n"), said
    assert f"\n2 | {line}\n" + " " * (4 + len(start)) + "^" * len(blank) + "\n" in said
