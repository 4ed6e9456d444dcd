"""Loading: agreement files to one Agreement, through the parse cache; :func:`load` is the entry."""

from __future__ import annotations

from ..syntax import parser as _parser
from . import cache as _cache
from .loader import load

__all__ = ["load"]

# The syntax stage builds its parser once per process; this stage keeps it on disk between runs.
_parser.builder = _cache.parser
