"""The laws of the evaluator, as Hypothesis properties over generated agreements and usages."""

import datetime as dt
import re

import attrs
from hypothesis import assume, given, strategies as st

import contractdsl
from contractdsl import model as m
from contractdsl.evaluation import explain
from contractdsl.format import format_document, window as window_words
from contractdsl.syntax import parse_document
from contractdsl.prose.render import render, render_decision
from contractdsl.strategies import (KINDS, agreements, agreements_with_usages, clauses,
                                    conditions, usages, vocabularies, windows)
from contractdsl.usage import Usage, Volume
from test_explain_locales import english_fragments, sentences

RANK = {"permitted": 0, "undetermined": 1, "denied": 2}


def with_clauses(agreement: m.Agreement, new_clauses) -> m.Agreement:
    (document,) = agreement.documents
    return m.Agreement(documents=(attrs.evolve(document, clauses=tuple(new_clauses)),))


def summary(decision):
    return (decision.outcome, sorted((r.clause, r.effect, r.text) for r in decision.reasons),
            sorted(d.to_dict().items().__repr__() for d in decision.obligations))


@st.composite
def aimed_usages(draw, agreement: m.Agreement, target: str | None = None):
    """A usage of the agreement; half the time (always, given a ``target`` clause id) aimed at
    one of its permissions or prohibitions (its terms chosen inside that clause's activity), so
    that clauses apply, and meet each other, far more often than with terms drawn blindly.
    Facts sometimes carry dates, so that deadlines are computed."""
    usage = draw(usages(agreement))
    (document,) = agreement.documents
    targets = [c for c in document.clauses if isinstance(c, (m.Permission, m.Prohibition))
               and target in (None, c.id)]
    changes = {}
    if targets and (target is not None or draw(st.booleans())):
        activity = draw(st.sampled_from(targets)).activity
        changes["action"] = activity.action
        if activity.data is not None:
            changes["data"] = activity.data
        if activity.purposes:
            changes["purpose"] = draw(st.sampled_from(activity.purposes))
        approved = next(a.approved for a in document.apps if a.name == usage.app)
        if activity.approved_purpose and approved:
            changes["purpose"] = draw(st.sampled_from(approved))
        if activity.recipients:
            changes["recipients"] = tuple(draw(st.lists(st.sampled_from(activity.recipients),
                                                        min_size=1, unique=True)))
    if usage.facts and draw(st.booleans()):
        # Some of the facts, some of them dated.
        days = st.none() | st.dates(usage.start - dt.timedelta(days=30), usage.end)
        changes["facts"] = tuple((name, draw(days)) for name, _ in usage.facts
                                 if draw(st.booleans()))
    return attrs.evolve(usage, **changes)


@st.composite
def cases(draw, **options):
    """An agreement and a usage of it, often one aimed at its clauses."""
    agreement = draw(agreements(**options))
    return agreement, draw(aimed_usages(agreement))


def with_a_twin(data, agreement: m.Agreement) -> m.Agreement:
    """The agreement with a new prohibition BAN and its twin TWIN after it: the same
    prohibition under another id, or a permission of the same activity that BAN names as its
    exception. Two clauses that apply alike, whichever comes first."""
    (document,) = agreement.documents
    ban = data.draw(clauses(document, ident="BAN", kinds=("prohibition",),
                            conditional=data.draw(st.integers(0, 3)) == 3))
    if data.draw(st.booleans()):
        twin = attrs.evolve(ban, id="TWIN")
    else:
        twin = m.Permission(id="TWIN", activity=ban.activity, when=ban.when, unless=ban.unless,
                            valid_from=ban.valid_from, valid_until=ban.valid_until)
        ban = attrs.evolve(ban, exceptions=("TWIN",))
    return with_clauses(agreement, document.clauses + (ban, twin))


