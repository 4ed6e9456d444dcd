"""Semantics: an Agreement (model) to its Program (the IR); :func:`lower` is the entry."""

from .lower import lower

__all__ = ["lower"]
