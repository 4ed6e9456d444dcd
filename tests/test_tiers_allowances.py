"""A tier's allowances against the rates a usage states (docs/semantics.md, sections 5 and
11): a calendar year is twelve calendar months exactly, so a rate per calendar month is judged
against an allowance per calendar year, and priced by a fee per calendar year, at twelve
times itself, whatever the months' days."""

from __future__ import annotations

import pytest

import contractdsl

TEXT = """\
agreement "Annual Terms" version "1".
licensor "Provider". licensee "Developer".
effective 2023-01-01.
action use "use". action read "retrieve content" under use.
data content "content".
unit posts "posts".
unit USD "US dollars" measures money.
tier yearly "Yearly" costs 1,000 USD per calendar year:
  read no more than 36,600 posts per calendar year.
clause 1 "Licence": licensee may use content.
clause F "Overage": licensee must pay 1 USD per 1 posts beyond 36,000 posts per calendar year.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "annual.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def decide(terms, amount):
    # April has 30 days and May 31: the months' days must not change what a month holds
    return contractdsl.permits(terms, {
        "action": "read", "tier": "yearly", "period": {"from": "2023-04-01", "until": "2023-05-31"},
        "volume": [{"amount": amount, "unit": "posts", "per": "calendar month"}]})


def allowance(decision):
    return [str(r.text) for r in decision.reasons if r.clause == "tier yearly"]


def owed(decision):
    return [(str(d.text), d.amount.amount) for d in decision.obligations if d.clause == "F"]


def test_a_rate_per_calendar_month_is_twelve_times_itself_per_calendar_year(terms):
    at = decide(terms, 3050)
    assert at.outcome == "permitted"
    assert allowance(at) == [
        "allows no more than 36,600 posts per calendar year; the usage's 3,050 posts per "
        "calendar month comes to 36,600 per calendar year"]
    over = decide(terms, 3051)
    assert over.outcome == "denied"
    assert allowance(over) == [
        "allows no more than 36,600 posts per calendar year; the usage's 3,051 posts per "
        "calendar month comes to 36,612 per calendar year"]
    assert decide(terms, 3049).outcome == "permitted"


def test_a_fee_per_calendar_year_prices_a_monthly_rate_at_twelve_months(terms):
    [(text, amount)] = owed(decide(terms, 3050))
    assert amount == 600
    assert text.startswith("pay 600 USD per calendar year")
