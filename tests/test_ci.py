"""contractdsl in CI: `test` with expectations and coverage, decisions located in their files,
the output formats (json against its published schema, junit, github annotations, sarif against
the SARIF 2.1.0 schema), the project file, and the command line's conveniences."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import contractdsl
from contractdsl.cli import main
from contractdsl.cli.report import paint, use_colour
from conftest import PACKAGE_PATH, ROOT, TWITTER, TWITTER_FILES

jsonschema = pytest.importorskip("jsonschema")

TERMS = ROOT / "agreements" / "examples" / "open-data-terms.agreement"
APPS = ROOT / "agreements" / "examples" / "open-data-apps.agreement"
POLICY = ROOT / "agreements" / "examples" / "open-data-policy.agreement"
EXAMPLES = [str(TERMS), str(APPS)]
MANIFEST = """\
- name: research read
  app: city_dashboard
  action: read
  purpose: research
  date: 2024-05-02
  expect: permitted
- name: marketing read
  app: newsletter
  action: read
  purpose: marketing
  date: 2024-05-02
  expect: {outcome: denied, clauses: ["2.1"]}
- name: wrongly expected
  app: newsletter
  action: read
  purpose: marketing
  date: 2024-05-02
  expect: {outcome: permitted, clauses: ["1.1", "3.3"], duties: ["4.1"]}
"""


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def manifest(tmp_path):
    path = tmp_path / "tests.yaml"
    path.write_text(MANIFEST)
    return path


# ---- contractdsl test --------------------------------------------------------------------------


def test_a_manifest_passes_and_fails_as_written(capsys, manifest):
    status, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS))
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"PASS research read ({manifest}:1)"
    assert lines[1] == f"PASS marketing read ({manifest}:7)"
    assert lines[2] == f"FAIL wrongly expected ({manifest}:13)"
    assert lines[3] == "  expected permitted, got denied"
    assert lines[4].startswith("  expected clause 3.3 among the reasons; cited: 1.1, 1.4, 2.4, 2.1")
    assert lines[5].startswith("  expected a duty of clause 4.1; duties: 3.1, 3.2, 3.3")
    assert "    wrongly expected: denied" in lines
    assert lines[-1] == "2 passed, 1 failed"
    manifest.write_text(MANIFEST.split("- name: wrongly")[0])
    assert run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS))[0] == 0


def test_quiet_shows_only_the_failures(capsys, manifest):
    _, out, _ = run(capsys, "test", "-q", str(manifest), "-a", str(TERMS), "-a", str(APPS))
    assert "PASS" not in out and "FAIL wrongly expected" in out


def test_coverage_names_the_clauses_no_test_reached(capsys, manifest):
    status, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS),
                         "--coverage", "--format", "json")
    data = json.loads(out)
    terms = next(f for f in data["coverage"]["files"] if f["file"] == str(TERMS))
    assert set(terms["covered"]) == {"1.1", "1.4", "2.1", "2.4"}
    assert "4.3" in terms["uncovered"] and "2.2" in terms["uncovered"]
    assert "4.2" not in terms["clauses"]  # a duty of the licensor: no usage can reach it
    apps = next(f for f in data["coverage"]["files"] if f["file"] == str(APPS))
    assert apps["covered"] == ["S.1"]
    manifest.write_text(MANIFEST.split("- name: wrongly")[0])
    status, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS),
                         "--coverage", "--fail-under", "90")
    assert status == 1 and "not reached: 1.2, 1.3, 2.2" in out and "below --fail-under 90%" in out
    assert run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS),
               "--coverage", "--fail-under", "10")[0] == 0


def test_a_reason_said_once_over_two_versions_covers_the_clause_in_both(capsys, tmp_path):
    # (a reason the same on both sides of a version's change is said once, located in the
    # earlier text: the later text's clause is reached too)
    text = """\
agreement "T" version "{v}".
effective {day}.
action use "use".
data content "content".
purpose research "research".
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
"""
    files = []
    for v, day in ((1, "2024-01-01"), (2, "2024-07-01")):
        files.append(tmp_path / f"v{v}.agreement")
        files[-1].write_text(text.format(v=v, day=day))
    usage = tmp_path / "usage.yaml"
    usage.write_text("app: tool\npurpose: research\nperiod: {from: 2024-06-15, until: "
                     "2024-07-15}\nexpect: permitted\n")
    status, out, _ = run(capsys, "test", str(usage), *(f"-a{f}" for f in files),
                         "--coverage", "--format", "json")
    assert status == 0, out
    assert [(f["file"], f["covered"]) for f in json.loads(out)["coverage"]["files"]] == [
        (str(files[0]), ["1"]), (str(files[1]), ["1"])]


def two_texts(tmp_path, text: str, second: str) -> list[Path]:
    """Two versions of ``text`` (with `{v}`, `{day}` and `{padding}`), the second effective on
    ``second``, a line lower in its file."""
    files = []
    for v, day, padding in ((1, "2024-01-01", ""), (2, second, "# the second text\n")):
        files.append(tmp_path / f"v{v}.agreement")
        files[-1].write_text(text.format(v=v, day=day, padding=padding))
    return files


def test_a_reason_said_once_over_two_versions_is_located_in_both(capsys, tmp_path):
    # (it was located in the earlier text alone, though the later text's clause decides the
    # days after the change)
    text = """\
