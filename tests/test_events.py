"""Events and the licensee's own dates (docs/semantics.md, section 18): one test per rule, on a
small agreement written here, and the edges of the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

import contractdsl
from contractdsl import model as m
from contractdsl.decision import Part
from contractdsl.errors import AgreementError, UsageError
from contractdsl.format import format_text
from contractdsl.semantics import ir

TERMS = """\
agreement "Events" version "1".
licensor "Provider". licensee "Developer".
effective 2024-01-01.
action use "use the data".
action store "store the data" under use.
data content "the data".
fact ceased "the licensee stopped using the data".
fact deleted "the licensee deleted the data".
fact revoked "the licensee revoked its keys".
fact notice "the provider gave notice of an audit".
fact audit "the audit begins".
fact last_audit "the provider's previous audit began".
fact cooperated "the licensee cooperated with the audit".
fact launch "the app went into production".
fact review "the app's security was reviewed".
fact request "the provider asked for evidence of the deletion".
fact evidence "the licensee gave evidence of the deletion".
duty delete "delete the data" shown by deleted.
duty revoke "revoke the keys" shown by revoked.
duty cooperate "cooperate with the audit" shown by cooperated.
duty get_review "have the app's security reviewed" shown by review.
duty give_evidence "give evidence of the deletion" shown by evidence.
clause 1 "Licence": licensee may use content.
clause 2 "Deletion" survives 60 days:
  licensee must delete within 30 days after termination.
clause 3 "Keys" survives:
  licensee must revoke upon termination.
clause 4 "Audit" survives 1 year after the later of ceased and deleted:
  licensee must cooperate
    when notice
    unless notice is less than 10 business days before audit
      or last_audit is in the same calendar year as audit.
clause 5 "Review": licensee must get_review every 12 months after launch.
clause 6 "Evidence" survives:
  licensee must give_evidence within 10 business days after the earlier of request and termination.
"""

SCHEDULE = """\
schedule "Apps" for "Events".
licensee "Acme".
terminates 2024-06-30.
fact ceased on 2024-06-30.
fact notice on 2024-09-02.

app tool "Tool".
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TERMS, "events.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


@pytest.fixture(scope="module")
def scheduled(terms):
    agreement = contractdsl.Agreement(documents=terms.documents + contractdsl.parse(
        SCHEDULE, "apps.agreement").documents)
    assert contractdsl.check(agreement) == []
    return agreement


def duties(decision) -> dict:
    return {d.clause: (d.status, d.deadline and d.deadline.isoformat()) for d in
            decision.obligations}


def cited(decision) -> set:
    return {r.clause for r in decision.reasons}


# ---- 18.1, 18.2 when an event happened; events a schedule dates -----------------------------


def test_an_event_is_a_fact_the_usage_dates_or_termination():
    """A fact is dated by the usage; `termination` is the last day the agreement was in force
    for the licensee, and has happened on every day from it."""
    happened = ir.when(m.Event(names=("notice",)), {"notice": dt.date(2024, 3, 1)})
    assert happened == (True, dt.date(2024, 3, 1))
    assert ir.when(m.Event(names=("notice",)), {}) == (False, None)  # not stated: not happened
    assert ir.when(m.Event(names=("notice",)), {"notice": None}) == (True, None)  # no date
    assert ir.when(m.as_event(m.TERMINATION), {m.TERMINATION: dt.date(2024, 6, 30)}) == \
        (True, dt.date(2024, 6, 30))


def test_the_later_and_the_earlier_of_several_events():
    """The later of several has happened once all have, on the last date; the earlier once
    one has, on the first date; a date not known leaves it not known."""
    later = m.Event(names=("a", "b"), pick="later")
    earlier = m.Event(names=("a", "b"), pick="earlier")
    days = {"a": dt.date(2024, 3, 1), "b": dt.date(2024, 5, 1)}
    assert ir.when(later, days) == (True, dt.date(2024, 5, 1))
    assert ir.when(earlier, days) == (True, dt.date(2024, 3, 1))
    assert ir.when(later, {"a": days["a"]}) == (False, None)
    assert ir.when(earlier, {"a": days["a"]}) == (True, dt.date(2024, 3, 1))
    assert ir.when(earlier, {"a": days["a"], "b": None}) == (True, None)
    # on one day, an instant and the day without its time: that day
    noon = dt.datetime(2024, 3, 1, 12, tzinfo=dt.timezone.utc)
    assert ir.when(later, {"a": noon, "b": dt.date(2024, 3, 1)}) == (True, dt.date(2024, 3, 1))
    assert ir.when(later, {"a": noon, "b": noon.replace(hour=13)}) == \
        (True, noon.replace(hour=13))


def test_a_schedule_dates_facts_and_ends_the_agreement_for_its_apps(scheduled):
    """A schedule's `terminates` is its licensee's end, and the facts it dates are the
    usages' of its apps from their dates on; a usage of another app is not touched."""
    before = contractdsl.permits(scheduled, {"app": "tool", "date": "2024-06-15"})
    assert before.outcome == "permitted" and "4" not in duties(before)
    after = contractdsl.permits(scheduled, {"app": "tool", "date": "2024-09-10",
                                            "facts": {"audit": "2024-09-30"}})
    assert after.outcome == "denied"
    assert "the agreement terminated on 2024-06-30" in str(after.reasons[0].text)
    assert duties(after)["4"] == ("pending", None)  # the schedule's notice of 2024-09-02
    other = contractdsl.permits(scheduled, {"date": "2024-09-10"})
    assert other.outcome == "permitted" and "4" not in duties(other)


def test_a_usage_that_dates_a_fact_otherwise_than_its_schedule_is_refused(scheduled):
    with pytest.raises(UsageError) as err:
        contractdsl.permits(scheduled, {"app": "tool", "date": "2024-09-10",
                                        "facts": {"notice": "2024-09-03"}})
    assert "the usage states `notice` on 2024-09-03, but “Apps” dates it 2024-09-02" in \
        str(err.value)
    with pytest.raises(UsageError) as err:
        contractdsl.permits(scheduled, {"app": "tool", "date": "2024-09-10",
                                        "terminated": "2024-07-31"})
    assert "“Apps” says it terminates on 2024-06-30" in str(err.value)
    # the same date, or the fact without one, is the schedule's
    same = contractdsl.permits(scheduled, {"app": "tool", "date": "2024-09-10",
                                           "facts": {"notice": None}})
    assert same.outcome == "denied"


SUSPENSION = """\
agreement "Suspension" version "1".
licensor "Provider". licensee "Developer".
effective 2024-01-01.
action use "use the data".
data content "the data".
fact suspended "the provider suspended the licensee's access".
clause 1 "Licence": licensee may use content.
clause 2 "Suspension": licensee must not use content when suspended.
"""


def test_a_fact_a_schedule_dates_has_happened_on_its_day():
    agreement = contractdsl.Agreement(documents=(
        contractdsl.parse(SUSPENSION, "suspension.agreement").documents + contractdsl.parse(
            'schedule "Apps" for "Suspension".\nlicensee "Acme".\n'
            'fact suspended on 2024-06-10.\napp tool "Tool".\n', "apps.agreement").documents))
    assert contractdsl.check(agreement) == []

    def decide(**usage):
        return contractdsl.permits(agreement, {"app": "tool", **usage})

    assert decide(date="2024-06-09").outcome == "permitted"
    on_the_day = decide(date="2024-06-10")
    assert on_the_day.outcome == "denied"
    assert ("2", "prohibits") in {(r.clause, r.effect) for r in on_the_day.reasons}
    assert decide(period={"from": "2024-06-01", "until": "2024-06-10"}).outcome == "denied"
    assert decide(period={"from": "2024-06-01", "until": "2024-06-09"}).outcome == "permitted"


# ---- 18.3 deadlines counted from an event ----------------------------------------------------


def test_a_deadline_counted_from_termination(terms):
    """`within 30 days after termination` falls due 30 days after the last day in force;
    `upon termination` on that day; neither before the agreement ends."""
    usage = {"date": "2024-06-30", "terminated": "2024-06-30"}
    last_day = contractdsl.permits(terms, usage)
    assert last_day.outcome == "permitted"
    # (and clause 6, counted from the earlier of a request and termination: from Sunday
    # 2024-06-30, as from the Friday before, 10 business days fall on 2024-07-12)
    assert duties(last_day) == {"2": ("pending", "2024-07-30"), "3": ("pending", "2024-06-30"),
                                "6": ("pending", "2024-07-12")}
    later = contractdsl.permits(terms, {**usage, "date": "2024-07-31",
                                        "facts": {"revoked": "2024-07-01"}})
    assert later.outcome == "denied"
    assert duties(later) == {"2": ("breached", "2024-07-30"), "3": ("breached", "2024-06-30"),
                             "6": ("breached", "2024-07-12")}
    assert "the usage states `revoked` on 2024-07-01, after it was due" in \
        {str(r.text) for r in later.reasons if r.clause == "3"}.pop()
    running = contractdsl.permits(terms, {"date": "2024-06-30"})
    assert duties(running) == {}


def test_a_deadline_counted_from_the_earlier_of_two_events(terms):
    usage = {"date": "2024-05-20", "facts": {"request": "2024-05-06"}}
    # ten business days from Monday 2024-05-06 is Monday 2024-05-20: not yet late on that day
    assert duties(contractdsl.permits(terms, usage)) == {"6": ("pending", "2024-05-20")}
    late = contractdsl.permits(terms, {**usage, "date": "2024-05-21"})
    assert late.outcome == "denied" and duties(late)["6"][0] == "breached"
    # the agreement ending first starts the count at its end
    ended = contractdsl.permits(terms, {"date": "2024-06-03", "terminated": "2024-05-31",
                                        "facts": {"request": "2024-06-03"}})
    assert duties(ended)["6"] == ("pending", "2024-06-14")


def test_the_earlier_of_two_events_one_undated_is_no_later_than_the_other():
    # (docs/semantics.md, 18.1 and 18.3) the date of the earlier of `fa`, stated without a
    # date, and `fb` is not known, but it is no later than `fb`'s: the duty is due by five days
    # after `fb` at the latest, and breached once that day has passed undone
    terms_ = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
fact fa "event A".
fact fb "event B".
fact done "done".
duty do_it "do it" shown by done.
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause 3: licensee must do_it within 5 days after the earlier of fa and fb.
clause 4: licensee must do_it upon the earlier of fa and fb.
""")
    usage = {"app": "tool", "action": "read", "purpose": "research", "date": "2025-04-01",
             "facts": {"fa": None, "fb": "2025-03-14"}}
    late = contractdsl.permits(terms_, usage)
    assert late.outcome == "denied" and late.missing == ()
    assert duties(late) == {"3": ("breached", "2025-03-19"), "4": ("breached", "2025-03-14")}
    assert "clause 3: requires: do it within 5 days after the earlier of `fa` and `fb` (by " \
        "2025-03-19); the usage does not state `done`" in late.explain()
    # the latest day has not passed, but `fa` may have come long before: left open, asking
    # for its date (docs/semantics.md, 18.3), as it is not once dated within the five days
    early = contractdsl.permits(terms_, {**usage, "date": "2025-03-14"})
    assert early.outcome == "undetermined"
    assert early.missing == ("the date of `fa`, under `facts:` (clause 3)",
                             "the date of `fa`, under `facts:` (clause 4)")
    assert {clause: status for clause, (status, _) in duties(early).items()} == \
        {"3": "pending", "4": "pending"}
    dated = contractdsl.permits(terms_, {**usage, "date": "2025-03-14", "facts": {
        "fa": "2025-03-12", "fb": "2025-03-14"}})
    assert dated.outcome == "denied" and duties(dated)["3"] == ("pending", "2025-03-17")
    # done after the latest day it can fall due, it is late whichever day `fa` came; done by
    # then, it may have been in time or not, as `fa` came: left open, asking for its date
    late_done = contractdsl.permits(terms_, {**usage, "facts": {**usage["facts"],
                                                                "done": "2025-03-20"}})
    assert late_done.outcome == "denied" and late_done.missing == ()
    assert duties(late_done) == {"3": ("breached", "2025-03-19"), "4": ("breached", "2025-03-14")}
    assert "clause 3: requires: do it within 5 days after the earlier of `fa` and `fb` (by " \
        "2025-03-19); the usage states `done` on 2025-03-20, after it was due" in \
        late_done.explain()
    upon_late = contractdsl.permits(terms_, {**usage, "facts": {**usage["facts"],
                                                                "done": "2025-03-19"}})
    assert upon_late.outcome == "denied"
    assert {clause: status for clause, (status, _) in duties(upon_late).items()} == \
        {"3": "pending", "4": "breached"}
    assert "clause 3: requires: do it within 5 days after the earlier of `fa` and `fb`; the " \
        "usage states `fa` without a date, so it cannot tell whether `done` on 2025-03-19 " \
        "was in time" in upon_late.explain()
    done = {**usage, "facts": {**usage["facts"], "done": "2025-03-14"}}
    open_ = contractdsl.permits(terms_, done)
    assert open_.outcome == "undetermined"
    assert open_.missing == ("the date of `fa`, under `facts:` (clause 3)",
                             "the date of `fa`, under `facts:` (clause 4)")
    # (`fa` dated: done the day the earlier came, in time for both)
    assert contractdsl.permits(terms_, {**done, "facts": {**done["facts"], "fa": "2025-03-14"}}
                               ).outcome == "permitted"


def test_a_duty_counted_from_termination_must_survive_it():
    text = TERMS.replace('clause 3 "Keys" survives:', 'clause 3 "Keys":')
    (problem,) = contractdsl.check(contractdsl.parse(text, "events.agreement"))
    assert problem.code == "not-surviving" and problem.line == 26
    assert "clause `3` counts its deadline from termination, but does not survive" in \
        problem.message and "survives" in problem.help
    proviso = TERMS + "clause 7: licensee may store content provided licensee must revoke " \
                      "upon termination.\n"
    (problem,) = contractdsl.check(contractdsl.parse(proviso, "events.agreement"))
    assert problem.code == "not-surviving" and problem.column > 40


def test_a_duty_counted_from_the_earlier_of_a_fact_and_termination_need_not_survive():
    # (the checker refused it, saying the duty never binds: but it binds from the fact, when
    # the fact comes before the agreement ends)
    text = TERMS + """\
