"""Caps without a window: in total, per one of a unit (`per request`) and at once (`concurrent`);
one test per rule of docs/semantics.md, "Caps in total, per request and at once"."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

import contractdsl
from contractdsl.format import format_text

TEXT = """\
agreement "Model API Terms" version "1".
effective 2024-01-01.
action use "use the API".
action send "send input to a model" under use.
action read "retrieve output" under use.
action stream "stream output" under use.
data content "content".
unit requests "API requests" alias request, calls.
unit tokens "tokens".
unit USD "US dollars" measures money.
clause 1 "Licence": licensee may use content.
clause TOK-1 "Context window":
  licensee must not send more than 4,096 tokens per request per model.
clause TOK-2 "Tokens of the trial":
  licensee must not send more than 100,000 tokens in total per licensee.
clause TOK-3 "From March" from 2024-03-01:
  licensee must not read more than 10,000 tokens in total.
clause CON-1 "Concurrent requests":
  licensee must not use more than 100 concurrent requests.
clause RATE "Rate":
  licensee must not stream more than 1,000 tokens per minute.
clause FEE "Fees":
  licensee must pay 1 USD per 1,000 tokens.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def decide(terms, *volume, action="send", **fields):
    fields.setdefault("period", {"from": "2024-01-01", "until": "2024-01-31"})
    return contractdsl.permits(terms, {"action": action, "volume": list(volume), **fields})


def effects(decision):
    return {(r.clause, r.effect) for r in decision.reasons}


# In total: a total as it stands, exactly; more denies.
def test_a_total_is_compared_with_a_cap_in_total_as_it_stands(terms):
    at = decide(terms, {"amount": 100_000, "unit": "tokens"})
    over = decide(terms, {"amount": 100_001, "unit": "tokens"})
    assert (at.outcome, over.outcome) == ("permitted", "denied")
    assert ("TOK-2", "within") in effects(at) and ("TOK-2", "exceeds") in effects(over)
    assert [r.text for r in over.reasons if r.clause == "TOK-2"] == [
        "allows no more than 100,000 tokens in total per licensee; 100,001 tokens from "
        "2024-01-01 to 2024-01-31 is more"]


# In total: a rate comes to its total over the days the cap binds, exactly.
def test_a_rate_comes_to_its_total_over_the_days_the_cap_binds(terms):
    decision = decide(terms, {"amount": 4_000, "unit": "tokens", "per": "day"})
    assert decision.outcome == "denied"
    (text,) = [r.text for r in decision.reasons if r.clause == "TOK-2"]
    assert "4,000 tokens per day from 2024-01-01 to 2024-01-31 (that is 124,000 tokens)" in text
    # per a calendar window, each month counts in the share of its days the usage covers:
    # 15 of January's 31 days and 14 of February's 29 at 62,000 a month is 59,931.03
    month = decide(terms, {"amount": 62_000, "unit": "tokens", "per": "calendar month"},
                   period={"from": "2024-01-17", "until": "2024-02-14"})
    assert ("TOK-2", "within") in effects(month)
    expected = 62_000 * Fraction(15, 31) + 62_000 * Fraction(14, 29)
    assert f"(that is {float(expected):,.2f} tokens)" in \
        next(r.text for r in month.reasons if r.clause == "TOK-2")


def test_a_rate_under_a_cap_in_total_counts_every_day_of_the_cap_across_a_cut(terms):
    # TOK-3 begins on 2024-03-01 and cuts the period, but changes nothing about sending:
    # 2,000 tokens a day from February to March come to 120,000 tokens under TOK-2, although
    # neither month's 58,000 or 62,000 is more than its cap
    decision = decide(terms, {"amount": 2_000, "unit": "tokens", "per": "day"},
                      period={"from": "2024-02-01", "until": "2024-03-31"})
    assert decision.outcome == "denied"
    assert ("TOK-2", "exceeds") in effects(decision)
    (text,) = {r.text for r in decision.reasons if r.clause == "TOK-2"}
    assert "from 2024-02-01 to 2024-03-31 (that is 120,000 tokens)" in text


