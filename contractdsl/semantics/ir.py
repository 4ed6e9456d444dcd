"""The intermediate representation: an agreement's meaning, resolved and normalised.

An agreement compiles to a :class:`Program`: its time cut into :class:`Stretch` es (between two
dates on which nothing changes), each holding the rules in force then in one normal form.
Hierarchies are resolved into the sets of names a rule covers, conditions into :class:`Guard`
trees over atoms whose names are resolved the same way (dated conditions are already decided
in a stretch), exceptions into the ids of the permissions that lift a rule, limits into exact
ratios. The evaluator, the explainer and every later consumer read this and nothing else; a
Program can be written as JSON (:func:`to_json`) for another process or language.

Every node keeps the source span of the clause or condition it comes from, and the names the
agreement used, so that findings can be put in the agreement's own words.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Set as AbstractSet
from fractions import Fraction
from typing import Any as _Any

import attrs

from .. import model as m

frozen = attrs.frozen(kw_only=True)


def _span():
    return attrs.field(default=None, eq=False, repr=False)


_NOTHING: dict = {}  # nothing known (never written to)


# ---- the facts of a usage a guard reads -----------------------------------------------------


class Facts:
    """What a guard may ask about a usage in one stretch, with one recipient at a time: its
    names, resolved against the symbol table in force."""

    __slots__ = ("app", "action", "data", "purpose", "recipient", "tier", "facts", "approved",
                 "found", "licensee", "user", "assumed")

    def __init__(self, app, action, data, purpose, recipient, tier, facts, approved,
                 found=frozenset(), licensee=_NOTHING, user=_NOTHING, assumed=frozenset()):
        self.app, self.action, self.data, self.purpose = app, action, data, purpose
        self.recipient, self.tier, self.facts, self.approved = recipient, tier, facts, approved
        self.found = found  # the standards found to be met (each one left open: see Standard)
        # what is known of the licensee and of the (group of) end users being judged: each
        # attribute True or False, each measure a Fraction; ``assumed``: the (party, name) of
        # those the evaluator gave a value to try an answer to a question the usage leaves open
        self.licensee, self.user, self.assumed = licensee, user, assumed

    def party(self, party: str):
        """What is known of ``party`` ("licensee" or "user")."""
        return self.licensee if party == "licensee" else self.user


# ---- guards ---------------------------------------------------------------------------------


@frozen
class Guard:
    """A condition over a usage's facts. Each kind of guard defines ``holds(facts) -> bool``,
    its one meaning."""

    span: m.Span | None = _span()

    @property
    def constant(self) -> bool | None:
        """The guard's value when it reads nothing of the usage, else None."""
        return None


@frozen
class Const(Guard):
    """A condition decided by the stretch itself: `date is before 2023-04-29` (``about``
    date_before) or `date is from ...` (date_from)."""

    value: bool
    about: str
    date: _dt.date

    def holds(self, f: Facts) -> bool:
        return self.value

    @property
    def constant(self) -> bool | None:
        return self.value


@frozen
class Is(Guard):
    """`purpose is research` (subject purpose, action, data, recipient or app): the usage's
    name is one of ``covers`` (``name`` and every name under it)."""

    subject: str
    name: str
    covers: frozenset[str]

    def holds(self, f: Facts) -> bool:
        return getattr(f, self.subject) in self.covers


@frozen
class Approved(Guard):
    """`purpose is approved`: the usage's purpose falls under a use case approved for its app."""

    def holds(self, f: Facts) -> bool:
        return f.approved


@frozen
class Subscribed(Guard):
    """`a tier is subscribed`."""

    def holds(self, f: Facts) -> bool:
        return f.tier is not None


@frozen
class TierIs(Guard):
    name: str

    def holds(self, f: Facts) -> bool:
        return f.tier == self.name


@frozen
class AppIn(Guard):
    """`app is labelled L` or `app serves R`, resolved to the apps it is true of."""

    test: str  # "labelled" or "serves"
    name: str
    apps: frozenset[str]

    def holds(self, f: Facts) -> bool:
        return f.app in self.apps


@frozen
class Fact(Guard):
    name: str

    def holds(self, f: Facts) -> bool:
        return self.name in f.facts


@frozen
class Standard(Guard):
    """A question the agreement leaves to judgement. It holds when the usage's findings say it
    is met; one the usage leaves open is decided both ways by the evaluator, and the outcome
    is undetermined when the two differ (docs/semantics.md)."""

    name: str

    def holds(self, f: Facts) -> bool:
        return self.name in f.found


@frozen
class AttributeIs(Guard):
    """`licensee is government_entity`, `user is opted_in`: holds when the party is known to
    have the attribute. One the usage leaves open is decided both ways by the evaluator."""

    party: str
    name: str

    def holds(self, f: Facts) -> bool:
        return f.party(self.party).get(self.name) is True


