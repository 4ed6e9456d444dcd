"""`contractdsl render AGREEMENT... [--locale en|nl|fr] [--format markdown|html|text] [-o FILE]`."""

from __future__ import annotations

from ..prose.render import FORMATS, LOCALES
from . import add_choice, add_common, writer


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "render", help="render an agreement as prose (Markdown, HTML or text)",
        description="Render agreement versions and schedules, read together, as a document a "
        "lawyer can read: title, parties, definitions, tiers, apps and every clause in words.")
    parser.add_argument("agreements", nargs="+", metavar="AGREEMENT",
                        help="agreement versions and schedules, read together (`-`: standard "
                        "input)")
    add_choice(parser, "--locale", "-l", what="locale", choices=LOCALES, default="en",
               help="language of the prose (default en)")
    add_choice(parser, "--format", "-f", what="format", choices=FORMATS, default="markdown",
               help="markdown (default), html (a standalone page) or text")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output (`-`: "
                        "standard output)")
    add_common(parser)
    parser.set_defaults(run=run, after_dashes="agreements")


def run(args) -> int:
    from .. import load, render

    write = writer(args.output)
    # an agreement with errors is refused, with every error located (exit 2)
    write(render(load(*args.agreements), locale=args.locale, format=args.format))
    return 0