def test_a_rate_under_a_cap_in_total_counts_the_instants_the_usage_states():
    # a cap of 1,000 tokens; 10 tokens a minute from 10:00 to 11:00 come to 600 tokens, not
    # a whole day's 14,400; and from 00:00 to a fact's instant at 12:00 that lifts the cap,
    # 60 tokens an hour come to 720
    terms = contractdsl.parse(TEXT.split("clause 1 ")[0] + """\
fact approval "the licensor approved more tokens".
clause 1 "Licence": licensee may use content.
clause CAP "Tokens": licensee must not send more than 1,000 tokens in total unless approval.
clause NONE "No streaming": licensee must not stream more than 0 tokens in total.
""", "hour.agreement")
    hour = {"from": "2024-03-01T10:00:00Z", "until": "2024-03-01T11:00:00Z"}
    at = decide(terms, {"amount": 10, "unit": "tokens", "per": "minute"}, period=hour)
    assert at.outcome == "permitted"
    assert [r.text for r in at.reasons if r.clause == "CAP"] == [
        "allows no more than 1,000 tokens in total; 10 tokens per minute from 2024-03-01 10:00 "
        "UTC to 2024-03-01 11:00 UTC (that is 600 tokens) is within it"]
    over = decide(terms, {"amount": 17, "unit": "tokens", "per": "minute"}, period=hour)
    assert over.outcome == "denied"  # 1,020 tokens
    cut = {"action": "send", "date": "2024-03-05", "facts": {"approval": "2024-03-05T12:00:00Z"}}
    half = contractdsl.permits(terms, {**cut, "volume": [
        {"amount": 60, "unit": "tokens", "per": "hour"}]})
    assert half.outcome == "permitted" and ("CAP", "within") in effects(half)
    assert "(that is 720 tokens)" in next(r.text for r in half.reasons if r.clause == "CAP")
    more = contractdsl.permits(terms, {**cut, "volume": [
        {"amount": "83.34", "unit": "tokens", "per": "hour"}]})
    assert more.outcome == "denied"  # 1,000.08 tokens by 12:00
    # at an instant a rate comes to nothing, but a cap of zero still denies it
    instant = contractdsl.permits(terms, {"action": "stream", "date": "2024-03-01T10:00:00Z",
                                          "volume": [{"amount": 10, "unit": "tokens",
                                                      "per": "minute"}]})
    assert instant.outcome == "denied"
    assert [r.text for r in instant.reasons if r.clause == "NONE"] == [
        "allows no more than 0 tokens in total, and the usage `stream` implies a positive amount"]


# In total: a total that runs beyond the days the cap binds counts only in part.
def test_a_total_beyond_the_days_a_cap_binds_fits_whole_or_is_undetermined(terms):
    within = decide(terms, {"amount": 9_000, "unit": "tokens"}, action="read",
                    period={"from": "2024-02-01", "until": "2024-03-31"})
    assert within.outcome == "permitted" and ("TOK-3", "within") in effects(within)
    unknown = decide(terms, {"amount": 20_000, "unit": "tokens"}, action="read",
                     period={"from": "2024-02-01", "until": "2024-03-31"})
    assert unknown.outcome == "undetermined"
    assert ("TOK-3", "undetermined") in effects(unknown)
    assert list(unknown.missing) == [
        "the number of tokens from 2024-03-01 to 2024-03-31 (clause TOK-3)"]


def test_a_total_beyond_the_days_of_each_cap_is_over_what_they_allow_together():
    # 5,000 tokens to February, 10,000 from March: a total over both may be within them up to
    # 15,000, and not beyond
    terms = contractdsl.parse(TEXT + 'clause TOK-0 "To February" until 2024-02-29:\n'
                              "  licensee must not read more than 5,000 tokens in total.\n")
    period = {"from": "2024-02-01", "until": "2024-03-31"}
    over = decide(terms, {"amount": 15_001, "unit": "tokens"}, action="read", period=period)
    assert over.outcome == "denied"
    assert effects(over) >= {("TOK-0", "exceeds"), ("TOK-3", "exceeds")}
    assert "at most 15,000 tokens: 5,000 from 2024-02-01 to 2024-02-29 (clause TOK-0) and " \
        "10,000 from 2024-03-01 to 2024-03-31 (clause TOK-3)" in over.explain()
    unknown = decide(terms, {"amount": 15_000, "unit": "tokens"}, action="read", period=period)
    assert unknown.outcome == "undetermined"
    assert list(unknown.missing) == [
        "the number of tokens from 2024-02-01 to 2024-02-29 (clause TOK-0)",
        "the number of tokens from 2024-03-01 to 2024-03-31 (clause TOK-3)"]


def test_a_total_beyond_the_days_a_cap_binds_is_judged_by_its_shares_on_them_together(terms):
    # (docs/semantics.md, caps in total) stating the share the decision asks for decides it,
    # as for a limit per window; under a cap in total the shares on its days count together
    period = {"from": "2024-02-01", "until": "2024-04-30"}

    def tokens(amount, start, end):
        return {"amount": amount, "unit": "tokens", "from": start, "until": end}

    total = {"amount": 20_000, "unit": "tokens"}
    alone = decide(terms, total, action="read", period=period)
    assert alone.outcome == "undetermined"
    assert list(alone.missing) == [
        "the number of tokens from 2024-03-01 to 2024-04-30 (clause TOK-3)"]
    told = decide(terms, total, tokens(9_000, "2024-03-01", "2024-04-30"), action="read",
                  period=period)
    assert told.outcome == "permitted" and list(told.missing) == []
    # March's and April's 6,000 are each within 10,000, and 12,000 together are not
    months = decide(terms, total, tokens(8_000, "2024-02-01", "2024-02-29"),
                    tokens(6_000, "2024-03-01", "2024-03-31"),
                    tokens(6_000, "2024-04-01", "2024-04-30"), action="read", period=period)
    assert months.outcome == "denied"
    assert ("clause TOK-3 (From March): allows no more than 10,000 tokens in total; 20,000 "
            "tokens from 2024-02-01 to 2024-04-30 is judged by its shares stated within it on "
            "the days from 2024-03-01 to 2024-04-30 it binds the usage, 6,000 tokens from "
            "2024-03-01 to 2024-03-31 and 6,000 tokens from 2024-04-01 to 2024-04-30, which "
            "come to 12,000 tokens, more than that") in months.explain()
    # a share that leaves a day the cap binds uncounted decides nothing
    assert decide(terms, total, tokens(6_000, "2024-03-01", "2024-03-31"), action="read",
                  period=period).outcome == "undetermined"