@given(st.data(), st.randoms(use_true_random=False))
def test_determinism_and_order_independence(data, rng):
    agreement = data.draw(agreements())
    target = None
    if data.draw(st.integers(0, 3)) != 3:
        agreement = with_a_twin(data, agreement)
        target = "TWIN"
    usage = data.draw(aimed_usages(agreement, target))
    (document,) = agreement.documents
    first = contractdsl.permits(agreement, usage)
    assert summary(first) == summary(contractdsl.permits(agreement, usage))
    clauses_ = list(document.clauses)
    terms = list(document.terms)
    rng.shuffle(clauses_)
    rng.shuffle(terms)
    shuffled = m.Agreement(documents=(attrs.evolve(document, clauses=tuple(clauses_),
                                                   terms=tuple(terms)),))
    assert summary(contractdsl.permits(shuffled, usage)) == summary(first)
    reversed_ = m.Agreement(documents=(attrs.evolve(document, clauses=document.clauses[::-1],
                                                    terms=document.terms[::-1]),))
    assert summary(contractdsl.permits(reversed_, usage)) == summary(first)


@given(agreements_with_usages(kinds=("prohibition", "limit", "obligation")))
def test_default_deny(case):
    agreement, usage = case
    decision = contractdsl.permits(agreement, usage)
    assert decision.outcome == "denied"
    assert any(r.effect == "no-permission" for r in decision.reasons)


def inside(data, usage) -> dt.date:
    """A day inside the usage's period after its first: a clause starting then splits it."""
    return data.draw(st.dates(usage.start + dt.timedelta(days=1), usage.end))


@given(st.data())
def test_adding_a_prohibition_never_permits_more(data):
    agreement, usage = data.draw(cases())
    before = contractdsl.permits(agreement, usage)
    (document,) = agreement.documents
    extra = data.draw(clauses(document, ident="NEW", kinds=("prohibition",)) |
                      st.just(m.Prohibition(id="NEW", activity=m.Activity(action="use"))))
    after = contractdsl.permits(with_clauses(agreement, document.clauses + (extra,)), usage)
    assert RANK[after.outcome] >= RANK[before.outcome]
    # And a prohibition that applies to the usage, with no exception, denies it.
    if ("NEW", "prohibits") in {(r.clause, r.effect) for r in after.reasons}:
        assert after.outcome == "denied"


@given(st.data())
def test_adding_a_permission_without_duties_never_denies_more(data):
    agreement, usage = data.draw(cases())
    before = contractdsl.permits(agreement, usage)
    (document,) = agreement.documents
    extra = attrs.evolve(data.draw(clauses(document, ident="NEW", kinds=("permission",))),
                         provisos=())  # a permission with no duties
    if usage.is_period and data.draw(st.booleans()):
        extra = attrs.evolve(extra, valid_from=inside(data, usage), valid_until=None)
    after = contractdsl.permits(with_clauses(agreement, document.clauses + (extra,)), usage)
    assert RANK[after.outcome] <= RANK[before.outcome]


@given(st.integers(1, 10**6), st.sampled_from(["day", "week", "calendar month"]) |
       windows().map(window_words), st.integers(2, 120), st.data())
def test_adding_a_permission_without_duties_never_denies_a_total_more(limit, window, days,
                                                                        data):
    """The same law where it is easiest to break: a total over a period, under a limit, and a
    new permission that starts inside the period, so that the period is judged in parts."""
    start = data.draw(st.dates(dt.date(2024, 1, 1), dt.date(2025, 6, 30)))
    end = start + dt.timedelta(days=days - 1)
    usage = {"period": {"from": start, "until": end},
             # some whole number of limits and a remainder: near every boundary
             "volume": [{"amount": limit * data.draw(st.integers(1, 2 * days)) +
                         data.draw(st.integers(0, limit)), "unit": "records"}]}
    cut = data.draw(st.dates(start + dt.timedelta(days=1), end))
    text = LIMIT.format(limit=limit, window=window)
    before = contractdsl.permits(contractdsl.parse(text), usage)
    after = contractdsl.permits(contractdsl.parse(
        text + f"clause NEW from {cut}: licensee may use content.\n"), usage)
    assert RANK[after.outcome] <= RANK[before.outcome]


