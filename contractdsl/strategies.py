"""Hypothesis strategies: generated agreements and usages, for property tests of agreements.

Everything generated here checks clean with :func:`contractdsl.check`, prints with the
formatter and parses back to an equal agreement. Install with ``pip install
"contractdsl[testing]"``; importing ``contractdsl`` itself never imports Hypothesis.

    from hypothesis import given
    from contractdsl import permits
    from contractdsl.strategies import agreements_with_usages

    @given(agreements_with_usages())
    def test_nothing_is_permitted_to_an_intelligence_agency(case):
        agreement, usage = case
        ...
"""

from __future__ import annotations

import datetime as _dt
import functools

from hypothesis import strategies as st

from . import model as m
from .usage import Usage, Volume

KINDS = ("permission", "prohibition", "limit", "obligation")
DEFAULT_START = _dt.date(2024, 1, 1)
DEFAULT_END = _dt.date(2025, 12, 31)
FIXED_UNITS = ("minute", "hour", "day", "week")


def _names(prefix: str, count: int) -> list[str]:
    return [f"{prefix}_{i}" for i in range(count)]


@st.composite
def _hierarchy(draw, cls, prefix: str, *, min_size: int, max_size: int, root: str | None = None):
    """Terms of one kind, each under an earlier one (or a root), so no hierarchy loops."""
    size = draw(st.integers(min_size, max_size))
    terms = []
    if root is not None:
        terms.append(cls(name=root, description=f"{root} (everything)"))
    for name in _names(prefix, size):
        parents = [t.name for t in terms]
        parent = draw(st.sampled_from([None, *parents])) if parents else None
        if root is not None and parent is None:
            parent = root
        terms.append(cls(name=name, description=f"the {prefix} called {name}", parent=parent))
    return terms


@st.composite
def vocabularies(draw, *, max_terms: int = 5) -> m.Document:
    """An agreement header with vocabularies (hierarchies of purposes, recipients, data and
    actions), facts, duties, a unit, apps with approvals, and tiers; no clauses yet."""
    actions = draw(_hierarchy(m.Action, "act", min_size=1, max_size=max_terms, root="use"))
    data = draw(_hierarchy(m.DataKind, "data", min_size=0, max_size=max_terms, root="content"))
    purposes = draw(_hierarchy(m.Purpose, "purpose", min_size=1, max_size=max_terms))
    recipients = draw(_hierarchy(m.Recipient, "recipient", min_size=1, max_size=max_terms))
    facts = [m.Fact(name=n, description=f"fact {n} holds") for n in _names("fact", 3)]
    duties = [m.Duty(name=f"duty_{i}", description=f"perform duty {i}", shown_by=f"fact_{i}")
              for i in range(2)]
    purpose_names = [p.name for p in purposes]
    apps = [m.App(name=name, title=name.replace("_", " ").title(),
                  approved=tuple(draw(st.lists(st.sampled_from(purpose_names), max_size=2,
                                               unique=True))),
                  labels=tuple(draw(st.lists(st.sampled_from(["production", "staging"]),
                                             max_size=1))))
            for name in _names("app", draw(st.integers(1, 3)))]
    window = m.Window(count=1, unit="month", calendar=True)
    tiers = [m.Tier(name=f"tier_{i}", title=f"Tier {i}",
                    price=m.Price(quantity=m.Quantity(amount=100 * i, unit="USD"), window=window))
             for i in range(2)]
    return m.Document(
        kind="agreement", title="Generated Agreement", version="1",
        parties=(m.Party(role="licensor", name="Provider"), m.Party(role="licensee", name="Dev")),
        effective=DEFAULT_START,
        terms=tuple(actions + data + purposes + recipients + facts + duties),
        units=(m.Unit(name="records", description="records", aliases=("rows",)),
               m.Unit(name="USD", description="US dollars", dimension="money")),
        apps=tuple(apps), tiers=tuple(tiers))


def _of(document: m.Document, kind: str) -> list[str]:
    return _named(document.terms, kind)


def _named(terms, kind: str) -> list[str]:
    return [t.name for t in terms if t.kind == kind]


@functools.lru_cache(maxsize=64)
def quantities(*, unit: str = "records", max_amount: int = 10**9):
    """Quantities of a counted unit."""
    return st.builds(m.Quantity, amount=st.integers(0, max_amount), unit=st.just(unit))


@functools.lru_cache(maxsize=1)
def windows():
    """Fixed windows (`15 minutes`, `day`, ...) and calendar windows."""
    return st.one_of(
        st.builds(m.Window, count=st.integers(1, 60), unit=st.sampled_from(FIXED_UNITS)),
        st.builds(m.Window, count=st.just(1), unit=st.sampled_from(("month", "year")),
                  calendar=st.just(True)))


