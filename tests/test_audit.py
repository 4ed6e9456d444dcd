"""`contractdsl audit`: the letter's allegations found in the generated 2022 log, bad logs
reported with their file, row and column, and the findings in each format."""

from __future__ import annotations

import datetime as _dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

import contractdsl  # noqa: E402
from contractdsl.errors import ContractError  # noqa: E402
from conftest import PACKAGE_PATH  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TWITTER = sorted(str(p) for p in (ROOT / "agreements" / "twitter").glob("*.agreement"))
EXAMPLE = ROOT / "agreements" / "twitter" / "audit-2022"
UNAPPROVED = {"bing_pages_2", "microsoft_azure", "microsoft_power_platform", "microsoft_ads",
              "microsoft_global_ads", "azure_logic_apps_for_fairfax"}


@pytest.fixture(scope="module")
def agreement():
    return contractdsl.load(*TWITTER)


@pytest.fixture(scope="module")
def found(agreement):
    return contractdsl.audit(agreement, EXAMPLE / "calls-2022.parquet",
                             facts=EXAMPLE / "facts.yaml")


def test_the_generator_writes_a_log_like_the_example(tmp_path, agreement, found):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import gen_log
    finally:
        sys.path.pop(0)
    again = contractdsl.audit(agreement, gen_log.write(tmp_path / "calls.parquet", 0.00001),
                              facts=EXAMPLE / "facts.yaml")
    # the same terms and findings (the rows' times come from the engine's hash function)
    assert {(g.app, g.action, g.purpose, g.recipient, g.outcome) for g in again.groups} == \
        {(g.app, g.action, g.purpose, g.recipient, g.outcome) for g in found.groups}
    assert {b.app for b in again.breaches} == {b.app for b in found.breaches}
    assert again.rows == found.rows == 7_800
    total = sum(dict(a.totals).get("posts", 0) for a in found.apps)
    assert 25_000_000_000 < total < 27_000_000_000
    assert sum(dict(a.totals)["requests"] for a in found.apps) == 780_000_000


def test_the_six_apps_without_an_approved_use_case_are_found_citing_the_licence(found):
    unlicensed = {g.app for g in found.groups if g.outcome == "denied" and g.action == "read"
                  and any(r["clause"] == "I.B.1" and r["effect"] == "no-permission"
                          for r in g.reasons)}
    assert unlicensed == UNAPPROVED
    for app in found.apps:
        assert (app.outcome == "permitted") == (app.app == "xbox_one_social")


def test_shares_with_government_before_the_notice_breach_the_notice_clause(found):
    breaches = {b.app: b for b in found.breaches}
    assert set(breaches) == {"azure_logic_apps_for_fairfax", "microsoft_azure"}
    assert all(b.clause == "XII.C.1" for b in breaches.values())
    fairfax = breaches["azure_logic_apps_for_fairfax"]
    notice = _dt.datetime(2022, 10, 1, tzinfo=_dt.timezone.utc)
    assert fairfax.last < notice
    after = [g for g in found.groups if g.app == "azure_logic_apps_for_fairfax"
             and g.action == "share" and g.first >= notice]
    # after the notice the duty is met, and the shares are denied only for want of an approved
    # use case: the notice licenses nothing
    assert after and all(g.outcome == "denied" for g in after)
    assert all(g.facts == (("licensor_notified", "2022-10-01"),) for g in after)
    for group in after:
        deciding = {(r["clause"], r["effect"]) for r in group.reasons}
        assert ("I.B.1", "no-permission") in deciding
        assert not any(effect == "breached" for _, effect in deciding)