def test_totals_stated_side_by_side_count_together_under_a_cap_in_total(terms):
    # (docs/semantics.md, caps in total) with no total stated around them, the usage's totals
    # on the cap's days count together; where they share some of their time, the sum is not
    # known
    period = {"from": "2024-03-01", "until": "2024-04-30"}

    def tokens(amount, start, end):
        return {"amount": amount, "unit": "tokens", "from": start, "until": end}

    march, april = tokens(6_000, "2024-03-01", "2024-03-31"), tokens(6_000, "2024-04-01",
                                                                      "2024-04-30")
    over = decide(terms, march, april, action="read", period=period)
    assert over.outcome == "denied"
    assert [r.text for r in over.reasons if r.clause == "TOK-3"] == [
        "allows no more than 10,000 tokens in total; 6,000 tokens from 2024-03-01 to "
        "2024-03-31 and 6,000 tokens from 2024-04-01 to 2024-04-30, stated side by side, come "
        "to 12,000 tokens together, more than that"]
    within = decide(terms, march, tokens(4_000, "2024-04-01", "2024-04-30"), action="read",
                    period=period)
    assert within.outcome == "permitted" and ("TOK-3", "within") in effects(within)
    both = decide(terms, march, tokens(6_000, "2024-03-20", "2024-04-30"), action="read",
                  period=period)
    assert both.outcome == "undetermined"
    assert list(both.missing) == [
        "the number of tokens from 2024-03-01 to 2024-04-30 (clause TOK-3)"]
    # the same share stated twice shares all its time, and counts for no total around it
    assert decide(terms, march, march, action="read", period=period).outcome == "undetermined"
    assert decide(terms, {"amount": 9_000, "unit": "tokens"}, march, march, action="read",
                  period=period).outcome == "permitted"


def test_shares_stated_with_a_time_of_day_are_told_apart_and_counted_once_each(terms):
    # (docs/semantics.md, section 1 and rule 5) two shares of one day, stated to the second,
    # are two amounts that one minute holds; each owes its fee
    usage = {"action": "stream", "date": "2024-03-01", "volume": [
        {"amount": 600, "unit": "tokens", "from": "2024-03-01T00:00Z",
         "until": "2024-03-01T00:00:30Z"},
        {"amount": 600, "unit": "tokens", "from": "2024-03-01T00:00:30Z",
         "until": "2024-03-01T00:00:59Z"}]}
    decision = contractdsl.permits(terms, usage)
    assert decision.outcome == "denied"
    assert [r.text for r in decision.reasons if r.clause == "RATE"] == [
        "allows no more than 1,000 tokens per minute; 600 tokens from 2024-03-01 00:00 UTC to "
        "2024-03-01 00:00:30 UTC and 600 tokens from 2024-03-01 00:00:30 UTC to 2024-03-01 "
        "00:00:59 UTC, stated side by side, lie within one minute and come to 1,200 tokens "
        "together, more than that"]
    owed = [d.amount.amount for d in decision.obligations if d.clause == "FEE"]
    assert sorted(owed) == [Fraction(6, 10), Fraction(6, 10)]
    # a minute apart, no minute holds both
    usage["volume"][1].update({"from": "2024-03-01T00:01:30Z", "until": "2024-03-01T00:01:59Z"})
    assert contractdsl.permits(terms, usage).outcome == "permitted"


def test_a_total_stated_with_instants_spans_the_windows_from_its_first_instant_to_its_last(
        terms):
    # (docs/semantics.md, rule 5) a total from 00:00:00 to 00:00:59 lies within one minute: more
    # than the limit in it denies; a total over 90 seconds spans two minutes
    def stream(amount, until):
        return contractdsl.permits(terms, {"action": "stream", "date": "2024-03-01", "volume": [
            {"amount": amount, "unit": "tokens", "from": "2024-03-01T00:00:00Z",
             "until": f"2024-03-01T{until}Z"}]})

    over = stream(1_500, "00:00:59")
    assert over.outcome == "denied"
    assert [r.text for r in over.reasons if r.clause == "RATE"] == [
        "allows no more than 1,000 tokens per minute; the whole of 1,500 tokens from 2024-03-01 "
        "00:00 UTC to 2024-03-01 00:00:59 UTC falls in one minute, more than that"]
    assert stream(900, "00:00:59").outcome == "permitted"
    # until 00:01:00 is the first instant of the next minute: two minutes hold it
    assert stream(1_500, "00:01:00").outcome == "undetermined"
    spread = stream(1_500, "00:01:30")
    assert spread.outcome == "undetermined"
    assert list(spread.missing) == [
        "the largest number of tokens in any minute from 2024-03-01 00:00 UTC to 2024-03-01 "
        "00:01:30 UTC (clause RATE)"]
    assert stream(2_001, "00:01:30").outcome == "denied"  # over two minutes' 2,000
    assert stream(2_000, "00:01:30").outcome == "undetermined"


