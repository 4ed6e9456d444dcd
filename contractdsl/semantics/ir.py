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
from ..usage import bounds

frozen = attrs.frozen(kw_only=True)


def _span():
    return attrs.field(default=None, eq=False, repr=False)


def _meaning(window: m.Window | None) -> m.Window | None:
    """A window by what it counts over (see :attr:`~contractdsl.model.Window.meaning`)."""
    return None if window is None else window.meaning


_NOTHING: dict = {}  # nothing known (never written to)


# ---- the facts of a usage a guard reads -----------------------------------------------------


class Facts:
    """What a guard may ask about a usage in one stretch, with one recipient at a time: its
    names, resolved against the symbol table in force."""

    __slots__ = ("app", "action", "data", "purpose", "recipient", "tier", "facts", "approved",
                 "found", "licensee", "user", "assumed", "dates", "settled")

    def __init__(self, app, action, data, purpose, recipient, tier, facts, approved,
                 found=frozenset(), licensee=_NOTHING, user=_NOTHING, assumed=frozenset(),
                 dates=_NOTHING, settled=_NOTHING):
        self.app, self.action, self.data, self.purpose = app, action, data, purpose
        self.recipient, self.tier, self.facts, self.approved = recipient, tier, facts, approved
        self.found = found  # the standards found to be met (each one left open: see Standard)
        # what is known of the licensee and of the (group of) end users being judged: each
        # attribute True or False, each measure a Fraction; ``assumed``: the (party, name) of
        # those the evaluator gave a value to try an answer to a question the usage leaves open
        self.licensee, self.user, self.assumed = licensee, user, assumed
        # the date of each fact the usage states (None: stated without one), and the answers
        # given to comparisons of dates that those dates cannot decide (see DateGap)
        self.dates, self.settled = dates, settled

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
    """`a tier is subscribed`: the usage states a tier offered in the stretch (``tiers``: the
    tiers offered, where the text defines others whose window does not hold the stretch; None:
    every tier it defines). A tier not offered is not the licensee's."""

    tiers: frozenset[str] | None = None

    def holds(self, f: Facts) -> bool:
        return f.tier is not None if self.tiers is None else f.tier in self.tiers


@frozen
class TierIs(Guard):
    """`tier is basic`: the usage states that tier, and it is offered in the stretch
    (``offered`` false: its window does not hold the stretch, so no usage has it there)."""

    name: str
    offered: bool = True

    def holds(self, f: Facts) -> bool:
        return self.offered and f.tier == self.name


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


@frozen
class AppsFor(Guard):
    """`licensee has more than 1 apps approved for the purpose`: how many apps of the
    licensee of the usage's app are approved for the usage's purpose (``counts``: each app
    and purpose with that number, for every purpose some app of its licensee is approved
    for, hierarchies resolved), compared with ``amount``."""

    comparison: str
    amount: Fraction
    counts: tuple[tuple[str, str, int], ...]
    _index: dict = attrs.field(init=False, eq=False, repr=False)
    # whether it holds, by app and purpose, and where no app is approved for the purpose
    _holds: dict = attrs.field(init=False, eq=False, repr=False)
    _holds_for_none: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self):
        object.__setattr__(self, "_index", {(a, p): n for a, p, n in self.counts})
        object.__setattr__(self, "_holds", {key: compare(Fraction(n), self.comparison,
                                                         self.amount)
                                            for key, n in self._index.items()})
        object.__setattr__(self, "_holds_for_none", compare(Fraction(0), self.comparison,
                                                            self.amount))

    def count(self, f: Facts) -> int:
        """How many apps of the licensee of the usage's app are approved for its purpose."""
        return self._index.get((f.app, f.purpose), 0)

    def holds(self, f: Facts) -> bool:
        return self._holds.get((f.app, f.purpose), self._holds_for_none)


def compare(value: Fraction, comparison: str, amount: Fraction) -> bool:
    """Whether ``value`` is ``comparison`` (as written: "more than", ...) ``amount``."""
    if comparison == "more than":
        return value > amount
    if comparison == "less than":
        return value < amount
    if comparison == "at least":
        return value >= amount
    return value <= amount