@st.composite
def excepted_cases(draw):
    """An agreement and a usage; mostly the agreement also permits every use and
    prohibits one activity except as permitted by a permission (of another activity, or of
    the same), and the usage is aimed at the prohibition."""
    agreement = draw(agreements(min_clauses=1))
    if draw(st.integers(0, 3)) == 3:
        return agreement, draw(aimed_usages(agreement))
    (document,) = agreement.documents
    exc = draw(clauses(document, ident="EXC", kinds=("permission",)))
    ban = attrs.evolve(draw(clauses(document, ident="BAN", kinds=("prohibition",),
                                    conditional=draw(st.integers(0, 3)) == 3)),
                       exceptions=("EXC",))
    if draw(st.integers(0, 3)) == 3:
        exc = attrs.evolve(exc, activity=ban.activity)
    everything = m.Permission(id="ALL", activity=m.Activity(action="use"))
    agreement = with_clauses(agreement, document.clauses + (everything, exc, ban))
    return agreement, draw(aimed_usages(agreement, "BAN"))


@given(excepted_cases())
def test_an_exception_only_narrows_the_prohibition_it_names(case):
    agreement, usage = case
    (document,) = agreement.documents
    stripped = [attrs.evolve(c, exceptions=()) if isinstance(c, (m.Prohibition, m.Limit)) else c
                for c in document.clauses]
    with_exceptions = contractdsl.permits(agreement, usage)
    without = contractdsl.permits(with_clauses(agreement, stripped), usage)
    assert RANK[with_exceptions.outcome] <= RANK[without.outcome]
    # And only where an excepting permission applies to the usage.
    named = {e for c in document.clauses for e in getattr(c, "exceptions", ())}
    applying = {r.clause for r in with_exceptions.reasons if r.effect == "permits"}
    if not named & applying:
        assert with_exceptions.outcome == without.outcome


@given(st.data())
def test_a_clause_outside_its_window_has_no_effect(data):
    agreement, usage = data.draw(cases())
    (document,) = agreement.documents
    extra = data.draw(clauses(document, ident="NEW"))
    assume(usage.end < dt.date(2025, 12, 31))
    outside = attrs.evolve(extra, valid_from=usage.end + dt.timedelta(days=1), valid_until=None)
    before = contractdsl.permits(agreement, usage)
    after = contractdsl.permits(with_clauses(agreement, document.clauses + (outside,)), usage)
    assert summary(after) == summary(before)


@given(st.data())
def test_hierarchy_descendants_never_ancestors(data):
    document = data.draw(vocabularies())
    purposes = [t for t in document.terms if t.kind == "purpose"]
    parents = {t.name: t.parent for t in purposes}
    child = data.draw(st.sampled_from([t for t in purposes if t.parent]) if any(
        t.parent for t in purposes) else st.nothing())
    ancestor = parents[child.name]
    rule = 'clause BAN: licensee must not use for {}.\nclause OK: licensee may use.\n'
    for target, usage_purpose, applies in ((ancestor, child.name, True),
                                           (child.name, ancestor, False)):
        text = format_document(document) + rule.format(target)
        agreement = contractdsl.parse(text)
        decision = contractdsl.permits(agreement, {"app": document.apps[0].name,
                                                   "purpose": usage_purpose,
                                                   "date": "2024-06-01"})
        assert ("BAN" in decision.clauses) is applies
        assert decision.outcome == ("denied" if applies else "permitted")


LIMIT = ('agreement "L".\neffective 2024-01-01.\naction use "use".\ndata content "c".\n'
         'unit records "records".\nclause OK: licensee may use content.\n'
         'clause CAP: licensee must not use more than {limit} records per {window}.\n')


def limited(limit, window="day"):
    return contractdsl.parse(LIMIT.format(limit=limit, window=window))


