"""`contractdsl diff OLD NEW`: what an amendment changes, by meaning; exit 1 when it denies a
usage the old text permitted, 2 on bad input."""

from __future__ import annotations

import datetime as _dt

from . import add_choice, add_common
from .report import Report, exit_status, problems_of, write

FORMATS = ("text", "json", "sarif")
LOCALES = ("en", "nl", "fr")
EXIT_NARROWS = 1


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "diff", help="what an amendment changes: usages decided differently, and a redline",
        description="Compare two agreements by meaning: every region of usages the new text "
        "decides differently from the old, each with a counterexample usage, the clauses on "
        "each side and the date from which it applies; the names added and removed; and a "
        "redline of the clauses. OLD and NEW are two files, or two sets of files given with "
        "--old and --new, or two versions of the files read together (--versions). A later "
        "version of the old text's agreement is judged as its successor, as the two versions "
        "read together: a clause it carries over binds from the old text's day. Exit "
        "status: 0, or 1 when the new text denies a usage the old one permitted, 2 on bad "
        "input.")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="OLD and NEW; with --versions, the agreement files read together")
    parser.add_argument("--old", nargs="+", metavar="FILE", default=[],
                        help="the old text's files (its version and schedules)")
    parser.add_argument("--new", nargs="+", metavar="FILE", default=[],
                        help="the new text's files")
    parser.add_argument("--versions", nargs=2, metavar=("OLD", "NEW"),
                        help="compare these two versions (their `version` names) of the files")
    parser.add_argument("--since", type=_day, metavar="DATE",
                        help="compare usages from this day on (default: the day the new text "
                        "takes effect)")
    add_choice(parser, "--format", "-f", what="format", choices=FORMATS,
               help="text for people (default), json or sarif")
    add_choice(parser, "--locale", "-l", what="locale", choices=LOCALES,
               help="language of the redline (default en)")
    add_common(parser)
    parser.set_defaults(run=run, after_dashes="files")


def _day(text: str) -> _dt.date:
    """`--since`'s day, written YYYY-MM-DD as every day of a usage (not `20230429`)."""
    from ..analysis.diff import day
    from ..errors import InputError
    from ..usage import _DAY

    if not _DAY.fullmatch(text):
        raise InputError(f"`{text}` is not a date", help="write it as YYYY-MM-DD, e.g. 2023-04-29")
    return day(text)


def agreements(args):
    """The old and the new agreement the arguments name."""
    from .. import load
    from ..analysis.diff import version
    from ..errors import InputError
    from ..files import read_once

    # the old and the new text may share a file (a schedule); each set is read once by `load`
    read_once([*args.files, *args.old, *args.new], "one of the files", files=False)

    if args.versions:
        if args.old or args.new or not args.files:
            raise InputError("`--versions` compares versions of the files read together\n"
                             "help: give the files, without `--old` and `--new`")
        agreement = load(*args.files)
        return version(agreement, args.versions[0]), version(agreement, args.versions[1])
    if args.old or args.new:
        if not (args.old and args.new) or args.files:
            raise InputError("`--old` and `--new` go together, without other files\n"
                             "help: contractdsl diff --old OLD.agreement --new NEW.agreement")
        return load(*args.old), load(*args.new)
    if len(args.files) != 2:
        raise InputError(f"`diff` compares two files, not {len(args.files)}\nhelp: contractdsl "
                         "diff OLD NEW, or --old FILE... --new FILE..., or FILE... --versions "
                         "OLD NEW")
    return load(args.files[0]), load(args.files[1])


def run(args) -> int:
    from ..analysis.diff import diff
    from ..errors import ContractError
    from ..project import find

    project = find()
    fmt = args.format or project.option("format", "text")
    fmt = fmt if fmt in FORMATS else "text"
    report = Report(command="diff", locale=args.locale or project.option("locale", "en"))
    try:
        old, new = agreements(args)
        report.diff = diff(old, new, since=args.since)
    except ContractError as err:
        if fmt == "text":
            raise
        report.problems.extend(problems_of(err))
    write(report, fmt, quiet=args.quiet)
    status = exit_status(report)
    if status is not None:
        return status
    return EXIT_NARROWS if report.diff.narrows else 0