agreement "T" version "{v}".
effective {day}.
{padding}action use "use".
data content "content".
purpose marketing "marketing".
app tool "Tool".
clause 1: licensee must not use content for marketing.
"""
    files = two_texts(tmp_path, text, "2024-07-01")
    usage = tmp_path / "usage.yaml"
    usage.write_text("app: tool\npurpose: marketing\nperiod: {from: 2024-06-15, until: "
                     "2024-07-15}\n")
    status, out, _ = run(capsys, "permits", *map(str, files), "--format", "json", "--",
                         str(usage))
    assert status == 1, out
    data = json.loads(out)
    jsonschema.validate(data, schema())
    [reason] = [r for r in data["decisions"][0]["reasons"] if r["clause"] == "1"]
    assert (reason["part"], reason["file"], reason["line"]) == (
        "from 2024-06-15 to 2024-07-15", str(files[0]), 7)
    assert reason["also"] == [{"file": str(files[1]), "line": 8, "end_line": 8}]
    status, out, _ = run(capsys, "permits", *map(str, files), "--format", "sarif", "--",
                         str(usage))
    related = json.loads(out)["runs"][0]["results"][0]["relatedLocations"]
    assert [(r["physicalLocation"]["artifactLocation"]["uri"],
             r["physicalLocation"]["region"]["startLine"]) for r in related] == [
        (files[0].as_uri(), 7), (files[1].as_uri(), 8)]
    # within one text, nothing else to point at
    (tmp_path / "one.yaml").write_text("app: tool\npurpose: marketing\nperiod: {from: "
                                       "2024-06-15, until: 2024-06-20}\n")
    _, out, _ = run(capsys, "permits", *map(str, files), "--format", "json", "--",
                    str(tmp_path / "one.yaml"))
    assert [("also" in r, r["part"]) for r in json.loads(out)["decisions"][0]["reasons"]
            if r["clause"] == "1"] == [(False, "from 2024-06-15 to 2024-06-20")]


# Two texts of a fee per 1,000 requests (see `two_texts`), `{fee}` USD each.
FEE = """\
agreement "T" version "{v}".
effective {day}.
{padding}action use "use".
data content "content".
purpose research "research".
unit requests "API requests".
unit USD "US dollars" measures money.
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause F "Fee": licensee must pay {fee} USD per 1,000 requests.
"""


def test_a_fee_said_once_over_two_versions_covers_and_locates_its_clause_in_both(
        capsys, tmp_path):
    # (the fee, carried over unchanged, is owed once over both texts' days: it was located in
    # the earlier text alone, and the later text's fee counted as reached by no test)
    files = two_texts(tmp_path, FEE.replace("{fee}", "1"), "2024-02-01")
    usage = tmp_path / "usage.yaml"
    usage.write_text("app: tool\npurpose: research\nperiod: {from: 2024-01-10, until: "
                     "2024-02-20}\nvolume: [{amount: 5000, unit: requests, from: 2024-01-10, "
                     "until: 2024-02-20}]\nexpect: {outcome: permitted, amounts: {F: 5 USD}}\n")
    status, out, _ = run(capsys, "test", str(usage), *(f"-a{f}" for f in files),
                         "--coverage", "--format", "json")
    assert status == 0, out
    assert [(f["file"], f["covered"]) for f in json.loads(out)["coverage"]["files"]] == [
        (str(files[0]), ["1", "F"]), (str(files[1]), ["1", "F"])]
    status, out, _ = run(capsys, "permits", *map(str, files), "--format", "json", "--",
                         str(usage))
    data = json.loads(out)
    jsonschema.validate(data, schema())
    [fee] = data["decisions"][0]["obligations"]
    assert (fee["clause"], fee["amount"], fee["file"], fee["line"], fee["also"]) == (
        "F", {"amount": "5", "currency": "USD"}, str(files[0]), 10,
        [{"file": str(files[1]), "line": 11, "end_line": 11}])



def test_an_expected_amount_is_what_each_of_the_clauses_duties_comes_to_in_turn(
        capsys, tmp_path):
    # (a fee of 1 USD per 1,000 requests in January and 2 USD from February comes to 3 USD,
    # then 6 USD a month at 3,000 requests a month: `F: 3 USD` passed, matching one part)
    files = two_texts(tmp_path, FEE.replace("{fee}", "{v}"), "2024-02-01")
    usage = ("- name: reads\n  app: tool\n  purpose: research\n  period: {from: 2024-01-01, "
             "until: 2024-03-31}\n  volume: [{amount: 3000, unit: requests, per: calendar "
             "month}]\n  expect: {outcome: permitted, amounts: {F: %s}}\n")
    manifest = tmp_path / "m.yaml"
    for expected, status_, said in (
            ("3 USD", 1, "expected clause F to come to 3 USD; it comes to 3 USD from "
                         "2024-01-01 to 2024-01-31 then 6 USD from 2024-02-01 to 2024-03-31"),
            ("[6 USD, 3 USD]", 1, "expected clause F to come to 6 USD then 3 USD; it comes "
                                  "to 3 USD from 2024-01-01"),
            ("[3 USD, 6 USD, 6 USD]", 1, "expected clause F to come to 3 USD then 6 USD then "
                                         "6 USD;"),
            ("[3 USD, 6 USD]", 0, "PASS reads")):
        manifest.write_text(usage % expected)
        status, out, _ = run(capsys, "test", str(manifest), *(f"-a{f}" for f in files))
        assert (status, said in out) == (status_, True), out
    status, out, _ = run(capsys, "test", str(manifest), *(f"-a{f}" for f in files),
                         "--format", "json")
    data = json.loads(out)
    jsonschema.validate(data, schema())
    assert data["tests"][0]["expected"]["amounts"] == {"F": ["3 USD", "6 USD"]}
    # one amount for duties that each come to it, as for a fee carried over unchanged
    same = two_texts(tmp_path, FEE.replace("{fee}", "1"), "2024-02-01")
    manifest.write_text(usage % "3 USD")
    assert run(capsys, "test", str(manifest), *(f"-a{f}" for f in same))[0] == 0
    # a list of no amount is refused where it is written
    manifest.write_text(usage % "[]")
    status, _, err = run(capsys, "test", str(manifest), *(f"-a{f}" for f in files))
    assert status == 2
    assert "m.yaml:6:45: error: clause `F` is expected to come to no amount" in err

def test_a_file_of_two_agreement_sets_is_covered_once_by_the_tests_of_both(
        capsys, tmp_path, monkeypatch):
    # (the terms two licensees' schedules are read with were listed once per set, the second
    # time with the first set's tests counted too, and the total taken over both listings)
    (tmp_path / "terms.agreement").write_text("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
purpose research "research".
purpose marketing "marketing".
clause 1: licensee may use content for research.
clause 2: licensee may use content for marketing.
""")
    for name, purpose in (("a", "research"), ("b", "marketing")):
        (tmp_path / f"{name}-apps.agreement").write_text(
            f'schedule "{name}" for "T".\napp {name}1 "App" approved for {purpose}.\n')
        (tmp_path / f"{name}.yaml").write_text(
            f"- {{name: {name}, app: {name}1, purpose: {purpose}, date: 2024-05-01, "
            "expect: permitted}\n")
    (tmp_path / "contractdsl.toml").write_text("".join(
        f'[[agreement]]\nname = "{name}"\nversions = ["terms.agreement"]\n'
        f'schedules = ["{name}-apps.agreement"]\ntests = ["{name}.yaml"]\n' for name in "ab"))
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "test", "--coverage", "--fail-under", "100", "--format",
                         "json")
    assert status == 0, out
    coverage = json.loads(out)["coverage"]
    assert [(f["file"], f["covered"]) for f in coverage["files"]] == [
        ("terms.agreement", ["1", "2"]), ("a-apps.agreement", []), ("b-apps.agreement", [])]
    assert coverage["total"] == 100
    # each set's own tests, run alone, reach its own clause alone, whichever set is first
    for name, covered in (("b", ["2"]), ("a", ["1"])):
        status, out, _ = run(capsys, "test", f"{name}.yaml", "--coverage", "--fail-under",
                             "60", "--format", "json")
        assert status == 1, out
        assert json.loads(out)["coverage"]["files"][0]["covered"] == covered


