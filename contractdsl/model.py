"""Typed model: frozen attrs records for everything an agreement file declares.

Every record keeps its source position in ``span``, which is excluded from equality, so a
parsed clause equals one built by hand. What only the source says (where each name is
written, the header statements as written, the word before recipients) is likewise kept out of
equality.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import Iterator, Union

import attrs

frozen = attrs.frozen(kw_only=True)


def _span():
    return attrs.field(default=None, eq=False, repr=False, order=False)


def _refs():
    """The names a statement uses, each where it is written (:class:`Ref`); only the source
    says them, so they are kept out of equality."""
    return attrs.field(default=(), eq=False, repr=False, order=False)


class Span(tuple):
    """Where a record was written: file, 1-based line and column, and the line and column
    where it ends (None where not known). A tuple, since a large file has hundreds of
    thousands of them: they are quick to make, to keep and to read back from the cache."""

    __slots__ = ()

    def __new__(cls, file: str = "<string>", line: int = 1, column: int = 1,
                end_line: int | None = None, end_column: int | None = None) -> "Span":
        return tuple.__new__(cls, (file, line, column, end_line, end_column))

    def __reduce__(self):
        return (tuple.__new__, (Span, tuple(self)))  # read back without a call in Python

    file = property(itemgetter(0), doc="The file's name as given.")
    line = property(itemgetter(1), doc="The first line, from 1.")
    column = property(itemgetter(2), doc="The first column, from 1.")
    end_line = property(itemgetter(3), doc="The last line, or None.")
    end_column = property(itemgetter(4), doc="The column after the last character, or None.")

    def __repr__(self) -> str:
        return (f"Span(file={self[0]!r}, line={self[1]!r}, column={self[2]!r}, "
                f"end_line={self[3]!r}, end_column={self[4]!r})")

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@frozen
class Comment:
    """A `#` comment, kept for the formatter."""

    text: str
    span: Span | None = _span()


# ---- quantities, windows, durations -------------------------------------------------------

Amount = Union[int, Decimal]

FIXED_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
CALENDAR_UNITS = ("month", "year")
BUSINESS_DAY = "business day"  # a duration's unit: Monday to Friday


@frozen
class Quantity:
    """An amount in a unit: `1,500,000 post_ids`, `100 USD`."""

    amount: Amount
    unit: str
    span: Span | None = _span()

    @property
    def exact(self) -> Fraction:
        return Fraction(self.amount)


def exact_decimal(value: Fraction) -> str:
    """A fraction written exactly: as a decimal when it has one (`1234.32`, `-0.5`), else as
    `numerator/denominator`."""
    denominator, places = value.denominator, 0
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    while (value * 10 ** places).denominator != 1:
        places += 1
    digits = str(abs(value.numerator * 10 ** places // value.denominator)).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)


@frozen
class Window:
    """A period a limit counts over: `15 minutes`, `day`, `calendar month`."""

    count: int
    unit: str  # singular: second, minute, hour, day, week, month, year
    calendar: bool = False
    span: Span | None = _span()

    @property
    def seconds(self) -> int | None:
        """Length in seconds for fixed windows; None for calendar windows."""
        if self.calendar:
            return None
        return self.count * FIXED_SECONDS[self.unit]

    @property
    def meaning(self) -> "Window":
        """The window by what it counts over, whatever its words: a fixed window is any
        stretch of its length, so `day` and `24 hours` (`hour` and `60 minutes`) are one
        window, in seconds; a calendar window is its own."""
        if self.calendar:
            return self
        return Window(count=self.seconds, unit="second")


@frozen
class Duration:
    """A length of time used in deadlines and survival: `24 hours`, `1 year`."""

    count: int
    unit: str  # singular: second ... week, month, year, business day
    span: Span | None = _span()

    def before(self, moment: _dt.datetime) -> _dt.datetime:
        """The moment this duration before ``moment`` (calendar units take months away,
        business days count Monday to Friday back); before the start of the calendar, its
        first instant."""
        try:
            if self.unit in FIXED_SECONDS:
                return moment - _dt.timedelta(seconds=self.count * FIXED_SECONDS[self.unit])
            if self.unit == BUSINESS_DAY:
                return _business_days_before(moment, self.count)
            months = self.count * (12 if self.unit == "year" else 1)
            return add_months(moment, -months)
        except (OverflowError, ValueError):
            return _dt.datetime.min.replace(tzinfo=moment.tzinfo)

    def after(self, moment: _dt.datetime) -> _dt.datetime:
        """The moment this duration after ``moment`` (calendar units add months, business days
        count Monday to Friday); past the end of the calendar (9999-12-31), its last
        instant."""
        try:
            if self.unit in FIXED_SECONDS:
                return moment + _dt.timedelta(seconds=self.count * FIXED_SECONDS[self.unit])
            if self.unit == BUSINESS_DAY:
                return add_business_days(moment, self.count)
            months = self.count * (12 if self.unit == "year" else 1)
            return add_months(moment, months)
        except (OverflowError, ValueError):
            return _dt.datetime.max.replace(tzinfo=moment.tzinfo)

    def day_after(self, day: _dt.date) -> _dt.date | None:
        """The day this duration after ``day``, counted from its start; None past the end of
        the calendar (9999-12-31)."""
        moment = self.after(_dt.datetime(day.year, day.month, day.day))
        return None if moment == _dt.datetime.max else moment.date()


def add_business_days(moment, days: int):
    """The ``days``-th working day (Monday to Friday) after ``moment``'s day, at the same time
    of day: counted from the Friday before when ``moment`` falls on a weekend."""
    weekday = moment.weekday()
    if weekday > 4:  # Saturday or Sunday: as from the Friday before
        moment -= _dt.timedelta(days=weekday - 4)
    weeks, rest = divmod(days, 5)
    moment += _dt.timedelta(days=7 * weeks)
    while rest:
        moment += _dt.timedelta(days=1)
        if moment.weekday() < 5:
            rest -= 1
    return moment


def _business_days_before(moment, days: int):
    """The ``days``-th working day before ``moment``'s day, at the same time of day: counted
    from the Monday after when ``moment`` falls on a weekend."""
    weekday = moment.weekday()
    if weekday > 4:
        moment += _dt.timedelta(days=7 - weekday)
    weeks, rest = divmod(days, 5)
    moment -= _dt.timedelta(days=7 * weeks)
    while rest:
        moment -= _dt.timedelta(days=1)
        if moment.weekday() < 5:
            rest -= 1
    return moment


def add_months(moment, months: int):
    """Add calendar months, clamping the day to the end of a shorter month."""
    import calendar

    total = moment.month - 1 + months
    year, month = moment.year + total // 12, total % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


# ---- events -----------------------------------------------------------------------------------

TERMINATION = "termination"  # the event of the agreement's end for the licensee
PICKS = ("later", "earlier")


@frozen
class Event:
    """When something happened: the agreement's end for the licensee (`termination`), a fact
    a usage (or a schedule) dates (`deletion_request`), or the later or earlier of several
    (`the later of processing_ceased and data_deleted`)."""

    names: tuple[str, ...] = attrs.field(converter=tuple)
    pick: str | None = None  # one of PICKS, with several names
    span: Span | None = _span()

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts it names (all but `termination`)."""
        return tuple(n for n in self.names if n != TERMINATION)

    def __str__(self) -> str:
        if self.pick is None:
            return self.names[0]
        listed = ", ".join(self.names[:-1]) + " and " + self.names[-1]
        return f"the {self.pick} of {listed}"


