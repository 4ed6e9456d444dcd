"""`contractdsl test [MANIFEST...]`: usages with expectations; each passes when its decision is as
expected. Exit 0 when all pass, 1 when any fails (or coverage is below --fail-under), 2 on bad
input."""

from __future__ import annotations

import attrs

from .. import model as m
from ..decision import Decision
from ..errors import Diagnostic
from . import add_choice, add_common
from .permits import LOCALES, decide, explainer
from .report import FORMATS, FileCoverage, Report, TestResult, exit_status, write


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "test", help="check that usages decide as their manifests expect",
        description="Decide each usage of the manifests and compare the decision with its "
        "`expect:` (the outcome, the clauses that must be cited, the clauses whose duties "
        "must come back). A manifest is tested against the agreement set of the project file "
        "that lists it under `tests`, or against the files given with --agreement. With no "
        "MANIFEST, every set's tests run. Exit status: 0 when every usage is as expected, 1 "
        "when one is not (or coverage is below --fail-under), 2 on bad input.")
    parser.add_argument("paths", nargs="*", metavar="MANIFEST",
                        help="YAML or JSON files of usages with `expect:` (`-`: standard input)")
    parser.add_argument("--agreement", "-a", action="append", default=[], metavar="FILE",
                        help="agreement versions and schedules to test against (repeatable; "
                        "default: the manifest's agreement set in the project file)")
    parser.add_argument("--coverage", action="store_true",
                        help="report, per agreement file, the clauses some test made decisive "
                        "and those none reached")
    parser.add_argument("--fail-under", type=percent, metavar="PERCENT",
                        help="with --coverage, exit 1 when less than PERCENT of the clauses "
                        "were reached")
    add_choice(parser, "--format", "-f", what="format", choices=FORMATS,
               help="text for people (default), json, junit, github (workflow annotations) "
               "or sarif")
    add_choice(parser, "--locale", "-l", what="locale", choices=LOCALES,
               help="language of the explanations of failing usages (default en)")
    add_common(parser)
    parser.set_defaults(run=run)


def percent(value: str) -> float:
    """`--fail-under`'s argument to a number from 0 to 100; anything else is bad input."""
    from ..errors import InputError
    from ..project import is_percent

    try:
        number = float(value)
    except ValueError:
        number = None
    if not is_percent(number):
        raise InputError(f"`--fail-under` takes a number from 0 to 100, not `{value}`\nhelp: "
                         "give the share of clauses the tests must reach, e.g. "
                         "`--fail-under 80`")
    return number


def compare(decision: Decision, units=None) -> tuple[str, ...]:
    """How a decision differs from its usage's expectation: empty when it is as expected.
    ``units`` maps each name of a unit of the agreement (an alias too) to its unit, so that
    an amount expected in an alias of a currency (`dollars` for `USD`) is the same amount."""
    expect = decision.usage.expect
    if units:
        expect = attrs.evolve(expect, amounts=tuple(
            (clause, tuple(None if one is None else
                           (one[0], getattr(units.get(one[1]), "name", one[1]))
                           for one in said))
            for clause, said in expect.amounts))
    differences = []
    if decision.outcome != expect.outcome:
        differences.append(f"expected {expect.outcome}, got {decision.outcome}")
    cited = decision.clauses
    for clause in expect.clauses:
        if clause not in cited:
            differences.append(f"expected clause {clause} among the reasons; cited: "
                               + (", ".join(cited) or "none"))
    duties = tuple(dict.fromkeys(d.clause for d in decision.obligations))
    for clause in expect.duties:
        if clause not in duties:
            differences.append(f"expected a duty of clause {clause}; duties: "
                               + (", ".join(duties) or "none"))
    for clause, wanted in expect.amounts_said():
        said = [(_amount_said(item), item) for item in (*decision.obligations, *decision.licensor)
                if item.clause == clause and _amount_said(item) is not None]
        amounts = [amount for amount, _ in said]
        # one amount is what each of the clause's duties comes to; several, each in turn
        if not said or amounts != (wanted * len(said) if len(wanted) == 1 else wanted):
            differences.append(
                f"expected clause {clause} to come to {' then '.join(wanted)}; it comes to "
                + (" then ".join(f"{amount}{_part_said(item, len(said))}"
                                 for amount, item in said) or "no amount"))
    return tuple(differences)


def _part_said(item, count: int) -> str:
    """The days an amount is owed for, where a clause comes to several: ` from 2024-01-01 to
    2024-01-31`."""
    part = getattr(item, "part", None)
    return "" if count == 1 or part is None else f" {part}"