clause 7: licensee must delete within 30 days after the earlier of request and termination.
clause 8: licensee may store content provided licensee must revoke within 5 days after the
  earlier of request and termination.
"""
    terms = contractdsl.parse(text, "events.agreement")
    assert contractdsl.check(terms) == []
    late = contractdsl.permits(terms, {"action": "use", "date": "2024-04-05",
                                       "facts": {"request": "2024-03-01"}})
    assert late.outcome == "denied"
    assert "clause 7: requires: delete the data within 30 days after the earlier of `request` " \
        "and termination (by 2024-03-31); the usage does not state `deleted`" in late.explain()
    done = contractdsl.permits(terms, {"action": "use", "date": "2024-04-05", "facts": {
        "request": "2024-03-01", "deleted": "2024-03-31", "evidence": "2024-03-05"}})
    assert done.outcome == "permitted"
    # the later of a fact and termination comes after the agreement ends: it must survive
    later = text.replace("clause 7: licensee must delete within 30 days after the earlier",
                         "clause 7: licensee must delete within 30 days after the later")
    (problem,) = contractdsl.check(contractdsl.parse(later, "events.agreement"))
    assert problem.code == "not-surviving" and "clause `7`" in problem.message


def test_a_duty_counted_from_an_event_before_the_clause_binds_is_owed_from_that_day():
    """No duty falls due before its clause exists: counted from an event that came before
    the clause binds, it is owed from the day the clause binds, counted from that day (a
    request of 2020 under an agreement of 2024 is due 30 days after the agreement begins)."""
    text = TERMS + """\
clause 7: licensee must delete within 30 days after request.
clause 8: licensee must revoke within 24 hours after request.
"""
    terms = contractdsl.parse(text, "events.agreement")
    assert contractdsl.check(terms) == []
    request = {"request": "2020-03-01", "revoked": "2024-01-01T10:00:00Z"}
    fresh = contractdsl.permits(terms, {"date": "2024-01-15", "facts": request})
    assert fresh.outcome == "permitted", fresh.explain()
    # (clause 6 too: 10 business days after the earlier of the request and termination)
    assert duties(fresh) == {"6": ("pending", "2024-01-15"), "7": ("pending", "2024-01-31"),
                             "8": ("met", "2024-01-02T00:00:00+00:00")}
    late = contractdsl.permits(terms, {"date": "2024-02-01", "facts": request})
    assert late.outcome == "denied"
    assert "clause 7: requires: delete the data within 30 days after `request` (by " \
        "2024-01-31); the usage does not state `deleted`" in late.explain()
    # a later version that adds the duty owes it from its own first day
    added = contractdsl.parse(text.replace('version "1"', 'version "2"').replace(
        "effective 2024-01-01", "effective 2024-06-01"), "second.agreement")
    first = contractdsl.parse(TERMS, "events.agreement")
    both = contractdsl.Agreement(documents=first.documents + added.documents)
    assert duties(contractdsl.permits(both, {"date": "2024-06-20", "facts": {
        "request": "2024-02-01", "revoked": "2024-06-01"}}))["7"] == ("pending", "2024-07-01")
    assert contractdsl.permits(both, {"date": "2024-07-02", "facts": {
        "request": "2024-02-01", "revoked": "2024-06-01"}}).outcome == "denied"


def test_a_duty_a_later_version_renumbers_is_owed_from_the_first_versions_day():
    """A number is only a name: a duty whose clause the next version renumbers binds without
    a break, so a request made under the first version is due when that version said, not
    counted again from the day the second begins."""
    text = TERMS + "clause 7: licensee must delete within 30 days after request.\n"
    first = contractdsl.parse(text, "events.agreement")
    second = contractdsl.parse(text.replace('version "1"', 'version "2"').replace(
        "effective 2024-01-01", "effective 2024-06-01").replace("clause 7:", "clause 9:"),
        "second.agreement")
    both = contractdsl.Agreement(documents=first.documents + second.documents)
    request = {"request": "2024-05-01"}
    decision = contractdsl.permits(both, {"date": "2024-06-05", "facts": request})
    assert decision.outcome == "denied" and duties(decision)["9"] == ("breached", "2024-05-31")
    assert "clause 9: requires: delete the data within 30 days after `request` (by " \
        "2024-05-31); the usage does not state `deleted`" in decision.explain()
    # a clause that says something else under the old number is a new duty, owed from its day
    changed = contractdsl.parse(text.replace('version "1"', 'version "2"').replace(
        "effective 2024-01-01", "effective 2024-06-01").replace("clause 7:", "clause 9:")
        .replace("within 30 days", "within 31 days"), "second.agreement")
    both = contractdsl.Agreement(documents=first.documents + changed.documents)
    assert duties(contractdsl.permits(both, {"date": "2024-06-05", "facts": request}))["9"] \
        == ("pending", "2024-07-02")


def test_a_recurring_duty_after_an_event_before_the_clause_binds_is_first_due_after_that_day(
        terms):
    """Launched in 2020 under a clause that binds from 2024-01-01, the first review is due
    12 months after that day, not in 2021."""
    launched = {"launch": "2020-01-01"}
    early = contractdsl.permits(terms, {"date": "2024-06-01", "facts": launched})
    assert early.outcome == "permitted" and duties(early) == {"5": ("pending", "2025-01-01")}
    overdue = contractdsl.permits(terms, {"date": "2025-01-02", "facts": launched})
    assert overdue.outcome == "denied" and duties(overdue) == {"5": ("breached", "2025-01-01")}
    # a review before the clause binds counts nothing, as one before the event
    reviewed = contractdsl.permits(terms, {"date": "2025-01-02", "facts": {
        **launched, "review": "2023-06-01"}})
    assert reviewed.outcome == "denied"


BEFORE_BINDS = TERMS.replace("effective 2024-01-01.", "effective 2024-01-01.\nstandard prompt \"promptly\".") + """\
clause 7: licensee must cooperate before audit.
clause 8: licensee must give_evidence within prompt after request.
clause 9: licensee must delete within 30 days after ceased.
"""


def test_a_duty_before_an_event_that_came_before_the_clause_binds_is_not_owed():
    """A duty to act before an event is owed before an event that comes once the clause
    binds; one that came before it (an audit of 2020 under an agreement of 2024) had already
    come when the licensee agreed, so nothing was ever owed before it."""
    terms = contractdsl.parse(BEFORE_BINDS, "events.agreement")
    assert contractdsl.check(terms) == []
    old = contractdsl.permits(terms, {"date": "2024-06-01", "facts": {"audit": "2020-03-01"}})
    assert old.outcome == "permitted", old.explain()
    assert "7" not in duties(old)
    # an audit from the day the clause binds on is one the duty comes before
    for day in ("2024-01-01", "2024-05-01"):
        late = contractdsl.permits(terms, {"date": "2024-06-01", "facts": {"audit": day}})
        assert late.outcome == "denied" and duties(late)["7"] == ("breached", day)


def test_a_time_left_to_judgement_after_an_event_before_the_clause_binds_says_its_start():
    """Left to a standard, the time counts from the day the clause binds, as a deadline in
    days does: the words the finding is asked on say so, since a finding of 2024 on a
    request of 2020 would otherwise judge four years the clause never gave."""
    terms = contractdsl.parse(BEFORE_BINDS, "events.agreement")
    old = contractdsl.permits(terms, {"date": "2024-06-01", "facts": {
        "request": "2020-03-01", "evidence": "2024-01-03"}, "findings": {"prompt": True}})
    assert "clause 8: requires: give evidence of the deletion within a time left to " \
        "judgement after `request`, counted from 2024-01-01, when the clause began to bind " \
        "(“promptly”, `prompt`); the usage states `evidence`, found in time (`prompt`)" \
        in old.explain()
    fresh = contractdsl.permits(terms, {"date": "2024-06-01", "facts": {
        "request": "2024-03-01"}, "findings": {"prompt": False}})
    assert fresh.outcome == "denied"
    assert "within a time left to judgement after `request` (“promptly”, `prompt`); the " \
        "usage does not state `evidence`, and the time for it is found past" in fresh.explain()


def test_a_duty_once_after_an_event_without_a_date_and_not_done_asks_for_its_date():
    """A request of unknown date, nothing deleted: long after the clause binds the deadline
    may have passed, so the usage is left open and asks for the date, as a recurring duty
    does; within 30 days of the day the clause binds it cannot have, and the duty is to do."""
    terms = contractdsl.parse(BEFORE_BINDS, "events.agreement")
    undated = {"ceased": None}
    early = contractdsl.permits(terms, {"date": "2024-01-31", "facts": undated})
    assert early.outcome == "permitted" and duties(early)["9"] == ("pending", None)
    open_ = contractdsl.permits(terms, {"date": "2024-06-01", "facts": undated})
    assert open_.outcome == "undetermined"
    assert "clause 9: requires: delete the data within 30 days after `ceased`; the usage " \
        "states `ceased` without a date and does not state `deleted`, so it cannot tell " \
        "whether the duty has fallen due" in open_.explain()
    assert [str(x) for x in open_.missing] == ["the date of `ceased`, under `facts:` (clause 9)"]
    # done on a day not stated, or the event dated, it is decided; done on a day stated, it
    # may have been late as the event came, unless it was in time from the earliest it can be
    assert contractdsl.permits(terms, {"date": "2024-06-01", "facts": {
        "ceased": None, "deleted": None}}).outcome == "permitted"
    late = contractdsl.permits(terms, {"date": "2024-06-01", "facts": {
        "ceased": None, "deleted": "2024-05-01"}})
    assert late.outcome == "undetermined"
    assert "clause 9: requires: delete the data within 30 days after `ceased`; the usage " \
        "states `ceased` without a date, so it cannot tell whether `deleted` on 2024-05-01 " \
        "was in time" in late.explain()
    assert [str(x) for x in late.missing] == ["the date of `ceased`, under `facts:` (clause 9)"]
    assert contractdsl.permits(terms, {"date": "2024-06-01", "facts": {
        "ceased": None, "deleted": "2024-01-31"}}).outcome == "permitted"
    assert contractdsl.permits(terms, {"date": "2024-06-01", "facts": {
        "ceased": "2024-05-20"}}).outcome == "permitted"


# ---- 18.4 survival --------------------------------------------------------------------------


def test_a_recurring_duty_after_the_earlier_of_two_events_one_undated_is_due_by_the_latest():
    # (docs/semantics.md, 18.3 and 18.5) the earlier of `fa`, stated without a date, and `fb`
    # on 2024-03-01 came no later than 2024-03-01: the first review was due by 2024-04-01 at the
    # latest, so a usage after it with no review breaches the duty
    terms_ = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact fa "event A".
fact fb "event B".
fact reviewed "reviewed".
duty review "review the app" shown by reviewed.
clause 1: licensee may use content.
clause 2: licensee must review every 1 month after the earlier of fa and fb.
""")
    facts = {"fa": None, "fb": "2024-03-01"}
    undone = contractdsl.permits(terms_, {"date": "2024-05-01", "facts": facts})
    assert undone.outcome == "denied"
    assert duties(undone) == {"2": ("breached", "2024-04-01")}
    # on 2024-04-01 the review may be overdue (`fa` in January) or not: the date decides it
    assert contractdsl.permits(terms_, {"date": "2024-04-01", "facts": facts}).outcome == \
        "undetermined"
    assert contractdsl.permits(terms_, {"date": "2024-04-01", "facts": {
        **facts, "fa": "2024-03-10"}}).outcome == "permitted"
    late = contractdsl.permits(terms_, {"period": {"from": "2024-04-01", "until": "2024-04-30"},
                                        "facts": {**facts, "reviewed": "2024-04-20"}})
    assert late.outcome == "denied"
    assert "the usage states `reviewed` on 2024-04-20, after it was due" in late.explain()
    kept = contractdsl.permits(terms_, {"date": "2024-05-10",
                                        "facts": {**facts, "reviewed": "2024-04-20"}})
    assert kept.outcome == "permitted"
    assert duties(kept) == {"2": ("met", "2024-05-20")}