def rate(amount, per, day="2024-06-01"):
    return Usage.from_dict({"date": day, "volume": [{"amount": amount, "unit": "records",
                                                     "per": per}]})


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(1, 10**5))
def test_volume_monotonicity(limit, amount, more):
    agreement = limited(limit)
    smaller = contractdsl.permits(agreement, rate(amount, "day"))
    larger = contractdsl.permits(agreement, rate(amount + more, "day"))
    if smaller.outcome == "denied":
        assert larger.outcome == "denied"
    assert (smaller.outcome == "denied") is (amount > limit)


@given(st.integers(0, 10**6), st.integers(0, 10**5), st.sampled_from([1, 2, 3, 4, 6, 8, 12, 24]))
def test_a_rate_in_another_window_decides_alike(limit, per_hour, hours):
    agreement = limited(limit)
    hourly = contractdsl.permits(agreement, rate(per_hour, "hour"))
    in_hours = contractdsl.permits(agreement, rate(per_hour * hours, f"{hours} hours"))
    assert hourly.outcome == in_hours.outcome


@given(st.integers(1, 10**6), st.integers(2, 60))
def test_totals_at_their_boundaries(limit, days):
    agreement = limited(limit)

    def total(amount, length):
        start = dt.date(2024, 3, 1)
        return contractdsl.permits(agreement, {"period": {
            "from": start, "until": start + dt.timedelta(days=length - 1)},
            "volume": [{"amount": amount, "unit": "records"}]}).outcome

    assert total(limit, 1) == "permitted"           # exactly at the limit
    assert total(limit + 1, 1) == "denied"          # one over, in one window
    assert total(limit, days) == "permitted"        # fits one window, whatever the period
    assert total(limit * days + 1, days) == "denied"  # the average exceeds the limit
    if limit > 1:
        assert total(limit * days, days) == "undetermined"  # fits on average; peak unknown


@given(st.data())
def test_round_trip_and_idempotent_format(data):
    agreement = data.draw(agreements())
    (document,) = agreement.documents
    # And a clause guarded by a deeper condition than the generated clauses have.
    deep = m.Permission(id="DEEP", activity=m.Activity(action="use"),
                        when=data.draw(conditions(document, max_depth=3)))
    document = attrs.evolve(document, clauses=document.clauses + (deep,))
    agreement = m.Agreement(documents=(document,))
    text = format_document(document)
    reparsed = parse_document(text)
    assert reparsed == document
    assert format_document(reparsed) == text
    assert contractdsl.check(agreement) == []


@given(st.data())
def test_render_never_raises_and_names_every_clause(data):
    # Agreements of one kind of clause as well as mixed, and a few more duties with their
    # deadlines, so that every kind of clause and deadline is rendered often.
    kinds = data.draw(st.sampled_from([KINDS, *((kind,) for kind in KINDS)]))
    agreement = data.draw(agreements(min_clauses=1, kinds=kinds))
    (document,) = agreement.documents
    duties = tuple(data.draw(clauses(document, ident=f"DUE-{i}", kinds=("obligation",)))
                   for i in range(data.draw(st.integers(0, 4))))
    agreement = with_clauses(agreement, document.clauses + duties)
    for locale in ("en", "nl", "fr"):
        for format in ("markdown", "html", "text"):
            prose = render(agreement, locale=locale, format=format)
            for clause in agreement.documents[0].clauses:
                assert clause.id in prose


@given(excepted_cases())
def test_the_explanation_names_every_clause_it_cites(case):
    agreement, usage = case
    decision = contractdsl.permits(agreement, usage)
    for locale in ("en", "nl", "fr"):
        explanation = decision.explain(locale=locale)
        for clause in decision.clauses:
            assert clause in explanation


@given(st.data())
def test_an_explanation_in_dutch_or_french_says_every_finding_in_that_language(data):
    """No English words of the evaluator's sentences in a Dutch or French explanation, except
    words the agreement itself uses (its descriptions and names are its own words)."""
    agreement, usage = data.draw(st.one_of(busy_cases(), excepted_cases()))
    decision = contractdsl.permits(agreement, usage)
    own_words = repr(agreement)
    for locale in ("nl", "fr"):
        explanation = render_decision(decision, locale=locale)
        for text in sentences(decision):
            for fragment in english_fragments(text, locale):
                if fragment not in own_words:
                    assert not re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)",
                                         explanation), (locale, fragment, explanation)


