"""`contractdsl audit AGREEMENT... --log PATH...`: an agreement checked against API logs; exit
0/1/3 as the audit's outcome, 2 on bad input."""

from __future__ import annotations

import sys

from . import add_choice, add_common, writer

FORMATS = ("text", "json", "markdown", "html")
EXIT = {"permitted": 0, "denied": 1, "undetermined": 3}


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "audit", help="check an agreement against API logs",
        description="Check every row of API logs against the agreement: the outcome of each "
        "group of terms with its clauses, every window over a limit, every breached duty, and "
        "what each app used. Exit status: 0 when all is permitted, 1 when anything is denied, "
        "3 when something is undetermined and nothing denied, 2 on bad input.")
    parser.add_argument("agreements", nargs="+", metavar="AGREEMENT",
                        help="agreement versions and schedules, read together")
    parser.add_argument("--log", action="append", default=[], metavar="PATH", required=True,
                        help="a Parquet, CSV or JSON Lines file, a folder (Hive-partitioned or "
                        "not), a glob pattern, or `-`: standard input, JSON Lines where it "
                        "starts with `{`, else CSV (repeatable)")
    parser.add_argument("--facts", metavar="FILE",
                        help="a YAML file of dated facts: notices, approvals, requests")
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                        help="read a field from a column of another name: "
                        "`time=ts,app=client_id`, or a YAML file of such pairs (repeatable)")
    add_choice(parser, "--format", "-f", what="format", choices=FORMATS,
               help="text for people (default), json (findings with stable ids), markdown or "
               "html (a self-contained page with charts)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write the findings to FILE (written whole, or not at all; `-`: "
                        "standard output)")
    add_choice(parser, "--engine", what="engine", choices=("duckdb", "spark"),
               help="the SQL engine that runs the audit: duckdb (default, embedded) or spark "
               "(the master from SPARK_MASTER, else local[*])")
    add_common(parser)
    parser.set_defaults(run=run)


def progress(quiet: bool):
    """Stage lines on standard error when it is a terminal and not silenced."""
    if quiet or not sys.stderr.isatty():
        return None

    def say(text: str) -> None:
        print(f"\r\033[K{text}…", end="", file=sys.stderr, flush=True)

    return say


def run(args) -> int:
    from .. import load
    from ..audit import audit
    from ..audit.html import page
    write = writer(args.output)
    agreement = load(*args.agreements)
    say = progress(args.quiet)
    try:
        found = audit(agreement, args.log, facts=args.facts, columns=args.map or None,
                      engine=args.engine or "duckdb", progress=say)
    finally:
        if say is not None:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    fmt = args.format or "text"
    text = {"text": found.to_text, "json": found.to_json,
            "markdown": found.to_markdown, "html": lambda: page(found)}[fmt]()
    write(text)  # as `render -o` writes: whole or not at all, never into a folder
    return EXIT[found.outcome]
