"""Hypothesis strategies: generated agreements and usages, for property tests of agreements.

Everything generated here checks clean with :func:`contractdsl.check`, prints with the
formatter and parses back to an equal agreement. Generated agreements use the whole language:
several versions of one agreement (each taking effect after the one before, one now and then
terminating), vocabularies that grow from one version to the next, schedules of apps
(approved purposes, labels, recipients served, now and then clauses of their own), documents
the versions incorporate (one, or now and then two), tiers with prices, effective windows and
allowances (in money too), and clauses with effective windows, survival, deadlines in every
unit and every kind of condition, now and then the licensor's (fees and provisos too). Usages
name only what the agreement defines on their dates, and are often dated around the dates
where what is in force changes; they state facts now and then at an instant and, with
``instants``, start and end at instants themselves. Install with
``pip install "contractdsl[testing]"``; importing ``contractdsl`` itself never imports
Hypothesis.

    from hypothesis import given
    from contractdsl import permits
    from contractdsl.strategies import agreements_with_usages

    @given(agreements_with_usages())
    def test_nothing_is_permitted_to_an_intelligence_agency(case):
        agreement, usage = case
        ...

Each strategy is a plain drawing function (``_clause(draw, ...)``) made public with
``st.composite``: inside this module the functions call each other directly, since a strategy
object built for every call would be validated anew, which costs more than the drawing.
"""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import Decimal
from fractions import Fraction

import attrs
from hypothesis import strategies as st

from . import model as m
from .usage import Claim, Payment, Usage, Volume

KINDS = ("permission", "prohibition", "limit", "obligation", "fee", "charge", "cap")
MONEY_KINDS = ("fee", "charge", "cap")  # the kinds of clause that never decide a usage
DEFAULT_START = _dt.date(2024, 1, 1)
DEFAULT_END = _dt.date(2025, 12, 31)
FIXED_UNITS = ("minute", "hour", "day", "week")
SCOPES = m.SCOPES
# A scope every generated agreement declares, counted per as the language's own are.
DECLARED_SCOPE = m.Scope(name="channel", description="channel of a server")
# A scope holding apps that generated agreements now and then declare too: each app belongs to
# one Project, and a limit `per project` counts the apps of one Project together.
HOLDING_SCOPE = m.Scope(name="project", description="project of the developer account",
                        holds_apps=True)
LABELS = ("production", "staging")
TITLE = "Generated Agreement"
DAY = _dt.timedelta(days=1)

# Whole amounts of money, or amounts in cents (never a whole number written with decimals,
# which the formatter would print differently).
PRICES = st.integers(0, 50_000) | st.decimals("0.01", "999.99", places=2).filter(
    lambda d: d != d.to_integral_value())
AMOUNTS = st.integers(0, 10**7) | st.fractions(0, 10**4, max_denominator=100)
# The thresholds conditions compare measures with, and the values usages state near them.
THRESHOLDS = (0, 13, 18, 1_000, Decimal("12.5"), 700_000_000)
MEASURED = st.sampled_from([Fraction(t) + d for t in THRESHOLDS for d in (-1, 0, 1)
                            if t + d >= 0] + [Fraction(25, 2) - Fraction(1, 4)])
# Clause titles, a few with characters that need escaping in the language, Markdown or HTML.
TITLES = st.sampled_from(("Licence", "Restrictions on use", "Sharing content", "Audit",
                          "Rate limits", "Deletion of content", "Notice", "Government use",
                          'The "audit" clause', "Limits & quotas", "Use <per app>",
                          "Display *as is*", "Fees_and_tiers", "Termination \\ survival"))

_NUMBER = st.integers(0, 2**16 - 1)
_ALLOWED = st.integers(1, 10**6)
_PRICES = st.sampled_from((0, 1, 100)) | st.decimals("0.01", "1000", places=2)