def test_a_rate_and_a_total_in_one_unit_are_each_judged_and_not_added(terms):
    # (docs/semantics.md, rule 5) a rate covers the usage's whole period, so a total stated
    # beside it lies within its time, as a share within a total: they are not added up, and
    # the minute holding the total holds at least each of them, which each judged alone gives
    def stream(total):
        return contractdsl.permits(terms, {"action": "stream", "date": "2024-03-01", "volume": [
            {"amount": 600, "unit": "tokens", "per": "minute"},
            {"amount": total, "unit": "tokens", "from": "2024-03-01T00:00:00Z",
             "until": "2024-03-01T00:00:59Z"}]})

    assert stream(900).outcome == "permitted"
    assert stream(1_001).outcome == "denied"


def test_a_total_counted_by_its_shares_beside_another_is_said_with_them_once(terms):
    # (docs/semantics.md, caps in total) the shares of a total on the cap's days count for it,
    # together with the totals beside it: the total is named with its shares, and is not
    # judged again apart (where it runs beyond the cap's days, as if its share were unknown)
    period = {"from": "2024-02-01", "until": "2024-04-30"}

    def tokens(amount, start, end):
        return {"amount": amount, "unit": "tokens", "from": start, "until": end}

    def judged(*volumes):
        decision = decide(terms, *volumes, action="read", period=period)
        return (decision.outcome, [r.text for r in decision.reasons if r.clause == "TOK-3"],
                decision.missing)

    march, april = tokens(5_000, "2024-03-01", "2024-03-31"), tokens(4_000, "2024-04-01",
                                                                     "2024-04-30")
    assert judged(tokens(20_000, "2024-02-01", "2024-03-31"), march, april) == ("permitted", [
        "allows no more than 10,000 tokens in total; 5,000 tokens from 2024-03-01 to 2024-03-31 "
        "(stated within 20,000 tokens from 2024-02-01 to 2024-03-31 as its count on the days "
        "from 2024-03-01 to 2024-03-31 it binds the usage) and 4,000 tokens from 2024-04-01 to "
        "2024-04-30, stated side by side, come to 9,000 tokens together, within it"], ())
    # a total within the cap alone, whose two shares count it, is said once with them
    halves = (tokens(5_000, "2024-03-01", "2024-03-15"), tokens(3_000, "2024-03-16",
                                                                "2024-03-31"))
    assert judged(tokens(8_000, "2024-03-01", "2024-03-31"), *halves, april)[:2] == ("denied", [
        "allows no more than 10,000 tokens in total; 5,000 tokens from 2024-03-01 to 2024-03-15 "
        "and 3,000 tokens from 2024-03-16 to 2024-03-31 (stated within 8,000 tokens from "
        "2024-03-01 to 2024-03-31 as its count on the days from 2024-03-01 to 2024-03-31 it "
        "binds the usage) and 4,000 tokens from 2024-04-01 to 2024-04-30, stated side by side, "
        "come to 12,000 tokens together, more than that"])
    # a total the cap denies alone stays denied, and says so
    outcome, said, _ = judged(tokens(20_000, "2024-03-01", "2024-03-31"), *halves,
                              tokens(1_000, "2024-04-01", "2024-04-30"))
    assert outcome == "denied"
    assert "allows no more than 10,000 tokens in total; 20,000 tokens from 2024-03-01 to " \
        "2024-03-31 is more" in said


def test_a_share_stated_twice_within_a_total_counts_at_least_once(terms):
    # (docs/semantics.md, caps in total) the same share stated twice shares all its time with
    # itself, so the total's shares are not its count; but each share is stated, and those
    # sharing no time come to at least what they do: more than the cap still denies
    period = {"from": "2024-02-01", "until": "2024-04-30"}

    def tokens(amount, start, end):
        return {"amount": amount, "unit": "tokens", "from": start, "until": end}

    total = tokens(20_000, "2024-02-01", "2024-04-30")
    march, april = tokens(6_000, "2024-03-01", "2024-03-31"), tokens(6_000, "2024-04-01",
                                                                      "2024-04-30")
    twice = decide(terms, total, march, april, dict(march), action="read", period=period)
    assert twice.outcome == decide(terms, total, march, april, action="read",
                                   period=period).outcome == "denied"
    assert ("clause TOK-3 (From March): allows no more than 10,000 tokens in total; 6,000 tokens "
            "from 2024-03-01 to 2024-03-31 and 6,000 tokens from 2024-04-01 to 2024-04-30, "
            "stated side by side, come to 12,000 tokens together, more than that") in twice.explain()
    # within the cap, stated twice, its count there is not known
    assert decide(terms, total, tokens(4_000, "2024-03-01", "2024-03-31"),
                  tokens(4_000, "2024-03-01", "2024-03-31"),
                  tokens(4_000, "2024-04-01", "2024-04-30"), action="read",
                  period=period).outcome == "undetermined"


# Per one of a unit: the most one request carries, the unit by any of its names.
def test_a_cap_per_request_reads_the_most_one_request_carries(terms):
    at = decide(terms, {"amount": 4_096, "unit": "tokens", "per": "calls"})
    over = decide(terms, {"amount": 4_097, "unit": "tokens", "per": "request"})
    assert (at.outcome, over.outcome) == ("permitted", "denied")
    assert [r.text for r in over.reasons if r.clause == "TOK-1"] == [
        "allows no more than 4,096 tokens per API request per model; the usage states up to "
        "4,097 tokens per API request"]


