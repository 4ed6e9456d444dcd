"""What every lint rule reads: the agreement, its Program, each clause's rules by stretch, and
the usages that show a finding, confirmed by ``permits``."""

from __future__ import annotations

import datetime as _dt
from functools import cached_property

from ... import model as m
from ...decision import Decision
from ...evaluation import compile, permits
from ...evaluation.explain import terms_clauses
from ...semantics import ir
from ...usage import Usage
from ..diff import value_text
from . import atoms
from .finding import Finding


class Linted:
    """An agreement under lint: its model, its Program and the IR of each of its clauses."""

    def __init__(self, agreement: m.Agreement):
        self.agreement = agreement
        self.program = compile(agreement)
        # every rule, limit, duty and money clause (fee, late charge, liability cap) of each
        # clause, with the stretch it is in force in
        self.by_clause: dict[object, list[tuple[int, object]]] = {}
        for index, stretch in enumerate(self.program.stretches):
            for item in (*stretch.permits, *stretch.forbids, *stretch.limits, *stretch.duties,
                         *stretch.money):
                self.by_clause.setdefault(self.key(index, item), []).append((index, item))

    def key(self, index: int, item) -> object:
        """What names the clause an item of stretch ``index`` comes from: the clause's
        identity (:meth:`key_of`), or for a tier's allowance its name and place."""
        clause = self.symbols(index).clauses.get(item.clause)
        return self.key_of(clause) if clause is not None else (item.clause, item.span)

    @staticmethod
    def key_of(clause: m.Clause) -> int:
        """What names a clause: the clause itself (clauses built without source positions
        are told apart too)."""
        return id(clause)

    @cached_property
    def clauses(self) -> list[tuple[m.Document, m.Clause]]:
        """Every clause of the licensee, with the document it is written in (an incorporation
        binds neither party: it says which documents are read as one)."""
        return [(doc, clause) for doc in self.agreement.documents for clause in doc.clauses
                if clause.party == "licensee" and not isinstance(clause, m.Incorporation)]

    @cached_property
    def clause_of(self) -> dict[object, m.Clause]:
        """The clause of each key."""
        return {self.key_of(c): c for _, c in self.clauses}

    def exceptions(self, kinds=(ir.Rule, ir.LimitRule)):
        """Every exception in force: (stretch index, the prohibition or limit, the permission
        that lifts it), each pair of clauses once per stretch."""
        for index, stretch in enumerate(self.program.stretches):
            permits = {p.clause: p for p in stretch.permits}
            for rule in (*stretch.forbids, *stretch.limits):
                if isinstance(rule, kinds):
                    for ident in rule.lifted_by:
                        if ident in permits:
                            yield index, rule, permits[ident]

    def reference(self, index: int, rule, permit) -> m.Span | None:
        """Where the agreement makes ``permit`` an exception to ``rule``: the id in the
        prohibition's `except as permitted by`, or in the permission's `notwithstanding`."""
        for holder, named in ((rule, permit.clause), (permit, rule.clause)):
            clause = self.clause_of.get(self.key(index, holder))
            for ref in getattr(clause, "refs", ()):
                if ref.kind == "clause" and ref.name == named:
                    return ref.span
        return rule.span

    @cached_property
    def never_apply(self) -> set:
        """The keys of the clauses no usage can make applicable (rule CD101 reports them)."""
        return {key for key in map(self.key_of, (c for _, c in self.clauses))
                if not self.can_apply(key)}

    def rules(self, clause: m.Clause) -> list[tuple[int, object]]:
        """The IR of a clause in each stretch it is in force in (with the stretch's index)."""
        return self.by_clause.get(self.key_of(clause), [])

    def can_apply(self, key) -> bool:
        """Whether some usage, of an app registered or not, makes the clause applicable."""
        for index, item in self.by_clause.get(key, ()):
            for form in (item, atoms.unscheduled(item)):
                found = self.points(index, (form,))
                if found is None or any(atoms.applies(form, f) for f in found):
                    return True
        return False

    def symbols(self, index: int):
        return self.program.symbols[self.program.stretches[index].version_index]

    def points(self, index: int, items, facts=(), inside=None):
        """The classes of usages that ``items`` tell apart in stretch ``index``
        (see :func:`.atoms.points`)."""
        return atoms.points(self.symbols(index), items, facts, inside)

    def applying(self, index: int, item) -> list | None:
        """A usage's facts for each class of usages that ``item`` alone tells apart in stretch
        ``index`` and that it applies to (see :meth:`points`), found once; None where there
        would be too many."""
        found = self._applying.get((index, id(item)))
        if found is None:
            classes = self.points(index, (item,))
            found = self._applying[index, id(item)] = (
                None, ) if classes is None else ([f for f in classes if atoms.applies(item, f)],)
        return found[0]

    @cached_property
    def _applying(self) -> dict:
        return {}

    @cached_property
    def kept(self) -> dict:
        """What a rule works out once per agreement (an index of a stretch's clauses), under a
        key of the rule's own."""
        return {}

    def day(self, index: int) -> _dt.date:
        """A day of stretch ``index``: its first, else its last (else any day: nothing
        changes in an agreement of one stretch)."""
        stretch = self.program.stretches[index]
        return stretch.start or stretch.end or self.agreement.versions[0].effective or \
            _dt.date(2000, 1, 1)

    def usage(self, index: int, f: ir.Facts, facts=None) -> Usage:
        """The usage of a point of stretch ``index``, stating ``facts`` (default: the point's),
        with the licensee's and the users' attributes the point gives, and dates for the
        facts whose comparisons it answers, where dates are found that answer them so (else
        without dates: ``permits`` confirms a usage, or not)."""
        stated = sorted(f.facts if facts is None else facts)
        symbols = self.program.symbols[self.program.stretches[index].version_index]
        day = self.day(index)
        dates = atoms.dated(stated, f.settled, day) or {}
        parties = {key: {name: value_text(value) for name, value in known.items()}
                   for key, known in (("licensee", f.licensee), ("users", f.user)) if known}
        return Usage.from_dict({
            "app": f.app, "action": f.action, "data": f.data, "purpose": f.purpose,
            "recipients": [f.recipient] if f.recipient else [], "date": day,
            "tier": f.tier, "facts": {n: dates[n].isoformat() if n in dates else None
                                      for n in stated} if dates else stated,
            "findings": {n: n in f.found for n in symbols.terms["standard"]}, **parties})

    def decide(self, usage: Usage) -> Decision:
        """What ``permits`` says of a usage: a finding's usage is one it confirms."""
        return permits(self.program, usage)

    def cites(self, decision: Decision, clauses) -> bool:
        """Whether ``decision`` names one of ``clauses`` (of prohibitions or permissions) among
        its reasons: read from the reasons of its usage's terms alone, where they say it, which
        spares putting every duty it owes into words."""
        usage = decision.usage
        said = None if usage is None else terms_clauses(self.program, usage)
        return not set(clauses).isdisjoint(decision.clauses if said is None else said)

    def finding(self, rule, message: str, span: m.Span | None, clauses=(), help=None,
                usage=None) -> Finding:
        span = span or m.Span()
        return Finding(code=rule.code, name=rule.name, message=message, span=span,
                       clauses=tuple(clauses), help=help, usage=usage,
                       source=self.source(span.file))

    @cached_property
    def _sources(self) -> dict[str, str | None]:
        return {doc.file: doc.source for doc in self.agreement.documents}

    def source(self, file: str) -> str | None:
        return self._sources.get(file)
