"""`contractdsl fmt PATH... [--check]`: rewrite agreement files in the canonical layout."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import AgreementError, InputError
from ..files import read_once, refuse_nul, refuse_slash
from . import add_common


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "fmt", help="rewrite agreement files in the canonical layout",
        description="Rewrite agreement files in the canonical layout, keeping every comment. "
        "With --check or --diff, change nothing and exit 1 if a file would change. `-` reads "
        "standard input and prints the formatted text.")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="agreement or schedule files, or folders to search for "
                        "*.agreement files")
    parser.add_argument("--check", action="store_true",
                        help="list the files that would change and exit 1 if any would")
    parser.add_argument("--diff", action="store_true",
                        help="print what would change as a unified diff, change nothing, and "
                        "exit 1 if any file would change")
    parser.add_argument("--stdout", action="store_true",
                        help="print the formatted text instead of rewriting the files (not "
                        "with --check or --diff, which print no formatted text)")
    add_common(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..format import format_text, write_atomically
    from ..files import read_text, source_name

    if args.stdout and (args.check or args.diff):
        option, does = ("--check", "list the files that would change") if args.check else (
            "--diff", "print what would change as a diff")
        raise InputError(f"`--stdout` cannot go with `{option}`, which prints no formatted text",
                         help=f"leave out `--stdout` to {does}, or `{option}` to print the "
                         "formatted text")
    formatted: list[tuple[str, str, str]] = []
    problems = []
    for path in expand(args.paths):
        text = read_text(path)
        try:
            formatted.append((path, text, format_text(text, source_name(path))))
        except AgreementError as err:
            problems.extend(err.diagnostics)
    if problems:
        # Nothing is written when any file has a syntax error.
        raise AgreementError(f"{len(problems)} file(s) cannot be formatted", problems)
    changed = [(path, new) for path, old, new in formatted if old != new]
    if args.diff:
        for path, old, new in formatted:
            sys.stdout.writelines(unified_diff(old, new, source_name(path)))
    if args.check:  # standard input too: `would reformat <stdin>`
        for path, _ in changed:
            # what fails: said even with --quiet; beside a diff, on standard error, so that
            # standard output stays a patch
            print(f"would reformat {source_name(path)}",
                  file=sys.stderr if args.diff else sys.stdout)
    if args.check or args.diff:
        return 1 if changed else 0
    if args.stdout or any(str(path) == "-" for path, _, _ in formatted):
        for _, _, new in formatted:
            sys.stdout.write(new)
        return 0
    for path, new in changed:
        write_atomically(path, new)
        if not args.quiet:
            print(f"reformatted {path}")
    return 0


def unified_diff(old: str, new: str, name: str) -> list[str]:
    """What formatting changes in a file, as a unified diff that `patch` applies: every line
    of it (the `---`, `+++` and `@@` lines too) ends as the formatted file's lines end (CRLF
    for a file saved on Windows), a line is what ends at a line feed, and a last line
    without its end is marked so."""
    import difflib

    from ..format import line_end

    end = line_end(new)
    found = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"{name} (as written)",
                                     f"{name} (formatted)", lineterm=end):
        found.append(line)
        if not line.endswith("\n"):  # the file's last line, which has no end
            found.append(f"{end}\\ No newline at end of file{end}")
    return found


def _lines(text: str) -> list[str]:
    """A text's lines, each with its end: a line ends at a line feed alone (a form feed or a
    line separator in a comment ends none)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def expand(names) -> list[str]:
    """Files as given (each name as written, so that a message says it so), each once; a folder
    stands for every `*.agreement` file under it, and one that holds none is bad input (a
    folder mistaken for another would pass `--check`)."""
    import os

    read_once(names, "one agreement file", files=False)
    paths: list[str] = []
    for name in names:
        if not name:
            raise InputError("a file name is empty",
                             help="give the path of an agreement file or a folder")
        refuse_nul(name)
        refuse_slash(name)
        if name == "-":
            paths.append(name)
            continue
        found = [str(p) for p in sorted(Path(name).rglob("*.agreement"))] \
            if os.path.isdir(name) else [name]
        if not found:
            raise InputError(f"the folder `{name}` holds no `*.agreement` file",
                             help="give the folder of the agreement files, or the files")
        paths.extend(found)
    once: dict[str, str] = {}  # a file named and found in a folder named is formatted once
    for path in paths:
        once.setdefault("-" if path == "-" else os.path.realpath(path), path)
    return list(once.values())
