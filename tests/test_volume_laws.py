"""The laws of volumes: totals stated side by side, shares, instants, and the fees they owe
(docs/semantics.md, section 1, rule 5 "Totals side by side", "Caps in total" and section 11),
as Hypothesis properties over usages drawn against agreements written here."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import assume, given, strategies as st

import contractdsl

RANK = {"permitted": 0, "undetermined": 1, "denied": 2}

TEXT = """\
agreement "Volumes" version "1".
effective 2024-01-01.
action use "use".
data content "content".
unit posts "posts".
unit USD "US dollars" measures money.
clause OK: licensee may use content.
clause CAP{since}: licensee must not use more than {limit} posts {basis}.
clause FEE: licensee must pay 1 USD per 100 posts.
"""

# the usage's period: every total lies in it
FIRST, LAST = dt.date(2024, 3, 1), dt.date(2024, 6, 30)
PERIOD = {"from": FIRST.isoformat(), "until": LAST.isoformat()}
HALF_DAYS = ((LAST - FIRST).days + 1) * 2  # a total begins and ends at a day or at its noon
BASES = ["in total", "per day", "per 2 days", "per week", "per 30 days", "per calendar month",
         "per calendar year"]
_AGREEMENTS: dict = {}


def agreement(limit: int, basis: str, since: dt.date | None = None):
    key = (limit, basis, since)
    if key not in _AGREEMENTS:
        _AGREEMENTS[key] = contractdsl.parse(TEXT.format(
            limit=limit, basis=basis, since="" if since is None else f" from {since}"))
    return _AGREEMENTS[key]


def total(amount: int, begin: int, end: int) -> dict:
    """A total from half-day ``begin`` to half-day ``end`` (its first and the one after its
    last, counted from the period's first day): stated as days where it begins and ends with
    one, else with the instant (noon) it begins or ends at."""
    def instant(at):
        day = FIRST + dt.timedelta(days=at // 2)
        return f"{day}T12:00:00Z"

    start = (FIRST + dt.timedelta(days=begin // 2)).isoformat() if begin % 2 == 0 else \
        instant(begin)
    until = (FIRST + dt.timedelta(days=end // 2 - 1)).isoformat() if end % 2 == 0 else \
        instant(end)
    return {"amount": amount, "unit": "posts", "from": start, "until": until}


def decide(terms, volumes):
    return contractdsl.permits(terms, {"action": "use", "period": PERIOD,
                                       "volume": list(volumes)})


def fees(decision) -> list:
    """The fee amounts owed (None: not shown), sorted."""
    return sorted((d.amount is None, d.amount and d.amount.amount) for d in decision.obligations
                  if d.clause == "FEE")


def reasons(decision) -> set:
    return {(r.clause, r.effect, r.text) for r in decision.reasons}


limits = st.sampled_from([1, 10, 100, 250, 1_000, 10_000])
amounts = st.integers(0, 20_000)
bases = st.sampled_from(BASES)
# the cap binds from the period's first day, or from a day within it
since = st.none() | st.dates(FIRST, LAST)


@st.composite
def cuts(draw, pieces=st.integers(2, 5), narrow: bool = False):
    """Sorted half-day boundaries of disjoint neighbouring totals: ``pieces`` of them
    (``narrow``: within 14 days, so that short windows hold some)."""
    count = draw(pieces)
    width = 28 if narrow else HALF_DAYS
    begin = draw(st.integers(0, HALF_DAYS - width))
    inner = draw(st.lists(st.integers(begin + 1, begin + width - 1), min_size=count - 1,
                          max_size=count - 1, unique=True))
    end = draw(st.integers(max(inner, default=begin) + 1, begin + width))
    return [begin] + sorted(inner) + [end]


def shares_of(amount: int, count: int, data) -> list[int]:
    """``count`` amounts that come to ``amount``."""
    points = sorted(data.draw(st.lists(st.integers(0, amount), min_size=count - 1,
                                       max_size=count - 1)))
    return [b - a for a, b in zip([0] + points, points + [amount])]


@st.composite
def scattered(draw, count=st.integers(1, 5)):
    """Totals anywhere in the period: apart, neighbouring, overlapping or one within another."""
    out = []
    for _ in range(draw(count)):
        begin = draw(st.integers(0, HALF_DAYS - 1))
        end = draw(st.integers(begin + 1, min(HALF_DAYS, begin + draw(st.sampled_from(
            [2, 14, 60, HALF_DAYS])))))
        out.append(total(draw(amounts), begin, end))
    return out


# ---- shares side by side --------------------------------------------------------------------


@given(limits, bases, since, st.booleans(), st.data())
def test_shares_stated_side_by_side_decide_as_their_sum_over_their_whole_span(
        limit, basis, start, narrow, data):
    """Disjoint neighbouring totals stated side by side (no total around them) decide as their
    sum stated once over the time they cover, wherever that is decided: the usage says the
    same of every window."""
    terms = agreement(limit, basis, start)
    bounds = data.draw(cuts(narrow=narrow))
    amount = data.draw(amounts)
    whole = decide(terms, [total(amount, bounds[0], bounds[-1])])
    assume(whole.outcome != "undetermined")
    split = shares_of(amount, len(bounds) - 1, data)
    parts = [total(share, begin, end) for share, begin, end in zip(split, bounds, bounds[1:])]
    assert decide(terms, parts).outcome == whole.outcome, (parts, whole.explain())


# ---- more volume is never better ------------------------------------------------------------


@given(limits, bases, since, scattered(), st.data())
def test_a_further_total_apart_from_the_others_never_permits_more(limit, basis, start,
                                                                 volumes, data):
    terms = agreement(limit, basis, start)
    taken = []
    for volume in volumes:
        taken.append((volume["from"], volume["until"]))
    begin = data.draw(st.integers(0, HALF_DAYS - 1))
    end = data.draw(st.integers(begin + 1, min(HALF_DAYS, begin + 60)))
    further = total(data.draw(amounts), begin, end)

    def instants(volume):
        def at(text, last):
            if "T" in text:
                return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            day = dt.date.fromisoformat(text) + dt.timedelta(days=1 if last else 0)
            return dt.datetime.combine(day, dt.time(), dt.timezone.utc)
        return at(volume["from"], False), at(volume["until"], True)

    mine = instants(further)
    assume(all(not (a < mine[1] and mine[0] < b) for a, b in map(instants, volumes)))
    before, after = decide(terms, volumes), decide(terms, volumes + [further])
    assert RANK[after.outcome] >= RANK[before.outcome], (volumes, further, after.explain())


@given(limits, bases, since, scattered(), st.data())
def test_raising_a_total_never_permits_more(limit, basis, start, volumes, data):
    terms = agreement(limit, basis, start)
    at = data.draw(st.integers(0, len(volumes) - 1))
    raised = [dict(v) for v in volumes]
    raised[at]["amount"] += data.draw(st.integers(1, 20_000))
    before, after = decide(terms, volumes), decide(terms, raised)
    assert RANK[after.outcome] >= RANK[before.outcome], (volumes, raised, after.explain())


# ---- the order volumes are listed in --------------------------------------------------------


@given(limits, bases, since, scattered(st.integers(2, 5)), st.randoms(use_true_random=False))
def test_the_order_of_the_volumes_changes_nothing(limit, basis, start, volumes, rng):
    terms = agreement(limit, basis, start)
    shuffled = list(volumes)
    rng.shuffle(shuffled)
    listed, reordered = decide(terms, volumes), decide(terms, shuffled)
    assert listed.outcome == reordered.outcome
    assert reasons(listed) == reasons(reordered)
    assert fees(listed) == fees(reordered)
    assert set(listed.missing) == set(reordered.missing)


# ---- a total stated twice -------------------------------------------------------------------


@given(limits, bases, since, scattered(), st.data())
def test_a_total_stated_again_never_permits_more(limit, basis, start, volumes, data):
    """The same total stated twice counts at least once: a usage is never better for saying
    a total again, and never permitted where saying it once is denied."""
    terms = agreement(limit, basis, start)
    again = data.draw(st.sampled_from(volumes))
    once, twice = decide(terms, volumes), decide(terms, volumes + [dict(again)])
    assert RANK[twice.outcome] >= RANK[once.outcome], (volumes, again, twice.explain())


# ---- fees -----------------------------------------------------------------------------------


@given(limits, bases, cuts(pieces=st.integers(1, 5)), st.data())
def test_a_fee_counts_each_unit_stated_once(limit, basis, bounds, data):
    """Totals apart from one another each owe the fee on their own amount, and shares stated
    within a total that they count owe it in its place: what is owed is the fee on what is
    stated, each post once."""
    terms = agreement(limit, basis)
    split = [data.draw(amounts) for _ in bounds[1:]]
    parts = [total(share, begin, end) for share, begin, end in zip(split, bounds, bounds[1:])]
    owed = [(False, Fraction(share, 100)) for share in split]
    assert fees(decide(terms, parts)) == sorted(owed)
    if len(parts) > 1:
        around = total(sum(split), bounds[0], bounds[-1])
        assert fees(decide(terms, [around] + parts)) == sorted(owed)


@given(limits, bases, scattered(), st.data())
def test_a_fee_is_never_less_for_more_volume(limit, basis, volumes, data):
    """More of a total, or a further total apart from the others, never owes less."""
    terms = agreement(limit, basis)
    at = data.draw(st.integers(0, len(volumes) - 1))
    raised = [dict(v) for v in volumes]
    raised[at]["amount"] += data.draw(st.integers(1, 20_000))
    before, after = fees(decide(terms, volumes)), fees(decide(terms, raised))
    shown = [amount for unknown, amount in before if not unknown]
    more = [amount for unknown, amount in after if not unknown]
    if len(shown) == len(before) and len(more) == len(after):
        assert sum(more) >= sum(shown)
