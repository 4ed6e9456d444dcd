"""Documents to a symbol table: every name one version of an agreement defines, by kind."""

from __future__ import annotations

import re
from bisect import bisect_right
from fractions import Fraction
from collections.abc import Set as AbstractSet
from typing import Iterable

from .. import model as m

TERM_KINDS = tuple(m.TERM_CLASSES)


class SymbolTable:
    """The names one version of an agreement (read with its schedules) defines, by kind, and
    their hierarchies. The first definition of a name wins; the checker reports the others.

    The checker, usage validation, the IR and the renderer all read this one table.
    """

    def __init__(self, documents: Iterable[m.Document]):
        self.documents = tuple(documents)
        self.terms: dict[str, dict[str, m.Term]] = {kind: {} for kind in TERM_KINDS}
        self.units: dict[str, m.Unit] = {}
        self.unit_names: dict[str, m.Unit] = {}
        self.scopes: dict[str, m.Scope] = {}
        self.apps: dict[str, m.App] = {}
        self.app_schedule: dict[str, m.Document] = {}
        self.tiers: dict[str, m.Tier] = {}
        self.clauses: dict[str, m.Clause] = {}
        for doc in self.documents:
            for term in doc.terms:
                self.terms[term.kind].setdefault(term.name, term)
            for unit in doc.units:
                self.units.setdefault(unit.name, unit)
                for name in (unit.name, *unit.aliases):
                    self.unit_names.setdefault(name, unit)
            for scope in doc.scopes:
                self.scopes.setdefault(scope.name, scope)
            for app in doc.apps:
                if app.name not in self.apps:
                    self.apps[app.name] = app
                    self.app_schedule[app.name] = doc
            for tier in doc.tiers:
                self.tiers.setdefault(tier.name, tier)
            for clause in doc.clauses:
                self.clauses.setdefault(clause.id, clause)
        self.hierarchies = {kind: Hierarchy(terms) for kind, terms in self.terms.items()}
        self._approved: dict[str, frozenset[str]] = {}
        self._values: dict[str | None, dict] = {}
        self.derived: dict = {}  # what a consumer makes of the table once, kept with it
        roots = [n for n, t in self.terms["data"].items() if t.parent is None]
        self.data_root = roots[0] if len(roots) == 1 else None

    def under(self, kind: str, name: str | None, ancestor: str) -> bool:
        """Whether ``name`` is ``ancestor`` or falls under it in the ``kind`` hierarchy."""
        if name is None:
            return False
        return self.hierarchies[kind].under(name, ancestor)

    def covered(self, kind: str, names: Iterable[str]) -> AbstractSet[str]:
        """Every name of ``kind`` that is one of ``names`` or falls under one of them: a
        frozenset, or (when large) a :class:`Covered` set that equals it."""
        return self.hierarchies[kind].covered(names)

    def approved_purposes(self, app: str) -> frozenset[str]:
        """Every purpose that is, or falls under, a use case approved for ``app``."""
        found = self._approved.get(app)
        if found is None:
            named = self.apps.get(app)
            found = self._approved[app] = self.covered("purpose", named.approved if named
                                                       else ())
        return found

    def approves(self, app: str | None, purpose: str | None) -> bool:
        """Whether ``purpose`` is, or falls under, a use case approved for ``app``."""
        found = self._approved.get(app)
        if found is None:
            if app not in self.apps:
                return False
            found = self.approved_purposes(app)
        return purpose in found

    def licensee_values(self, app: str | None) -> dict:
        """What the files state of the licensee of a usage by ``app`` (None: by no app): the
        agreement's text, and the schedule that registers the app; each measure a Fraction."""
        found = self._values.get(app)
        if found is None:
            schedule = self.app_schedule.get(app) if app is not None else None
            found = {}
            for doc in self.documents:
                if doc.kind == "agreement" or doc is schedule:
                    for value in doc.values:
                        found.setdefault(value.name, value.value if isinstance(
                            value.value, bool) else Fraction(value.value))
            self._values[app] = found
        return found

    def doing(self, name: str | None) -> str:
        """Whether ``name``, as a clause or a usage names what is done, is an `act` or an
        `action` (an act is looked up first: the checker keeps the two apart)."""
        return "act" if name in self.terms["act"] else "action"

    def licensee_apps(self, app: str | None) -> tuple[str, ...]:
        """The apps of the licensee of ``app``: those of the schedule that registers it, or
        (an app of the agreement's own text) the text's apps; none for no app."""
        document = self.app_schedule.get(app) if app is not None else None
        if document is None:
            return ()
        return tuple(a.name for a in document.apps if self.apps.get(a.name) is a)

    def unit_of(self, name: str) -> str:
        """The unit a name (or alias) stands for."""
        unit = self.unit_names.get(name)
        return unit.name if unit else name

    def unit_words(self, name: str) -> str:
        """What prose says after an amount of a unit (or alias): its declared words, in the
        plural ("API requests" for `requests` and its alias `calls`); a currency's code
        (`USD`), as every amount of money is said with it; an undeclared name as it is."""
        unit = self.unit_names.get(name)
        if unit is None:
            return name
        if unit.dimension == "money" and re.fullmatch(r"[A-Z]{3}", unit.name):
            return unit.name
        return unit.description

    def describe(self, kind: str, name: str) -> str:
        """What the agreement calls a name: a term's description, an app's, a tier's or a
        unit's title; the name itself when it is not defined."""
        if kind in ("app", "tier", "unit", "scope"):
            table = {"app": self.apps, "tier": self.tiers, "unit": self.unit_names,
                     "scope": self.scopes}[kind]
            named = table.get(name)
            if named is None:
                return name
            return named.description if kind in ("unit", "scope") else named.title
        term = self.terms[kind].get(name)
        return term.description if term else name