def test_survival_after_an_event_before_the_clause_binds_counts_from_the_event(terms):
    """Survival says how long a clause binds after the agreement ends; it owes nothing before
    the clause binds, so it counts from the event as written: a year after events of 2020
    ended in 2021, before the agreement did, and nothing of clause 4 survives its end of
    2024-06-30, while it bound the licensee as any clause while the agreement was in force."""
    facts = {"ceased": "2020-01-01", "deleted": "2020-02-01", "notice": "2024-03-01"}
    assert "4" in duties(contractdsl.permits(terms, {"date": "2024-05-10", "facts": facts}))
    ended = contractdsl.permits(terms, {"date": "2024-08-10", "terminated": "2024-06-30",
                                        "facts": {**facts, "notice": "2024-08-01"}})
    assert "4" not in duties(ended)
    recent = {"ceased": "2023-09-01", "deleted": "2023-09-01", "notice": "2024-08-01"}
    assert "4" in duties(contractdsl.permits(terms, {
        "date": "2024-08-10", "terminated": "2024-06-30", "facts": recent}))


def test_survival_after_the_earlier_of_two_events_one_undated_ends_by_the_latest_it_can():
    # (docs/semantics.md, 18.1 and 18.4) the earlier of `fa`, stated without a date, and `fb`
    # on 2024-07-10 came no later than 2024-07-10: the audit clause survives at most until
    # 2025-07-10, so declining an audit in 2026 refuses no duty that binds
    terms_ = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
terminates 2024-06-30.
action use "use".
act decline "decline a request".
data content "content".
fact fa "event A".
fact fb "event B".
fact notice "notice of an audit".
fact cooperated "cooperated".
duty cooperate "cooperate with the audit" shown by cooperated.
clause 1: licensee may use content.
clause 2 survives 1 year after the earlier of fa and fb:
  licensee must cooperate when notice.
""")
    usage = {"act": "decline", "refuses": ["cooperate"],
             "facts": {"fa": None, "fb": "2024-07-10", "notice": "2024-07-01"}}
    late = contractdsl.permits(terms_, {**usage, "date": "2026-03-01"})
    assert late.outcome == "permitted"
    assert "2" not in {r.clause for r in late.reasons}
    last = contractdsl.permits(terms_, {**usage, "date": "2025-07-10"})
    assert last.outcome == "denied"
    assert [(r.clause, r.effect) for r in last.reasons if r.clause] == [("2", "breached")]
    # both dated: it ends a year after the first
    dated = {**usage, "facts": {**usage["facts"], "fa": "2024-07-01"}}
    assert contractdsl.permits(terms_, {**dated, "date": "2025-07-02"}).outcome == "permitted"
    assert contractdsl.permits(terms_, {**dated, "date": "2025-07-01"}).outcome == "denied"

def test_a_clause_survives_without_end_for_a_time_or_until_after_an_event(terms):
    """`survives` keeps a clause without end; `survives 60 days` for 60 days after the last
    day; `survives 1 year after the later of ceased and deleted` for a year after both."""
    usage = {"date": "2025-03-03", "terminated": "2024-06-30",
             "facts": {"notice": "2025-02-03", "audit": "2025-02-24", "ceased": "2024-06-30",
                       "deleted": "2024-07-15", "revoked": "2024-06-30"}}
    decision = contractdsl.permits(terms, usage)
    assert set(duties(decision)) == {"3", "4", "6"}  # 2 ended on 2024-08-29
    assert duties(decision)["4"] == ("pending", None)
    lapsed = contractdsl.permits(terms, {**usage, "date": "2025-07-16"})
    assert set(duties(lapsed)) == {"3", "6"}  # a year after 2024-07-15
    on_the_day = contractdsl.permits(terms, {**usage, "date": "2025-07-15"})
    assert set(duties(on_the_day)) == {"3", "4", "6"}
    # the deletion not stated: the clause survives without end; stated without a date, too
    for facts in ({"ceased": "2024-06-30"}, {"ceased": "2024-06-30", "deleted": None}):
        kept = contractdsl.permits(terms, {**usage, "date": "2030-01-02",
                                           "facts": {**usage["facts"], **facts,
                                                     **({} if "deleted" in facts else
                                                        {"deleted": None})}})
        assert "4" in duties(kept)


# ---- 18.5 recurring duties ------------------------------------------------------------------


def test_a_duty_every_12_months(terms):
    """Due 12 months after the last time the usage says it was done, else after the event it
    names; met while that is recent enough, breached once overdue; stated without a date, it
    is done."""
    launch = {"launch": "2024-02-01"}
    assert duties(contractdsl.permits(terms, {"date": "2024-12-01", "facts": launch})) == \
        {"5": ("pending", "2025-02-01")}
    overdue = contractdsl.permits(terms, {"date": "2025-02-02", "facts": launch})
    assert overdue.outcome == "denied" and duties(overdue) == {"5": ("breached", "2025-02-01")}
    reviewed = contractdsl.permits(terms, {"date": "2025-06-01", "facts": {**launch,
                                                                          "review": "2025-01-15"}})
    assert reviewed.outcome == "permitted"
    assert duties(reviewed) == {"5": ("met", "2026-01-15")}
    stale = contractdsl.permits(terms, {"date": "2026-02-01", "facts": {
        **launch, "review": "2025-01-15"}})
    assert duties(stale) == {"5": ("breached", "2026-01-15")}
    assert "the usage states `review` last on 2025-01-15, and not since" in \
        {str(r.text) for r in stale.reasons if r.clause == "5"}.pop()
    undated = contractdsl.permits(terms, {"date": "2026-02-01", "facts": {**launch,
                                                                        "review": None}})
    assert duties(undated) == {"5": ("met", None)}
    # a review the usage dates after its last day says nothing of the time before
    future = contractdsl.permits(terms, {"date": "2025-06-01", "facts": {
        **launch, "review": "2025-07-01"}})
    assert duties(future)["5"][0] == "breached"
    assert duties(contractdsl.permits(terms, {"date": "2025-06-01"})) == {}  # never launched


def test_a_duty_every_12_months_done_late_was_overdue_until_then(terms):
    """Due on 2025-02-01, done on 2025-03-01: the days between are overdue, so a period that
    holds one of them is denied, and one that begins on the day it was done is not."""
    facts = {"launch": "2024-02-01", "review": "2025-03-01"}
    period = contractdsl.permits(terms, {"period": {"from": "2025-01-01", "until": "2025-06-30"},
                                         "facts": facts})
    assert period.outcome == "denied" and duties(period) == {"5": ("breached", "2025-02-01")}
    (reason,) = [str(r.text) for r in period.reasons if r.clause == "5"]
    assert reason.endswith("the usage states `review` on 2025-03-01, after it was due")
    after = contractdsl.permits(terms, {"period": {"from": "2025-03-01", "until": "2025-06-30"},
                                        "facts": facts})
    assert after.outcome == "permitted" and duties(after) == {"5": ("met", "2026-03-01")}


def test_a_duty_every_12_months_done_late_within_a_day_was_overdue_until_its_instant(terms):
    """Due on 2025-02-01, done at 11:00 on 2025-02-02: the instants of that day before 11:00
    are overdue, so a usage at 10:00 is denied, and so is every period or day that holds it,
    while one that begins after 11:00 is not."""
    facts = {"launch": "2024-02-01", "review": "2025-02-02T11:00:00Z"}

    def decided(**when):
        return contractdsl.permits(terms, {**when, "facts": facts})

    at_ten = decided(date="2025-02-02T10:00:00Z")
    assert at_ten.outcome == "denied"
    for when in ({"period": {"from": "2025-02-02T00:00:00Z", "until": "2025-02-02T12:00:00Z"}},
                 {"date": "2025-02-02"}, {"period": {"from": "2025-01-20",
                                                     "until": "2025-02-10"}}):
        decision = decided(**when)
        assert decision.outcome == "denied" and duties(decision) == {
            "5": ("breached", "2025-02-01")}, when
        (reason,) = [str(r.text) for r in decision.reasons if r.clause == "5"]
        assert reason.endswith(
            "the usage states `review` on 2025-02-02 11:00 UTC, after it was due")
    for when in ({"date": "2025-02-02T12:00:00Z"}, {"period": {
            "from": "2025-02-02T11:00:00Z", "until": "2025-02-10"}}, {"date": "2025-02-03"}):
        decision = decided(**when)
        assert decision.outcome == "permitted" and duties(decision) == {
            "5": ("met", "2026-02-02")}, when


def test_a_duty_every_12_months_after_an_event_without_a_date_asks_for_its_date(terms):
    """A time done before the event counts nothing: where the event is stated without a date,
    the last time may have come before it, so a duty overdue counted from that time is left
    open, naming the date to state; one still in time counted from it is met either way."""
    facts = {"launch": None, "review": "2024-02-01"}
    open_ = contractdsl.permits(terms, {"date": "2025-03-01", "facts": facts})
    assert open_.outcome == "undetermined" and duties(open_) == {"5": ("pending", None)}
    assert [str(r.text) for r in open_.reasons if r.clause == "5"] == [
        "requires: have the app's security reviewed every 12 months after `launch`; the usage "
        "states `launch` without a date, so it cannot tell whether `review` on 2024-02-01 came "
        "before `launch`, and counts nothing"]
    assert [str(m_) for m_ in open_.missing] == ["the date of `launch`, under `facts:` "
                                                 "(clause 5)"]
    # the date stated decides it: launched before the review, or after it
    assert contractdsl.permits(terms, {"date": "2025-03-01", "facts": {
        **facts, "launch": "2024-01-10"}}).outcome == "denied"
    assert contractdsl.permits(terms, {"date": "2025-03-01", "facts": {
        **facts, "launch": "2024-06-01"}}).outcome == "permitted"
    recent = contractdsl.permits(terms, {"date": "2024-12-01", "facts": facts})
    assert recent.outcome == "permitted" and duties(recent) == {"5": ("met", "2025-02-01")}


def test_a_duty_every_12_months_after_an_event_without_a_date_and_never_done_asks_for_it(
        terms):
    """Never done, counted from an event stated without a date: the event may have come a
    year or more before the day judged, so the duty may be overdue; the usage is left open,
    asking for the date, as it is when a review is stated (never better off than that);
    but counted from no earlier than the day the clause binds (2024-01-01), the first review
    is due no earlier than 2025-01-01, so a usage before then owes it still."""
    early = contractdsl.permits(terms, {"date": "2024-06-01", "facts": {"launch": None}})
    assert early.outcome == "permitted" and duties(early) == {"5": ("pending", None)}
    for day in ("2025-01-02", "2025-03-01", "2030-01-01"):
        open_ = contractdsl.permits(terms, {"date": day, "facts": {"launch": None}})
        assert open_.outcome == "undetermined", day
        assert duties(open_) == {"5": ("pending", None)}
        assert [str(r.text) for r in open_.reasons if r.clause == "5"] == [
            "requires: have the app's security reviewed every 12 months after `launch`; the "
            "usage states `launch` without a date and does not state `review`, so it cannot "
            "tell whether the duty has fallen due"]
        assert [str(m_) for m_ in open_.missing] == ["the date of `launch`, under `facts:` "
                                                     "(clause 5)"]
    for launch, outcome in (("2024-01-10", "denied"), ("2024-06-01", "permitted")):
        assert contractdsl.permits(terms, {"date": "2025-03-01", "facts": {
            "launch": launch}}).outcome == outcome
    # done at a time stated without a date: met, whenever the launch came
    assert contractdsl.permits(terms, {"date": "2025-03-01", "facts": {
        "launch": None, "review": None}}).outcome == "permitted"


def test_a_duty_every_12_months_done_before_its_event_is_first_due_after_the_event(terms):
    """A review done before the launch does not bring the first one due forward: the duty is
    not owed before its event, and is first due 12 months after it; stating the earlier
    review never makes a usage worse off than leaving it out."""
    early = {"launch": "2024-02-01", "review": "2023-11-15"}
    for day in ("2024-03-01", "2025-02-01"):
        decision = contractdsl.permits(terms, {"date": day, "facts": early})
        assert decision.outcome == "permitted"
        assert duties(decision) == {"5": ("pending", "2025-02-01")}
    overdue = contractdsl.permits(terms, {"date": "2025-02-02", "facts": early})
    assert overdue.outcome == "denied" and duties(overdue) == {"5": ("breached", "2025-02-01")}
    assert {str(r.text) for r in overdue.reasons if r.clause == "5"} == {
        "requires: have the app's security reviewed every 12 months after `launch` (by "
        "2025-02-01); the usage states `review` last on 2023-11-15, and not since"}
    # not launched (or launched after the day judged): not owed, whatever was done before
    for facts in ({"review": "2023-11-15"}, {"review": "2023-11-15", "launch": "2025-03-01"}):
        decision = contractdsl.permits(terms, {"date": "2025-01-10", "facts": facts})
        assert decision.outcome == "permitted" and duties(decision) == {}


def test_a_duty_every_year_done_before_the_clause_binds_is_first_due_a_year_after_it():
    text = TERMS.replace("every 12 months after launch", "every 1 year")
    agreement = contractdsl.parse(text, "events.agreement")
    decision = contractdsl.permits(agreement, {"date": "2024-12-31",
                                               "facts": {"review": "2023-06-01"}})
    assert decision.outcome == "permitted" and duties(decision) == {"5": ("pending",
                                                                          "2025-01-01")}


def test_a_duty_every_year_counted_from_the_clause_start():
    text = TERMS.replace("every 12 months after launch", "every 1 year")
    agreement = contractdsl.parse(text, "events.agreement")
    assert duties(contractdsl.permits(agreement, {"date": "2024-12-31"})) == \
        {"5": ("pending", "2025-01-01")}
    assert duties(contractdsl.permits(agreement, {"date": "2025-01-02"}))["5"][0] == "breached"
    # a later version holding the same clause keeps counting from the first version's start
    second = text.replace('version "1"', 'version "2"').replace("effective 2024-01-01",
                                                                "effective 2024-07-01")
    both = contractdsl.Agreement(documents=agreement.documents + contractdsl.parse(
        second, "second.agreement").documents)
    assert duties(contractdsl.permits(both, {"date": "2025-01-02"}))["5"] == \
        ("breached", "2025-01-01")



def test_a_duty_every_hour_done_on_a_day_is_due_at_the_time_of_day_it_was_done():
    """A duty every so many hours, with no event, is counted from the last time it was done:
    done on a day stated without a time, its next time falls on a day at the time of day it
    was done, said so (the words named no event, and explaining the decision raised)."""
    agreement = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact reported "the report was sent".
duty report "send the report" shown by reported.
app tool "Tool".
clause 1: licensee may use content.
clause 2: licensee must report every 1 hour.
""", "hourly.agreement")
    decision = contractdsl.permits(agreement, {
        "app": "tool", "action": "use", "data": "content", "date": "2024-01-01",
        "facts": {"reported": "2024-01-01"}})
    (duty,) = decision.obligations
    assert str(duty.text) == "send the report every 1 hour (on 2024-01-01, at the time of " \
        "day of `reported`)"

