"""Analysis: an Agreement (through its Program, the IR) to findings about its meaning; :func:`lint` is the entry."""

from .lint import Finding, lint

__all__ = ["Finding", "lint"]