def _amount_said(item) -> str | None:
    """The amount a duty or a right of the licensor comes to, as a manifest writes it:
    `30000 USD`, `undetermined`; None when it shows none."""
    if getattr(item, "status", None) == "undetermined":
        return "undetermined"
    if item.amount is None:
        return None
    return f"{item.amount.exact} {item.amount.currency}"


def plan(paths: list[str], agreements: list[str], project) -> tuple[dict, list[Diagnostic]]:
    """Manifests grouped by the agreement files they are tested against, and the manifests no
    agreement could be found for."""
    groups: dict[tuple[str, ...], list[str]] = {}
    orphans = []
    if not paths and not agreements:
        for agreement_set in project.sets:
            key = tuple(str(p) for p in agreement_set.files)
            groups.setdefault(key, []).extend(str(t) for t in agreement_set.tests)
        return groups, orphans
    for path in paths:
        if agreements:
            key = tuple(agreements)
        else:
            agreement_set = project.set_of(path) if path != "-" else None
            if agreement_set is None:
                orphans.append(Diagnostic(
                    file=path, line=1, column=1, code="no-agreement",
                    message="no agreement to test this manifest against",
                    help="list it under `tests` of an agreement set in the project file, or "
                    "name the agreement with `--agreement FILE`"))
                continue
            key = tuple(str(p) for p in agreement_set.files)
        groups.setdefault(key, []).append(path)
    return groups, orphans


def coverage(agreement, decisions) -> list[FileCoverage]:
    """Per file of the agreement, its clauses and those some decision cites as decisive (the
    licensee's rules: not the licensor's, nor the clauses that incorporate documents)."""
    reached = {cited for d in decisions for r in d.reasons if r.decisive
               for cited in _cited(agreement, r)}
    # a money clause is reached by a decision that computes what it comes to, in each text
    # the amount is owed under (a fee carried over unchanged is said once, `also` the later)
    reached |= {(file, o.clause) for d in decisions for o in d.obligations
                if o.amount is not None
                for file in (o.file, *(also[0] for also in o.also))}
    found = []
    for document in agreement.documents:
        file = document.span.file if document.span else None
        clauses = tuple(c.id for c in document.clauses if c.party != "licensor"
                        and not isinstance(c, m.Incorporation))
        found.append(FileCoverage(file=file or "<string>", clauses=clauses, covered=frozenset(
            c for c in clauses if (file, c) in reached)))
    return found


def merged(found: list[FileCoverage], more: list[FileCoverage]) -> list[FileCoverage]:
    """The coverage of each file once: a file of several agreement sets (the terms two
    licensees' schedules are read with) is reached by what the tests of any of them reach."""
    at = {item.file: index for index, item in enumerate(found)}
    found = list(found)
    for item in more:
        if item.file in at:
            index = at[item.file]
            found[index] = attrs.evolve(found[index], covered=found[index].covered | item.covered)
        else:
            at[item.file] = len(found)
            found.append(item)
    return found


def _cited(agreement, reason) -> set[tuple]:
    """(file, clause) of the clause a reason cites in each text it is about: a reason said
    once over the parts of several versions, where its clause means the same in each (see
    docs/semantics.md, section 2), is about the clause of each version whose days it holds in."""
    found = {(reason.file, reason.clause)}
    part = reason.part
    text = next((t for t in agreement.texts if t.span and t.span.file == reason.file), None)
    if part is None or text is None:
        return found
    for other in agreement.texts:
        if other is text or other.title != text.title or other.span is None or \
                all(c.id != reason.clause for c in other.clauses):
            continue
        start, end = agreement.version_bounds(other)
        if (start is None or start <= part.end) and (end is None or part.start <= end):
            found.add((other.span.file, reason.clause))
    return found


def refuse_agreements(paths: list[str], agreements: list[str]) -> None:
    """An agreement file among the manifests is refused: it goes with `-a`."""
    import shlex

    from ..errors import InputError

    given = [p for p in paths if p.endswith(".agreement")]
    if given:
        manifests = [shlex.quote(p) for p in paths if p not in given] or ["MANIFEST"]
        options = [f"-a {shlex.quote(p)}" for p in (*agreements, *given)]
        raise InputError(f"`{given[0]}` is an agreement file, not a manifest\nhelp: give the "
                         f"agreement with `-a`: `contractdsl test {' '.join(options + manifests)}`")