class _Dated(Guard):
    """A comparison of the dates of two facts, judged by the day. It holds as the usage's
    dates say; where one of them is stated without its date, the evaluator tries both
    answers (``Facts.settled``), as for a standard (docs/semantics.md, section 18)."""

    @property
    def key(self) -> tuple:
        raise NotImplementedError

    def decide(self, dates, happened) -> bool | None:
        """Whether it holds of ``dates`` (each fact's date, None or absent when not known) where
        the facts ``happened`` have happened: False when either fact is not stated, or has not
        happened there (dated after the usage's last day, or after the part of its period
        judged: it is as if unstated), None when one is stated without its date."""
        if self.first not in happened or self.second not in happened:
            return False
        first, second = dates.get(self.first), dates.get(self.second)
        if first is None or second is None:
            return self.of_itself if self.first == self.second else None
        return self.compare(_day(first), _day(second))

    # What it says of one fact compared with itself, whatever its date (None: that depends on
    # the date): the answer when the fact is stated without its date.
    of_itself = None

    def holds(self, f: Facts) -> bool:
        settled = f.settled.get(self.key)  # (the answer given to try, where one is given)
        if settled is not None and not any(name in f.dates and name not in f.facts
                                           for name in (self.first, self.second)):
            return settled
        # (a fact stated with a date after the day judged has not happened there, whatever
        # answer is given to try)
        return self.decide(f.dates, f.facts) is True


@frozen
class DateGap(_Dated):
    """`audit_notice is at least 10 business days before audit`: the day of ``second`` is
    ``comparison`` the day ``duration`` after the day of ``first`` (at least: on or after it;
    more than: after it; less than: before it; at most: on or before it)."""

    first: str
    comparison: str
    duration: m.Duration
    second: str

    @property
    def key(self) -> tuple:
        return ("gap", self.first, self.comparison, self.duration.count, self.duration.unit,
                self.second)

    def compare(self, first: _dt.date, second: _dt.date) -> bool:
        due = self.duration.day_after(first)
        if due is None:  # past the end of the calendar: later than any day
            return self.comparison in ("less than", "at most")
        return compare(Fraction(second.toordinal()), self.comparison,
                       Fraction(due.toordinal()))


@frozen
class SameWindow(_Dated):
    """`previous_audit is in the same calendar year as audit` (or month)."""

    first: str
    unit: str  # month or year
    second: str

    @property
    def key(self) -> tuple:
        return ("same", self.first, self.unit, self.second)

    def compare(self, first: _dt.date, second: _dt.date) -> bool:
        return first.year == second.year and (self.unit == "year" or first.month == second.month)

    of_itself = True  # a day is in its own calendar year and month


def compared(key: tuple) -> _Dated:
    """The comparison of two facts' dates that a key stands for (``DateGap.key``,
    ``SameWindow.key``)."""
    if key[0] == "gap":
        _, first, comparison, count, unit, second = key
        return DateGap(first=first, comparison=comparison,
                       duration=m.Duration(count=count, unit=unit), second=second)
    _, first, unit, second = key
    return SameWindow(first=first, unit=unit, second=second)


def _day(moment) -> _dt.date:
    return moment.date() if isinstance(moment, _dt.datetime) else moment


# ---- events ---------------------------------------------------------------------------------


def when(event: m.Event, known) -> tuple[bool, _dt.date | _dt.datetime | None]:
    """Whether an event has happened, and when (None: on a date not known), given ``known``:
    the date of each event that has happened (each fact the usage states, None when it gives
    no date, and `termination` once the agreement has ended). The later of several has
    happened once all have, on the last one's date; the earlier once one has, on the first
    one's date, which is not known while one of them has no date."""
    found = [(name in known, known.get(name)) for name in event.names]
    if event.pick is None:
        return found[0]
    happened = [moment for ok, moment in found if ok]
    if not happened or (event.pick == "later" and len(happened) < len(found)):
        return False, None
    if any(moment is None for moment in happened):
        return True, None
    pick = _later if event.pick == "later" else _earlier
    chosen = happened[0]
    for moment in happened[1:]:
        chosen = pick(chosen, moment)
    return True, chosen


def between(event: m.Event, known) -> tuple[_dt.datetime, _dt.datetime] | None:
    """The first and last instant (UTC) at which an event that has happened on a date known
    (see :func:`when`) may have happened: a day stated without its time stands for every
    instant of it, so the later of several lies between the latest of their first instants and
    the latest of their last, and the earlier between the earliest of each (the later of a day
    and an instant at 20:00 of that day is no earlier than 20:00). None when it has not
    happened, or its date is not known."""
    happened, moment = when(event, known)
    if not happened or moment is None:
        return None
    spans = [bounds(known[name]) for name in event.names if name in known]
    pick = min if event.pick == "earlier" else max
    return pick(lo for lo, _ in spans), pick(hi for _, hi in spans)


