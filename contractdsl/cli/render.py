"""`contractdsl render AGREEMENT... [--locale en|nl|fr] [--format markdown|html|text] [-o FILE]`."""

from __future__ import annotations

import sys

from ..prose.render import FORMATS, LOCALES


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "render", help="render an agreement as prose (Markdown, HTML or text)",
        description="Render agreement versions and schedules, read together, as a document a "
        "lawyer can read: title, parties, definitions, tiers, apps and every clause in words.")
    parser.add_argument("agreements", nargs="+", metavar="AGREEMENT",
                        help="agreement versions and schedules, read together")
    parser.add_argument("--locale", "-l", choices=LOCALES, default="en",
                        help="language of the prose (default en)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="markdown",
                        help="markdown (default), html (a standalone page) or text")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output")
    parser.set_defaults(run=run)


def run(args) -> int:
    from .. import load
    from ..format import write_atomically
    from ..prose.render import render

    text = render(load(*args.agreements), locale=args.locale, format=args.format)
    if args.output:
        write_atomically(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
