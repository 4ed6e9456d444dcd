"""Fees: a price per unit of what a usage counts, owed as a duty and never deciding it."""

from __future__ import annotations

import pytest

import contractdsl
from contractdsl.format import format_text

TEXT = """\
agreement "Data API Terms" version "1".
effective 2024-01-01.
action use "use".
action read "retrieve content" under use.
data content "content".
purpose research "research".
unit requests "API requests" alias calls.
unit USD "US dollars" measures money.
tier free "Free": read no more than 100 requests per day.
tier paid "Pay as you go".
clause 1 "Licence": licensee may use content for research.
clause 9.2 "Fees" from 2024-06-01:
  licensee must pay 0.24 USD per 1,000 requests when tier is paid.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def fees(decision):
    return [(d.clause, d.text, d.status) for d in decision.obligations]


def usage(**fields):
    return {"purpose": "research", "tier": "paid", **fields}


def test_the_fee_for_a_total_is_computed_exactly(terms):
    decision = contractdsl.permits(terms, usage(
        period={"from": "2024-07-01", "until": "2024-07-31"},
        volume=[{"amount": 5_143_000, "unit": "calls"}]))
    assert decision.outcome == "permitted"
    assert fees(decision) == [("9.2", "pay 1,234.32 USD for 5,143,000 API requests from "
                                      "2024-07-01 to 2024-07-31 (pay 0.24 USD per 1,000 API "
                                      "requests)", "pending")]
    assert decision.obligations[0].line == 12


def test_a_fee_counts_a_total_and_the_shares_stated_within_it_once():
    # (docs/semantics.md, rule 11) each day's volume is counted once: a total whose days its
    # shares stated within it cover is counted by them
    agreement = contractdsl.parse("""\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
unit USD "US dollars" measures money.
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause F: licensee must pay 1 USD per 100 posts.
""")
    usage_ = {"app": "tool", "action": "read", "purpose": "research",
              "period": {"from": "2024-03-01", "until": "2024-04-30"},
              "volume": [{"amount": 150, "unit": "posts"},
                         {"amount": 90, "unit": "posts", "from": "2024-03-01",
                          "until": "2024-03-31"},
                         {"amount": 60, "unit": "posts", "from": "2024-04-01",
                          "until": "2024-04-30"}]}
    decision = contractdsl.permits(agreement, usage_)
    assert [d.text for d in decision.obligations] == [
        "pay 0.90 USD for 90 posts from 2024-03-01 to 2024-03-31 (pay 1 USD per 100 posts)",
        "pay 0.60 USD for 60 posts from 2024-04-01 to 2024-04-30 (pay 1 USD per 100 posts)"]
    assert sum(d.amount.amount for d in decision.obligations) == 1.5


def test_a_fee_counts_a_share_within_a_total_that_it_counts_no_more():
    # (docs/semantics.md, rule 11) each day's volume is counted once: a share stated within a
    # total that is counted (its shares do not cover it) owes nothing itself, nor does a share
    # within a share that is counted
    text = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
unit USD "US dollars" measures money.
app tool "Tool" approved for research.
clause 1: licensee may use content for research.
clause F: licensee must pay 1 USD per 100 posts.
"""
    agreement = contractdsl.parse(text)
    late = contractdsl.parse(text.replace("clause F:", "clause F from 2024-04-01:"))

    def owed(*volume, terms=agreement):
        decision = contractdsl.permits(terms, {
            "app": "tool", "action": "read", "purpose": "research",
            "period": {"from": "2024-03-01", "until": "2024-04-30"}, "volume": list(volume)})
        return [d.text for d in decision.obligations]

    march = {"amount": 90, "unit": "posts", "from": "2024-03-01", "until": "2024-03-31"}
    april = {"amount": 60, "unit": "posts", "from": "2024-04-01", "until": "2024-04-30"}
    early = {"amount": 40, "unit": "posts", "from": "2024-03-01", "until": "2024-03-10"}
    assert owed({"amount": 150, "unit": "posts"}, march) == [
        "pay 1.50 USD for 150 posts from 2024-03-01 to 2024-04-30 (pay 1 USD per 100 posts)"]
    assert owed({"amount": 150, "unit": "posts"}, march, april, early) == [
        "pay 0.90 USD for 90 posts from 2024-03-01 to 2024-03-31 (pay 1 USD per 100 posts)",
        "pay 0.60 USD for 60 posts from 2024-04-01 to 2024-04-30 (pay 1 USD per 100 posts)"]
    # read over the days the fee applies: a total whose days there its share counts is
    # counted by it
    assert owed({"amount": 150, "unit": "posts"}, terms=late) == ["pay 1 USD per 100 posts"]
    assert owed({"amount": 150, "unit": "posts"}, april, terms=late) == [
        "pay 0.60 USD for 60 posts from 2024-04-01 to 2024-04-30 (pay 1 USD per 100 posts)"]


