"""What `check`, `permits` and `test` found, written in the format asked for: text for people,
json (described by docs/report.schema.json), junit, github workflow annotations or sarif 2.1.0.

A :class:`Report` holds the decisions, the test results, the coverage and the problems (bad
input, as diagnostics) of one run; each format writes all of them, so bad input is reported in
the format the run was asked for.
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any, TextIO
from xml.etree import ElementTree as ET

import attrs

from ..decision import DENIED, PERMITTED, UNDETERMINED, Decision
from ..errors import NOWHERE, Diagnostic, inline, visible
from ..project import REPORTS

FORMATS = REPORTS
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@attrs.frozen(kw_only=True)
class TestResult:
    """A usage with an expectation, its decision, and how the decision differs (empty: passed)."""

    decision: Decision
    differences: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.differences


@attrs.frozen(kw_only=True)
class FileCoverage:
    """The clauses of one agreement file, and those some test made decisive."""

    file: str
    clauses: tuple[str, ...]
    covered: frozenset[str]

    @property
    def uncovered(self) -> tuple[str, ...]:
        return tuple(c for c in self.clauses if c not in self.covered)

    @property
    def percent(self) -> float:
        return 100.0 * len(self.covered) / len(self.clauses) if self.clauses else 100.0


@attrs.define(kw_only=True)
class Report:
    command: str
    decisions: list[Decision] = attrs.Factory(list)
    tests: list[TestResult] = attrs.Factory(list)
    problems: list[Diagnostic] = attrs.Factory(list)
    coverage: list[FileCoverage] | None = None
    fail_under: float | None = None
    lint: list | None = None  # lint: the findings (also among the problems, as warnings)
    diff: Any = None  # `diff`: a contractdsl.analysis.diff.Diff
    locale: str = "en"

    @property
    def total_coverage(self) -> float:
        clauses = sum(len(c.clauses) for c in self.coverage or ())
        covered = sum(len(c.covered) for c in self.coverage or ())
        return 100.0 * covered / clauses if clauses else 100.0


# ---- colour -----------------------------------------------------------------------------------

COLOURS = {"red": "31", "green": "32", "yellow": "33", "bold": "1", "dim": "2"}
OUTCOME_COLOUR = {PERMITTED: "green", DENIED: "red", UNDETERMINED: "yellow"}


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def paint(text: str, colour: str, on: bool) -> str:
    return f"\033[{COLOURS[colour]}m{text}\033[0m" if on else text


# ---- text -------------------------------------------------------------------------------------


def where(file: str | None, line: int | None) -> str:
    return f"{file}:{line}" if file and line else (file or "")


def write_text(report: Report, out: TextIO, err: TextIO, *, explain, quiet: bool) -> None:
    colour = use_colour(out)
    for problem in report.problems:
        text = problem.format()
        if use_colour(err):
            head, _, rest = text.partition("\n")
            head = head.replace(f" {problem.severity}:", " " + paint(
                f"{problem.severity}:", "red" if problem.severity == "error" else "yellow",
                True), 1)
            text = head + ("\n" + rest if rest else "")
        print(text, file=out if report.command in ("check", "lint") else err)
    if report.command == "test":
        _text_tests(report, out, explain, quiet, colour)
    else:
        shown = [d for d in report.decisions if not (quiet and d.outcome == PERMITTED)]
        blocks = []
        for decision in shown:
            text = explain(decision)
            head, _, rest = text.partition("\n")
            word = decision.outcome
            if colour and head.endswith(word):
                head = head[: -len(word)] + paint(word, OUTCOME_COLOUR[word], True)
            blocks.append(head + ("\n" + rest if rest else ""))
        if blocks:
            print("\n\n".join(blocks), file=out)
    if report.coverage is not None:
        _text_coverage(report, out, quiet)
    if report.diff is not None:
        out.write(diff_text(report.diff, report.locale, quiet=quiet, colour=colour))
    if report.command == "check" and report.problems and not quiet:
        errors = sum(d.severity == "error" for d in report.problems)
        print(f"{errors} error(s), {len(report.problems) - errors} warning(s)", file=err)
    if report.command == "lint" and report.lint and not quiet:
        print(f"{len(report.lint)} finding(s)", file=err)


def _text_tests(report: Report, out: TextIO, explain, quiet: bool, colour: bool) -> None:
    for test in report.tests:
        if quiet and test.passed:
            continue
        usage = test.decision.usage
        label = paint("PASS", "green", colour) if test.passed else paint("FAIL", "red", colour)
        shown = inline(f"{usage.describe()} ({where(usage.file, usage.line)})")
        print(f"{label} {shown}", file=out)
        if not test.passed:
            for difference in test.differences:
                print(f"  {inline(difference)}", file=out)
            for line in explain(test.decision).splitlines():
                print(f"    {line}", file=out)
    failed = sum(not t.passed for t in report.tests)
    summary = f"{len(report.tests) - failed} passed, {failed} failed"
    if report.problems:
        summary += f", {len(report.problems)} problem(s) in the input"
    print(summary, file=out)


def _text_coverage(report: Report, out: TextIO, quiet: bool) -> None:
    if not report.coverage:  # (no agreement was read: nothing to measure)
        print("coverage: no agreement was read, so none is measured", file=out)
        return
    print("coverage (clauses some test made decisive):", file=out)
    for item in report.coverage or ():
        print(f"  {inline(item.file)}: {len(item.covered)} of {len(item.clauses)} "
              f"({item.percent:.0f}%)", file=out)
        if item.uncovered and not quiet:
            print(f"    not reached: {', '.join(item.uncovered)}", file=out)
    line = f"  total: {report.total_coverage:.0f}%"
    if report.fail_under is not None:
        low = report.total_coverage < report.fail_under
        line += f" ({'below' if low else 'at or above'} --fail-under {report.fail_under:g}%)"
    print(line, file=out)


def diff_text(diff, locale: str = "en", *, quiet: bool = False, colour: bool = False) -> str:
    """A diff for people: each region of change (with ``quiet``, only those the new text
    narrows), with its counterexample and the clauses on each side; the names added and
    removed; the redline in ``locale``."""
    from ..analysis.diff import usage_text

    head = f"{diff.old_title} -> {diff.new_title}" if diff.old_title != diff.new_title \
        else diff.old_title
    since = f" from {diff.since}" if diff.since else ""
    if diff.successor:
        since += ", the new version following the old"
    lines = [f"{head}{since}: {len(diff.changes)} region(s) of change, "
             f"{sum(c.narrows for c in diff.changes)} narrowing", ""]
    painted = {}  # the line of each region's kind of change: its kind, in its colour
    for change in diff.changes:
        if quiet and not change.narrows:
            continue
        when = f"from {change.start}" if change.start else "always"
        if change.end is not None:
            when += f" to {change.end}"
        kind = change.kind.replace("-to-", " -> ")
        painted[len(lines)] = (kind, "red" if change.narrows else "yellow")
        lines.append(f"{kind} {when}")
        for facet, label in (("app", "apps"), ("action", "actions"), ("act", "acts"),
                             ("data", "data"), ("purpose", "purposes"),
                             ("recipient", "recipients"), ("tier", "tiers")):
            named = change.names(facet)
            if named or facet not in ("action", "act", "data"):  # (acts: no action, no data)
                lines.append(f"  {label}: {', '.join(n or '(none)' for n in named)}")
        if change.without:
            lines.append(f"  not stating: {', '.join(change.without)}")
        lines.append(f"  e.g. {usage_text(change.example)}")
        for label, side in (("old", change.old), ("new", change.new)):
            cited = "; ".join(f"{c}" + (f" ({t})" if t else "") + (
                f" at {where(f, n)}" if f else "") for c, t, f, n in side.clauses)
            lines.append(f"  {label}: {side.outcome}" + (f" by {cited}" if cited else ""))
        for label, duties in (("duties added", change.added_duties),
                              ("duties removed", change.removed_duties)):
            if duties:
                lines.append(f"  {label}: " + "; ".join(duties))
        lines.append("")
    for kind, (added, removed) in diff.vocabulary.items():
        for label, names in (("added", added), ("removed", removed)):
            if names:
                lines.append(f"{kind} {label} (usages naming it are judged by one text "
                             f"only): {', '.join(names)}")
    if diff.unshown:
        lines.append(f"{len(diff.unshown)} cell(s) judged differently that no usage tried "
                     "could show")
    if diff.vocabulary or diff.unshown:
        lines.append("")
    # each line one line: a file name or a value with a line feed cannot start another
    lines = [inline(line) for line in (*lines, *diff.render_redline(locale).split("\n"))]
    for index, (kind, hue) in painted.items():
        lines[index] = paint(kind, hue, colour) + lines[index][len(kind):]
    return "\n".join(lines)


# ---- json -------------------------------------------------------------------------------------


def to_data(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data, valid under docs/report.schema.json."""
    from .. import __version__

    data: dict[str, Any] = {"tool": "contractdsl", "version": __version__,
                            "command": report.command}
    if report.command not in ("check", "lint"):
        data["decisions"] = [d.to_dict() for d in report.decisions]
    if report.command == "test":
        data["tests"] = [{"usage": t.decision.usage.describe(), "file": t.decision.usage.file,
                          "line": t.decision.usage.line, "passed": t.passed,
                          "expected": t.decision.usage.expect.to_dict(),
                          "outcome": t.decision.outcome,
                          "differences": list(t.differences)} for t in report.tests]
    if report.diff is not None:
        data["diff"] = report.diff.to_dict()
    if report.coverage is not None:
        data["coverage"] = {
            "total": round(report.total_coverage, 2), "fail_under": report.fail_under,
            "files": [{"file": c.file, "clauses": list(c.clauses), "covered": sorted(c.covered),
                       "uncovered": list(c.uncovered), "percent": round(c.percent, 2)}
                      for c in report.coverage]}
    if report.lint is not None:
        data["findings"] = [f.to_dict() for f in report.lint]
    data["problems"] = [d.to_dict() for d in report.problems]
    return data


