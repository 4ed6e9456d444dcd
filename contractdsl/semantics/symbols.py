"""Documents to a symbol table: every name one version of an agreement defines, by kind."""

from __future__ import annotations

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
            for app in doc.apps:
                if app.name not in self.apps:
                    self.apps[app.name] = app
                    self.app_schedule[app.name] = doc
            for tier in doc.tiers:
                self.tiers.setdefault(tier.name, tier)
            for clause in doc.clauses:
                self.clauses.setdefault(clause.id, clause)
        self.ancestors = {kind: _ancestors(terms) for kind, terms in self.terms.items()}
        self.descendants = {kind: _descendants(anc) for kind, anc in self.ancestors.items()}
        self._approved: dict[str, frozenset[str]] = {}
        roots = [n for n, t in self.terms["data"].items() if t.parent is None]
        self.data_root = roots[0] if len(roots) == 1 else None

    def under(self, kind: str, name: str | None, ancestor: str) -> bool:
        """Whether ``name`` is ``ancestor`` or falls under it in the ``kind`` hierarchy."""
        if name is None:
            return False
        return ancestor in self.ancestors[kind].get(name, (name,))

    def covered(self, kind: str, names: Iterable[str]) -> frozenset[str]:
        """Every name of ``kind`` that is one of ``names`` or falls under one of them."""
        out: set[str] = set()
        for name in names:
            out.update(self.descendants[kind].get(name, (name,)))
        return frozenset(out)

    def approved_purposes(self, app: str) -> frozenset[str]:
        """Every purpose that is, or falls under, a use case approved for ``app``."""
        found = self._approved.get(app)
        if found is None:
            named = self.apps.get(app)
            found = self._approved[app] = self.covered("purpose", named.approved if named
                                                       else ())
        return found

    def unit_of(self, name: str) -> str:
        """The unit a name (or alias) stands for."""
        unit = self.unit_names.get(name)
        return unit.name if unit else name

    def describe(self, kind: str, name: str) -> str:
        """What the agreement calls a name: a term's description, an app's, a tier's or a
        unit's title; the name itself when it is not defined."""
        if kind in ("app", "tier", "unit"):
            table = {"app": self.apps, "tier": self.tiers, "unit": self.unit_names}[kind]
            named = table.get(name)
            if named is None:
                return name
            return named.description if kind == "unit" else named.title
        term = self.terms[kind].get(name)
        return term.description if term else name

    def kind_of(self, name: str) -> str | None:
        """The kind of term a name is, when only one kind defines it."""
        kinds = [kind for kind, terms in self.terms.items() if name in terms]
        return kinds[0] if len(kinds) == 1 else None


def _ancestors(terms: dict[str, m.Term]) -> dict[str, tuple[str, ...]]:
    """Each term with the terms it falls under, itself first (cycles are cut)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, term in terms.items():
        if name in out:
            continue
        chain, node = [name], term
        while node.parent is not None and node.parent in terms and node.parent not in chain:
            parent = node.parent
            if parent in out:  # reuse what is known: linear in the depth, not quadratic
                chain.extend(a for a in out[parent] if a not in chain)
                break
            chain.append(parent)
            node = terms[parent]
        out[name] = tuple(chain)
    return out


def _descendants(ancestors: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for name, chain in ancestors.items():
        for ancestor in chain:
            out.setdefault(ancestor, set()).add(name)
    return {name: frozenset(found) for name, found in out.items()}
