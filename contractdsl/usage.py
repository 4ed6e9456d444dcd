"""Usage input to validated Usage: reads dicts, JSON and YAML usages and checks their names."""

from __future__ import annotations

import copy as _copy
import datetime as _dt
import functools
import itertools
import operator
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any as _Any, Callable, Iterable

import attrs

from . import model as m
from .errors import (Diagnostic, UsageError, defined_help, did_you_mean,
                     source_line)
from .files import paths_given, read_text, source_name
from .limits import (MAX_ALIASED_VALUES, MAX_DECIMALS, MAX_DIGITS, MAX_NAME_LENGTH,
                     MAX_USAGE_DEPTH, MAX_USER_GROUPS)

FIELDS = ("name", "app", "action", "act", "data", "purpose", "recipients", "endpoint", "date",
          "period", "tier", "volume", "facts", "findings", "refuses", "licensee", "users",
          "terminated", "payments", "claim", "expect")
EXPECT_FIELDS = ("outcome", "clauses", "duties", "amounts")
OUTCOMES = ("permitted", "denied", "undetermined")
VOLUME_FIELDS = ("amount", "unit", "per", "from", "until", "concurrent")
# an entry of each list field, for the help of a field that is not a list
_LISTED = {"volume": "{amount: 450, unit: requests, per: 15 minutes}",
           "refuses": "cooperate_with_audit",
           "payments": "{amount: 2000, unit: USD, due: 2023-07-01, paid: 2023-09-15}"}
PAYMENT_FIELDS = ("amount", "unit", "due", "paid")
CLAIM_FIELDS = ("amount", "unit", "date", "against")
# what each field that is a day alone says (an instant in it is refused)
_A_DAY = {"terminated": "the last day the agreement was in force",
          "due": "the day the payment was due", "paid": "the day the payment was made",
          "date": "the day of the event that gives rise to the claim"}
PARTIES = ("licensor", "licensee")
# How a usage says of a yes-or-no attribute of its users that every one has it, some do, or none.
EVERY, SOME, NONE = ("all",), ("some",), ("none",)
# A unit named after `per` (`per: request`), as a name is written in an agreement.
_UNIT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
WINDOW_RE = re.compile(
    r"^\s*(?:(?P<count>\d[\d,]*)\s+)?(?P<calendar>calendar\s+)?(?P<unit>second|minute|hour|day|"
    r"week|month|year)s?\s*$", re.ASCII)  # (a count in the digits 0 to 9, as an amount's)


@attrs.frozen(kw_only=True)
class Volume:
    """An amount in a unit: a sustained rate (``per`` a window), a total over a period, the
    most one of another unit carries (``each``: `per: request`), or the most under way at
    once (``concurrent``)."""

    amount: Fraction = attrs.field(converter=Fraction)
    unit: str
    per: m.Window | None = None
    each: str | None = None
    concurrent: bool = False
    start: _dt.date | None = None
    end: _dt.date | None = None
    # A total's `from` and `until` where the usage states them as instants (``start`` and
    # ``end`` are then their days): two shares of one day are told apart by them.
    start_time: _dt.datetime | None = None
    end_time: _dt.datetime | None = None

    @property
    def is_rate(self) -> bool:
        return self.per is not None

    @property
    def kind(self) -> str:
        """`rate`, `total`, `each` or `concurrent`."""
        if self.per is not None:
            return "rate"
        if self.concurrent:
            return "concurrent"
        return "total" if self.each is None else "each"


@attrs.frozen(kw_only=True)
class Payment:
    """An amount of money the licensee owes or paid the licensor: when it was ``due`` and when
    it was ``paid`` (None: not stated; at least one of the two is)."""

    amount: Fraction = attrs.field(converter=Fraction)
    unit: str
    due: _dt.date | None = None
    paid: _dt.date | None = None


@attrs.frozen(kw_only=True)
class Claim:
    """What is claimed from a party (``against``: the licensor, or the licensee), and the day
    of the event that gives rise to the claim."""

    amount: Fraction = attrs.field(converter=Fraction)
    unit: str
    date: _dt.date
    against: str = "licensor"


@attrs.frozen(kw_only=True)
class Expectation:
    """What a usage should decide, as a test manifest writes it under `expect:`: the outcome,
    clauses that must be among the reasons, clauses whose duties must come back, and the
    amounts of money clauses make owed or recoverable (``amounts``: clause id, then what each
    of its duties or rights comes to in turn, each the amount and its unit, or None where the
    usage leaves the amount undetermined; one for all of them where they come to the same)."""

    outcome: str
    clauses: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    duties: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    amounts: tuple[tuple[str, tuple[tuple[Fraction, str] | None, ...]], ...] = attrs.field(
        default=(), converter=tuple)

    def to_dict(self) -> dict[str, _Any]:
        """As a manifest writes it, each amount as `30000 USD` or `undetermined`, and those of
        a clause that comes to several in turn as a list."""
        return {"outcome": self.outcome, "clauses": list(self.clauses),
                "duties": list(self.duties),
                "amounts": {clause: said[0] if len(said) == 1 else said
                            for clause, said in self.amounts_said()}}

    def amounts_said(self) -> tuple[tuple[str, list[str]], ...]:
        """Each clause's expected amounts as a manifest writes them: `30000 USD`,
        `undetermined`."""
        return tuple((clause, ["undetermined" if one is None else
                               f"{m.exact_decimal(one[0])} {one[1]}" for one in said])
                     for clause, said in self.amounts)