def latest(event: m.Event, known) -> _dt.date | _dt.datetime | None:
    """The latest an event that has happened on a date not known (see :func:`when`) can have
    happened: the earlier of several, some dated, is no later than the first of those dates;
    otherwise None (no bound is known)."""
    return _bound(event, known, "earlier")


def earliest(event: m.Event, known) -> _dt.date | _dt.datetime | None:
    """The earliest an event that has happened on a date not known (see :func:`when`) can have
    happened: the later of several, some dated, is no earlier than the last of those dates;
    otherwise None (no bound is known)."""
    return _bound(event, known, "later")


def _bound(event: m.Event, known, pick: str):
    """The first (``pick`` earlier) or the last (later) of the dates stated of the events an
    event of that pick is made of; None where it is of another pick, or none is dated."""
    if event.pick != pick:
        return None
    dated = [known[name] for name in event.names if known.get(name) is not None]
    if not dated:
        return None
    choose = _earlier if pick == "earlier" else _later
    chosen = dated[0]
    for moment in dated[1:]:
        chosen = choose(chosen, moment)
    return chosen


def _later(a, b):
    """The later of two moments (days or instants); on one day, when one has no time, the day."""
    if _day(a) != _day(b):
        return a if _day(a) > _day(b) else b
    if isinstance(a, _dt.datetime) and isinstance(b, _dt.datetime):
        return max(a, b)
    return _day(a)


def _earlier(a, b):
    if _day(a) != _day(b):
        return a if _day(a) < _day(b) else b
    if isinstance(a, _dt.datetime) and isinstance(b, _dt.datetime):
        return min(a, b)
    return _day(a)


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


@attrs.frozen(kw_only=True, cache_hash=True)  # (it keys the duties a usage owes: see judge)
class Deadline:
    """When a duty is due: `within` a duration after an event, within a time left to
    judgement (the standard ``standard``) after a fact, `upon` an event, `every` a duration
    (after an event, else from ``start``), `before` an action (or an act) or a fact, `by` a
    date, or never (``kind`` "none")."""

    kind: str  # within, judged, upon, every, before-action, before-fact, by, none
    event: str | None = None  # judged, before-action, before-fact: the fact (or action) named
    after: m.Event | None = None  # within, upon, every: the event counted from
    duration: m.Duration | None = None
    date: _dt.date | None = None
    actions: frozenset[str] = frozenset()  # before-action: the actions (or acts) it is due before
    standard: str | None = None  # judged: the standard that says whether it was in time
    # within, upon, every, judged, before-fact: the first day the clause binds (a duty is owed
    # from it: see owed_from)
    start: _dt.date | None = None

    def owed_from(self, moment, exact: bool = False):
        """The later of an event's date ``moment`` (a day or an instant; None: not known) and
        the first day the clause binds: a duty counted from an event that came before the
        clause binds is owed from that day, and counted from it, since no duty fell due
        before the clause existed (docs/semantics.md, section 18, item 3). That day is its
        first instant where ``exact`` (a deadline judged to the instant), else the day."""
        if moment is None or self.start is None:
            return moment
        first = _dt.datetime(self.start.year, self.start.month, self.start.day,
                             tzinfo=_dt.timezone.utc)
        if isinstance(moment, _dt.datetime) and moment >= first or \
                not isinstance(moment, _dt.datetime) and moment >= self.start:
            return moment
        return first if exact else self.start


