"""The linter: an agreement's IR read for dead, shadowed, contradictory and needless clauses.

Each rule is a module with its ``RULE`` (a stable code such as ``CD101``, a name and what it
finds) and ``check(linted)``, which yields :class:`Finding` s; :mod:`.registry` lists them.
Whether a condition can hold is decided exactly over the atoms of the IR (:mod:`.atoms`), and a
usage that shows a finding is one ``permits`` confirms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ... import model as m
from ...errors import InputError, did_you_mean
from .context import Linted
from .finding import Finding, Rule
from .registry import RULES
from .suppress import Suppressions

__all__ = ["Finding", "RULES", "Rule", "codes", "lint"]


def codes(names: Iterable[str] | str, *, required: bool = False) -> list[str]:
    """Rule codes as given (any case; a text of them separated by commas, `CD101,CD105`, as
    well as a list) to the rules' own; an unknown one is an input error, and so is none at
    all (an empty text, `,`) when ``required``."""
    given = names
    if isinstance(names, str):
        names = names.split(",")
    elif isinstance(names, (bytes, bytearray, Mapping)) or not isinstance(names, Iterable):
        names = [names]  # (a mapping's keys are no list of codes: refused whole)
    names = list(names)
    if not all(isinstance(name, str) for name in names):
        wrong = given if isinstance(given, Mapping) else \
            next(name for name in names if not isinstance(name, str))
        raise TypeError("expected lint rule codes as a list of texts or one text separated by "
                        f"commas, such as `CD101,CD105`, not {type(wrong).__name__}")
    written = [name.strip() for name in names if name.strip()]
    if required and not written:
        raise InputError("no rule code given", help="give comma-separated rule codes, such as "
                         "`CD101,CD105`; the rules are " + ", ".join(f"`{c}`" for c in RULES))
    for name in written:
        if name.upper() not in RULES:
            # the code echoed as it was written; the closest rule found whatever its case
            raise InputError(f"unknown lint rule `{name}`",
                             help=did_you_mean(name.upper(), RULES) or
                             "the rules are " + ", ".join(f"`{c}`" for c in RULES))
    return [name.upper() for name in written]


def lint(agreement: m.Agreement, select: Iterable[str] | str | None = None,
         ignore: Iterable[str] | str = ()) -> list[Finding]:
    """Every finding of the lint rules in an agreement that checks clean, in file order;
    ``select`` the rule codes to run (default all), ``ignore`` codes not to. Findings that a
    `lint: allow` comment suppresses are left out."""
    left_out = set(codes(ignore))
    # a selection that names no rule would run none: refused, as an unknown code is
    chosen = [c for c in codes(tuple(RULES) if select is None else select, required=True)
              if c not in left_out]
    linted = Linted(agreement)
    allowed = Suppressions(agreement.documents)
    found = [f for code in sorted(chosen) for f in RULES[code].check(linted)
             if not allowed.allows(f)]
    order = {doc.file: i for i, doc in enumerate(agreement.documents)}
    return sorted(found, key=lambda f: (order.get(f.file, len(order)), f.span.line,
                                        f.span.column, f.code))