def test_the_access_levels_cap_per_project_is_found_per_app_and_month_at_least(found):
    # the cap counts all the apps of a Project together and the log names no Project; but a
    # Project holds apps, so each app's month over the cap is one its Project was over
    elevated = [w for w in found.windows if w.clause == "tier elevated"]
    readers = {"bing_pages"} | UNAPPROVED
    assert {(w.key, w.start.month) for w in elevated} == {
        (app, month) for app in readers for month in range(1, 13)}
    january = next(w for w in elevated if w.key == "bing_pages" and w.start.month == 1)
    assert (january.amount, january.scope, january.held_by) == (886_200_000, "app", "project")
    assert january.limit == "no more than 2,000,000 posts per calendar month per project"
    assert f"[{january.id}] the project holding app `bing_pages` from 2022-01-01T00:00:00Z " \
        "until 2022-02-01T00:00:00Z: at least 886,200,000 posts, at least 884,200,000 over " \
        "2,000,000; " in found.to_text()
    assert january.to_dict()["held_by"] == "project" and january.to_dict()["at_least"]
    # an app's month within the cap says nothing of its Project's: no peak is listed
    assert not [p for p in found.peaks if p.clause == "tier elevated"]
    # windows where only the apps of one Project together exceed it are not judged
    assert [(u.clause, u.kind, u.column, u.per_app) for u in found.unjudged if u.column] == [
        ("tier elevated", "limit per project", "project", True)]
    assert {a.app for a in found.apps if "tier elevated" in a.partly} == readers
    for window in found.windows:
        assert window.amount > window.allowance
        assert window.start <= window.first_row.time < window.end
        assert window.start <= window.largest_row.time < window.end


def test_ids_are_stable_and_the_json_lists_every_finding(found, agreement):
    data = json.loads(found.to_json())
    assert data["outcome"] == "denied"
    ids = [g["id"] for g in data["groups"]] + [w["id"] for w in data["windows"]] + \
        [b["id"] for b in data["breaches"]]
    assert len(ids) == len(set(ids))
    again = contractdsl.audit(agreement, EXAMPLE / "calls-2022.parquet",
                              facts=EXAMPLE / "facts.yaml")
    assert again.to_json() == found.to_json()
    markdown = found.to_markdown()
    assert markdown.startswith("# Audit of Twitter Developer Agreement")
    assert "## Duties breached" in markdown


def _cli(*args, cwd=ROOT, input=None, **env):
    return subprocess.run([sys.executable, "-m", "contractdsl", "audit", *args],
                          capture_output=True, text=True, cwd=cwd, input=input,
                          env={"PYTHONPATH": PACKAGE_PATH, "PYTHONSAFEPATH": "1",
                               "PATH": "/usr/bin:/bin", **env})


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


