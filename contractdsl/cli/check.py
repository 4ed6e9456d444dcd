"""`contractdsl check [PATH...]`: diagnostics for agreement files; exit 0 clean, 1 errors, 2
unreadable. A file of an agreement set named in the project file is checked with its set."""

from __future__ import annotations


from ..errors import ContractError
from . import add_choice, add_common
from .report import FORMATS, Report, problems_of, write


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "check", help="check agreement files and report every problem",
        description="Parse and check agreement files (versions and schedules read together) and "
        "report every problem found. A file that belongs to an agreement set of the project "
        "file is checked with the rest of its set; with no PATH, every set is checked.")
    add_files(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def add_files(parser) -> None:
    """The agreement files to read and the output format, as `check` and `lint` take them."""
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="agreement or schedule files (`-`: standard input)")
    add_choice(parser, "--format", "-f", what="format", choices=FORMATS,
               help="text for people (default), json, junit, github (workflow annotations) "
               "or sarif")


def groups(paths: list[str], project) -> list[list[str]]:
    """The files to read together: each named file's agreement set (once), then the files of
    no set, together; with no file named, every set of the project."""
    if not paths:
        return [[str(p) for p in s.files] for s in project.sets]
    found: list[list[str]] = []
    alone: list[str] = []
    for path in paths:
        agreement_set = project.set_of(path) if path != "-" else None
        if agreement_set is None:
            alone.append(path)
            continue
        files = [str(p) for p in agreement_set.files]
        if files not in found:
            found.append(files)
    return found + ([alone] if alone else [])


def to_read(paths: list[str], project) -> list[list[str]]:
    """The files to read together (:func:`groups`); none is bad input."""
    from ..errors import InputError

    todo = groups(paths, project)
    if not todo:
        raise InputError("no agreement file given, and no agreement set in a project file\n"
                         "help: name the files, or list them in `[tool.contractdsl]` of "
                         "pyproject.toml")
    return todo


def run(args) -> int:
    from .. import check, load
    from ..project import find

    project = find()
    fmt = args.format or project.option("format", "text")
    report = Report(command="check")
    for files in to_read(args.paths, project):
        try:
            diagnostics = check(load(*files))
        except ContractError as err:
            if fmt == "text" and not err.diagnostics:
                raise
            diagnostics = problems_of(err)
        report.problems.extend(d for d in diagnostics if d not in report.problems)
    write(report, fmt, quiet=args.quiet)
    if any(d.code == "input" for d in report.problems):
        return 2
    return 1 if any(d.severity == "error" for d in report.problems) else 0


