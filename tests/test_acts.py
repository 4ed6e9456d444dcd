"""Acts: usages that are not uses of content (docs/semantics.md, section 16), the duties an act
does and the deadlines left to judgement (section 6), each rule on a small agreement."""

from __future__ import annotations

import pytest

import contractdsl
from contractdsl.errors import UsageError
from contractdsl.format import format_text

TEXT = """\
agreement "Platform Terms" version "1".
effective 2024-01-01.
terminates 2024-12-31.
action use "use Platform Data".
action read "retrieve Platform Data" under use.
act register "register an app".
act register_again "register an app once more" under register.
act give_list "give the licensor the list of providers".
act begin_remediation "begin remediating an incident".
act decline "decline what the licensor asks".
data platform_data "Platform Data".
purpose analytics "analytics".
fact list_request "the licensor asked for the list of providers".
fact incident "the developer became aware of an incident".
fact audit_notice "the licensor gave notice of an audit".
fact audit_cooperation "the developer cooperated with the audit".
fact approved "the licensor approved it in writing".
standard immediately "the remediation began within what “immediately” allows".
duty list_providers "give the list of providers" shown by give_list.
duty remediate "begin remediating the incident" shown by begin_remediation.
duty cooperate "cooperate with the audit" shown by audit_cooperation.
unit apps "apps".
clause 1 "Licence": licensee may read platform_data.
clause 2 "Registering": licensee must not register when not approved.
clause 2.1 "Approved registrations": licensee may register_again notwithstanding 2.
clause 3 "No use without approval": licensee must not use platform_data unless approved.
clause 4 "List on request": licensee must list_providers within 10 days after list_request.
clause 5 "Remediation": licensee must remediate within immediately after incident.
clause 6 "Audit" survives 1 year: licensee must cooperate when audit_notice.
clause 7 "Registrations a year": licensee must not register more than 3 apps per calendar year.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def decide(terms, **usage):
    return contractdsl.permits(terms, usage if "period" in usage else
                               {"date": "2024-06-03", **usage})


def effects(decision):
    return [(r.clause, r.effect) for r in decision.reasons]


# ---- an act needs no licence -------------------------------------------------------------------


def test_an_act_needs_no_licence_and_says_so(terms):
    decision = decide(terms, act="give_list")
    assert decision.outcome == "permitted"
    assert effects(decision) == [("", "permits")]
    assert decision.reasons[0].text == "`give_list` is not a use of content: it needs no licence"


def test_a_use_of_content_still_needs_one(terms):
    unlicensed = decide(terms, action="use", facts=["approved"])  # clause 1 licenses `read`
    assert unlicensed.outcome == "denied"
    assert "no-permission" in {effect for _, effect in effects(unlicensed)}


def test_a_permission_of_an_act_only_lifts_a_prohibition_of_it(terms):
    assert effects(decide(terms, act="register")) == [("", "permits"), ("2", "prohibits")]
    again = decide(terms, act="register_again")
    assert again.outcome == "permitted"
    assert ("2", "excepted") in effects(again)


# ---- what a clause is about ---------------------------------------------------------------------


def test_a_clause_about_an_act_covers_the_acts_under_it_never_an_action(terms):
    assert decide(terms, act="register").outcome == "denied"  # clause 2
    assert decide(terms, act="register", facts=["approved"]).outcome == "permitted"
    # clause 3 forbids every use of Platform Data without approval: not the act of registering
    assert ("3", "prohibits") not in effects(decide(terms, act="register"))
    assert ("3", "prohibits") in effects(decide(terms, action="read"))


def test_a_limit_on_an_act_counts_its_volume(terms):
    over = decide(terms, act="register", facts=["approved"],
                  period={"from": "2024-01-01", "until": "2024-12-31"},
                  volume=[{"amount": 4, "unit": "apps"}])
    assert over.outcome == "denied"
    assert ("7", "exceeds") in effects(over)


# ---- duties bind an act, and an act does the duties shown by it --------------------------------


def test_duties_bind_an_act_and_a_refusal_breaches_one(terms):
    declined = decide(terms, act="decline", facts={"audit_notice": "2024-06-01"},
                      refuses=["cooperate"])
    assert declined.outcome == "denied"
    assert ("6", "breached") in effects(declined)


def test_an_act_does_the_duty_shown_by_it_on_its_first_moment(terms):
    met = decide(terms, act="give_list", facts={"list_request": "2024-06-01"})
    assert met.outcome == "permitted"
    assert [(d.clause, d.status) for d in met.obligations] == [("4", "met")]
    assert "the usage is `give_list`, which does it" in met.reasons[-1].text
    late = decide(terms, act="give_list", facts={"list_request": "2024-05-01"})
    assert late.outcome == "denied"
    assert "the usage is `give_list`, on 2024-06-03, after it was due" in late.reasons[-1].text


def test_a_duty_an_act_does_is_breached_by_another_usage_once_due(terms):
    other = decide(terms, action="read", facts={"list_request": "2024-05-01", "approved": None})
    assert other.outcome == "denied"
    assert "it is done by `give_list`, which the usage is not" in other.reasons[-1].text


# ---- after the agreement ends ------------------------------------------------------------------


def test_after_termination_an_act_is_judged_by_the_surviving_clauses(terms):
    assert decide(terms, action="read", date="2025-02-01", facts=["approved"]).outcome == "denied"
    assert decide(terms, act="register", date="2025-02-01").outcome == "permitted"
    refused = decide(terms, act="decline", date="2025-02-01",
                     facts={"audit_notice": "2025-01-15"}, refuses=["cooperate"])
    assert refused.outcome == "denied"  # the audit clause survives a year
    assert decide(terms, act="give_list", date="2023-06-01").outcome == "denied"  # no text yet


# ---- a time left to judgement ------------------------------------------------------------------


@pytest.mark.parametrize("usage, finding, outcome, status", [
    (dict(act="begin_remediation"), True, "permitted", "met"),
    (dict(act="begin_remediation"), False, "denied", "breached"),  # done, but late
    (dict(action="read", facts=["approved"]), True, "permitted", "pending"),
    (dict(action="read", facts=["approved"]), False, "denied", "breached"),  # not done in time
])
def test_a_finding_says_whether_a_duty_due_within_a_judged_time_was_in_time(
        terms, usage, finding, outcome, status):
    facts = {"incident": "2024-06-01", **{f: None for f in usage.pop("facts", ())}}
    decision = decide(terms, **usage, facts=facts, findings={"immediately": finding})
    assert decision.outcome == outcome
    assert ("5", status) in [(d.clause, d.status) for d in decision.obligations]


def test_without_a_finding_a_judged_time_is_a_question_left_open(terms):
    decision = decide(terms, act="begin_remediation", facts={"incident": "2024-06-01"})
    assert decision.outcome == "undetermined"
    assert [r.clause for r in decision.reasons] == ["5"]
    assert decision.missing == ("a finding on `immediately`, true or false (clause 5)",)


def test_a_judged_time_runs_only_once_its_fact_is_stated(terms):
    assert decide(terms, act="begin_remediation").outcome == "permitted"


# ---- the usage format ----------------------------------------------------------------------------


@pytest.mark.parametrize("usage, message, hint", [
    ({"act": "regster"}, "unknown act `regster`", "did you mean `register`?"),
    ({"act": "register", "action": "read"},
     "a usage that is an act (`register`) uses no content, so it has no `action`",
     "remove `action:`, or `act:` for a use of content"),
    ({"act": "register", "data": "platform_data"},
     "a usage that is an act (`register`) uses no content, so it has no `data`",
     "remove `data:`, or `act:` for a use of content"),
])
def test_a_bad_act_in_a_usage_is_located(terms, tmp_path, usage, message, hint):
    path = tmp_path / "usage.yaml"
    path.write_text("date: 2024-06-03\n" + "".join(f"{k}: {v}\n" for k, v in usage.items()))
    with pytest.raises(UsageError) as caught:
        contractdsl.permits(terms, path)
    (problem,) = caught.value.diagnostics
    assert (problem.message, problem.help) == (message, hint)
    assert problem.line == 1 + list(usage).index("act" if "regster" in usage.values()
                                                 else [k for k in usage if k != "act"][0]) + 1


# ---- the checker ---------------------------------------------------------------------------------


END = TEXT.count("\n") + 1  # the line of a statement added at the end


@pytest.mark.parametrize("change, message", [
    ("action audit \"audit\". act audit \"audit\".",
     "`audit` is both an action and an act, so a clause that names it is ambiguous"),
    ("clause 9: licensee must remediate within incident after incident.",
     "`within incident` names no standard: a time left to judgement is a standard"),
    ("duty tell \"tell\" shown by giv_list.", "unknown fact or act `giv_list`"),
    ("clause 9: licensee must not registr.", "unknown action or act `registr`"),
])
def test_the_checker_locates_a_misused_act(change, message):
    problems = contractdsl.check(contractdsl.parse(TEXT + change + "\n", "terms.agreement"))
    assert [(p.line, p.message) for p in problems] == [(END, message)]
    assert problems[0].help


def test_an_act_given_data_has_its_own_code():
    text = TEXT.replace("must not register when", "must not register platform_data when")
    problems = contractdsl.check(contractdsl.parse(text, "terms.agreement"))
    line = text.splitlines().index(next(x for x in text.splitlines() if "register platform_data"
                                        in x)) + 1
    column = text.splitlines()[line - 1].index("platform_data") + 1
    assert [(p.code, p.line, p.column, p.message) for p in problems] == [
        ("act-with-data", line, column,
         "`register` is an act, not a use of content: it takes no data (`platform_data`)")]
    assert problems[0].help == "remove `platform_data`, or name an action"


# ---- prose and layout ----------------------------------------------------------------------------


@pytest.mark.parametrize("locale, words", [
    ("en", "The licensee must begin remediating the incident within a time left to judgement "
           "after the developer became aware of an incident (whether the remediation began "
           "within what “immediately” allows)."),
    ("nl", "binnen een termijn ter beoordeling na the developer became aware of an incident"),
    ("fr", "dans un délai laissé à l’appréciation après the developer became aware of an "
           "incident"),
])
def test_a_judged_time_is_said_in_three_languages(terms, locale, words):
    assert words in contractdsl.render(terms, locale=locale)


@pytest.mark.parametrize("locale, heading", [
    ("en", "Acts (not uses of content)"), ("nl", "Overige handelingen (geen gebruik van inhoud)"),
    ("fr", "Actes (qui ne sont pas des usages du contenu)")])
def test_the_acts_are_defined_apart_from_the_actions(terms, locale, heading):
    rendered = contractdsl.render(terms, locale=locale)
    assert heading in rendered and "register an app" in rendered


def test_acts_and_judged_times_are_formatted_and_read_back():
    formatted = format_text(TEXT)
    assert "act register_again \"register an app once more\" under register." in formatted
    assert "  licensee must remediate within immediately after incident." in formatted
    assert format_text(formatted) == formatted