@attrs.frozen(kw_only=True)
class Usage:
    """A described use of the API: which app does what, with which data, for whom, when."""

    app: str | None = None
    action: str | None = None
    # What the licensee does when it is not a use of content (an `act` of the agreement:
    # registering an app, answering a request, refusing an audit): then no action or data.
    act: str | None = None
    data: str | None = None
    purpose: str | None = None
    recipients: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    endpoint: str | None = None  # the endpoint of the API it calls
    start: _dt.date | _dt.datetime  # a day (in UTC) or an instant (a UTC datetime)
    end: _dt.date | _dt.datetime
    tier: str | None = None
    volume: tuple[Volume, ...] = attrs.field(default=(), converter=tuple)
    facts: tuple[tuple[str, _dt.date | _dt.datetime | None], ...] = attrs.field(
        default=(), converter=tuple)
    # Findings on the standards the agreement leaves to judgement: (standard, met or not).
    findings: tuple[tuple[str, bool], ...] = attrs.field(default=(), converter=tuple)
    # Duties the licensee says it will not perform (an audit it refuses).
    refuses: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    # The licensee's attributes and measures as the usage states them: (name, yes or no, or a
    # number), besides those its app's schedule states.
    licensee: tuple[tuple[str, bool | Fraction], ...] = attrs.field(default=(), converter=tuple)
    # Its end users, in groups whose users are alike: each group the (name, value) of what it
    # states of them; none: the usage says nothing of its users.
    users: tuple[tuple[tuple[str, bool | Fraction], ...], ...] = attrs.field(
        default=(), converter=lambda groups: tuple(tuple(g) for g in groups))
    # The values the evaluator gave the usage to try the answers to a question it leaves open:
    # ("licensee", name) or ("user", name, group); none in a usage as read.
    assumed: frozenset = attrs.field(default=frozenset(), converter=frozenset)
    # The answers the evaluator gave the usage to try a comparison of dates its facts' dates
    # cannot decide (one stated without its date): (the comparison's key, holds or not).
    settled: tuple[tuple[tuple, bool], ...] = attrs.field(default=(), converter=tuple)
    # The last day the agreement was in force for the licensee, when it ended early for it (it
    # was terminated, or cancelled): after it only surviving clauses bind, counted from it.
    terminated: _dt.date | None = None
    # The money the licensee owed or paid the licensor (late charges, liability caps), and what
    # it claims from the licensor: they never decide the usage.
    payments: tuple[Payment, ...] = attrs.field(default=(), converter=tuple)
    claim: Claim | None = None
    # Its last day as it writes it (an instant's own date in its own zone), by which a payment
    # still unpaid is late; None: its last day in UTC (a usage not read from text).
    written_last: _dt.date | None = None
    name: str | None = None
    expect: Expectation | None = attrs.field(default=None, eq=False)
    origin: _Any = attrs.field(default=None, eq=False, repr=False)
    # The terms that decide which clauses apply (all but the amounts and dates): the evaluator
    # judges those once per stretch of time and reuses the result (with the facts' dates too,
    # where a condition compares them: see ``terms``).
    key: tuple = attrs.field(init=False, eq=False, repr=False)
    _fact_names: frozenset = attrs.field(init=False, eq=False, repr=False)
    _stated_names: frozenset = attrs.field(init=False, eq=False, repr=False)
    _dates: dict = attrs.field(init=False, eq=False, repr=False)
    _found: frozenset = attrs.field(init=False, eq=False, repr=False)
    # The first and last day the usage touches (in UTC).
    first_day: _dt.date = attrs.field(init=False, eq=False, repr=False)
    last_day: _dt.date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self):
        last = day_of(self.end)
        object.__setattr__(self, "first_day", day_of(self.start))
        object.__setattr__(self, "last_day", last)
        # a fact dated after the usage ends (after its last day, or after its last instant
        # where both are instants) has not happened by then (as one its app's schedule
        # dates): it is stated, but holds for no condition
        names = frozenset(name for name, _ in self.facts)
        object.__setattr__(self, "_stated_names", names)
        object.__setattr__(self, "_fact_names", names if not any(
            when is not None and self.ends_before(when) for _, when in self.facts) else
            frozenset(name for name, when in self.facts
                      if when is None or not self.ends_before(when)))
        dates: dict = {}
        for name, when in self.facts:
            dates.setdefault(name, when)
        object.__setattr__(self, "_dates", dates)
        object.__setattr__(self, "_found", _met(self.findings))
        object.__setattr__(self, "key", self._terms_key())

    def _terms_key(self) -> tuple:
        """The usage's ``key``, made from its fields."""
        # (a fact dated after the last day, or after the part of the period judged, holds for
        # nothing, but is said with its date, and with which of the two it is)
        later = () if self._fact_names is self._stated_names else tuple(
            (name, when, self.ends_before(when)) for name, when in self.facts
            if name not in self._fact_names)
        return (self.app, self.action, self.data, self.purpose, self.recipients, self.tier,
                self._fact_names, later, tuple((v.unit, v.each) for v in self.volume),
                frozenset(self.findings), self.refuses, self.licensee, self.users, self.assumed,
                self.settled, tuple(unit for _, unit in _money_units(self)), self.act,
                self.endpoint)

    def answered(self, findings: tuple, licensee: tuple, users: tuple, assumed: frozenset,
                 settled: tuple) -> "Usage":
        """The usage with the answers the evaluator gives to the questions it leaves open
        (its findings, licensee, users, what is assumed and what is settled replaced, each in
        the type its field converts to): a copy made without reading its fields again."""
        copy = object.__new__(Usage)
        for write, value in zip(_WRITE, (*_KEPT(self), findings, licensee, users, assumed,
                                         settled, _met(findings))):
            write(copy, value)
        _WRITE_KEY(copy, copy._terms_key())
        return copy

    def ends_before(self, moment: _dt.date | _dt.datetime) -> bool:
        """Whether the usage ends before ``moment``: its last day is before the moment's day,
        or, both being instants, its last instant is before the moment."""
        if isinstance(moment, _dt.datetime) and isinstance(self.end, _dt.datetime):
            return moment > self.end
        return day_of(moment) > self.last_day

    @property
    def date(self) -> _dt.date:
        return self.start

    @property
    def is_period(self) -> bool:
        return self.start != self.end

    def fact_names(self) -> frozenset[str]:
        """The facts the usage states that have happened by its last day."""
        return self._fact_names

    def as_of(self, moment: _dt.date | _dt.datetime) -> "Usage":
        """The usage as one part of its period that begins at ``moment`` (a day: its first
        instant) judges it: the facts it dates after ``moment`` have not happened yet (they
        hold for no condition there), each kept with its date; itself when every fact it
        states has happened by then. A fact dated by a day alone has happened from that day's
        first instant."""
        names = frozenset(name for name, when in self.facts
                          if name in self._fact_names and (when is None or _by(when, moment)))
        if names == self._fact_names:
            return self
        copy = _copy.copy(self)
        object.__setattr__(copy, "_fact_names", names)
        object.__setattr__(copy, "key", copy._terms_key())
        return copy

    def evolved(self, **changes) -> "Usage":
        """The usage with ``changes`` to its fields, as of the same day as itself: a fact that
        has not happened by the part of its period it judges (see :meth:`as_of`) has not
        happened in the copy either."""
        copy = attrs.evolve(self, **changes)
        if self._fact_names is not self._stated_names:
            names = copy._fact_names & self._fact_names
            if names != copy._fact_names:
                object.__setattr__(copy, "_fact_names", names)
                object.__setattr__(copy, "key", copy._terms_key())
        return copy

    def stated_names(self) -> frozenset[str]:
        """Every fact the usage states, whenever it happened."""
        return self._stated_names

    def found(self) -> frozenset[str]:
        """The standards the usage's findings say are met."""
        return self._found

    @property
    def groups(self) -> tuple[tuple[tuple[str, bool | Fraction], ...], ...]:
        """The groups of its users judged one by one: those it states, else one of which it
        states nothing."""
        return self.users or ((),)

    def fact_date(self, name: str) -> _dt.date | _dt.datetime | None:
        """When a fact came about, as the usage states it: a day, an instant, or None."""
        return self._dates.get(name)

    @property
    def dates(self) -> dict:
        """Each fact the usage states, with when it came about (None: no date given)."""
        return self._dates

    def terms(self, dated: bool) -> tuple:
        """What decides which clauses apply to the usage: its ``key``, and (``dated``: where a
        condition compares two facts' dates) the dates of its facts."""
        return (self.key, frozenset(self._dates.items())) if dated else self.key

    @classmethod
    def from_dict(cls, data: dict, *, where=None) -> "Usage":
        """Build a usage from a plain mapping (as read from JSON or YAML)."""
        return _Reader(where or _Where("<usage>")).usage(data)

    @property
    def file(self) -> str | None:
        """The file the usage was read from, or None for a usage built in code."""
        return self.origin.file if self.origin is not None and self.origin.marks else None

    @property
    def line(self) -> int | None:
        """The line of the file on which the usage starts, or None for one built in code."""
        return self.origin.at()[0] if self.file is not None else None

    def describe(self) -> str:
        start, end = moment_text(self.start), moment_text(self.end)
        # a day beside an instant is written as an instant too: its start, or its end (24:00)
        if isinstance(self.start, _dt.datetime) and not isinstance(self.end, _dt.datetime):
            end += "T24:00Z"
        elif isinstance(self.end, _dt.datetime) and not isinstance(self.start, _dt.datetime):
            start += "T00:00Z"
        when = f"on {start}" if not self.is_period else f"from {start} to {end}"
        return self.name or f"{self.app or self.act or 'usage'} {when}"


_FIELDS = tuple(field.name for field in attrs.fields(Usage))
# What `Usage.answered` copies (every field it does not replace, read at once) and how it
# writes each field of the copy (a slot's own setter: the class is frozen)
_ANSWERED = ("findings", "licensee", "users", "assumed", "settled", "_found")
_COPIED = tuple(n for n in _FIELDS if n not in _ANSWERED and n != "key")
_KEPT = operator.attrgetter(*_COPIED)
_WRITE = tuple(getattr(Usage, n).__set__ for n in (*_COPIED, *_ANSWERED))
_WRITE_KEY = Usage.key.__set__


def _met(findings) -> frozenset[str]:
    """The standards that findings say are met."""
    return frozenset(name for name, met in findings if met)

# The bounds of an amount: the least whole number too long, and the scale of its decimals.
_WHOLE_LIMIT, _DECIMAL_SCALE = 10 ** MAX_DIGITS, 10 ** MAX_DECIMALS
# The longest text read as an amount: its digits, a point, a sign and an exponent.
_LONGEST = MAX_DIGITS + MAX_DECIMALS + 16
_LONGEST_WHOLE = 10 ** _LONGEST


def _beyond(data) -> tuple[tuple, str, str] | None:
    """Where a mapping given as a usage goes beyond what a usage file may hold, the first place
    in order, with what is wrong and a help line: lists and mappings nested more than
    MAX_USAGE_DEPTH deep, or a whole number (a value, or a mapping's key) longer than any
    amount; None where it does not. (Read without recursion: the data may be nested deeper
    than Python recurses.)"""
    stack = [((), data, 0)]
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, int) and not isinstance(value, bool):
            if abs(value) >= _LONGEST_WHOLE:
                return path, "this number has too many digits", \
                    f"the numbers of a usage have at most {_LONGEST} digits"
        elif isinstance(value, (dict, list, tuple)):
            if depth == MAX_USAGE_DEPTH:
                return path, f"lists and mappings are nested more than {MAX_USAGE_DEPTH} deep", \
                    "a usage's fields are a few levels deep: flatten what it states"
            items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
            for key, item in reversed(items):  # (the first is taken first)
                stack.append((path + (key,), item, depth + 1))
                if isinstance(value, dict):
                    stack.append((path + (key, KEY), key, depth + 1))
    return None


# An amount's text may group its digits with underscores anywhere (`1_000`) and with commas
# by thousands (`1,000,000.5`): a number is read without them, in a usage file and in an
# audited log alike. A comma elsewhere (`2,5`, `1,00`) is no amount: it may mark decimals.
GROUPED_BY_COMMAS = r"^[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]*)?([eE][+-]?[0-9]+)?$"
_GROUPED_BY_COMMAS = re.compile(GROUPED_BY_COMMAS, re.ASCII)
COMMA_HELP = ("a comma groups digits by thousands (`1,000,000`): write decimals after a full "
              "stop (`2.5`)")


# An amount is written in the digits 0 to 9: Python reads `５` and `٥` as 5, and so does
# Spark, where DuckDB reads no number; an amount's text is ASCII alone. In SQL: a character
# that is none of a tab, a line's end and those from a space to `~`.
NOT_PLAIN = "[^\t\n\r -~]"
# The blanks around an amount's text, which it is read without: those Python strips
# (`str.isspace`), a no-break space among them; engines' own trims differ (DuckDB's takes off
# spaces alone, Unicode's included, Spark's the ASCII space alone).
STRIPPED = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
            "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def amount_digits(text: str) -> str | None:
    """An amount's text without the marks that group its digits, as a number is read; None
    where a comma does not group thousands, or a character within its blanks is not ASCII
    (:data:`NOT_PLAIN`)."""
    text = text.replace("_", "").strip()
    if not text.isascii():
        return None
    if "," in text:
        return text.replace(",", "") if _GROUPED_BY_COMMAS.match(text) else None
    return text


def amount_help(text: str, usual: str = "write a number such as `1500000`") -> str:
    """The help for an amount's text that is no number: how to write its digits or its commas,
    else ``usual``."""
    text = text.strip()
    if not text.isascii():
        plain = "".join(str(unicodedata.digit(c, "")) or c for c in text)
        return "write the amount in the digits 0 to 9" + (
            f", such as `{plain}`" if re.fullmatch(r"[0-9][0-9.,_]*", plain) else "")
    return COMMA_HELP if "," in text else usual


