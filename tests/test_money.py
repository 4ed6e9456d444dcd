"""Money: fees past a threshold (liquidated damages), late charges and liability caps, one test
per rule of docs/semantics.md (sections 11, 13, 14 and 15), with the checker's and the usage
reader's errors, the formatter and the prose."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from fractions import Fraction

import pytest

import contractdsl
from contractdsl.format import format_text
from contractdsl.usage import Usage, read_usages

TEXT = """\
agreement "Money Terms" version "1".
licensor "Provider". licensee "Developer".
effective 2024-01-01.
action use "use". action read "retrieve content" under use.
data content "content".
standard every_post "the damages run on every post".
unit posts "posts". unit requests "API requests".
unit USD "US dollars" measures money.
unit EUR "euros" measures money.
clause 1 "Licence": licensee may use content.
clause LD "Damages beyond the threshold":
  licensee must pay 15,000 USD per 1,000,000 posts beyond 1,000,000 posts per 24 hours
    when action is read unless every_post.
clause LD-all "Damages on every post":
  licensee must pay 15,000 USD per 1,000,000 posts if more than 1,000,000 posts per 24 hours
    when action is read and every_post.
clause FEE "Calls": licensee must pay 1 USD per 3 requests.
clause LATE "Late payments": licensee must pay 1.5 % per month on late payments.
clause WEEK "Late payments by the week":
  licensee must pay 2 % per week or part of one on late payments.
clause CAP "Cap": licensor's liability is at most 100 USD.
clause CAP-PAID "Cap by payments":
  licensor's liability is at most the amount paid in the 6 months before the claim.
clause CAP-MAX "The greater":
  licensor's liability is at most the greater of the amount paid in the 12 months before the claim and 100 USD.
clause CAP-MIN "The lesser":
  licensor's liability is at most the lesser of the amount paid in the 12 months before the claim and 100 USD.
clause OWN "The licensee's liability": licensee's liability is at most 1,000 USD.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "money.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def decide(terms, **usage):
    when = {} if "period" in usage or "date" in usage else {"date": "2024-12-01"}
    return contractdsl.permits(terms, {**when, **usage})


def owed(decision, clause):
    """(amount as written exactly, currency, status) of each duty of ``clause``."""
    return [(d.amount.exact if d.amount else None, d.amount.currency if d.amount else None,
             d.status) for d in decision.obligations if d.clause == clause]


def said(decision, clause):
    """The words of each duty of ``clause``."""
    return [str(d.text) for d in decision.obligations if d.clause == clause]


def liable(decision, clause):
    return [(d.amount.exact if d.amount else None, str(d.text)) for d in decision.licensor
            if d.clause == clause]


def posts(amount, **more):
    return {"volume": [{"amount": amount, "unit": "posts", **more}], "action": "read"}


# ---- 11. fees past a threshold --------------------------------------------------------------


def test_beyond_prices_what_lies_beyond_the_threshold(terms):
    decision = decide(terms, findings={"every_post": False}, **posts(3_000_000))
    assert owed(decision, "LD") == [("30000", "USD", "pending")]
    assert owed(decision, "LD-all") == []
    assert decision.outcome == "permitted"  # money never decides a usage


def test_if_more_than_prices_every_unit_of_a_window_past_it(terms):
    decision = decide(terms, findings={"every_post": True}, **posts(3_000_000))
    assert owed(decision, "LD-all") == [("45000", "USD", "pending")]


def test_a_window_at_the_threshold_owes_nothing(terms):
    for reading in (True, False):
        decision = decide(terms, findings={"every_post": reading}, **posts(1_000_000))
        assert [o[0] for o in owed(decision, "LD-all" if reading else "LD")] == ["0"]


def test_a_rate_owes_the_fee_per_window_of_the_threshold(terms):
    decision = decide(terms, findings={"every_post": False},
                      period={"from": "2024-12-01", "until": "2024-12-07"},
                      **posts(1_500_000, per="day"))
    (duty,) = [d for d in decision.obligations if d.clause == "LD"]
    assert duty.amount.exact == "7500"
    assert str(duty.text).startswith("pay 7,500 USD per 24 hours at 1,500,000 posts per day")


def test_a_total_owes_only_in_one_window_or_under_the_threshold(terms):
    week = {"from": "2024-12-01", "until": "2024-12-05"}
    over = decide(terms, findings={"every_post": False}, period=week, **posts(9_000_000))
    assert owed(over, "LD") == [(None, None, "pending")]
    assert "do not show the most in any window of 24 hours" in str(over.obligations[0].text)
    under = decide(terms, findings={"every_post": False}, period=week, **posts(900_000))
    assert owed(under, "LD") == [("0", "USD", "pending")]