# ---- 18.6, 18.7 comparing two facts' dates, in business days ---------------------------------


@pytest.mark.parametrize("notice, audit, previous, owed", [
    ("2024-09-02", "2024-09-16", None, True),           # Monday + 10 business days: enough
    ("2024-09-02", "2024-09-13", None, False),          # a day short
    ("2024-09-06", "2024-09-20", None, True),           # Friday to Friday, over two weekends
    ("2024-09-02", "2024-09-16", "2024-01-10", False),  # a second audit in 2024
    ("2024-09-02", "2024-09-16", "2023-12-20", True),   # the last one was in 2023
])
def test_two_facts_dates_compared_by_the_day(terms, notice, audit, previous, owed):
    facts = {"notice": notice, "audit": audit, **({"last_audit": previous} if previous else {})}
    decision = contractdsl.permits(terms, {"date": "2024-09-20", "facts": facts})
    assert ("4" in duties(decision)) is owed


def test_a_comparison_with_a_fact_without_its_date_is_a_question_left_open(terms):
    refused = {"date": "2024-09-20", "refuses": ["cooperate"]}
    open_ = contractdsl.permits(terms, {**refused, "facts": {"notice": None,
                                                             "audit": "2024-09-16"}})
    assert open_.outcome == "undetermined" and cited(open_) == {"4"}
    assert [str(m_) for m_ in open_.missing] == ["the date of `notice`, under `facts:` "
                                                 "(clause 4)"]
    assert "asks whether `notice` is less than 10 business days before `audit`" in \
        str(open_.reasons[0].text)
    # a fact not stated at all did not happen: nothing is open
    closed = contractdsl.permits(terms, {**refused, "facts": {"notice": None}})
    assert closed.outcome == "denied"


def test_dates_are_compared_by_the_day_not_the_hour():
    text = TERMS.replace("less than 10 business days", "less than 24 hours")
    with pytest.raises(AgreementError) as err:
        contractdsl.parse(text, "events.agreement")
    (problem,) = err.value.diagnostics
    assert problem.code == "date-precision" and (problem.line, problem.column) == (31, 32)
    assert "compared by the day" in problem.message and problem.help


# ---- 18.2 facts dated in a schedule only -----------------------------------------------------


def test_a_fact_is_dated_in_a_schedule_not_in_the_agreement():
    (problem,) = contractdsl.check(contractdsl.parse(
        TERMS + "fact notice on 2024-09-02.\n", "events.agreement"))
    assert problem.code == "not-in-schedule" and "in its schedule" in problem.message
    with pytest.raises(AgreementError) as err:
        contractdsl.parse(SCHEDULE + "duty revoke on 2024-09-02.\n", "apps.agreement")
    assert "only a fact can be dated, not a duty" in str(err.value)


def test_the_events_print_back_as_written(terms):
    printed = format_text(TERMS, "events.agreement")
    assert format_text(printed, "events.agreement") == printed
    assert contractdsl.parse(printed) == terms
    for line in ('clause 4 "Audit" survives 1 year after the later of ceased and deleted:',
                 '    unless notice is less than 10 business days before audit or last_audit is '
                 'in the same calendar year as audit.',
                 "  licensee must revoke upon termination.",
                 "  licensee must get_review every 12 months after launch.",
                 "  licensee must give_evidence within 10 business days after the earlier of "
                 "request and termination."):
        assert line in printed.splitlines()
    assert format_text(SCHEDULE) == SCHEDULE


def test_a_fact_in_the_same_calendar_year_as_itself_needs_no_date():
    """A day is in its own calendar year: the comparison holds whenever the fact happened,
    and a usage that states it without a date leaves no question open."""
    agreement = contractdsl.parse("""\
agreement "Self" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact launch "the launch".
clause 1: licensee may use content.
clause 2: licensee must not use content when launch is in the same calendar month as launch.
""", "self.agreement")
    undated = contractdsl.permits(agreement, {"date": "2024-06-01", "facts": ["launch"]})
    assert undated.outcome == "denied" and undated.missing == ()
    dated = contractdsl.permits(agreement, {"date": "2024-06-01",
                                            "facts": {"launch": "2024-02-03"}})
    assert dated.outcome == "denied"
    assert contractdsl.permits(agreement, {"date": "2024-06-01"}).outcome == "permitted"


# ---- 18.8 the edges of the calendar --------------------------------------------------------


EDGE = """\
agreement "Edge" version "1".
effective 9999-01-01.
action use "use".
data content "content".
fact request "a request".
fact done "done".
fact first "the first event".
fact second "the second event".
duty act "act" shown by done.
clause 1: licensee may use content.
clause 2 survives 10 business days after request:
  licensee must act within 10 business days after request.
clause 3 survives 1 year: licensee must act upon termination.
clause 4: licensee must act every 12 months.
clause 5: licensee must not use content when first is at least 1 year before second.
clause 6: licensee must not use content when first is in the same calendar year as second
  and not first is less than 5 business days before second.
"""


def test_no_date_overflows_at_the_end_of_the_calendar():
    agreement = contractdsl.parse(EDGE, "edge.agreement")
    assert contractdsl.check(agreement) == []
    last = "9999-12-31"
    usage = {"date": last, "terminated": last,
             "facts": {"request": "9999-12-30", "first": "9999-12-30", "second": last}}
    decision = contractdsl.permits(agreement, usage)
    assert decision.outcome == "permitted", decision.explain()
    found = duties(decision)
    # 10 business days (and a year) past the end of the calendar: never due within it
    assert found["2"] == ("pending", last) and found["4"] == ("pending", last)
    assert found["3"] == ("pending", last)
    # a year after 9999-12-30 is past the calendar: the gap is never that long
    assert "5" not in cited(decision)
    # every date compared with every other, and survival counted from each, on the last days
    for first in ("9999-12-24", "9999-12-30", last):
        for second in ("9999-12-24", last):
            for ended in (None, "9999-12-30", last):
                facts = {"request": first, "first": first, "second": second, "done": second}
                contractdsl.permits(agreement, {"date": last, "facts": facts,
                                                **({"terminated": ended} if ended else {})}
                                    ).explain()
    gap = ir.DateGap(first="a", comparison="at least",
                     duration=m.Duration(count=1, unit="year"), second="b")
    assert gap.decide({"a": dt.date(9999, 12, 31), "b": dt.date(9999, 12, 31)}, "ab") is False
    assert ir.DateGap(first="a", comparison="at most", duration=m.Duration(count=1, unit="year"),
                      second="b").decide({"a": dt.date(9999, 1, 1), "b": dt.date(9999, 12, 31)},
                                         "ab")


def test_survival_past_the_calendar_and_from_its_first_day():
    agreement = contractdsl.parse(EDGE.replace("effective 9999-01-01", "effective 0001-01-01"),
                                  "edge.agreement")
    decision = contractdsl.permits(agreement, {"date": "0001-01-01", "terminated": "0001-01-01",
                                               "facts": {"request": "0001-01-01"}})
    assert decision.outcome == "permitted"
    far = contractdsl.permits(agreement, {"date": "9999-12-31", "terminated": "0001-01-01",
                                          "facts": {"request": "9999-12-31"}})
    assert far.outcome == "denied" and "2" in duties(far)


def test_an_event_names_facts_the_agreement_defines():
    text = TERMS.replace("after the later of ceased and deleted", "after the later of ceased "
                         "and deletd").replace("last_audit is in the same", "last_audt is in "
                                                                            "the same")
    problems = contractdsl.check(contractdsl.parse(text, "events.agreement"))
    assert [(p.code, p.line, p.message) for p in problems] == [
        ("unknown-name", 28, "unknown fact `deletd`"),
        ("unknown-name", 32, "unknown fact `last_audt`: only the dates of facts are compared")]
    assert problems[0].help == "did you mean `deleted`?"
    assert problems[0].column == text.splitlines()[27].index("deletd") + 1


def test_a_schedule_dates_only_facts_the_agreement_defines(terms):
    schedule = contractdsl.parse(SCHEDULE.replace("fact notice on", "fact notise on"),
                                 "apps.agreement")
    (problem,) = contractdsl.check(contractdsl.Agreement(documents=terms.documents +
                                                         schedule.documents))
    assert (problem.code, problem.file, problem.line, problem.column, problem.width) == \
        ("unknown-name", "apps.agreement", 5, 6, 6)
    assert problem.message == "unknown fact `notise`" and problem.help == \
        "did you mean `notice`?"


