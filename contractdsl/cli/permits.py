"""`contractdsl permits AGREEMENT... --usage FILE...`: one decision per usage; exit 0/1/3, 2 on bad input."""

from __future__ import annotations

import gc

from ..decision import DENIED, PERMITTED, UNDETERMINED
from . import add_choice, add_common
from .report import FORMATS, Report, exit_status, problems_of, write
from ..errors import visible

EXIT = {PERMITTED: 0, DENIED: 1, UNDETERMINED: 3}
LOCALES = ("en", "nl", "fr")


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "permits", help="decide whether usages are licensed",
        description="Decide whether each usage is licensed by the agreement. Exit status: 0 "
        "when all are permitted, 1 when any is denied, 3 when any is undetermined and none "
        "denied, 2 on bad input.")
    parser.add_argument("agreements", nargs="*", metavar="AGREEMENT",
                        help="agreement versions and schedules, read together (none: the "
                        "agreement set of the project file whose tests hold the usage files)")
    parser.add_argument("--usage", "-u", action="append", default=[], metavar="FILE",
                        help="a YAML or JSON file holding a usage or a list of named usages "
                        "(repeatable; `-`: standard input; usage files may also follow `--`)")
    add_choice(parser, "--format", "-f", what="format", choices=FORMATS,
               help="text for people (default), json, junit, github (workflow annotations) "
               "or sarif")
    add_choice(parser, "--locale", "-l", what="locale", choices=LOCALES,
               help="language of the explanations in text and JUnit output (default en; JSON "
               "is always English)")
    add_common(parser)
    parser.set_defaults(run=run, after_dashes="usage")


def agreement_files(agreements: list[str], usage_files: list[str], project) -> list[str]:
    """The agreement files given, or those of the project's set that the usage files test."""
    from ..errors import InputError

    if agreements:
        return agreements
    sets = {id(s): s for s in (project.set_of(f) for f in usage_files) if s is not None}
    if len(sets) == 1:
        return [str(p) for p in next(iter(sets.values())).files]
    raise InputError("no agreement file given\nhelp: name the agreement files before "
                     "`--usage`, or list the usage files as `tests` of an agreement set in the "
                     "project file")


def decide(report: Report, agreement_paths: list[str], usage_files: list[str]):
    """Load the agreement, read every usage file and decide each usage, every problem of the
    input collected into ``report``; returns the agreement (None when it has errors) and the
    decisions, which are also added to the report."""
    from .. import load, permits
    from ..errors import ContractError
    from ..usage import read_usages_apart

    try:
        agreement = load(*agreement_paths)
        from .. import compile

        compile(agreement)
    except ContractError as err:
        report.problems.extend(problems_of(err))
        agreement = None
    usages = []
    for path in usage_files:
        try:
            found, problems = read_usages_apart(path)
        except ContractError as err:
            report.problems.extend(problems_of(err))
            continue
        if not problems:
            usages.extend(found)
            continue
        # a file with a bad usage is not decided; its other usages' names are still checked,
        # so that every problem of the file is reported at once, in the order of the file
        for usage in found if agreement is not None else ():
            try:
                permits(agreement, usage)
            except ContractError as err:
                problems.extend(problems_of(err))
        problems.sort(key=lambda p: (p.line, p.column))
        report.problems.extend(problems)
    if agreement is None:
        return None, []
    decisions = []
    # A large batch allocates many small objects that all live until the output is written:
    # the collector would only walk them again and again, so it rests while the batch is decided.
    gc.disable()
    try:
        for usage in usages:
            try:
                decisions.append(permits(agreement, usage))
            except ContractError as err:
                report.problems.extend(p for p in problems_of(err) if p not in report.problems)
    finally:
        gc.enable()
    report.decisions.extend(decisions)
    return agreement, decisions


def explainer(locale: str, agreement):
    def explain(decision) -> str:
        # in Dutch and French, each cited clause is also said in that language
        return visible(decision.explain(locale=locale,
                                        agreement=agreement if locale != "en" else None))

    return explain


def run(args) -> int:
    from ..errors import InputError
    from ..project import find
    from ..files import read_once

    project = find()
    usage_files, paths = list(args.usage), list(args.agreements)
    if not usage_files:
        # `contractdsl permits A.agreement usages.yaml`: the files that are not agreements
        usage_files = [p for p in paths if not p.endswith(".agreement")]
        paths = [p for p in paths if p.endswith(".agreement")]
    if not usage_files:
        raise InputError("no usage given\nhelp: add `--usage FILE`, or name the usage files "
                         "after `--`")
    read_once(paths + usage_files, "one agreement or usage file")
    agreements = agreement_files(paths, usage_files, project)
    fmt = args.format or project.option("format", "text")
    locale = args.locale or project.option("locale", "en")
    report = Report(command="permits")
    agreement, decisions = decide(report, agreements, usage_files)
    if fmt == "text" and report.problems and not decisions:
        from ..errors import ContractError

        raise ContractError("bad input", report.problems)
    write(report, fmt, explain=explainer(locale, agreement), quiet=args.quiet)
    status = exit_status(report)
    if status is not None:
        return status
    outcomes = {d.outcome for d in decisions}
    if DENIED in outcomes:
        return EXIT[DENIED]
    if UNDETERMINED in outcomes:
        return EXIT[UNDETERMINED]
    return 0