ZERO = """\
agreement "Zero" version "1".
effective 2024-01-01.
action use "use".
data content "content".
unit posts "posts".
unit USD "US dollars" measures money.
clause 1: licensee may use content.
clause Z: licensee must pay 10 USD per 1 posts beyond 0 posts per 24 hours.
clause A: licensee must pay 10 USD per 1 posts if more than 0 posts per 24 hours.
clause H: licensee must pay 10 USD per 1 posts beyond 100 posts per 24 hours.
"""


def test_a_total_over_several_windows_owes_the_fee_where_however_spread_it_owes_alike():
    # (docs/semantics.md, section 11) beyond 0, every post is priced whichever window holds
    # it; a total no more than the threshold owes nothing; between, the spread is unknown
    terms = contractdsl.parse(ZERO, "zero.agreement")

    def spread(*amounts):
        return contractdsl.permits(terms, {"period": {"from": "2024-06-01", "until": "2024-06-03"},
                                           "volume": [{"amount": a, "unit": "posts"}
                                                      for a in amounts]})

    one = spread(1)
    assert owed(one, "Z") == owed(one, "A") == [("10", "USD", "pending")]
    assert said(one, "Z") == ["pay 10 USD for 1 post from 2024-06-01 to 2024-06-03 (pay 10 USD "
                              "per post beyond 0 posts per 24 hours)"]
    assert owed(one, "H") == [("0", "USD", "pending")] and one.missing == ()
    more = spread(250)
    assert owed(more, "Z") == owed(more, "A") == [("2500", "USD", "pending")]
    assert owed(more, "H") == [(None, None, "pending")]
    assert said(more, "H") == ["pay 10 USD per post beyond 100 posts per 24 hours; the 250 posts "
                               "from 2024-06-01 to 2024-06-03 do not show the most in any window "
                               "of 24 hours"]


def test_totals_whose_windows_are_unknown_owe_the_fee_where_however_held_they_owe_alike():
    # one 24 hours holds the first two, another the last two, none all three: which holds
    # which is unknown, but beyond 0 each post is priced, and under 100 none is
    terms = contractdsl.parse(ZERO, "zero.agreement")

    def held(amount):
        return contractdsl.permits(terms, {
            "period": {"from": "2024-06-01", "until": "2024-06-02"},
            "volume": [{"amount": amount, "unit": "posts", "from": start, "until": end}
                       for start, end in (("2024-06-01T00:00:00Z", "2024-06-01T10:00:00Z"),
                                          ("2024-06-01T12:00:00Z", "2024-06-01T14:00:00Z"),
                                          ("2024-06-02T08:00:00Z", "2024-06-02T10:00:00Z"))]})

    assert owed(held(30), "Z") == [("300", "USD", "pending")] * 3
    assert said(held(30), "Z")[0] == (
        "pay 300 USD for 30 posts from 2024-06-01 00:00 UTC to 2024-06-01 10:00 UTC (pay 10 USD "
        "per post beyond 0 posts per 24 hours)")
    assert owed(held(30), "H") == [("0", "USD", "pending")] * 3
    assert owed(held(60), "H") == [(None, None, "pending")]


def test_a_total_stated_with_instants_in_one_window_of_the_threshold_owes_the_fee(terms):
    # (docs/semantics.md, section 11) from 06:00 to 05:59:59 the next day lies within one 24
    # hours: the fee runs on it; 24 hours apart, it spans two and shows no peak
    def damages(until):
        return decide(terms, findings={"every_post": False},
                      period={"from": "2024-12-01", "until": "2024-12-02"},
                      **posts(3_000_000, **{"from": "2024-12-01T06:00:00Z", "until": until}))

    one = damages("2024-12-02T05:59:59Z")
    assert owed(one, "LD") == [("30000", "USD", "pending")]
    assert said(one, "LD") == [
        "pay 30,000 USD for 3,000,000 posts from 2024-12-01 06:00 UTC to 2024-12-02 05:59:59 "
        "UTC (pay 15,000 USD per 1,000,000 posts beyond 1,000,000 posts per 24 hours)"]
    assert owed(damages("2024-12-02T06:00:00Z"), "LD") == [(None, None, "pending")]


def totals(*spans, every_post=False, **more):
    """A usage reading a total of posts over each (amount, from, until) of ``spans``, from
    2024-12-01 to 2024-12-03."""
    return {"action": "read", "findings": {"every_post": every_post},
            "period": {"from": "2024-12-01", "until": "2024-12-03"},
            "volume": [{"amount": amount, "unit": "posts", "from": start, "until": end}
                       for amount, start, end in spans], **more}