@given(st.data())
def test_an_exception_lifts_its_prohibition_only_where_it_applies(data):
    document = data.draw(vocabularies())
    purposes = [t.name for t in document.terms if t.kind == "purpose"]
    excepted = data.draw(st.sampled_from(purposes))
    used = data.draw(st.sampled_from(purposes))
    rules = ("clause OK: licensee may use.\n"
             f"clause EXC: licensee may use for {excepted}.\n"
             "clause BAN: licensee must not use except as permitted by EXC.\n")
    agreement = contractdsl.parse(format_document(document) + rules)
    decision = contractdsl.permits(agreement, {"app": document.apps[0].name, "purpose": used,
                                               "date": "2024-06-01"})
    applies = "EXC" in {r.clause for r in decision.reasons if r.effect == "permits"}
    assert decision.outcome == ("permitted" if applies else "denied")
    assert ("BAN", "excepted" if applies else "prohibits") in {
        (r.clause, r.effect) for r in decision.reasons}


def fresh(agreement):
    """The agreement compiled anew, with nothing decided yet."""
    from contractdsl.semantics.lower import lower

    return lower(agreement)


@st.composite
def busy_cases(draw):
    """Agreements whose outcome often turns on duties, limits and facts: often with only
    limits and obligations, a few more duties, and a permission of every use unless some fact
    holds."""
    kinds = draw(st.sampled_from([KINDS, ("limit", "obligation"), ("obligation",)]))
    agreement = draw(agreements(kinds=kinds))
    (document,) = agreement.documents
    # Duties without conditions, due before any use or by a date: often breached.
    deadlines = st.just(m.Before(event="use")) | st.builds(m.By, date=st.dates(
        dt.date(2024, 1, 1), dt.date(2025, 12, 31)))
    duties = tuple(attrs.evolve(draw(clauses(document, ident=f"DUE-{i}", kinds=("obligation",),
                                             conditional=False)), deadline=draw(deadlines))
                   for i in range(draw(st.integers(0, 3))))
    agreement = with_clauses(agreement, document.clauses + duties)
    if kinds != KINDS or draw(st.booleans()):
        (document,) = agreement.documents
        facts = [t.name for t in document.terms if t.kind == "fact"]
        unless = draw(st.builds(m.FactHolds, name=st.sampled_from(facts)) | st.none())
        everything = m.Permission(id="ALL", activity=m.Activity(action="use"), unless=unless)
        agreement = with_clauses(agreement, document.clauses + (everything,))
    return agreement, draw(aimed_usages(agreement))


@given(busy_cases())
def test_the_outcome_without_words_is_the_outcome_explained(case):
    agreement, usage = case
    quick = contractdsl.permits(fresh(agreement), usage).outcome
    assert quick == explain(fresh(agreement), usage).outcome


@given(st.data())
def test_a_decision_does_not_depend_on_the_usages_decided_before_it(data):
    """The compiled agreement keeps what a usage's terms decide and reuses it for later usages
    with the same terms but other amounts and dates; each must still be judged as if alone."""
    agreement, first = data.draw(busy_cases())
    terms = ("app", "action", "data", "purpose", "recipients", "tier", "facts")
    same_terms = {name: getattr(first, name) for name in terms}
    others = [attrs.evolve(data.draw(usages(agreement)), **same_terms)
              for _ in range(data.draw(st.integers(1, 3)))]
    # Usages on the same dates that differ from the first in one term only, for each term.
    for name in terms:
        others.append(attrs.evolve(first, **{name: getattr(data.draw(aimed_usages(agreement)),
                                                           name)}))
    others.append(data.draw(aimed_usages(agreement)))  # and one with other terms
    shared = fresh(agreement)
    contractdsl.permits(shared, first)
    for usage in others:
        assert summary(contractdsl.permits(shared, usage)) == \
            summary(contractdsl.permits(fresh(agreement), usage))
