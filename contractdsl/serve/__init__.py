"""Language server: an editor's requests over stdio to answers about agreement files; :func:`serve` is the entry."""

from __future__ import annotations

__all__ = ["serve"]


def serve(quiet: bool = False) -> None:
    """Answer an editor's Language Server Protocol requests on standard input and output; with
    ``quiet``, its notes on standard error are only of errors, not warnings."""
    from .server import serve as _serve

    _serve(quiet=quiet)