@frozen
class DutyRule:
    """A duty of the licensee: from an obligation clause (with its guard) or from the proviso
    of a permission (owed when the permission applies). Equal to another that means the
    same: its title is only words, so that a duty carried over into a new version under a
    new title is one duty across the change."""

    clause: str
    title: str | None = attrs.field(eq=False)
    duty: str
    description: str
    shown_by: str | None  # the fact that shows it done, or the act that does it
    deadline: Deadline
    guard: Guard | None = None
    # the acts that do it: a usage that is one of them does it, on its first moment
    done_by: frozenset[str] = frozenset()
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

    # A limit is equal to another that means the same: the same clause, counting the same (its
    # title, the words it names its units and window by, and the order of its scope's words
    # are only words), so that one
    # carried over into a new version in new words is one limit across the change
    clause: str  # the clause id, or "tier NAME"
    title: str | None = attrs.field(eq=False)
    actions: frozenset[str]
    amount: Fraction
    unit: str  # the unit's own name (aliases resolved)
    stated_unit: str = attrs.field(eq=False)  # the unit as the agreement wrote it
    window: m.Window | None = attrs.field(eq=_meaning)  # (`day` is `24 hours`)
    per: str | None = None  # `per request`: the unit's own name
    stated_per: str | None = attrs.field(default=None, eq=False)  # as the agreement wrote it
    concurrent: bool = False
    scope: str | None = attrs.field(default=None, eq=False)  # as written: `app and channel`
    tier: str | None = None
    guard: Guard | None = None
    unless: Guard | None = None
    lifted_by: tuple[str, ...] = ()
    action: str | None = None  # the action (or act) as the clause names it
    # the keys it counts per, each apart, in the order written: `app and channel` is (app,
    # channel), and counts what `channel and app` counts
    keys: tuple[str, ...] = attrs.field(default=(), eq=frozenset)
    # those of its keys whose scope holds apps (`scope project "..." holding apps.`): each app
    # belongs to one value of it, so one app's amount is a lower bound of its holder's
    holders: tuple[str, ...] = attrs.field(default=(), eq=frozenset)
    conflicts: tuple[Conflict, ...] = ()
    # `at recent_search`: the endpoint as written, and the calls it binds (those of that
    # endpoint and of the endpoints under it); None: the calls of every endpoint
    endpoint: str | None = None
    endpoints: frozenset[str] | None = None
    span: m.Span | None = _span()

    def binds(self, endpoint: str | None) -> bool | None:
        """Whether the limit binds a call of ``endpoint``; None when the usage does not say
        which endpoint it calls and the limit binds the calls of one alone."""
        if self.endpoints is None:
            return True
        return None if endpoint is None else endpoint in self.endpoints

    @property
    def basis(self) -> str:
        """What the limit caps: `window`, `total`, `each` or `concurrent`
        (:data:`contractdsl.model.BASES`)."""
        return m.basis(self.window, self.per, self.concurrent)


@frozen
class FeeRule:
    """A price (``price`` ``currency``) per ``per`` ``unit`` of what a usage counts: the fee
    it owes comes back with its duties and never decides it. With a ``threshold`` per
    ``window``, the price runs only on the count of a window past it: on what lies beyond it
    (``beyond``), or on all of it."""

    clause: str
    title: str | None
    price: Fraction
    currency: str  # the money unit as the agreement wrote it
    per: Fraction
    unit: str  # the counted unit's own name (aliases resolved)
    stated_unit: str
    guard: Guard | None = None
    unless: Guard | None = None
    threshold: Fraction | None = None
    window: m.Window | None = None
    beyond: bool = True
    span: m.Span | None = _span()

    def priced(self, count: Fraction) -> Fraction:
        """How much of ``count`` (one window's, where the fee has a threshold) is priced."""
        if self.threshold is None:
            return count
        if count <= self.threshold:
            return Fraction(0)
        return count - self.threshold if self.beyond else count

    def owed(self, count: Fraction) -> Fraction:
        """The fee on ``count`` things (one window's, where the fee has a threshold), exactly."""
        return self.priced(count) * self.price / self.per

    def owed_over(self, count: Fraction, windows: int) -> tuple[Fraction, Fraction]:
        """The least and the most the fee makes owed on ``count`` things spread over
        ``windows`` windows of its threshold in a way not known: the most where one window
        holds them all, the least where every window but one holds the threshold and that one
        the rest (beyond: what passes the threshold in all of them together; if more than:
        nothing where none need pass it). The two meet in one window, where the threshold is 0
        (every thing is priced, wherever it lies) and where ``count`` is no more than the
        threshold (nothing is)."""
        most = self.owed(count)
        if self.threshold is None or windows <= 1:
            return most, most
        return self.owed(count - self.threshold * (windows - 1)), most


