"""The linter: an agreement's IR read for dead, shadowed, contradictory and needless clauses.

Each rule is a module with its ``RULE`` (a stable code such as ``CD101``, a name and what it
finds) and ``check(linted)``, which yields :class:`Finding` s; :mod:`.registry` lists them.
Whether a condition can hold is decided exactly over the atoms of the IR (:mod:`.atoms`), and a
usage that shows a finding is one ``permits`` confirms.
"""

from __future__ import annotations

from typing import Iterable

from ... import model as m
from .context import Linted
from .finding import Finding, Rule
from .registry import RULES
from .suppress import Suppressions

__all__ = ["Finding", "RULES", "Rule", "lint"]


def lint(agreement: m.Agreement, select: Iterable[str] | None = None,
         ignore: Iterable[str] = ()) -> list[Finding]:
    """Every finding of the lint rules in an agreement that checks clean, in file order;
    ``select`` the rule codes to run (default all), ``ignore`` codes not to. Findings that a
    `lint: allow` comment suppresses are left out."""
    codes = [c for c in (RULES if select is None else select) if c not in set(ignore)]
    unknown = [c for c in codes if c not in RULES]
    if unknown:
        raise ValueError(f"unknown lint rule `{unknown[0]}`")
    linted = Linted(agreement)
    allowed = Suppressions(agreement.documents)
    found = [f for code in sorted(codes) for f in RULES[code].check(linted)
             if not allowed.allows(f)]
    order = {doc.file: i for i, doc in enumerate(agreement.documents)}
    return sorted(found, key=lambda f: (order.get(f.file, len(order)), f.span.line,
                                        f.span.column, f.code))