BAD = {
    "missing column": ("log.csv", "ts,app\n2022-01-01T00:00:00Z,bing_pages\n",
                       ":1:1: error: the log has no column `time`"),
    "malformed time": ("log.csv", "time,app\n2022-01-01T00:00:00Z,bing_pages\n"
                       "2022-13-01T00:00:00Z,bing_pages\n",
                       ":3:1: error: row 3, column `time`: `2022-13-01T00:00:00Z` is not a time"),
    "time without zone": ("log.jsonl", '{"time": "2022-01-01T00:00:00", "app": "bing_pages"}\n',
                          ":1:10: error: row 1, column `time`: `2022-01-01T00:00:00` is not"),
    "unknown app": ("log.csv", "time,app\n2022-01-01T00:00:00Z,bing_pagez\n",
                    ":2:22: error: row 2, column `app`: unknown app `bing_pagez`"),
    "wrong type": ("log.csv", "time,app,posts\n2022-01-01T00:00:00Z,bing_pages,many\n",
                   ":2:33: error: row 2, column `posts`: `many` is not an amount"),
    "empty file": ("log.csv", "", ":1:1: error: the log file"),
    "no rows": ("log.csv", "time,app\n", ":1:1: error: the log file"),
    "corrupt parquet": ("log.parquet", "PAR1 not really\n", "is not a readable Parquet file"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_log_is_one_error_with_its_file_row_and_column_and_nothing_is_written(
        case, tmp_path):
    name, text, expected = BAD[case]
    log = _write(tmp_path / name, text)
    out = tmp_path / "findings.json"
    result = _cli(*TWITTER, "--log", str(log), "-f", "json", "-o", str(out))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(str(log)) or result.stderr.startswith(f"error: {log}")
    assert expected in result.stderr
    assert "help: " in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("error:") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [log]


def test_a_wrongly_typed_parquet_column_names_the_column(tmp_path, agreement):
    import duckdb

    log = tmp_path / "log.parquet"
    duckdb.connect().execute(f"COPY (SELECT 5::BIGINT AS time, 'bing_pages' AS app) "
                             f"TO '{log}' (FORMAT parquet)")
    with pytest.raises(ContractError) as caught:
        contractdsl.audit(agreement, log)
    assert "row 1, column `time`: the column is of type BIGINT" in str(caught.value)


def test_a_mapping_folders_globs_and_hive_partitions_read_the_same_rows(tmp_path, agreement):
    rows = "ts,client,posts\n2022-03-01T10:00:00Z,bing_pages,5\n"
    (tmp_path / "month=2022-03").mkdir()
    _write(tmp_path / "month=2022-03" / "a.csv", rows)
    _write(tmp_path / "month=2022-03" / "b.csv", rows.replace("10:00", "11:00"))
    mapping = {"time": "ts", "app": "client"}
    by_folder = contractdsl.audit(agreement, tmp_path, columns=mapping)
    by_glob = contractdsl.audit(agreement, str(tmp_path / "*" / "*.csv"),
                                columns="time=ts,app=client")
    assert by_folder.rows == by_glob.rows == 2
    assert by_folder.to_dict()["groups"] == by_glob.to_dict()["groups"]
    with pytest.raises(ContractError, match="unknown log field `tim`"):
        contractdsl.audit(agreement, tmp_path, columns={"tim": "ts"})


def test_the_command_prints_text_and_markdown_and_exits_as_the_outcome(tmp_path):
    log = _write(tmp_path / "log.csv", "time,app,action,purpose\n"
                 "2022-03-01T10:00:00Z,xbox_one_social,write,posting_on_behalf_of_users\n")
    result = _cli(*TWITTER, "--log", str(log), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "1 row from 2022-03-01T10:00:00Z to 2022-03-01T10:00:00Z: permitted" in result.stdout
    assert result.stderr == ""
    result = _cli(*TWITTER, "--log", str(EXAMPLE / "calls-2022.parquet"), "-f", "markdown")
    assert result.returncode == 1
    assert "## Limits exceeded" in result.stdout


def _on_a_terminal(*args) -> tuple[int, str]:
    """The command run with its standard error on a terminal: its status and what it wrote
    there."""
    import os
    import pty
    import threading

    master, slave = pty.openpty()
    written = []

    def read():
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal is closed once the command is done
                return
            if not chunk:
                return
            written.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    process = subprocess.Popen([sys.executable, "-m", "contractdsl", "audit", *args],
                               stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT,
                               env={"PYTHONPATH": PACKAGE_PATH, "PYTHONSAFEPATH": "1",
                                    "PATH": "/usr/bin:/bin"})
    status = process.wait(timeout=300)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    return status, b"".join(written).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal needs POSIX")
def test_on_a_terminal_each_stage_is_shown_and_quiet_silences_it():
    log = str(EXAMPLE / "calls-2022.parquet")
    facts = str(EXAMPLE / "facts.yaml")
    status, shown = _on_a_terminal(*TWITTER, "--log", log, "--facts", facts)
    assert status == 1
    for stage in ("reading and checking the rows", "deciding 12 group(s) of terms",
                  "summing RL-v2 per window", "summing RL-v1.1-messages per window"):
        assert f"\r\x1b[K{stage}" in shown
    assert shown.endswith("\r\x1b[K")  # the last stage is wiped once the audit is done
    status, shown = _on_a_terminal(*TWITTER, "--log", log, "--quiet")
    assert (status, shown) == (1, "")


def test_the_portable_sliding_windows_find_what_the_as_of_join_finds(found, agreement,
                                                                      monkeypatch):
    from contractdsl.audit.run import DuckDB

    monkeypatch.setattr(DuckDB, "asof", False)  # a window frame, as for an engine without it
    framed = contractdsl.audit(agreement, EXAMPLE / "calls-2022.parquet",
                               facts=EXAMPLE / "facts.yaml")
    assert any(w.calls > 1 for w in found.windows if w.calls is not None)
    assert framed.to_json() == found.to_json()


EXAMPLES = sorted(str(p) for p in (ROOT / "agreements" / "examples").glob("*.agreement"))


def test_an_audit_judges_the_duties_counted_from_events(tmp_path):
    """Each group of a log is decided by the evaluator with the facts in force dated: a duty
    every 12 months after a fact of the facts file, and the end a schedule states for its
    licensee, are judged as `permits` judges them (docs/semantics.md, section 18)."""
    examples = contractdsl.load(*EXAMPLES)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose\n"
                 "2025-01-10T10:00:00Z,city_dashboard,read,research\n"
                 "2025-02-10T10:00:00Z,city_dashboard,read,research\n"
                 "2024-09-20T10:00:00Z,archive,read,research\n"
                 "2024-10-20T10:00:00Z,archive,read,research\n")
    facts = _write(tmp_path / "facts.yaml",
                   "- {fact: production_launch, at: 2024-02-01, app: city_dashboard}\n")
    found = contractdsl.audit(examples, log, facts=facts)
    assert {(b.app, b.clause, b.status) for b in found.breaches} == {
        ("city_dashboard", "4.7", "breached"), ("archive", "4.5", "breached")}
    # judged as of the group's last row: due on 2025-02-01, the review is breached for the
    # group of both rows, which the audit does not cut at the deadline
    review = next(b for b in found.breaches if b.clause == "4.7")
    assert (review.first.month, review.last.month, review.rows) == (1, 2, 2)
    assert "(by 2025-02-01)" in review.duty
    # the archive's rows are cut where its schedule says its agreement ended (2024-09-30)
    before, after = sorted((g for g in found.groups if g.app == "archive"),
                           key=lambda g: g.first)
    assert (before.outcome, before.first.month, after.outcome, after.first.month) == \
        ("permitted", 9, "denied", 10)
    assert any("terminated on 2024-09-30" in r["text"] for r in after.reasons)
    archive = next(a for a in found.apps if a.app == "archive")
    assert [name for name, _ in archive.facts] == ["use_ceased", "data_deleted"]


COMPARED = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
fact notice "the licensor gave notice of an audit".
fact audit "the audit begins".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause 2: licensee must not read content when notice is less than 10 business days before audit.
"""


def test_an_audit_cuts_its_groups_where_a_fact_comes_about_as_permits_cuts_a_period(tmp_path):
    """A fact of the facts file dated among a log's rows cuts their group there: the rows
    before it are decided without it (a comparison of its date does not hold yet), those
    from it with it, as `permits` judges the parts of a period cut at the fact's date
    (docs/semantics.md, section 18, items 1 and 6)."""
    agreement = contractdsl.parse(COMPARED)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose\n" + "".join(
        f"2024-03-{day}T10:00:00Z,tool,read,research\n" for day in ("05", "08", "12", "20")))
    facts = _write(tmp_path / "facts.yaml", "- {fact: notice, at: 2024-03-01}\n"
                                            "- {fact: audit, at: 2024-03-10}\n")
    found = contractdsl.audit(agreement, log, facts=facts)
    groups = sorted(found.groups, key=lambda g: g.first)
    assert [(g.first.day, g.last.day, [name for name, _ in g.facts], g.outcome)
            for g in groups] == [(5, 8, ["notice"], "permitted"),
                                 (12, 20, ["audit", "notice"], "denied")]
    for group in groups:
        usage = {"app": "tool", "action": "read", "purpose": "research",
                 "period": {"from": group.first.isoformat(), "until": group.last.isoformat()},
                 "facts": dict(group.facts)}
        assert contractdsl.permits(agreement, usage).outcome == group.outcome
    # the whole span, its period cut at the audit's date: denied from it on, as the groups
    whole = contractdsl.permits(agreement, {
        "app": "tool", "action": "read", "purpose": "research",
        "period": {"from": "2024-03-05", "until": "2024-03-20"},
        "facts": {"notice": "2024-03-01", "audit": "2024-03-10"}})
    assert whole.outcome == "denied"
    assert {(r.part.start.day, r.part.end.day) for r in whole.reasons if r.clause == "2"} == {
        (10, 20)}


LAPSING = """\
agreement "T" version "{version}".
effective {effective}.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause L{start}: licensee must not read more than 100 posts per {window}.
"""


@pytest.mark.parametrize("window", ["30 days", "calendar month"])
def test_a_limit_that_lapses_and_comes_back_starts_its_windows_afresh_as_permits_judges_it(
        tmp_path, window):
    """A later text carries a limit over word for word but from a later day: on the day
    between, no limit binds, and a limit is judged over the days it binds without a break
    (docs/semantics.md, section 5). 60 posts before the lapse and 60 after are within 100
    per window, as `permits` decides the same two reads stated side by side; without the
    lapse they come to 120 in one window, over it."""
    def agreement(start):
        return contractdsl.Agreement(documents=tuple(
            document for version, effective, begins in (("1", "2024-01-01", ""),
                                                        ("2", "2024-03-15", start))
            for document in contractdsl.parse(LAPSING.format(
                version=version, effective=effective, start=begins, window=window)).documents))

    _judged_apart(tmp_path, agreement(" from 2024-03-16"), agreement(""), "2024-03-10")


def test_a_limit_that_lapses_counts_no_window_across_the_lapse_whoever_reads(tmp_path):
    """The rows of two apps on either side of a lapse, under a limit for the licensee as a
    whole, are never summed in one window: the limit binds no row without a break across
    the day it is not in force."""
    agreement = contractdsl.Agreement(documents=tuple(
        document for version, effective, begins in (("1", "2024-01-01", ""),
                                                    ("2", "2024-03-15", " from 2024-03-16"))
        for document in contractdsl.parse(LAPSING.format(
            version=version, effective=effective, start=begins, window="30 days").replace(
                "approved for research.", "approved for research.\n"
                "app other \"Other\" approved for research.")).documents))
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       "2024-03-10T10:00:00Z,tool,read,research,60\n"
                                       "2024-03-16T10:00:00Z,other,read,research,60\n")
    found = contractdsl.audit(agreement, log)
    assert (found.outcome, found.windows) == ("permitted", ())
    assert [p.amount for p in found.peaks] == [60, 60]


@pytest.mark.parametrize("order", ["app and user", "user and app"])
def test_a_limit_per_two_scopes_counts_across_a_new_version_writing_them_in_another_order(
        tmp_path, order):
    """`per user and app` counts what `per app and user` counts: a later text writing the
    scope's words in either order carries the limit over, so one user's reads on either side
    of the change lie in one window, as `permits` judges them."""
    def text(version, effective, scope):
        return LAPSING.format(version=version, effective=effective, start="",
                              window="30 days").replace("per 30 days.",
                                                        f"per 30 days per {scope}.")
    agreement = contractdsl.Agreement(documents=tuple(
        document for version, effective, scope in (("1", "2024-01-01", "app and user"),
                                                   ("2", "2024-03-15", order))
        for document in contractdsl.parse(text(version, effective, scope)).documents))
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,user,posts\n"
                                       "2024-03-10T10:00:00Z,tool,read,research,u1,60\n"
                                       "2024-03-16T10:00:00Z,tool,read,research,u1,60\n"
                                       "2024-03-16T10:00:00Z,tool,read,research,u2,60\n")
    found = contractdsl.audit(agreement, log)
    assert found.outcome == "denied"
    assert [(w.clause, w.amount) for w in found.windows] == [("L", 120)]


@pytest.mark.parametrize("window", ["30 days", "calendar month"])
def test_a_limit_an_exception_lifts_for_some_days_starts_its_windows_afresh_after_them(
        tmp_path, window):
    """A limit in force throughout that a permission lifts for the rows' terms from 2024-03-10
    to 2024-03-14 alone does not bind them on those days: it binds them without a break on
    neither side (docs/semantics.md, section 5), so reads on 03-09 and 03-16 are never summed
    in one window, as `permits` judges the two reads side by side; lifted in April instead,
    they come to 120 in one window, over it."""
    def agreement(lifted, restored):
        return contractdsl.parse(LAPSING.format(
            version="1", effective="2024-01-01", start="", window=window).replace(
                f"per {window}.", f"per {window} except as permitted by P.")
            + "clause P: licensee may read content for research\n"
              f"  when date is on or after {lifted} and date is before {restored}.\n")

    _judged_apart(tmp_path, agreement("2024-03-10", "2024-03-15"),
                  agreement("2024-04-10", "2024-04-15"), "2024-03-09")


def _judged_apart(tmp_path, apart, together, first: str, tier: str | None = None) -> None:
    """60 posts read on ``first`` and 60 on 2024-03-16 (of ``tier``) are within 100 per window
    under ``apart``, where the limit does not bind them without a break, in the audit of a log
    of them as in `permits` of the two side by side; under ``together`` they come to 120 in
    one window, denied by both."""
    days = (f"{first}T10:00:00Z", "2024-03-16T10:00:00Z")
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,tier,posts\n" + "".join(
        f"{day},tool,read,research,{tier or ''},60\n" for day in days))
    reads = {"app": "tool", "action": "read", "purpose": "research",
             **({"tier": tier} if tier else {}),
             "period": {"from": days[0], "until": days[1]},
             "volume": [{"amount": 60, "unit": "posts", "from": day, "until": day}
                        for day in days]}
    for terms, outcome, peaks in ((apart, "permitted", [60, 60]), (together, "denied", [120])):
        found = contractdsl.audit(terms, log)
        assert contractdsl.permits(terms, reads).outcome == outcome
        assert found.outcome == outcome
        assert [p.amount for p in found.peaks] == peaks
        assert [(w.clause, w.amount) for w in found.windows] == (
            [("L", 120)] if outcome == "denied" else [])


def test_a_limit_lifted_on_a_proviso_binds_the_rows_that_do_not_keep_it(tmp_path):
    """A limit that a permission lifts on its proviso binds a group of rows whose facts do not
    show the proviso kept, as it binds a usage (docs/semantics.md, section 5): 150 posts in a
    day, over 100 a day, without the notice; with it, the limit is lifted."""
    from test_semantics import LIFTED_ON_A_PROVISO

    agreement = contractdsl.parse(LIFTED_ON_A_PROVISO)
    log = _write(tmp_path / "log.csv", "time,app,action,purpose,posts\n"
                                       "2024-06-03T09:00:00Z,tool,read,research,80\n"
                                       "2024-06-03T15:00:00Z,tool,read,research,70\n")
    unkept = contractdsl.audit(agreement, log)
    assert [(w.clause, w.amount) for w in unkept.windows] == [("L", 150)]
    facts = _write(tmp_path / "facts.yaml", "- {fact: notified, at: 2024-06-01}\n")
    assert contractdsl.audit(agreement, log, facts=facts).windows == ()


TIER_GAP = """\
agreement "T" version "{version}".
effective {effective}.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
unit USD "US dollars" measures money.
tier basic "Basic" costs 100 USD per calendar month {offered}.
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause L: licensee must not read more than 100 posts per {window} when tier is basic.
"""


@pytest.mark.parametrize("window", ["30 days", "calendar month"])
def test_a_limit_that_binds_a_tier_only_while_it_is_offered_is_counted_as_permits_judges_it(
        tmp_path, window):
    """A limit in force throughout, `when tier is basic`, with Basic offered until 2024-03-10
    and again from 2024-03-15: on the days between, the limit binds no row of Basic (a usage
    of a tier not offered states none, docs/semantics.md section 2), so basic rows on 03-09
    and 03-16 are never summed in one window, as `permits` judges the two reads side by side;
    offered on those days too, they come to 120 in one window, over it."""
    def agreement(again):
        return contractdsl.Agreement(documents=tuple(
            document for version, effective, offered in (
                ("1", "2024-01-01", "until 2024-03-10"), ("2", "2024-03-11", again))
            for document in contractdsl.parse(TIER_GAP.format(
                version=version, effective=effective, offered=offered,
                window=window)).documents))

    _judged_apart(tmp_path, agreement("from 2024-03-15"), agreement(""), "2024-03-09",
                  tier="basic")


SPENDING = """\
agreement "Platform Terms" version "1".
licensor "Provider". licensee "Developer".
effective 2024-01-01.
action use "use". action read "retrieve content" under use.
data content "content".
unit USD "US dollars" measures money.
unit EUR "euros" measures money.
app bot "Bot".
tier tier_1 "Tier 1":
  use no more than 100 USD per calendar month.
clause 1 "Licence": licensee may use content.
"""


@pytest.mark.parametrize("header, rows", [
    # in a column of each currency, or as an amount with its unit
    ("USD,EUR", ["50,", ",50"]),
    ("amount,unit", ["50,USD", "50,EUR"]),
])
def test_spending_in_another_currency_than_an_allowances_is_undetermined_as_permits_says(
        tmp_path, header, rows):
    # (docs/semantics.md, section 20) no rate of exchange is assumed: 50 EUR beside 50 USD
    # cannot be told to be within 100 USD a calendar month, which `permits` says of the
    # usage; the audit summed the dollars alone and said the rows permitted
    terms = contractdsl.parse(SPENDING, "spending.agreement")
    log = tmp_path / "log.csv"
    log.write_text(f"time,app,action,tier,{header}\n"
                   f"2024-07-01T10:00:00Z,bot,read,tier_1,{rows[0]}\n"
                   f"2024-07-02T10:00:00Z,bot,read,tier_1,{rows[1]}\n", encoding="utf-8")
    found = contractdsl.audit(terms, str(log))
    usage = {"app": "bot", "action": "read", "tier": "tier_1",
             "period": {"from": "2024-07-01", "until": "2024-07-02"},
             "volume": [{"amount": 50, "unit": "EUR"}]}
    decision = contractdsl.permits(terms, usage)
    assert decision.outcome == "undetermined"
    (group,) = found.groups
    assert found.outcome == group.outcome == "undetermined" and not found.windows
    assert [r["text"] for r in group.reasons if r["effect"] == "undetermined"] == [
        str(r.text) for r in decision.reasons if r.effect == "undetermined"] == [
        "allows no more than 100 USD per calendar month; 50 EUR from 2024-07-01 to 2024-07-02 "
        "cannot be told to be within it, being in another currency than USD"]
    # (and what it would take to decide it, as permits asks for it)
    assert group.missing == tuple(map(str, decision.missing)) != ()
    assert group.to_dict()["missing"] == list(group.missing)
    said = "to decide it, state: " + "; ".join(group.missing)
    assert said in found.to_text() and said in found.to_markdown().replace("\\", "")
    from contractdsl.audit.html import page

    assert "to decide it, state: " in page(found)
    # 60 USD more in the month are over by the dollars alone: the window is found, denied
    with log.open("a", encoding="utf-8") as more:
        more.write("2024-07-03T10:00:00Z,bot,read,tier_1," +
                   ("60," if header == "USD,EUR" else "60,USD") + "\n")
    over = contractdsl.audit(terms, str(log))
    assert over.outcome == "denied" and [w.amount for w in over.windows] == [110]