def test_a_rate_owes_a_fee_per_window_and_no_volume_the_price(terms):
    rate = contractdsl.permits(terms, usage(date="2024-07-01", volume=[
        {"amount": 450, "unit": "requests", "per": "15 minutes"}]))
    assert fees(rate)[0][1] == ("pay 0.11 USD per 15 minutes at 450 API requests per 15 minutes "
                                "(pay 0.24 USD per 1,000 API requests)")
    assert fees(contractdsl.permits(terms, usage(date="2024-07-01")))[0][1] == \
        "pay 0.24 USD per 1,000 API requests"


def test_a_total_partly_before_the_fee_is_in_force_owes_only_the_price(terms):
    decision = contractdsl.permits(terms, usage(
        period={"from": "2024-05-01", "until": "2024-06-30"},
        volume=[{"amount": 1_000_000, "unit": "requests"}]))
    assert fees(decision) == [("9.2", "pay 0.24 USD per 1,000 API requests", "pending")]


def test_a_total_on_none_of_the_fee_s_days_owes_nothing_under_it(terms):
    # (docs/semantics.md, rule 11) a total stated before the fee is in force is none of its:
    # the fee is owed on what is stated on its days, or, with nothing stated there, its price
    may = {"amount": 1_000_000, "unit": "requests", "from": "2024-05-01", "until": "2024-05-31"}
    june = {"amount": 500_000, "unit": "requests", "from": "2024-06-01", "until": "2024-06-30"}
    period = {"from": "2024-05-01", "until": "2024-06-30"}
    assert fees(contractdsl.permits(terms, usage(period=period, volume=[may, june]))) == [
        ("9.2", "pay 120 USD for 500,000 API requests from 2024-06-01 to 2024-06-30 (pay "
                "0.24 USD per 1,000 API requests)", "pending")]
    assert fees(contractdsl.permits(terms, usage(period=period, volume=[may]))) == [
        ("9.2", "pay 0.24 USD per 1,000 API requests", "pending")]


def test_totals_that_share_some_of_their_time_owe_only_the_price(terms):
    # (docs/semantics.md, rule 11) each unit is counted once: where two totals counted share
    # some of their time, what they come to is not known
    early = {"amount": 500_000, "unit": "requests", "from": "2024-07-01", "until": "2024-07-20"}
    late = {"amount": 500_000, "unit": "requests", "from": "2024-07-10", "until": "2024-07-31"}
    period = {"from": "2024-07-01", "until": "2024-07-31"}
    assert fees(contractdsl.permits(terms, usage(period=period, volume=[early, late]))) == [
        ("9.2", "pay 0.24 USD per 1,000 API requests", "pending")]
    late.update({"from": "2024-07-21"})
    assert [text for _, text, _ in fees(contractdsl.permits(
        terms, usage(period=period, volume=[early, late])))] == [
        "pay 120 USD for 500,000 API requests from 2024-07-01 to 2024-07-20 (pay 0.24 USD per "
        "1,000 API requests)",
        "pay 120 USD for 500,000 API requests from 2024-07-21 to 2024-07-31 (pay 0.24 USD per "
        "1,000 API requests)"]


def test_a_fee_applies_only_where_its_conditions_hold(terms):
    assert contractdsl.permits(terms, usage(tier="free", date="2024-07-01")).obligations == ()


@pytest.mark.parametrize("locale, words", [
    ("en", "The licensee must pay US$0.24 per 1,000 API requests"),
    ("nl", "De licentienemer moet US$\u00a00,24 betalen per 1.000 API requests"),
    ("fr", "Le licencié doit payer 0,24\u00a0$US par 1\u202f000 API requests"),
])
def test_a_fee_is_said_in_three_languages(terms, locale, words):
    assert words in contractdsl.render(terms, locale=locale)


def test_a_fee_is_formatted_and_read_back():
    formatted = format_text(TEXT)
    assert "licensee must pay 0.24 USD per 1,000 requests when tier is paid." in formatted
    assert format_text(formatted) == formatted
    assert "must pay 10 USD per requests." in format_text(
        TEXT.replace("0.24 USD per 1,000 requests when tier is paid", "10 USD per 1 requests"))


