"""Conflicts between the clauses of documents read together (a text and the documents it
incorporates), and the precedence its incorporation clauses declare.

Two clauses of one party in different documents conflict when both cannot have their effect:

- a permission and a prohibition that forbids everything the permission permits (its action,
  data, purposes and recipients fall within the prohibition's, and the prohibition's
  conditions are among the permission's), unless one is declared an exception to the other
  (`except as permitted by`, `notwithstanding`). A general licence and a narrower restriction
  do not conflict: the restriction narrows the licence, as it does within one document;
- two limits on the same thing (action, unit, window or basis, scope), one of whose
  conditions are among the other's, that allow different amounts;
- two liability caps of one party, one of whose conditions are among the other's, that cap
  its liability differently.

The lowering settles each conflict by the precedence declared between the two documents and
records it on both clauses; the checker reports a conflict between documents with no declared
precedence.
"""

from __future__ import annotations

from typing import Iterable

from .. import model as m
from .symbols import SymbolTable


def conjuncts(clause: m.Clause) -> frozenset[m.Condition]:
    """The conditions a clause's `when` and `unless` join with `and`: `unless A or B` is `not
    A` and `not B`."""
    found: set[m.Condition] = set()
    if clause.when is not None:
        found.update(clause.when.operands if isinstance(clause.when, m.All) else (clause.when,))
    if clause.unless is not None:
        unless = clause.unless
        found.update(m.Not(operand=op) for op in (
            unless.operands if isinstance(unless, m.Any) else (unless,)))
    return frozenset(found)


def _covered(symbols: SymbolTable, kind: str, names: Iterable[str]) -> set[str] | None:
    """The names of ``kind`` that are one of ``names`` or under one (None: any)."""
    names = tuple(names)
    return set(symbols.covered(kind, names)) if names else None


def _within_facet(symbols: SymbolTable, kind: str, inner, outer) -> bool:
    """Whether every name ``inner`` covers, ``outer`` covers (either None: any name)."""
    outer_names = _covered(symbols, kind, outer)
    if outer_names is None:
        return True
    inner_names = _covered(symbols, kind, inner)
    if inner_names is None:
        inner_names = set(symbols.terms[kind])
    return inner_names <= outer_names


def forbids_all(permission: m.Permission, prohibition: m.Prohibition,
                symbols: SymbolTable) -> bool:
    """Whether ``prohibition`` forbids every usage ``permission`` permits."""
    p, r = permission.activity, prohibition.activity
    if permission.id in prohibition.exceptions or prohibition.id in permission.notwithstanding:
        return False
    if r.approved_purpose and not p.approved_purpose:
        return False
    purposes = () if p.approved_purpose else p.purposes
    return (symbols.under("action", p.action, r.action)
            and _within_facet(symbols, "data", (p.data,) if p.data else (),
                              (r.data,) if r.data else ())
            and (p.approved_purpose and not r.purposes
                 or not p.approved_purpose and _within_facet(symbols, "purpose", purposes,
                                                             r.purposes))
            and _within_facet(symbols, "recipient", p.recipients, r.recipients)
            and conjuncts(prohibition) <= conjuncts(permission))


def _limit_key(limit: m.Limit, symbols: SymbolTable) -> tuple:
    """What a limit is a limit on: action, unit, basis (window, by what it counts over; the
    unit counted per), scope (its keys in any order), endpoint."""
    per = symbols.unit_of(limit.per) if limit.per is not None else None
    window = limit.window and limit.window.meaning
    return (limit.action, symbols.unit_of(limit.quantity.unit), window, per,
            limit.concurrent, frozenset(m.counted_keys(limit.scope)), limit.endpoint)


def differ(a: m.Limit, b: m.Limit, symbols: SymbolTable) -> bool:
    """Whether two limits are on the same thing and allow different amounts, wherever one of
    them binds."""
    if _limit_key(a, symbols) != _limit_key(b, symbols) or \
            a.quantity.exact == b.quantity.exact:
        return False
    ca, cb = conjuncts(a), conjuncts(b)
    return ca <= cb or cb <= ca


def _cap_key(cap: m.Cap, symbols: SymbolTable):
    """What a liability cap caps at, whatever its words: an amount in its unit (an alias
    counted as its unit), the amount paid in a time, or the greater (lesser) of these."""
    if isinstance(cap, m.Quantity):
        return cap.exact, symbols.unit_of(cap.unit)
    if isinstance(cap, m.Extreme):
        return cap.greater, frozenset(_cap_key(op, symbols) for op in cap.operands)
    return cap


def caps_differ(a: m.LiabilityCap, b: m.LiabilityCap, symbols: SymbolTable) -> bool:
    """Whether two liability caps of one party cap it differently wherever one of them
    binds."""
    if a.party != b.party or _cap_key(a.cap, symbols) == _cap_key(b.cap, symbols):
        return False
    ca, cb = conjuncts(a), conjuncts(b)
    return ca <= cb or cb <= ca


def conflicts(entries: list[tuple[m.Clause, str]],
              symbols: SymbolTable) -> list[tuple[m.Clause, str, m.Clause, str]]:
    """The conflicting pairs among the clauses of documents read together (of one party: the
    licensee's, the licensor's permissions, prohibitions and limits, the liability caps), each
    given with the title of its document: (clause, title, other clause, other title), each pair
    once, in the order the clauses are given."""
    if len({title for _, title in entries}) < 2:
        return []
    found = []
    order = {id(clause): at for at, (clause, _) in enumerate(entries)}
    forbidding: dict[tuple, list[tuple[m.Prohibition, str]]] = {}
    limits: dict[tuple, list[tuple[m.Limit, str]]] = {}
    caps: list[tuple[m.LiabilityCap, str]] = []
    for clause, title in entries:
        if isinstance(clause, m.LiabilityCap):
            caps.append((clause, title))
        elif isinstance(clause, m.Prohibition):
            forbidding.setdefault((clause.party, clause.activity.action), []).append(
                (clause, title))
        elif isinstance(clause, m.Limit):
            limits.setdefault((clause.party, _limit_key(clause, symbols)), []).append(
                (clause, title))
    actions = symbols.terms["action"]
    for clause, title in entries:
        if isinstance(clause, m.Permission):
            # the prohibitions of the permission's action or of one above it
            action, seen = clause.activity.action, set()
            while action is not None and action not in seen:
                seen.add(action)
                for other, other_title in forbidding.get((clause.party, action), ()):
                    if other_title != title and forbids_all(clause, other, symbols):
                        found.append((clause, title, other, other_title))
                term = actions.get(action)
                action = term.parent if term is not None else None
    for group in limits.values():
        for at, (clause, title) in enumerate(group):
            for other, other_title in group[at + 1:]:
                if other_title != title and differ(clause, other, symbols):
                    found.append((clause, title, other, other_title))
    for at, (clause, title) in enumerate(caps):
        for other, other_title in caps[at + 1:]:
            if other_title != title and caps_differ(clause, other, symbols):
                found.append((clause, title, other, other_title))
    return sorted(found, key=lambda pair: (order[id(pair[0])], order[id(pair[2])]))