# ---- junit ------------------------------------------------------------------------------------


def junit(report: Report, explain) -> str:
    """JUnit XML: a test case per usage (with its file and line), a failure per usage denied or
    undetermined (permits) or not as expected (test) and per lint finding, an error per problem
    in the input; with `--fail-under`, a test case of the coverage, failed below it."""
    suite = ET.Element("testsuite", name=f"contractdsl {report.command}")
    cases = failures = 0
    if report.command == "test":
        for test in report.tests:
            case = _case(suite, test.decision)
            cases += 1
            if not test.passed:
                failures += 1
                failure = ET.SubElement(case, "failure", message="; ".join(test.differences),
                                        type="expectation")
                failure.text = explain(test.decision)
        if report.coverage is not None and report.fail_under is not None:  # the gate: a case
            cases += 1
            case = ET.SubElement(suite, "testcase", classname="test",
                                 name=f"clause coverage at least {report.fail_under:g}%")
            if report.total_coverage < report.fail_under:
                failures += 1
                ET.SubElement(case, "failure", type="coverage", message=(
                    f"clause coverage {report.total_coverage:.0f}% is below "
                    f"{report.fail_under:g}%"))
    else:
        for decision in report.decisions:
            case = _case(suite, decision)
            cases += 1
            if decision.outcome != PERMITTED:
                failures += 1
                failure = ET.SubElement(case, "failure", message=decision.outcome,
                                        type=decision.outcome)
                failure.text = explain(decision)
            else:
                ET.SubElement(case, "system-out").text = explain(decision)
    # a lint finding (a warning) fails its test case; another command's warning is skipped
    warned = "failure" if report.command == "lint" else "skipped"
    for problem in report.problems:
        cases += 1
        case = ET.SubElement(suite, "testcase", classname=report.command,
                             name=f"{problem.file}:{problem.line}", file=problem.file,
                             line=str(problem.line))
        failed = ET.SubElement(case, "error" if problem.severity == "error" else warned,
                               message=problem.message, type=problem.code or problem.severity)
        failed.text = problem.format()
    errors = sum(p.severity == "error" for p in report.problems)
    skipped = len(report.problems) - errors
    if warned == "failure":
        failures, skipped = failures + skipped, 0
    for element in (suite,):
        element.set("tests", str(cases))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
        element.set("skipped", str(skipped))
    suites = ET.Element("testsuites", tests=str(cases), failures=str(failures),
                        errors=str(errors))
    suites.append(suite)
    # XML allows no control characters (a usage's name may hold one): each is shown as a
    # symbol; nor U+FFFE and U+FFFF (a clause's title or a source line may hold them): `�`
    for element in suites.iter():
        if element.text:
            element.text = _xml_text(element.text)
        for key, value in element.attrib.items():
            element.set(key, _xml_text(value))
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    """``text`` as :func:`visible` shows it, with no character XML 1.0 refuses."""
    return _NOT_XML.sub("\ufffd", visible(text))