def _int(draw, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` (a range of at most 65,536), drawn from one
    shared strategy: a strategy per range would be built and validated on every draw."""
    return low + draw(_NUMBER) % (high - low + 1)


def _flip(draw, one_in: int = 2) -> bool:
    """True once in ``one_in`` draws (false as Hypothesis shrinks)."""
    return _int(draw, 1, one_in) == one_in


def _pick(draw, options):
    """One of ``options``."""
    options = tuple(options)
    return options[_int(draw, 0, len(options) - 1)]


def _some(draw, options, *, min_size: int = 0, max_size: int = 2) -> tuple:
    """Up to ``max_size`` distinct ``options`` (at least ``min_size``), in the order drawn."""
    left = list(options)
    return tuple(left.pop(_int(draw, 0, len(left) - 1))
                 for _ in range(_int(draw, min_size, min(max_size, len(left)))))


def _day(draw, start: _dt.date, end: _dt.date) -> _dt.date:
    """A day from ``start`` to ``end``."""
    return start + DAY * _int(draw, 0, (end - start).days)


def _public(function, name: str):
    """The strategy of a drawing function, under its public name."""
    @functools.wraps(function)
    def named(draw, *args, **kwargs):
        return function(draw, *args, **kwargs)

    named.__name__ = named.__qualname__ = name
    return st.composite(named)


def _names(prefix: str, count: int, first: int = 0) -> list[str]:
    return [f"{prefix}_{i}" for i in range(first, first + count)]


def _evolve(record, **changes):
    return attrs.evolve(record, **changes)


def dates(*, start: _dt.date = DEFAULT_START, end: _dt.date = DEFAULT_END):
    return st.dates(min_value=start, max_value=end)


def _hierarchy(draw, cls, prefix: str, *, min_size: int, max_size: int,
               root: str | None = None, existing=(), first: int = 0) -> list[m.Term]:
    """Terms of one kind, each under an earlier one (or a root), so no hierarchy loops; with
    ``existing`` terms, new ones numbered from ``first`` that may fall under those too."""
    terms = []
    if root is not None and not existing:
        terms.append(cls(name=root, description=f"{root} (everything)"))
    for name in _names(prefix, _int(draw, min_size, max_size), first):
        parents = [t.name for t in (*existing, *terms)]
        parent = _pick(draw, [None, *parents]) if parents else None
        if root is not None and parent is None:
            parent = root
        terms.append(cls(name=name, description=f"the {prefix} called {name}", parent=parent))
    return terms


# ---- quantities, windows, durations ---------------------------------------------------------


@functools.lru_cache(maxsize=64)
def quantities(*, unit: str = "records", max_amount: int = 10**9):
    """Quantities of a counted unit."""
    return st.builds(m.Quantity, amount=st.integers(0, max_amount), unit=st.just(unit))


def _scope(draw, declared=(DECLARED_SCOPE,), redundant: bool = False) -> str | None:
    """What a limit counts per: nothing, a scope of the language or a ``declared`` one, or two
    of them (`per app and channel`); a declared scope holding apps more often than the others,
    alone or with another (`per project`, `per project and channel`). Never one holding apps
    with `app` (which counts per app alone: the checker warns), but with ``redundant`` now and
    then that (`per app and project`)."""
    holders = [s.name for s in declared if s.holds_apps]
    if holders and _flip(draw, 3):
        holder = _pick(draw, holders)
        if redundant and _flip(draw):
            return f"app and {holder}"
        if _flip(draw, 3):
            return " and ".join(_some(draw, [holder, _pick(draw, (
                *(k for k in SCOPES if k != "app"),
                *(s.name for s in declared if s.name != holder)))], min_size=2))
        return holder
    keys = (*SCOPES, *(s.name for s in declared))
    if _flip(draw, 5):
        pair = _some(draw, keys, min_size=2, max_size=2)
        if "app" in pair and set(pair) & set(holders):  # counted per app alone: the holder
            return next(k for k in pair if k != "app")
        return " and ".join(pair)
    return _pick(draw, (None, *keys))


def _counting_window(draw) -> m.Window:
    if _flip(draw, 4):
        return m.Window(count=1, unit=_pick(draw, ("month", "year")), calendar=True)
    if _flip(draw, 16):
        return m.Window(count=_int(draw, 1, 60), unit="second")
    return m.Window(count=_int(draw, 1, 60), unit=_pick(draw, FIXED_UNITS))


def _duration(draw) -> m.Duration:
    if _flip(draw, 5):
        return m.Duration(count=_int(draw, 1, 72), unit="hour")
    return m.Duration(count=_int(draw, 1, 12),
                      unit=_pick(draw, ("day", "week", "month", "year", m.BUSINESS_DAY)))


@functools.lru_cache(maxsize=1)
def windows():
    """Fixed windows (`15 minutes`, `day`, ...) and calendar windows."""
    return _public(_counting_window, "windows")()


@functools.lru_cache(maxsize=1)
def durations():
    """How long a clause survives termination: mostly days to a year, now and then hours."""
    return _public(_duration, "durations")()


def _event(draw, facts, termination: bool = False) -> m.Event:
    """When something happened: one of ``facts`` (or, with ``termination``, `termination`),
    now and then the later or earlier of two or three of them."""
    names = list(facts) + ([m.TERMINATION] if termination else [])
    if len(names) > 1 and _flip(draw, 3):
        return m.Event(names=_some(draw, names, min_size=2, max_size=3),
                       pick=_pick(draw, m.PICKS))
    return m.Event(names=(_pick(draw, names),))


def _survival(draw, facts) -> m.Survival:
    """How a clause survives termination: mostly for days to a year after it (see
    :func:`durations`), now and then without end, or for a time after an event."""
    shape = _int(draw, 0, 5)
    if shape == 0:
        return m.Survival()
    if shape == 1 and facts:
        return m.Survival(duration=_duration(draw), event=_event(draw, facts, True))
    return m.Survival(duration=_duration(draw))


def _gap(draw) -> m.Duration:
    """A gap between two days: days, business days, weeks, months or years."""
    return m.Duration(count=_int(draw, 1, 30),
                      unit=_pick(draw, ("day", m.BUSINESS_DAY, "week", "month", "year")))


def _validity(draw, start: _dt.date, end: _dt.date) -> dict:
    """An effective window inside ``start``..``end``: `from`, `until`, both (now and then a
    single day) or neither, as the fields of a clause or tier."""
    shape = _pick(draw, ("none", "from", "until", "both", "day"))
    if shape == "none":
        return {}
    first = _day(draw, start, end)
    if shape == "from":
        return {"valid_from": first}
    if shape == "until":
        return {"valid_until": first}
    if shape == "day":
        return {"valid_from": first, "valid_until": first}
    return {"valid_from": first, "valid_until": _day(draw, first, end)}


# ---- vocabularies, tiers and apps -----------------------------------------------------------


def _named(terms, kind: str) -> list[str]:
    return [t.name for t in terms if t.kind == kind]


# What earns a tier: amounts about those a usage's payments come to (see `_payments`).
EARNED = (1, 5, 100, 2000)
# What an allowance in money lets a usage of the tier spend per window.
SPENDING = (1, 100, 2000)


def _tiers(draw, document: m.Document, *, start=DEFAULT_START, end=DEFAULT_END,
           names=None) -> tuple[m.Tier, ...]:
    """Tiers over the document's actions: now and then free, with a price (a whole or
    fractional amount of money, sometimes `costs from`), now and then earned by what was paid
    (`earned by paying at least 100 USD in total`), an effective window, and allowances (`read
    no more than N records per WINDOW [per SCOPE]`, a scope the document declares among them),
    some of them zero, and now and then one in money (`use no more than 100 USD per calendar
    month`: what a usage of the tier may spend)."""
    names = names or _names("tier", _int(draw, 0, 3))
    actions = _named(document.terms, "action")
    made = []
    for name in names:
        price = None
        if not _flip(draw, 4):
            price = m.Price(quantity=m.Quantity(amount=draw(PRICES), unit="USD"),
                            window=_counting_window(draw), minimum=_flip(draw))
        allowances = tuple(m.Allowance(
            action=_pick(draw, actions),
            quantity=m.Quantity(amount=0 if _flip(draw, 4) else draw(_ALLOWED),
                                unit=_pick(draw, ("records", "rows"))),
            window=_counting_window(draw), scope=_scope(draw, document.scopes))
            for _ in range(_int(draw, 0, 2)))
        if _flip(draw, 4):  # what a usage of the tier may spend
            allowances += (m.Allowance(
                action=_pick(draw, actions),
                quantity=m.Quantity(amount=_pick(draw, SPENDING), unit="USD"),
                window=_counting_window(draw), scope=_scope(draw, document.scopes)),)
        earning = m.Earning(quantity=m.Quantity(amount=_pick(draw, EARNED), unit="USD")) \
            if _flip(draw, 4) else None
        made.append(m.Tier(name=name, title=name.replace("_", " ").title(), price=price,
                           earning=earning, allowances=allowances,
                           **_validity(draw, start, end)))
    return tuple(made)


def _apps_of(draw, document: m.Document, *, names=None) -> tuple[m.App, ...]:
    """Apps approved for some of the document's purposes, with labels (`production`,
    `staging`) and recipients they serve."""
    names = names or _names("app", _int(draw, 1, 3))
    purposes, recipients = _named(document.terms, "purpose"), _named(document.terms, "recipient")
    return tuple(m.App(name=name, title=name.replace("_", " ").title(),
                       approved=_some(draw, purposes), labels=_some(draw, LABELS),
                       serving=_some(draw, recipients))
                 for name in names)


tiers = _public(_tiers, "tiers")
apps = _public(_apps_of, "apps")


def _vocabularies(draw, *, max_terms: int = 5, start=DEFAULT_START,
                  end=DEFAULT_END, standards: bool = True, attributes: bool = True) -> m.Document:
    """An agreement header with vocabularies (hierarchies of purposes, recipients, data and
    actions, `use` with `share` under it), facts, standards (unless ``standards`` is false),
    duties, attributes and measures of the licensee and of the users (unless ``attributes``
    is false), units (one with an alias, and money), scopes (`channel`, and now and then
    `project`, which holds apps), apps and tiers; no clauses yet."""
    actions = _hierarchy(draw, m.Action, "act", min_size=1, max_size=max_terms, root="use")
    actions.insert(1, m.Action(name="share", description="share with others", parent="use"))
    # what the licensee does that is not a use of content
    actions += _hierarchy(draw, m.Act, "deed", min_size=0, max_size=2)
    data = _hierarchy(draw, m.DataKind, "data", min_size=0, max_size=max_terms, root="content")
    purposes = _hierarchy(draw, m.Purpose, "purpose", min_size=1, max_size=max_terms)
    recipients = _hierarchy(draw, m.Recipient, "recipient", min_size=1, max_size=max_terms)
    # the endpoints a limit may bind the calls of alone
    endpoints = _hierarchy(draw, m.Endpoint, "endpoint", min_size=0, max_size=3)
    facts = [m.Fact(name=n, description=f"fact {n} holds") for n in _names("fact", 3)]
    if standards:
        facts += [m.Standard(name=n, description=f"standard {n} is met")
                  for n in _names("standard", 2)]
    if attributes:
        facts += [cls(name=f"{cls.kind}_{party}", description=f"{cls.kind} of the {party}",
                      party=party) for cls in (m.Attribute, m.Measure)
                  for party in m.PARTIES]
    duties = [m.Duty(name=f"duty_{i}", description=f"perform duty {i}", shown_by=f"fact_{i}")
              for i in range(2)]
    if _flip(draw):  # a duty no fact shows done: it can never be met
        duties.append(m.Duty(name="duty_2", description="perform duty 2"))
    deeds = _named(actions, "act")
    if deeds and _flip(draw):  # a duty an act of the licensee does
        duties.append(m.Duty(name="duty_3", description="perform duty 3",
                             shown_by=_pick(draw, deeds)))
    document = m.Document(
        kind="agreement", title=TITLE, version="1",
        parties=(m.Party(role="licensor", name="Provider"), m.Party(role="licensee", name="Dev")),
        effective=start,
        terms=tuple(actions + data + purposes + recipients + endpoints + facts + duties),
        units=(m.Unit(name="records", description="records", aliases=("rows",)),
               m.Unit(name="requests", description="requests", aliases=("request",)),
               m.Unit(name="USD", description="US dollars", dimension="money")),
        scopes=(DECLARED_SCOPE, HOLDING_SCOPE) if _flip(draw, 3) else (DECLARED_SCOPE,))
    return _evolve(document, apps=_apps_of(draw, document),
                   tiers=_tiers(draw, document, start=start, end=end))


vocabularies = _public(_vocabularies, "vocabularies")


def _vocabulary(source) -> tuple[tuple, tuple[m.App, ...], tuple[str, ...]]:
    """The terms, apps and tier names clauses and conditions may use: a document's own, or
    those every version of an agreement defines (its first version's) with every app."""
    if isinstance(source, m.Agreement):
        document = source.versions[0]
        return document.terms, _apps(source), tuple(t.name for t in document.tiers)
    return source.terms, source.apps, tuple(t.name for t in source.tiers)


def _declared(source) -> tuple[m.Scope, ...]:
    """The scopes a document declares, or every version of an agreement (its first's)."""
    return (source.versions[0] if isinstance(source, m.Agreement) else source).scopes


def _apps(agreement: m.Agreement) -> tuple[m.App, ...]:
    """Every app of the agreement once (apps written in each version's text are the same)."""
    return tuple({a.name: a for a in agreement.apps}.values())


# ---- conditions, deadlines, clauses ---------------------------------------------------------


ATOMS = ("purpose", "recipient", "action", "data", "app", "approved", "subscribed", "tier",
         "before", "from", "labelled", "serves", "fact", "standard", "attribute", "measure",
         "apps", "gap", "same")


def _condition(draw, vocabulary, *, max_depth: int = 2, start=DEFAULT_START,
               end=DEFAULT_END) -> m.Condition:
    """Conditions over a document's (or an agreement's) vocabulary: every atom (`purpose is`,
    `recipient is`, `action is`, `data is`, `app is`, `purpose is approved`, `a tier is
    subscribed`, `tier is`, `date is before`, `date is on or after`, `app is labelled`, `app
    serves`, facts, standards, the parties' attributes and measures compared with a threshold,
    the dates of two facts compared), combined with not, and, or; at most ``2 ** max_depth``
    atoms."""
    terms, app_list, tier_names = _vocabulary(vocabulary)
    names = {kind: _named(terms, kind) for kind in ("purpose", "recipient", "action", "data",
                                                    "fact", "standard", "attribute",
                                                    "measure")}
    names["parties"] = {t.name: t.party for t in terms if isinstance(t, m.Attribute)}
    names.update(app=[a.name for a in app_list], tier=list(tier_names), labelled=list(LABELS),
                 serves=names["recipient"])
    return _tree(draw, names, start, end, 2 ** max_depth)


conditions = _public(_condition, "conditions")


def _tree(draw, names: dict, start: _dt.date, end: _dt.date, leaves: int,
          parent: str | None = None, depth: int = 0) -> m.Condition:
    """A condition with at most ``leaves`` atoms: half the nodes atoms, the others `not`,
    `and` or `or` (never an `and` directly inside an `and`, nor `or` in `or`: they read back
    flattened)."""
    choice = _int(draw, 0, 5) if leaves > 1 and depth < 4 else 0
    if choice == 3:
        return m.Not(operand=_tree(draw, names, start, end, leaves, "not", depth + 1))
    combinator = {4: m.All, 5: m.Any}.get(choice)
    if combinator is not None:
        if combinator.__name__ == parent:
            combinator = m.Any if combinator is m.All else m.All
        count = _int(draw, 2, min(3, leaves))
        return combinator(operands=tuple(
            _tree(draw, names, start, end, leaves // count, combinator.__name__, depth + 1)
            for _ in range(count)))
    kind = _pick(draw, ATOMS)
    if kind in ("before", "from"):
        day = _day(draw, start, end)
        return m.DateBefore(date=day) if kind == "before" else m.DateFrom(date=day)
    if kind == "apps":  # how many of the licensee's apps are approved for the purpose
        return m.AppsFor(comparison=_pick(draw, m.COMPARISONS), amount=_int(draw, 0, 2))
    if kind in ("gap", "same") and names["fact"]:
        first, second = _pick(draw, names["fact"]), _pick(draw, names["fact"])
        if kind == "gap":
            return m.DateGap(first=first, comparison=_pick(draw, m.COMPARISONS),
                             duration=_gap(draw), second=second)
        return m.SameWindow(first=first, unit=_pick(draw, ("month", "year")), second=second)
    if kind in ("approved", "subscribed", "gap", "same") or not names[kind]:
        return m.PurposeApproved() if kind == "approved" else m.Subscribed()
    name = _pick(draw, names[kind])
    if kind == "tier":
        return m.TierIs(name=name)
    if kind == "labelled":
        return m.AppLabelled(label=name)
    if kind == "serves":
        return m.AppServes(recipient=name)
    if kind in ("fact", "standard"):
        return m.FactHolds(name=name)
    if kind == "attribute":
        return m.AttributeIs(party=names["parties"][name], name=name)
    if kind == "measure":
        return m.MeasureIs(party=names["parties"][name], name=name,
                           comparison=_pick(draw, m.COMPARISONS),
                           amount=_pick(draw, THRESHOLDS))
    return m.TermIs(subject=kind, name=name)


def _doings(terms) -> list[str]:
    """What a clause may say is done: the actions, and the acts."""
    return _named(terms, "action") + _named(terms, "act")


def _activity(draw, terms) -> m.Activity:
    approved = _flip(draw, 4)
    action = _pick(draw, _doings(terms))
    return m.Activity(
        action=action,
        data=None if action in _named(terms, "act") else
        _pick(draw, [None, *_named(terms, "data")]),
        purposes=() if approved else _some(draw, _named(terms, "purpose")),
        approved_purpose=approved,
        recipients=_some(draw, _named(terms, "recipient")))


def _deadline(draw, vocabulary, *, start=DEFAULT_START, end=DEFAULT_END,
              termination: bool = False) -> m.Deadline | None:
    """No deadline, or `within N hours/days after EVENT` (now and then in seconds, minutes,
    weeks, months, years or business days: :func:`_deadline_duration`), `within STANDARD after
    FACT` (a time left to judgement), `upon EVENT`, `every DURATION` (`after EVENT`), `before
    ACTION` (or an act), `before FACT` or `by DATE`; an event is a fact, the later or earlier
    of several, and (with ``termination``: for a clause that survives it) may be
    `termination`, counted from in days or longer."""
    terms = _vocabulary(vocabulary)[0]
    facts = _named(terms, "fact")
    shape = _int(draw, 0, 6)
    if shape == 1:
        event = _event(draw, facts, termination)
        # (termination is a day: counted from it in days, never in hours or less)
        return m.Within(duration=_deadline_duration(draw, m.TERMINATION in event.names),
                        event=event)
    if shape == 4 and _named(terms, "standard"):
        return m.WithinJudged(standard=_pick(draw, _named(terms, "standard")),
                              event=_pick(draw, facts))
    if shape == 5:
        return m.Upon(event=_event(draw, facts, termination))
    if shape == 6:
        event = _event(draw, facts, termination) if _flip(draw) else None
        if _flip(draw, 4):  # now and then in another unit than days or months
            duration = _deadline_duration(draw, event is not None
                                          and m.TERMINATION in event.names)
        else:
            duration = m.Duration(count=_int(draw, 1, 12), unit=_pick(draw, ("day", "month")))
        return m.Every(duration=duration, event=event)
    if shape == 2:
        return m.Before(event=_pick(draw, _doings(terms) + _named(terms, "fact")))
    if shape == 3:
        return m.By(date=_day(draw, start, end))
    return None


deadlines = _public(_deadline, "deadlines")

# The units a deadline's duration is written in, with the counts drawn for each: mostly hours
# and days; now and then seconds, minutes, weeks, months, years or business days.
DEADLINE_UNITS = {"hour": 48, "day": 48, "second": 90, "minute": 90, "week": 8, "month": 12,
                  "year": 3, m.BUSINESS_DAY: 20}
# (counted from termination, a day: never in hours or less, which the checker refuses)
WHOLE_DAYS = ("day", "week", "month", "year", m.BUSINESS_DAY)


def _deadline_duration(draw, whole_days: bool = False) -> m.Duration:
    """How long a deadline gives (`within N UNIT after`, `every N UNIT`): half the time in
    hours or days, else in any unit of the language; with ``whole_days``, in days or longer."""
    if _flip(draw):
        unit = _pick(draw, WHOLE_DAYS if whole_days else tuple(DEADLINE_UNITS))
    else:
        unit = "day" if whole_days else _pick(draw, ("hour", "day"))
    return m.Duration(count=_int(draw, 1, DEADLINE_UNITS[unit]), unit=unit)


def _clause(draw, vocabulary, *, ident: str = "C-1", kinds=KINDS, start=DEFAULT_START,
            end=DEFAULT_END, conditional: bool = True, survival: bool = True,
            redundant: bool = False) -> m.Clause:
    """One clause of one of ``kinds`` (permissions the most often) over a document's (or an
    agreement's) vocabulary, no cross-references, now and then with conditions: sometimes
    titled, with an effective window inside ``start``..``end`` (all its dates are), with
    ``survival`` now and then surviving termination, and (for permissions) a duty as
    proviso (now and then the licensor's); now and then the licensor's (its discretion, its
    duty, or a fee or late charge it pays). A limit counts per a
    scope as :func:`_scope` draws it (with ``redundant``, now and then `per app and
    project`)."""
    terms = _vocabulary(vocabulary)[0]
    # Permissions twice as often as each other kind: without them nearly every usage is
    # denied, and the other clauses never meet one.
    # The money clauses share one place: a fee, a late charge or a liability cap.
    money = tuple(k for k in kinds if k in MONEY_KINDS)
    kind = _pick(draw, tuple(k for k in kinds if k not in MONEY_KINDS) + ("money",) * bool(money)
                 + tuple(k for k in kinds if k == "permission"))
    if kind == "money":
        kind = _pick(draw, money)
    guards = {}
    if conditional:
        guards["when"] = _condition(draw, vocabulary, start=start, end=end) \
            if _flip(draw, 3) else None
        guards["unless"] = _condition(draw, vocabulary, start=start, end=end) \
            if _flip(draw, 4) else None
    if _flip(draw):
        guards.update(_validity(draw, start, end))
    if survival and _flip(draw, 4):
        guards["survives"] = _survival(draw, _named(terms, "fact"))
    guards["title"] = draw(TITLES) if _flip(draw) else None
    # Now and then a clause binds the licensor: its discretion, which decides no usage, or a
    # fee or a late charge it must pay, which no usage owes.
    if kind not in ("obligation", "cap") and _flip(draw, 8):
        guards["party"] = "licensor"
    if kind == "permission":
        # (now and then a proviso of the licensor's: a duty of its own, which binds no usage)
        provisos = tuple(m.Proviso(party="licensor" if _flip(draw, 8) else "licensee",
                                   duty=_pick(draw, _named(terms, "duty")),
                                   deadline=_deadline(draw, vocabulary, start=start, end=end))
                         for _ in range(_int(draw, 0, 1) + _flip(draw, 6)))
        return m.Permission(id=ident, activity=_activity(draw, terms), provisos=provisos,
                            **guards)
    if kind == "prohibition":
        return m.Prohibition(id=ident, activity=_activity(draw, terms), **guards)
    if kind == "limit":
        return m.Limit(id=ident, action=_pick(draw, _doings(terms)),
                       quantity=m.Quantity(amount=0 if _flip(draw, 8) else draw(_ALLOWED),
                                           unit=_pick(draw, ("records", "rows"))),
                       scope=_scope(draw, _declared(vocabulary), redundant),
                       **_limit_cap(draw), **guards,
                       endpoint=_pick(draw, _named(terms, "endpoint"))
                       if _named(terms, "endpoint") and _flip(draw, 3) else None)
    if kind == "fee":
        threshold = None
        if _flip(draw, 3):  # liquidated damages: on what lies beyond it, or on all past it
            threshold = m.Threshold(quantity=m.Quantity(amount=draw(_ALLOWED), unit=_pick(
                draw, ("records", "rows"))), window=_counting_window(draw), beyond=_flip(draw))
        return m.Fee(id=ident, price=m.Quantity(amount=draw(_PRICES), unit="USD"),
                     per=m.Quantity(amount=_pick(draw, (1, 1000, 3)), unit=_pick(
                         draw, ("records", "rows"))), threshold=threshold, **guards)
    if kind == "charge":
        return m.LateCharge(id=ident, percent=_pick(draw, (1, Decimal("1.5"), 2, 10)),
                            period=_pick(draw, m.CHARGE_PERIODS), part=_flip(draw), **guards)
    if kind == "cap":
        return m.LiabilityCap(id=ident, cap=_cap(draw), party="licensee" if _flip(draw, 4)
                              else "licensor", **guards)
    # Mostly the licensee's duties; now and then one of the licensor's, which binds no usage.
    return m.Obligation(id=ident, party="licensor" if _flip(draw, 4) else "licensee",
                        duty=_pick(draw, _named(terms, "duty")),
                        deadline=_deadline(draw, vocabulary, start=start, end=end,
                                           termination="survives" in guards), **guards)


clauses = _public(_clause, "clauses")


def _limit_cap(draw) -> dict:
    """What a limit caps, as its fields: mostly an amount per window; now and then the
    amount in total, per request, or at once."""
    shape = _pick(draw, ("window", "window", "window", "total", "each", "concurrent"))
    if shape == "window":
        return {"window": _counting_window(draw)}
    if shape == "each":
        return {"per": _pick(draw, ("request", "requests"))}
    return {"concurrent": shape == "concurrent"}


def _cap(draw, depth: int = 0) -> m.Cap:
    """An amount a liability is capped at: an amount of money, the amount paid in a time
    before the claim, or the greater or the lesser of two or three of these."""
    shape = _int(draw, 0, 2 if depth == 0 else 1)
    if shape == 0:
        return m.Quantity(amount=draw(PRICES), unit="USD")
    if shape == 1:
        return m.AmountPaid(duration=_duration(draw))
    return m.Extreme(greater=_flip(draw), operands=tuple(
        _cap(draw, depth + 1) for _ in range(_int(draw, 2, 3))))


def _link(draw, made: list[m.Clause]) -> list[m.Clause]:
    """Prohibitions and limits sometimes `except as permitted by` permissions of the same
    version, and permissions sometimes `notwithstanding` its prohibitions and limits."""
    permission_ids = [c.id for c in made if isinstance(c, m.Permission)]
    restriction_ids = [c.id for c in made if isinstance(c, (m.Prohibition, m.Limit))]
    if not (permission_ids and restriction_ids):
        return made
    linked = []
    for clause in made:
        if isinstance(clause, (m.Prohibition, m.Limit)) and _flip(draw):
            clause = _evolve(clause, exceptions=_some(draw, permission_ids, min_size=1))
        elif isinstance(clause, m.Permission) and _flip(draw, 4):
            clause = _evolve(clause, notwithstanding=_some(draw, restriction_ids, min_size=1))
        linked.append(clause)
    return linked


def _unlinked(clause: m.Clause) -> m.Clause:
    if isinstance(clause, m.Permission):
        return _evolve(clause, notwithstanding=())
    if isinstance(clause, (m.Prohibition, m.Limit)):
        return _evolve(clause, exceptions=())
    return clause


# ---- the timeline of an agreement -----------------------------------------------------------


def _timeline(draw, count: int, start: _dt.date, end: _dt.date):
    """Effective and termination dates of ``count`` versions between ``start`` and ``end``:
    each version after the one before; a version before the last now and then terminating,
    the day before the next or leaving a gap; the last now and then terminating."""
    first = start if not _flip(draw, 4) else _day(draw, start, start + 60 * DAY)
    effective = [first]
    for _ in range(count - 1):
        day = _day(draw, first + DAY, end - 30 * DAY)
        while day in effective:  # two versions never take effect on the same day
            day += DAY
        effective.append(day)
    effective.sort()
    terminates = []
    for i, day in enumerate(effective):
        last_day = effective[i + 1] - DAY if i + 1 < count else end
        choice = _int(draw, 0, 5 if i + 1 < count else 2)
        if choice == 1:
            terminates.append(_day(draw, day, last_day))
        elif choice == 2 and i + 1 < count:
            terminates.append(last_day)
        else:
            terminates.append(None)
    return effective, terminates


def _grow(draw, document: m.Document, start: _dt.date, end: _dt.date) -> m.Document:
    """The vocabulary of a later version: now and then some new terms (under old ones or
    new ones) and a new tier; never fewer."""
    if not _flip(draw, 3):
        return document
    terms = list(document.terms)
    for cls, prefix, root in ((m.Action, "act", "use"), (m.DataKind, "data", "content"),
                              (m.Purpose, "purpose", None), (m.Recipient, "recipient", None)):
        existing = [t for t in terms if t.kind == cls.kind]
        new = _hierarchy(draw, cls, prefix, min_size=0, max_size=1, root=root,
                         existing=existing, first=len(existing))
        at = max(i for i, t in enumerate(terms) if t.kind == cls.kind) + 1
        terms[at:at] = new
    document = _evolve(document, terms=tuple(terms))
    if _flip(draw, 3):
        extra = _tiers(draw, document, start=start, end=end,
                       names=[f"tier_{len(document.tiers) + 3}"])
        document = _evolve(document, tiers=document.tiers + extra)
    return document


POLICY = "Generated Policy"  # the title of a document the generated versions incorporate
RULES = "Generated Rules"  # and of a second one, which they now and then incorporate too
INCORPORATED = (POLICY, RULES)


def _policy(draw, versions: list[m.Document], *, start=DEFAULT_START, end=DEFAULT_END,
            conditioned: bool = False, title: str = POLICY, first: int = 1,
            besides=()) -> tuple[m.Document, m.Incorporation]:
    """A document each version incorporates, with the clause that does: clauses of its own
    over the first version's vocabulary, and clauses made to conflict with the first
    version's (a permission of what a prohibition forbids, a limit on the same thing of
    another amount), which later versions may carry over;
    the versions or the document prevail, and with ``conditioned`` now and then the document
    prevails only while a standard is found met. Its clauses are numbered from ``first``
    (`P-1`, ...); with ``besides``, the clauses of another document the versions incorporate,
    none of its clauses may conflict with one of those (two documents incorporated by one text
    have no order, and the checker refuses a conflict between them)."""
    vocabulary = _evolve(versions[0], apps=())
    made = [_clause(draw, vocabulary, ident=f"P-{first + i}", kinds=("permission",
                                                                     "prohibition", "limit"),
                    start=start, end=end, survival=False) for i in range(_int(draw, 0, 2))]
    for clause in versions[0].clauses:  # (its names are every later version's too)
        if clause.party != "licensee" or not _flip(draw):
            continue
        ident = f"P-{first + len(made)}"
        if isinstance(clause, m.Prohibition):
            made.append(m.Permission(id=ident, activity=clause.activity, when=clause.when,
                                     unless=clause.unless))
        elif isinstance(clause, m.Limit):
            made.append(m.Limit(id=ident, action=clause.action, quantity=m.Quantity(
                amount=clause.quantity.amount * 2 + 1, unit=clause.quantity.unit),
                window=clause.window, per=clause.per, concurrent=clause.concurrent,
                scope=clause.scope, endpoint=clause.endpoint, when=clause.when,
                unless=clause.unless))
    made = [c for c in made
            if not any(_may_conflict(vocabulary.terms, c, other) for other in besides)]
    standards = _named(vocabulary.terms, "standard")
    when = m.FactHolds(name=_pick(draw, standards)) if conditioned and standards and \
        _flip(draw) else None
    incorporation = m.Incorporation(
        id="INC" if title == POLICY else "INC-2", documents=(title,), when=when,
        prevailing=_pick(draw, m.PRECEDENCES))
    policy = m.Document(kind="agreement", title=title, version="1", clauses=tuple(made))
    return policy, incorporation


def _under(terms, name: str, ancestor: str) -> bool:
    """Whether the term ``name`` is ``ancestor`` or falls under it."""
    parents = {t.name: t.parent for t in terms}
    seen = set()
    while name is not None and name not in seen:
        if name == ancestor:
            return True
        seen.add(name)
        name = parents.get(name)
    return False


def _may_conflict(terms, one: m.Clause, other: m.Clause) -> bool:
    """Whether two clauses of documents read together might conflict (docs/language.md:
    a permission and a prohibition of one party over related actions, two limits of one party
    on one action of different amounts), whatever else they say: more often than they do."""
    if one.party != other.party:
        return False
    if isinstance(one, m.Limit) and isinstance(other, m.Limit):
        return one.action == other.action and one.quantity.amount != other.quantity.amount
    kinds = {type(one), type(other)}
    if kinds == {m.Permission, m.Prohibition}:
        a, b = one.activity.action, other.activity.action
        return _under(terms, a, b) or _under(terms, b, a)
    return False


def _incorporating(draw, documents: list[m.Document], *, start=DEFAULT_START,
                   end=DEFAULT_END, conditioned: bool = False) -> list[m.Document]:
    """The versions incorporating one document (`Generated Policy`) or, now and then, two
    (and `Generated Rules`), each with its precedence over the versions: named in one clause
    (one precedence for both: `incorporates "Generated Policy" and "Generated Rules" ...`) or
    in a clause each; and the documents after them. The second's clauses never conflict with
    the first's."""
    policy, incorporation = _policy(draw, documents, start=start, end=end,
                                    conditioned=conditioned)
    incorporated, incorporations = [policy], [incorporation]
    if _flip(draw, 3):
        rules, second = _policy(draw, documents, start=start, end=end, conditioned=conditioned,
                                title=RULES, first=len(policy.clauses) + 1,
                                besides=policy.clauses)
        incorporated.append(rules)
        if _flip(draw):
            incorporations.append(second)
        else:
            incorporations = [_evolve(incorporation, documents=(POLICY, RULES))]
    return [_evolve(d, clauses=d.clauses + tuple(incorporations)) for d in documents] + \
        incorporated


def _scheduled(draw, vocabulary: m.Document, number: int, *, kinds=KINDS, start=DEFAULT_START,
               end=DEFAULT_END, survival: bool = True, exceptions: bool = True,
               redundant: bool = False) -> tuple[m.Clause, ...]:
    """Now and then a clause or two of a schedule's own (`S1-1`, ...), over the first
    version's vocabulary (every version's): they bind the schedule's licensee, the usages of
    its apps alone."""
    if not _flip(draw, 3):
        return ()
    made = [_clause(draw, vocabulary, ident=f"S{number}-{j + 1}", kinds=kinds, start=start,
                    end=end, survival=survival, redundant=redundant)
            for j in range(_int(draw, 1, 2))]
    return tuple(_link(draw, made) if exceptions else made)


def _agreement(draw, *, min_clauses: int = 0, max_clauses: int = 6, kinds=KINDS,
               start=DEFAULT_START, end=DEFAULT_END, exceptions: bool = True,
               min_versions: int = 1, max_versions: int = 3, schedules: bool = True,
               survival: bool = True, standards: bool = True, fees: bool = True,
               attributes: bool = True, events: bool = False, incorporated: bool = False,
               conditioned: bool = False, redundant: bool = False,
               schedule_clauses: bool = True) -> m.Agreement:
    """An agreement that checks clean (but, with ``redundant``, for the warnings that a limit
    counts `per app and project`, per app alone): ``min_versions`` to ``max_versions`` versions of one
    agreement (same title, later `effective` dates, `terminates` now and then, vocabularies
    that grow), each with ``min_clauses`` to ``max_clauses`` clauses (some carried over from
    the version before, with the same id), the apps in the versions' texts or (with
    ``schedules``) in one or two schedules, which (with ``schedule_clauses``) now and then hold
    a clause or two of their own over what every version defines; with ``exceptions``,
    prohibitions and limits sometimes `except as permitted by` permissions of their version
    (or schedule) and permissions `notwithstanding` its prohibitions and limits; with
    ``survival``, clauses sometimes
    `survives DURATION`; with ``standards``, two standards that conditions may read; with
    ``attributes``, an attribute and a measure of the licensee and of the users, which a
    schedule now and then states of its licensee; with ``events``, schedules (always, then)
    that date some facts and now and then end the agreement for their licensee (`terminates`);
    without ``fees``, no money clause (fee, late charge, liability cap) among ``kinds``; with
    ``incorporated``, a document every version incorporates and now and then a second one
    (see :func:`_incorporating`), some of their clauses in conflict with the versions' and the
    precedence declared (with ``conditioned``, now and then under a standard). Now and then
    the versions declare a scope holding apps (`scope project "..." holding apps.`) and limits
    and allowances count per it (see :func:`_scope`)."""
    if not fees:
        kinds = tuple(k for k in kinds if k not in MONEY_KINDS)
    header = _vocabularies(draw, start=start, end=end, standards=standards,
                           attributes=attributes)
    count = _int(draw, min_versions, max_versions)
    effective, terminates = _timeline(draw, count, start, end)
    in_schedules = schedules and (events or _flip(draw))
    app_list = header.apps
    documents, previous, vocabulary = [], [], _evolve(header, apps=())
    for i in range(count):
        if i:
            vocabulary = _grow(draw, vocabulary, start, end)
        last_day = terminates[i] or (effective[i + 1] - DAY if i + 1 < count else end)
        scope = _evolve(vocabulary, apps=app_list)  # what this version's clauses may name
        if not i:
            first_scope = scope  # what every version defines: a schedule's clauses name it
        size = _int(draw, min_clauses, max_clauses)
        # Clauses carried over keep their id; half of them get a window in this version.
        kept = [c if _flip(draw) else _evolve(c, **{
                    "valid_from": None, "valid_until": None,
                    **_validity(draw, effective[i], last_day)})
                for c in map(_unlinked, previous) if _flip(draw)][:size]
        number = max((int(c.id[2:]) for c in previous), default=0)
        made = kept + [_clause(draw, scope, ident=f"C-{number + j + 1}", kinds=kinds,
                               start=effective[i], end=last_day, survival=survival,
                               redundant=redundant)
                       for j in range(size - len(kept))]
        if exceptions:
            made = _link(draw, made)
        documents.append(_evolve(vocabulary, version=str(i + 1), effective=effective[i],
                                 terminates=terminates[i], clauses=tuple(made),
                                 apps=() if in_schedules else app_list))
        previous = made
    if incorporated:
        documents = _incorporating(draw, documents, start=start, end=end,
                                   conditioned=conditioned)
    if in_schedules:
        split = _int(draw, 1, len(app_list))
        for n, part in enumerate((app_list[:split], app_list[split:])):
            if part:
                documents.append(m.Document(
                    kind="schedule", title=f"Apps {n + 1}", schedule_for=TITLE,
                    parties=(m.Party(role="licensee", name="Dev"),), apps=part,
                    values=_stated(draw, header.terms),
                    clauses=_scheduled(draw, first_scope, n + 1, kinds=kinds, start=start,
                                       end=end, survival=survival, exceptions=exceptions,
                                       redundant=redundant) if schedule_clauses else (),
                    **(_happened(draw, header.terms, start, end) if events else {})))
    return m.Agreement(documents=tuple(documents))


agreements = _public(_agreement, "agreements")


# ---- what is in force when ------------------------------------------------------------------


def _spans(agreement: m.Agreement) -> list[tuple[m.Document, _dt.date, _dt.date | None]]:
    """Each version with its first and last day in force (None: no end), oldest first: its
    `effective` date, and its `terminates` date or the day before the next version takes
    effect. Worked out here from the texts, as docs/semantics.md says, rather than by the
    model, so that laws about the timeline do not lean on the code they check."""
    texts = sorted((d for d in agreement.documents if d.kind == "agreement"
                    and d.title not in INCORPORATED), key=lambda d: d.effective)
    return [(v, v.effective, v.terminates or (texts[i + 1].effective - DAY
                                              if i + 1 < len(texts) else None))
            for i, v in enumerate(texts)]


def change_dates(agreement: m.Agreement) -> list[_dt.date]:
    """The dates on which what is in force may change: each version's first day and the day
    after its last, each clause's and tier's `from` and the day after its `until`, the dates of
    `date is` conditions, and the day after a surviving clause's survival runs out (a clause
    of a schedule, read with every version, as a version's own)."""
    found: set[_dt.date] = set()
    scheduled = tuple(c for s in agreement.schedules for c in s.clauses)
    for version, first, last in _spans(agreement):
        found.update(d for d in (first, last and last + DAY) if d)
        for item in (*version.clauses, *scheduled, *version.tiers):
            found.update(d for d in (item.valid_from, item.valid_until and item.valid_until + DAY)
                         if d)
        for clause in (*version.clauses, *scheduled):
            for condition in (clause.when, clause.unless):
                found.update(c.date for c in (condition.walk() if condition else ())
                             if isinstance(c, (m.DateBefore, m.DateFrom)))
            if clause.survives and version.terminates:
                last = survival_end(clause, version)
                if last is not None and last < _dt.date.max:
                    found.add(last + DAY)
    return sorted(found)


def survival_end(clause: m.Clause, version: m.Document, dates=None) -> _dt.date | None:
    """The last day a surviving clause of a terminated version stays in force: its duration
    after the version's termination, or after the event it names (``dates``: the day of each
    fact a usage states, None for one stated without a day); None when it has no end (it
    says none, or counts from an event that has not happened, or whose day is not known)."""
    survival = clause.survives
    if survival.duration is None:
        return None
    start = version.terminates
    if survival.event is not None:
        days = {**(dates or {}), m.TERMINATION: version.terminates}
        found = [days[name] for name in survival.event.names if name in days]
        if None in found or not found or (survival.event.pick in (None, "later")
                                         and len(found) < len(survival.event.names)):
            return None
        start = max(found) if survival.event.pick != "earlier" else min(found)
    try:
        moment = _dt.datetime.combine(start, _dt.time())
        return survival.duration.after(moment).date()
    except OverflowError:
        return _dt.date.max


def consulted(agreement: m.Agreement, day: _dt.date) -> m.Document | None:
    """The version that judges a usage on ``day``: the one in force, else (after a version
    terminates and before any next one) the terminated one, for its surviving clauses."""
    found = None
    for version, first, last in _spans(agreement):
        if first <= day and (last is None or day <= last):
            return version
        if version.terminates and version.terminates < day:
            found = version
    return found


def in_force_throughout(agreement: m.Agreement, start: _dt.date, end: _dt.date) -> bool:
    """Whether some version of the agreement is in force on every day from start to end."""
    day = start
    for _, first, last in _spans(agreement):
        if last is not None and last < day:
            continue
        if first > day:
            return False
        if last is None or last >= end:
            return True
        day = last + DAY
    return False


# ---- usages ---------------------------------------------------------------------------------


def _period(draw, agreement: m.Agreement, start: _dt.date, latest: _dt.date, end: _dt.date,
            min_days: int):
    """A first and last day: the first from ``start`` to ``latest``, half the time shortly
    before a date where what is in force changes; a single day (when ``min_days`` is 1) or up
    to 120 days, to ``end`` (past it only when ``start`` leaves fewer than ``min_days``)."""
    latest = max(start, min(latest, end - (min_days - 1) * DAY))
    near = [d for d in change_dates(agreement) if start <= d <= latest]
    if near and _flip(draw):
        first = max(start, _pick(draw, near) - _int(draw, 0, 20) * DAY)
    else:
        first = _day(draw, start, latest)
    if min_days == 1 and (_flip(draw) or first == end):
        return first, first
    shortest = first + (min_days - 1) * DAY
    return first, max(shortest, min(end, first + _int(draw, max(1, min_days - 1), 120) * DAY))


def _volumes(draw, agreement: m.Agreement, first: _dt.date, last: _dt.date,
             moments=(None, None)) -> tuple[Volume, ...]:
    """Rates and totals in the counted unit or its alias, amounts whole or fractional (half
    the time a whole number of some limit's amount, give or take one: near the boundaries); a
    total over the usage's period (with its dates or without), or over a longer one; now and
    then the most per request, or at once; now and then money spent (in `USD`: more often
    where a tier's allowance caps it, and then near that allowance). ``moments``: the usage's
    first and last instants, where it states them, which a total over its period states too."""
    limits = [q.amount for v in agreement.versions for q in (
        *(c.quantity for c in v.clauses if isinstance(c, m.Limit)),
        *(a.quantity for t in v.tiers for a in t.allowances))]
    spending = [q.amount for v in agreement.versions for t in v.tiers for a in t.allowances
                for q in (a.quantity,) if q.unit == "USD"]
    volumes = []
    for _ in range(_int(draw, 0, 2)):
        unit, near = _pick(draw, ("records", "records", "rows")), limits
        if _flip(draw, 3 if spending else 12):  # what the usage spent
            unit, near = "USD", spending
        if near and _flip(draw):
            amount = max(0, _pick(draw, near) * _int(draw, 0, 40) + _int(draw, -1, 1))
        else:
            amount = draw(AMOUNTS)
        shapes = ("rate", "rate", "total", "bare", "longer")
        shape = _pick(draw, shapes if unit == "USD" else (*shapes, "each", "concurrent"))
        if shape == "rate":
            volumes.append(Volume(amount=amount, unit=unit, per=_counting_window(draw)))
        elif shape == "each":
            volumes.append(Volume(amount=amount, unit=unit,
                                  each=_pick(draw, ("request", "requests"))))
        elif shape == "concurrent":
            volumes.append(Volume(amount=amount, unit=unit, concurrent=True))
        elif shape == "total":
            volumes.append(Volume(amount=amount, unit=unit, start=first, end=last,
                                  start_time=moments[0], end_time=moments[1]))
        elif shape == "bare":
            volumes.append(Volume(amount=amount, unit=unit))
        else:
            volumes.append(Volume(amount=amount, unit=unit,
                                  start=first - _int(draw, 0, 40) * DAY,
                                  end=last + _int(draw, 0, 40) * DAY))
    return tuple(volumes)


def _of(terms, party: str, left_out=()) -> list:
    """The attributes and measures of a party, but those named in ``left_out``."""
    return [t for t in terms if isinstance(t, m.Attribute) and t.party == party
            and t.name not in left_out]


def _stated(draw, terms) -> tuple[m.AttributeValue, ...]:
    """What a schedule states of some of its licensee's attributes and measures."""
    return tuple(m.AttributeValue(name=t.name, value=_flip(draw) if t.kind == "attribute"
                                  else _pick(draw, THRESHOLDS))
                 for t in _some(draw, _of(terms, "licensee"), max_size=2))


def _happened(draw, terms, start: _dt.date, end: _dt.date) -> dict:
    """What a schedule states happened to its licensee: the dates of some facts, and now and
    then the last day of its agreement (`terminates`), as the fields of the schedule."""
    dated = tuple(m.DatedFact(name=name, date=_day(draw, start, end))
                  for name in _some(draw, _named(terms, "fact"), max_size=2))
    return {"dated": dated,
            "terminates": _day(draw, start, end) if _flip(draw, 3) else None}


def _values(draw, named) -> tuple:
    """A usage's values of some of these attributes (yes or no) and measures (near the
    thresholds)."""
    return tuple((t.name, _flip(draw) if t.kind == "attribute" else draw(MEASURED))
                 for t in _some(draw, named, max_size=2))


def _payments(draw, first: _dt.date, last: _dt.date) -> tuple[Payment, ...]:
    """Up to three amounts the licensee owed or paid: due around the usage's period and paid
    before, on or after the day due, or not at all; or paid with no day due."""
    made = []
    for _ in range(_int(draw, 1, 3)):
        due = None if _flip(draw, 4) else _day(draw, first - 400 * DAY, last)
        paid = None if due is not None and _flip(draw, 3) else _day(
            draw, (due or first) - 20 * DAY, last + 20 * DAY)
        made.append(Payment(amount=_pick(draw, (0, 1, 99, 2000)) + Fraction(
            _int(draw, 0, 99), 100), unit="USD", due=due, paid=paid))
    return tuple(made)


def _when(draw, start: _dt.date, end: _dt.date) -> _dt.date | _dt.datetime:
    """A day from ``start`` to ``end``, now and then an instant in it (UTC): to the hour, the
    minute or the second."""
    day = _day(draw, start, end)
    if not _flip(draw, 4):
        return day
    return _dt.datetime.combine(day, _dt.time(_int(draw, 0, 23), _pick(draw, (0, 0, 30, 59)),
                                              _pick(draw, (0, 0, 0, 1))), _dt.timezone.utc)


def _mostly(draw, names, one_in: int):
    """One of the names; once in ``one_in`` draws none (the usage does not say)."""
    return None if _flip(draw, one_in) else _pick(draw, names)


def _instants(draw, first: _dt.date, last: _dt.date) -> tuple[_dt.datetime, _dt.datetime]:
    """A first and a last instant (UTC) on these days, the last not before the first: on one
    day now and then the same instant."""
    def instant(day, low=_dt.time()):
        return max(_dt.datetime.combine(day, low, _dt.timezone.utc),
                   _dt.datetime.combine(day, _dt.time(_int(draw, 0, 23), _pick(
                       draw, (0, 15, 59))), _dt.timezone.utc))
    start = instant(first)
    return start, start if first == last and _flip(draw, 3) else instant(
        last, start.time() if first == last else _dt.time())


def _usage(draw, agreement: m.Agreement, *, start=DEFAULT_START, end=DEFAULT_END,
           volumes: bool = True, min_days: int = 1, endings: bool = False,
           instants: bool = False, aim=None) -> Usage:
    """A usage (see :func:`usages`); with ``aim``, a (version, clause), aimed at that clause."""
    lo, latest = start, end
    if aim is not None:
        # Dated from the aimed clause's version on (so its names exist), inside its window.
        version, clause = aim
        version_last = next(last for v, _, last in _spans(agreement) if v is version) or end
        lo = max(start, version.effective, clause.valid_from or start)
        latest = max(lo, min(end, version_last, clause.valid_until or end))
    first, last = _period(draw, agreement, lo, min(latest, end), end, min_days)
    moments = _instants(draw, first, last) if instants and _flip(draw, 3) else (None, None)
    terms = (consulted(agreement, first) or agreement.versions[0]).terms
    tier_names = [t.name for t in (consulted(agreement, first) or agreement.versions[0]).tiers]
    # With ``endings``, now and then the agreement ended early for the licensee, often inside
    # the period; before it only while the same text is in force (a later text may define
    # names an earlier one does not).
    early = first - 30 * DAY
    if consulted(agreement, early) is not consulted(agreement, first):
        early = first
    terminated = _day(draw, early, last + 30 * DAY) if endings and _flip(draw, 4) else None
    # A tier is named only on days some version is in force: after a termination the
    # evaluator cannot yet judge a tier's allowances (a tier has no `survives`).
    if not in_force_throughout(agreement, first, last) or (
            terminated is not None and terminated < last):
        tier_names = []
    facts = _some(draw, _named(terms, "fact"), max_size=3)
    found = _some(draw, _named(terms, "standard"), max_size=2)
    # A fact may carry the date it became true (a request, a notice), up to the usage's end.
    # now and then an act of the licensee (registering an app, answering a request): a
    # usage that uses no content
    act = _pick(draw, _named(terms, "act")) if _named(terms, "act") and _flip(draw, 6) \
        else None
    usage = Usage(
        app=_mostly(draw, [a.name for a in _apps(agreement)], 10),
        action=None if act else _mostly(draw, _named(terms, "action"), 5),
        act=act,
        data=None if act else _mostly(draw, _named(terms, "data"), 5),
        purpose=_mostly(draw, _named(terms, "purpose"), 10),
        recipients=_some(draw, _named(terms, "recipient"), max_size=3),
        endpoint=_pick(draw, [None, *_named(terms, "endpoint")]),
        start=moments[0] or first, end=moments[1] or last,
        tier=_pick(draw, [None, *tier_names]),
        volume=_volumes(draw, agreement, first, last, moments) if volumes else (),
        facts=tuple((fact, _when(draw, first - 60 * DAY, last) if _flip(draw) else None)
                    for fact in facts),
        findings=tuple((standard, _flip(draw)) for standard in found),
        # now and then the licensee refuses a duty (an audit)
        refuses=_some(draw, _named(terms, "duty"), max_size=1) if _flip(draw, 6) else (),
        # what the usage states of the licensee (what no file states), and of its users, in
        # one group or two
        licensee=_values(draw, _of(terms, "licensee", {
            v.name for d in agreement.documents for v in d.values})),
        users=tuple(_values(draw, _of(terms, "user")) for _ in range(_int(draw, 0, 2))),
        terminated=terminated,
        # now and then what the licensee owed and paid, and a claim against a party
        payments=_payments(draw, first, last) if _flip(draw, 3) else (),
        claim=Claim(amount=_int(draw, 0, 60_000), unit="USD", date=_day(draw, first, last),
                    against="licensee" if _flip(draw, 4) else "licensor")
        if _flip(draw, 3) else None)
    if aim is None:
        return usage
    activity = aim[1].activity
    if activity.action in _named(terms, "act"):
        changes = {"act": activity.action, "action": None, "data": None}
    else:
        changes = {"action": activity.action, "act": None}
    if activity.data is not None:
        changes["data"] = activity.data
    if activity.purposes:
        changes["purpose"] = _pick(draw, activity.purposes)
    # aimed at a schedule's clause: by one of that schedule's apps, which it binds alone
    own = next((s.apps for s in agreement.schedules if any(c is aim[1] for c in s.clauses)), ())
    if own and usage.app not in {a.name for a in own}:
        changes["app"] = _pick(draw, [a.name for a in own])
    approved = next((a.approved for a in _apps(agreement)
                     if a.name == changes.get("app", usage.app)), ())
    if activity.approved_purpose and approved:
        changes["purpose"] = _pick(draw, approved)
    if activity.recipients:
        changes["recipients"] = _some(draw, activity.recipients, min_size=1)
    return _evolve(usage, **changes)


def _aimed_usage(draw, agreement: m.Agreement, target: str | None = None, *,
                 start=DEFAULT_START, end=DEFAULT_END, volumes: bool = True,
                 min_days: int = 1, endings: bool = False, instants: bool = False) -> Usage:
    """A usage of the agreement; half the time (always, given a ``target`` clause id) aimed at
    one of its permissions or prohibitions: its terms chosen inside that clause's activity,
    dated while its version is in force or later and inside its window, so that clauses
    apply, and meet each other, far more often than with terms drawn blindly. ``start``,
    ``end``, ``min_days``, ``endings`` and ``instants`` as for :func:`usages`."""
    # Clauses of versions in force by ``end``, whose window starts by then.
    # (a schedule's clause binds with every version: aimed at, it is paired with one)
    scheduled = [c for s in agreement.schedules for c in s.clauses]
    targets = [(v, c) for v in agreement.versions for c in (*v.clauses, *scheduled)
               if isinstance(c, (m.Permission, m.Prohibition)) and target in (None, c.id)
               and v.effective <= end and (c.valid_from or end) <= end]
    aim = None
    if targets and (target is not None or _flip(draw)):
        aim = _pick(draw, targets)
    return _usage(draw, agreement, start=start, end=end, volumes=volumes, min_days=min_days,
                  endings=endings, instants=instants, aim=aim)


def usages(agreement: m.Agreement, *, start=DEFAULT_START, end=DEFAULT_END,
           volumes: bool = True, min_days: int = 1, endings: bool = False,
           instants: bool = False):
    """A usage that names only what the agreement defines on its dates: an app of its texts or
    schedules (now and then none), terms (now and then no action, data or purpose: the
    defaults), a tier; on a day or over a period, half the time starting shortly before a
    date where what is in force changes (a new version, a termination, a clause's or tier's
    window, a survival running out), so that periods straddle them; rates and totals in the
    counted unit or its alias, and money spent; facts, some dated (now and then at an
    instant); several recipients. Every day of it falls from ``start`` to ``end``; with
    ``min_days`` above 1, only periods of at least that many days; with ``endings``, now and
    then the agreement ended early for the licensee (``terminated``); with ``instants``, now
    and then it starts and ends at instants (UTC date-times), which its totals over its period
    state too (``start`` and ``end`` are then date-times: use ``first_day`` and ``last_day``
    for its days)."""
    return _public(_usage, "usages")(agreement, start=start, end=end, volumes=volumes,
                                     min_days=min_days, endings=endings, instants=instants)


aimed_usages = _public(_aimed_usage, "aimed_usages")


@st.composite
def agreements_with_usages(draw, **options):
    """An agreement and a usage of it, as a pair."""
    agreement = _agreement(draw, **options)
    return agreement, _usage(draw, agreement)