@frozen
class MeasureIs(Guard):
    """`licensee's monthly_active_users is more than 700,000,000`: holds when the party's
    measure is known and compares so with ``amount`` (``comparison`` as written: "more than",
    "less than", "at least" or "at most"). One the usage leaves open is decided at a value on
    each side of every threshold the rules compare it with."""

    party: str
    name: str
    comparison: str
    amount: Fraction

    def holds(self, f: Facts) -> bool:
        value = f.party(self.party).get(self.name)
        if value is None or value is True or value is False:
            return False
        return compare(value, self.comparison, self.amount)


def compare(value: Fraction, comparison: str, amount: Fraction) -> bool:
    """Whether ``value`` is ``comparison`` (as written: "more than", ...) ``amount``."""
    if comparison == "more than":
        return value > amount
    if comparison == "less than":
        return value < amount
    if comparison == "at least":
        return value >= amount
    return value <= amount


@frozen
class Not(Guard):
    operand: Guard

    def holds(self, f: Facts) -> bool:
        return not self.operand.holds(f)

    @property
    def constant(self) -> bool | None:
        inner = self.operand.constant
        return None if inner is None else not inner


@frozen
class All(Guard):
    operands: tuple[Guard, ...]

    def holds(self, f: Facts) -> bool:
        for op in self.operands:
            if not op.holds(f):
                return False
        return True

    @property
    def constant(self) -> bool | None:
        values = [op.constant for op in self.operands]
        if False in values:
            return False
        return True if all(v is True for v in values) else None


@frozen
class Any(Guard):
    operands: tuple[Guard, ...]

    def holds(self, f: Facts) -> bool:
        for op in self.operands:
            if op.holds(f):
                return True
        return False

    @property
    def constant(self) -> bool | None:
        values = [op.constant for op in self.operands]
        if True in values:
            return True
        return False if all(v is False for v in values) else None


def atoms(guard: Guard | None):
    """Every atom of a guard (each guard that is neither `not`, `and` nor `or`), depth first,
    without recursion."""
    stack = [] if guard is None else [guard]
    while stack:
        node = stack.pop()
        if isinstance(node, Not):
            stack.append(node.operand)
        elif isinstance(node, (All, Any)):
            stack.extend(reversed(node.operands))
        else:
            yield node


def holds(guard: Guard | None, facts: Facts) -> bool:
    """Whether a guard holds for a usage's facts (no guard always holds)."""
    return guard is None or guard.holds(facts)


# ---- rules ----------------------------------------------------------------------------------


@frozen
class Scope:
    """What a permission or prohibition is about, each facet resolved to the names it covers
    (None: any). ``names`` keeps the words the clause used."""

    actions: frozenset[str]
    data: frozenset[str] | None = None
    purposes: frozenset[str] | None = None
    approved: bool = False
    recipients: frozenset[str] | None = None
    activity: m.Activity = attrs.field(eq=False, repr=False)


@frozen
class Deadline:
    """When a duty is due: `within` a duration after a fact, `before` an action or a fact,
    `by` a date, or never (``kind`` "none")."""

    kind: str  # within, before-action, before-fact, by, none
    event: str | None = None
    duration: m.Duration | None = None
    date: _dt.date | None = None
    actions: frozenset[str] = frozenset()  # before-action: the actions it is due before


@frozen
class DutyRule:
    """A duty of the licensee: from an obligation clause (with its guard) or from the proviso
    of a permission (owed when the permission applies)."""

    clause: str
    title: str | None
    duty: str
    description: str
    shown_by: str | None
    deadline: Deadline
    guard: Guard | None = None
    span: m.Span | None = _span()


@frozen
class Precedence:
    """Which of two documents read together prevails where their clauses conflict, as the
    incorporation clause ``clause`` declares: ``prevailing`` (a document's title) over
    ``yielding`` while ``guard`` holds (None: always), the other way round when it does not."""

    clause: str
    title: str | None
    prevailing: str
    yielding: str
    guard: Guard | None = None
    span: m.Span | None = _span()

    def prevails(self, document: str, f: Facts) -> bool:
        """Whether ``document`` (one of the two) prevails for a usage's facts."""
        declared = self.guard is None or self.guard.holds(f)
        return (document == self.prevailing) == declared


@frozen
class Conflict:
    """A clause of another document read with this one that conflicts with it (a permission
    and a prohibition that forbids everything it permits, or two limits on the same thing of
    different amounts): ``other`` of ``document``; ``precedence`` says which prevails, and
    ``own`` is the title of this clause's document."""

    other: str
    document: str
    own: str
    precedence: Precedence

    def yields(self, f: Facts) -> bool:
        """Whether this clause yields to the other for a usage's facts."""
        return self.precedence.prevails(self.document, f)


@frozen
class Rule:
    """A permission (``permit``) or a prohibition (``forbid``) in force in a stretch."""

    clause: str
    title: str | None
    effect: str  # permit, forbid
    scope: Scope
    guard: Guard | None = None
    unless: Guard | None = None
    lifted_by: tuple[str, ...] = ()  # forbid: the permissions that are exceptions to it
    provisos: tuple[DutyRule, ...] = ()  # permit: duties owed when it applies
    # the clauses of other documents read with it that it conflicts with
    conflicts: tuple[Conflict, ...] = ()
    span: m.Span | None = _span()


