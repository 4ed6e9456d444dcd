"""The checker: every kind of semantic problem, all collected in one run."""

import json
import subprocess
import sys

import pytest

import contractdsl
from conftest import TWITTER_FILES

BASE = ('agreement "A" version "1".\neffective 2022-01-01.\nlicensee "D".\n'
        'action use "use".\naction share "share" under use.\ndata content "content".\n'
        'purpose analysis "analysis".\nrecipient third_party "a third party".\n'
        'unit posts "posts".\nunit USD "US dollars" measures money.\n')


def problems(text: str, *more: str) -> list[str]:
    documents = [contractdsl.parse(text, "a.agreement").documents[0]]
    documents += [contractdsl.parse(t, f"{i}.agreement").documents[0] for i, t in enumerate(more)]
    agreement = contractdsl.Agreement(documents=tuple(documents))
    return [d.message + (f" | {d.help}" if d.help else "") for d in contractdsl.check(agreement)]


@pytest.mark.parametrize("extra, expected", [
    ("clause A: licensee may use content for analyis.\n",
     "unknown purpose `analyis` | did you mean `analysis`?"),
    ("clause A: licensee may shar content.\n", "unknown action `shar` | did you mean `share`?"),
    ("clause A: licensee may use content with third_pary.\n",
     "unknown recipient `third_pary` | did you mean `third_party`?"),
    ("clause A: licensee may use content.\nclause A: licensee may use content.\n",
     "clause `A` is defined twice (first at line 11) | give each one its own name, or remove one"),
    ('purpose analysis "again".\n', "purpose `analysis` is defined twice (first at line 7) | "
     "give each one its own name, or remove one"),
    ('purpose a1 "a" under a2.\npurpose a2 "b" under a1.\n',
     "purpose hierarchy has a cycle: a1 → a2 → a1 | a term cannot fall under itself"),
    ("clause A: licensee must not use more than 5 pots per day.\n",
     "unknown unit `pots` | did you mean `posts`?"),
    ("clause A: licensee must not use more than 5 USD per day.\n",
     "a limit counts things, not money (`USD`) | use a counted unit such as `posts` or `requests`"),
    ('tier t "T" costs 5 posts per calendar month.\n',
     'a price must be an amount of money, not `posts` | declare a money unit, e.g. `unit USD '
     '"US dollars" measures money.`'),
    ("clause A: licensee must not use content except as permitted by B.\n",
     "clause `A` says `except as permitted by B`, but there is no clause `B` | define clause "
     "`B`, or correct the id"),
    ("clause A: licensee must not use content except as permitted by B.\n"
     "clause B: licensee must not share content.\n",
     "clause `A` says `except as permitted by B`, but `B` is a prohibition, not a permission | "
     "name a permission there: a permission lifts a prohibition or a limit, which names it with "
     "`except as permitted by`, or it names them with `notwithstanding`"),
    ("clause A: licensee may use content notwithstanding B.\nclause B: licensee may use content.\n",
     "clause `A` says `notwithstanding B`, but `B` is a permission, not a prohibition or a limit "
     "| name a prohibition or a limit there: a permission lifts a prohibition or a limit, which "
     "names it with `except as permitted by`, or it names them with `notwithstanding`"),
    ("clause A from 2023-01-01 until 2022-01-01: licensee may use content.\n",
     "`until 2022-01-01` comes before `from 2023-01-01` | swap the dates, or correct one of them"),
    ('purpose zzz "z" under qqqq.\n',
     "purpose `zzz` is under `qqqq`, which is not a purpose | the agreement defines: analysis"),
    ("clause A: licensee may use content when tier is qqqq.\n",
     "unknown tier `qqqq` | the agreement defines no tier"),
    ("terminates 2021-01-01.\n",
     "the agreement terminates on 2021-01-01, before it takes effect on 2022-01-01 | swap the "
     "dates, or correct one of them"),
    ("clause A: licensee may use content when written_approval.\n",
     'unknown fact or standard `written_approval` | define it, e.g. `fact written_approval "...".`'),
    ("clause A: licensee must notify before share.\n",
     'unknown duty `notify` | define it, e.g. `duty notify "...".`'),
    ('fact termination "the agreement ends".\nduty delete "delete the content".\n'
     "clause A survives: licensee must delete within 30 days after termination.\n",
     "a fact cannot be named `termination`: an event written `termination` is the "
     "agreement's end for the licensee | name the fact otherwise, e.g. `termination_notice`; "
     "`after termination` already counts from the agreement's end"),
])
def test_each_semantic_problem(extra, expected):
    assert expected in problems(BASE + extra)