@frozen
class ChargeRule:
    """A late charge: ``percent`` of an amount per ``period`` (day, week, month, year) it is
    paid after it was due, for every whole period (with ``part``, every period begun); simple,
    never compounded. It never decides a usage."""

    clause: str
    title: str | None
    percent: Fraction
    period: str
    part: bool = False
    guard: Guard | None = None
    unless: Guard | None = None
    span: m.Span | None = _span()

    def periods(self, due: _dt.date, paid: _dt.date) -> int:
        """The periods charged for an amount due on ``due`` and paid (or still unpaid) on
        ``paid``: those that end by then, counted from the due date (a month from 03-31 ends
        on 04-30), and with ``part`` the one begun."""
        if paid <= due:
            return 0
        start = _dt.datetime(due.year, due.month, due.day)
        end = _dt.datetime(paid.year, paid.month, paid.day)
        step = {"day": 1, "week": 7}.get(self.period)
        if step is not None:
            whole, rest = divmod((paid - due).days, step)
        else:
            months = (paid.year - due.year) * 12 + paid.month - due.month
            if self.period == "year":
                months -= months % 12
            unit = 12 if self.period == "year" else 1
            while months > 0 and m.add_months(start, months) > end:
                months -= unit
            whole, rest = months // unit, m.add_months(start, months) < end
        return whole + (1 if self.part and rest else 0)

    def starts(self, due: _dt.date, paid: _dt.date) -> list[_dt.date]:
        """The first day of each period charged (see :meth:`periods`), in order: each counted
        from the due date (a month from 03-31 begins again on 04-30, then 05-31)."""
        count = self.periods(due, paid)
        step = {"day": 1, "week": 7}.get(self.period)
        if step is not None:
            return [due + _dt.timedelta(days=k * step) for k in range(count)]
        unit = 12 if self.period == "year" else 1
        return [m.add_months(due, k * unit) for k in range(count)]

    def charge(self, amount: Fraction, periods: int) -> Fraction:
        """The charge on ``amount`` for ``periods`` periods, exactly."""
        return amount * self.percent / 100 * periods


# ---- amounts of money a liability is capped at ---------------------------------------------

# What a usage states the licensee paid: (amount, currency (the unit's own name), the day).
Paid = tuple[Fraction, str, _dt.date]
# An amount of money, exact, with its currency (None: nothing was paid, in no currency).
Money = tuple[Fraction, "str | None"]


@frozen
class Fixed:
    """An amount of money: `100 USD`."""

    amount: Fraction
    currency: str  # the unit's own name
    stated: str  # as the agreement wrote it

    def value(self, payments: tuple[Paid, ...], event: _dt.date) -> Money | None:
        return self.amount, self.currency


@frozen
class AmountPaid:
    """`the amount paid in the 6 months before the claim`: what the usage says the licensee
    paid from that long before the claim's day up to the day before it."""

    duration: m.Duration

    def since(self, event: _dt.date) -> _dt.date:
        """The first day counted."""
        return self.duration.before(_dt.datetime(event.year, event.month, event.day)).date()

    def value(self, payments: tuple[Paid, ...], event: _dt.date) -> Money | None:
        """The sum paid then; None when it is in several currencies."""
        start = self.since(event)
        found = [(amount, currency) for amount, currency, day in payments
                 if start <= day < event]
        currencies = {currency for _, currency in found}
        if len(currencies) > 1:
            return None
        return sum((a for a, _ in found), Fraction(0)), next(iter(currencies), None)


@frozen
class Extreme:
    """The greater (``greater``) or the lesser of amounts."""

    greater: bool
    operands: tuple[Fixed | AmountPaid, ...]

    def value(self, payments: tuple[Paid, ...], event: _dt.date) -> Money | None:
        """The greatest or least operand; None when they are in several currencies."""
        values = [op.value(payments, event) for op in self.operands]
        currencies = {c for v in values if v is not None for c in v[1:] if c is not None}
        if None in values or len(currencies) > 1:
            return None
        pick = max if self.greater else min
        return pick(v[0] for v in values), next(iter(currencies), None)


@frozen
class CapRule:
    """The most ``party`` (the licensor or the licensee) is liable for (``cap``): with a claim
    against it, what of the claim may be recovered. It never decides a usage."""

    clause: str
    title: str | None
    cap: Fixed | AmountPaid | Extreme
    party: str = "licensor"
    guard: Guard | None = None
    unless: Guard | None = None
    # the caps of the same party in other documents read with it that cap it otherwise
    conflicts: tuple[Conflict, ...] = ()
    span: m.Span | None = _span()

    def recoverable(self, claimed: Money, payments: tuple[Paid, ...],
                    event: _dt.date) -> Money | None:
        """What of ``claimed`` (for an event on ``event``) may be recovered: the lesser of it
        and the cap; None when the cap and the claim are in different currencies."""
        cap = self.cap.value(payments, event)
        if cap is None or cap[1] not in (None, claimed[1]):
            return None
        return min(claimed[0], cap[0]), claimed[1]


