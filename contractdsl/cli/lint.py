"""`contractdsl lint [PATH...]`: findings of the lint rules in agreement files; exit 0 clean, 1
findings or errors, 2 unreadable. A file of an agreement set named in the project file is
linted with its set."""

from __future__ import annotations

from . import add_common
from .check import add_files, to_read
from .report import Report, problems_of, write


def codes(value: str) -> list[str]:
    """`CD101,CD105` to the codes it names (an unknown one, or none, is the project's own
    error)."""
    from ..analysis.lint import codes as rule_codes

    return rule_codes(value, required=True)


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "lint", help="find dead, shadowed, contradictory and needless clauses",
        description="Read agreement files (versions and schedules read together) for clauses "
        "that can never apply, permissions a prohibition overrides, exceptions that lift "
        "nothing or everything, duties that cannot be met or outlive their clause, needless "
        "definitions, unreachable limits and duplicate clauses (docs/lint.md). Exit status: 0 "
        "when nothing is found, 1 on a finding or an error in the agreement, 2 on bad input.")
    add_files(parser)
    parser.add_argument("--select", action="append", type=codes, metavar="CODES",
                        help="run only these rules (comma-separated codes, repeatable)")
    parser.add_argument("--ignore", action="append", type=codes, default=[], metavar="CODES",
                        help="do not run these rules (comma-separated codes, repeatable)")
    add_common(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from .. import load
    from ..analysis import lint
    from ..errors import ContractError
    from ..project import find

    project = find()
    fmt = args.format or project.option("format", "text")
    report = Report(command="lint", lint=[])
    todo = to_read(args.paths, project)
    select = None if args.select is None else [c for group in args.select for c in group]
    ignore = [c for group in args.ignore for c in group]
    for files in todo:
        try:
            found = lint(load(*files), select=select, ignore=ignore)
        except ContractError as err:
            if fmt == "text" and not err.diagnostics:
                raise
            report.problems.extend(d for d in problems_of(err) if d not in report.problems)
            continue
        report.lint.extend(found)
        report.problems.extend(f.to_diagnostic() for f in found)
    write(report, fmt, quiet=args.quiet)
    if any(d.code == "input" for d in report.problems):
        return 2
    return 1 if report.problems else 0