def test_a_deadline_from_termination_is_counted_in_days():
    text = TERMS.replace("within 30 days after termination", "within 48 hours after termination")
    (problem,) = contractdsl.check(contractdsl.parse(text, "events.agreement"))
    assert (problem.code, problem.line) == ("date-precision", 25)
    assert problem.help == "write the duration in days, e.g. `within 2 days after termination`"
    # (a day alone was said "1 days")
    (problem,) = contractdsl.check(contractdsl.parse(
        TERMS.replace("within 30 days after termination", "within 24 hours after termination"),
        "events.agreement"))
    assert problem.help == "write the duration in days, e.g. `within 1 day after termination`"


# the head of the small agreements below: their actions, data and purposes
READING = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
purpose marketing "marketing".
"""


def test_a_fact_the_usage_dates_after_its_last_day_has_not_happened_by_then():
    # (a fact the usage dated after its day held for its conditions and triggered its duties,
    # while the same fact dated by the app's schedule did not)
    terms = contractdsl.parse(READING + """\
fact written_approval "the licensor approved in writing".
fact deletion_request "the licensor asked for the content to be deleted".
fact deleted "the content was deleted".
duty delete "delete the content" shown by deleted.
app other "Other".
clause 1: licensee may use content for research.
clause 2: licensee may use content for marketing when written_approval.
clause 3: licensee must delete within 30 days after deletion_request.
""")
    marketing = {"app": "other", "action": "read", "purpose": "marketing"}
    before = contractdsl.permits(terms, {**marketing, "date": "2024-06-01",
                                         "facts": {"written_approval": "2024-07-01"}})
    assert before.outcome == "denied"
    assert "the usage states `written_approval` on 2024-07-01, after its last day" in \
        before.explain()
    # the words of one usage are never another's: stated later, or not at all
    unstated = contractdsl.permits(terms, {**marketing, "date": "2024-06-01"})
    assert "the usage does not state `written_approval`" in unstated.explain()
    other_day = contractdsl.permits(terms, {**marketing, "date": "2024-06-01",
                                            "facts": {"written_approval": "2024-08-01"}})
    assert "`written_approval` on 2024-08-01, after its last day" in other_day.explain()
    for day in ("2024-07-01", "2024-07-02"):
        assert contractdsl.permits(terms, {**marketing, "date": day, "facts": {
            "written_approval": "2024-07-01"}}).outcome == "permitted"
    # a request dated after the usage owes no deletion yet; a deletion after it is not yet done
    research = {"app": "other", "action": "read", "purpose": "research", "date": "2024-06-01"}
    asked_later = contractdsl.permits(terms, {**research, "facts": {
        "deletion_request": "2024-06-20"}})
    assert asked_later.outcome == "permitted"
    assert asked_later.obligations == ()  # (as with no request stated)
    late = contractdsl.permits(terms, {**research, "date": "2024-06-10", "facts": {
        "deletion_request": "2024-05-01", "deleted": "2024-06-20"}})
    assert late.outcome == "denied"  # due 2024-05-31, not done by 06-10 (done only on 06-20)


def test_a_fact_the_usage_dates_after_its_last_instant_has_not_happened_by_then():
    # (a fact stated at an instant later on the day of a usage dated by an instant held for
    # its conditions: a read at 11:00 was permitted by an approval given at 12:00)
    terms = contractdsl.parse(READING + """\
unit posts "posts".
fact approval "the licensor approved".
app tool "Tool".
clause 1: licensee may use content for research.
clause 2: licensee must not read content unless approval.
""")
    read = {"app": "tool", "action": "read", "purpose": "research",
            "facts": {"approval": "2024-03-05T12:00:00Z"}}
    early = contractdsl.permits(terms, {**read, "date": "2024-03-05T11:00:00Z"})
    assert early.outcome == "denied"
    assert "clause 2: prohibits: read and the exception does not hold: the usage states " \
        "`approval` on 2024-03-05 12:00 UTC, after it ends" in early.explain()
    # nor does the exception to the limit: 150 posts in one day exceed it
    limited = contractdsl.parse(READING + """\
unit posts "posts".
fact approval "the licensor approved".
app tool "Tool".
clause 1: licensee may use content for research.
clause L: licensee must not read more than 100 posts per day except as permitted by X.
clause X: licensee may read content for research when approval.
""")
    over = contractdsl.permits(limited, {**read, "date": "2024-03-05T11:00:00Z",
                                         "volume": [{"amount": 150, "unit": "posts"}]})
    assert over.outcome == "denied"
    assert "the whole of 150 posts on 2024-03-05 11:00 UTC falls in one day, more than " \
        "that" in over.explain()
    # at the instant itself it has happened (a usage on the day stated without a time is one
    # at every instant of it, before 12:00 too: see the test below)
    assert contractdsl.permits(terms, {**read, "date": "2024-03-05T12:00:00Z"}).outcome == \
        "permitted"


def test_a_duty_done_after_the_usages_last_instant_is_not_yet_done_nor_late():
    # (a deletion at 11:00, after a read at 09:00 and after the deadline at 10:00, made the
    # read at 09:00 breach a duty not yet due: the deletion was taken as done, and late)
    terms = contractdsl.parse("""\
agreement "Hours" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
fact deletion_request "the licensor asked for the content to be deleted".
fact content_deleted "the licensee deleted the content".
duty delete_content "delete the content" shown by content_deleted.
clause 1: licensee may use content.
clause 2: licensee must delete_content within 24 hours after deletion_request.
""")
    read = {"action": "read", "facts": {"deletion_request": "2024-03-03T10:00:00Z",
                                        "content_deleted": "2024-03-04T11:00:00Z"}}
    early = contractdsl.permits(terms, {**read, "date": "2024-03-04T09:00:00Z"})
    assert early.outcome == "permitted"
    assert [(o.deadline, o.status) for o in early.obligations] == \
        [(dt.datetime(2024, 3, 4, 10, tzinfo=dt.timezone.utc), "pending")]
    # nor is a deletion at 09:30 done by 09:00: the duty is still to do, not met
    sooner = contractdsl.permits(terms, {**read, "date": "2024-03-04T09:00:00Z", "facts": {
        **read["facts"], "content_deleted": "2024-03-04T09:30:00Z"}})
    assert [o.status for o in sooner.obligations] == ["pending"]
    # once the deadline has passed, the deletion after the usage's instant is late
    past = contractdsl.permits(terms, {**read, "date": "2024-03-04T10:30:00Z"})
    assert past.outcome == "denied"
    assert "clause 2: requires: delete the content within 24 hours after `deletion_request` " \
        "(by 2024-03-04 10:00 UTC); the usage states `content_deleted` on 2024-03-04 11:00 " \
        "UTC, after it was due" in past.explain()


INSTANTS = READING + """\
unit posts "posts".
fact approval "the licensor approved".
fact suspended "the licensor suspended the licensee".
app tool "Tool".
"""


def test_a_fact_dated_by_an_instant_within_a_day_holds_from_that_instant():
    # (a fact at an instant within its day held from the start of that day: reads from 00:00
    # to 18:00 were permitted by an approval given at 12:00)
    terms = contractdsl.parse(INSTANTS + """\
clause 1: licensee may use content for research.
clause 2: licensee must not read content unless approval.
""")
    read = {"app": "tool", "action": "read", "purpose": "research",
            "facts": {"approval": "2024-03-05T12:00:00Z"}}
    day = contractdsl.permits(terms, {**read, "period": {"from": "2024-03-05T00:00:00Z",
                                                         "until": "2024-03-05T18:00:00Z"}})
    assert day.outcome == "denied"
    said = day.explain()
    assert "  - from 2024-03-05 00:00 UTC to 2024-03-05 12:00 UTC: clause 2: prohibits: read " \
        "and the exception does not hold: the usage states `approval` on 2024-03-05 12:00 " \
        "UTC, after this part of its period" in said
    # (clause 1 permits alike on both sides of the instant: said once, over the whole period)
    assert "  - from 2024-03-05 00:00 UTC to 2024-03-05 18:00 UTC: clause 1: permits" in said
    assert [str(r.part) for r in day.reasons if r.clause == "2"] == [
        "from 2024-03-05 00:00 UTC to 2024-03-05 12:00 UTC"]
    # the day stated without a time stands for each of its instants, those before 12:00 too
    assert contractdsl.permits(terms, {**read, "date": "2024-03-05"}).outcome == "denied"
    # over several days, the part before it runs to that instant
    days = contractdsl.permits(terms, {**read, "period": {"from": "2024-03-01",
                                                          "until": "2024-03-05T18:00:00Z"}})
    assert days.outcome == "denied"
    assert "  - from 2024-03-01 00:00 UTC to 2024-03-05 12:00 UTC: clause 2: prohibits" in \
        days.explain()
    # at its day's first instant, or at or before the usage's first, it holds throughout
    for start, when in (("2024-03-05T00:00:00Z", "2024-03-05T00:00:00Z"),
                        ("2024-03-05T12:00:00Z", "2024-03-05T12:00:00Z"),
                        ("2024-03-05T13:00:00Z", "2024-03-05T12:00:00Z")):
        held = contractdsl.permits(terms, {**read, "facts": {"approval": when}, "period": {
            "from": start, "until": "2024-03-05T18:00:00Z"}})
        assert held.outcome == "permitted", (start, when)
    # a fact dated by the day alone holds from that day's start
    assert contractdsl.permits(terms, {**read, "facts": {"approval": "2024-03-05"}, "period": {
        "from": "2024-03-05T00:00:00Z", "until": "2024-03-05T18:00:00Z"}}).outcome == \
        "permitted"


def test_a_fact_at_an_instant_within_a_day_bars_the_part_of_the_day_after_it():
    # (the other way: a suspension at 12:00 held from 00:00, so the part before it was never
    # judged without it; over several days the cut fell at the start of its day)
    terms = contractdsl.parse(INSTANTS + """\
clause 1: licensee may read content for research unless suspended.
""")
    read = {"app": "tool", "action": "read", "purpose": "research",
            "facts": {"suspended": "2024-03-05T12:00:00Z"}}
    for start in ("2024-03-05T00:00:00Z", "2024-03-01"):
        found = contractdsl.permits(terms, {**read, "period": {
            "from": start, "until": "2024-03-05T18:00:00Z"}})
        assert found.outcome == "denied"
        said = found.explain()
        assert f"  - from {start[:10]} 00:00 UTC to 2024-03-05 12:00 UTC: clause 1: permits " \
            "`read` of `content` for purpose `research`" in said
        assert "  - from 2024-03-05 12:00 UTC to 2024-03-05 18:00 UTC: clause 1: does not " \
            "permit the usage: the usage states `suspended`" in said
    assert contractdsl.permits(terms, {**read, "period": {
        "from": "2024-03-05T00:00:00Z", "until": "2024-03-05T11:00:00Z"}}).outcome == \
        "permitted"


def test_a_limit_across_a_fact_at_an_instant_allows_its_day_once():
    # (the same limit before and after a fact's instant is one limit: the day it cuts is not
    # allowed twice; a limit the fact lifts binds only the part before it)
    terms = contractdsl.parse(INSTANTS + """\
clause 1: licensee may read content for research.
clause 2: licensee may read content for research when approval.
clause L: licensee must not read more than 100 posts per day.
""")
    read = {"app": "tool", "action": "read", "purpose": "research",
            "facts": {"approval": "2024-03-05T12:00:00Z"},
            "period": {"from": "2024-03-05T00:00:00Z", "until": "2024-03-05T18:00:00Z"}}

    def volume(morning, afternoon):
        return [{"amount": morning, "unit": "posts", "from": "2024-03-05T01:00:00Z",
                 "until": "2024-03-05T11:00:00Z"},
                {"amount": afternoon, "unit": "posts", "from": "2024-03-05T13:00:00Z",
                 "until": "2024-03-05T17:00:00Z"}]

    over = contractdsl.permits(terms, {**read, "volume": volume(60, 90)})
    assert over.outcome == "denied"
    # (the limit binds on both sides of the instant: its reason is said once, over both)
    assert "  - from 2024-03-05 00:00 UTC to 2024-03-05 18:00 UTC: clause L: allows no more " \
        "than 100 posts per day; 60 posts from 2024-03-05 01:00 UTC to 2024-03-05 11:00 UTC " \
        "and 90 posts from 2024-03-05 13:00 UTC to 2024-03-05 17:00 UTC, stated side by " \
        "side, lie within one day and come to 150 posts together, more than that" in \
        over.explain()
    assert contractdsl.permits(terms, {**read, "volume": volume(60, 40)}).outcome == \
        "permitted"
    lifted = contractdsl.parse(INSTANTS + """\
