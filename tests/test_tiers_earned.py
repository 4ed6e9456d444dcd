"""Tiers earned by cumulative spend (docs/semantics.md, section 20): the tier a usage claims is
checked against what it states paid, an allowance in money caps what a tier may spend, with the
checker's errors, the formatter, the prose, the audit's refusal and the IR."""

from __future__ import annotations

import json

import pytest

import contractdsl
from contractdsl.format import format_text
from contractdsl.semantics import ir

TEXT = """\
agreement "Platform Terms" version "1".
licensor "Provider". licensee "Developer".
effective 2024-01-01.
action use "use". action read "retrieve content" under use.
data content "content".
unit requests "API requests".
unit USD "US dollars" measures money.
unit EUR "euros" measures money.
app bot "Bot".
tier free "Free":
  read no more than 100 requests per day.
tier tier_1 "Tier 1" earned by paying at least 5 USD in total:
  use no more than 100 USD per calendar month.
tier tier_2 "Tier 2" earned by paying at least 50 USD in total from 2024-06-01.
clause 1 "Licence": licensee may use content.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "tiers.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def decide(terms, payments=(), **usage):
    when = {} if "period" in usage or "date" in usage else {"date": "2024-07-10"}
    return contractdsl.permits(terms, {"action": "read", **when, "payments": list(payments),
                                       **usage})


def usd(amount, paid=None, due=None, unit="USD"):
    return {"amount": amount, "unit": unit, **({"paid": paid} if paid else {}),
            **({"due": due} if due else {})}


def tier_reasons(decision, tier):
    return [(r.effect, str(r.text)) for r in decision.reasons if r.clause == f"tier {tier}"]


def test_a_tier_is_earned_by_what_was_paid_by_the_usages_day(terms):
    decision = decide(terms, [usd(3, "2024-03-01"), usd(2, "2024-07-10")], tier="tier_1")
    assert decision.outcome == "permitted"
    assert tier_reasons(decision, "tier_1") == [(
        "earned", "is earned by paying at least 5 USD in total; the usage states 5 USD paid by "
        "2024-07-10")]


def test_a_tier_not_yet_earned_is_denied_naming_it(terms):
    decision = decide(terms, [usd(3, "2024-03-01"), usd(2, "2024-07-11")], tier="tier_1")
    assert decision.outcome == "denied"
    ((effect, text),) = tier_reasons(decision, "tier_1")
    assert effect == "not-earned"
    assert "the usage states 3 USD paid by 2024-07-10, so the licensee has not earned it" in text


def test_what_was_paid_short_of_the_tier_is_said_short_of_it(terms):
    # 4.999 USD is not 5 USD: to the cent it would read as the amount that earns the tier
    decision = decide(terms, [usd("4.999", "2024-03-01")], tier="tier_1")
    assert decision.outcome == "denied"
    assert tier_reasons(decision, "tier_1") == [(
        "not-earned", "is earned by paying at least 5 USD in total, but the usage states 4.999 "
        "USD paid by 2024-07-10, so the licensee has not earned it then")]

def test_a_usage_that_states_no_payment_has_paid_nothing(terms):
    assert decide(terms, tier="tier_1").outcome == "denied"
    assert decide(terms).outcome == "permitted"  # no tier claimed: nothing to earn
    assert decide(terms, tier="free").outcome == "permitted"  # a tier no payment earns


def test_only_amounts_paid_in_the_tiers_currency_count(terms):
    unpaid = usd(10, due="2024-03-01")  # owed, never paid
    euros = usd(10, "2024-03-01", unit="EUR")
    assert decide(terms, [unpaid, euros], tier="tier_1").outcome == "denied"
    assert decide(terms, [unpaid, euros, usd(5, "2024-03-01")], tier="tier_1").outcome == \
        "permitted"


def test_a_payment_in_another_currency_is_said_not_to_count(terms):
    # (docs/semantics.md, section 20) no rate of exchange is assumed: the reason says which
    # payments it leaves out, and why
    one = decide(terms, [usd(10, "2024-05-01", unit="EUR")], tier="tier_1", date="2024-06-10")
    assert one.outcome == "denied"
    assert tier_reasons(one, "tier_1") == [(
        "not-earned", "is earned by paying at least 5 USD in total, but the usage states 0 USD "
        "paid by 2024-06-10, so the licensee has not earned it then; the payment of 10 EUR on "
        "2024-05-01 is not counted, being in another currency than USD")]
    several = decide(terms, [usd(10, "2024-05-01", unit="EUR"), usd(2, "2024-05-02"),
                             usd(3, "2024-05-03", unit="EUR"), usd(4, "2024-07-01", unit="EUR")],
                     tier="tier_1", date="2024-06-10")
    assert [text for _, text in tier_reasons(several, "tier_1")] == [
        "is earned by paying at least 5 USD in total, but the usage states 2 USD paid by "
        "2024-06-10, so the licensee has not earned it then; the payments of 10 EUR on "
        "2024-05-01 and 3 EUR on 2024-05-03 are not counted, being in another currency than USD"]


def test_spending_in_another_currency_cannot_be_told_within_an_allowance_in_money(terms):
    # (docs/semantics.md, section 20) an amount in EUR is spending that no rate of exchange
    # turns into USD: it cannot be told to be within 100 USD a calendar month, unless what the
    # usage states in USD already exceeds it
    paid = [usd(5, "2024-01-05")]
    june = {"from": "2024-06-01", "until": "2024-06-30"}
    euros = {"amount": 1_000_000, "unit": "EUR"}
    unknown = decide(terms, paid, tier="tier_1", period=june, volume=[euros])
    assert unknown.outcome == "undetermined"
    assert [(r.effect, r.text) for r in unknown.reasons if r.clause == "tier tier_1"][1:] == [(
        "undetermined", "allows no more than 100 USD per calendar month; 1,000,000 EUR from "
        "2024-06-01 to 2024-06-30 cannot be told to be within it, being in another currency "
        "than USD")]
    assert list(unknown.missing) == [
        "the amount in USD of 1,000,000 EUR from 2024-06-01 to 2024-06-30 (tier tier_1)"]
    beside = decide(terms, paid, tier="tier_1", period=june,
                    volume=[{"amount": 50, "unit": "USD"}, {**euros, "amount": 10}])
    assert beside.outcome == "undetermined"
    over = decide(terms, paid, tier="tier_1", period=june,
                  volume=[{"amount": 150, "unit": "USD"}, {**euros, "amount": 10}])
    assert over.outcome == "denied" and list(over.missing) == []
    # what it spends in USD alone is judged as before
    assert decide(terms, paid, tier="tier_1", period=june,
                  volume=[{"amount": 50, "unit": "USD"}]).outcome == "permitted"
    # so under a tier not earned by paying, whatever else the usage states
    bought = contractdsl.parse(TEXT.replace(
        "  read no more than 100 requests per day.\n",
        "  read no more than 100 requests per day;\n"
        "  use no more than 10 USD per calendar month.\n"),
        "bought.agreement")
    free = decide(bought, tier="free", date="2024-06-10", volume=[{**euros, "amount": 1_000}])
    assert free.outcome == "undetermined"
    assert list(free.missing) == ["the amount in USD of 1,000 EUR on 2024-06-10 (tier free)"]


def test_a_period_is_judged_from_the_first_day_it_claims_the_tier(terms):
    june = {"from": "2024-06-01", "until": "2024-06-30"}
    paid_in_june = [usd(5, "2024-06-10")]
    decision = decide(terms, paid_in_june, tier="tier_1", period=june)
    assert decision.outcome == "denied"
    later = decide(terms, paid_in_june, tier="tier_1",
                   period={"from": "2024-06-10", "until": "2024-06-30"})
    assert later.outcome == "permitted"
    # cut on 2024-06-01, where tier 2 comes into force, and nothing about tier 1 changes
    across = {"from": "2024-05-20", "until": "2024-06-10"}
    for day, outcome in (("2024-05-25", "denied"), ("2024-05-20", "permitted")):
        decision = decide(terms, [usd(5, day)], tier="tier_1", period=across)
        assert decision.outcome == outcome
        assert {str(r.text).rsplit(" by ", 1)[1] for r in decision.reasons
                if r.clause == "tier tier_1"} == {"2024-05-20" + (
                    ", so the licensee has not earned it then" if outcome == "denied" else "")}


def test_an_earned_tier_binds_only_where_it_is_in_force(terms):
    # tier 2 is in force from 2024-06-01, and its earning is checked from then on
    assert decide(terms, [usd(60, "2024-05-01")], tier="tier_2").outcome == "permitted"
    assert decide(terms, [usd(40, "2024-05-01")], tier="tier_2").outcome == "denied"
    before = decide(terms, [usd(40, "2024-05-01")], tier="tier_2", date="2024-05-10")
    assert tier_reasons(before, "tier_2") == []


def test_an_allowance_in_money_caps_what_the_tier_spends(terms):
    paid = [usd(5, "2024-01-05")]
    june = {"from": "2024-06-01", "until": "2024-06-30"}
    within = decide(terms, paid, tier="tier_1", period=june,
                    volume=[{"amount": 80, "unit": "USD"}])
    assert within.outcome == "permitted"
    over = decide(terms, paid, tier="tier_1", period=june,
                  volume=[{"amount": "100.01", "unit": "USD"}])
    assert over.outcome == "denied"
    assert [r.effect for r in over.reasons if r.clause == "tier tier_1"] == ["earned", "exceeds"]


def test_the_ir_holds_one_earning_rule_per_tier_in_force(terms):
    program = contractdsl.compile(terms)
    earning = {rule.tier: rule for s in program.stretches for rule in s.earning}
    assert set(earning) == {"tier_1", "tier_2"}
    assert earning["tier_1"].amount == 5 and earning["tier_1"].currency == "USD"
    data = json.loads(ir.to_json(program))
    nodes = [e["node"] for s in data["stretches"] for e in s["earning"]]
    assert set(nodes) == {"EarningRule"}


@pytest.mark.parametrize("rule, message, code", [
    ("tier t \"T\" earned by paying at least 5 requests in total.",
     "what earns a tier must be an amount of money, not `requests`", "price-not-money"),
    ("tier t \"T\" earned by paying at least 0 USD in total.",
     "tier `t` earned by paying at least `0 USD` is earned by every licensee", "bad-number"),
    ("tier t \"T\" earned by paying at least 5 GBP in total.", "unknown unit `GBP`",
     "unknown-name"),
    ("clause L: licensee must not use more than 100 USD per calendar month.",
     "a limit counts things, not money (`USD`)", "limit-in-money"),
])
def test_what_earns_a_tier_is_checked_and_located(rule, message, code):
    agreement = contractdsl.parse(TEXT + rule + "\n", "tiers.agreement")
    (problem,) = contractdsl.check(agreement)
    assert (problem.message, problem.code) == (message, code)
    assert problem.line == TEXT.count("\n") + 1 and problem.help


def test_earned_tiers_are_formatted_and_read_back(terms):
    text = format_text(TEXT, "tiers.agreement")
    assert "tier tier_1 \"Tier 1\" earned by paying at least 5 USD in total:\n" \
           "  use no more than 100 USD per calendar month." in text
    assert "earned by paying at least 50 USD in total from 2024-06-01." in text
    again = contractdsl.parse(text, "tiers.agreement")
    assert again.documents[0].tiers == terms.documents[0].tiers
    assert format_text(text, "tiers.agreement") == text


@pytest.mark.parametrize("locale, words", [
    ("en", "Tier 1: earned by paying at least US$5 in total. Use: no more than US$100 per "
           "calendar month."),
    ("nl", "Tier 1: verdiend door in totaal ten minste US$ 5 te betalen."),
    ("fr", "Tier 1 : obtenue en payant au moins 5 $US au total."),
])
def test_earned_tiers_are_said_in_three_languages(terms, locale, words):
    assert words in contractdsl.render(terms, locale=locale).replace("\u00a0", " ")


def test_the_audit_refuses_a_row_of_an_earned_tier(terms, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,tier,requests\n2024-07-01T10:00:00Z,bot,read,free,5\n"
                   "2024-07-01T11:00:00Z,bot,read,tier_1,5\n")
    with pytest.raises(contractdsl.UsageError) as raised:
        contractdsl.audit(terms, str(log))
    message = str(raised.value)
    assert "row 3, column `tier`: tier `tier_1` is earned by what the licensee has paid" in \
        message
    assert raised.value.diagnostics[0].help.startswith("decide the usages of that tier")


def test_the_audit_sums_a_tiers_allowance_in_money(terms, tmp_path):
    bought = contractdsl.parse(TEXT.replace(
        'tier tier_1 "Tier 1" earned by paying at least 5 USD in total:',
        'tier tier_1 "Tier 1":'), "tiers.agreement")
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,tier,USD\n2024-07-01T10:00:00Z,bot,read,tier_1,60\n"
                   "2024-07-02T10:00:00Z,bot,read,tier_1,60\n")
    found = contractdsl.audit(bought, str(log))
    assert found.outcome == "denied"
    (window,) = found.windows
    assert (window.clause, window.amount) == ("tier tier_1", 120)


TIER_WINDOW = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose research "research".
unit posts "posts".
unit requests "requests".
unit USD "dollars" measures money.
app tool "Tool" approved for research.
tier basic "Basic" costs 100 USD per calendar month from 2024-03-01 until 2024-06-30:
  read no more than 10,000 posts per calendar month per app.
clause 1: licensee may use content for research.
clause T: licensee must not use content unless a tier is subscribed.
clause B: licensee must not read content for research when tier is basic and date is before 2024-01-15.
clause F: licensee must pay 0.24 USD per 1,000 requests when tier is basic.
"""


