"""Syntax: one file's text to its Document (the model); :func:`parse_document` is the entry."""

from __future__ import annotations

from ..errors import AgreementError
from ..model import Document

__all__ = ["parse_document"]


def parse_document(text: str, filename: str = "<string>") -> Document:
    """Parse one file's text into a :class:`Document`; raises :class:`AgreementError`."""
    from lark.exceptions import UnexpectedInput

    from .build import build, read
    from .parser import parse_tree

    try:
        return read(text, filename)
    except (AgreementError, UnexpectedInput):
        pass  # the whole file's tree tells which of its errors comes first, in its own words
    tree, comments = parse_tree(text, filename)
    return build(tree, comments, text, filename)