clause 1: licensee may read content for research.
clause L: licensee must not read more than 100 posts per day unless approval.
""")
    assert contractdsl.permits(lifted, {**read, "volume": volume(150, 0)}).outcome == "denied"
    assert contractdsl.permits(lifted, {**read, "volume": volume(0, 150)}).outcome == \
        "permitted"
    whole = contractdsl.permits(lifted, {**read, "volume": [{"amount": 150, "unit": "posts"}]})
    assert whole.outcome == "undetermined"
    assert whole.missing == (
        "the number of posts from 2024-03-05 00:00 UTC to 2024-03-05 12:00 UTC (clause L)",)


DATED_WITHIN = READING + """\
fact approval "the licensor approved it in writing".
fact launch "the app went into production".
fact request "the licensor asked for the content's deletion".
fact deleted "the licensee deleted the content".
duty delete "delete the content" shown by deleted.
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause 2: licensee must not read content unless approval.
clause 3: licensee may use content for marketing when approval.
clause 4: licensee must delete within 30 days after request.
"""


def test_a_fact_dated_within_a_period_holds_from_its_date_on():
    """A period is judged in parts cut at the date of a fact it states within it: before
    that date the fact has not happened, and the worst part wins (section 18, item 1)."""
    terms = contractdsl.parse(DATED_WITHIN)
    read = {"app": "tool", "action": "read", "purpose": "research",
            "facts": {"approval": "2024-03-15"}}

    def outcome(usage, **when):
        return contractdsl.permits(terms, {**usage, **when}).outcome

    assert outcome(read, date="2024-03-05") == "denied"
    assert outcome(read, period={"from": "2024-03-01", "until": "2024-03-14"}) == "denied"
    assert outcome(read, period={"from": "2024-03-15", "until": "2024-03-31"}) == "permitted"
    march = contractdsl.permits(terms, {**read, "period": {"from": "2024-03-01",
                                                           "until": "2024-03-31"}})
    assert march.outcome == "denied"
    said = march.explain()
    assert "from 2024-03-01 to 2024-03-14" in said
    assert "the usage states `approval` on 2024-03-15, after this part of its period" in said
    assert {(r.part.start, r.part.end) for r in march.reasons if r.clause == "2"} == {
        (dt.date(2024, 3, 1), dt.date(2024, 3, 14))}
    # a permission that asks for the fact is denied before its date, for the whole period
    market = {**read, "purpose": "marketing"}
    assert outcome(market, period={"from": "2024-03-01", "until": "2024-03-31"}) == "denied"
    assert outcome(market, period={"from": "2024-03-15", "until": "2024-03-31"}) == "permitted"
    # on the first day, before the period, or without a date: the fact holds throughout
    for approval in ("2024-03-01", "2024-02-10", None):
        stated = {**read, "facts": {"approval": approval}}
        decision = contractdsl.permits(terms, {**stated, "period": {"from": "2024-03-01",
                                                                    "until": "2024-03-31"}})
        assert decision.outcome == "permitted"
        assert {(r.part.start, r.part.end) for r in decision.reasons} == {
            (dt.date(2024, 3, 1), dt.date(2024, 3, 31))}
    # a fact that no condition reads cuts nothing; a deadline counts from its date as ever
    launched = contractdsl.permits(terms, {**read, "facts": {"approval": "2024-02-01",
                                                             "launch": "2024-03-10"},
                                           "period": {"from": "2024-03-01",
                                                      "until": "2024-03-31"}})
    assert launched.outcome == "permitted"
    assert {(r.part.start, r.part.end) for r in launched.reasons} == {
        (dt.date(2024, 3, 1), dt.date(2024, 3, 31))}
    late = {**read, "facts": {"approval": "2024-03-15", "request": "2024-01-02"}}
    assert outcome(late, period={"from": "2024-03-15", "until": "2024-03-31"}) == "denied"
    assert outcome({**late, "facts": {**late["facts"], "deleted": "2024-01-20"}},
                   period={"from": "2024-03-01", "until": "2024-03-31"}) == "denied"
    assert outcome({**late, "facts": {**late["facts"], "deleted": "2024-01-20"}},
                   period={"from": "2024-03-15", "until": "2024-03-31"}) == "permitted"


def test_a_period_cut_by_a_fact_is_decided_alike_in_a_batch_and_with_its_reasons():
    """The batch's fast path decides a usage whose facts cut its period as its explanation
    does, and a usage that states the fact on another day is not taken for it."""
    terms = contractdsl.parse(DATED_WITHIN)
    march = {"from": "2024-03-01", "until": "2024-03-31"}
    usages = [{"app": "tool", "action": "read", "purpose": purpose, "period": march,
               "facts": {"approval": day}}
              for purpose in ("research", "marketing")
              for day in ("2024-03-15", "2024-03-01", "2024-02-01", "2024-03-31", "2024-04-02",
                          None)]
    usages = usages + usages[::-1]
    batch = [d.outcome for d in contractdsl.permits_many(terms, usages)]
    one_by_one = [contractdsl.permits(terms, usage).outcome for usage in usages]
    assert batch == one_by_one
    assert one_by_one[:6] == ["denied", "permitted", "permitted", "denied", "denied",
                              "permitted"]


def test_a_question_left_open_that_turns_one_part_of_a_cut_period_names_that_part():
    """A standard or an attribute of the licensee the usage leaves open, asked by a clause
    whose condition holds from a fact's date on, is said undetermined in the part from that
    date, as the other reasons of a cut period name their part."""
    terms = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact notified "the licensor was notified".
standard fair "the use is fair".
attribute public "a public body" of licensee.
app tool "Tool".
clause 1: licensee may use content.
clause 2: licensee must not use content when notified unless fair.
clause 3: licensee must not use content when notified unless licensee is public.
""")
    usage = {"app": "tool", "action": "use", "data": "content", "facts": {"notified": "2024-03-15"},
             "period": {"from": "2024-03-01", "until": "2024-03-31"}}
    for stated, clause in (({"licensee": {"public": True}}, "2"),
                           ({"findings": {"fair": True}}, "3")):
        decision = contractdsl.permits(terms, {**usage, **stated})
        assert decision.outcome == "undetermined"
        assert [(r.clause, r.effect, r.part.start, r.part.end) for r in decision.reasons] == [
            (clause, "undetermined", dt.date(2024, 3, 15), dt.date(2024, 3, 31))]
        assert decision.explain().splitlines()[1].startswith(
            f"  - from 2024-03-15 to 2024-03-31: clause {clause}: ")


# a period is cut where `notified` comes about; a deletion is due 10 days after a request
CUT_BY_NOTICE = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact notified "the licensor was notified".
fact request "a deletion request".
fact deleted "the content was deleted".
duty delete "delete the content" shown by deleted.
app tool "Tool".
clause 1: licensee may use content.
clause 2: licensee may use content when notified.
clause 3: licensee must delete within 10 days after request.
"""


def test_a_duty_breached_in_a_later_part_of_a_cut_period_is_named_there_only():
    """A deadline that falls in the part of a period from a fact's date on is breached there:
    the part before it, in which the duty was not yet due, does not name the breach."""
    terms = contractdsl.parse(CUT_BY_NOTICE)
    decision = contractdsl.permits(terms, {
        "app": "tool", "action": "use", "data": "content",
        "facts": {"notified": "2024-03-10", "request": "2024-03-01"},
        "period": {"from": "2024-03-01", "until": "2024-03-31"}})
    assert decision.outcome == "denied"
    assert [(r.clause, r.effect, r.part.start, r.part.end) for r in decision.reasons] == [
        ("1", "permits", dt.date(2024, 3, 1), dt.date(2024, 3, 31)),
        ("2", "permits", dt.date(2024, 3, 10), dt.date(2024, 3, 31)),
        ("3", "breached", dt.date(2024, 3, 10), dt.date(2024, 3, 31))]
    assert [(d.clause, d.status) for d in decision.obligations] == [("3", "breached")]


def test_a_deadline_counted_from_an_event_dated_after_a_cut_is_judged():
    """A period cut at one fact's date (a condition reads it) and an event dated later in it
    that starts a deadline: the deadline passes within the period with nothing done, so the
    usage is denied, and its reasons say the same (each part's terms read only the facts
    dated by its first day; the deadline reads every fact the usage states)."""
    terms = contractdsl.parse(CUT_BY_NOTICE)
    usage = {"app": "tool", "action": "use", "data": "content",
             "facts": {"notified": "2024-03-10", "request": "2024-03-20"},
             "period": {"from": "2024-03-01", "until": "2024-03-31"}}
    decision = contractdsl.permits(terms, usage)
    assert decision.outcome == "denied"
    assert [(r.clause, r.effect, r.part.start) for r in decision.reasons if r.clause == "3"] == [
        ("3", "breached", dt.date(2024, 3, 10))]
    kept = contractdsl.permits(terms, {**usage, "facts": {**usage["facts"],
                                                          "deleted": "2024-03-25"}})
    assert kept.outcome == "permitted"
    assert [(r.effect, str(r.part)) for r in kept.reasons if r.clause == "3"] == [
        ("met", "from 2024-03-01 to 2024-03-31")]


# a period is cut where `notified` comes about; a report's time is left to a standard
JUDGED_AFTER_NOTICE = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact notified "the licensor was notified".
fact incident "an incident".
fact reported "the incident was reported".
standard prompt "reported without undue delay".
duty report "report the incident" shown by reported.
app tool "Tool".
clause 1: licensee may use content.
clause 2: licensee may use content when notified.
clause 3: licensee must report within prompt after incident.
"""


def test_a_deadline_left_to_a_standard_asks_it_where_its_event_is_dated_after_a_cut():
    """A duty whose time is left to a standard, its event dated after the fact that cuts the
    period: the usage leaves the standard open, so it is undetermined, as it is where nothing
    cuts the period; it was denied, the question never asked in either part."""
    usage = {"app": "tool", "action": "use", "data": "content",
             "facts": {"notified": "2024-03-10", "incident": "2024-03-20"},
             "period": {"from": "2024-03-01", "until": "2024-03-31"}}
    uncut = contractdsl.parse(JUDGED_AFTER_NOTICE.replace(
        "clause 2: licensee may use content when notified.\n", ""))
    for terms in (contractdsl.parse(JUDGED_AFTER_NOTICE), uncut):
        decision = contractdsl.permits(terms, usage)
        assert decision.outcome == "undetermined"
        assert [r.effect for r in decision.reasons if r.clause == "3"] == ["undetermined"]
        assert contractdsl.permits(terms, {**usage, "findings": {"prompt": True}}).outcome == \
            "permitted"


def test_a_deadline_left_to_a_standard_is_named_from_the_part_its_event_falls_in():
    """A duty whose time is left to a standard is owed from its event's date: in a period cut
    before that date, the finding it asks for, or its breach, is named in the part from the
    cut on, not in the part before it, in which it was owed nothing."""
    terms = contractdsl.parse(JUDGED_AFTER_NOTICE)
    usage = {"app": "tool", "action": "use", "data": "content",
             "facts": {"notified": "2024-03-10", "incident": "2024-03-20"},
             "period": {"from": "2024-03-01", "until": "2024-03-31"}}
    reported = {**usage["facts"], "reported": "2024-03-29"}
    for stated, outcome, effect in (({}, "undetermined", "undetermined"),
                                    ({"findings": {"prompt": False}}, "denied", "breached"),
                                    ({"facts": reported, "findings": {"prompt": False}},
                                     "denied", "breached")):
        decision = contractdsl.permits(terms, {**usage, **stated})
        assert decision.outcome == outcome
        assert [(r.effect, r.part.start, r.part.end) for r in decision.reasons
                if r.clause == "3"] == [(effect, dt.date(2024, 3, 10), dt.date(2024, 3, 31))]
        colon = "\N{NO-BREAK SPACE}:"
        for locale, part, clause in (
                ("en", "from 2024-03-10 to 2024-03-31: ", ": clause 3: "),
                ("nl", "10 maart 2024 tot en met 31 maart 2024: ", ": 3: "),
                ("fr", f"du 10 mars 2024 au 31 mars 2024{colon} ", f"{colon} 3{colon} ")):
            lines = [line for line in decision.explain(locale=locale).splitlines()
                     if clause in line]
            assert [line.startswith(f"  - {part}") for line in lines] == [True]