@frozen
class LimitRule:
    """No more than ``amount`` ``unit`` of an action (per ``scope``): per ``window``; without
    one, in total, per one ``per`` (`per request`) or at once (``concurrent``). A limit
    clause, or an allowance of the tier ``tier``."""

    clause: str  # the clause id, or "tier NAME"
    title: str | None
    actions: frozenset[str]
    amount: Fraction
    unit: str  # the unit's own name (aliases resolved)
    stated_unit: str  # the unit as the agreement wrote it
    window: m.Window | None
    per: str | None = None  # `per request`: the unit's own name
    stated_per: str | None = None  # as the agreement wrote it
    concurrent: bool = False
    scope: str | None = None
    tier: str | None = None
    guard: Guard | None = None
    unless: Guard | None = None
    lifted_by: tuple[str, ...] = ()
    action: str | None = None  # the action as the clause names it
    conflicts: tuple[Conflict, ...] = ()
    span: m.Span | None = _span()

    @property
    def basis(self) -> str:
        """What the limit caps: `window`, `total`, `each` or `concurrent`
        (:data:`contractdsl.model.BASES`)."""
        return m.basis(self.window, self.per, self.concurrent)


@frozen
class FeeRule:
    """A price (``price`` ``currency``) per ``per`` ``unit`` of what a usage counts: the fee
    it owes comes back with its duties and never decides it."""

    clause: str
    title: str | None
    price: Fraction
    currency: str  # the money unit as the agreement wrote it
    per: Fraction
    unit: str  # the counted unit's own name (aliases resolved)
    stated_unit: str
    guard: Guard | None = None
    unless: Guard | None = None
    span: m.Span | None = _span()


@frozen
class Stretch:
    """A stretch of time (``start`` to ``end``, both days included; None: unbounded) in which
    the clauses in force do not change, with those clauses in normal form.

    ``state`` is "in-force", "surviving" (the agreement terminated on ``terminated``; only
    surviving clauses remain) or "none" (no version is in force)."""

    start: _dt.date | None
    end: _dt.date | None
    state: str
    version: str | None = None
    version_index: int | None = None
    terminated: _dt.date | None = None
    permits: tuple[Rule, ...] = ()
    forbids: tuple[Rule, ...] = ()
    limits: tuple[LimitRule, ...] = ()
    duties: tuple[DutyRule, ...] = ()
    # The licensor's own permissions (what it may still do), prohibitions and limits: they
    # never decide a usage, and come back with its decision.
    licensor: tuple[Rule | LimitRule, ...] = ()
    fees: tuple[FeeRule, ...] = ()
    # the precedences that settle the conflicts of its rules and limits
    precedence: tuple[Precedence, ...] = ()


@frozen
class Program:
    """An agreement compiled: its stretches in order, and the symbol tables of its versions.

    ``changes`` are the first days of every stretch after the first, sorted; the stretch a day
    falls in is ``stretches[bisect_right(changes, day)]``.
    """

    title: str
    changes: tuple[_dt.date, ...]
    stretches: tuple[Stretch, ...]
    symbols: tuple[_Any, ...] = attrs.field(eq=False, repr=False)  # SymbolTable per version
    # per-stretch indexes and decisions kept by the evaluator: owned by this object only
    runtime: dict = attrs.field(factory=dict, eq=False, repr=False)


# ---- JSON -----------------------------------------------------------------------------------


def to_data(node) -> _Any:
    """A Program (or any IR node) as plain JSON-able data: objects carry their class as
    ``"node"``; sets are sorted lists; dates ISO strings; fractions ``"n/d"`` strings."""
    if isinstance(node, (Guard, Scope, Deadline, DutyRule, Rule, LimitRule, FeeRule, Stretch,
                         Program, Precedence, Conflict)):
        out = {"node": type(node).__name__}
        for field in attrs.fields(type(node)):
            if field.name in ("runtime", "symbols", "activity"):
                continue
            value = getattr(node, field.name)
            if field.name == "span":
                value = None if value is None else {
                    "file": value.file, "line": value.line, "column": value.column,
                    "end_line": value.end_line, "end_column": value.end_column}
            else:
                value = to_data(value)
            out[field.name] = value
        return out
    if isinstance(node, AbstractSet):
        return sorted(node)
    if isinstance(node, (tuple, list)):
        return [to_data(v) for v in node]
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node.isoformat()
    if isinstance(node, Fraction):
        return str(node)
    if isinstance(node, (m.Window, m.Duration)):
        return {"count": node.count, "unit": node.unit,
                **({"calendar": node.calendar} if isinstance(node, m.Window) else {})}
    return node


def to_json(program: Program, indent: int | None = 2) -> str:
    """The Program as a JSON document."""
    import json

    return json.dumps(to_data(program), indent=indent, ensure_ascii=False)