def test_every_shipped_agreement_set_passes_its_manifests(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status, out, _ = run(capsys, "test", "--coverage")
    assert status == 0, out
    manifests = sorted((ROOT / "agreements").glob("*/usages/*.yaml"))
    assert len(manifests) >= 9
    for manifest in manifests:
        assert f"({manifest.relative_to(ROOT)}:" in out, f"{manifest} is in no agreement set"
    assert "FAIL" not in out


def test_usages_without_expectations_and_manifests_without_agreement_are_bad_input(
        capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plain = tmp_path / "plain.yaml"
    plain.write_text("app: city_dashboard\naction: read\npurpose: research\ndate: 2024-05-02\n")
    status, _, err = run(capsys, "test", str(plain), "-a", str(TERMS), "-a", str(APPS))
    assert status == 2
    assert f"{plain}:1:1: error: the usage `city_dashboard on 2024-05-02` has no `expect:`" in err
    assert "help: add e.g. `expect: permitted`" in err
    status, _, err = run(capsys, "test", str(plain))
    assert status == 2 and "no agreement to test this manifest against" in err


def test_a_bad_expectation_is_located(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- app: city_dashboard\n  date: 2024-05-02\n  expect: {outcome: denide}\n"
                   "- app: city_dashboard\n  date: 2024-05-02\n  expect: {outcom: denied}\n"
                   "- app: city_dashboard\n  date: 2024-05-02\n  expect: {outcome: denied, "
                   "clauses: [1.10]}\n"
                   # an outcome written alone is located where it is written
                   "- app: city_dashboard\n  date: 2024-05-02\n  expect: allowed\n"
                   "- app: city_dashboard\n  date: 2024-05-02\n  expect: [permitted]\n"
                   "- app: city_dashboard\n  date: 2024-05-02\n  expect: {outcome: denied, "
                   "clauses: {a: 1}}\n")
    status, out, err = run(capsys, "test", str(bad), "-a", str(TERMS))
    assert (status, out) == (2, "0 passed, 0 failed, 6 problem(s) in the input\n")
    assert f"{bad}:3:21: error: `denide` is not an outcome" in err
    assert "help: did you mean `denied`?" in err
    assert f"{bad}:6:12: error: unknown expectation field `outcom`" in err
    # every problem at once; a number YAML read is said as written, and how to quote it
    assert (f"{bad}:9:39: error: `1.10` is not a clause id\n"
            "9 |   expect: {outcome: denied, clauses: [1.10]}\n"
            "                                          ^^^^\n"
            'help: YAML reads `1.10` as a number: put a clause id in quotes, such as `"1.10"`\n'
            ) in err
    assert err.endswith(f"{bad}:12:11: error: `allowed` is not an outcome\n"
                        "12 |   expect: allowed\n               ^^^^^^^\n"
                        "help: expect `permitted`, `denied` or `undetermined`\n"
                        f"{bad}:15:11: error: a list is not an outcome\n"
                        "15 |   expect: [permitted]\n               ^^^^^^^^^^^\n"
                        "help: expect `permitted`, `denied` or `undetermined`\n"
                        f"{bad}:18:38: error: `clauses` must be a list of clause ids\n"
                        "18 |   expect: {outcome: denied, clauses: {a: 1}}\n"
                        "                                          ^^^^^^\n"
                        'help: write e.g. `clauses: ["1.2", XII.C.1]`\n')


def test_an_expectation_of_a_clause_the_agreement_lacks_is_bad_input(capsys, tmp_path):
    usage = "- app: city_dashboard\n  action: read\n  purpose: research\n  date: 2024-05-02\n"
    unknown, empty = tmp_path / "unknown.yaml", tmp_path / "empty.yaml"
    unknown.write_text(usage + '  expect: {outcome: permitted, clauses: "1.1"}\n'
                       + usage + '  expect: {outcome: permitted, duties: ["2.1x"]}\n')
    empty.write_text(usage + '  expect: {outcome: permitted, clauses: [" "]}\n')
    status, out, err = run(capsys, "test", str(unknown), str(empty), "-a", str(TERMS),
                           "-a", str(APPS))
    assert (status, out) == (2, "PASS unknown.yaml#1 (%s:1)\n1 passed, 0 failed, 2 problem(s) "
                             "in the input\n" % unknown)
    assert err == (f"{empty}:5:42: error: an empty text is not a clause id\n"
                   '5 |   expect: {outcome: permitted, clauses: [" "]}\n'
                   "                                             ^^^\n"
                   'help: write a clause id, such as `XII.C.1` or `"1.10"`\n'
                   f"{unknown}:10:41: error: the agreement has no clause `2.1x`\n"
                   '10 |   expect: {outcome: permitted, duties: ["2.1x"]}\n'
                   "                                             ^^^^^^\n"
                   "help: did you mean `2.1`?\n")


def test_an_expected_amount_in_a_unit_that_is_no_currency_of_the_agreement_is_bad_input(
        capsys, tmp_path):
    # an amount expected in an alias of the currency is that amount; one in a unit the
    # agreement lacks (`usd`), or in one that is not money, no clause could come to: it is
    # refused where it is written, not run and failed
    terms = tmp_path / "fees.agreement"
    terms.write_text('agreement "Fees" version "1".\neffective 2024-01-01.\n'
                     'action use "use".\ndata content "content".\n'
                     'unit USD "US dollars" measures money alias dollars.\n'
                     'unit requests "requests".\n'
                     "clause 1: licensee may use content.\n"
                     "clause F: licensee must pay 1 USD per 1,000 requests.\n")
    manifest = tmp_path / "m.yaml"
    usage = ("- name: fee\n  date: 2024-06-01\n  volume: [{amount: 1500, unit: requests}]\n"
             "  expect: {outcome: permitted, amounts: {F: %s}}\n")
    manifest.write_text(usage % "1.5 dollars")
    assert run(capsys, "test", str(manifest), "-a", str(terms))[:2] == (
        0, "PASS fee (%s:1)\n1 passed, 0 failed\n" % manifest)
    manifest.write_text(usage % "2 dollars")
    status, out, _ = run(capsys, "test", str(manifest), "-a", str(terms))
    assert status == 1 and "expected clause F to come to 2 USD; it comes to 1.5 USD" in out
    for said, error in (
            ("1.5 usd", "4:45: error: unknown unit `usd`\n"
                        "4 |   expect: {outcome: permitted, amounts: {F: 1.5 usd}}\n"
                        "                                                ^^^^^^^\n"
                        "help: the agreement defines: USD, dollars\n"),
            ("[1.5 USD, 2 requests]", "4:55: error: `requests` is not money\n"
                                      "4 |   expect: {outcome: permitted, amounts: {F: [1.5 USD, "
                                      "2 requests]}}\n"
                                      "                                                          "
                                      "^^^^^^^^^^\n"
                                      "help: write the amount in `USD` or `dollars`\n")):
        manifest.write_text(usage % said)
        status, out, err = run(capsys, "test", str(manifest), "-a", str(terms))
        assert (status, out, err) == (2, "0 passed, 0 failed, 1 problem(s) in the input\n",
                                      f"{manifest}:{error}")


def test_a_clause_id_yaml_reads_as_a_number_or_a_boolean_is_said_as_written(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    usage = "- app: city_dashboard\n  date: 2024-05-02\n"
    bad.write_text(usage + "  expect: {outcome: denied, duties: 2.40}\n"
                   + usage + "  expect: {outcome: denied, clauses: [3, yes]}\n")
    status, out, err = run(capsys, "test", str(bad), "-a", str(TERMS))
    assert (status, out) == (2, "0 passed, 0 failed, 2 problem(s) in the input\n")
    assert (f"{bad}:3:37: error: `2.40` is not a clause id\n"
            "3 |   expect: {outcome: denied, duties: 2.40}\n"
            "                                        ^^^^\n"
            'help: YAML reads `2.40` as a number: put a clause id in quotes, such as `"2.40"`\n'
            ) in err
    assert (f"{bad}:6:42: error: a boolean (`true`) is not a clause id\n" in err
            and "help: YAML reads `yes`, `no`, `on`, `off`, `true` and `false` as booleans: put "
            'a clause id in quotes, such as `"yes"`\n' in err)


def test_a_usage_name_used_twice_in_a_manifest_is_refused_at_the_second(capsys, tmp_path):
    manifest = tmp_path / "tests.yaml"
    manifest.write_text(MANIFEST + "- name: research read\n  app: city_dashboard\n"
                        "  action: store\n  purpose: research\n  date: 2024-05-02\n"
                        "  expect: denied\n"
                        "- {name: marketing read, app: newsletter, date: 2024-05-02, "
                        "expect: denied}\n")
    status, out, err = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS))
    assert status == 2 and "2 problem(s) in the input" in out
    assert err == (f"{manifest}:19:9: error: the usage name `research read` is used twice\n"
                   "19 | - name: research read\n"
                   "             ^^^^^^^^^^^^^\n"
                   "help: the first usage named so is at line 1; give each usage of the file a "
                   "name of its own\n"
                   f"{manifest}:25:10: error: the usage name `marketing read` is used twice\n"
                   "25 | - {name: marketing read, app: newsletter, date: 2024-05-02, expect: "
                   "denied}\n"
                   "              ^^^^^^^^^^^^^^\n"
                   "help: the first usage named so is at line 7; give each usage of the file a "
                   "name of its own\n")
    status, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS),
                         "--format", "junit")
    names = [case.get("name") for case in ET.fromstring(out).iter("testcase")]
    assert status == 2 and len(names) == len(set(names))