def run(args) -> int:
    from ..errors import InputError
    from ..project import find

    if args.fail_under is not None and not args.coverage:
        # a gate that would silently not be applied
        raise InputError("`--fail-under` needs `--coverage`: without it no coverage is "
                         "measured\nhelp: add `--coverage`")
    project = find()
    fmt = args.format or project.option("format", "text")
    locale = args.locale or project.option("locale", "en")
    fail_under = args.fail_under if args.fail_under is not None else \
        project.option("fail-under")
    refuse_agreements(args.paths, args.agreement)
    groups, orphans = plan(args.paths, args.agreement, project)
    if not groups and not orphans:
        raise InputError("no manifest given, and no agreement set with tests in a project file"
                         "\nhelp: name the manifests, or list them as `tests` of an agreement "
                         "set in the project file")
    report = Report(command="test", problems=orphans, fail_under=fail_under if args.coverage
                    else None, coverage=[] if args.coverage else None)
    explained = {}
    for agreement_files, manifests in groups.items():
        agreement, decisions = decide(report, list(agreement_files), manifests)
        tested = len(report.tests)  # the tests before are another set's
        units = _units(agreement) if decisions else {}
        for decision in decisions:
            explained[id(decision)] = agreement
            if decision.usage.expect is None:
                report.problems.append(_unexpected(decision))
                continue
            unknown = _unknown_clauses(agreement, decision.usage) + \
                _unknown_units(units, decision.usage)
            if unknown:
                report.problems.extend(unknown)
                continue
            report.tests.append(TestResult(decision=decision,
                                           differences=compare(decision, units)))
        if args.coverage and agreement is not None:
            report.coverage = merged(report.coverage, coverage(
                agreement, [t.decision for t in report.tests[tested:]]))

    def explain(decision):
        return explainer(locale, explained.get(id(decision)))(decision)

    write(report, fmt, explain=explain, quiet=args.quiet)
    status = exit_status(report)
    if status is not None:
        return status
    if any(not t.passed for t in report.tests):
        return 1
    if report.fail_under is not None and report.total_coverage < report.fail_under:
        return 1
    return 0


def _unknown_clauses(agreement, usage) -> list[Diagnostic]:
    """The clause ids an expectation names that no clause (nor `tier NAME`) of the agreement
    has: a mistake in the manifest, which no decision could meet."""
    from ..errors import did_you_mean
    from ..usage import usage_problem

    ids = {c.id for document in agreement.documents for c in document.clauses} \
        | {f"tier {t.name}" for document in agreement.documents for t in document.tiers}
    expect = usage.expect
    named = [(("expect", key, index), clause) for key in ("clauses", "duties")
             for index, clause in enumerate(getattr(expect, key))]
    named += [(("expect", "amounts"), clause) for clause, _ in expect.amounts]
    return [diagnostic for path, clause in named if clause not in ids
            for diagnostic in usage_problem(
                usage, path, f"the agreement has no clause `{clause}`",
                did_you_mean(clause, ids) or "expect a clause by its id, as the agreement "
                "writes it after `clause`").diagnostics]


def _units(agreement) -> dict:
    """Each name of a unit the agreement's documents define (an alias too), to its unit."""
    return {name: unit for document in agreement.documents for unit in document.units
            for name in (unit.name, *unit.aliases)}


def _unknown_units(units: dict, usage) -> list[Diagnostic]:
    """The amounts an expectation names in a unit the agreement does not define, or in one
    that is not money: a mistake in the manifest, which no amount a clause comes to could
    meet (`1.5 usd` for `1.5 USD`)."""
    from ..errors import defined_help
    from ..usage import _listed, usage_problem

    money = [name for name, unit in units.items() if unit.measures == "money"]
    found = []
    for clause, said in usage.expect.amounts:
        for index, one in enumerate(said):
            unit = None if one is None else one[1]
            if unit is None or unit in money:
                continue
            if unit in units:
                message, help = f"`{unit}` is not money", (
                    f"write the amount in {_listed(money)}" if money
                    else "the agreement defines no unit of money")
            else:
                message = f"unknown unit `{unit}`"
                help = defined_help(unit, money, "unit of money")
            path = ("expect", "amounts", clause) + ((index,) if len(said) > 1 else ())
            found.extend(usage_problem(usage, path, message, help).diagnostics)
    return found


def _unexpected(decision: Decision) -> Diagnostic:
    usage = decision.usage
    return Diagnostic(file=usage.file or "<usage>", line=usage.line or 1, column=1,
                      code="no-expectation",
                      message=f"the usage `{usage.describe()}` has no `expect:`",
                      help=f"add e.g. `expect: {decision.outcome}` to say what it should decide")


