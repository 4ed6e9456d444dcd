"""Syntax: one file's text to its Document (the model); :func:`parse_document` is the entry."""

from __future__ import annotations

from ..model import Document

__all__ = ["parse_document"]


def parse_document(text: str, filename: str = "<string>") -> Document:
    """Parse one file's text into a :class:`Document`; raises :class:`AgreementError`."""
    from .build import build
    from .parser import parse_tree

    tree, comments = parse_tree(text, filename)
    return build(tree, comments, text, filename)
