"""Analysis: an Agreement (as its IR) to findings on its meaning; :func:`lint` is the entry."""

from .lint import Finding, lint

__all__ = ["Finding", "lint"]
