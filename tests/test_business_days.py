"""Durations in business days: Monday to Friday, in deadlines and survival."""

from __future__ import annotations

import datetime as dt

import pytest

import contractdsl
from contractdsl import model as m
from contractdsl.format import format_text

TEXT = """\
agreement "Terms" version "1".
effective 2024-01-01.
terminates 2024-06-28.
action use "use".
data content "content".
fact evidence_request "the licensor asked for evidence of deletion".
fact evidence_given "evidence of deletion was given".
duty give_evidence "give evidence of deletion" shown by evidence_given.
clause 1: licensee may use content.
clause 2 "Evidence of deletion" survives 5 business days:
  licensee must give_evidence within 10 business days after evidence_request.
"""


@pytest.mark.parametrize("start, days, due", [
    ("2024-05-03", 10, "2024-05-17"),  # a Friday: two working weeks later
    ("2024-05-04", 10, "2024-05-17"),  # a Saturday: as from the Friday before
    ("2024-05-05", 1, "2024-05-06"),   # a Sunday: the Monday after
    ("2024-05-06", 4, "2024-05-10"),   # Monday to Friday
    ("2024-05-06", 5, "2024-05-13"),   # over a weekend
    ("2024-05-09", 2, "2024-05-13"),
])
def test_a_business_day_is_a_weekday(start, days, due):
    moment = dt.datetime.fromisoformat(start)
    assert m.Duration(count=days, unit=m.BUSINESS_DAY).after(moment).date() == \
        dt.date.fromisoformat(due)


def test_past_the_calendar_a_duration_ends_on_its_last_day():
    assert m.Duration(count=10 ** 12, unit=m.BUSINESS_DAY).after(
        dt.datetime(2024, 1, 1)) == dt.datetime.max


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def test_a_deadline_in_business_days(terms):
    usage = {"date": "2024-05-17", "facts": {"evidence_request": "2024-05-03"}}
    due = contractdsl.permits(terms, usage)
    assert due.outcome == "permitted"
    (duty,) = due.obligations
    assert (duty.deadline, duty.status) == (dt.date(2024, 5, 17), "pending")
    assert "within 10 business days after `evidence_request` (by 2024-05-17)" in duty.text
    late = contractdsl.permits(terms, {**usage, "date": "2024-05-20"})
    assert late.outcome == "denied"
    assert [r.clause for r in late.reasons if r.effect == "breached"] == ["2"]


def test_survival_in_business_days(terms):
    # terminated on Friday 2024-06-28: the clause survives to Friday 2024-07-05
    def clauses(day):
        return [r.clause for r in contractdsl.permits(
            terms, {"date": day, "facts": {"evidence_request": "2024-06-20"}}).reasons]

    assert "2" in clauses("2024-07-05")
    assert "2" not in clauses("2024-07-06")


def test_business_days_are_said_and_formatted(terms):
    assert "10 business days" in contractdsl.render(terms)
    assert "10 werkdagen" in contractdsl.render(terms, locale="nl")
    assert "10 jours ouvrés" in contractdsl.render(terms, locale="fr")
    formatted = format_text(TEXT)
    assert "survives 5 business days:" in formatted
    assert "within 10 business days after evidence_request." in formatted
    assert format_text(formatted) == formatted


def test_only_days_can_be_business_days():
    with pytest.raises(contractdsl.AgreementError) as caught:
        contractdsl.parse(TEXT.replace("10 business days", "10 business weeks"))
    (problem,) = caught.value.diagnostics
    assert (problem.line, problem.message) == (11, "unexpected `weeks`; expected `day` or `days`")