class Hierarchy:
    """The terms of one kind as a forest, numbered in depth-first order: a term's subtree is
    the run of numbers from its own to ``last[name]``. Whether one term falls under another is
    then two comparisons, however deep the hierarchy (a parent that would close a cycle is cut).
    """

    def __init__(self, terms: dict[str, m.Term]):
        children: dict[str | None, list[str]] = {}
        for name, term in terms.items():
            parent = term.parent if term.parent in terms and term.parent != name else None
            children.setdefault(parent, []).append(name)
        self.order: list[str] = []
        self.number: dict[str, int] = {}
        self.last: dict[str, int] = {}
        self._covered: dict[tuple[str, ...], AbstractSet[str]] = {}  # by the names covering
        self._walk(children, children.get(None, []))
        for name in terms:  # terms on a cycle: each cycle is entered at one of its terms
            if name not in self.number:
                self._walk(children, [name])

    def _walk(self, children, roots) -> None:
        stack = [(name, False) for name in reversed(roots)]
        while stack:
            name, done = stack.pop()
            if done:
                self.last[name] = len(self.order) - 1
                continue
            if name in self.number:
                continue
            self.number[name] = len(self.order)
            self.order.append(name)
            stack.append((name, True))
            stack.extend((c, False) for c in reversed(children.get(name, ()))
                         if c not in self.number)

    def under(self, name: str, ancestor: str) -> bool:
        if name == ancestor:
            return True
        at, top = self.number.get(name), self.number.get(ancestor)
        return at is not None and top is not None and top <= at <= self.last[ancestor]

    def covered(self, names: Iterable[str]) -> AbstractSet[str]:
        names = tuple(names)  # many rules name the same terms: each set is made once
        found = self._covered.get(names)
        if found is None:
            found = self._covered[names] = self._cover(names)
        return found

    def _cover(self, names: tuple[str, ...]) -> AbstractSet[str]:
        runs, others = [], set()
        for name in names:
            at = self.number.get(name)
            if at is None:
                others.add(name)
            else:
                runs.append((at, self.last[name]))
        found = Covered(self, runs, others)
        return frozenset(found) if len(found) <= _LISTED else found


# Coverings up to this size are listed as frozensets (the fastest to test); larger ones are
# tested by their runs of numbers, so a deep hierarchy costs linear space.
_LISTED = 1024


class Covered(AbstractSet):
    """The names that are one of some terms or fall under one: runs of a hierarchy's
    numbering (and names it does not define), tested in constant time, listed when iterated.
    It equals the frozenset of the same names."""

    __slots__ = ("_hierarchy", "_starts", "_ends", "_others", "_size")

    def __init__(self, hierarchy: Hierarchy, runs, others):
        merged: list[list[int]] = []
        for start, end in sorted(runs):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._hierarchy = hierarchy
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]
        self._others = frozenset(others)
        self._size = sum(end - start + 1 for start, end in merged) + len(self._others)

    def __contains__(self, name) -> bool:
        at = self._hierarchy.number.get(name)
        if at is None:
            return name in self._others
        index = bisect_right(self._starts, at) - 1
        return index >= 0 and at <= self._ends[index]

    def __iter__(self):
        order = self._hierarchy.order
        for start, end in zip(self._starts, self._ends):
            yield from order[start:end + 1]
        yield from self._others

    def __len__(self) -> int:
        return self._size

    __hash__ = AbstractSet._hash

    def __repr__(self) -> str:
        return f"Covered({len(self)} names)"