def as_event(value) -> "Event":
    """An event, or a name (a fact, or `termination`) as the event of that name alone."""
    return value if isinstance(value, Event) else Event(names=(value,))


def _as_event_or_none(value):
    return None if value is None else as_event(value)


@frozen
class Survival:
    """How long a clause survives the agreement's end: without end (`survives`), for a time
    after it (`survives 1 year`), or for a time after an event (`survives 1 year after the
    later of processing_ceased and data_deleted`)."""

    duration: Duration | None = None
    event: Event | None = attrs.field(default=None, converter=_as_event_or_none)
    span: Span | None = _span()


def as_survival(value):
    """A survival, or a duration as the survival for that long after termination."""
    return Survival(duration=value, span=value.span) if isinstance(value, Duration) else value


# ---- vocabularies ---------------------------------------------------------------------------


@frozen
class Term:
    """A vocabulary entry: a name, the prose it stands for, and the broader term it falls under."""

    name: str
    description: str
    parent: str | None = None
    span: Span | None = _span()
    name_span: Span | None = _span()
    refs: tuple["Ref", ...] = _refs()

    kind = "term"


@frozen
class Purpose(Term):
    kind = "purpose"


@frozen
class Recipient(Term):
    kind = "recipient"


@frozen
class DataKind(Term):
    kind = "data"