def test_an_unknown_app_in_a_condition_is_reported_where_the_text_defines_apps():
    # (a text that defines its own apps was not checked: `app is findr` never held, silently)
    text = BASE + 'app finder "Finder".\nclause A: licensee may use content when app is findr.\n'
    assert problems(text) == ["unknown app `findr` | did you mean `finder`?"]
    # a text defining no app, read without schedules, cannot tell: its apps may be theirs
    assert problems(BASE + "clause A: licensee may use content when app is findr.\n") == []


def test_precedence_references_cannot_loop():
    """An exception always runs from a permission to a prohibition or a limit, so a loop would
    need a clause of the wrong kind: a clause naming itself is the shortest such loop."""
    assert ("clause `A` says `except as permitted by A`, but `A` is a prohibition, not a "
            "permission") in [problem.split(" | ")[0] for problem in problems(
                BASE + "clause A: licensee must not use content except as permitted by A.\n")]
    assert ("clause `A` says `notwithstanding A`, but `A` is a permission, not a prohibition or "
            "a limit") in [problem.split(" | ")[0] for problem in problems(
                BASE + "clause A: licensee may use content notwithstanding A.\n")]
    loop = problems(BASE + "clause A: licensee must not use content except as permitted by B.\n"
                    "clause B: licensee may use content notwithstanding C.\n"
                    "clause C: licensee may use content notwithstanding A.\n")
    assert [problem.split(" | ")[0] for problem in loop] == [
        "clause `B` says `notwithstanding C`, but `C` is a permission, not a prohibition or a "
        "limit"]


def test_a_limit_in_money_is_reported_but_a_tiers_spend_is_not():
    assert ("a limit counts things, not money (`USD`) | use a counted unit such as `posts` or "
            "`requests`") in problems(BASE + 'clause L: licensee must not use more than 5 USD '
                                      'per day.\n')
    assert problems(BASE + 'tier t "T": use no more than 5 USD per day.\n') == []


def test_all_problems_are_collected_at_once():
    found = problems(BASE + "clause A: licensee may use content for x.\n"
                     "clause B: licensee may use content with y.\n"
                     "clause C: licensee must not use more than 1 z per day.\n")
    assert len(found) == 3


def test_schedule_approving_an_undefined_purpose():
    schedule = ('schedule "Apps" for "A".\napp one "One" approved for analysys.\n')
    assert ("app `one` is approved for `analysys`, which the agreement does not define as a "
            "purpose | did you mean `analysis`?") in problems(BASE, schedule)


def test_a_schedule_alone_is_a_warning_not_an_error():
    (diagnostic,) = contractdsl.check(contractdsl.parse('schedule "Apps" for "A".\n'))
    assert diagnostic.severity == "warning"


def test_a_schedule_for_a_misspelt_title_is_an_error_read_with_its_agreement():
    """Its apps would belong to no agreement: `check` passed, and every usage of them was
    then refused as of an unknown app."""
    text = BASE.replace('agreement "A"', 'agreement "Acme API Terms"')
    for title in ("acme API terms", "Acme API Term", "Acme  API Terms"):
        schedule = f'schedule "Apps" for "{title}".\napp one "One" approved for analysys.\n'
        assert problems(text, schedule) == [
            f"schedule for `{title}`, a title no agreement read with it has, so its apps belong "
            "to no agreement | did you mean `Acme API Terms`?"]
    # a schedule of another agreement read with this one is no slip, but no usage would read
    # its apps: refused (tests/test_files_together.py)
    (diagnostic,) = contractdsl.check(contractdsl.Agreement(documents=(
        contractdsl.parse(text).documents[0],
        contractdsl.parse('schedule "Apps" for "Other Terms".\n').documents[0])))
    assert (diagnostic.severity, diagnostic.code) == ("error", "mixed-agreements")


def test_overlapping_versions():
    second = BASE.replace('version "1"', 'version "2"')
    assert any("overlaps version `1`" in p for p in problems(BASE, second))
    later = second.replace("effective 2022-01-01", "effective 2023-01-01")
    assert problems(BASE, later) == []


