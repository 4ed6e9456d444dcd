"""The examples docs/semantics.md gives in its prose, each decided as the page says: totals by
days and by instants (section 1 and rule 5), totals side by side (rule 5), caps in total,
fees (section 11) and a duty its clause stops binding (section 6). Each test names the rule
it checks and the place of the page that states it."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import contractdsl

HEAD = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
unit posts "posts".
unit tokens "tokens".
unit requests "requests".
unit USD "US dollars" measures money.
clause 1: licensee may use content.
"""


def terms(clauses: str) -> contractdsl.Agreement:
    """The agreement HEAD with ``clauses`` after it, checked clean."""
    agreement = contractdsl.parse(HEAD + clauses, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def total(amount, unit, start, end) -> dict:
    return {"amount": amount, "unit": unit, "from": start, "until": end}


def read(agreement, when, *volume) -> contractdsl.Decision:
    """The decision on reading ``volume`` on a day (``when`` a text) or over a period (a pair)."""
    usage = {"action": "read", "volume": list(volume)}
    if isinstance(when, str):
        usage["date"] = when
    else:
        usage["period"] = {"from": when[0], "until": when[1]}
    return contractdsl.permits(agreement, usage)


def said(decision, clause) -> list[tuple[str, str]]:
    """The effect and words of each reason of ``clause``."""
    return [(r.effect, r.text) for r in decision.reasons if r.clause == clause]


def owed(decision, clause) -> list[str]:
    return [d.text for d in decision.obligations if d.clause == clause]


PER_MINUTE = "clause L: licensee must not read more than 1,000 tokens per minute.\n"
PER_60_DAYS = "clause L: licensee must not read more than 200 posts per 60 days.\n"
CAP_FROM_MARCH = ("clause C from 2024-03-01: licensee must not read more than 10,000 tokens in "
                  "total.\n")


# docs/semantics.md, rule 5, "A total over a period": a total stated with instants runs from
# its first instant to its last, and one minute holds it when they lie less than a minute apart.
@pytest.mark.parametrize("amount, until, outcome, words", [
    (1_500, "2024-03-01T00:00:59Z", "denied", "falls in one minute, more than that"),
    (900, "2024-03-01T00:00:59Z", "permitted", "fits in one minute"),
    (1_500, "2024-03-01T00:01:30Z", "undetermined", "may or may not exceed it in some minute"),
    (1_500, "2024-03-01T00:01:00Z", "undetermined", "may or may not exceed it in some minute"),
    (2_001, "2024-03-01T00:01:30Z", "denied", "averages 1,000.50 per minute over 2 minutes"),
])
def test_rule_5_a_total_stated_with_instants_spans_the_windows_between_them(
        amount, until, outcome, words):
    decision = read(terms(PER_MINUTE), "2024-03-01",
                    total(amount, "tokens", "2024-03-01T00:00:00Z", until))
    assert decision.outcome == outcome
    ((_, text),) = said(decision, "L")
    assert text.endswith(words)


# docs/semantics.md, rule 5, "A total over a period": a total without dates is over the usage's
# period. Stated with instants, that period lies within one minute.
def test_rule_5_a_total_without_dates_is_over_the_usage_s_period_stated_with_instants():
    decision = read(terms(PER_MINUTE), ("2024-03-01T00:00:00Z", "2024-03-01T00:00:59Z"),
                    {"amount": 1_500, "unit": "tokens"})
    assert decision.outcome == "denied"


# docs/semantics.md, rule 5, "Totals side by side": totals one window holds count together.
def test_rule_5_totals_side_by_side_that_one_window_holds_count_together():
    decision = read(terms(PER_60_DAYS), ("2024-03-01", "2024-03-31"),
                    total(120, "posts", "2024-03-01", "2024-03-01"),
                    total(120, "posts", "2024-03-10", "2024-03-10"))
    assert decision.outcome == "denied"
    assert said(decision, "L") == [(
        "exceeds", "allows no more than 200 posts per 60 days; 120 posts on 2024-03-01 "
        "and 120 posts on 2024-03-10, stated side by side, lie "
        "within one window of 60 days and come to 240 posts together, more than that")]


# docs/semantics.md, section 1 and rule 5, "Totals side by side": two shares of one day told
# apart by their instants, the first ending at the instant the second begins, share no time
# and one minute holds them.
def test_rule_5_shares_of_one_day_meeting_at_an_instant_count_together_in_one_minute():
    decision = read(terms(PER_MINUTE), "2024-03-01",
                    total(600, "tokens", "2024-03-01T00:00:00Z", "2024-03-01T00:00:30Z"),
                    total(600, "tokens", "2024-03-01T00:00:30Z", "2024-03-01T00:00:59Z"))
    assert decision.outcome == "denied"
    ((_, text),) = said(decision, "L")
    assert text.endswith("stated side by side, lie within one minute and come to 1,200 tokens "
                         "together, more than that")


# docs/semantics.md, rule 5, "Totals side by side": totals that share some of their time, or
# the same share stated twice, come to at least the most of them sharing none and at most all.
@pytest.mark.parametrize("second", [("2024-03-05", "2024-03-10"), ("2024-03-01", "2024-03-05")])
def test_rule_5_totals_that_share_some_of_their_time_are_undetermined(second):
    decision = read(terms(PER_60_DAYS), ("2024-03-01", "2024-03-31"),
                    total(120, "posts", "2024-03-01", "2024-03-05"),
                    total(120, "posts", *second))
    assert decision.outcome == "undetermined"
    ((_, text),) = said(decision, "L")
    assert text.endswith("share some of their time, so together they come to at least 120 and "
                         "at most 240 posts")
    assert decision.missing == (
        f"the number of posts from 2024-03-01 to {max('2024-03-05', second[1])} (clause L)",)


# docs/semantics.md, rule 5, "Totals side by side", and "Caps in total": a total counted by its
# shares is said once, with them and the totals beside them, and has no reason of its own.
@pytest.mark.parametrize("clauses, period, volume, outcome, words", [
    pytest.param(PER_60_DAYS, ("2024-03-01", "2024-03-31"), [
        total(150, "posts", "2024-03-01", "2024-03-10"),
        total(90, "posts", "2024-03-01", "2024-03-05"),
        total(60, "posts", "2024-03-06", "2024-03-10"),
        total(100, "posts", "2024-03-11", "2024-03-20")], "denied",
        "allows no more than 200 posts per 60 days; 90 posts from 2024-03-01 to 2024-03-05 and "
        "60 posts from 2024-03-06 to 2024-03-10 (stated within 150 posts from 2024-03-01 to "
        "2024-03-10 as its count on the days from 2024-03-01 to 2024-03-10 it binds the usage) "
        "and 100 posts from 2024-03-11 to 2024-03-20, stated side by side, lie within one window "
        "of 60 days and come to 250 posts together, more than that", id="rule-5"),
    pytest.param(CAP_FROM_MARCH, ("2024-02-01", "2024-04-30"), [
        total(20_000, "tokens", "2024-02-01", "2024-03-31"),
        total(5_000, "tokens", "2024-03-01", "2024-03-31"),
        total(4_000, "tokens", "2024-04-01", "2024-04-30")], "permitted",
        "allows no more than 10,000 tokens in total; 5,000 tokens from 2024-03-01 to 2024-03-31 "
        "(stated within 20,000 tokens from 2024-02-01 to 2024-03-31 as its count on the days "
        "from 2024-03-01 to 2024-03-31 it binds the usage) and 4,000 tokens from 2024-04-01 to "
        "2024-04-30, stated side by side, come to 9,000 tokens together, within it",
        id="caps-in-total"),
])
def test_rule_5_and_caps_in_total_a_total_counted_by_its_shares_is_said_once_with_the_others(
        clauses, period, volume, outcome, words):
    decision = read(terms(clauses), period, *volume)
    assert decision.outcome == outcome
    assert [text for _, text in said(decision, clauses.split()[1].rstrip(":"))] == [words]


# docs/semantics.md, rule 5, "A rate beside a total": judged one by one, not added.
@pytest.mark.parametrize("amount, outcome", [(900, "permitted"), (1_001, "denied")])
def test_rule_5_a_rate_beside_a_total_is_judged_apart_from_it(amount, outcome):
    decision = read(terms(PER_MINUTE), "2024-03-01",
                    {"amount": 600, "unit": "tokens", "per": "minute"},
                    total(amount, "tokens", "2024-03-01T00:00:00Z", "2024-03-01T00:00:59Z"))
    assert decision.outcome == outcome
    effects = [effect for effect, _ in said(decision, "L")]
    assert effects == ["within", "within" if outcome == "permitted" else "exceeds"]


# docs/semantics.md, "Caps in total": a total beyond the cap's days is judged by its shares on
# them, which count together.
@pytest.mark.parametrize("shares, outcome", [
    ([total(9_000, "tokens", "2024-03-01", "2024-04-30")], "permitted"),
    ([total(6_000, "tokens", "2024-03-01", "2024-03-31"),
      total(6_000, "tokens", "2024-04-01", "2024-04-30")], "denied"),
])
def test_caps_in_total_a_total_beyond_the_cap_s_days_is_judged_by_its_shares(shares, outcome):
    decision = read(terms(CAP_FROM_MARCH), ("2024-02-01", "2024-04-30"),
                    total(20_000, "tokens", "2024-02-01", "2024-04-30"), *shares)
    assert decision.outcome == outcome
    assert "20,000 tokens from 2024-02-01 to 2024-04-30 is judged by its shares stated within " \
           "it on the days from 2024-03-01 to 2024-04-30 it binds the usage" in \
           said(decision, "C")[0][1]


# docs/semantics.md, "Caps in total": totals side by side count together under the cap.
@pytest.mark.parametrize("april, outcome, words", [
    (total(6_000, "tokens", "2024-04-01", "2024-04-30"), "denied",
     "6,000 tokens from 2024-03-01 to 2024-03-31 and 6,000 tokens from 2024-04-01 to "
     "2024-04-30, stated side by side, come to 12,000 tokens together, more than that"),
    (total(4_000, "tokens", "2024-04-01", "2024-04-30"), "permitted",
     "6,000 tokens from 2024-03-01 to 2024-03-31 and 4,000 tokens from 2024-04-01 to "
     "2024-04-30, stated side by side, come to 10,000 tokens together, within it"),
    (total(6_000, "tokens", "2024-03-20", "2024-04-30"), "undetermined",
     "6,000 tokens from 2024-03-01 to 2024-03-31 and 6,000 tokens from 2024-03-20 to "
     "2024-04-30, stated side by side, share some of their time, so together they come to at "
     "least 6,000 and at most 12,000 tokens"),
])
def test_caps_in_total_totals_side_by_side_count_together(april, outcome, words):
    decision = read(terms(CAP_FROM_MARCH), ("2024-03-01", "2024-04-30"),
                    total(6_000, "tokens", "2024-03-01", "2024-03-31"), april)
    assert decision.outcome == outcome
    assert said(decision, "C")[0][1] == "allows no more than 10,000 tokens in total; " + words
    if outcome == "undetermined":
        assert decision.missing == (
            "the number of tokens from 2024-03-01 to 2024-04-30 (clause C)",)


# docs/semantics.md, "Caps in total": caps binding the usage on the total's days allow their
# amounts together; more is denied.
@pytest.mark.parametrize("amount, outcome", [(15_001, "denied"), (15_000, "undetermined")])
def test_caps_in_total_a_total_over_two_caps_is_denied_past_what_they_allow_together(
        amount, outcome):
    decision = read(terms(
        "clause C1 until 2024-02-29: licensee must not read more than 5,000 tokens in total.\n"
        "clause C2 from 2024-03-01: licensee must not read more than 10,000 tokens in total.\n"),
        ("2024-02-01", "2024-03-31"), total(amount, "tokens", "2024-02-01", "2024-03-31"))
    assert decision.outcome == outcome
    assert decision.missing == (() if outcome == "denied" else (
        "the number of tokens from 2024-02-01 to 2024-02-29 (clause C1)",
        "the number of tokens from 2024-03-01 to 2024-03-31 (clause C2)"))


# docs/semantics.md, "Caps in total": a rate comes to its total over the cap's days.
@pytest.mark.parametrize("cap, outcome", [("124,000", "permitted"), ("123,999", "denied")])
def test_caps_in_total_a_rate_comes_to_its_total_over_the_cap_s_days(cap, outcome):
    decision = read(terms(f"clause C: licensee must not read more than {cap} tokens in total.\n"),
                    ("2024-01-01", "2024-01-31"), {"amount": 4_000, "unit": "tokens", "per": "day"})
    assert decision.outcome == outcome
    assert "4,000 tokens per day from 2024-01-01 to 2024-01-31 (that is 124,000 tokens)" in \
           said(decision, "C")[0][1]


# docs/semantics.md, rule 5, "A rate beside a total" (under a cap in total too): not added.
def test_caps_in_total_a_rate_beside_a_total_is_judged_apart_from_it():
    decision = read(terms("clause C: licensee must not read more than 100,000 tokens in total.\n"),
                    ("2024-01-01", "2024-01-31"), {"amount": 2_000, "unit": "tokens", "per": "day"},
                    total(50_000, "tokens", "2024-01-01", "2024-01-31"))
    assert decision.outcome == "permitted"
    assert [effect for effect, _ in said(decision, "C")] == ["within", "within"]


FEE = "clause F{since}: licensee must pay 1 USD per 100 posts.\n"


# docs/semantics.md, section 11: each day is counted once, by the shares that count it.
@pytest.mark.parametrize("shares, fees", [
    ([total(90, "posts", "2024-03-01", "2024-03-31"),
      total(60, "posts", "2024-04-01", "2024-04-30")],
     ["pay 0.90 USD for 90 posts from 2024-03-01 to 2024-03-31 (pay 1 USD per 100 posts)",
      "pay 0.60 USD for 60 posts from 2024-04-01 to 2024-04-30 (pay 1 USD per 100 posts)"]),
    ([total(90, "posts", "2024-03-01", "2024-03-31")],
     ["pay 1.50 USD for 150 posts from 2024-03-01 to 2024-04-30 (pay 1 USD per 100 posts)"]),
])
def test_section_11_a_fee_counts_each_day_once(shares, fees):
    decision = read(terms(FEE.format(since="")), ("2024-03-01", "2024-04-30"),
                    total(150, "posts", "2024-03-01", "2024-04-30"), *shares)
    assert owed(decision, "F") == fees


# docs/semantics.md, section 11: the days are those the fee applies on.
def test_section_11_a_fee_from_april_is_owed_on_april_s_share_alone():
    decision = read(terms(FEE.format(since=" from 2024-04-01")), ("2024-03-01", "2024-04-30"),
                    total(150, "posts", "2024-03-01", "2024-04-30"),
                    total(60, "posts", "2024-04-01", "2024-04-30"))
    assert owed(decision, "F") == [
        "pay 0.60 USD for 60 posts from 2024-04-01 to 2024-04-30 (pay 1 USD per 100 posts)"]


# docs/semantics.md, section 11: a total on none of the fee's days owes nothing under it.
@pytest.mark.parametrize("june, fees", [
    ([total(500_000, "requests", "2024-06-01", "2024-06-30")],
     ["pay 120 USD for 500,000 requests from 2024-06-01 to 2024-06-30 (pay 0.24 USD per 1,000 "
      "requests)"]),
    ([], ["pay 0.24 USD per 1,000 requests"]),
])
def test_section_11_a_total_outside_the_fee_s_days_owes_nothing_under_it(june, fees):
    decision = read(terms("clause F from 2024-06-01: licensee must pay 0.24 USD per 1,000 "
                          "requests.\n"), ("2024-05-01", "2024-06-30"),
                    total(1_000_000, "requests", "2024-05-01", "2024-05-31"), *june)
    assert owed(decision, "F") == fees


# docs/semantics.md, section 11: totals that share some of their time give only the price.
@pytest.mark.parametrize("second", [("2024-03-10", "2024-03-31"), ("2024-03-01", "2024-03-20")])
def test_section_11_totals_that_share_some_of_their_time_give_only_the_price(second):
    decision = read(terms(FEE.format(since="")), ("2024-03-01", "2024-03-31"),
                    total(100, "posts", "2024-03-01", "2024-03-20"), total(100, "posts", *second))
    assert owed(decision, "F") == ["pay 1 USD per 100 posts"]


THRESHOLD = ("clause LD: licensee must pay 15,000 USD per 1,000,000 posts beyond 1,000,000 "
             "posts per 24 hours.\n")


# docs/semantics.md, section 11, "A fee past a threshold": a total stated with instants spans
# the windows from its first instant to its last.
@pytest.mark.parametrize("until, fee", [
    ("2024-12-02T05:59:59Z", "pay 30,000 USD for 3,000,000 posts from 2024-12-01 06:00 UTC to "
                             "2024-12-02 05:59:59 UTC (pay 15,000 USD per 1,000,000 posts "
                             "beyond 1,000,000 posts per 24 hours)"),
    ("2024-12-02T06:00:00Z", "pay 15,000 USD per 1,000,000 posts beyond 1,000,000 posts per 24 "
                             "hours; the 3,000,000 posts from 2024-12-01 06:00 UTC to 2024-12-02 "
                             "06:00 UTC do not show the most in any window of 24 "
                             "hours"),
])
def test_section_11_a_total_with_instants_owes_a_threshold_fee_when_one_window_holds_it(
        until, fee):
    decision = read(terms(THRESHOLD), ("2024-12-01", "2024-12-02"),
                    total(3_000_000, "posts", "2024-12-01T06:00:00Z", until))
    assert owed(decision, "LD") == [fee]


# docs/semantics.md, section 11, "A fee past a threshold": the fee runs on the count of each
# window of the threshold. Two totals of one 24 hours come to 1,600,000 posts there, 600,000
# beyond the threshold: 9,000 USD, owed once for the window; 2,000,000 and 2,000,000 owe 45,000
# USD (not 15,000 twice).
@pytest.mark.parametrize("each, fee", [(800_000, 9_000), (2_000_000, 45_000)])
def test_section_11_totals_side_by_side_in_one_window_of_a_threshold_count_together(each, fee):
    decision = read(terms(THRESHOLD), "2024-12-01",
                    total(each, "posts", "2024-12-01T00:00:00Z", "2024-12-01T06:00:00Z"),
                    total(each, "posts", "2024-12-01T06:00:01Z", "2024-12-01T12:00:00Z"))
    assert [d.amount.amount for d in decision.obligations if d.clause == "LD"] == [Fraction(fee)]
    assert owed(decision, "LD") == [
        f"pay {fee:,} USD for {each:,} posts from 2024-12-01 00:00 UTC to 2024-12-01 06:00 UTC "
        f"and {each:,} posts from 2024-12-01 06:00:01 UTC to 2024-12-01 12:00 UTC, stated side "
        f"by side, which lie within one window of 24 hours and come to {2 * each:,} posts "
        "together (pay "
        "15,000 USD per 1,000,000 posts beyond 1,000,000 posts per 24 hours)"]


DELETION = HEAD + """\
fact deletion_request "the licensor asked for the content to be deleted".
fact content_deleted "the content was deleted".
duty delete_content "delete the content" shown by content_deleted.
clause 3 until {until}: licensee must delete_content within 10 days after deletion_request.
"""


def deletion(until, deleted):
    facts = {"deletion_request": "2024-03-01"}
    if deleted:
        facts["content_deleted"] = deleted
    return contractdsl.permits(contractdsl.parse(DELETION.format(until=until)), {
        "action": "use", "facts": facts, "period": {"from": "2024-03-01", "until": "2024-03-31"}})


# docs/semantics.md, section 6, "A duty is no longer owed once its clause stops binding".
@pytest.mark.parametrize("deleted", ["2024-03-20", None])
def test_section_6_a_duty_due_after_its_clause_stops_binding_is_no_longer_owed(deleted):
    decision = deletion("2024-03-09", deleted)
    assert decision.outcome == "permitted"
    assert [(d.clause, d.status, d.deadline, d.text) for d in decision.obligations] == [
        ("3", "pending", dt.date(2024, 3, 11), "delete the content within 10 days after "
         "`deletion_request` (by 2024-03-11); no longer owed after 2024-03-09, the last day its "
         "clause binds the usage")]


# docs/semantics.md, section 6: a deadline that passes while the clause binds is breached.
@pytest.mark.parametrize("deleted", ["2024-03-20", None])
def test_section_6_a_duty_due_while_its_clause_binds_is_breached_done_late_or_never(deleted):
    decision = deletion("2024-03-15", deleted)
    assert decision.outcome == "denied"
    ((duty,),) = [[d for d in decision.obligations if d.clause == "3"]]
    assert "no longer owed" not in duty.text
    if deleted:
        assert "the usage states `content_deleted` on 2024-03-20, after it was due" in \
               decision.explain()