@frozen
class Action(Term):
    kind = "action"


@frozen
class Act(Term):
    """Something the licensee does that is not a use of content: registering an app, answering
    a request, refusing an audit, paying. A usage may be one (`act:`); it needs no licence, and
    is denied only by a clause that forbids it or a duty it breaches."""

    kind = "act"


@frozen
class Fact(Term):
    kind = "fact"


@frozen
class Endpoint(Term):
    """An endpoint of the API (`endpoint recent_search "GET /2/tweets/search/recent".`): a
    limit may bind the calls of one alone (`at recent_search`), and those of the endpoints
    declared under it; a usage states the endpoint it calls."""

    kind = "endpoint"


@frozen
class Standard(Term):
    """A question the agreement leaves to judgement ("the request volume is reasonable"): a
    usage may state a finding on it; without one, a decision it could change is undetermined."""

    kind = "standard"


@frozen
class Duty(Term):
    """Something a party must do; ``shown_by`` names the fact a usage states when it is done,
    or the act that does it."""

    shown_by: str | None = None
    kind = "duty"


PARTIES = ("licensee", "user")  # the parties an attribute may describe (`user`: an end user)


@frozen
class Attribute(Term):
    """A yes-or-no property of a party, the licensee or an end user: `attribute
    government_entity "a government entity" of licensee.`. A usage (or, for the licensee, a
    schedule) states it; where it does not, a decision it could change is undetermined."""

    party: str = "licensee"
    kind = "attribute"


@frozen
class Measure(Attribute):
    """A number that describes a party: `measure age "age in years" of user.`; conditions
    compare it with a threshold."""

    kind = "measure"


TERM_CLASSES: dict[str, type[Term]] = {
    cls.kind: cls for cls in (Purpose, Recipient, DataKind, Action, Act, Fact, Standard, Duty,
                              Attribute, Measure, Endpoint)
}


@frozen
class AttributeValue:
    """What a file states of its licensee: `licensee is government_entity.` (``value`` True),
    `licensee is not government_entity.` (False), `licensee's monthly_active_users is
    3,000,000,000.` (the number)."""

    name: str
    value: bool | Amount
    span: Span | None = _span()
    name_span: Span | None = _span()


@frozen
class DatedFact:
    """What a file states of when a fact came about for its licensee: `fact audit_notice on
    2024-03-01.` A schedule's hold for the usages of its apps, an agreement text's for every
    usage."""

    name: str
    date: _dt.date
    span: Span | None = _span()
    name_span: Span | None = _span()


@frozen
class Unit:
    """A unit of measure, with aliases (`tweets` = `posts`) and a dimension (`money`)."""

    name: str
    description: str
    dimension: str | None = None
    aliases: tuple[str, ...] = ()
    span: Span | None = _span()
    name_span: Span | None = _span()
    refs: tuple["Ref", ...] = _refs()

    @property
    def measures(self) -> str:
        return self.dimension or self.name


# The scopes a limit may count per that the language knows; an agreement declares others.
# `recipient entity`: the recipients that are one entity (several people of one organisation)
# counted together.
SCOPES = ("app", "licensee", "recipient", "recipient entity", "user", "endpoint", "client",
          "token", "model", "IP address")