TITLES = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{2,9}){0,3}", fullmatch=True)


def dates(*, start: _dt.date = DEFAULT_START, end: _dt.date = DEFAULT_END):
    return st.dates(min_value=start, max_value=end)


def conditions(document: m.Document, *, max_depth: int = 2, start=DEFAULT_START,
               end=DEFAULT_END):
    """Conditions over the document's vocabulary, combined with not, and, or."""
    return _conditions(tuple(document.terms), tuple(a.name for a in document.apps),
                       tuple(t.name for t in document.tiers), max_depth, start, end)


@functools.lru_cache(maxsize=256)
def _conditions(terms: tuple, apps: tuple, tiers: tuple, max_depth: int, start, end):
    # Built once per vocabulary: a recursive strategy is costly to build and check.
    atoms = st.one_of(
        st.builds(m.TermIs, subject=st.just("purpose"), name=st.sampled_from(_named(terms, "purpose"))),
        st.builds(m.TermIs, subject=st.just("recipient"),
                  name=st.sampled_from(_named(terms, "recipient"))),
        st.builds(m.TermIs, subject=st.just("action"), name=st.sampled_from(_named(terms, "action"))),
        st.builds(m.TermIs, subject=st.just("app"), name=st.sampled_from(apps)),
        st.builds(m.PurposeApproved), st.builds(m.Subscribed),
        st.builds(m.TierIs, name=st.sampled_from(tiers)),
        st.builds(m.DateBefore, date=dates(start=start, end=end)),
        st.builds(m.DateFrom, date=dates(start=start, end=end)),
        st.builds(m.AppLabelled, label=st.sampled_from(["production", "staging"])),
        st.builds(m.FactHolds, name=st.sampled_from(_named(terms, "fact"))),
    )

    def combine(children):
        # An `and` directly inside an `and` (or `or` in `or`) reads back flattened: avoid it.
        not_all = children.filter(lambda c: not isinstance(c, m.All))
        not_any = children.filter(lambda c: not isinstance(c, m.Any))
        return st.one_of(
            st.builds(m.Not, operand=children),
            st.builds(m.All, operands=st.lists(not_all, min_size=2, max_size=3).map(tuple)),
            st.builds(m.Any, operands=st.lists(not_any, min_size=2, max_size=3).map(tuple)))

    return st.recursive(atoms, combine, max_leaves=2 ** max_depth)


@st.composite
def _activity(draw, document: m.Document) -> m.Activity:
    purposes = _of(document, "purpose")
    approved = draw(st.booleans()) and draw(st.booleans())
    return m.Activity(
        action=draw(st.sampled_from(_of(document, "action"))),
        data=draw(st.sampled_from([None, *_of(document, "data")])),
        purposes=() if approved else tuple(draw(st.lists(st.sampled_from(purposes), max_size=2,
                                                         unique=True))),
        approved_purpose=approved,
        recipients=tuple(draw(st.lists(st.sampled_from(_of(document, "recipient")), max_size=2,
                                       unique=True))))


@st.composite
def clauses(draw, document: m.Document, *, ident: str = "C-1", kinds=KINDS,
            start=DEFAULT_START, end=DEFAULT_END, conditional: bool = True) -> m.Clause:
    """One clause of one of ``kinds`` over the document's vocabulary (no cross-references)."""
    kind = draw(st.sampled_from(kinds))
    guards = {}
    if conditional:
        guards["when"] = draw(st.none() | conditions(document, start=start, end=end))
        guards["unless"] = draw(st.none() | conditions(document, start=start, end=end))
    if draw(st.booleans()):
        first = draw(dates(start=start, end=end))
        guards["valid_from"] = first
        if draw(st.booleans()):
            guards["valid_until"] = draw(dates(start=first, end=end))
    guards["title"] = draw(st.none() | TITLES)
    if kind == "permission":
        provisos = draw(st.lists(st.builds(m.Proviso, party=st.just("licensee"),
                                           duty=st.sampled_from(_of(document, "duty")),
                                           deadline=deadlines(document, start=start, end=end)),
                                 max_size=1))
        return m.Permission(id=ident, activity=draw(_activity(document)),
                            provisos=tuple(provisos), **guards)
    if kind == "prohibition":
        return m.Prohibition(id=ident, activity=draw(_activity(document)), **guards)
    if kind == "limit":
        return m.Limit(id=ident, action=draw(st.sampled_from(_of(document, "action"))),
                       quantity=draw(quantities(max_amount=10**6)), window=draw(windows()),
                       scope=draw(st.sampled_from([None, "app", "recipient", "user"])), **guards)
    # Mostly the licensee's duties; now and then one of the licensor's, which binds no usage.
    party = draw(st.sampled_from(("licensee", "licensee", "licensee", "licensor")))
    return m.Obligation(id=ident, party=party, duty=draw(st.sampled_from(_of(document, "duty"))),
                        deadline=draw(deadlines(document, start=start, end=end)), **guards)


