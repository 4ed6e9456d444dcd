"""Evaluation: a Program (the IR) and a Usage to a Decision; :func:`permits` is the entry."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping

from ..decision import Decision, Decisions
from ..errors import AgreementError
from ..model import Agreement
from ..semantics import ir
from ..usage import Usage, as_usage
from .decide import decider, prepare
from .explain import explain

__all__ = ["compile", "compile_if_clean", "explain", "permits", "permits_many"]


def compile(agreement) -> ir.Program:
    """An agreement (or a Program) to its Program, compiled once and kept on the agreement:
    the caller owns it, and nothing is shared between agreements."""
    if isinstance(agreement, ir.Program):
        return agreement
    if not isinstance(agreement, Agreement):
        raise TypeError(f"expected an Agreement (from `contractdsl.load` or `contractdsl.parse`) "
                        f"or its Program, not {type(agreement).__name__}")
    program = agreement.compiled
    if program is None:
        from ..checker import check
        from ..semantics.lower import lower

        diagnostics = check(agreement)
        problems = [d for d in diagnostics if d.severity == "error"]
        if problems:
            raise AgreementError(f"{len(problems)} error(s) in the agreement", problems)
        if not agreement.versions:
            titles = dict.fromkeys(f"`{d.schedule_for}`" for d in agreement.documents
                                   if d.schedule_for)
            named = f" ({', '.join(titles)})" if titles else ""
            raise AgreementError(
                "there is no agreement text to judge a usage by, only schedules",
                help=f"give the agreement text the schedule is for{named} along with it, both "
                "files read together as in `contractdsl permits terms.agreement apps.agreement`")
        program = lower(agreement)
        prepare(program)
        _explainer(program)
        program.runtime["diagnostics"] = tuple(diagnostics)
        object.__setattr__(agreement, "compiled", program)
    return program


def compile_if_clean(agreement) -> ir.Program | None:
    """The agreement compiled, or None when it has errors (:func:`contractdsl.check` says
    which)."""
    try:
        return compile(agreement)
    except AgreementError:
        return None


def _explainer(program: ir.Program):
    """The function that puts a decision on this program into words when it is read."""
    return _deciding(program)[1]


def _deciding(program: ir.Program):
    """The program's outcome function and its explainer, made once and kept with it."""
    found = program.runtime.get("deciding")
    if found is None:
        found = program.runtime["deciding"] = (decider(program),
                                                functools.partial(explain, program))
    return found


def permits(agreement, usage) -> Decision:
    """Decide whether ``usage`` is licensed under ``agreement`` (a Usage, a mapping of its
    fields, or the path of a file holding one usage): a :class:`~contractdsl.decision.Decision`
    whose ``outcome`` is "permitted", "denied" or "undetermined", with the clauses that decided
    it. A usage is permitted when a permission in force applies to it and no prohibition, limit
    or breached duty stands against it; it is undetermined when what it states cannot decide."""
    program = getattr(agreement, "compiled", None) or compile(agreement)
    usage = usage if type(usage) is Usage else as_usage(usage)
    decide, said = program.runtime.get("deciding") or _deciding(program)
    return Decision.deferred(decide(usage), usage, said)


def permits_many(agreement, usages) -> Decisions:
    """Decide many usages against one agreement, compiling it once: their
    :class:`~contractdsl.decision.Decisions`, in order, each decision made when it is read."""
    program = compile(agreement)
    _many(usages)
    decide, said = _deciding(program)
    given = [usage if type(usage) is Usage else as_usage(usage) for usage in usages]
    return Decisions(tuple(map(decide, given)), given, said)


def _many(usages) -> None:
    """A TypeError unless ``usages`` is a collection of usages: a text, a path, a mapping or a
    usage is one usage (or one file), which would be read item by item (a text letter by
    letter, a mapping by its keys)."""
    if isinstance(usages, (str, bytes, os.PathLike, Mapping, Usage)) or \
            not isinstance(usages, Iterable):
        raise TypeError(f"permits_many takes a list of usages (each a Usage, a mapping or a "
                        f"usage file path), not {type(usages).__name__}; for one usage use "
                        f"`permits`, for the usages of a file `permits_many(agreement, "
                        f"read_usages(path))`")