@pytest.mark.parametrize("when, reasons, fee", [
    # before and after its window, no usage has the tier: a tier is not subscribed (clause T),
    # its allowance does not bind, its fee is not owed, `tier is basic` does not hold (B)
    ({"date": "2024-01-10"}, ["T"], False),
    ({"date": "2024-07-10"}, ["T"], False),
    # within it, the allowance binds, and the fee is owed
    ({"date": "2024-04-10"}, ["tier basic"], True),
    # a period that begins before the window: T for the days before it, the allowance after
    ({"period": {"from": "2024-02-20", "until": "2024-03-10"}}, ["T", "tier basic"], True),
])
def test_a_tier_outside_its_window_is_no_usages(when, reasons, fee):
    # (a usage that stated a tier where it is not offered was judged as if it held the tier,
    # the tier's allowance not binding: a better outcome than within the window)
    terms = contractdsl.parse(TIER_WINDOW, "tier.agreement")
    assert contractdsl.check(terms) == []
    usage = {"app": "tool", "action": "read", "purpose": "research", "tier": "basic",
             "volume": [{"amount": 50_000, "unit": "posts", "per": "calendar month"},
                        {"amount": 1_000, "unit": "requests"}], **when}
    decision = contractdsl.permits(terms, usage)
    assert decision.outcome == "denied"
    denying = [r.clause for r in decision.reasons if r.effect in ("prohibits", "exceeds")]
    assert denying == reasons
    # its fee is owed for the days within the window alone
    assert [d.clause for d in decision.obligations if d.clause == "F"] == (["F"] if fee else [])
    if "T" in reasons:
        assert "tier `basic` is not offered then" in decision.explain()
    # the same usage within the window, with fewer posts, is permitted and owes the fee
    fields = {k: v for k, v in usage.items() if k not in when}
    within = contractdsl.permits(terms, {**fields, "date": "2024-04-10",
                                         "volume": [{"amount": 1_000, "unit": "requests"}]})
    assert within.outcome == "permitted"
    assert [(d.clause, str(d.text)) for d in within.obligations][1:] == [
        ("F", "pay 0.24 USD for 1,000 requests on 2024-04-10 (pay 0.24 USD per 1,000 "
              "requests)"),
        ("tier basic", "pay 100 USD per calendar month for tier `basic`")]
