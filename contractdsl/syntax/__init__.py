"""Syntax: one file's text to its Document (the model); :func:`parse_document` is the entry."""

from __future__ import annotations

from ..errors import AgreementError
from ..model import Document

__all__ = ["parse_document"]


def parse_document(text: str, filename: str = "<string>") -> Document:
    """Parse one file's text into a :class:`Document`; raises :class:`AgreementError`: at
    syntax errors, with every one of them and no document; for a file read to its end that
    holds problems (a date not in the calendar, a window of 0 days, ...), with every one of
    them, and the file as read (the error's ``document``, its ``problems`` the same) for the
    checker to find the rest."""
    from lark.exceptions import UnexpectedInput

    from .build import build, read
    from .parser import parse_tree, refuse

    try:
        document = read(text, filename)
    except (AgreementError, UnexpectedInput) as err:
        if isinstance(err, UnexpectedInput):  # its syntax errors, read again with no tree
            refuse(text, filename)
        # the whole file's tree tells which of its errors comes first, in its own words
        tree, comments = parse_tree(text, filename)
        document = build(tree, comments, text, filename)
    if document.problems:
        raise AgreementError(f"{len(document.problems)} error(s) in `{filename}`",
                             document.problems, document=document)
    return document