def test_a_cap_per_one_unit_never_reads_what_one_of_another_carries():
    # what one message carries is not what one request carries: the cap per request reads
    # amounts per request (or an alias) alone, and the cap per message those per message
    messages = contractdsl.parse(TEXT.replace(
        'unit tokens "tokens".\n',
        'unit tokens "tokens".\nunit messages "chat messages" alias message.\n') +
        "clause MSG: licensee must not send more than 500 tokens per message.\n",
        "terms.agreement")
    assert contractdsl.check(messages) == []
    per_message = decide(messages, {"amount": 5_000, "unit": "tokens", "per": "message"})
    assert per_message.outcome == "denied"
    assert {clause for clause, effect in effects(per_message) if effect == "exceeds"} == \
        {"MSG"}
    assert "no more than 4,096 tokens per API request per model" in \
        [d.text for d in per_message.obligations]
    per_request = decide(messages, {"amount": 600, "unit": "tokens", "per": "request"})
    assert per_request.outcome == "permitted"
    assert "no more than 500 tokens per chat message" in [d.text for d in per_request.obligations]


# At once: the most under way at one moment.
def test_a_concurrency_cap_reads_the_most_under_way_at_once(terms):
    assert decide(terms, {"amount": 100, "unit": "requests", "concurrent": True},
                  action="read").outcome == "permitted"
    over = decide(terms, {"amount": 120, "unit": "calls", "concurrent": True}, action="read")
    assert over.outcome == "denied"
    assert [r.text for r in over.reasons if r.clause == "CON-1"] == [
        "allows no more than 100 concurrent API requests; the usage states up to 120 concurrent "
        "API requests"]


# Each cap reads the volumes of its kind alone.
def test_each_cap_reads_only_the_volumes_of_its_kind(terms):
    # a peak per request or at once is no amount over time: no limit per window or in total
    # counts it, nor a fee
    peaks = decide(terms, {"amount": 900_000, "unit": "tokens", "per": "request"},
                   {"amount": 900_000, "unit": "requests", "concurrent": True})
    assert {clause for clause, _ in effects(peaks)} >= {"TOK-1", "CON-1"}
    assert not {"TOK-2", "RATE"} & {clause for clause, _ in effects(peaks)}
    assert [d.text for d in peaks.obligations if d.clause == "FEE"] == [
        "pay 1 USD per 1,000 tokens"]
    # and a rate or a total does not show what one request carries, or how many run at once
    counted = decide(terms, {"amount": 10, "unit": "tokens", "per": "minute"},
                     {"amount": 1, "unit": "requests"}, action="stream")
    assert not {"TOK-1", "CON-1"} & {clause for clause, _ in effects(counted)}


def test_a_limit_per_window_never_counts_a_peak(terms):
    # how many requests run at once, or what one request carries, is no amount over time
    limited = contractdsl.parse(TEXT + "clause REQ: licensee must not use more than 10 "
                                "requests per minute.\n", "terms.agreement")
    assert contractdsl.check(limited) == []
    peaks = decide(limited, {"amount": 900, "unit": "requests", "concurrent": True},
                   {"amount": 20, "unit": "requests", "per": "request"})
    assert ("REQ", "exceeds") not in effects(peaks)
    assert [d.text for d in peaks.obligations if d.clause == "REQ"] == [
        "no more than 10 API requests per minute"]
    over = decide(limited, {"amount": 11, "unit": "requests", "per": "minute"})
    assert ("REQ", "exceeds") in effects(over)


# No volume of its kind: a duty; a cap of zero denies.
def test_a_cap_without_a_volume_of_its_kind_is_a_duty_and_zero_denies(terms):
    decision = decide(terms)
    assert decision.outcome == "permitted"
    duties = [d.text for d in decision.obligations]
    assert "no more than 4,096 tokens per API request per model" in duties
    assert "no more than 100 concurrent API requests" in duties
    assert "no more than 100,000 tokens in total per licensee" in duties
    zero = contractdsl.parse(TEXT.replace("100 concurrent", "0 concurrent"), "zero.agreement")
    assert decide(zero).outcome == "denied"


# An audit judges a cap in total over the whole log, and no cap per request or at once.
def test_an_audit_sums_a_cap_in_total_over_the_log_and_judges_no_peak(tmp_path, terms):
    pytest.importorskip("duckdb")
    app = TEXT + 'app bot "Bot".\n'
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,tokens\n2024-01-05T10:00:00Z,bot,send,60000\n"
                   "2024-02-05T10:00:00Z,bot,send,60000\n")
    found = contractdsl.audit(contractdsl.parse(app, "terms.agreement"), str(log))
    (window,) = [w for w in found.windows if w.clause == "TOK-2"]
    assert (window.amount, window.allowance) == (120_000, 100_000)
    assert {p.clause for p in found.peaks} == {"TOK-2"}  # not TOK-1, not CON-1
    duties = {d["clause"] for g in found.groups for d in g.obligations}
    assert {"TOK-1", "CON-1"} <= duties
    # and says so: listed as not judged, with why
    assert {(u.clause, u.kind) for u in found.unjudged} >= {
        ("TOK-1", "cap per request"), ("CON-1", "cap at once")}
    from contractdsl.audit.findings import CAPS_NOT_JUDGED
    assert CAPS_NOT_JUDGED in found.to_text()