def test_cli_check_json_and_exit_codes(tmp_path):
    bad = tmp_path / "bad.agreement"
    bad.write_text(BASE + "clause A: licensee may use content for analyis.\n")
    result = subprocess.run([sys.executable, "-m", "contractdsl", "check", str(bad),
                             "--format", "json"], capture_output=True, text=True)
    assert result.returncode == 1
    (entry,) = json.loads(result.stdout)["problems"]
    assert entry == {"file": str(bad), "line": 11, "column": 40, "end_line": 11,
                     "end_column": 47, "severity": "error", "code": "unknown-name",
                     "message": "unknown purpose `analyis`", "help": "did you mean `analysis`?"}
    clean = subprocess.run([sys.executable, "-m", "contractdsl", "check",
                            *map(str, TWITTER_FILES)], capture_output=True, text=True)
    assert (clean.returncode, clean.stdout) == (0, "")
    usage = subprocess.run([sys.executable, "-m", "contractdsl", "check"], capture_output=True,
                           text=True, cwd=tmp_path)  # no file named, no project file
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_a_repeated_header_statement_is_a_located_error():
    text = ('agreement "A" version "1".\nlicensee "D".\nlicensor "L".\nlicensee "E".\n'
            'effective 2022-01-01.\neffective 2023-01-01.\nterminates 2030-01-01.\n'
            'terminates 2031-01-01.\nschedule "S" for "A".\nagreement "A" version "2".\n')
    found = contractdsl.check(contractdsl.parse(text, "a.agreement"))
    assert [(d.line, d.column, d.end_column, d.code, d.message) for d in found] == [
        (4, 1, 14, "duplicate-header", "`licensee` is named twice (first at line 2)"),
        (6, 1, 22, "duplicate-header", "`effective` is written twice (first at line 5)"),
        (8, 1, 23, "duplicate-header", "`terminates` is written twice (first at line 7)"),
        (9, 1, 22, "duplicate-header",
         "the file already has an `agreement` line (first at line 1)"),
        (10, 1, 27, "duplicate-header",
         "the file already has an `agreement` line (first at line 1)"),
    ]
    assert all(d.help and d.severity == "error" and d.source_line for d in found)
    assert "^" * 13 in found[0].format()


def test_an_app_defined_again_in_a_second_schedule_is_a_located_error():
    base = BASE + 'purpose search "search".\n'
    first = 'schedule "Apps" for "A".\napp one "One".\n'
    second = 'schedule "More apps" for "A".\napp two "Two".\n\napp  one "One again".\n'
    later = base.replace('version "1"', 'version "2"').replace("2022-01-01", "2023-01-01")
    documents = [contractdsl.parse(t, f).documents[0] for t, f in (
        (base, "v1.agreement"), (later, "v2.agreement"), (first, "apps.agreement"),
        (second, "more.agreement"))]
    found = contractdsl.check(contractdsl.Agreement(documents=tuple(documents)))
    # reported once, though the schedules are read with each of the two versions
    assert [(d.file, d.line, d.column, d.end_column, d.code, d.message, d.help)
            for d in found] == [
        ("more.agreement", 4, 6, 9, "duplicate-definition",
         "app `one` is defined twice (first in `apps.agreement` at line 2)",
         "define each app once, in one schedule")]


def test_every_diagnostic_has_a_rule_code_and_an_end():
    from pathlib import Path

    from contractdsl.errors import AgreementError

    codes: dict[str, set] = {}
    for path in sorted((Path(__file__).parent / "golden" / "errors").glob("*_bad.agreement")):
        try:
            found = contractdsl.check(contractdsl.load(path, cache=False))
        except AgreementError as err:
            found = err.diagnostics
        assert found, path
        for d in found:
            codes.setdefault(path.stem, set()).add(d.code)
            assert d.code, (path, d.message)
            assert (d.end_line, d.end_column) == (d.line, d.column + d.width), path
            assert d.to_dict()["code"] == d.code
    assert codes["missing_dot_bad"] == {"syntax"} and codes["bad_date_bad"] == {"bad-date"}
    assert "unknown-name" in codes["semantic_bad"]


def test_a_diagnostic_ends_where_it_is_told_or_width_characters_on():
    from contractdsl.errors import Diagnostic

    short = Diagnostic(file="f", line=3, column=5, message="m", width=4)
    assert (short.end_line, short.end_column) == (3, 9)
    long = Diagnostic(file="f", line=3, column=5, message="m", end_line=4, end_column=2)
    assert (long.end_line, long.end_column) == (4, 2)
    assert long.format() == short.format().replace("^^^^", "^") == "f:3:5: error: m"