def deadlines(document: m.Document, *, start=DEFAULT_START, end=DEFAULT_END):
    """No deadline, or `within N hours/days after FACT`, `before ACTION` or `by DATE`."""
    return _deadlines(tuple(document.terms), start, end)


@functools.lru_cache(maxsize=256)
def _deadlines(terms: tuple, start, end):
    return st.one_of(
        st.none(),
        st.builds(m.Within, duration=st.builds(m.Duration, count=st.integers(1, 48),
                                               unit=st.sampled_from(("hour", "day"))),
                  event=st.sampled_from(_named(terms, "fact"))),
        st.builds(m.Before, event=st.sampled_from(_named(terms, "action"))),
        st.builds(m.By, date=dates(start=start, end=end)))


@st.composite
def agreements(draw, *, min_clauses: int = 0, max_clauses: int = 6, kinds=KINDS,
               start=DEFAULT_START, end=DEFAULT_END, exceptions: bool = True) -> m.Agreement:
    """A one-version agreement that checks clean: vocabularies, apps, tiers and clauses,
    prohibitions and limits sometimes excepted by permissions of the same agreement."""
    document = draw(vocabularies())
    count = draw(st.integers(min_clauses, max_clauses))
    made = [draw(clauses(document, ident=f"C-{i + 1}", kinds=kinds, start=start, end=end))
            for i in range(count)]
    permission_ids = [c.id for c in made if isinstance(c, m.Permission)]
    restriction_ids = [c.id for c in made if isinstance(c, (m.Prohibition, m.Limit))]
    if exceptions and permission_ids and restriction_ids:
        # `except as permitted by` on prohibitions and limits, `notwithstanding` on permissions
        linked = []
        for clause in made:
            if isinstance(clause, (m.Prohibition, m.Limit)) and draw(st.booleans()):
                chosen = draw(st.lists(st.sampled_from(permission_ids), min_size=1, max_size=2,
                                       unique=True))
                clause = _evolve(clause, exceptions=tuple(chosen))
            elif isinstance(clause, m.Permission) and draw(st.integers(0, 3)) == 0:
                chosen = draw(st.lists(st.sampled_from(restriction_ids), min_size=1,
                                       max_size=2, unique=True))
                clause = _evolve(clause, notwithstanding=tuple(chosen))
            linked.append(clause)
        made = linked
    return m.Agreement(documents=(_evolve(document, clauses=tuple(made)),))


def _evolve(record, **changes):
    import attrs

    return attrs.evolve(record, **changes)


@st.composite
def usages(draw, agreement: m.Agreement, *, start=DEFAULT_START, end=DEFAULT_END,
           volumes: bool = True) -> Usage:
    """A usage that names only what the agreement defines."""
    document = agreement.versions[0]
    first = draw(dates(start=start, end=end))
    last = first if draw(st.booleans()) else draw(dates(start=first, end=min(
        end, first + _dt.timedelta(days=90))))
    volume = ()
    if volumes and draw(st.booleans()):
        if draw(st.booleans()):
            volume = (Volume(amount=draw(st.integers(0, 10**7)), unit="records",
                             per=draw(windows())),)
        else:
            volume = (Volume(amount=draw(st.integers(0, 10**7)), unit="records", start=first,
                             end=last),)
    facts = draw(st.lists(st.sampled_from(_of(document, "fact")), unique=True, max_size=3))
    # A fact may carry the date it became true (a request, a notice), up to the usage's end.
    dated = [(fact, draw(st.none() | dates(start=start, end=last))) for fact in facts]
    return Usage(
        app=draw(st.sampled_from([a.name for a in agreement.apps])),
        action=draw(st.sampled_from(_of(document, "action"))),
        data=draw(st.sampled_from(_of(document, "data"))),
        purpose=draw(st.sampled_from(_of(document, "purpose"))),
        recipients=tuple(draw(st.lists(st.sampled_from(_of(document, "recipient")), max_size=2,
                                       unique=True))),
        start=first, end=last,
        tier=draw(st.sampled_from([None, *[t.name for t in document.tiers]])),
        volume=volume,
        facts=tuple(dated))


@st.composite
def agreements_with_usages(draw, **options):
    """An agreement and a usage of it, as a pair."""
    agreement = draw(agreements(**options))
    return agreement, draw(usages(agreement))