# Checked, formatted and said in three languages.
@pytest.mark.parametrize("cap, message", [
    ("4,096 tokens per reqest", "unknown unit `reqest`"),
    ("4,096 tokens per USD", "a limit counts per one of the things counted, not money (`USD`)"),
    ("4,096 tokens per mnth", "`mnth` is not a time window, nor a unit"),
    ("100 concurrent requets", "unknown unit `requets`"),
])
def test_a_cap_in_an_unknown_unit_is_located(cap, message):
    written = "100 concurrent requests" if "concurrent" in cap else "4,096 tokens per request"
    text = TEXT.replace(written, cap)
    problems = contractdsl.check(contractdsl.parse(text, "terms.agreement"))
    assert [p.message for p in problems] == [message]


def test_caps_are_formatted_and_read_back():
    formatted = format_text(TEXT.replace("100,000 tokens", "100000 tokens"))
    assert "licensee must not send more than 100,000 tokens in total per licensee." in formatted
    assert "licensee must not use more than 100 concurrent requests." in formatted
    assert "licensee must not send more than 4,096 tokens per request per model." in formatted
    assert format_text(formatted) == formatted


@pytest.mark.parametrize("locale, words", [
    ("en", ["must not send input to a model for more than 100,000 tokens in total per "
            "licensee", "for more than 100 API requests at the same time",
            "for more than 4,096 tokens per API request per model"]),
    ("nl", ["voor meer dan 100.000 tokens in totaal per licentienemer",
            "voor meer dan 100 API requests tegelijk", "voor meer dan 4.096 tokens per API request"]),
    ("fr", ["pour plus de 100\u202f000 tokens au total par licencié",
            "pour plus de 100 API requests simultanément",
            "pour plus de 4\u202f096 tokens par API request"]),
])
def test_caps_are_said_in_three_languages(terms, locale, words):
    rendered = contractdsl.render(terms, locale=locale)
    for piece in words:
        assert piece in rendered, (piece, rendered)


# In total: what was counted before the usage's period counts as the cap stands.
BEFORE = """\
agreement "Model API Terms" version "1".
effective 2024-01-01.
action use "use the API".
data content "content".
unit tokens "tokens".
clause 1: licensee may use content.
clause 2: licensee must not use more than 1,000 tokens in total.
"""


def _on_june_first(*volume):
    terms = contractdsl.parse(BEFORE, "before.agreement")
    return contractdsl.permits(terms, {"action": "use", "date": "2024-06-01",
                                       "volume": list(volume)})


def _cap_said(decision):
    return [r.text for r in decision.reasons if r.clause == "2"]


def test_a_total_before_the_period_counts_under_a_cap_in_total():
    # (docs/semantics.md, caps in total) a cap in total counts from the day it binds, so a
    # total stated before the usage's period is compared with it as it stands
    may = {"amount": 2_000, "unit": "tokens", "from": "2024-05-01", "until": "2024-05-31"}
    over = _on_june_first(may)
    assert over.outcome == "denied" and list(over.missing) == []
    assert _cap_said(over) == ["allows no more than 1,000 tokens in total; 2,000 tokens from "
                               "2024-05-01 to 2024-05-31 is more"]
    since = _on_june_first({"amount": 2_000, "unit": "tokens", "from": "2024-01-01"})
    assert since.outcome == "denied"
    assert _cap_said(since) == ["allows no more than 1,000 tokens in total; 2,000 tokens from "
                                "2024-01-01 to 2024-06-01 is more"]
    # up to the cap before the period, it leaves nothing: the usage implies a positive amount
    used = _on_june_first({**may, "amount": 1_000})
    assert used.outcome == "denied"
    assert _cap_said(used) == [
        "allows no more than 1,000 tokens in total; 1,000 tokens from 2024-05-01 to 2024-05-31, "
        "before the usage, leaves none of it, and the usage `use` implies a positive amount"]
    # so do totals side by side before it that come to the cap
    april = {**may, "amount": 500, "from": "2024-04-01", "until": "2024-04-30"}
    halves = _on_june_first(april, {**may, "amount": 500})
    assert halves.outcome == "denied"
    assert _cap_said(halves) == [
        "allows no more than 1,000 tokens in total; 500 tokens from 2024-04-01 to 2024-04-30 "
        "and 500 tokens from 2024-05-01 to 2024-05-31, stated side by side before the usage, "
        "come to 1,000 tokens together, which leaves none of it, and the usage `use` implies a "
        "positive amount"]
    assert _on_june_first(april, {**may, "amount": 499}).outcome == "permitted"
    # within the cap, it counts beside what the usage states on its period
    assert _on_june_first({**may, "amount": 500}).outcome == "permitted"
    june = {"amount": 600, "unit": "tokens", "from": "2024-06-01", "until": "2024-06-01"}
    both = _on_june_first({**may, "amount": 500}, june)
    assert both.outcome == "denied"
    assert _cap_said(both) == [
        "allows no more than 1,000 tokens in total; 500 tokens from 2024-05-01 to 2024-05-31 "
        "and 600 tokens on 2024-06-01, stated side by side, come to 1,100 tokens together, "
        "more than that"]
    assert _on_june_first({**may, "amount": 500}, {**june, "amount": 400}).outcome == \
        "permitted"
    # and beside a rate over the period, which does not hold it
    rate = _on_june_first({**may, "amount": 600}, {"amount": 20, "unit": "tokens",
                                                   "per": "hour"})
    assert rate.outcome == "denied"
    assert ("allows no more than 1,000 tokens in total; 600 tokens from 2024-05-01 to "
            "2024-05-31 and 20 tokens per hour from 2024-06-01 to 2024-06-01 (that is 480 "
            "tokens), 1,080 tokens together is more") in _cap_said(rate)