# ---- locations and formats --------------------------------------------------------------------


def test_a_decision_knows_its_usage_and_clause_locations(twitter):
    usage = contractdsl.usage.read_usages(TWITTER / "usages" / "microsoft-2022.yaml")[8]
    decision = contractdsl.permits(twitter, usage)
    data = decision.to_dict()
    assert (data["usage"], data["file"], data["line"]) == (
        "content to a government entity without prior notice",
        str(TWITTER / "usages" / "microsoft-2022.yaml"), 59)
    breached = next(r for r in decision.reasons if r.effect == "breached")
    lines = (TWITTER / "developer-agreement-2022.agreement").read_text().splitlines()
    assert breached.file == str(TWITTER / "developer-agreement-2022.agreement")
    assert lines[breached.line - 1].startswith('clause XII.C.1 "Government end users"')
    assert breached.end_line > breached.line
    unnamed = contractdsl.permits(twitter, {"app": "bing_pages", "date": "2022-06-30"})
    assert unnamed.to_dict()["usage"] == "bing_pages on 2022-06-30"
    assert unnamed.to_dict()["file"] is None


def schema():
    return json.loads((ROOT / "docs" / "report.schema.json").read_text())


@pytest.mark.parametrize("command", ["check", "permits", "test"])
def test_json_output_follows_the_published_schema(capsys, manifest, command, tmp_path):
    if command == "check":
        bad = tmp_path / "bad.agreement"
        bad.write_text(TERMS.read_text().replace("for marketing.", "for marketin."))
        policy = tmp_path / "policy.agreement"  # read with it (not as part of the examples' set)
        policy.write_text(POLICY.read_text())
        args = ["check", str(bad), str(policy), "--format", "json"]
    elif command == "permits":
        args = ["permits", *EXAMPLES, "--format", "json", "--", str(manifest)]
    else:
        args = ["test", str(manifest), "-a", str(TERMS), "-a", str(APPS), "--coverage",
                "--fail-under", "50", "--format", "json"]
    _, out, _ = run(capsys, *args)
    data = json.loads(out)
    jsonschema.validate(data, schema())
    assert data["command"] == command
    if command == "check":
        assert data["problems"][0]["code"] == "unknown-name"