def _case(suite: ET.Element, decision: Decision) -> ET.Element:
    usage = decision.usage
    attributes = {"classname": suite.get("name", "").split()[-1], "name": usage.describe()}
    if usage.file:
        attributes.update(file=usage.file, line=str(usage.line))
    return ET.SubElement(suite, "testcase", attributes)


# ---- findings: the shared source of github annotations and sarif results ----------------------


@attrs.frozen(kw_only=True)
class Finding:
    rule: str
    level: str  # error, warning, note
    message: str
    title: str
    file: str | None
    line: int | None
    end_line: int | None = None
    column: int | None = None
    end_column: int | None = None
    related: tuple[tuple[str, int, int, str], ...] = ()  # file, line, end line, what


def findings(report: Report) -> list[Finding]:
    found = [Finding(rule=p.code or "error", level=p.severity, message=p.message + (
        f"\nhelp: {p.help}" if p.help else ""), title=f"contractdsl {report.command}",
        file=None if p.file.startswith("<") else p.file, line=p.line, end_line=p.end_line,
        column=p.column, end_column=p.end_column) for p in report.problems]
    if report.command == "test":
        for test in report.tests:
            if not test.passed:
                found.append(_finding(test.decision, "expectation-not-met", "error",
                                      "; ".join(test.differences)))
    else:
        for decision in report.decisions:
            if decision.outcome != PERMITTED:
                level = "error" if decision.outcome == DENIED else "warning"
                found.append(_finding(decision, decision.outcome, level, decision.outcome))
    for change in report.diff.changes if report.diff is not None else ():
        found.append(_change_finding(change))
    if report.coverage is not None and report.fail_under is not None \
            and report.total_coverage < report.fail_under:
        found.append(Finding(rule="coverage", level="error", title="contractdsl test",
                             message=f"clause coverage {report.total_coverage:.0f}% is below "
                             f"{report.fail_under:g}%", file=None, line=None))
    return found