def test_a_total_on_days_the_cap_does_not_count_counts_for_none():
    # before the cap binds, or after the usage's period: none of what the cap counts as it
    # stands at the usage (as where no volume is stated, it comes back as a duty)
    for start, end in (("2023-05-01", "2023-05-31"), ("2024-06-05", "2024-06-10")):
        decision = _on_june_first({"amount": 2_000, "unit": "tokens", "from": start,
                                   "until": end})
        assert decision.outcome == "permitted" and _cap_said(decision) == []
        assert "no more than 1,000 tokens in total" in [d.text for d in decision.obligations]
    # partly before it binds, only the share from its first day counts, and is asked for
    partly = _on_june_first({"amount": 2_000, "unit": "tokens", "from": "2023-12-01",
                             "until": "2024-01-31"})
    assert partly.outcome == "undetermined"
    assert list(partly.missing) == ["the number of tokens from 2024-01-01 to 2024-01-31 "
                                    "(clause 2)"]


def test_a_cap_in_total_on_a_fact_counts_from_the_facts_day():
    # (docs/semantics.md, caps in total) a cap that binds when a fact holds may have begun to
    # bind on the fact's day: it counts no total stated before then
    terms = contractdsl.parse(BEFORE.replace("in total.", "in total when trial.").replace(
        'unit tokens "tokens".', 'unit tokens "tokens".\nfact trial "the licensee is on trial".'),
        "trial.agreement")
    may = {"amount": 2_000, "unit": "tokens", "from": "2024-05-01", "until": "2024-05-31"}

    def judged(when):
        return contractdsl.permits(terms, {"action": "use", "date": "2024-06-01",
                                           "facts": {"trial": when}, "volume": [may]})

    assert judged("2024-01-01").outcome == "denied"
    since = judged("2024-05-15")
    assert since.outcome == "undetermined"
    assert list(since.missing) == ["the number of tokens from 2024-05-15 to 2024-05-31 "
                                   "(clause 2)"]
    assert judged(None).outcome == "permitted"  # on trial since a day not stated


# A cap in force in several versions binds the usage, before its period, only where it binds
# the usage there, as the text in force then reads it: an approval, or what the text states of
# the licensee, may differ from one version to the next, and with it the cap's conditions or
# the permissions that lift it.
VERSIONED = """\
agreement "Model API Terms" version "{version}".
effective {day}.
action use "use the API".
data content "content".
purpose research "research".
unit tokens "tokens".
attribute government_entity "a government entity" of licensee.
app tool "Tool"{approved}.
licensee is {entity}government_entity.
clause 1: licensee may use content.
clause 2: licensee must not use more than 1,000 tokens in total{condition}.
clause 3: licensee may use content unless licensee is government_entity.
"""


def _versioned(condition, first, then):
    """Version 1 from 2024-01-01 and version 2 from 2024-04-01, the same clause 2 in both;
    ``first`` and ``then``: whether it binds the usage in each (the purpose approved for the
    app, the licensee a government entity, so that clause 3 does not lift it)."""
    documents = []
    for version, day, holds in ((1, "2024-01-01", first), (2, "2024-04-01", then)):
        text = VERSIONED.format(version=version, day=day, condition=condition,
                                approved=" approved for research" if holds else "",
                                entity="" if holds else "not ")
        documents += contractdsl.parse(text, f"v{version}.agreement").documents
    terms = contractdsl.Agreement(documents=tuple(documents))
    assert contractdsl.check(terms) == []
    return terms


@pytest.mark.parametrize("condition", [" when purpose is approved",
                                       " when licensee is government_entity",
                                       " except as permitted by 3"])
def test_a_cap_in_total_counts_only_the_days_its_conditions_held_before_the_period(condition):
    # (docs/semantics.md, caps in total) in version 1 the purpose is not approved for the app
    # (the licensee is not a government entity, so clause 3 lifts the cap), so the cap did not
    # bind the usage then: a total stated then counts for none, and one that runs into
    # version 2 counts its share
    def judged(terms, start, end=None):
        volume = {"amount": 2_000, "unit": "tokens", "from": start}
        if end:
            volume["until"] = end
        return contractdsl.permits(terms, {"app": "tool", "action": "use",
                                           "purpose": "research", "date": "2024-06-01",
                                           "volume": [volume]})

    later = _versioned(condition, False, True)
    february = judged(later, "2024-02-01", "2024-02-29")
    assert february.outcome == "permitted" and _cap_said(february) == []
    assert "no more than 1,000 tokens in total" in [d.text for d in february.obligations]
    since = judged(later, "2024-01-01")
    assert since.outcome == "undetermined"
    assert list(since.missing) == ["the number of tokens from 2024-04-01 to 2024-06-01 "
                                   "(clause 2)"]
    # where it held in both versions, the cap counts from the first
    throughout = _versioned(condition, True, True)
    assert judged(throughout, "2024-02-01", "2024-02-29").outcome == "denied"
    assert _cap_said(judged(throughout, "2024-01-01")) == [
        "allows no more than 1,000 tokens in total; 2,000 tokens from 2024-01-01 to "
        "2024-06-01 is more"]