def test_bad_input_is_reported_in_the_chosen_format_every_problem_at_once(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {app: city_dashboard, date: 2024-13-02}\n"
                   "- {app: city_dashboard, date: 2024-05-02}\n"
                   "- {app: city_dashbord, date: 2024-05-02}\n"
                   "- {app: city_dashboard, dat: 2024-05-02}\n")
    status, out, _ = run(capsys, "permits", *EXAMPLES, "--format", "json", "-u", str(bad))
    assert status == 2
    data = json.loads(out)
    jsonschema.validate(data, schema())
    # the usages that could be read are still checked against the agreement's names
    assert [(p["line"], p["message"]) for p in data["problems"]] == [
        (1, "`2024-13-02` is not a date or a date-time"),
        (3, "unknown app `city_dashbord`"),
        (4, "unknown usage field `dat`")]
    assert data["decisions"] == []
    status, out, _ = run(capsys, "permits", *EXAMPLES, "--format", "junit", "-u", str(bad))
    suite = ET.fromstring(out).find("testsuite")
    assert suite.get("errors") == "3" and len(suite.findall("testcase/error")) == 3
    status, _, err = run(capsys, "test", "--agreement", str(TERMS), "--agreement", str(APPS),
                         str(bad))
    assert status == 2
    assert [line.split(": error: ")[1] for line in err.splitlines() if ": error: " in line] == [
        "`2024-13-02` is not a date or a date-time", "unknown app `city_dashbord`",
        "unknown usage field `dat`"]
    good = tmp_path / "good.yaml"
    good.write_text(bad.read_text().splitlines()[1] + "\n" + bad.read_text().splitlines()[2])
    status, out, _ = run(capsys, "permits", *EXAMPLES, "--format", "json", "-u", str(good))
    data = json.loads(out)
    assert status == 2 and len(data["decisions"]) == 1
    assert data["problems"][0]["message"] == "unknown app `city_dashbord`"
    assert data["problems"][0]["line"] == 2


def test_junit_is_well_formed_whatever_a_title_holds(capsys, tmp_path):
    # (U+FFFE and U+FFFF, which XML refuses, went into the report as they were)
    agreement = tmp_path / "terms.agreement"
    agreement.write_text('agreement "T" version "1".\neffective 2024-01-01.\naction use "use".'
                         '\ndata content "content".\npurpose research "research".\napp tool '
                         '"Tool".\nclause 1 "Research \ufffe\uffff": licensee must not use '
                         'content for research.\n', encoding="utf-8")
    manifest = tmp_path / "tests.yaml"
    manifest.write_text("- {name: research, app: tool, purpose: research, date: 2024-05-01, "
                        "expect: permitted}\n")
    status, out, _ = run(capsys, "test", str(manifest), "-a", str(agreement), "--format",
                         "junit")
    assert status == 1
    [failure] = ET.fromstring(out).iter("failure")
    assert "clause 1 (Research \ufffd\ufffd)" in failure.text


def test_junit_carries_file_and_line(capsys, manifest):
    _, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS),
                    "--format", "junit")
    cases = ET.fromstring(out).findall("testsuite/testcase")
    assert [(c.get("file"), c.get("line")) for c in cases] == [(str(manifest), "1"),
                                                               (str(manifest), "7"),
                                                               (str(manifest), "13")]
    assert [c.find("failure") is not None for c in cases] == [False, False, True]


@pytest.mark.parametrize("gate, failed", [(90, True), (5, False)])
def test_junit_says_the_coverage_gate_as_a_test_case(capsys, manifest, gate, failed):
    """`--fail-under` below the coverage exits 1: the JUnit report said every case but one
    passed, and nothing of the gate."""
    status, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS),
                         "--format", "junit", "--coverage", "--fail-under", str(gate))
    assert status == 1  # (a usage not as expected fails it either way)
    suite = ET.fromstring(out).find("testsuite")
    (case,) = [c for c in suite.findall("testcase") if c.get("name").startswith("clause")]
    assert case.get("name") == f"clause coverage at least {gate}%"
    failure = case.find("failure")
    assert (failure is not None) == failed
    if failed:
        assert failure.get("message").startswith("clause coverage ")
        assert failure.get("message").endswith(f"% is below {gate}%")
    assert suite.get("failures") == str(1 + failed) and suite.get("tests") == "4"


def test_github_annotations_carry_the_usage_file_and_line(capsys, manifest, tmp_path):
    _, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS),
                    "--format", "github")
    (annotation, summary) = out.splitlines()
    assert annotation.startswith(f"::error file={manifest},line=13,title=wrongly expected")
    assert "::wrongly expected%3A expected permitted" not in annotation  # only titles escape `:`
    assert "::wrongly expected: expected permitted, got denied" in annotation
    assert "%0A" in annotation and "\n" not in annotation
    assert summary == "2 passed, 1 failed"
    _, out, _ = run(capsys, "permits", *EXAMPLES, "--format", "github", "--", str(manifest))
    assert out.count("::error file=") == 2 and out.endswith("1 permitted, 2 denied, 0 undetermined\n")
    bad = tmp_path / "bad.agreement"
    bad.write_text("agreement \"A\" version \"1\".\nlicensee \"D\"\n")
    _, out, _ = run(capsys, "check", str(bad), "--format", "github")
    assert out.startswith(f"::error file={bad},line=")


def sarif_schema():
    return json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


@pytest.mark.parametrize("command", ["check", "permits", "test"])
def test_sarif_validates_against_the_sarif_2_1_0_schema(capsys, manifest, tmp_path, command):
    bad = tmp_path / "bad.agreement"
    bad.write_text(TERMS.read_text().replace("for marketing.", "for marketin."))
    policy = tmp_path / "policy.agreement"  # read with it (not as part of the examples' set)
    policy.write_text(POLICY.read_text())
    args = {"check": ["check", str(bad), str(APPS), str(policy)],
            "permits": ["permits", *EXAMPLES, "--", str(manifest)],
            "test": ["test", str(manifest), "-a", str(TERMS), "-a", str(APPS)]}[command]
    _, out, _ = run(capsys, args[0], "--format", "sarif", *args[1:])
    log = json.loads(out)
    jsonschema.validate(log, sarif_schema())
    results = log["runs"][0]["results"]
    assert results
    location = results[0]["locations"][0]["physicalLocation"]
    if command == "check":
        assert results[0]["ruleId"] == "unknown-name"
        assert location["artifactLocation"]["uri"] == bad.as_uri()
    else:
        assert location["region"]["startLine"] in (7, 13)
        related = results[0]["relatedLocations"]
        assert all(r["physicalLocation"]["region"]["startLine"] >= 1 for r in related)


# ---- the project file -------------------------------------------------------------------------