def test_totals_one_window_of_the_threshold_holds_count_together_once(terms):
    # (docs/semantics.md, section 11) 800,000 and 700,000 posts within one 24 hours come to
    # 1,500,000 there: the fee is owed once on what lies beyond the threshold, or on every post
    # where it runs on every post; a total in another 24 hours is priced alone
    spans = ((800_000, "2024-12-01T00:00:00Z", "2024-12-01T06:00:00Z"),
             (700_000, "2024-12-01T18:00:00Z", "2024-12-01T20:00:00Z"),
             (1_200_000, "2024-12-03T10:00:00Z", "2024-12-03T12:00:00Z"))
    beyond = contractdsl.permits(terms, totals(*spans))
    assert owed(beyond, "LD") == [("7500", "USD", "pending"), ("3000", "USD", "pending")]
    assert said(beyond, "LD")[0] == (
        "pay 7,500 USD for 800,000 posts from 2024-12-01 00:00 UTC to 2024-12-01 06:00 UTC and "
        "700,000 posts from 2024-12-01 18:00 UTC to 2024-12-01 20:00 UTC, stated side by side, "
        "which lie within one window of 24 hours and come to 1,500,000 posts together (pay "
        "15,000 USD per "
        "1,000,000 posts beyond 1,000,000 posts per 24 hours)")
    every = contractdsl.permits(terms, totals(*spans[:2], every_post=True))
    assert owed(every, "LD-all") == [("22500", "USD", "pending")]


def test_totals_one_window_holds_in_more_than_one_way_or_overlapping_owe_only_the_price(terms):
    # 18:00 to 20:00 lies in one 24 hours with the morning before and with the morning after,
    # but no 24 hours holds all three: which window counts which is unknown
    unknown = contractdsl.permits(terms, totals(
        (800_000, "2024-12-01T00:00:00Z", "2024-12-01T06:00:00Z"),
        (700_000, "2024-12-01T18:00:00Z", "2024-12-01T20:00:00Z"),
        (600_000, "2024-12-02T10:00:00Z", "2024-12-02T12:00:00Z")))
    assert owed(unknown, "LD") == [(None, None, "pending")]
    assert said(unknown, "LD") == [
        "pay 15,000 USD per 1,000,000 posts beyond 1,000,000 posts per 24 hours; 800,000 posts "
        "from 2024-12-01 00:00 UTC to 2024-12-01 06:00 UTC, 700,000 posts from 2024-12-01 18:00 "
        "UTC to 2024-12-01 20:00 UTC and 600,000 posts from 2024-12-02 10:00 UTC to 2024-12-02 "
        "12:00 UTC, stated side by side, do not show which of them lie within one window of "
        "24 hours together"]
    # two totals sharing an hour, beside a third in their 24 hours: what the window counts is
    # only bounded, so only the price comes back, once
    shared = contractdsl.permits(terms, totals(
        (800_000, "2024-12-01T00:00:00Z", "2024-12-01T06:00:00Z"),
        (300_000, "2024-12-01T05:00:00Z", "2024-12-01T08:00:00Z"),
        (100_000, "2024-12-01T10:00:00Z", "2024-12-01T12:00:00Z")))
    assert owed(shared, "LD") == [(None, None, "pending")]
    assert said(shared, "LD") == [
        "pay 15,000 USD per 1,000,000 posts beyond 1,000,000 posts per 24 hours"]


def test_totals_one_window_meets_but_none_holds_owe_only_the_price(terms):
    # (docs/semantics.md, section 11) the morning lies in the 24 hours from 00:00 with the
    # evening to 10:00 the next day, if the evening's posts all came by 00:00: 1,600,000 posts
    # in that window, or 800,000 in each; what is owed is not shown
    spread = contractdsl.permits(terms, totals(
        (800_000, "2024-12-01T00:00:00Z", "2024-12-01T06:00:00Z"),
        (800_000, "2024-12-01T20:00:00Z", "2024-12-02T10:00:00Z")))
    assert owed(spread, "LD") == [(None, None, "pending")]
    assert said(spread, "LD") == [
        "pay 15,000 USD per 1,000,000 posts beyond 1,000,000 posts per 24 hours; 800,000 posts "
        "from 2024-12-01 00:00 UTC to 2024-12-01 06:00 UTC and 800,000 posts from 2024-12-01 "
        "20:00 UTC to 2024-12-02 10:00 UTC, stated side by side, do not show which of them lie "
        "within one window of 24 hours together"]
    # no more than the threshold together: nothing is owed however they fall
    under = contractdsl.permits(terms, totals(
        (500_000, "2024-12-01T00:00:00Z", "2024-12-01T06:00:00Z"),
        (500_000, "2024-12-01T20:00:00Z", "2024-12-02T10:00:00Z")))
    assert owed(under, "LD") == [("0", "USD", "pending")] * 2
    # a calendar month: March may hold April's first total whole
    month = contractdsl.parse(TEXT + "clause M: licensee must pay 10 USD per 1 posts beyond "
                                     "100 posts per calendar month.\n")
    march = contractdsl.permits(month, totals(
        (60, "2024-03-01", "2024-03-10"), (60, "2024-03-20", "2024-04-10"),
        period={"from": "2024-03-01", "until": "2024-04-30"}))
    assert owed(march, "M") == [(None, None, "pending")]
    assert said(march, "M")[0].endswith("stated side by side, do not show which of them lie "
                                        "within one calendar month together")
    held = contractdsl.permits(month, totals(
        (60, "2024-03-01", "2024-03-10"), (60, "2024-03-20", "2024-03-31"),
        period={"from": "2024-03-01", "until": "2024-04-30"}))
    assert owed(held, "M") == [("200", "USD", "pending")]