def test_a_duty_whose_clause_ends_before_it_is_due_is_named_where_it_decides_anything():
    """A duty in force only in the parts of a cut period before it is due (its time left to a
    standard, its event dated after the clause ends; or its deadline after that): what it
    decides there, where it decides anything, is named in those parts, as no later part of
    it can name it."""
    usage = {"app": "tool", "action": "use", "data": "content",
             "period": {"from": "2024-03-01", "until": "2024-03-31"}}
    judged = JUDGED_AFTER_NOTICE.replace("clause 3:", "clause 3 until 2024-03-15:")
    timed = CUT_BY_NOTICE.replace("clause 3:", "clause 3 until 2024-03-09:")
    for text, stated in (
            (judged, {"facts": {"notified": "2024-03-10", "incident": "2024-03-20"}}),
            (judged, {"facts": {"notified": "2024-03-10", "incident": "2024-03-20"},
                      "findings": {"prompt": False}}),
            (timed, {"facts": {"notified": "2024-03-05", "request": "2024-03-01",
                               "deleted": "2024-03-20"}})):
        decision = contractdsl.permits(contractdsl.parse(text), {**usage, **stated})
        named = [r.part.end for r in decision.reasons if r.clause == "3"]
        assert bool(named) == (decision.outcome != "permitted")
        assert all(end <= dt.date(2024, 3, 15) for end in named)


# a use licensed on a report whose time is left to a standard, or a deletion due in 10 days
PROVISOS = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact request "a deletion request".
fact deleted "the content was deleted".
fact incident "an incident".
fact reported "the incident was reported".
duty delete "delete the content" shown by deleted.
standard prompt "reported without undue delay".
duty report "report the incident" shown by reported.
app tool "Tool".
clause 1: licensee may use content provided licensee must report within prompt after incident.
clause 2: licensee must delete within 10 days after request.
"""


@pytest.mark.parametrize("cut", [None, "2024-03-20", "2024-03-15"])
def test_a_cut_where_nothing_binding_the_usage_changes_moves_no_reason_of_a_duty(cut):
    """A clause of the licensor's that comes into force on a day of a usage's period, before
    or on the day a duty falls due, changes nothing the usage is subject to: the finding the
    duty asks for, or its breach, is named over the whole period, as where nothing cuts it;
    it was named from the licensor's clause's first day on, as if the cut were a change."""
    terms = contractdsl.parse(PROVISOS if cut is None else
                              PROVISOS + f"clause L from {cut}: licensor may use content.\n")
    usage = {"app": "tool", "action": "use", "data": "content",
             "facts": {"incident": "2024-03-20"},
             "period": {"from": "2024-03-10", "until": "2024-03-20"}}
    whole = Part(start=dt.date(2024, 3, 10), end=dt.date(2024, 3, 20), version="1")
    asked = ("leaves to judgement whether \N{LEFT DOUBLE QUOTATION MARK}reported without undue "
             "delay\N{RIGHT DOUBLE QUOTATION MARK} (`prompt`), and the usage states no finding on "
             "it: the usage is permitted if it is found so and denied if not")
    decision = contractdsl.permits(terms, usage)
    assert [(r.clause, r.effect, r.text, r.part) for r in decision.reasons] == [
        ("1", "undetermined", asked, whole)]
    assert decision.explain().splitlines()[1] == f"  - clause 1: {asked}"
    reporting = "report the incident within a time left to judgement after `incident` " \
                "(\N{LEFT DOUBLE QUOTATION MARK}reported without undue delay" \
                "\N{RIGHT DOUBLE QUOTATION MARK}, `prompt`)"
    late = contractdsl.permits(terms, {**usage, "findings": {"prompt": False}})
    assert [(r.clause, r.effect, r.text, r.part) for r in late.reasons] == [
        ("1", "permits", "permits `use` of `content`", whole),
        ("1", "breached", f"requires: {reporting}; the usage does not state `reported`, and "
                          "the time for it is found past (`prompt`)", whole)]
    deleting = "delete the content within 10 days after `request` (by 2024-03-15)"
    undeleted = contractdsl.permits(terms, {**usage, "findings": {"prompt": True},
                                            "facts": {"request": "2024-03-05"}})
    assert [(r.clause, r.effect, r.text, r.part) for r in undeleted.reasons] == [
        ("1", "permits", "permits `use` of `content`", whole),
        ("2", "breached", f"requires: {deleting}; the usage does not state `deleted`", whole)]


# a duty whose clause stops binding on 2024-03-15, beside one whose deadline is computed
ENDED_REPORT = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact incident "an incident".
fact reported "the incident was reported".
standard prompt "reported without undue delay".
duty report "report the incident" shown by reported.
app tool "Tool".
clause 1: licensee may use content.
clause 3 until 2024-03-15: licensee must report within prompt after incident.
clause 4 until 2024-03-15: licensee must report within 10 days after incident.
"""


def test_a_duty_left_to_a_standard_is_not_triggered_by_an_event_after_its_clause_ends():
    """A duty whose time is left to a standard, its event dated after the last day its clause
    binds the usage, owes nothing, as a computed deadline counted from that event does not:
    the usage is permitted with a finding or without one, and asks for none. It was denied
    with the standard found not met, and undetermined without a finding."""
    terms = contractdsl.parse(ENDED_REPORT)
    usage = {"app": "tool", "action": "use", "data": "content",
             "facts": {"incident": "2024-03-20"},
             "period": {"from": "2024-03-01", "until": "2024-03-31"}}
    for stated in ({}, {"findings": {"prompt": False}}, {"findings": {"prompt": True}}):
        decision = contractdsl.permits(terms, {**usage, **stated})
        assert decision.outcome == "permitted"
        assert decision.missing == ()
        assert [r.clause for r in decision.reasons] == ["1"]
        assert [d.clause for d in decision.obligations] == []
    # an event while the clause binds: the standard is asked, and the duty breached if not met
    during = {**usage, "facts": {"incident": "2024-03-10"}}
    assert contractdsl.permits(terms, during).outcome == "undetermined"
    decision = contractdsl.permits(terms, {**during, "findings": {"prompt": False}})
    assert decision.outcome == "denied"
    assert [(r.clause, r.effect) for r in decision.reasons if r.clause == "3"] == [
        ("3", "breached")]


DELETION_UNTIL = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact deletion_request "the licensor asked for the content to be deleted".
fact content_deleted "the content was deleted".
duty delete_content "delete the content" shown by content_deleted.
app tool "Tool".
clause 1: licensee may use content.
clause 3 until {until}: licensee must delete_content within 10 days after deletion_request.
"""


def deletion_in_march(until: str, deleted: str | None):
    """The decision on a use over March 2024 under DELETION_UNTIL with clause 3 binding until
    ``until``, deletion requested on 03-01 and the content deleted on ``deleted`` (or never)."""
    facts = {"deletion_request": "2024-03-01"}
    if deleted:
        facts["content_deleted"] = deleted
    return contractdsl.permits(contractdsl.parse(DELETION_UNTIL.format(until=until)), {
        "app": "tool", "action": "use", "data": "content", "facts": facts,
        "period": {"from": "2024-03-01", "until": "2024-03-31"}})


@pytest.mark.parametrize("until, deleted, outcome, status", [
    # due on 2024-03-11, after the clause ends: owed nothing, done late or never
    ("2024-03-09", None, "permitted", "pending"),
    ("2024-03-09", "2024-03-20", "permitted", "pending"),
    ("2024-03-09", "2024-03-05", "permitted", "met"),
    # due while the clause binds: breached, done after the clause ends or never
    ("2024-03-15", None, "denied", "breached"),
    ("2024-03-15", "2024-03-20", "denied", "breached"),
    ("2024-03-15", "2024-03-11", "permitted", "met"),
])
def test_a_duty_due_after_its_clause_ends_is_not_breached_done_late_or_never(
        until, deleted, outcome, status):
    """A duty is judged as of the last day its clause binds the usage: one due after that day
    is not breached, whether it is done later or never (it was denied when done late, and
    permitted when never done); one due while the clause binds is breached when not done by
    its deadline, whether it is done after the clause ends or never, and the reason says when
    it was done."""
    decision = deletion_in_march(until, deleted)
    assert decision.outcome == outcome
    assert [(d.clause, d.status, d.deadline) for d in decision.obligations] == [
        ("3", status, dt.date(2024, 3, 11))]
    said = [(r.effect, r.text.split("; ")[-1]) for r in decision.reasons if r.clause == "3"]
    assert said == {
        "pending": [], "met": [("met", "the usage states `content_deleted`")],
        "breached": [("breached", "the usage states `content_deleted` on 2024-03-20, after it "
                                  "was due" if deleted else
                      "the usage does not state `content_deleted`")]}[status]
    for locale in ("en", "nl", "fr"):
        assert decision.explain(locale=locale)


ENDED = "; no longer owed after 2024-03-09, the last day its clause binds the usage"


@pytest.mark.parametrize("deleted", ["2024-03-20", "2024-03-10", None])
def test_a_duty_its_clause_stops_binding_before_it_is_due_says_it_is_no_longer_owed(deleted):
    """A duty still to do on the last day its clause binds the usage, where the usage runs on
    after that day, owes nothing after it (section 6): it comes back pending, as it stood
    then, and its words say that it is no longer owed after that day, in each locale, whether
    it is done after its deadline, before it but after that day, or never. It was shown as
    to do, and nothing said why."""
    decision = deletion_in_march("2024-03-09", deleted)
    assert decision.outcome == "permitted"
    assert [(d.clause, d.status, d.deadline, d.text) for d in decision.obligations] == [
        ("3", "pending", dt.date(2024, 3, 11), "delete the content within 10 days after "
         "`deletion_request` (by 2024-03-11)" + ENDED)]
    assert [(r.clause, str(r.part)) for r in decision.reasons] == [
        ("1", "from 2024-03-01 to 2024-03-31")]
    for locale, line in (
            ("en", f"(by 2024-03-11){ENDED} (3, deadline: 2024-03-11; to do)"),
            ("nl", "(uiterlijk 11 maart 2024); niet meer verschuldigd na 9 maart 2024, de "
                   "laatste dag waarop de bepaling ervan het gebruik bindt (3, uiterste datum: "
                   "11 maart 2024; te doen)"),
            ("fr", "(au plus tard le 11 mars 2024)\N{NO-BREAK SPACE}; plus due après le 9 mars "
                   "2024, dernier jour où sa clause lie l’usage (3, échéance\N{NO-BREAK SPACE}: "
                   "11 mars 2024\N{NO-BREAK SPACE}; à faire)")):
        assert [each for each in decision.explain(locale=locale).splitlines()
                if each.endswith(line)] != [], (locale, decision.explain(locale=locale))


@pytest.mark.parametrize("text, usage", [
    # due while the clause binds, or the clause binding to the usage's end, or the usage ending
    # before the clause does: the duty says nothing of being no longer owed
    (DELETION_UNTIL.format(until="2024-03-15"), {"facts": {"deletion_request": "2024-03-01"}}),
    (DELETION_UNTIL.format(until="2024-03-31"), {"facts": {"deletion_request": "2024-03-25"}}),
    (DELETION_UNTIL.format(until="2024-03-09"), {
        "facts": {"deletion_request": "2024-03-01"},
        "period": {"from": "2024-03-01", "until": "2024-03-09"}}),
    (DELETION_UNTIL.format(until="2024-03-09"), {
        "facts": {"deletion_request": "2024-03-01", "content_deleted": "2024-03-05"}}),
])
def test_a_duty_that_binds_the_usage_to_its_end_or_is_settled_says_nothing_of_it(text, usage):
    decision = contractdsl.permits(contractdsl.parse(text), {
        "app": "tool", "action": "use", "data": "content",
        "period": {"from": "2024-03-01", "until": "2024-03-31"}, **usage})
    (duty,) = decision.obligations
    assert "owed" not in duty.text
    assert "owed" not in decision.explain()


def test_a_duty_whose_clause_a_later_text_drops_or_a_cut_splits_names_its_last_day():
    """The day after which a duty is no longer owed is the last day it binds the usage: that
    of the version that holds it, where the next drops its clause; across a cut of the
    period that changes nothing about it (a fact a condition reads), its clause's own last
    day, said once."""
    first = DELETION_UNTIL.format(until="2024-12-31")
    dropped = first.replace('version "1"', 'version "2"').replace(
        "effective 2024-01-01", "effective 2024-03-10").replace(
        "clause 3 until 2024-12-31: licensee must delete_content within 10 days after "
        "deletion_request.\n", "")
    versions = contractdsl.Agreement(documents=contractdsl.parse(first).documents
                                     + contractdsl.parse(dropped).documents)
    cut = contractdsl.parse(CUT_BY_NOTICE.replace("clause 3:", "clause 3 until 2024-03-09:"))
    march = {"app": "tool", "action": "use", "data": "content",
             "period": {"from": "2024-03-01", "until": "2024-03-31"}}
    for terms, facts in (
            (versions, {"deletion_request": "2024-03-01", "content_deleted": "2024-03-20"}),
            (cut, {"notified": "2024-03-05", "request": "2024-03-01", "deleted": "2024-03-20"})):
        decision = contractdsl.permits(terms, {**march, "facts": facts})
        assert decision.outcome == "permitted"
        assert [(d.clause, d.status, d.text.endswith(ENDED)) for d in decision.obligations] \
            == [("3", "pending", True)], decision.obligations



def test_a_duty_a_later_text_carries_over_under_a_new_title_is_one_duty_across_the_change():
    """A title is only words: a duty whose clause the next version gives a title binds the
    usage without a break across the change, as carried over word for word; it is said once,
    breached, and never "no longer owed" at the change."""
    first = DELETION_UNTIL.format(until="2024-12-31")
    second = first.replace('version "1"', 'version "2"').replace(
        "effective 2024-01-01", "effective 2024-03-10").replace(
        "clause 3 until", 'clause 3 "Deletion" until')
    assert second != first.replace('version "1"', 'version "2"').replace(
        "effective 2024-01-01", "effective 2024-03-10")
    versions = contractdsl.Agreement(documents=contractdsl.parse(first).documents
                                     + contractdsl.parse(second).documents)
    decision = contractdsl.permits(versions, {
        "app": "tool", "action": "use", "data": "content",
        "period": {"from": "2024-03-01", "until": "2024-03-31"},
        "facts": {"deletion_request": "2024-03-01", "content_deleted": "2024-03-20"}})
    assert decision.outcome == "denied"
    assert [(d.clause, d.status, "owed" in d.text) for d in decision.obligations] == [
        ("3", "breached", False)], decision.obligations
    assert "owed" not in decision.explain()

def test_an_attribute_of_the_users_left_open_names_the_part_that_asks_it():
    """An attribute of the users the usage leaves open, asked by a clause whose condition
    holds from a fact's date on, is said undetermined in the part from that date, as the
    licensee's is, for every group of users that leaves it open."""
    terms = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact notified "the licensor was notified".