def _shorten(value) -> str:
    """A value as shown in a message: a long one by its start and end."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _SHOWN_WHOLE:
        return "a number of more than 4000 digits"  # (more than Python writes out at once)
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}"


_SHOWN_WHOLE = 10 ** 4000


# An offset a clock has (`+02:00`, `-0530`, `+05`): from -23:59 to +23:59.
_CLOCK_OFFSET = re.compile(r"[+-]([01]\d|2[0-3])(:?[0-5]\d)?", re.ASCII)
# An offset written in hours and minutes, whatever their range (`+05:60`; not `-5`, `+05:30:15`).
_OFFSET_FORM = re.compile(r"[+-]\d\d(:?\d\d)?", re.ASCII)
# A day as usages write it, alone or before the time of an instant: `2022-06-30` (not the other
# ISO 8601 forms Python also reads, `20220630` or the week date `2022-W26-4`).
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
OFFSET_HELP = "write the offset from UTC in hours and minutes, such as `+02:00` or `-05:30`"
# The decimals of a second in an instant's text (`.123456789` of `14:05:00.123456789Z`), and
# what they follow: they are read after the seconds alone, and to the microsecond.
_DECIMALS = re.compile(r"[T ]([0-9:]*)[.,]([0-9]*)")


def _instant_text(text: str) -> str:
    """An instant's text as Python reads it: RFC 3339 lets `T` and `Z` be written `t`, `z`."""
    return text.upper()


def beyond_the_microsecond(value) -> tuple[str, str] | None:
    """What is said of an instant (read as Python reads it) written with decimals of a second
    that are not 0 after the sixth, and the help; none for another."""
    text = _instant_text(str(value).strip())
    decimals = _DECIMALS.search(text)
    if not decimals or not decimals[2][6:].strip("0"):  # (Python drops the digits after 6)
        return None
    return (f"`{value}` has {len(decimals[2])} decimals of a second, and instants are read to "
            "the microsecond, 6", "state the microsecond meant, such as "
            f"`{text[:decimals.start(2) + 6]}{text[decimals.end(2):]}`: the other decimals are "
            "not dropped, since that could move the instant across a deadline")


def _offset(text: str) -> str | None:
    """The offset written after a time of day (`+05:30` of `2022-06-30T14:05+05:30`), if any."""
    found = re.fullmatch(r"[^Tt ]*[Tt ][^+-]*([+-].*)", text, flags=re.DOTALL)
    return None if found is None else found[1]


def _spelled(value) -> str:
    """A value read from YAML or JSON, spelled as the file spells it: `null`, `true`, `false`,
    a number or a text (a long one shortened)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return _shorten(value)


def as_written(value) -> str:
    """A value as a message names it, in the words of YAML and JSON: a list, a mapping, a boolean
    (`true`), an empty text, `null`, `5`, `text`."""
    if isinstance(value, str) and not value.strip():
        return "an empty text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return f"a boolean (`{_spelled(value)}`)"
    return f"`{_spelled(value)}`"


def day_of(moment: _dt.date | _dt.datetime) -> _dt.date:
    """The day of a day or of a (UTC) instant."""
    return moment.date() if isinstance(moment, _dt.datetime) else moment


def moment_text(moment: _dt.date | _dt.datetime) -> str:
    """A day as 2023-01-02, an instant as 2023-01-02T06:00Z (to its microsecond, if any:
    2023-01-02T06:00:00.25Z)."""
    if isinstance(moment, _dt.datetime):
        text = moment.strftime("%Y-%m-%dT%H:%M:%S" if moment.second or moment.microsecond
                               else "%Y-%m-%dT%H:%M")
        if moment.microsecond:
            text += f".{moment.microsecond:06d}".rstrip("0")
        return text + "Z"
    return moment.isoformat()


def _by(when: _dt.date | _dt.datetime, moment: _dt.date | _dt.datetime) -> bool:
    """Whether a fact dated ``when`` has happened by ``moment``, the start of a part of a
    usage's period (a day: its first instant)."""
    if isinstance(when, _dt.datetime):
        return when <= (moment if isinstance(moment, _dt.datetime) else bounds(moment)[0])
    return when <= day_of(moment)


def bounds(moment: _dt.date | _dt.datetime) -> tuple[_dt.datetime, _dt.datetime]:
    """The first and last instant (UTC) a day or an instant may stand for."""
    if isinstance(moment, _dt.datetime):
        return moment, moment
    first = _dt.datetime(moment.year, moment.month, moment.day, tzinfo=_dt.timezone.utc)
    return first, first + _LAST_INSTANT


_LAST_INSTANT = _dt.timedelta(days=1, microseconds=-1)


KEY = "<key>"  # path suffix: the position of a mapping key itself, not of its value


class _Where:
    """Locates a field of a usage in its file: line, column and width from YAML marks, and the
    file's text for the source line shown under an error."""

    def __init__(self, file: str, marks: dict | None = None, base: tuple = (),
                 text: str | None = None):
        self.file = file
        self.marks = marks or {}
        self.base = base
        self.text = text

    def at(self, *path) -> tuple[int, int, int]:
        """Line, column and width of the value at ``path`` (or of its nearest parent)."""
        key = self.base + path
        while key:
            if key in self.marks:
                return self.marks[key]
            key = key[:-1]
        return self.marks.get((), (1, 1, 1))

    def child(self, *path) -> "_Where":
        return _Where(self.file, self.marks, self.base + path, self.text)

    def written(self, *path) -> str | None:
        """The text of the value at ``path`` as the file writes it, where it is on one line."""
        if self.base + path not in self.marks:
            return None
        line, column, width = self.marks[self.base + path]
        return (source_line(self.text, line) or "")[column - 1:column - 1 + width] or None

    def diagnostic(self, path: tuple, message: str, help: str | None = None) -> Diagnostic:
        line, column, width = self.at(*path)
        return Diagnostic(file=self.file, line=line, column=column, message=message, help=help,
                          source_line=source_line(self.text, line), width=width)

    def error(self, path: tuple, message: str, help: str | None = None) -> UsageError:
        return UsageError(message, [self.diagnostic(path, message, help)])