def test_the_rule_codes_are_the_documented_ones():
    """Every code the parser and checker give is in the table of docs/language.md, and every
    code there is given somewhere."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    source = "".join(p.read_text(encoding="utf-8") for p in (root / "contractdsl").rglob("*.py"))
    used = set(re.findall(r'code(?:: str)? ?= ?"([a-z-]+)"', source))
    docs = (root / "docs" / "language.md").read_text(encoding="utf-8")
    table = docs[docs.index("| code |"):]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.M))
    assert used == documented and len(used) >= 15


MANY_PROBLEMS = BASE + (
    "clause A from 2024-02-30: licensee may use content for analyis.\n"
    "clause B: licensee must not use more than 10 posts per 0 days.\n"
    "clause C: licensee must not use more than "
    "1000000000000000000000000000000000000000000000000000000000000000 posts per day.\n"
    "clause D until 2023-13-01: licensee may use content with third_pary.\n"
    "clause E: licensee must not use more than 5 posts per calendar months.\n")


def test_every_problem_of_a_file_is_reported_at_once_and_the_file_refused(tmp_path):
    """A date not in the calendar, a window of 0 days, a number too long or `calendar months`
    hides neither one another nor the checker's findings; the file is still refused."""
    expected = [
        (11, 15, "bad-date", "`2024-02-30` is not a date in the calendar"),
        (11, 56, "unknown-name", "unknown purpose `analyis`"),
        (12, 56, "bad-number", "`0` is not a whole number of periods"),
        (13, 43, "bad-number", "this number is too long to be an amount in an agreement"),
        (14, 16, "bad-date", "`2023-13-01` is not a date in the calendar"),
        (14, 58, "unknown-name", "unknown recipient `third_pary`"),
        (15, 64, "syntax", "`calendar months` is not a window")]
    with pytest.raises(contractdsl.AgreementError) as parsed:
        contractdsl.parse(MANY_PROBLEMS, "a.agreement")
    assert [(d.line, d.column, d.code, d.message) for d in parsed.value.diagnostics] == expected
    path = tmp_path / "a.agreement"
    path.write_text(MANY_PROBLEMS, encoding="utf-8")
    with pytest.raises(contractdsl.AgreementError) as loaded:
        contractdsl.load(path, cache=False)
    assert [(d.line, d.column, d.code) for d in loaded.value.diagnostics] == \
        [(line, column, code) for line, column, code, _ in expected]
    result = subprocess.run([sys.executable, "-m", "contractdsl", "check", str(path),
                             "--format", "json"], capture_output=True, text=True)
    assert result.returncode == 1
    assert [(p["line"], p["column"], p["code"], p["message"])
            for p in json.loads(result.stdout)["problems"]] == expected
    # the file as read, placeholders and all, is never judged by
    from contractdsl.syntax import parse_document

    with pytest.raises(contractdsl.AgreementError) as refused:
        parse_document(MANY_PROBLEMS, "a.agreement")
    read = contractdsl.Agreement(documents=(refused.value.document,))
    assert read.documents[0].problems == tuple(refused.value.diagnostics) == tuple(
        parsed.value.diagnostics[i] for i in (0, 2, 3, 4, 6))
    with pytest.raises(contractdsl.AgreementError) as judged:
        contractdsl.permits(read, {"purpose": "analysis", "date": "2024-03-01"})
    assert judged.value.diagnostics == parsed.value.diagnostics


@pytest.mark.parametrize("extra, expected", [
    ("clause 1: licensee may use content.\n"
     "clause 2: licensee must not use content except as permitted by 1 and 1.\n",
     (12, 70, "clause `2` says `except as permitted by 1` twice", "name `1` once")),
    ("clause 1: licensee must not use content.\n"
     "clause 2: licensee may use content notwithstanding 1, 1.\n",
     (12, 55, "clause `2` says `notwithstanding 1` twice", "name `1` once")),
    ('clause 1: incorporates "X" and "X" subject to this agreement.\n',
     (11, 1, "clause `1` incorporates `X` twice", "name `X` once")),
    ('app one "One" labelled production labelled production.\n',
     (11, 44, "app `one` is labelled `production` twice", "write `production` once")),
    ('app one "One" approved for analysis, analysis.\n',
     (11, 38, "app `one` is approved for `analysis` twice", "write `analysis` once")),
    ("clause 1: licensee may use content for analysis or analysis.\n",
     (11, 52, "clause `1` names purpose `analysis` twice", "write `analysis` once")),
    ("clause 1: licensee must not share content with third_party or third_party.\n",
     (11, 63, "clause `1` names recipient `third_party` twice", "write `third_party` once")),
])
def test_a_name_listed_twice_in_one_list_is_a_warning_at_the_second(extra, expected):
    found = [d for d in contractdsl.check(contractdsl.parse(BASE + extra, "a.agreement"))
             if d.code == "repeated-name"]
    assert [(d.line, d.column, d.message, d.help, d.severity) for d in found] == \
        [(*expected, "warning")]