def test_a_fee_without_a_threshold_owes_on_each_total_side_by_side(terms):
    decision = contractdsl.permits(terms, {"date": "2024-12-01", "volume": [
        {"amount": 30, "unit": "requests", "from": "2024-12-01T00:00:00Z",
         "until": "2024-12-01T06:00:00Z"},
        {"amount": 60, "unit": "requests", "from": "2024-12-01T06:00:01Z",
         "until": "2024-12-01T12:00:00Z"}]})
    assert owed(decision, "FEE") == [("10", "USD", "pending"), ("20", "USD", "pending")]


def test_an_amount_is_exact_even_without_a_decimal(terms):
    decision = decide(terms, volume=[{"amount": 10, "unit": "requests"}])
    (duty,) = [d for d in decision.obligations if d.clause == "FEE"]
    assert duty.amount.amount == Fraction(10, 3) and duty.amount.exact == "10/3"
    assert duty.to_dict()["amount"] == {"amount": "10/3", "currency": "USD"}
    assert "pay 3.33 USD" in str(duty.text)


# ---- 13. late charges ---------------------------------------------------------------------


def late(terms, due, paid=None, date="2024-12-01", amount=2000):
    payment = {"amount": amount, "unit": "USD", "due": due}
    if paid:
        payment["paid"] = paid
    return decide(terms, date=date, payments=[payment])


def test_a_late_charge_counts_whole_periods_from_the_day_due(terms):
    decision = late(terms, "2023-07-01", "2023-09-15")
    assert owed(decision, "LATE") == [("60", "USD", "pending")]
    assert said(decision, "LATE") == [
        "pay 60 USD on 2,000 USD due on 2023-07-01 and paid on 2023-09-15, for 2 months "
        "(pay 1.5% per month on late payments)"]


def test_or_part_of_one_counts_every_period_begun(terms):
    # 76 days: ten weeks and six days, eleven weeks begun
    assert owed(late(terms, "2023-07-01", "2023-09-15"), "WEEK") == [("440", "USD", "pending")]


def test_a_month_runs_to_the_same_day_or_the_last_of_a_shorter_month(terms):
    assert owed(late(terms, "2024-01-31", "2024-02-29"), "LATE")[0][0] == "30"
    # a day short of the month: no whole month late, no charge
    assert owed(late(terms, "2024-01-31", "2024-02-28"), "LATE") == []


def test_paying_on_the_day_due_owes_no_charge(terms):
    assert owed(late(terms, "2024-11-01", "2024-11-01"), "LATE") == []
    assert owed(late(terms, "2024-11-01", "2024-10-20"), "LATE") == []


def test_less_than_one_whole_period_late_owes_no_charge_unless_a_period_begun_counts(terms):
    # (docs/semantics.md, section 13) the charge runs for every whole period; with `or part
    # of one`, for every period begun: 20 days late is no whole month, and part of one week
    paid = late(terms, "2024-11-01", "2024-11-21")
    assert owed(paid, "LATE") == [] and said(paid, "LATE") == []
    assert said(paid, "WEEK") == [
        "pay 120 USD on 2,000 USD due on 2024-11-01 and paid on 2024-11-21, for 3 weeks "
        "(pay 2% per week or part of one on late payments)"]
    unpaid = late(terms, "2024-11-20", None, date="2024-12-01")
    assert owed(unpaid, "LATE") == [] and owed(unpaid, "WEEK") == [("80", "USD", "pending")]


