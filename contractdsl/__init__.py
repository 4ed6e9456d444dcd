"""contractdsl: developer agreements as rules a machine can check."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Union

from .errors import AgreementError, ContractError, Diagnostic, InputError, UsageError, expect_text
from .model import Agreement, Document

if TYPE_CHECKING:
    from .analysis.lint import Finding
    from .decision import Decision, Decisions, Duty, Outcome, Reason
    from .semantics.ir import Program
    from .usage import Usage, Volume

    #: What ``permits`` accepts as a usage: a Usage, a mapping of its fields, or the path of a
    #: YAML or JSON file holding one usage.
    UsageLike = Union[Usage, Mapping[str, Any], str, os.PathLike[str]]

    def permits(agreement: Agreement | Program, usage: UsageLike) -> Decision:
        """Decide whether ``usage`` is licensed under ``agreement``."""
        ...

    def permits_many(agreement: Agreement | Program,
                     usages: Iterable[UsageLike]) -> Decisions:
        """Decide many usages against one agreement, compiling it once."""
        ...

__version__ = "0.1.0"

__all__ = ["Agreement", "AgreementError", "ContractError", "Decision", "Decisions",
           "Diagnostic", "Document", "InputError", "Program", "Usage", "UsageError", "audit",
           "check", "compile", "diff", "lint", "load", "parse", "permits", "permits_many",
           "render", "__version__"]


def _given(agreement) -> None:
    """A TypeError, saying what to give, unless ``agreement`` is an :class:`Agreement`."""
    if not isinstance(agreement, Agreement):
        raise TypeError(f"expected an Agreement (from `contractdsl.load` or `contractdsl.parse`), "
                        f"not {type(agreement).__name__}")


def parse(text: str, filename: str = "<string>") -> Agreement:
    """Parse one agreement or schedule text into an :class:`Agreement`."""
    from .loading.loader import parse as _parse

    expect_text(text)
    return _parse(text, filename)


def load(*paths: str | os.PathLike[str], cache: bool = True) -> Agreement:
    """Read agreement files (versions of one agreement and its schedules) as one agreement,
    compiled to its IR when it checks clean (else :func:`check` says why); parsed files are
    cached on disk unless ``cache=False``."""
    from .evaluation import compile_if_clean
    from .loading.loader import load as _load

    agreement = _load(*paths, cache=cache)
    compile_if_clean(agreement)
    _bind_evaluator()  # the evaluator is imported now: the first decision need not look it up
    return agreement


def check(agreement: Agreement) -> list[Diagnostic]:
    """Every semantic problem in an agreement, collected at once."""
    from .checker import check as _check

    _given(agreement)
    if agreement.compiled is not None:  # checked when it was compiled
        return list(agreement.compiled.runtime["diagnostics"])
    return _check(agreement)


def compile(agreement: Agreement) -> "Program":
    """An agreement's meaning as its intermediate representation (a ``Program``), compiled once
    and kept on the agreement; ``permits`` accepts either."""
    from .evaluation import compile as _compile

    return _compile(agreement)


def lint(agreement: Agreement, select: Iterable[str] | str | None = None,
         ignore: Iterable[str] | str = ()) -> list["Finding"]:
    """The lint rules' findings in an agreement that checks clean (docs/lint.md): ``select``
    the rule codes to run (default all), ``ignore`` those not to (each a list of codes, or a
    text of them separated by commas)."""
    from .analysis import lint as _lint

    _given(agreement)
    return _lint(agreement, select=select, ignore=ignore)


def diff(old: Agreement, new: Agreement, *, since=None, successor=None):
    """What changes from agreement ``old`` to ``new``, by meaning: every region of usages they
    decide differently (from ``since``, a date or its text, default the day ``new`` takes
    effect), each with a counterexample usage, and a redline (a
    :class:`contractdsl.analysis.diff.Diff`). Where ``new`` is a later version of ``old``'s
    agreement it is judged as its successor, as the two read together, unless ``successor``
    is False (True: it must be)."""
    from .analysis.diff import diff as _diff

    return _diff(old, new, since=since, successor=successor)


def render(agreement: Agreement, locale: str = "en", format: str = "markdown") -> str:
    """An agreement that checks clean in prose: ``format`` markdown, html or text; ``locale``
    en, nl or fr. One with errors is refused with the :class:`AgreementError` ``compile``
    raises, as ``permits`` refuses it."""
    from .prose.render import render as _render

    _given(agreement)
    compile(agreement)
    return _render(agreement, locale=locale, format=format)


def _bind_evaluator() -> None:
    """Bind ``permits`` and ``permits_many`` in this module, so calls go straight to the
    evaluator (importing the package does not import it)."""
    from . import evaluation

    globals().update(permits=evaluation.permits, permits_many=evaluation.permits_many)


def __getattr__(name: str):
    if name in ("permits", "permits_many"):
        _bind_evaluator()
        return globals()[name]
    if name == "audit":
        # the package `contractdsl.audit`, which is called as its function `audit`
        import importlib

        return importlib.import_module(".audit", __name__)
    if name == "Program":
        from .semantics.ir import Program

        return Program
    if name in ("Usage", "Volume"):
        from . import usage

        return getattr(usage, name)
    if name in ("Decision", "Decisions", "Reason", "Duty"):
        from . import decision

        return getattr(decision, name)
    raise AttributeError(f"module 'contractdsl' has no attribute {name!r}")