def _finding(decision: Decision, rule: str, level: str, summary: str) -> Finding:
    usage = decision.usage
    cited = [r for r in decision.reasons if r.decisive]
    lines = [f"{usage.describe()}: {summary}"]
    lines += [f"{r.cite()}: {r.text}" for r in cited]
    related = tuple((file, line, end_line or line, r.cite()) for r in cited
                    for file, line, end_line in ((r.file, r.line, r.end_line), *r.also)
                    if file and line)
    return Finding(rule=rule, level=level, message="\n".join(lines),
                   title=f"{usage.describe()}: {summary}", file=usage.file, line=usage.line,
                   related=related)


def _change_finding(change) -> Finding:
    """A region of change, located at the first clause the new text decides it by (else the
    old text's), with every clause on both sides as related locations."""
    from ..analysis.diff import usage_text

    when = f"from {change.start}" if change.start else "always"
    summary = f"{change.kind.replace('-to-', ' -> ')} {when}"
    lines = [summary, f"e.g. {usage_text(change.example)}"]
    related = []
    for label, side in (("old", change.old), ("new", change.new)):
        lines.append(f"{label}: {side.outcome} by " + (
            ", ".join(c for c, *_ in side.clauses) or "no clause"))
        related += [(f, n, n, f"{label}: clause {c}") for c, _, f, n in side.clauses if f and n]
    at = next(((f, n) for f, n, _, what in related if what.startswith("new")),
              related[0][:2] if related else (None, None))
    return Finding(rule=change.kind, level="error" if change.narrows else "warning",
                   message="\n".join(lines), title=f"contractdsl diff: {summary}",
                   file=at[0], line=at[1], related=tuple(related))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(report: Report) -> str:
    """GitHub Actions workflow commands: an annotation per problem, per usage denied or
    undetermined (permits) or failing its expectation (test), at the usage's file and line."""
    out = []
    for f in findings(report):
        command = {"error": "error", "warning": "warning"}.get(f.level, "notice")
        props = []
        if f.file:
            props.append(f"file={_escape_property(f.file)}")
            if f.line:
                props.append(f"line={f.line}")
                if f.end_line and f.end_line != f.line:
                    props.append(f"endLine={f.end_line}")
                elif f.column:
                    props.append(f"col={f.column}")
                    if f.end_column:
                        props.append(f"endColumn={f.end_column}")
        props.append(f"title={_escape_property(f.title)}")
        out.append(f"::{command} {','.join(props)}::{_escape_data(f.message)}")
    tests = report.tests if report.command == "test" else ()
    if tests:
        failed = sum(not t.passed for t in tests)
        out.append(f"{len(tests) - failed} passed, {failed} failed")
    elif report.command == "permits":
        outcomes = [d.outcome for d in report.decisions]
        out.append(", ".join(f"{outcomes.count(o)} {o}" for o in (PERMITTED, DENIED,
                                                                  UNDETERMINED)))
    # a name's control characters (an escape byte, a bell) are shown, never sent to the runner
    return visible("\n".join(out)) + ("\n" if out else "")