def test_an_amount_still_unpaid_is_charged_to_the_usages_last_day(terms):
    decision = late(terms, "2024-08-01", None, date="2024-12-01", amount=500)
    assert owed(decision, "LATE") == [("30", "USD", "pending")]
    assert "and still unpaid on 2024-12-01, for 4 months" in said(decision, "LATE")[0]


def test_an_amount_still_unpaid_is_late_from_the_day_after_the_usages_written_last_day(terms):
    """23:30 at -05:00 on 2024-03-01 is 04:30 UTC on 03-02, but the usage writes 03-01, the
    day the payment is due: it is not yet late, as `due` and `paid` are the days written."""
    usage = {"date": "2024-03-01T23:30-05:00",
             "payments": [{"amount": 2000, "unit": "USD", "due": "2024-03-01"}]}
    assert owed(decide(terms, **usage), "WEEK") == []
    usage["payments"][0]["due"] = "2024-02-01"
    assert said(decide(terms, **usage), "LATE") == [
        "pay 30 USD on 2,000 USD due on 2024-02-01 and still unpaid on 2024-03-01, for 1 "
        "month (pay 1.5% per month on late payments)"]
    # a period's last day, as written
    usage["period"] = {"from": "2024-02-20", "until": "2024-03-01T23:30-05:00"}
    del usage["date"]
    assert "still unpaid on 2024-03-01" in said(decide(terms, **usage), "LATE")[0]


def test_a_late_charge_that_a_later_text_changes_charges_each_period_by_the_text_it_began_under():
    # (docs/semantics.md, section 13) a payment late across a change of text: each text's
    # late charge charges the periods begun while it binds, where both charged the whole
    # (60 + 120 USD, where 30 + 60 are owed); a period begun before the usage's period is
    # counted as begun on its first day, under the text that binds it then
    text = """\
agreement "Fees" version "{v}".
effective {day}.
action use "use".
data content "content".
unit USD "US dollars" measures money.
clause 1: licensee may use content.
clause {clause}: licensee must pay {percent} % per month on late payments.
"""
    terms = contractdsl.Agreement(documents=(
        *contractdsl.parse(text.format(v=1, day="2023-01-01", clause="L", percent="1.5"),
                           "v1.agreement").documents,
        *contractdsl.parse(text.format(v=2, day="2023-08-01", clause="L2", percent=3),
                           "v2.agreement").documents))
    payment = [{"amount": 2000, "unit": "USD", "due": "2023-07-01", "paid": "2023-09-15"}]

    def charges(start, until, payments=payment):
        decision = contractdsl.permits(terms, {"action": "use", "payments": payments,
                                               "period": {"from": start, "until": until}})
        return [(d.clause, d.amount.exact, d.text) for d in decision.obligations
                if d.amount is not None]

    assert charges("2023-06-01", "2023-10-31") == [
        ("L", "30", "pay 30 USD on 2,000 USD due on 2023-07-01 and paid on 2023-09-15, for "
         "1 month of it from 2023-07-01 (pay 1.5% per month on late payments)"),
        ("L2", "60", "pay 60 USD on 2,000 USD due on 2023-07-01 and paid on 2023-09-15, for "
         "1 month of it from 2023-08-01 (pay 3% per month on late payments)")]
    assert charges("2023-08-15", "2023-10-31") == [
        ("L2", "120", "pay 120 USD on 2,000 USD due on 2023-07-01 and paid on 2023-09-15, for "
         "2 months (pay 3% per month on late payments)")]
    # within one text, the whole as before; still unpaid across the change, to its last day
    assert [c[:2] for c in charges("2023-06-01", "2023-07-20")] == [("L", "60")]
    unpaid = [{"amount": 2000, "unit": "USD", "due": "2023-06-01"}]
    assert [c[:2] for c in charges("2023-06-01", "2023-10-15", unpaid)] == [
        ("L", "60"), ("L2", "120")]


# ---- 14. liability caps -------------------------------------------------------------------


def claim(amount, **more):
    return {"claim": {"amount": amount, "unit": "USD", **more}}


def test_a_cap_leaves_the_lesser_of_the_claim_and_the_cap(terms):
    assert liable(decide(terms, **claim(25_000)), "CAP")[0][0] == "100"
    assert liable(decide(terms, **claim(40)), "CAP")[0][0] == "40"


def test_the_amount_paid_counts_the_payments_of_the_time_before_the_claims_day(terms):
    payments = [{"amount": 300, "unit": "USD", "paid": "2024-05-31"},  # before the 6 months
                {"amount": 400, "unit": "USD", "paid": "2024-06-01"},
                {"amount": 500, "unit": "USD", "paid": "2024-11-30"},
                {"amount": 600, "unit": "USD", "paid": "2024-12-01"}]  # the claim's own day
    (amount, text), = liable(decide(terms, payments=payments, **claim(50_000)), "CAP-PAID")
    assert amount == "900"
    assert text == ("is liable for at most 900 USD of the 50,000 USD claimed for the event of "
                    "2024-12-01: 900 USD paid from 2024-06-01 to 2024-11-30")