@frozen
class EarningRule:
    """A tier (``tier``) earned by paying at least ``amount`` ``currency`` in total: a usage
    that states the tier has earned it on a day when the payments it states made by then, in
    that currency, come to at least that much; on a day when they do not, the tier is not the
    licensee's and the usage is denied. Its title and the words of its currency are only
    words (see :class:`DutyRule`)."""

    tier: str
    title: str | None = attrs.field(eq=False)
    amount: Fraction
    currency: str  # the unit's own name
    stated: str = attrs.field(eq=False)  # as the agreement wrote it
    span: m.Span | None = _span()

    def paid(self, payments: tuple[Paid, ...], day: _dt.date) -> Fraction:
        """What the payments made on or before ``day`` come to, in the rule's currency."""
        return sum((amount for amount, currency, when in payments
                    if currency == self.currency and when <= day), Fraction(0))

    def earned(self, payments: tuple[Paid, ...], day: _dt.date) -> bool:
        return self.paid(payments, day) >= self.amount

    def uncounted(self, payments: tuple[Paid, ...], day: _dt.date) -> tuple[Paid, ...]:
        """The payments made on or before ``day`` in another currency, which count nothing
        (no rate of exchange is assumed)."""
        return tuple(payment for payment in payments
                     if payment[1] != self.currency and payment[2] <= day)


@frozen
class PriceRule:
    """What a tier (``tier``) costs: ``amount`` ``currency`` per ``window`` (at least that,
    where it costs ``minimum`` `from` it). A usage that states the tier owes it, as a duty; it
    never decides the usage."""

    tier: str
    title: str | None
    amount: Fraction
    currency: str  # the money unit as the agreement wrote it
    window: m.Window
    minimum: bool = False
    guard: Guard | None = None  # the tier is the usage's
    unless: Guard | None = None  # (none: as a money clause's)
    span: m.Span | None = _span()

    @property
    def clause(self) -> str:
        return f"tier {self.tier}"


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
    # the last day of the version in force (or terminated), where its text or the licensee's
    # end says it: `termination` has happened once a day judged is on or after it
    terminates: _dt.date | None = None
    permits: tuple[Rule, ...] = ()
    forbids: tuple[Rule, ...] = ()
    limits: tuple[LimitRule, ...] = ()
    duties: tuple[DutyRule, ...] = ()
    # The licensor's own permissions (what it may still do), prohibitions and limits: they
    # never decide a usage, and come back with its decision.
    licensor: tuple[Rule | LimitRule, ...] = ()
    fees: tuple[FeeRule, ...] = ()
    charges: tuple[ChargeRule, ...] = ()
    caps: tuple[CapRule, ...] = ()
    # the tiers in force that are earned by what the licensee has paid
    earning: tuple[EarningRule, ...] = ()
    # the prices of the tiers in force
    prices: tuple[PriceRule, ...] = ()
    # the precedences that settle the conflicts of its rules and limits
    precedence: tuple[Precedence, ...] = ()

    @property
    def money(self) -> tuple[FeeRule | ChargeRule | CapRule | PriceRule, ...]:
        """The fees, late charges, liability caps and tiers' prices: what a usage owes or may
        recover, which never decides it."""
        return (*self.fees, *self.charges, *self.caps, *self.prices)

    @property
    def every_duty(self) -> tuple[DutyRule, ...]:
        """Its duties, and those of its permissions' provisos."""
        return (*self.duties, *(d for rule in self.permits for d in rule.provisos))


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
    if isinstance(node, (Guard, Scope, Deadline, DutyRule, Rule, LimitRule, FeeRule, ChargeRule,
                         Fixed, AmountPaid, Extreme, CapRule, EarningRule, PriceRule, Stretch, Program,
                         Precedence,
                         Conflict)):
        out = {"node": type(node).__name__}
        for field in attrs.fields(type(node)):
            if field.name in ("runtime", "symbols", "activity") or not field.init:
                continue  # (what is made from the other fields is not said)
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
    if isinstance(node, m.Event):
        return {"names": list(node.names), **({"pick": node.pick} if node.pick else {})}
    if isinstance(node, (m.Window, m.Duration)):
        return {"count": node.count, "unit": node.unit,
                **({"calendar": node.calendar} if isinstance(node, m.Window) else {})}
    return node


def to_json(program: Program, indent: int | None = 2) -> str:
    """The Program as a JSON document."""
    import json

    return json.dumps(to_data(program), indent=indent, ensure_ascii=False)
