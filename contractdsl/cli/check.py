"""`contractdsl check PATH...`: diagnostics for agreement files; exit 0 clean, 1 errors, 2 unreadable."""

from __future__ import annotations

import json
import sys

from ..errors import AgreementError


def add_parser(sub) -> None:
    parser = sub.add_parser("check", help="check agreement files and report every problem",
                            description="Parse and check agreement files (versions and "
                            "schedules read together) and report every problem found.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="agreement or schedule files")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default), json for machines")
    parser.set_defaults(run=run)


def run(args) -> int:
    from .. import check, load

    try:
        diagnostics = check(load(*args.paths))
    except AgreementError as err:
        diagnostics = err.diagnostics
    if args.format == "json":
        json.dump([d.to_dict() for d in diagnostics], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format())
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        if diagnostics:
            print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if any(d.severity == "error" for d in diagnostics) else 0