@frozen
class Scope:
    """What a limit may count per besides the scopes the language knows: `scope channel
    "channel of a server".`; a limit then says `per channel` (or `per app and channel`).
    `holding apps` (``holds_apps``): each app belongs to one of its values, as a Project
    holds apps, so what one app does its holder does at least."""

    name: str
    description: str
    holds_apps: bool = False
    span: Span | None = _span()
    name_span: Span | None = _span()
    refs: tuple["Ref", ...] = _refs()  # (a scope names nothing else)


def scope_keys(scope: str | None) -> tuple[str, ...]:
    """The keys a scope as written counts per: `app and channel` is (`app`, `channel`)."""
    return tuple(scope.split(" and ")) if scope else ()


def counted_keys(scope: str | None) -> tuple[str, ...]:
    """The keys a scope counts per, each once: a key written twice is counted once (`per app
    and app` counts per app; the checker warns of it, `repeated-scope`)."""
    return tuple(dict.fromkeys(scope_keys(scope)))


# ---- apps and tiers -------------------------------------------------------------------------


@frozen
class App:
    """A registered app with its approved use cases, labels and identified government users."""

    name: str
    title: str
    approved: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    serving: tuple[str, ...] = ()
    span: Span | None = _span()
    name_span: Span | None = _span()
    refs: tuple["Ref", ...] = _refs()


@frozen
class Price:
    """What a tier costs per period; ``minimum`` for `costs from`."""

    quantity: Quantity
    window: Window
    minimum: bool = False
    span: Span | None = _span()


@frozen
class Earning:
    """How a tier is earned: `earned by paying at least 5 USD in total`, by what the licensee
    has paid the licensor in all by the day judged."""

    quantity: Quantity
    span: Span | None = _span()


@frozen
class Allowance:
    """How much of an action a tier allows: `read no more than 10,000 posts per calendar month`;
    in money, what the usage may spend on it (`use no more than 100 USD per calendar month`)."""

    action: str
    quantity: Quantity
    window: Window
    scope: str | None = None
    span: Span | None = _span()


@frozen
class Tier:
    """A paid or free access level with its price, what earns it, effective window and
    allowances."""

    name: str
    title: str
    price: Price | None = None
    earning: Earning | None = None
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    allowances: tuple[Allowance, ...] = ()
    span: Span | None = _span()
    name_span: Span | None = _span()
    window_span: Span | None = _span()  # from its first `from`/`until` date to its last
    refs: tuple["Ref", ...] = _refs()


# ---- conditions -----------------------------------------------------------------------------


@frozen
class Condition:
    """Base of every condition in `when` and `unless`."""

    span: Span | None = _span()

    def walk(self) -> Iterator["Condition"]:
        yield self


@frozen
class TermIs(Condition):
    """`purpose is research`: the usage's term falls under ``name`` (subject: purpose,
    recipient, action, data or app)."""

    subject: str
    name: str


@frozen
class PurposeApproved(Condition):
    """`purpose is approved`: the usage's purpose is a use case approved for its app."""


@frozen
class Subscribed(Condition):
    """`a tier is subscribed`."""


@frozen
class TierIs(Condition):
    name: str


@frozen
class DateBefore(Condition):
    date: _dt.date


@frozen
class DateFrom(Condition):
    date: _dt.date


@frozen
class AppLabelled(Condition):
    label: str


@frozen
class AppServes(Condition):
    """`app serves government`: the schedule identifies such users for the app."""

    recipient: str


@frozen
class FactHolds(Condition):
    name: str


@frozen
class AttributeIs(Condition):
    """`licensee is government_entity`, `user is opted_in`: the party has the attribute."""

    party: str
    name: str


# The comparisons of a measure with a threshold (or of two dates), as written.
COMPARISONS = ("more than", "less than", "at least", "at most")


@frozen
class AppsFor(Condition):
    """`licensee has more than 1 apps approved for the purpose`: how many apps of the
    licensee (the apps of the schedule that registers the usage's app) are approved for the
    usage's purpose, compared with ``amount``."""

    comparison: str  # one of COMPARISONS
    amount: int