def project(tmp_path, base_text=None):
    (tmp_path / "terms.agreement").write_text(base_text or TERMS.read_text())
    (tmp_path / "policy.agreement").write_text(POLICY.read_text())  # the terms incorporate it
    (tmp_path / "apps.agreement").write_text(APPS.read_text().replace(
        "approved for research labelled staging", "approved for reserch labelled staging"))
    (tmp_path / "tests.yaml").write_text(MANIFEST.split("- name: wrongly")[0])
    (tmp_path / "contractdsl.toml").write_text(
        '[[agreement]]\nname = "open data"\nversions = ["terms.agreement", '
        '"policy.agreement"]\n'
        'schedules = ["apps.agreement"]\ntests = ["*.yaml"]\n')


def test_a_schedule_checked_alone_is_checked_with_its_base(capsys, tmp_path, monkeypatch):
    project(tmp_path)
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "check", "apps.agreement")
    assert status == 1
    assert "apps.agreement:12:63: error: app `dashboard_staging` is approved for `reserch`" in out
    assert run(capsys, "check")[0] == 1  # no argument: the project's sets
    (tmp_path / "apps.agreement").write_text(APPS.read_text())
    assert run(capsys, "check", "apps.agreement") == (0, "", "")
    status, out, _ = run(capsys, "test")
    assert status == 0 and "2 passed, 0 failed" in out
    status, out, _ = run(capsys, "permits", "--", "tests.yaml")  # the agreement from the set
    assert status == 1 and "research read: permitted" in out


def test_a_bad_project_file_is_a_located_error(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.contractdsl]\n'
                                             'formt = "json"\n')
    status, _, err = run(capsys, "check", str(TERMS))
    assert status == 2
    assert "pyproject.toml:5:1: error: unknown project setting `formt`" in err
    assert "help: did you mean `format`?" in err


def test_this_repository_declares_its_agreement_sets():
    from contractdsl.project import find

    found = find(ROOT)
    names = [s.name for s in found.sets]
    assert names[:2] == ["twitter", "examples"]
    # a set per folder of agreement files (the X Terms of Service sit beside Twitter's)
    assert set(names) == {p.parent.name for p in (ROOT / "agreements").rglob("*.agreement")
                          if not p.name.endswith("_bad.agreement")}
    assert {p.name for p in found.sets[0].files} == {p.name for p in TWITTER_FILES}


# ---- the command line -------------------------------------------------------------------------


def test_did_you_mean_for_commands_and_options(capsys):
    status, _, err = run(capsys, "chek", str(TERMS))
    assert status == 2 and err == "error: unknown command `chek`\nhelp: did you mean `check`?\n"
    status, _, err = run(capsys, "check", str(TERMS), "--fromat", "json")
    assert status == 2
    assert err == "error: unknown option `--fromat` of `check`\nhelp: did you mean `--format`?\n"
    status, _, err = run(capsys, "check", str(TERMS), "--format", "sarfi")
    assert err == "error: unknown format `sarfi`\nhelp: did you mean `sarif`?\n"
    status, _, err = run(capsys, "render", str(TERMS), "--locale", "FR")  # in capitals
    assert err == "error: unknown locale `FR`\nhelp: did you mean `fr`?\n"


COMMANDS = "`check`, `permits`, `test`, `fmt`, `render`, `lint`, `diff`, `audit` or `lsp`"


@pytest.mark.parametrize("argv, said", [
    ([], f"error: no command given\nhelp: the commands are {COMMANDS}\n"),
    (["--bogus"], f"error: unknown option `--bogus`\nhelp: give a command first: {COMMANDS}\n"),
    (["check", "--format"], "error: option `--format` needs a value\nhelp: choose `text`, "
     "`json`, `junit`, `github` or `sarif`\n"),
    (["permits", "x.agreement", "-u"],
     "error: option `--usage` needs a value\nhelp: write `--usage FILE`\n"),
    (["diff", "x.agreement", "--versions", "1"],
     "error: option `--versions` needs 2 values\nhelp: write `--versions OLD NEW`\n"),
    (["check", "--quiet=yes"],
     "error: option `--quiet` takes no value, not `yes`\nhelp: write `--quiet` alone\n"),
    (["render"], "error: `contractdsl render` needs at least one AGREEMENT\n"
     "help: `contractdsl render --help` lists its options\n"),
    (["audit", "x.agreement"], "error: `contractdsl audit` needs `--log PATH`\n"
     "help: `contractdsl audit --help` lists its options\n"),
    # a day is YYYY-MM-DD, not another form of ISO 8601
    (["diff", "x.agreement", "y.agreement", "--since", "20240101"],
     "error: `20240101` is not a date\nhelp: write it as YYYY-MM-DD, e.g. 2023-04-29\n"),
])
def test_a_command_line_that_does_not_parse_is_said_in_one_line_with_help(capsys, argv, said):
    assert run(capsys, *argv) == (2, "", said)


def test_every_option_that_takes_one_value_is_refused_given_twice(capsys):
    """`render -f html -f text` rendered text, the first value dropped without a word; an
    option that takes one value (or one list, as `--old`) is refused given twice, naming it."""
    import argparse

    from contractdsl.cli import COMMANDS, _subparser, build_parser

    values = {"--since": ["2024-01-01"], "--fail-under": ["50"], "--versions": ["1", "2"]}
    parser, tried = build_parser(), set()
    for command in COMMANDS:
        for action in _subparser(parser, command)._actions:
            if not action.option_strings:
                continue
            if type(action).__name__ != "_Once":  # a flag, or repeatable
                assert action.nargs == 0 or isinstance(action, argparse._AppendAction), (
                    command, action.option_strings)
                continue
            name = max(action.option_strings, key=len)
            value = values.get(name) or [action.metavar.strip("{}").split(",")[-1]
                                         if action.metavar else "x"]
            help = (f"`{name}` takes one value: give it once" if action.nargs is None
                    else f"`{name}` is read once: give it once, with all its values")
            said = f"error: option `{name}` is given twice\nhelp: {help}\n"
            assert run(capsys, command, name, *value, action.option_strings[-1], *value) == (
                2, "", said)
            tried.add(f"{command} {name}")
    assert {"render --format", "render --locale", "render --output", "diff --old",
            "diff --versions", "audit --facts", "test --fail-under"} <= tried