class _Reader:
    def __init__(self, where: _Where):
        self.where = where

    def fail(self, path, message, help=None):
        raise self.where.error(tuple(path), message, help)

    def usage(self, data) -> Usage:
        if isinstance(data, Usage):
            return data
        try:
            return self._usage(data)
        except (ValueError, RecursionError, UsageError):
            # a mapping given in Python may hold whole numbers of thousands of digits (which
            # Python refuses to write out) or data nested thousands deep (which it refuses to
            # read): a file's loader refuses both before anything else, and so it is said here
            found = _beyond(data)
            if found is None:
                raise
            self.fail(*found)

    def _usage(self, data) -> Usage:
        if not isinstance(data, dict):
            self.fail((), "a usage must be a mapping of fields such as `app:` and `purpose:`",
                      "write one field a line, e.g. `app: tool`, `purpose: research` and "
                      "`date: 2024-06-30`")
        for key in data:
            if key not in FIELDS:
                self.fail((key, KEY), f"unknown usage field `{_spelled(key)}`",
                          did_you_mean(str(key), FIELDS) or f"the fields are {', '.join(FIELDS)}")
        start, end = self.when(data)
        act = self.text(data, "act")
        if act is not None:
            for field in ("action", "data"):
                if data.get(field) is not None:
                    self.fail((field, KEY), f"a usage that is an act (`{act}`) uses no "
                              f"content, so it has no `{field}`",
                              f"remove `{field}:`, or `act:` for a use of content")
        recipients = data.get("recipients", ()) or ()
        if isinstance(recipients, str):
            recipients = (recipients,)
        if not isinstance(recipients, (list, tuple)):
            self.fail(("recipients",), "`recipients` must be a list of recipient names",
                      "write e.g. `recipients: [end_users]`")
        return Usage(
            origin=self.where,
            name=self.text(data, "name"),
            app=self.text(data, "app"),
            action=self.text(data, "action"),
            act=act,
            data=self.text(data, "data"),
            purpose=self.text(data, "purpose"),
            recipients=tuple(self.name_at(("recipients", i), r) for i, r in enumerate(recipients)),
            endpoint=self.text(data, "endpoint"),
            start=start,
            end=end,
            tier=self.text(data, "tier"),
            volume=tuple(self.volume(i, v, start, end)
                         for i, v in enumerate(self.listed(data, "volume"))),
            facts=self.facts(data.get("facts")),
            findings=self.findings(data.get("findings")),
            refuses=tuple(self.name_at(("refuses", i), d)
                          for i, d in enumerate(self.listed(data, "refuses"))),
            licensee=self.licensee(data.get("licensee")),
            users=self.users(data.get("users")),
            terminated=None if data.get("terminated") is None else
            self.day(("terminated",), data["terminated"]),
            payments=tuple(self.payment(i, p)
                           for i, p in enumerate(self.listed(data, "payments"))),
            claim=None if data.get("claim") is None else self.claim(data["claim"], data),
            written_last=self.written_days(data)[1],
            expect=self.expectation(data["expect"]) if "expect" in data else None,
        )

    def money_entry(self, path, entry, keys, example) -> tuple[Fraction, str]:
        """The amount and unit of a mapping of ``keys`` (a payment, a claim)."""
        what = "payment" if path[0] == "payments" else "claim"
        if not isinstance(entry, dict):
            self.fail(path, f"a {what} must be a mapping such as `{example}`",
                      f"write each {what} in braces, with its fields")
        for key in entry:
            if key not in keys:
                self.fail(path + (key, KEY), f"unknown {what} field `{_spelled(key)}`",
                          did_you_mean(str(key), keys) or f"the fields are {', '.join(keys)}")
        if "amount" not in entry or "unit" not in entry:
            self.fail(path, f"a {what} needs an `amount` and a `unit`", f"write e.g. "
                      f"`{example}`")
        return (self.amount(path + ("amount",), entry["amount"]),
                self.name_at(path + ("unit",), entry["unit"]))

    def payment(self, index, entry) -> Payment:
        """`{amount: 2000, unit: USD, due: 2023-07-01, paid: 2023-09-15}`."""
        path = ("payments", index)
        amount, unit = self.money_entry(path, entry, PAYMENT_FIELDS,
                                        "{amount: 2000, unit: USD, due: 2023-07-01, paid: "
                                        "2023-09-15}")
        if entry.get("due") is None and entry.get("paid") is None:
            self.fail(path, "a payment needs the day it was `due`, the day it was `paid`, or "
                      "both", "write e.g. `{amount: 20, unit: USD, paid: 2023-05-02}`")
        due, paid = (None if entry.get(key) is None else self.day(path + (key,), entry[key])
                     for key in ("due", "paid"))
        return Payment(amount=amount, unit=unit, due=due, paid=paid)

    def claim(self, entry, data) -> Claim:
        """`{amount: 250000, unit: USD, date: 2024-03-01}`: the date defaults to the usage's
        day, and lies within its period, each as the usage writes it (see `written_day`)."""
        amount, unit = self.money_entry(("claim",), entry, CLAIM_FIELDS,
                                        "{amount: 250000, unit: USD, date: 2024-03-01}")
        against = entry.get("against", "licensor")
        if against not in PARTIES:
            self.fail(("claim", "against"), f"a claim is against the `licensor` or the "
                      f"`licensee`, not {as_written(against)}",
                      did_you_mean(str(against), PARTIES) or "write `against: licensor`")
        first, last = self.written_days(data)
        if entry.get("date") is None:
            if first != last:
                self.fail(("claim",), "a claim in a usage over a period needs its `date`",
                          "add the day of the event that gives rise to the claim, e.g. "
                          f"`date: {first}`")
            return Claim(amount=amount, unit=unit, date=first, against=against)
        day = self.day(("claim", "date"), entry["date"])
        if not first <= day <= last:
            self.fail(("claim", "date"), f"the claim's date {day} is outside the usage's "
                      f"period", "date the usage on the day of the event that gives rise to "
                      "the claim, or make its period include it")
        return Claim(amount=amount, unit=unit, date=day, against=against)

    def expectation(self, value) -> Expectation:
        """`expect: denied`, or `expect: {outcome: denied, clauses: [...], duties: [...]}`."""
        fields = value if isinstance(value, dict) else {"outcome": value}
        for key in fields:
            if key not in EXPECT_FIELDS:
                self.fail(("expect", key, KEY), f"unknown expectation field `{_spelled(key)}`",
                          did_you_mean(str(key), EXPECT_FIELDS)
                          or f"the fields are {', '.join(EXPECT_FIELDS)}")
        outcome = fields.get("outcome")
        if outcome not in OUTCOMES:
            self.fail(("expect", "outcome") if isinstance(value, dict) and "outcome" in fields
                      else ("expect",),
                      "an expectation needs an `outcome`" if outcome is None else
                      f"{as_written(outcome)} is not an outcome",
                      (did_you_mean(outcome, OUTCOMES) if isinstance(outcome, str) else None)
                      or "expect `permitted`, `denied` or `undetermined`")
        lists = {}
        for key in ("clauses", "duties"):
            items = fields.get(key)
            items = [] if items is None else items
            alone = not isinstance(items, (list, dict))
            if alone:  # one id: checked as a list's would be
                items = [items]
            if not isinstance(items, list):
                self.fail(("expect", key), f"`{key}` must be a list of clause ids",
                          f"write e.g. `{key}: [\"1.2\", XII.C.1]`")
            for index, item in enumerate(items):
                if not isinstance(item, (str, int)) or isinstance(item, bool) \
                        or not str(item).strip():
                    path = ("expect", key) if alone else ("expect", key, index)
                    # a number YAML read (`1.10` as 1.1) is said as it was written
                    word = self.where.written(*path) if isinstance(item, float) else None
                    self.fail(path, f"{f'`{word}`' if word else as_written(item)} is not a "
                              "clause id", self.name_help(path, item, "a clause id") or
                              "write a clause id, such as `XII.C.1` or `\"1.10\"`")
            lists[key] = [str(item).strip() for item in items]
        return Expectation(outcome=outcome, amounts=self.expected_amounts(
            fields.get("amounts")), **lists)

    def expected_amounts(self, value) -> tuple:
        """`amounts: {LD: 30000 USD, LD-all: undetermined, F: [3 USD, 6 USD]}`."""
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.fail(("expect", "amounts"), "`amounts` must be a mapping from a clause id to "
                      "an amount", "e.g. `amounts: {\"9.2\": 100 USD}`")
        out = []
        for clause, said in value.items():
            path = ("expect", "amounts", clause)
            if isinstance(said, list):
                if not said:
                    self.fail(path, f"clause `{clause}` is expected to come to no amount",
                              "write the amount it comes to, or one per part in turn, e.g. "
                              "`[3 USD, 6 USD]`")
                amounts = tuple(self.expected_amount((*path, i), one)
                                for i, one in enumerate(said))
            else:
                amounts = (self.expected_amount(path, said),)
            out.append((str(clause).strip(), amounts))
        return tuple(out)

    def expected_amount(self, path, said) -> tuple[Fraction, str] | None:
        """One expected amount: `30000 USD`, or None for `undetermined`."""
        if isinstance(said, str) and said.strip() == "undetermined":
            return None
        number, _, unit = str(said).strip().rpartition(" ")
        if not number or not unit or not _numeric(number):
            self.fail(path, f"{as_written(said)} is not an amount with its unit",
                      "write e.g. `30000 USD`, or `undetermined`")
        return self.amount(path, number), unit

    def listed(self, data, key):
        value = data.get(key) or []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            self.fail((key,), f"`{key}` must be a list", f"write its entries in brackets, "
                      f"e.g. `{key}: [{_LISTED[key]}]`")
        return value

    def text(self, data, key) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        return self.name_at((key,), value)

    def name_at(self, path, value) -> str:
        if type(value) is str:  # the common case, at once
            name = value.strip()
            if name and len(name) <= MAX_NAME_LENGTH:
                return name
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"`{path[0]}` must be a name, not {as_written(value)}",
                      self.name_help(path, value) or (
                          "write one name, not a list, a mapping or an empty text"
                          if isinstance(value, (list, dict, str)) else "write one name, as a text"))
        if len(value.strip()) > MAX_NAME_LENGTH:
            self.fail(path, f"`{path[0]}` is longer than {MAX_NAME_LENGTH} characters",
                      "names in an agreement are shorter")
        return value.strip()

    def name_help(self, path, value, name: str = "a name") -> str | None:
        """The help for a value at ``path`` where a name is expected, when YAML read the word
        written there as a boolean, a number or null (None for anything else: a list, a
        mapping, an empty text, a date, a null nothing was written for)."""
        if isinstance(value, (bool, int, float)) or \
                (value is None and self.where.written(*path)):
            return self.quote_help(path, value, name)
        return None

    def quote_help(self, path, value, name: str = "a name") -> str:
        """The help for a name YAML read as something else (a boolean, a number, null): the word
        it was, in quotes."""
        word = self.where.written(*path) or _spelled(value)
        if isinstance(value, bool):
            return ("YAML reads `yes`, `no`, `on`, `off`, `true` and `false` as booleans: put "
                    f"{name} in quotes, such as `\"{word}\"`")
        what = "null" if value is None else "a number"
        return f"YAML reads `{word}` as {what}: put {name} in quotes, such as `\"{word}\"`"

    def day(self, path, value) -> _dt.date:
        """A field that is a day, never an instant (the last day of the agreement, the day a
        payment was due or paid, the day of a claim's event): an instant is refused, not read
        as its day in UTC, which may be a day the usage never wrote (docs/semantics.md,
        sections 2, 13 and 14)."""
        moment = self.moment(path, value)
        if isinstance(moment, _dt.datetime):
            self.fail(path, f"`{path[-1]}` is {_A_DAY[path[-1]]}, not an instant (`{value}`)",
                      f"write the day alone, e.g. `{path[-1]}: {str(value).strip()[:10]}`")
        return moment

    def written_days(self, data) -> tuple[_dt.date, _dt.date]:
        """The usage's first and last day as it writes them (see `written_day`)."""
        if "date" in data:
            return (self.written_day(data["date"]),) * 2
        return self.written_day(data["period"]["from"]), self.written_day(data["period"]["until"])

    @staticmethod
    def written_day(value) -> _dt.date:
        """The day a date or instant the usage states (read by `moment`) writes: an instant's
        own date in its own zone (`2024-03-01T23:30-05:00`: 2024-03-01), not its day in UTC,
        which the usage never wrote (docs/semantics.md, section 14)."""
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        return _dt.datetime.fromisoformat(_instant_text(str(value).strip())).date()

    def moment(self, path, value) -> _dt.date | _dt.datetime:
        """A day (`2022-06-30`) or an instant with its offset (`2022-06-30T14:05:00Z`), the
        instant in UTC."""
        if isinstance(value, _dt.datetime):
            moment = value
        elif isinstance(value, _dt.date):
            return value
        else:
            text = str(value).strip() if isinstance(value, (str, int)) and \
                not isinstance(value, bool) else ""
            offset = _offset(text)
            if offset is not None and not _CLOCK_OFFSET.fullmatch(offset):
                wrong = "from `-23:59` to `+23:59`" if _OFFSET_FORM.fullmatch(offset) else \
                    "written in hours and minutes"
                self.fail(path, f"`{value}` has the offset `{offset}`, which is not {wrong}",
                          OFFSET_HELP)
            text = _instant_text(text)
            decimals = _DECIMALS.search(text)
            try:
                if not _DAY.match(text) or decimals and len(decimals[1]) != 8:
                    raise ValueError(text)  # (Python reads `14:05.5` as 14:05:00.5)
                if "T" not in text and " " not in text:
                    return _dt.date.fromisoformat(text)
                moment = _dt.datetime.fromisoformat(text)
            except ValueError:
                self.fail(path, f"{as_written(value)} is not a date or a date-time",
                          "write a day as YYYY-MM-DD (`2022-06-30`) or an instant as "
                          "`2022-06-30T14:05:00Z`")
            beyond = beyond_the_microsecond(value)
            if beyond is not None:
                self.fail(path, *beyond)
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.fail(path, f"`{value}` has a time of day but no time zone",
                      "add `Z` for UTC or an offset such as `+02:00`")
        try:
            return moment.astimezone(_dt.timezone.utc)
        except OverflowError:
            self.fail(path, f"`{value}` is outside the calendar in UTC",
                      "dates run from 0001-01-01 to 9999-12-31 (UTC)")

    def when(self, data) -> tuple[_dt.date | _dt.datetime, _dt.date | _dt.datetime]:
        if "date" in data and "period" in data:
            self.fail(("period",), "a usage has either a `date` or a `period`, not both",
                      "keep `date:` for one day or instant, or `period:` for a stretch of time")
        if "date" in data:
            day = self.moment(("date",), data["date"])
            return day, day
        if "period" in data:
            period = data["period"]
            if not isinstance(period, dict) or "from" not in period or "until" not in period:
                self.fail(("period",), "a period needs `from` and `until` dates",
                          "write e.g. `period: {from: 2022-01-01, until: 2022-12-31}`")
            for key in period:
                if key not in ("from", "until"):
                    self.fail(("period", key, KEY), f"unknown period field `{_spelled(key)}`",
                              did_you_mean(str(key), ("from", "until"))
                              or "a period has `from` and `until` only")
            start = self.moment(("period", "from"), period["from"])
            end = self.moment(("period", "until"), period["until"])
            if bounds(end)[1] < bounds(start)[0]:
                self.fail(("period", "until"), f"the period ends on {moment_text(end)}, before "
                          f"it starts on {moment_text(start)}", "swap the dates")
            return start, end
        self.fail((), "the usage has no `date` or `period`",
                  "add e.g. `date: 2022-06-30` or `period: {from: 2022-01-01, until: 2022-12-31}`")

    def volume(self, index, entry, start, end) -> Volume:
        # (a total without `from` or `until` runs from the usage's start or to its end, a day
        # or an instant as the usage states it)
        path = ("volume", index)
        if not isinstance(entry, dict):
            self.fail(path, "a volume must be a mapping such as `{amount: 450, unit: requests, "
                      "per: 15 minutes}`", "write each volume in braces, with its fields")
        for key in entry:
            if key not in VOLUME_FIELDS:
                self.fail(path + (key, KEY), f"unknown volume field `{key}`",
                          did_you_mean(str(key), VOLUME_FIELDS) or
                          f"the fields are {', '.join(VOLUME_FIELDS)}")
        if "amount" not in entry or "unit" not in entry:
            self.fail(path, "a volume needs an `amount` and a `unit`",
                      "write e.g. `{amount: 450, unit: requests, per: 15 minutes}`")
        amount = self.amount(path + ("amount",), entry["amount"])
        unit = self.name_at(path + ("unit",), entry["unit"])
        concurrent = entry.get("concurrent", False)
        if not isinstance(concurrent, bool):
            self.fail(path + ("concurrent",), f"`concurrent` must be true or false, not "
                      f"{as_written(concurrent)}", "write `concurrent: true` for the most "
                      "under way at once")
        kinds = [key for key in ("per", "from", "until") if key in entry]
        if concurrent and kinds:
            self.fail(path + (kinds[0],), "a number under way at once (`concurrent`) has no "
                      f"`{kinds[0]}`", "state the most under way at any one moment of the "
                      "usage, e.g. `{amount: 120, unit: requests, concurrent: true}`")
        if concurrent:
            return Volume(amount=amount, unit=unit, concurrent=True)
        if "per" in entry:
            if "from" in entry or "until" in entry:
                self.fail(path + ("per",), "a volume is either a rate (`per`) or a total over a "
                          "period (`from`, `until`), not both", "remove `per:` for a total, or "
                          "`from:` and `until:` for a rate")
            per = entry["per"]
            if isinstance(per, str) and WINDOW_RE.match(per) is None and \
                    _UNIT_NAME.match(per.strip()):  # `per: request`: the most one carries
                return Volume(amount=amount, unit=unit, each=self.name_at(path + ("per",), per))
            return Volume(amount=amount, unit=unit, per=self.window(path + ("per",), per))
        v_start = self.moment(path + ("from",), entry["from"]) if "from" in entry else start
        v_end = self.moment(path + ("until",), entry["until"]) if "until" in entry else end
        start_time = v_start if isinstance(v_start, _dt.datetime) else None
        end_time = v_end if isinstance(v_end, _dt.datetime) else None
        if day_of(v_end) < day_of(v_start) or start_time and end_time and end_time < start_time:
            self.fail(path + ("until",), f"the volume's period ends on {moment_text(v_end)}, "
                      f"before it starts on {moment_text(v_start)}", "swap the dates")
        return Volume(amount=amount, unit=unit, start=day_of(v_start), end=day_of(v_end),
                      start_time=start_time, end_time=end_time)

    def amount(self, path, value) -> Fraction:
        """A number from 0 with at most MAX_DIGITS digits before the point and MAX_DECIMALS
        after it, read exactly (a float as the decimal it prints as; a Fraction as it is, its
        denominator at most that of MAX_DECIMALS decimals)."""
        if type(value) is int and 0 <= value < _WHOLE_LIMIT:  # the common case, at once
            return Fraction(value)
        shown = _shorten(value)

        def too_long():
            if isinstance(value, int) and not isinstance(value, bool):  # how many, then
                digits = len(str(abs(value))) if abs(value) < _SHOWN_WHOLE else None
                self.fail(path, f"the amount has {digits or 'over 4000'} digits, more than "
                          f"{MAX_DIGITS}", f"amounts have at most {MAX_DIGITS} digits before "
                          f"the decimal point")
            self.fail(path, f"the amount `{shown}` has too many digits",
                      f"amounts have at most {MAX_DIGITS} digits before the decimal point and "
                      f"{MAX_DECIMALS} after it")

        if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal, Fraction)):
            self.fail(path, f"{as_written(value)} is not an amount",
                      "write a number such as `1500000`")
        if isinstance(value, int) and abs(value) >= _WHOLE_LIMIT or \
                isinstance(value, str) and len(value) > _LONGEST:
            too_long()
        written = self.where.written(*path) if isinstance(value, float) else None
        shown = written or shown  # a number YAML read (`.inf`) is said as it was written
        if written and re.fullmatch(r"\d{1,3}(\.000)+", written):  # `1.000`: a thousand, or one?
            self.fail(path, f"`{written}` is the number {int(value)}: a full stop marks "
                      "decimals, not thousands", f"for {written.replace('.', ',')} write `"
                      f"{written.replace('.', '')}`; for {int(value)} write `{int(value)}`")
        try:
            if isinstance(value, float):
                value = Decimal(repr(value))
            elif isinstance(value, str):
                digits = amount_digits(value)
                if digits is None:
                    self.fail(path, f"`{shown}` is not an amount", amount_help(value))
                value = Decimal(digits)
        except InvalidOperation:
            self.fail(path, f"`{shown}` is not an amount", "write a number such as `1500000`")
        if isinstance(value, Decimal):
            if not value.is_finite():
                self.fail(path, f"`{shown}` is not an amount",
                          "write a finite number such as `1500000`")
            _, digits, exponent = value.as_tuple()
            # (before it is made exact, which for `1e-999999` takes long)
            if len(digits) + exponent > MAX_DIGITS or -exponent > MAX_DECIMALS + len(digits):
                too_long()
        amount = Fraction(value)
        if amount < 0:
            self.fail(path, f"the amount `{shown}` is negative", "amounts are zero or more")
        if isinstance(value, Fraction) and amount.denominator > _DECIMAL_SCALE:  # exact, as given
            self.fail(path, f"the amount `{shown}` is a fraction whose denominator exceeds "
                      f"10^{MAX_DECIMALS}", f"amounts are exact to a denominator of at most "
                      f"10^{MAX_DECIMALS}, as a decimal has at most {MAX_DECIMALS} decimals")
        if amount >= _WHOLE_LIMIT or not isinstance(value, Fraction) and \
                (amount * _DECIMAL_SCALE).denominator != 1:
            too_long()
        return amount

    def window(self, path, value) -> m.Window:
        ok = type(value) is str or (isinstance(value, int) and not isinstance(value, bool))
        try:
            found = _window(str(value)) if ok else None
        except _LongCount as long:
            self.fail(path, f"the window's count has {long.digits} digits, more than "
                      f"{MAX_DIGITS}", f"a window's count has at most {MAX_DIGITS} digits, as "
                      "in an agreement: write e.g. `30 days` or `calendar year`")
        if found is None:
            self.fail(path, f"{as_written(value)} is not a window the agreement can count in",
                      "write e.g. `15 minutes`, `day`, `30 days` or `calendar month`")
        if not found:
            self.fail(path, f"{as_written(value)} is not a window the agreement can count in",
                      "calendar windows are one `calendar month` or one `calendar year`"
                      if "calendar" in str(value) else
                      "a window is at least one unit long, e.g. `1 minute`")
        return found

    def facts(self, value) -> tuple[tuple[str, _dt.date | None], ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if isinstance(value, dict):
            return tuple((self.name_at(("facts", k, KEY), k),
                          None if d is None else self.moment(("facts", k), d))
                         for k, d in value.items())
        if isinstance(value, (list, tuple)):
            return tuple((self.name_at(("facts", i), f), None) for i, f in enumerate(value))
        self.fail(("facts",), "`facts` must be a list of fact names or a mapping fact -> date",
                  "write e.g. `facts: [licensor_notified]` or `facts: {audit_notice: "
                  "2024-03-02}`")

    def licensee(self, value) -> tuple[tuple[str, bool | Fraction], ...]:
        """`licensee: {government_entity: true, monthly_active_users: 800000000}`."""
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.fail(("licensee",), "`licensee` must be a mapping from an attribute of the "
                      "licensee to its value", "e.g. `licensee: {government_entity: true, "
                      "monthly_active_users: 800000000}`")
        out = []
        for name, stated in value.items():
            name = self.name_at(("licensee", name, KEY), name)
            if isinstance(stated, bool):
                out.append((name, stated))
            elif isinstance(stated, (int, float)) or _numeric(stated):
                out.append((name, self.amount(("licensee", name), stated)))
            else:
                self.fail(("licensee", name), f"the licensee's `{name}` must be true, false or "
                          "a number", "the licensee is one party: it has an attribute or not, "
                          "and one number for a measure")
        return tuple(out)

    def users(self, value) -> tuple[tuple[tuple[str, bool | Fraction], ...], ...]:
        """`users: {age: 12, opted_in: true}` (every user alike), or a list of such groups;
        a yes-or-no attribute `all`, `some` or `none` of them, a measure a number or a list of
        the numbers some of them have. Each group is judged on its own."""
        if value is None:
            return ()
        entries = value if isinstance(value, list) else [value]
        if not entries or not all(isinstance(e, dict) for e in entries):
            self.fail(("users",), "`users` must be a mapping from an attribute of the users to "
                      "its value, or a list of such mappings (groups of users)",
                      "e.g. `users: {age: 12, opted_in: some}`")
        groups: dict[tuple, None] = {}
        for index, entry in enumerate(entries):
            path = ("users",) if not isinstance(value, list) else ("users", index)
            choices = []
            for name, stated in entry.items():
                name = self.name_at(path + (name, KEY), name)
                choices.append([(name, v) for v in self.user_values(path + (name,), name,
                                                                      stated)])
            for group in itertools.product(*choices):
                groups[group] = None
                if len(groups) > MAX_USER_GROUPS:
                    self.fail(("users",), f"the users make more than {MAX_USER_GROUPS} groups "
                              "of different values", "state fewer values of each attribute, "
                              "or judge the groups in separate usages")
        return tuple(groups)

    def user_values(self, path, name: str, stated) -> list:
        """The values some of the users have: both answers for `some`."""
        if isinstance(stated, bool):
            return [stated]
        if isinstance(stated, str) and stated.strip().lower() in EVERY + SOME + NONE:
            word = stated.strip().lower()
            return [True] if word in EVERY else [False] if word in NONE else [True, False]
        if isinstance(stated, list):
            if not stated:
                self.fail(path, f"the list of the users' `{name}` is empty",
                          "give the values some of the users have, e.g. `[12, 15, 40]`")
            found = [self.user_values(path + (i,), name, v) for i, v in enumerate(stated)]
            return list(dict.fromkeys(v for values in found for v in values))
        if isinstance(stated, str) and not _numeric(stated):
            self.fail(path, f"the users' `{name}` must be true, false, `all`, `some`, `none`, "
                      "a number or a list of numbers", "e.g. `opted_in: some` or "
                      "`age: [12, 15, 40]`")
        return [self.amount(path, stated)]

    def findings(self, value) -> tuple[tuple[str, bool], ...]:
        """`findings: {reasonable_volume: true}`: each standard found met (true) or not."""
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.fail(("findings",), "`findings` must be a mapping from standard to true or "
                      "false", "e.g. `findings: {reasonable_volume: true}`")
        out = []
        for name, met in value.items():
            name = self.name_at(("findings", name, KEY), name)
            if not isinstance(met, bool):
                self.fail(("findings", name), f"the finding on `{name}` must be true or false",
                          "write `true` if the standard is met, `false` if not")
            out.append((name, met))
        return tuple(out)


class _LongCount(ValueError):
    """A window's count with more digits than an amount may have."""

    def __init__(self, digits: int):
        super().__init__(digits)
        self.digits = digits


@functools.lru_cache(maxsize=256)
def _window(text: str) -> m.Window | None | bool:
    """The window a text names (a usage's `per:`), read once per text: None when it names
    none, False when it counts what no window can (none, or more than one calendar month or
    year)."""
    match = WINDOW_RE.match(text)
    if match is None:
        return None
    unit = match["unit"]
    digits = match["count"].replace(",", "") if match["count"] else "1"
    if len(digits) > MAX_DIGITS:  # (which `int` would read slowly, or not at all)
        raise _LongCount(len(digits))
    count = int(digits)
    calendar = unit in m.CALENDAR_UNITS
    if count <= 0 or (calendar and count != 1):
        return False
    return m.Window(count=count, unit=unit, calendar=calendar)


def _numeric(text) -> bool:
    """Whether a text reads as a number (`1,500`, `12.5`)."""
    return isinstance(text, str) and bool(re.fullmatch(r"\s*[\d,_]+(\.\d*)?\s*", text))


# ---- files --------------------------------------------------------------------------------


def _marks(node, path=()) -> dict:
    """Line, column and width of every node of a YAML document, keyed by its path; a mapping
    key's own position under its path plus ``KEY``."""
    import yaml

    def mark(item):
        start, end = item.start_mark, item.end_mark
        width = end.column - start.column if end.line == start.line else 1
        return start.line + 1, start.column + 1, max(width, 1)

    marks = {path: mark(node)}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (_key(key),)
            marks[child + (KEY,)] = mark(key)
            marks.update(_marks(value, child))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            marks.update(_marks(item, path + (index,)))
    return marks


def _key(node):
    """A mapping key as the data holds it: its text, or what YAML reads it as (`1`: a number,
    `true`: a boolean, `~`: null), so that a key that is not a text is found where it is."""
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:str":
        return node.value
    loader = _yaml_loader()("")
    try:
        return loader.construct_object(node)
    except yaml.YAMLError:
        return node.value
    finally:
        loader.dispose()


_LOADER: list = []


def _unclear(node, read):
    """A ConstructorError where a plain number YAML 1.1 read as ``read`` may be read
    otherwise (None where it may not): in base 60 (`1:30` is 90), in octal for a leading zero
    (`010` is 8), in hexadecimal or binary (`0x1F` is 31, `0b101` is 5), where a reader of the
    file, JSON and YAML 1.2 see a time, ten, or no number at all. It carries the help to write
    the number plainly, and the width of what is written."""
    from yaml.constructor import ConstructorError

    written = node.value
    digits = written.lstrip("+-").replace("_", "")
    quoted = f"or a text in quotes, such as `\"{written}\"`"
    if ":" in digits:
        base, plain = "base 60", f"write the number in digits, such as `{_shorten(read)}`, {quoted}"
    elif isinstance(read, float):
        return None
    elif digits[:2].lower() in ("0x", "0b"):
        base = "hexadecimal" if digits[1] in "xX" else "binary"
        plain = f"write the number in the digits 0 to 9, such as `{read}`, {quoted}"
    elif digits[:1] == "0" and int(digits, 10) != abs(read):
        ten = written[:len(written) - len(written.lstrip("+-"))] + digits.lstrip("0")
        base, plain = "octal, for its leading zero", \
            f"write the number without the leading zero, such as `{ten}`, {quoted}"
    else:
        return None
    unclear = ConstructorError(None, None, f"`{written}` would be read as {_shorten(read)}, a "
                               f"number in {base}", node.start_mark)
    unclear.help, unclear.width = plain, len(written)
    return unclear


def _yaml_loader():
    """A safe YAML loader that keeps dates as text, so a bad date is our error to report,
    holds a number to the limit of its digits, reads `=` as the text it is, and refuses a
    number that YAML 1.1 reads otherwise than its reader would (:func:`_unclear`): PyYAML's C
    loader where it is built, else the pure-Python one."""
    if not _LOADER:
        import yaml
        from yaml.constructor import ConstructorError

        class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
            def construct_yaml_int(self, node):
                if len(node.value) > _LONGEST:
                    raise ConstructorError(None, None, "this number has too many digits",
                                           node.start_mark)
                return self.plainly(node, super().construct_yaml_int(node))

            def construct_yaml_float(self, node):
                return self.plainly(node, super().construct_yaml_float(node))

            @staticmethod
            def plainly(node, read):
                unclear = _unclear(node, read)
                if unclear is not None:
                    raise unclear
                return read

        Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
        Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_yaml_float)
        Loader.yaml_implicit_resolvers = {
            first: [(tag, regexp) for tag, regexp in resolvers
                    if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        _LOADER.append(Loader)
    return _LOADER[0]


def _parse_yaml(text: str):
    """The document's node graph (for the marks) and its data, held to the limits: its nesting
    is measured on the parser's events before any node is built (building nodes recurses),
    then its aliases on the nodes."""
    import yaml
    from yaml.composer import ComposerError

    loader = _yaml_loader()(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.peek_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_USAGE_DEPTH:
                    raise ComposerError(None, None, f"lists and mappings are nested more than "
                                        f"{MAX_USAGE_DEPTH} deep", event.start_mark)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            loader.get_event()
    finally:
        loader.dispose()
    loader = _yaml_loader()(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _hold_to_limits(node)
        return node, (None if node is None else loader.construct_document(node))
    finally:
        loader.dispose()


class _KeyTwice(Exception):
    """Mappings of a YAML document that write a key twice: each later key node with the first
    one of its mapping, in the order of the file."""

    def __init__(self, pairs: list):
        super().__init__("a key is written twice")
        self.pairs = pairs

    def diagnostics(self, file: str, text: str) -> list[Diagnostic]:
        found = []
        for first, again in self.pairs:
            line, column = again.start_mark.line + 1, again.start_mark.column + 1
            width = again.end_mark.column - again.start_mark.column \
                if again.end_mark.line == again.start_mark.line else 1
            found.append(Diagnostic(
                file=file, line=line, column=column, width=max(width, 1),
                message=f"the key `{_spelled(again.value)}` is written twice in one mapping "
                f"(first at line {first.start_mark.line + 1})",
                help="a field is written once: keep the value meant and remove the other",
                source_line=source_line(text, line)))
        return found


def _hold_to_limits(root) -> None:
    """Refuse a YAML document whose aliases refer back to where they are, nest deeper than the
    limit, or repeat more than MAX_ALIASED_VALUES values; in time linear in the file. Then
    refuse one whose mappings write a key twice (:class:`_KeyTwice`), which the loader would
    read as its last value."""
    import yaml
    from yaml.composer import ComposerError

    def children(node):
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [item for pair in node.value for item in pair]
        return []

    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    repeated = 0
    stack = [(root, children(root), 0)]
    visiting = {id(root)}
    twice: list = []
    while stack:
        node, items, index = stack.pop()
        if index < len(items):
            stack.append((node, items, index + 1))
            child = items[index]
            if id(child) in visiting:
                raise ComposerError(None, None, "an alias refers to the list or mapping it is "
                                    "in", node.start_mark)
            if id(child) in size:  # met before: an alias repeats it
                repeated += size[id(child)]
                if repeated > MAX_ALIASED_VALUES:
                    raise ComposerError(None, None, f"aliases repeat more than "
                                        f"{MAX_ALIASED_VALUES:,} values", node.start_mark)
            else:
                visiting.add(id(child))
                stack.append((child, children(child), 0))
            continue
        visiting.discard(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: dict = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    first = keys.setdefault((key.tag, key.value), key)
                    if first is not key:
                        twice.append((first, key))
        size[id(node)] = 1 + sum(size[id(c)] for c in items)
        depth[id(node)] = 1 + max((depth[id(c)] for c in items), default=0)
        if depth[id(node)] > MAX_USAGE_DEPTH:
            raise ComposerError(None, None, f"lists and mappings are nested more than "
                                f"{MAX_USAGE_DEPTH} deep (through aliases)", node.start_mark)
    if twice:
        raise _KeyTwice(sorted(twice, key=lambda pair: pair[1].start_mark.index))


_TAB = ("a tab indents this line", "indent with spaces: YAML does not allow tabs")
# What the YAML reader says of a mistake, in the words of this project: its problem (and, for
# some, the context it was in, which is then where the mistake is) to a message and the help
# to mend it; `{}` in the message is the text written where it is, in backticks.
_YAML_WORDS = (
    ("while scanning a quoted scalar", "found unexpected end of stream",
     "this quoted text is never closed", "close it with the quote it opens with"),
    ("while parsing a flow sequence", "did not find expected",
     "this `[` is never closed", "close the list with `]`, its items separated by `,`"),
    ("while parsing a flow mapping", "did not find expected",
     "this `{{` is never closed", "close the mapping with `}`, its fields separated by `,`"),
    (None, "mapping values are not allowed",
     "a `:` and a space start a mapping where none may start",
     "put a value that holds `: ` in quotes, e.g. `\"a: b\"`"),
    (None, "found a tab character", *_TAB),
    (None, "found character '\\t'", *_TAB),
    (None, "found character that cannot start any token", "{} cannot start a value",
     "put the value in quotes"),
    (None, "could not determine a constructor for the tag", "the tag {} is not allowed",
     "remove it: a file holds names, numbers, texts, lists and mappings only"),
    (None, "found undefined alias", "the alias {} refers to no anchor",
     "write the value, or an anchor (`&name`) before the alias"),
    (None, "but found another document", "the file holds more than one YAML document",
     "remove the `---`: one document holds every usage, in a list"),
    (None, "found unhashable key", "a list or a mapping is written as a key",
     "a key is a name, such as `app`"),
    (None, "exceeded maximum nesting depth",
     f"lists and mappings are nested more than {MAX_USAGE_DEPTH} deep", None),
)
_WRITTEN = re.compile(r"[^\s,\]}]*")  # the text written at a place, to the end of its value


# The help for a file that holds no usage: what one looks like.
USAGE_EXAMPLE = "write a usage as fields, e.g. `app: my_app`, `purpose: research` and `date: " \
    "2024-06-30`, one a line (docs/api.md#the-usage-format)"


def _indented_field(text: str, index: int):
    """Where a field written on a line indented deeper than the `key: value` line above it
    starts (YAML reads it as going on with that value), and its key; None if it is not one."""
    start = text.rfind("\n", 0, index) + 1
    line = text[start:text.find("\n", index) if "\n" in text[index:] else len(text)]
    above = text[:max(start - 1, 0)].rsplit("\n", 1)[-1]
    key = line.strip().partition(":")[0]
    indent = len(line) - len(line.lstrip(" "))
    if not start or not re.fullmatch(r"[A-Za-z_][\w-]*", key) or \
            indent <= len(above) - len(above.lstrip(" ")) or \
            not re.match(r"\s*(- )?[\w-]+: \S", above):
        return None
    return _Mark(start + indent), key


class _Mark:
    """A place in a file, as a YAML reader's mark gives it."""

    def __init__(self, index: int):
        self.index = index


def yaml_problem(err, file: str, text: str, what: str, help: str) -> Diagnostic:
    """A file of usages, facts or columns that YAML cannot read: where, and what is wrong in
    words (``what`` names the file: `the usage file`), with ``help`` where none is more
    precise. Values are quoted in backticks, as every message quotes them."""
    import yaml

    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or "the file is not valid YAML or JSON"
    help = getattr(err, "help", None) or help  # (a number written unclearly: how to write it)
    if isinstance(err, yaml.reader.ReaderError):  # a character YAML does not allow
        offset = err.position
        problem = f"the character `U+{err.character:04X}` is not allowed in YAML"
    else:
        context = getattr(err, "context", None) or ""
        for within, said, words, better in _YAML_WORDS:
            if said in problem and (within is None or within in context):
                if within is not None and getattr(err, "context_mark", None) is not None:
                    mark = err.context_mark
                written = _WRITTEN.match(text, mark.index)[0] if mark is not None else ""
                if "cannot start" in said:
                    written = text[mark.index:mark.index + 1]
                    if written == "\t":
                        words, better = _TAB
                if "mapping values" in said:
                    deeper = _indented_field(text, mark.index)
                    if deeper is not None:
                        mark, field = deeper
                        words = "this line is indented more than the line above it"
                        better = f"line `{field}:` up with the fields above it"
                # a backtick is quoted as Markdown quotes it: `` ` ``
                shown = f"`` {written} ``" if "`" in written else f"`{written}`"
                problem, help = words.format(shown), better or help
                break
        else:
            problem = re.sub(r"'([^'\n]*)'", r"`\1`", problem)
        offset = mark.index if mark is not None else 0
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Diagnostic(file=file, line=line, column=column, message=f"cannot read {what}: "
                      f"{problem}", help=help, source_line=source_line(text, line),
                      width=getattr(err, "width", 1))


def read_file(path, kind: str = "usage") -> str:
    """The text of a file of usages, facts or names (`-`: standard input; ``kind``: `usage` or
    `facts`), read as every input file is (:func:`contractdsl.files.read_text`:
    UTF-8, a regular file, its size bounded), or an :class:`InputError` saying why it cannot
    be."""
    return read_text(path, kind)


def read_usages(path) -> list[Usage]:
    """Read one usage, or a list of named usages (a CI manifest), from a YAML or JSON file
    (`-`: standard input). Every bad usage of the file is reported in one :class:`UsageError`."""
    usages, problems = read_usages_apart(path)
    if problems:
        raise UsageError(f"{len(problems)} bad usage(s) in `{problems[0].file}`", problems)
    return usages


def read_usages_apart(path) -> tuple[list[Usage], list[Diagnostic]]:
    """:func:`read_usages`, with the usages of the file that could be read kept apart from the
    problems of those that could not, so that the former can still be checked against an
    agreement; a file that cannot be read as a whole is a :class:`UsageError`."""
    import yaml

    paths_given([path], "read_usages takes the path of a usage file, a str or a "
                "Path (`-`: standard input)")
    text = read_file(path)
    file = source_name(path)
    try:
        node, data = _parse_yaml(text)
    except _KeyTwice as err:
        raise UsageError(f"a key is written twice in `{file}`",
                         err.diagnostics(file, text)) from None
    except yaml.YAMLError as err:
        found = yaml_problem(err, file, text, "the usage file", "a usage file is a YAML or JSON "
                             "mapping of fields, or a list of them (docs/cli.md); the limits are "
                             "in docs/limits.md")
        raise UsageError(found.message, [found]) from None
    marks = _marks(node) if node is not None else {}
    where = _Where(file, marks, text=text)
    if data is None:
        raise where.error((), "the usage file is empty", USAGE_EXAMPLE)
    if isinstance(data, dict) and "usages" in data and len(data) == 1:
        data, where = data["usages"], where.child("usages")
    if isinstance(data, dict):
        try:
            return [_Reader(where).usage(data)], []
        except UsageError as err:
            return [], list(err.diagnostics)
    if not isinstance(data, list):
        raise where.error((), "a usage file holds a usage or a list of usages", USAGE_EXAMPLE)
    if not data:  # a manifest of no test would pass, and `permits` decide nothing
        raise where.error((), "the list of usages is empty", "write a usage in it, e.g. `- {app: "
                          "my_app, purpose: research, date: 2024-06-30}`, or remove the file")
    usages, problems = [], []
    named: dict[str, int] = {}  # a name to the line of the first usage it names
    for index, entry in enumerate(data):
        try:
            usage = _Reader(where.child(index)).usage(entry)
        except UsageError as err:
            problems.extend(err.diagnostics)
            continue
        if usage.name is not None:
            if usage.name not in named:
                named[usage.name] = where.child(index).at("name")[0]
            else:  # a test's name is its own in a report
                first = named[usage.name]
                problems.append(where.child(index).diagnostic(
                    ("name",), f"the usage name `{usage.name}` is used twice",
                    f"the first usage named so is at line {first}; give each usage of the file "
                    "a name of its own"))
                continue
        if usage.name is None:
            usage = attrs.evolve(usage, name=f"{Path(file).name}#{index + 1}")
        usages.append(usage)
    return usages, problems


def as_usage(value: _Any) -> Usage:
    """Accept a Usage, a mapping, or a path to a file holding exactly one usage."""
    if isinstance(value, Usage):
        return value
    if isinstance(value, dict):
        return Usage.from_dict(value)
    if isinstance(value, (str, Path)):
        usages = read_usages(value)
        if len(usages) != 1:
            raise UsageError(f"`{value}` holds {len(usages)} usages; give one",
                             help="give a file of one usage, or read them all with "
                                  "`contractdsl.usage.read_usages`")
        return usages[0]
    kind = type(value).__name__
    given = "`None`" if value is None else "bytes" if kind == "bytes" else \
        f"{'an' if kind[0] in 'aeiouAEIOU' else 'a'} {kind}"
    raise UsageError(f"cannot read a usage from {given}",
                     help="give a mapping of its fields, a `Usage`, or the path of a file that "
                          "holds one usage")


def usage(**fields) -> Usage:
    """Build a usage from keyword arguments: ``usage(app="bing_pages", date="2022-06-30", ...)``."""
    return Usage.from_dict(fields)


# ---- validation against an agreement ------------------------------------------------------


def _where(usage: Usage, file: str | None = None) -> _Where:
    return usage.origin or _Where(file or usage.name or "<usage>")


def usage_problem(usage: Usage, path: tuple, message: str, help: str | None = None) -> UsageError:
    """An error about the field at ``path`` of a usage, located in its file when it has one."""
    return _where(usage).error(path, message, help)


def validate(usage: Usage, vocabulary, where_file: str | None = None,
             helped: Callable[[str, list[str], str], str] = defined_help) -> list[Diagnostic]:
    """Problems with the names a usage uses, given the vocabulary in force (did you mean ...);
    ``helped(name, defined, kind)`` gives the help for a name of ``kind`` that ``vocabulary``
    does not define, ``defined`` being the names of that kind it does."""
    terms = vocabulary.terms
    if known(usage, vocabulary):
        return []
    problems: list[Diagnostic] = []
    where = _where(usage, where_file)

    def bad(kind, name, defined: Iterable[str], *path):
        defined = list(defined)
        problems.append(where.diagnostic(path, f"unknown {kind} `{name}`",
                                         helped(name, defined, kind)))

    if usage.app is not None and usage.app not in vocabulary.apps:
        bad("app", usage.app, vocabulary.apps, "app")
    for kind, value in (("action", usage.action), ("act", usage.act), ("data", usage.data),
                        ("purpose", usage.purpose), ("endpoint", usage.endpoint)):
        if value is not None and value not in terms[kind]:
            bad(kind, value, terms[kind], kind)
    for index, recipient in enumerate(usage.recipients):
        if recipient not in terms["recipient"]:
            bad("recipient", recipient, terms["recipient"], "recipients", index)
    if usage.tier is not None and usage.tier not in vocabulary.tiers:
        bad("tier", usage.tier, vocabulary.tiers, "tier")
    for index, volume in enumerate(usage.volume):
        if volume.unit not in vocabulary.unit_names:
            bad("unit", volume.unit, vocabulary.unit_names, "volume", index, "unit")
        if volume.each is not None and volume.each not in vocabulary.unit_names:
            known_words = [*vocabulary.unit_names, *m.FIXED_SECONDS, *m.CALENDAR_UNITS]
            problems.append(where.diagnostic(
                ("volume", index, "per"), f"`{volume.each}` is not a window the agreement can "
                "count in, nor one of its units", did_you_mean(volume.each, known_words)
                or "write a window, e.g. `15 minutes`, `day`, `30 days` or `calendar month`, "
                "or a unit the amount is counted per one of, such as `request`"))
    for path, unit in _money_units(usage):
        found = vocabulary.unit_names.get(unit)
        if found is None:
            bad("unit", unit, vocabulary.unit_names, *path)
        elif found.measures != "money":
            money = [n for n, u in vocabulary.unit_names.items() if u.measures == "money"]
            problems.append(where.diagnostic(
                path, f"`{unit}` is not money", f"write the amount in {_listed(money)}"
                if money else "the agreement defines no unit of money"))
    for standard, _ in usage.findings:
        if standard not in terms["standard"]:
            bad("standard", standard, terms["standard"], "findings", standard, KEY)
    for index, duty in enumerate(usage.refuses):
        if duty not in terms["duty"]:
            bad("duty", duty, terms["duty"], "refuses", index)
    problems.extend(_attribute_problems(usage, vocabulary, where))
    known_facts = set(terms["fact"])
    for index, (fact, _) in enumerate(usage.facts):
        if fact not in known_facts:
            # a list of facts, or a mapping fact -> date (then point at the fact's name)
            in_mapping = where.base + ("facts", fact, KEY) in where.marks
            bad("fact", fact, known_facts, *(("facts", fact, KEY) if in_mapping else
                                             ("facts", index)))
    return problems


def _money_units(usage: Usage) -> tuple:
    """Where a usage names a unit of money, and the unit: its payments' and its claim's (none,
    found at once, for most usages)."""
    if not usage.payments and usage.claim is None:
        return ()
    found = [(("payments", index, "unit"), payment.unit)
             for index, payment in enumerate(usage.payments)]
    if usage.claim is not None:
        found.append((("claim", "unit"), usage.claim.unit))
    return tuple(found)


def _listed(names) -> str:
    names = [f"`{n}`" for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _attribute_problems(usage: Usage, vocabulary, where: _Where) -> list[Diagnostic]:
    """Problems with what a usage states of its licensee and users: names that are no
    attribute or measure of that party, values of the wrong kind, and a value of the licensee
    that the agreement or the schedule of its app states otherwise."""
    problems = []
    stated = vocabulary.licensee_values(usage.app)
    for name, value in usage.licensee:
        if ("licensee", name) in usage.assumed:
            continue
        found = _attribute_problem(vocabulary, "licensee", name, value)
        if found is None and stated.get(name, value) != value:
            said = next(d.title for d in vocabulary.documents for v in d.values
                        if v.name == name and (d.kind == "agreement" or d is
                                               vocabulary.app_schedule.get(usage.app)))
            found = (f"the usage states the licensee's `{name}` otherwise than “{said}” does",
                     f"leave it out: “{said}” states it")
        if found is not None:
            problems.append(where.diagnostic(("licensee", name, KEY), *found))
    reported: set = set()
    for index, group in enumerate(usage.users):
        for name, value in group:
            found = None if ("user", name, index) in usage.assumed else \
                _attribute_problem(vocabulary, "user", name, value)
            if found is not None and name not in reported:  # once for every group
                reported.add(name)
                # where the file names it: in the mapping of every user, or of a group
                paths = [("users", name, KEY), *(("users", entry, name, KEY)
                                                 for entry in range(MAX_USER_GROUPS))]
                path = next((p for p in paths if where.base + p in where.marks), ("users",))
                problems.append(where.diagnostic(path, *found))
    return problems


def _attribute_problem(vocabulary, party: str, name: str, value) -> tuple | None:
    """Why ``value`` cannot be what a usage states of the attribute or measure ``name`` of
    ``party`` (a message and its help), or None when it can."""
    terms = vocabulary.terms
    owner = "licensee's" if party == "licensee" else "users'"
    term = terms["attribute"].get(name) or terms["measure"].get(name)
    if term is None or term.party != party:
        defined = [n for kind in ("attribute", "measure") for n, t in terms[kind].items()
                   if t.party == party]
        whose = "the licensee" if party == "licensee" else "the users"
        return (f"unknown attribute `{name}` of {whose}",
                defined_help(name, defined, f"attribute of {whose}"))
    if isinstance(value, bool) != (term.kind == "attribute"):
        if term.kind == "attribute":
            return (f"the {owner} `{name}` is yes or no, not a number",
                    "write `true` or `false`" + (", `all`, `some` or `none`"
                                                 if party == "user" else ""))
        return (f"the {owner} `{name}` is a number, not yes or no",
                "write the number, e.g. `" + name + ": 12`")
    return None


def known(usage: Usage, vocabulary, facets: bool = True) -> bool:
    """Whether every name the usage uses is defined: the common case, checked quickly. Without
    ``facets``, its app, action, act, data and purpose are taken as found defined before."""
    return name_checks(vocabulary)[0 if facets else 1](usage)


def name_checks(vocabulary) -> tuple[Callable[[Usage], bool], Callable[[Usage], bool]]:
    """:func:`known` as two functions of the usage, the vocabulary's tables bound once (kept
    with the vocabulary): with its facets, and without."""
    found = vocabulary.derived.get("known")
    if found is None:
        found = vocabulary.derived["known"] = _name_checks(vocabulary)
    return found


def _name_checks(vocabulary):
    terms = vocabulary.terms
    apps, actions, acts, data, purposes = (vocabulary.apps, terms["action"], terms["act"],
                                           terms["data"], terms["purpose"])
    endpoints, tiers, recipients, facts = (terms["endpoint"], vocabulary.tiers,
                                           terms["recipient"], terms["fact"])
    units, standards, duties = vocabulary.unit_names, terms["standard"], terms["duty"]
    # (the names of a usage's several recipients, facts and duties are checked as sets)
    recipients, facts, duties = frozenset(recipients), frozenset(facts), frozenset(duties)

    def rest(usage: Usage) -> bool:
        if (usage.endpoint is not None and usage.endpoint not in endpoints) or \
                (usage.tier is not None and usage.tier not in tiers) or \
                not recipients.issuperset(usage.recipients) or \
                not facts.issuperset(usage._stated_names):
            return False
        for volume in usage.volume:
            if volume.unit not in units or (volume.each is not None and volume.each not in units):
                return False
        for standard, _ in usage.findings:
            if standard not in standards:
                return False
        if usage.refuses and not duties.issuperset(usage.refuses):
            return False
        if usage.payments or usage.claim is not None:
            for _, unit in _money_units(usage):
                if unit not in units or units[unit].measures != "money":
                    return False
        return not (usage.licensee or usage.users) or not _attribute_problems(
            usage, vocabulary, _Where("<usage>"))

    def every(usage: Usage) -> bool:
        return ((usage.app is None or usage.app in apps)
                and (usage.action is None or usage.action in actions)
                and (usage.act is None or usage.act in acts)
                and (usage.data is None or usage.data in data)
                and (usage.purpose is None or usage.purpose in purposes)
                and rest(usage))
    return every, rest