@frozen
class MeasureIs(Condition):
    """`licensee's monthly_active_users is more than 700,000,000`, `user's age is less than
    13`: the party's measure compared with ``amount``."""

    party: str
    name: str
    comparison: str  # one of COMPARISONS
    amount: Amount


@frozen
class DateGap(Condition):
    """`audit_notice is at least 10 business days before audit`: the date of ``first`` is
    ``comparison`` ``duration`` before the date of ``second`` (both facts the usage dates)."""

    first: str
    comparison: str  # one of COMPARISONS
    duration: Duration
    second: str


@frozen
class SameWindow(Condition):
    """`previous_audit is in the same calendar year as audit`: the two facts' dates fall in one
    calendar ``unit`` (month or year)."""

    first: str
    unit: str  # month or year
    second: str


@frozen
class Not(Condition):
    operand: Condition

    def walk(self):
        yield self
        yield from self.operand.walk()


@frozen
class All(Condition):
    operands: tuple[Condition, ...]

    def walk(self):
        yield self
        for op in self.operands:
            yield from op.walk()


@frozen
class Any(Condition):
    operands: tuple[Condition, ...]

    def walk(self):
        yield self
        for op in self.operands:
            yield from op.walk()


# ---- deadlines ------------------------------------------------------------------------------


@frozen
class Deadline:
    span: Span | None = _span()


@frozen
class Within(Deadline):
    """`within 24 hours after deletion_request`, `within 30 days after termination`."""

    duration: Duration
    event: Event = attrs.field(converter=as_event)


@frozen
class Upon(Deadline):
    """`upon termination`: due when the event happens."""

    event: Event = attrs.field(converter=as_event)


@frozen
class Every(Deadline):
    """`every 12 months` (`after EVENT`): due ``duration`` after the last time the usage
    says it was done, else after the event, else after the clause takes effect."""

    duration: Duration
    event: Event | None = attrs.field(default=None, converter=_as_event_or_none)


@frozen
class WithinJudged(Deadline):
    """`within responded_promptly after audit_request`: within a time the agreement leaves to
    judgement, the standard ``standard``, after the fact ``event``."""

    standard: str
    event: str


@frozen
class Before(Deadline):
    """`before share`: before the usage's action (or a named event) takes place."""

    event: str


@frozen
class By(Deadline):
    """`by 2023-06-07`."""

    date: _dt.date


# ---- clauses --------------------------------------------------------------------------------


@frozen
class Ref:
    """A name a clause uses, where it is written. ``kind`` is what it names: a term kind, a
    `unit`, `app`, `tier`, app `label`, `clause`, or `event` (`before X`: an action or a fact)."""

    kind: str
    name: str
    span: Span | None = _span()


@frozen
class Activity:
    """What a permission or prohibition is about: action, data, purposes and recipients."""

    action: str
    data: str | None = None
    purposes: tuple[str, ...] = ()
    approved_purpose: bool = False
    recipients: tuple[str, ...] = ()
    # as written: `to` or `with` before the recipients, and whether they precede the purposes
    preposition: str = attrs.field(default="with", eq=False, repr=False)
    recipients_first: bool = attrs.field(default=False, eq=False, repr=False)
    span: Span | None = _span()


@frozen
class Proviso:
    """A duty attached to a permission: `provided licensee must notify_licensor before share`."""

    party: str
    duty: str
    deadline: Deadline | None = None
    span: Span | None = _span()


@frozen
class Clause:
    """Common part of every clause: id, title, effective window, survival and conditions."""

    id: str
    title: str | None = None
    party: str = "licensee"
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    survives: Survival | None = attrs.field(default=None, converter=as_survival)
    when: Condition | None = None
    unless: Condition | None = None
    span: Span | None = _span()
    name_span: Span | None = _span()
    window_span: Span | None = _span()  # from its first `from`/`until` date to its last
    refs: tuple[Ref, ...] = _refs()

    kind = "clause"


@frozen
class Permission(Clause):
    activity: Activity
    notwithstanding: tuple[str, ...] = ()
    provisos: tuple[Proviso, ...] = ()
    kind = "permission"