def test_greater_and_lesser_of_and_nothing_paid(terms):
    decision = decide(terms, payments=[{"amount": 40, "unit": "USD", "paid": "2024-03-01"}],
                      **claim(50_000))
    assert liable(decision, "CAP-MAX")[0][0] == "100"
    assert liable(decision, "CAP-MIN")[0][0] == "40"
    assert liable(decide(terms, **claim(50_000)), "CAP-PAID")[0][0] == "0"


def test_amounts_in_different_currencies_are_not_compared(terms):
    payments = [{"amount": 40, "unit": "USD", "paid": "2024-03-01"},
                {"amount": 40, "unit": "EUR", "paid": "2024-04-01"}]
    (amount, text), = liable(decide(terms, payments=payments, **claim(50_000)), "CAP-MAX")
    assert amount is None and "in different currencies" in text
    (amount, _), = liable(decide(terms, **claim(50_000, unit="EUR")), "CAP")
    assert amount is None


def test_a_cap_comes_back_only_with_a_claim_against_its_party(terms):
    assert liable(decide(terms), "CAP") == [] and owed(decide(terms), "OWN") == []
    assert [d.kind for d in decide(terms, **claim(5)).licensor if d.clause == "CAP"] == \
        ["liable"]
    against = decide(terms, **claim(5_000, against="licensee"))
    assert owed(against, "OWN") == [("1000", "USD", "pending")]
    assert liable(against, "CAP") == []
    assert said(against, "OWN")[0].startswith(
        "the licensee is liable for at most 1,000 USD of the 5,000 USD claimed")


def test_a_claims_day_lies_in_the_usages_period():
    with pytest.raises(contractdsl.UsageError, match="the claim's date 2024-01-05 is outside"):
        Usage.from_dict(dict(date="2024-12-01", claim={"amount": 1, "unit": "USD",
                                                        "date": "2024-01-05"}))
    with pytest.raises(contractdsl.UsageError, match="needs its `date`"):
        Usage.from_dict(dict(period={"from": "2024-12-01", "until": "2024-12-05"},
                             claim={"amount": 1, "unit": "USD"}))


def test_a_claims_day_in_a_usage_dated_by_an_instant_is_the_day_it_writes(terms):
    """23:30 at -05:00 on 2024-12-01 is 04:30 UTC on 12-02, but the usage writes 12-01: the
    claim's day is 12-01, as a payment's `paid` is the day written, never a day in UTC."""
    late = {"date": "2024-12-01T23:30-05:00", "payments": [
        {"amount": 400, "unit": "USD", "paid": "2024-11-30"},
        {"amount": 600, "unit": "USD", "paid": "2024-12-01"}]}  # the claim's own day
    for stated in ({}, {"date": "2024-12-01"}):
        (amount, text), = liable(decide(terms, **late, **claim(50_000, **stated)), "CAP-PAID")
        assert (amount, text) == ("400", "is liable for at most 400 USD of the 50,000 USD "
                                  "claimed for the event of 2024-12-01: 400 USD paid from "
                                  "2024-06-01 to 2024-11-30")
    with pytest.raises(contractdsl.UsageError, match="the claim's date 2024-12-02 is outside"):
        decide(terms, **late, **claim(50_000, date="2024-12-02"))
    # a period's first and last day, each as written
    period = {"period": {"from": "2024-11-30T23:30-05:00", "until": "2024-12-03T01:00+02:00"}}
    for day in ("2024-11-30", "2024-12-03"):
        assert liable(decide(terms, **period, **claim(50_000, date=day)), "CAP")[0][0] == "100"
    with pytest.raises(contractdsl.UsageError, match="the claim's date 2024-11-29 is outside"):
        decide(terms, **period, **claim(50_000, date="2024-11-29"))


# ---- 15. amounts a question left open turns ---------------------------------------------------


def test_an_amount_an_open_standard_turns_is_undetermined(terms):
    decision = decide(terms, **posts(3_000_000))
    assert owed(decision, "LD") == [(None, None, "undetermined")]
    assert owed(decision, "LD-all") == [(None, None, "undetermined")]
    (text,) = said(decision, "LD")
    assert text.startswith("pay 30,000 USD for 3,000,000 posts") and \
        text.endswith("only if “the damages run on every post” (`every_post`) is not found so")
    assert decision.missing == ("a finding on `every_post`, true or false (clauses LD and "
                                "LD-all)",)
    assert decision.outcome == "permitted"