@pytest.mark.parametrize("argv, dest, given", [
    (["permits", "t.agreement", "-u", "a.yaml", "--usage", "b.yaml"], "usage",
     ["a.yaml", "b.yaml"]),
    (["test", "-a", "a.agreement", "-a", "b.agreement"], "agreement",
     ["a.agreement", "b.agreement"]),
    (["audit", "a.agreement", "--log", "a.csv", "--log", "b.csv"], "log", ["a.csv", "b.csv"]),
    (["audit", "a.agreement", "--log", "a.csv", "--map", "app=a", "--map", "time=t"], "map",
     ["app=a", "time=t"]),
    (["lint", "--ignore", "CD101", "--ignore", "CD102"], "ignore", [["CD101"], ["CD102"]]),
])
def test_an_option_documented_as_repeatable_takes_every_value(argv, dest, given):
    from contractdsl.cli import parse

    assert getattr(parse(argv), dest) == given


@pytest.mark.parametrize("command", [["permits", str(TERMS), "-u"], ["test", "-a", str(TERMS)]])
def test_a_usage_file_that_cannot_be_read_is_said_of_no_place_in_text(capsys, tmp_path,
                                                                       command):
    missing = tmp_path / "missing.yaml"
    status, out, err = run(capsys, *command, str(missing))
    assert status == 2
    assert err.startswith(f"error: no such file: `{missing}`\n"
                          "help: check the path; it is read from the current folder\n")
    status, out, _ = run(capsys, *command, str(missing), "--format", "json")
    assert status == 2 and json.loads(out)["problems"][0]["file"] == "<input>"


def test_an_error_of_no_place_says_error(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "apps.agreement").write_text('schedule "Apps" for "Terms".\n')
    status, out, err = run(capsys, "lint", "apps.agreement")
    assert (status, out) == (2, "")
    assert err.startswith("error: there is no agreement text")


@pytest.mark.parametrize("command", [["lint"], ["diff", "apps.agreement"],
                                     ["permits", "-u", "usage.yaml"],
                                     ["test", "tests.yaml", "--agreement"]])
def test_a_schedule_alone_says_to_give_its_agreement_text_with_it(capsys, tmp_path, monkeypatch,
                                                                   command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "apps.agreement").write_text('schedule "Apps" for "Open Data Terms".\n')
    (tmp_path / "usage.yaml").write_text("action: read\ndate: 2024-05-02\n")
    (tmp_path / "tests.yaml").write_text("- name: a read\n  action: read\n  date: 2024-05-02\n"
                                         "  expect: permitted\n")
    status, out, err = run(capsys, *command, "apps.agreement")
    assert status == 2 and "Traceback" not in out + err
    assert err.startswith("error: there is no agreement text to judge a usage by, only schedules\n"
                          "help: give the agreement text the schedule is for (`Open Data Terms`) "
                          "along with it, both files read together as in `contractdsl permits "
                          "terms.agreement apps.agreement`\n")
    status, out, _ = run(capsys, *command, "apps.agreement", "--format", "json")
    (problem,) = json.loads(out)["problems"]
    assert status == 2 and problem["help"].startswith("give the agreement text the schedule is for")