@frozen
class Prohibition(Clause):
    activity: Activity
    exceptions: tuple[str, ...] = ()
    kind = "prohibition"


# What a limit caps: an amount per window (`per 15 minutes`), the whole amount (`in total`),
# the amount one of a unit carries (`per request`), or how many are under way at once
# (`100 concurrent requests`).
BASES = ("window", "total", "each", "concurrent")


@frozen
class Limit(Clause):
    """No more than ``quantity`` of an action: per ``window``; with no window, in total, per
    one ``per`` (a unit: `per request`), or at once (``concurrent``)."""

    action: str
    quantity: Quantity
    window: Window | None = None
    per: str | None = None
    concurrent: bool = False
    scope: str | None = None  # as written: `app`, `IP address`, `app and channel`
    endpoint: str | None = None  # `at recent_search`: the calls of that endpoint alone
    exceptions: tuple[str, ...] = ()
    kind = "limit"

    @property
    def basis(self) -> str:
        """What the limit caps: one of :data:`BASES`."""
        return basis(self.window, self.per, self.concurrent)


def basis(window: Window | None, per: str | None, concurrent: bool) -> str:
    """What a limit with this window, unit counted per and concurrency caps (:data:`BASES`)."""
    if window is not None:
        return "window"
    if concurrent:
        return "concurrent"
    return "each" if per is not None else "total"


@frozen
class Obligation(Clause):
    duty: str
    deadline: Deadline | None = None
    kind = "obligation"


@frozen
class Threshold:
    """Where a fee starts to run, counted per window: `beyond 1,000,000 posts per 24 hours`
    (only what lies beyond it is priced; ``beyond`` True) or `if more than 1,000,000 posts per
    24 hours` (all of it, once past it)."""

    quantity: Quantity
    window: Window
    beyond: bool = True
    span: Span | None = _span()


@frozen
class Fee(Clause):
    """A price per unit of what the usage counts: `licensee must pay 0.24 USD per 1,000
    requests`, now and then past a threshold (liquidated damages); the fee a usage owes comes
    back with its duties."""

    price: Quantity
    per: Quantity  # `per request` is one request
    threshold: Threshold | None = None
    kind = "fee"


# The periods a late charge accrues per.
CHARGE_PERIODS = ("day", "week", "month", "year")


@frozen
class LateCharge(Clause):
    """A charge on each amount paid after it was due: `licensee must pay 1.5 % per month on
    late payments`, for every whole ``period`` it is late (with ``part``, `or part of one`:
    for every period begun)."""

    percent: Amount
    period: str  # one of CHARGE_PERIODS
    part: bool = False
    kind = "late charge"


@frozen
class AmountPaid:
    """`the amount paid in the 6 months before the claim`: what the licensee paid the licensor
    in that time before the event that gives rise to the claim."""

    duration: Duration
    span: Span | None = _span()


@frozen
class Extreme:
    """`the greater of A and B` (``greater``), or `the lesser of A, B and C`."""

    greater: bool
    operands: tuple[Union[Quantity, AmountPaid], ...]
    span: Span | None = _span()


Cap = Union[Quantity, AmountPaid, Extreme]


@frozen
class LiabilityCap(Clause):
    """The most a party is liable for: `licensor's liability is at most 100 USD`; with a claim
    against that party, what of it may be recovered comes back with the decision."""

    cap: Cap
    kind = "liability cap"


# Which document prevails where a clause of an incorporated document conflicts with one of the
# document that incorporates it: the incorporated one (`prevailing over this agreement`), or the
# one that incorporates it (`subject to this agreement`).
PRECEDENCES = ("incorporated", "incorporating")


@frozen
class Incorporation(Clause):
    """`incorporates "Data API Terms" prevailing over this agreement`: documents (by their
    titles) read as part of this one, and which prevails where a clause of one conflicts with a
    clause of the other (``prevailing``: one of :data:`PRECEDENCES`, or None when the text
    declares none). Its `when` and `unless` say when that precedence holds; otherwise the other
    document prevails."""

    documents: tuple[str, ...]
    prevailing: str | None = None
    kind = "incorporation"