attribute adult "an adult" of user.
app tool "Tool".
clause 1: licensee may use content.
clause 2: licensee must not use content when notified unless user is adult.
""")
    usage = {"app": "tool", "action": "use", "data": "content", "facts": {"notified": "2024-03-15"},
             "period": {"from": "2024-03-01", "until": "2024-03-31"}}
    for stated in ({}, {"users": [{"adult": True}, {}]}):
        decision = contractdsl.permits(terms, {**usage, **stated})
        assert decision.outcome == "undetermined"
        assert [(r.clause, r.effect, r.part.start, r.part.end) for r in decision.reasons] == [
            ("2", "undetermined", dt.date(2024, 3, 15), dt.date(2024, 3, 31))]
        colon = "\N{NO-BREAK SPACE}:"
        for locale, first in (("en", "from 2024-03-15 to 2024-03-31: clause 2: "),
                              ("nl", "15 maart 2024 tot en met 31 maart 2024: 2: "),
                              ("fr", f"du 15 mars 2024 au 31 mars 2024{colon} 2{colon} ")):
            assert decision.explain(locale=locale).splitlines()[1].startswith(f"  - {first}")


def test_a_fact_a_schedule_dates_within_a_period_holds_from_its_date_on():
    """A fact a schedule dates within a usage's period cuts it as one the usage dates does
    (section 18, item 2)."""
    terms = contractdsl.parse(DATED_WITHIN)
    schedule = contractdsl.parse("""\
schedule "Tool's licensee" for "T".
licensee "Acme".
fact approval on 2024-03-15.
app tool "Tool" approved for research.
""", "tool.agreement")
    text = contractdsl.parse(DATED_WITHIN.replace('app tool "Tool" approved for research.\n', ""))
    agreement = contractdsl.Agreement(documents=text.documents + schedule.documents)
    assert contractdsl.check(agreement) == []
    read = {"app": "tool", "action": "read", "purpose": "research"}
    for when, expected in (({"date": "2024-03-05"}, "denied"),
                           ({"period": {"from": "2024-03-01", "until": "2024-03-31"}}, "denied"),
                           ({"period": {"from": "2024-03-15", "until": "2024-03-31"}},
                            "permitted")):
        decision = contractdsl.permits(agreement, {**read, **when})
        assert decision.outcome == expected
        assert contractdsl.permits(terms, {**read, **when, "facts": {
            "approval": "2024-03-15"}}).outcome == expected
        assert [d.outcome for d in contractdsl.permits_many(agreement, [{**read, **when}])] == \
            [expected]
    march = contractdsl.permits(agreement, {**read, "period": {"from": "2024-03-01",
                                                               "until": "2024-03-31"}})
    assert "from 2024-03-01 to 2024-03-14" in march.explain()


COMPARED = READING + """\
fact notice "the licensor gave notice of an audit".
fact audit "the audit begins".
clause 1: licensee may use content.
clause 2: licensee must not read content when notice is less than 10 business days before audit.
clause 3: licensee must not use content for marketing
  unless notice is at least 10 business days before audit.
"""


def test_a_comparison_reads_no_fact_dated_after_the_day_judged():
    """A fact dated after the usage's last day, or after the part of its period judged, is as
    if unstated there: a comparison of its date does not hold (section 18, items 1 and 6)."""
    terms = contractdsl.parse(COMPARED)
    late = {"action": "read", "purpose": "research",
            "facts": {"notice": "2024-03-01", "audit": "2024-03-10"}}
    for when, expected in (({"date": "2024-03-05"}, "permitted"),
                           ({"date": "2024-03-10"}, "denied"),
                           ({"period": {"from": "2024-03-01", "until": "2024-03-09"}},
                            "permitted"),
                           ({"period": {"from": "2024-03-01", "until": "2024-03-31"}},
                            "denied")):
        usage = {**late, **when}
        assert contractdsl.permits(terms, usage).outcome == expected
        assert [d.outcome for d in contractdsl.permits_many(terms, [usage])] == [expected]
    march = contractdsl.permits(terms, {**late, "period": {"from": "2024-03-01",
                                                           "until": "2024-03-31"}})
    assert {(r.part.start, r.part.end) for r in march.reasons if r.clause == "2"} == {
        (dt.date(2024, 3, 10), dt.date(2024, 3, 31))}
    # an exception that compares the dates does not hold before both facts have come about
    marketing = {**late, "purpose": "marketing", "facts": {"notice": "2024-02-01",
                                                           "audit": "2024-03-10"}}
    early = contractdsl.permits(terms, {**marketing, "date": "2024-03-05"})
    assert early.outcome == "denied"
    assert "the usage states `audit` on 2024-03-10, after its last day" in early.explain()
    cut = contractdsl.permits(terms, {**marketing, "period": {"from": "2024-03-01",
                                                              "until": "2024-03-31"}})
    assert "the usage states `audit` on 2024-03-10, after this part of its period" in \
        cut.explain()
    # one stated without its date leaves the question open only from the other's date on
    undated = {**marketing, "facts": {"notice": "2024-03-05", "audit": None}}
    assert contractdsl.permits(terms, {**undated, "date": "2024-03-04"}).outcome == "denied"
    assert contractdsl.permits(terms, {**undated, "period": {
        "from": "2024-03-01", "until": "2024-03-31"}}).outcome == "denied"
    assert contractdsl.permits(terms, {**undated, "period": {
        "from": "2024-03-05", "until": "2024-03-31"}}).outcome == "undetermined"


def test_a_fact_only_a_later_text_defines_leaves_a_cut_part_as_it_was():
    """A period over a change of text, cut at a fact's date: the earlier text does not define
    another fact the usage states, which it leaves out of what it reads; the fact dated after
    the earlier part still has not happened in that part. The usage was denied by clause 2,
    as if the fee had been overdue from the first day."""
    v1 = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
fact unpaid "a fee is overdue".
clause 1: licensee may use content.
clause 2: licensee must not use content when unpaid.
"""
    v2 = v1.replace('version "1"', 'version "2"').replace("2024-01-01", "2024-03-15").replace(
        "clause 2: licensee must not use content when unpaid.\n",
        'fact audited "the licensee was audited".\n')
    both = contractdsl.Agreement(documents=contractdsl.parse(v1, "v1.agreement").documents
                                 + contractdsl.parse(v2, "v2.agreement").documents)
    assert contractdsl.check(both) == []
    period = {"from": "2024-03-01", "until": "2024-03-31"}
    for facts in ({"unpaid": "2024-03-20"}, {"unpaid": "2024-03-20", "audited": "2024-03-02"},
                  {"unpaid": "2024-03-20", "audited": None}):
        decision = contractdsl.permits(both, {"action": "use", "data": "content",
                                              "facts": facts, "period": period})
        assert decision.outcome == "permitted", facts
        assert {r.clause for r in decision.reasons} == {"1"}
    # on the day the fee is overdue under the earlier text, clause 2 denies it
    early = contractdsl.permits(both, {"action": "use", "data": "content", "period": period,
                                       "facts": {"unpaid": "2024-03-10", "audited": None}})
    assert early.outcome == "denied"
    assert [(r.clause, r.part.start) for r in early.reasons if r.clause == "2"] == [
        ("2", dt.date(2024, 3, 10))]


HOURS = """\
agreement "Hours" version "1".
effective 2024-01-01.
action use "use the data".
data content "the data".
fact fa "the first request".
fact fb "the second request".
fact deleted "the licensee deleted the data".
fact notified "the licensee notified the provider".
duty delete "delete the data" shown by deleted.
duty notify "notify the provider" shown by notified.
clause 1: licensee may use content.
clause 2: licensee must delete within 24 hours after the later of fa and fb.
clause 3: licensee must notify within 24 hours after the earlier of fa and fb.
"""


def test_the_later_or_earlier_of_a_day_and_an_instant_on_it_is_bounded_by_the_instant():
    """The later of `fa` on 2024-03-01 (time not stated) and `fb` at 20:00 that day came at
    20:00 or after, so deleting at 10:00 the next day is within 24 hours of it, whatever
    `fa`'s time; the earlier came at 04:00 or before, so a notice not given by 12:00 the next
    day is late. Only a time the instants stated cannot decide is asked, and only of `fa`."""
    terms = contractdsl.parse(HOURS, "hours.agreement")
    later = {"fa": "2024-03-01", "fb": "2024-03-01T20:00:00Z", "notified": "2024-03-01T01:00:00Z"}
    done = contractdsl.permits(terms, {"date": "2024-03-05",
                                       "facts": {**later, "deleted": "2024-03-02T10:00:00Z"}})
    assert done.outcome == "permitted" and duties(done)["2"] == ("met", "2024-03-02")
    waiting = contractdsl.permits(terms, {"date": "2024-03-02T12:00:00Z", "facts": later})
    assert waiting.outcome == "permitted" and duties(waiting)["2"] == ("pending", "2024-03-02")
    close = contractdsl.permits(terms, {"date": "2024-03-05",
                                        "facts": {**later, "deleted": "2024-03-02T21:00:00Z"}})
    assert close.outcome == "undetermined"
    assert [str(m) for m in close.missing] == ["the time of day, with its zone, of `fa` (clause 2)"]
    earlier = {"fa": "2024-03-01", "fb": "2024-03-01T04:00:00Z", "deleted": "2024-03-01T05:00:00Z"}
    late = contractdsl.permits(terms, {"date": "2024-03-02T12:00:00Z", "facts": earlier})
    assert late.outcome == "denied" and duties(late)["3"] == ("breached", "2024-03-02")
    assert contractdsl.permits(terms, {"date": "2024-03-05", "facts": {
        **earlier, "notified": "2024-03-02T10:00:00Z"}}).outcome == "denied"
    assert contractdsl.permits(terms, {"date": "2024-03-05", "facts": {
        **earlier, "notified": "2024-03-01T23:00:00Z"}}).outcome == "permitted"
    # at 03:00 it may be late, had `fa` come before 03:00 on 2024-03-01
    assert contractdsl.permits(terms, {"date": "2024-03-05", "facts": {
        **earlier, "notified": "2024-03-02T03:00:00Z"}}).outcome == "undetermined"
