"""Prose: an Agreement (or a Decision) to Markdown, HTML or text; :func:`render` is the entry."""

from .render import render

__all__ = ["render"]