def test_standard_input_is_dash(tmp_path):
    usage = "app: city_dashboard\naction: read\npurpose: research\ndate: 2024-05-02\n"
    env = {**os.environ, "PYTHONPATH": PACKAGE_PATH, "PYTHONSAFEPATH": "1"}
    result = subprocess.run([sys.executable, "-m", "contractdsl", "permits", *EXAMPLES, "-u",
                             "-"], input=usage, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("city_dashboard on 2024-05-02: permitted")
    result = subprocess.run([sys.executable, "-m", "contractdsl", "check", "-"],
                            input="agreement \"A\" version \"1\".\nlicensee \"D\"\n",
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1 and result.stdout.startswith("<stdin>:")
    result = subprocess.run([sys.executable, "-m", "contractdsl", "fmt", "-"],
                            input=APPS.read_text().replace("schedule ", "schedule  "),
                            capture_output=True, text=True, env=env)
    assert (result.returncode, result.stdout) == (0, APPS.read_text())


def test_fmt_diff_shows_the_change_and_writes_nothing(capsys, tmp_path):
    path = tmp_path / "apps.agreement"
    messy = APPS.read_text().replace('licensee "City', 'licensee   "City')
    path.write_text(messy)
    status, out, _ = run(capsys, "fmt", "--diff", str(path))
    assert status == 1
    assert f"--- {path} (as written)" in out
    assert '-licensee   "City Analytics B.V.".' in out and '+licensee "City Analytics B.V.".' in out
    assert path.read_text() == messy
    path.write_text(APPS.read_text())
    assert run(capsys, "fmt", "--diff", str(path)) == (0, "", "")


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(Terminal()) and not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())
    assert paint("denied", "red", True) == "\033[31mdenied\033[0m"


def test_a_terminal_shows_the_outcome_in_colour(monkeypatch, manifest):
    from contractdsl.cli.report import Report, write_text

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    decisions = contractdsl.permits_many(contractdsl.load(*EXAMPLES),
                                         contractdsl.usage.read_usages(manifest))
    out = Terminal()
    write_text(Report(command="permits", decisions=decisions), out, io.StringIO(),
               explain=lambda d: d.explain(), quiet=False)
    assert "research read: \033[32mpermitted\033[0m" in out.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    write_text(Report(command="permits", decisions=decisions), out, io.StringIO(),
               explain=lambda d: d.explain(), quiet=False)
    assert "\033[" not in out.getvalue()


# ---- small defects ----------------------------------------------------------------------------


def test_files_written_with_o_follow_the_umask(capsys, tmp_path):
    out = tmp_path / "agreement.md"
    previous = os.umask(0o022)
    try:
        assert main(["render", str(TERMS), "-o", str(out)]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    out.chmod(0o640)
    assert main(["render", str(TERMS), "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # an existing file keeps its own


def test_a_reason_without_a_clause_is_said_without_an_empty_citation():
    agreement = contractdsl.load(*EXAMPLES)
    decision = contractdsl.permits(agreement, {"app": "city_dashboard", "action": "store",
                                               "purpose": "research", "date": "2024-08-01"})
    text = decision.explain()
    assert "  - no clause in force permits the action `store`" in text
    assert " - : " not in text


def test_pending_duties_are_shown_when_a_usage_is_denied(twitter):
    decision = contractdsl.permits(twitter, {
        "app": "bing_pages_2", "action": "read", "purpose": "search_results_display",
        "date": "2022-06-30"})
    assert decision.outcome == "denied"
    assert "  subject to:\n  - no more than 450 API requests per 15 minutes per app at the " \
        "endpoint GET /2/tweets/search/recent, the search of the last seven days " \
        "(RL-v2; to do)" in decision.explain()
    assert "RL-v2" in decision.explain(locale="nl")


def test_a_500_usage_manifest_is_parsed_once(monkeypatch, tmp_path):
    """The YAML is parsed once, by PyYAML's C loader where it is built."""
    import yaml

    from contractdsl import usage as usage_module

    calls = []
    real = usage_module._parse_yaml
    monkeypatch.setattr(usage_module, "_parse_yaml", lambda text: calls.append(1) or real(text))
    monkeypatch.setattr(yaml, "compose", None)  # the second parse of before would fail
    monkeypatch.setattr(yaml, "load", None)
    path = tmp_path / "many.yaml"
    path.write_text("".join(f"- {{name: u{i}, app: city_dashboard, date: 2024-05-02}}\n"
                            for i in range(500)))
    assert len(usage_module.read_usages(path)) == 500 and calls == [1]
    if getattr(yaml, "__with_libyaml__", False):
        assert issubclass(usage_module._yaml_loader(), yaml.CSafeLoader)


def test_french_prose_puts_a_no_break_space_before_every_semicolon():
    import re

    for files in (TWITTER_FILES, [TERMS, APPS]):
        text = contractdsl.render(contractdsl.load(*files), locale="fr", format="markdown")
        assert ";" in text
        assert not re.search(r"[^\u00a0\u202f];", text), re.search(r".{20}[^\u00a0];", text)


def test_the_caret_is_under_the_problem_after_a_tab_or_a_wide_character():
    from contractdsl.errors import Diagnostic

    tab = Diagnostic(file="f", line=1, column=3, message="m", source_line="\tx bad", width=3)
    assert tab.format().splitlines()[2] == "    \t ^^^"
    wide = Diagnostic(file="f", line=1, column=4, message="m", source_line="表示 x bad", width=1)
    assert wide.format().splitlines()[2] == "    " + " " * 5 + "^"
    word = Diagnostic(file="f", line=1, column=1, message="m", source_line="表示 x", width=2)
    assert word.format().splitlines()[2] == "    ^^^^"


def test_a_schedule_error_is_reported_once_whatever_the_versions(capsys, tmp_path):
    apps = tmp_path / "apps.agreement"
    apps.write_text(APPS.read_text().replace("approved for research labelled staging",
                                             "approved for reserch labelled staging"))
    later = tmp_path / "terms-2.agreement"
    later.write_text(TERMS.read_text().replace('version "1"', 'version "2"')
                     .replace("effective 2024-01-01", "effective 2026-01-01")
                     .replace("terminates 2025-12-31", "terminates 2027-12-31"))
    status, out, _ = run(capsys, "check", str(TERMS), str(later), str(apps))
    assert status == 1 and out.count("`reserch`") == 1


def test_test_and_github_output_show_the_control_characters_of_a_name(capsys, tmp_path):
    manifest = tmp_path / "tests.yaml"
    manifest.write_text('- name: "x \\u001b[2J\\u001b[32mALL PASSED\\u0007\\rPASS"\n'
                        "  app: newsletter\n  action: read\n  purpose: marketing\n"
                        "  date: 2024-05-02\n  expect: permitted\n")
    for fmt in ("text", "github"):
        status, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS),
                             "--format", fmt)
        assert status == 1
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out
        assert "x ␛[2J␛[32mALL PASSED␇" in out
    status, out, _ = run(capsys, "test", str(manifest), "-a", str(TERMS), "-a", str(APPS))
    assert out.splitlines()[0].startswith("FAIL x ␛[2J␛[32mALL PASSED␇␍PASS (")


def test_a_line_feed_in_a_name_or_a_quoted_value_cannot_forge_an_output_line(capsys, tmp_path):
    usage = tmp_path / "usage.yaml"
    usage.write_text('- name: "x\\n::error file=README.md,line=1::forged\\u2028y"\n'
                     "  app: newsletter\n  action: read\n  purpose: marketing\n"
                     "  date: 2024-05-02\n  expect: permitted\n")
    for command, fmt in (("permits", "text"), ("test", "text"), ("permits", "github"),
                         ("test", "github")):
        args = ("--", str(usage)) if command == "permits" else (str(usage),)
        status, out, err = run(capsys, command, *(["-a"] if command == "test" else []),
                               str(TERMS), *(["-a"] if command == "test" else []), str(APPS),
                               "--format", fmt, *args)
        assert status == 1, (command, fmt, err)
        assert not any(line.startswith("::error file=README") for line in out.splitlines())
        assert "\u2028" not in out
    status, out, _ = run(capsys, "test", str(usage), "-a", str(TERMS), "-a", str(APPS))
    assert out.startswith("FAIL x␊::error file=README.md,line=1::forged")
    bad = tmp_path / "bad.yaml"
    bad.write_text('app: newsletter\ndate: 2024-05-02\npurpose: "mark\\n::error ::x"\n')
    status, _, err = run(capsys, "permits", *EXAMPLES, "--", str(bad))
    assert status == 2 and "unknown purpose `mark␊::error ::x`" in err
    assert not any(line.startswith("::error") for line in err.splitlines())
    status, _, err = run(capsys, "permits", *EXAMPLES, "--", str(tmp_path / "a\nb.yaml"))
    assert status == 2 and "error: no such file: `" in err and "a␊b.yaml`\nhelp: " in err


def test_the_schema_allows_every_effect_a_reason_can_have(capsys, tmp_path):
    from contractdsl.decision import EFFECTS

    reason = schema()["$defs"]["reason"]["properties"]["effect"]["enum"]
    assert sorted(reason) == sorted(EFFECTS)  # a Reason refuses any effect not in EFFECTS
    agreement = tmp_path / "tiers.agreement"
    agreement.write_text('agreement "Terms" version "1".\neffective 2024-01-01.\n'
                         'unit USD "US dollars" measures money.\naction use "use".\n'
                         'tier tier_1 "Usage tier 1" earned by paying at least 5 USD in total:\n'
                         "  use no more than 100 USD per calendar month.\n"
                         'clause 1 "Access":\n  licensee may use.\n')
    usage = tmp_path / "usage.yaml"
    for paid, effect in ((5, "earned"), (4, "not-earned")):
        usage.write_text(f"tier: tier_1\ndate: 2024-06-10\n"
                         f"payments: [{{amount: {paid}, unit: USD, paid: 2024-05-20}}]\n")
        _, out, _ = run(capsys, "permits", str(agreement), "--usage", str(usage), "-f", "json")
        data = json.loads(out)
        assert effect in [r["effect"] for r in data["decisions"][0]["reasons"]]
        jsonschema.validate(data, schema())