# ---- documents and agreements ---------------------------------------------------------------


@frozen
class Heading:
    """The `agreement` or `schedule` line: what the file holds and its title."""

    kind: str = "agreement"  # or "schedule"
    title: str = ""
    version: str | None = None
    schedule_for: str | None = None
    span: Span | None = _span()


@frozen
class Party:
    role: str  # licensor or licensee
    name: str
    span: Span | None = _span()


@frozen
class Effective:
    """`effective 2022-10-10.`: the first day the text is in force."""

    date: _dt.date
    span: Span | None = _span()


@frozen
class Terminates:
    """`terminates 2024-12-31.`: the last day of the agreement."""

    date: _dt.date
    span: Span | None = _span()


Header = Union[Heading, Party, Effective, Terminates]


@frozen
class Document:
    """Everything one file declares: an agreement text (one version) or a schedule to one.

    The header fields hold the first of each header statement; ``headers`` holds every header
    statement as the file wrote it, in source order (a file that repeats one is in error, and
    the formatter still writes it back).
    """

    kind: str = "agreement"  # or "schedule"
    title: str = ""
    version: str | None = None
    schedule_for: str | None = None
    parties: tuple[Party, ...] = ()
    effective: _dt.date | None = None
    terminates: _dt.date | None = None
    terms: tuple[Term, ...] = ()
    units: tuple[Unit, ...] = ()
    scopes: tuple[Scope, ...] = ()
    apps: tuple[App, ...] = ()
    tiers: tuple[Tier, ...] = ()
    clauses: tuple[Clause, ...] = ()
    # what the file states of its licensee's attributes
    values: tuple[AttributeValue, ...] = ()
    # what the file states of when facts came about for its licensee
    dated: tuple[DatedFact, ...] = ()
    headers: tuple[Header, ...] = attrs.field(default=(), eq=False, repr=False)
    comments: tuple[Comment, ...] = attrs.field(default=(), eq=False, repr=False)
    source: str | None = attrs.field(default=None, eq=False, repr=False)
    span: Span | None = _span()
    # what stops the file being read as written, found while its statements were built (a date
    # not in the calendar, a window of 0 days, ...): each in place of what it stands for, a
    # placeholder or nothing; the checker reports them first, so the file is never judged by
    # them (what the file says wrongly, not what the agreement means)
    problems: tuple = attrs.field(default=(), eq=False, repr=False)

    @property
    def file(self) -> str:
        return self.span.file if self.span else "<string>"

    def party(self, role: str) -> str | None:
        return next((p.name for p in self.parties if p.role == role), None)


