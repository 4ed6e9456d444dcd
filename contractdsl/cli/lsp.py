"""`contractdsl lsp`: the language server, for editors, over standard input and output."""

from __future__ import annotations

from ..errors import InputError
from . import add_common


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "lsp", help="run the language server an editor talks to over standard input and output",
        description="Run the language server (the Language Server Protocol over standard input "
        "and output) that gives an editor the problems of agreement files as they are typed, "
        "hover prose, go to definition, references, rename, completion, formatting and quick "
        "fixes. It needs the `lsp` extra: pip install 'contractdsl[lsp]'. It writes nothing "
        "but the protocol on standard output; --quiet keeps its notes on standard error to "
        "errors.")
    add_common(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    try:
        from ..serve import server  # noqa: F401 - needs pygls, which the `lsp` extra installs
    except ImportError as err:
        missing = (err.name or "pygls").split(".")[0]
        raise InputError(f"the language server needs `{missing}`",
                         help="install it with `pip install 'contractdsl[lsp]'`") from None
    from ..serve import serve

    serve(quiet=args.quiet)
    return 0