def test_a_cap_in_total_counts_none_of_the_days_a_prevailing_cap_overrode_it():
    # (docs/semantics.md, caps in total; section 19) in version 1 the purpose is approved for
    # the app, so the policy's cap, which prevails, overrode clause 2 for the usage then: what
    # was stated then counts for none under clause 2, which binds it from version 2
    from contractdsl.syntax import parse_document
    policy = parse_document('agreement "Usage Policy" version "1".\nclause P-1: licensee must '
                            'not use more than 5,000 tokens in total when purpose is approved.\n',
                            "policy.agreement")

    def judged(approved_first, start, end=None):
        texts = [parse_document(VERSIONED.format(
            version=version, day=day, condition="",
            approved=" approved for research" if approved else "", entity="") +
            'clause 4: incorporates "Usage Policy" prevailing over this agreement.\n',
            f"v{version}.agreement")
            for version, day, approved in ((1, "2024-01-01", approved_first),
                                           (2, "2024-04-01", False))]
        terms = contractdsl.Agreement(documents=(*texts, policy))
        assert contractdsl.check(terms) == []
        volume = {"amount": 2_000, "unit": "tokens", "from": start}
        if end:
            volume["until"] = end
        return contractdsl.permits(terms, {"app": "tool", "action": "use",
                                           "purpose": "research", "date": "2024-06-01",
                                           "volume": [volume]})

    february = judged(True, "2024-02-01", "2024-02-29")
    assert february.outcome == "permitted" and _cap_said(february) == []
    assert list(judged(True, "2024-01-01").missing) == [
        "the number of tokens from 2024-04-01 to 2024-06-01 (clause 2)"]
    # never approved, the policy never overrode it: clause 2 counts from version 1
    assert judged(False, "2024-02-01", "2024-02-29").outcome == "denied"


def test_a_cap_in_total_on_an_earned_tier_counts_from_the_day_it_was_earned():
    # (docs/semantics.md, caps in total) a tier earned by what was paid was the licensee's
    # from the day the payments the usage states earned it: a cap that binds the tier counts
    # no total stated before then, as for a fact's day
    terms = contractdsl.parse(BEFORE.replace("in total.", "in total when tier is tier_1.").replace(
        'unit tokens "tokens".', 'unit tokens "tokens".\nunit USD "US dollars" measures money.\n'
        'tier tier_1 "Usage tier 1" earned by paying at least 5 USD in total.'),
        "earned.agreement")
    assert contractdsl.check(terms) == []
    may = {"amount": 2_000, "unit": "tokens", "from": "2024-05-01", "until": "2024-05-31"}

    def judged(*payments, volume=may):
        return contractdsl.permits(terms, {
            "action": "use", "date": "2024-06-01", "tier": "tier_1", "volume": [volume],
            "payments": [{"amount": amount, "unit": "USD", "paid": day}
                         for amount, day in payments]})

    assert judged((5, "2024-01-10")).outcome == "denied"
    # earned on 2024-05-15, when the second payment came to 5 USD in all
    since = judged((2, "2024-01-10"), (3, "2024-05-15"))
    assert since.outcome == "undetermined"
    assert list(since.missing) == ["the number of tokens from 2024-05-15 to 2024-05-31 "
                                   "(clause 2)"]
    april = judged((5, "2024-05-15"), volume={**may, "from": "2024-04-01", "until": "2024-04-30"})
    assert april.outcome == "permitted" and _cap_said(april) == []


@pytest.mark.parametrize("start, end", [
    ("2023-05-01", "2023-05-31"), ("2023-12-01", "2024-01-31"), ("2024-05-01", "2024-05-31"),
    ("2024-05-01", "2024-06-01"), ("2024-05-25", "2024-06-15"), ("2024-06-05", "2024-06-10"),
    ("2024-01-01", None)])
@pytest.mark.parametrize("clause", [
    "must not use more than 1,000 tokens in total",
    "must not use more than 1,000 tokens per 30 days",
    "must not use more than 1,000 tokens per calendar month"])
def test_no_range_said_runs_backwards(start, end, clause):
    # wherever a total lies against the usage's period, every range the decision says runs
    # forwards
    terms = contractdsl.parse(BEFORE.replace("must not use more than 1,000 tokens in total",
                                             clause), "before.agreement")
    volume = {"amount": 5_000, "unit": "tokens", "from": start}
    if end:
        volume["until"] = end
    decision = contractdsl.permits(terms, {"action": "use", "date": "2024-06-01",
                                           "volume": [volume]})
    for text in [*decision.missing, *(r.text for r in decision.reasons)]:
        for first, last in re.findall(r"from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)", text):
            assert first <= last, text
