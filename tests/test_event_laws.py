"""The laws of events (docs/semantics.md, section 18), as Hypothesis properties: over generated
agreements whose schedules date facts and end the agreement for their licensee, and over
generated dates, each checked against day arithmetic written here, apart from the code."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, strategies as st

import contractdsl
from contractdsl import model as m
from contractdsl.errors import UsageError
from contractdsl.strategies import agreements, aimed_usages
from contractdsl.usage import Usage

DAY = dt.timedelta(days=1)
DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31))


def summary(decision):
    return (decision.outcome, sorted((r.clause, r.effect, r.text) for r in decision.reasons),
            sorted(repr(sorted(d.to_dict().items())) for d in decision.obligations))


def fresh(documents) -> m.Agreement:
    return m.Agreement(documents=tuple(documents))


@given(st.data())
def test_what_a_schedule_says_happened_decides_as_the_usage_saying_it(data):
    """The facts a schedule dates, and the end it states, decide a usage of one of its apps
    as the usage stating them would: each fact dated on or before the usage's last day, and
    the agreement ended on that day."""
    agreement = data.draw(agreements(events=True))
    usage = data.draw(aimed_usages(agreement))
    schedule = next((s for s in agreement.schedules
                     if any(a.name == usage.app for a in s.apps)), None)
    stripped = fresh(attrs.evolve(d, dated=(), terminates=None) if d.kind == "schedule" else d
                     for d in agreement.documents)
    if schedule is None:  # a usage of no app of a schedule: nothing happened to it
        assert summary(contractdsl.permits(agreement, usage)) == \
            summary(contractdsl.permits(stripped, usage))
        return
    named = {d.name for d in schedule.dated}
    usage = attrs.evolve(usage, facts=[(n, w) for n, w in usage.facts if n not in named])
    said = attrs.evolve(usage, terminated=schedule.terminates, facts=list(usage.facts) + [
        (d.name, d.date) for d in schedule.dated if d.date <= usage.last_day])
    try:
        expected = summary(contractdsl.permits(stripped, said))
    except UsageError:  # a name of a later text, on a day after the licensee's end
        return
    assert summary(contractdsl.permits(agreement, usage)) == expected


TEMPLATE = """\
agreement "Laws" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact alpha "alpha". fact beta "beta". fact done "done".
duty act "act" shown by done.
{clauses}
"""


def laws(clauses: str) -> m.Agreement:
    agreement = contractdsl.parse(TEMPLATE.format(clauses=clauses), "laws.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def add_business_days(day: dt.date, count: int) -> dt.date:
    """Monday to Friday, counted one by one (from a weekend, as from the Friday before)."""
    while day.weekday() > 4:
        day -= DAY
    while count:
        day += DAY
        if day.weekday() < 5:
            count -= 1
    return day


def after(day: dt.date, count: int, unit: str) -> dt.date:
    if unit == m.BUSINESS_DAY:
        return add_business_days(day, count)
    return day + DAY * count * (7 if unit == "week" else 1)


UNITS = st.sampled_from(["day", "week", m.BUSINESS_DAY])


def words(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


@given(DAYS, DAYS, st.integers(1, 40), UNITS, st.sampled_from(m.COMPARISONS))
def test_two_facts_dates_compare_as_their_days_do(first, second, count, unit, comparison):
    agreement = laws(f"clause OK: licensee may use content when alpha is {comparison} "
                     f"{words(count, unit)} before beta.")
    due = after(first, count, unit)
    holds = {"at least": second >= due, "more than": second > due,
             "less than": second < due, "at most": second <= due}[comparison]
    usage = {"date": "2026-01-01", "facts": {"alpha": first.isoformat(), "beta": second.isoformat()}}
    assert contractdsl.permits(agreement, usage).outcome == ("permitted" if holds else "denied")
    same = laws("clause OK: licensee may use content when alpha is in the same calendar month as beta.")
    assert (contractdsl.permits(same, usage).outcome == "permitted") is \
        ((first.year, first.month) == (second.year, second.month))


@given(DAYS, st.none() | DAYS, DAYS, st.integers(1, 400))
def test_a_recurring_duty_is_due_its_period_after_the_last_time(start, done, day, days):
    """Due ``days`` after the last time done (on or before the day judged, and not before the
    event), else after the event; breached once that day has passed. An event dated after the
    day judged has not happened then, and nothing is due yet, whatever was done before."""
    agreement = laws(f"clause 1: licensee may use content.\n"
                     f"clause R: licensee must act every {words(days, 'day')} after alpha.")
    facts = {"alpha": start.isoformat(), **({"done": done.isoformat()} if done else {})}
    decision = contractdsl.permits(agreement, {"date": day.isoformat(), "facts": facts})
    last = done if done is not None and start <= done <= day else None
    if start > day:
        assert decision.obligations == () and decision.outcome == "permitted"
        return
    due = (last or start) + DAY * days
    (duty,) = decision.obligations
    assert duty.deadline == due
    assert duty.status == ("breached" if day > due else "met" if last else "pending")
    assert decision.outcome == ("denied" if day > due else "permitted")


@given(DAYS, st.integers(1, 120), st.none() | st.integers(-30, 60), st.integers(-60, 60),
       st.integers(0, 60))
def test_a_period_is_denied_by_a_recurring_duty_when_one_of_its_days_is(start, days, late,
                                                                          begins, length):
    """A period is within a recurring duty when each of its days is: a duty done late was
    overdue on the days between its due day and the day it was done, and a period holding
    one of them is denied, though the duty is met again by its last day. (``late``: days
    from the first due day to the day it was done; ``begins``: from it to the period's.)"""
    agreement = laws(f"clause 1: licensee may use content.\n"
                     f"clause R: licensee must act every {words(days, 'day')} after alpha.")
    due = start + DAY * days
    facts = {"alpha": start.isoformat(),
             **({"done": (due + DAY * late).isoformat()} if late is not None else {})}
    first = due + DAY * begins
    last = first + DAY * length

    def outcome(**when):
        return contractdsl.permits(agreement, {**when, "facts": facts}).outcome

    each = {outcome(date=(first + DAY * i).isoformat()) for i in range(length + 1)}
    whole = outcome(period={"from": first.isoformat(), "until": last.isoformat()})
    assert whole == ("denied" if "denied" in each else "permitted")


STATED = st.none() | st.just("undated") | DAYS


def stated(facts) -> dict:
    return {name: (None if when == "undated" else when.isoformat())
            for name, when in facts.items() if when is not None}


def picked(pick: str, facts: dict):
    """The day of the later or earlier of two facts, None when it has not happened, or "open"
    when its day is not known; worked out here from the rule, not from the code."""
    happened = {n: w for n, w in facts.items() if w is not None}
    if pick == "later":
        if len(happened) < len(facts):
            return None
        return "open" if "undated" in happened.values() else max(happened.values())
    if not happened:
        return None
    return "open" if "undated" in happened.values() else min(happened.values())


@given(st.sampled_from(m.PICKS), STATED, STATED, st.integers(1, 60), DAYS)
def test_a_deadline_counted_from_the_later_or_earlier_of_two_facts(pick, a, b, days, day):
    agreement = laws(f"clause 1: licensee may use content.\n"
                     f"clause D: licensee must act within {words(days, 'day')} after the {pick} "
                     f"of alpha and beta.")
    facts = {"alpha": a, "beta": b}
    decision = contractdsl.permits(agreement, {"date": "2026-06-01", "facts": stated(facts)})
    event = picked(pick, facts)
    if event is None:
        assert decision.obligations == ()
        return
    (duty,) = decision.obligations
    dated = [when for when in facts.values() if when not in (None, "undated")]
    if event == "open" and pick == "earlier" and dated:
        # the earlier is no later than the fact dated: due by then at the latest, and past
        assert (duty.status, duty.deadline) == ("breached", min(dated) + DAY * days)
    elif event == "open":
        assert (duty.status, duty.deadline) == ("pending", None)
    else:
        assert (duty.status, duty.deadline) == ("breached", event + DAY * days)


@given(st.sampled_from(m.PICKS), STATED, STATED, st.integers(1, 400), DAYS,
       st.integers(1, 400))
def test_a_clause_survives_until_its_time_after_an_event(pick, a, b, days, ended, later):
    """After the agreement ends, a clause that survives `N days after the later (or earlier) of
    alpha and beta` binds up to N days after that event, and without end while its day is not
    known, unless the latest it can be is (the earlier of the two, one dated)."""
    agreement = laws(f"clause S survives {words(days, 'day')} after the {pick} of alpha and beta:\n"
                     f"  licensee must act.")
    facts = {"alpha": a, "beta": b}
    day = ended + DAY * later
    decision = contractdsl.permits(agreement, {"date": day.isoformat(),
                                               "terminated": ended.isoformat(),
                                               "facts": stated(facts)})
    event = picked(pick, facts)
    dated = [when for when in facts.values() if when not in (None, "undated")]
    if event == "open" and pick == "earlier" and dated:
        event = min(dated)  # no later than the fact dated
    binds = event in (None, "open") or day <= event + DAY * days
    assert decision.outcome == "denied"
    assert ("S" in {d.clause for d in decision.obligations}) is binds


@given(DAYS, st.integers(1, 20), st.none() | st.integers(-5, 25),
       st.sampled_from(["must not use content unless alpha", "may use content when alpha"]))
def test_a_period_with_a_dated_fact_in_it_is_denied_when_one_of_its_days_is(start, days, at,
                                                                          clause):
    """A fact holds for a condition from its date on: a period whose facts come about
    within it is denied exactly when one of its days is (section 18, item 1)."""
    agreement = laws(("clause 1: licensee may use content.\n"
                      if clause.startswith("must") else "") + f"clause 2: licensee {clause}.")
    facts = {"alpha": None if at is None else (start + at * DAY).isoformat()}
    last = start + (days - 1) * DAY
    period = contractdsl.permits(agreement, {"period": {"from": start.isoformat(),
                                                        "until": last.isoformat()},
                                             "facts": facts}).outcome
    each = {contractdsl.permits(agreement, {"date": (start + i * DAY).isoformat(),
                                            "facts": facts}).outcome for i in range(days)}
    assert period == ("denied" if "denied" in each else "permitted")