def test_where_no_amount_turns_the_first_answers_count(terms):
    decision = decide(terms, action="read")  # no volume: the prices only
    assert owed(decision, "LD") == [(None, None, "pending")]
    assert owed(decision, "LD-all") == [] and decision.missing == ()


# ---- the usage, the checker, the formatter, the prose ---------------------------------------


@pytest.mark.parametrize("payment, message", [
    ({"amount": 5, "unit": "posts", "paid": "2024-01-01"}, "`posts` is not money"),
    ({"amount": 5, "unit": "GBP", "paid": "2024-01-01"}, "unknown unit `GBP`"),
])
def test_a_payment_in_what_is_not_money_is_located(terms, payment, message):
    with pytest.raises(contractdsl.UsageError) as error:
        decide(terms, payments=[payment])
    (problem,) = error.value.diagnostics
    assert problem.message == message and problem.help


@pytest.mark.parametrize("usage, message", [
    ({"payments": [{"amount": 5, "unit": "USD"}]}, "a payment needs the day it was `due`"),
    ({"payments": [{"amount": 5, "unit": "USD", "when": "2024-01-01"}]},
     "unknown payment field `when`"),
    ({"claim": {"amount": 5, "unit": "USD", "against": "licensor's parent"}},
     "a claim is against the `licensor` or the `licensee`"),
    ({"claim": {"amount": 5}}, "a claim needs an `amount` and a `unit`"),
])
def test_a_malformed_payment_or_claim_is_refused(usage, message):
    with pytest.raises(contractdsl.UsageError, match=message.replace("`", ".")) as error:
        Usage.from_dict(dict(date="2024-12-01", **usage))
    assert error.value.diagnostics[0].help


# Each is a day, as `terminated` is (docs/semantics.md, sections 13 and 14): an instant was
# read as its day in UTC, so 23:30 at -05:00 on 03-05 was paid on 03-06, a day never written.
INSTANT = "2024-03-05T23:30-05:00"
A_DAY = [
    ("payments:\n  - {amount: 20, unit: USD, due: %s}\n", (3, 34), "due",
     "the day the payment was due"),
    ("payments:\n  - {amount: 20, unit: USD, due: 2024-02-06, paid: %s}\n", (3, 52), "paid",
     "the day the payment was made"),
    ("claim: {amount: 20, unit: USD, date: %s}\n", (2, 38), "date",
     "the day of the event that gives rise to the claim"),
]


@pytest.mark.parametrize("field, at, key, what", A_DAY)
def test_a_payments_and_a_claims_day_is_a_day_not_an_instant(tmp_path, field, at, key, what):
    (tmp_path / "usage.yaml").write_text("date: 2024-03-05\n" + field % INSTANT)
    with pytest.raises(contractdsl.UsageError) as error:
        read_usages(tmp_path / "usage.yaml")
    (problem,) = error.value.diagnostics
    assert (problem.line, problem.column, problem.message, problem.help) == (
        *at, f"`{key}` is {what}, not an instant (`{INSTANT}`)",
        f"write the day alone, e.g. `{key}: 2024-03-05`")


@pytest.mark.parametrize("field, at, key, what", A_DAY)
def test_a_datetime_for_a_payments_or_a_claims_day_is_refused_not_cut_to_its_day(
        field, at, key, what):
    instant = dt.datetime(2024, 3, 5, 23, 30, tzinfo=dt.timezone(-dt.timedelta(hours=5)))
    usage = {"date": dt.date(2024, 3, 5)}
    if key == "date":
        usage["claim"] = {"amount": 20, "unit": "USD", "date": instant}
    else:
        usage["payments"] = [{"amount": 20, "unit": "USD", "due": dt.date(2024, 2, 6),
                              key: instant}]
    with pytest.raises(contractdsl.UsageError) as error:
        Usage.from_dict(usage)
    (problem,) = error.value.diagnostics
    assert (problem.message, problem.help) == (
        f"`{key}` is {what}, not an instant (`2024-03-05 23:30:00-05:00`)",
        f"write the day alone, e.g. `{key}: 2024-03-05`")