@pytest.mark.parametrize("rule, message", [
    ("licensee must pay 0.24 requests per 1,000 requests",
     "a price must be an amount of money, not `requests`"),
    ("licensee must pay 0.24 USD per 1,000 USD",
     "a fee is charged per things counted, not money (`USD`)"),
    ("licensee must pay 0.24 USD per 0 requests", "a fee cannot be charged per 0 of anything"),
    ("licensee must pay 0.24 USD per 1,000 rows", "unknown unit `rows`"),
])
def test_a_fee_in_the_wrong_units_is_located(rule, message):
    text = TEXT.replace("licensee must pay 0.24 USD per 1,000 requests when tier is paid", rule)
    problems = contractdsl.check(contractdsl.parse(text, "terms.agreement"))
    assert [(p.line, p.message) for p in problems] == [(13, message)]


APPROVAL = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
unit USD "US dollars" measures money.
fact approval "the licensor approved the use".
clause 1: licensee may use content for research.
clause F: licensee must pay 1 USD per 100 posts {} approval.
"""


def read_in_march(condition: str, days: tuple[str, str]):
    """The decision on reading in March 2024 under the fee `when` (or `unless`) approval, with
    `approval` on 03-05 (at 12:00 where the 100 posts are stated with instants)."""
    at = "2024-03-05T12:00:00Z" if "T" in days[0] else "2024-03-05"
    return contractdsl.permits(contractdsl.parse(APPROVAL.format(condition)), {
        "action": "read", "purpose": "research", "facts": {"approval": at},
        "period": {"from": "2024-03-01", "until": "2024-03-31"},
        "volume": [{"amount": 100, "unit": "posts", "from": days[0], "until": days[1]}]})


@pytest.mark.parametrize("condition, days, owes", [
    # (docs/semantics.md, section 18, item 1) before the fact's date the fact has not happened:
    # a total before it is none of a `when` fee's (its price alone), one from it owes the fee,
    # one across the cut owes an amount not known (the price alone); `unless` the other way
    ("when", ("2024-03-01", "2024-03-02"), False),
    ("when", ("2024-03-06", "2024-03-07"), True),
    ("when", ("2024-03-04", "2024-03-06"), False),
    ("unless", ("2024-03-01", "2024-03-02"), True),
    ("unless", ("2024-03-06", "2024-03-07"), False),
    ("unless", ("2024-03-04", "2024-03-06"), False),
    # a fact at an instant within its day cuts the period there
    ("when", ("2024-03-05T01:00:00Z", "2024-03-05T11:00:00Z"), False),
    ("when", ("2024-03-05T13:00:00Z", "2024-03-05T17:00:00Z"), True),
    ("when", ("2024-03-05T10:00:00Z", "2024-03-05T14:00:00Z"), False),
    ("unless", ("2024-03-05T01:00:00Z", "2024-03-05T11:00:00Z"), True),
    ("unless", ("2024-03-05T13:00:00Z", "2024-03-05T17:00:00Z"), False),
])
def test_a_fee_s_condition_on_a_fact_holds_from_the_fact_s_date(condition, days, owes):
    decision = read_in_march(condition, days)
    assert decision.outcome == "permitted"
    shown = [day.replace("T", " ").replace(":00Z", " UTC") for day in days]
    assert fees(decision) == [("F", f"pay 1 USD for 100 posts from {shown[0]} to {shown[1]} "
                                    "(pay 1 USD per 100 posts)" if owes else
                               "pay 1 USD per 100 posts", "pending")]
    assert (decision.obligations[0].amount is not None) == owes


def test_a_fee_unless_a_fact_is_owed_on_the_days_before_it_and_said():
    assert read_in_march("unless", ("2024-03-01", "2024-03-02")).explain() == (
        "usage from 2024-03-01 to 2024-03-31: permitted\n"
        "  - from 2024-03-01 to 2024-03-31: clause 1: permits `read` of `content` for purpose "
        "`research`\n"
        "  subject to:\n"
        "  - from 2024-03-01 to 2024-03-04: pay 1 USD for 100 posts from 2024-03-01 to "
        "2024-03-02 (pay 1 USD per 100 posts) (F; to do)")


PRICED = """\
agreement "Priced" version "{version}".
effective {effective}.
action read "read".
data posts "posts".
unit requests "requests".
unit USD "US dollars" measures money.
clause 1 "Reading": licensee may read posts.
clause 2 "Fee": licensee must pay {price} USD per 1,000 requests.
clause 3 "Cap": licensee must not read more than {most} requests per calendar month.
"""


def priced(second_price, second_most):
    """Two texts of the priced terms: 1 USD per 1,000 requests and at most 5,000 a month from
    2024-01-01, then ``second_price`` and ``second_most`` from 2024-02-01."""
    return contractdsl.Agreement(documents=(
        *contractdsl.parse(PRICED.format(version="1", effective="2024-01-01", price=1,
                                         most="5,000"), "v1.agreement").documents,
        *contractdsl.parse(PRICED.format(version="2", effective="2024-02-01", price=second_price,
                                         most=second_most), "v2.agreement").documents))


def reading_in_the_first_quarter(agreement):
    return contractdsl.permits(agreement, {
        "action": "read", "data": "posts", "period": {"from": "2024-01-01", "until": "2024-03-31"},
        "volume": [{"amount": 3000, "unit": "requests", "per": "calendar month"}]})


def test_duties_of_each_text_say_the_days_they_are_owed_for():
    """Over a change of text, each text's fee and limit is owed for its own days: listed
    without them, 3 USD and 6 USD a month read as 9 USD a month owed throughout."""
    decision = reading_in_the_first_quarter(priced(2, "9,000"))
    assert [(d.clause, str(d.part), str(d.amount.amount) if d.amount else None, d.file)
            for d in decision.obligations] == [
        ("3", "from 2024-01-01 to 2024-01-31", None, "v1.agreement"),
        ("3", "from 2024-02-01 to 2024-03-31", None, "v2.agreement"),
        ("2", "from 2024-01-01 to 2024-01-31", "3", "v1.agreement"),
        ("2", "from 2024-02-01 to 2024-03-31", "6", "v2.agreement")]
    assert decision.explain().splitlines()[-2:] == [
        "  - from 2024-01-01 to 2024-01-31: pay 3 USD per calendar month at 3,000 requests per "
        "calendar month (pay 1 USD per 1,000 requests) (2; to do)",
        "  - from 2024-02-01 to 2024-03-31: pay 6 USD per calendar month at 3,000 requests per "
        "calendar month (pay 2 USD per 1,000 requests) (2; to do)"]
    assert [d["part"] for d in decision.to_dict()["obligations"]][2:] == [
        "from 2024-01-01 to 2024-01-31", "from 2024-02-01 to 2024-03-31"]
    assert decision.explain(locale="nl").splitlines()[-1].startswith(
        "  - 1 februari 2024 tot en met 31 maart 2024: 6 USD betalen per kalendermaand")


def test_a_duty_carried_over_unchanged_is_owed_once_over_both_texts_days():
    decision = reading_in_the_first_quarter(priced(1, "5,000"))
    assert [(d.clause, str(d.part), d.file) for d in decision.obligations] == [
        ("3", "from 2024-01-01 to 2024-03-31", "v1.agreement"),
        ("2", "from 2024-01-01 to 2024-03-31", "v1.agreement")]
    assert decision.obligations[0].also == (("v2.agreement", 9, 9),)


TIERS = """\
agreement "Tiers" version "1".
effective 2024-01-01.
action read "read".
data posts "posts".
unit USD "US dollars" measures money.
tier basic "Basic" costs 100 USD per calendar month until 2024-02-29.
tier enterprise "Enterprise" costs from 42,000 USD per calendar month.
tier free "Free" costs 0 USD per calendar month.
clause 1 "Reading": licensee may read posts.
"""


@pytest.mark.parametrize("tier, owed", [
    ("basic", [("tier basic", "Basic", "pay 100 USD per calendar month for tier `basic`",
                "100", "from 2024-01-15 to 2024-02-29")]),
    ("enterprise", [("tier enterprise", "Enterprise", "pay at least 42,000 USD per calendar "
                     "month for tier `enterprise`", None, "from 2024-01-15 to 2024-03-15")]),
    ("free", []), (None, [])])
def test_a_usage_that_states_a_tier_owes_its_price_on_the_days_it_is_offered(tier, owed):
    """A tier's price was never among what a usage owes: 42,000 USD a month for an
    enterprise subscription went unsaid. It is owed, never deciding the usage; a price
    `from` an amount is at least that, of no amount; a free tier owes nothing."""
    decision = contractdsl.permits(contractdsl.parse(TIERS, "tiers.agreement"), {
        "action": "read", "data": "posts", "period": {"from": "2024-01-15", "until": "2024-03-15"},
        **({"tier": tier} if tier else {})})
    assert decision.outcome == "permitted"
    assert [(d.clause, d.title, str(d.text), str(d.amount.amount) if d.amount else None,
             str(d.part)) for d in decision.obligations] == owed
    if owed:
        assert decision.obligations[0].line == 6 + (tier == "enterprise")