def sarif(report: Report) -> str:
    """SARIF 2.1.0: one run, a result per finding, located at the usage (or the problem), with
    the clauses that decided it as related locations."""
    from .. import __version__

    found = findings(report)
    rules = sorted({f.rule for f in found})
    results = []
    for f in found:
        result: dict[str, Any] = {"ruleId": f.rule, "ruleIndex": rules.index(f.rule),
                                  "level": f.level if f.level in ("error", "warning") else "note",
                                  "message": {"text": f.message}}
        if f.file:
            region: dict[str, int] = {}
            if f.line:
                region["startLine"] = f.line
                if f.column:
                    region["startColumn"] = f.column
                if f.end_line:
                    region["endLine"] = f.end_line
                if f.end_column and f.end_line == f.line:
                    region["endColumn"] = f.end_column
            location: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.file)}}
            if region:
                location["region"] = region
            result["locations"] = [{"physicalLocation": location}]
        if f.related:
            result["relatedLocations"] = [
                {"id": index, "message": {"text": what}, "physicalLocation": {
                    "artifactLocation": {"uri": _uri(file)},
                    "region": {"startLine": line, "endLine": end}}}
                for index, (file, line, end, what) in enumerate(f.related)]
        results.append(result)
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "contractdsl", "version": __version__,
                            "rules": [{"id": rule, "shortDescription": {"text": rule},
                                       **_rule_description(report, rule)}
                                      for rule in rules]}},
        "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule_description(report: Report, rule: str) -> dict[str, Any]:
    """A lint rule's name and what it finds, for SARIF's rule metadata."""
    if not report.lint:
        return {}
    from ..analysis.lint import RULES

    found = RULES.get(rule)
    if found is None:
        return {}
    return {"name": found.RULE.name, "fullDescription": {"text": found.RULE.summary}}


def _uri(file: str) -> str:
    """A file as a SARIF artifact URI: relative paths stay relative (to the checkout)."""
    from pathlib import PurePath
    from urllib.parse import quote

    path = PurePath(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


# ---- entry ------------------------------------------------------------------------------------


def write(report: Report, format: str, *, explain=None, quiet: bool = False,
          out: TextIO | None = None, err: TextIO | None = None) -> None:
    """Write ``report`` to standard output (text problems of permits and test: standard error)."""
    out = out or sys.stdout
    err = err or sys.stderr
    explain = explain or (lambda decision: decision.explain())
    if format == "json":
        json.dump(to_data(report), out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif format == "junit":
        out.write(junit(report, explain))
    elif format == "github":
        out.write(github(report))
    elif format == "sarif":
        out.write(sarif(report))
    else:
        write_text(report, out, err, explain=explain, quiet=quiet)


def problems_of(err: Exception) -> list[Diagnostic]:
    """The diagnostics of an error for bad input; one without a place in a file (a file that
    cannot be read, a wrong command line) is said of `<input>` (:data:`NOWHERE`)."""
    found = list(getattr(err, "diagnostics", ()))
    if found:
        return found
    message, _, help = str(err).partition("\nhelp: ")
    return [Diagnostic(file=NOWHERE, line=1, column=1, message=message, help=help or None,
                       code="input")]


def exit_status(report: Report) -> int | None:
    """2 when the input had errors, else None (the command's own outcome decides)."""
    return 2 if any(p.severity == "error" for p in report.problems) else None