def test_the_command_line_refuses_a_payment_paid_at_an_instant(tmp_path):
    (tmp_path / "money.agreement").write_text(TEXT)
    (tmp_path / "usage.yaml").write_text(
        "date: 2024-03-06\npayments:\n  - {amount: 2000, unit: USD, due: 2024-02-06, paid: "
        f"{INSTANT}}}\n")
    done = subprocess.run([sys.executable, "-m", "contractdsl", "permits",
                           str(tmp_path / "money.agreement"), str(tmp_path / "usage.yaml")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stdout == ""
    assert f"usage.yaml:3:54: error: `paid` is the day the payment was made, not an instant " \
           f"(`{INSTANT}`)" in done.stderr
    assert "help: write the day alone, e.g. `paid: 2024-03-05`" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("rule, message, code", [
    ("licensee must pay 1 USD per 10 posts beyond 5 requests per day",
     "the threshold counts `requests`, but the fee is charged per `posts`", "unit-mismatch"),
    ("licensee must pay 1 USD per 10 posts beyond 5 USD per day",
     "a threshold counts things, not money (`USD`)", "limit-in-money"),
    ("licensee must pay 1 USD per 10 posts beyond 5.5 posts per day",
     "`5.5` is not a whole number of posts", "fractional-count"),
    ("licensee must pay 0 % per month on late payments", "a late charge of `0 %` charges nothing",
     "bad-number"),
    ("licensor's liability is at most 10 posts",
     "a liability cap must be an amount of money, not `posts`", "price-not-money"),
    ("licensor's liability is at most the greater of 10 USD and 10 EUR",
     "amounts in `USD` and in `EUR` cannot be compared", "unit-mismatch"),
])
def test_a_money_clause_in_the_wrong_units_is_located(rule, message, code):
    text = TEXT + f"clause BAD: {rule}.\n"
    problems = contractdsl.check(contractdsl.parse(text, "money.agreement"))
    assert [(p.line, p.message, p.code) for p in problems] == [(29, message, code)]
    assert problems[0].help


def test_the_money_clauses_are_formatted_and_read_back():
    formatted = format_text(TEXT)
    assert format_text(formatted) == formatted
    assert ("clause LD \"Damages beyond the threshold\":\n"
            "  licensee must pay 15,000 USD per 1,000,000 posts\n"
            "    beyond 1,000,000 posts per 24 hours\n"
            "    when action is read\n"
            "    unless every_post.\n") in formatted
    assert "  licensee must pay 2 % per week or part of one on late payments.\n" in formatted
    assert contractdsl.parse(formatted).documents[0].clauses == \
        contractdsl.parse(TEXT).documents[0].clauses


@pytest.mark.parametrize("locale, words", [
    ("en", ["The licensee must pay 1.5% per month on any amount paid after it was due",
            "The licensor’s liability is at most the greater of the amount paid in the 12 "
            "months before the claim and US$100",
            "US$15,000 per 1,000,000 posts beyond 1,000,000 posts per 24 hours"]),
    ("nl", ["De licentienemer moet 1,5% per maand betalen over elk bedrag dat na de vervaldag",
            "De aansprakelijkheid van de licentiegever is ten hoogste het hoogste van",
            "per 1.000.000 posts boven 1.000.000 posts per 24 uur"]),
    ("fr", ["Le licencié doit payer 1,5\u00a0% par mois sur tout montant payé après son "
            "échéance", "La responsabilité du concédant est limitée au plus élevé du",
            "par 1\u202f000\u202f000 posts au-delà de 1\u202f000\u202f000 posts par 24 heures"]),
])
def test_the_money_clauses_are_said_in_three_languages(terms, locale, words):
    text = contractdsl.render(terms, locale=locale, format="text")
    flat = " ".join(text.split())
    for piece in words:
        assert " ".join(piece.split()) in flat, piece


def test_the_audit_lists_the_money_clauses_it_does_not_judge(terms, tmp_path):
    pytest.importorskip("duckdb")
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,data,purpose,recipient,tier,posts\n"
                   "2024-12-01T10:00:00Z,,read,content,,,,3000000\n", encoding="utf-8")
    found = contractdsl.audit(terms, str(log))
    assert [(u.clause, u.kind) for u in found.unjudged] == [
        ("LD", "fee"), ("LD-all", "fee"), ("FEE", "fee"), ("LATE", "late charge"),
        ("WEEK", "late charge"), ("CAP", "liability cap"), ("CAP-PAID", "liability cap"),
        ("CAP-MAX", "liability cap"), ("CAP-MIN", "liability cap"), ("OWN", "liability cap")]
    assert found.to_dict()["not_judged"][0] == {"clause": "LD", "title":
                                                "Damages beyond the threshold", "kind": "fee"}
    text = found.to_text()
    assert "not judged:\n  - money: the amounts owed and recoverable are computed by `permits`" \
        in text and "      clause LD (Damages beyond the threshold): fee\n" in text
    from contractdsl.audit.html import page

    assert "<h2>Not judged</h2>" in page(found) and "clause CAP (Cap): liability cap" in page(found)
