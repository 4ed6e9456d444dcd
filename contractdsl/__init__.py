"""contractdsl: developer agreements as rules a machine can check."""

from __future__ import annotations

from .errors import AgreementError, ContractError, Diagnostic, InputError, UsageError
from .model import Agreement, Document

__version__ = "0.1.0"

__all__ = ["Agreement", "AgreementError", "ContractError", "Diagnostic", "Document",
           "InputError", "UsageError", "check", "load", "parse", "__version__"]


def parse(text: str, filename: str = "<string>") -> Agreement:
    """Parse one agreement or schedule text into an :class:`Agreement`."""
    from .loader import parse as _parse

    return _parse(text, filename)


def load(*paths) -> Agreement:
    """Read agreement files (versions of one agreement and its schedules) as one agreement."""
    from .loader import load as _load

    return _load(*paths)


def check(agreement: Agreement) -> list[Diagnostic]:
    """Every semantic problem in an agreement, collected at once."""
    from .checker import check as _check

    return _check(agreement)