@frozen
class Agreement:
    """One or more documents read together: the versions of an agreement and its schedules."""

    documents: tuple[Document, ...]
    # The agreement compiled to its IR on first use (contractdsl.compile): owned by this object.
    compiled: object = attrs.field(default=None, init=False, eq=False, repr=False)
    _incorporated: frozenset | None = attrs.field(default=None, init=False, eq=False,
                                                   repr=False)

    @property
    def texts(self) -> tuple[Document, ...]:
        """Every agreement text read, the incorporated documents included, oldest first."""
        texts = [d for d in self.documents if d.kind == "agreement"]
        return tuple(sorted(texts, key=lambda d: (d.effective or _dt.date.min)))

    @property
    def incorporated_titles(self) -> frozenset[str]:
        """The titles of the documents another text read with them incorporates."""
        found = self._incorporated
        if found is None:
            found = frozenset(title for d in self.documents if d.kind == "agreement"
                              for c in d.clauses if isinstance(c, Incorporation)
                              for title in c.documents if title != d.title)
            object.__setattr__(self, "_incorporated", found)
        return found

    @property
    def versions(self) -> tuple[Document, ...]:
        """The versions of the agreement itself (the texts no other text incorporates), oldest
        first."""
        incorporated = self.incorporated_titles
        return tuple(d for d in self.texts if d.title not in incorporated)

    @property
    def incorporated(self) -> tuple[Document, ...]:
        """The versions of the documents the agreement's texts incorporate, oldest first."""
        incorporated = self.incorporated_titles
        return tuple(d for d in self.texts if d.title in incorporated)

    def incorporated_with(self, text: Document) -> tuple[Document, ...]:
        """Every version of each document ``text`` incorporates, in turn, whatever the dates:
        the texts its names may be read with."""
        texts = self.texts
        titles, queue = {text.title}, [text]
        found: list[Document] = []
        while queue:
            holder = queue.pop(0)
            for clause in holder.clauses:
                if isinstance(clause, Incorporation):
                    for title in clause.documents:
                        if title not in titles:
                            titles.add(title)
                            named = [d for d in texts if d.title == title]
                            found += named
                            queue += named
        return tuple(found)

    def read_with(self, text: Document, day: _dt.date) -> tuple[tuple[Document, Incorporation,
                                                                      Document], ...]:
        """The documents read as part of ``text`` on ``day``: for each incorporation clause in
        force that day, in ``text`` or (in turn) in a document it incorporates, the version of
        each document it names in force that day, as (document, the clause, the document whose
        clause it is); each document once."""
        found: list[tuple[Document, Incorporation, Document]] = []
        if not self.incorporated_titles:
            return ()
        seen, queue = {id(text)}, [text]
        while queue:
            holder = queue.pop(0)
            for clause in holder.clauses:
                if not isinstance(clause, Incorporation) or not (
                        (clause.valid_from is None or clause.valid_from <= day)
                        and (clause.valid_until is None or day <= clause.valid_until)):
                    continue
                for title in clause.documents:
                    version = self.version_at(day, title)
                    if version is not None and id(version) not in seen:
                        seen.add(id(version))
                        found.append((version, clause, holder))
                        queue.append(version)
        return tuple(found)

    @property
    def schedules(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if d.kind == "schedule")

    @property
    def lead(self) -> Document | None:
        """The first file given of the agreement's own texts: its title is the agreement's."""
        own = {id(v) for v in self.versions}
        return next((d for d in self.documents if id(d) in own), None)

    @property
    def strays(self) -> tuple[Document, ...]:
        """The files read that are none of the agreement's (see :attr:`lead`): a text neither
        a version of it nor a document its versions incorporate (in turn), a schedule for
        another title. No decision reads them, so they are refused. A text without a title is
        left to the checker's own finding."""
        lead = self.lead
        if lead is None:
            return ()
        read = {lead.title}
        if self.incorporated_titles:
            read.update(d.title for v in self.versions if v.title == lead.title
                        for d in self.incorporated_with(v))
        return tuple(d for d in self.documents
                     if ((d.title and d.title not in read) if d.kind == "agreement"
                         else d.schedule_for != lead.title))

    @property
    def title(self) -> str:
        return next((d.title for d in self.versions), self.documents[0].title if self.documents else "")

    @property
    def apps(self) -> tuple[App, ...]:
        return tuple(a for d in self.documents for a in d.apps)

    def _chain(self, version: Document) -> tuple[Document, ...]:
        """The versions a version follows and is followed by: those of the agreement itself,
        or those of the incorporated document it is one of."""
        if version.title in self.incorporated_titles:
            return tuple(d for d in self.texts if d.title == version.title)
        return self.versions

    def version_bounds(self, version: Document) -> tuple[_dt.date | None, _dt.date | None]:
        """First and last day a version is in force: its own dates, else up to the next one."""
        versions = self._chain(version)
        index = next(i for i, v in enumerate(versions) if v is version)
        end = version.terminates
        if end is None and index + 1 < len(versions) and versions[index + 1].effective:
            end = versions[index + 1].effective - _dt.timedelta(days=1)
        return version.effective, end

    def version_at(self, day: _dt.date, title: str | None = None) -> Document | None:
        """The version of the agreement (or, given its ``title``, of an incorporated document)
        in force on ``day``; None before the first or after the last ends."""
        versions = self.versions if title is None else \
            tuple(d for d in self.texts if d.title == title)
        for version in reversed(versions):
            start, end = self.version_bounds(version)
            if (start is None or start <= day) and (end is None or day <= end):
                return version
        return None
