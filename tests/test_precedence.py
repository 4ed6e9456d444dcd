"""Incorporated documents and their precedence: one test per rule of docs/semantics.md, section
19, and the checker's rules about them."""

from __future__ import annotations

import pytest

import contractdsl
from contractdsl import model as m
from contractdsl.format import format_text
from contractdsl.syntax import parse_document

TERMS = """\
agreement "Data Terms" version "1".
licensor "Provider". licensee "Developer".
effective 2024-01-01.
action use "use the licensed content".
action read "retrieve content" under use.
action share "pass content on" under use.
data content "the licensed content".
data records "records of people" under content.
purpose research "research".
purpose marketing "marketing".
recipient third_party "any third party".
fact approved "the provider approved it in writing".
standard policy_prevails "the policy prevails over the terms".
unit requests "requests".
clause 1 "Licence": licensee may use content.
clause 2 "No sharing": licensee must not share content with third_party.
clause 3 "Rate limit": licensee must not read more than 100 requests per minute.
clause 4 "No marketing": licensee must not use content for marketing.
clause 5 "Usage policy": incorporates "Usage Policy" PRECEDENCE.
"""

POLICY = """\
agreement "Usage Policy" version "2024-03".
effective 2024-03-01.
purpose profiling "profiling people" under research.
clause P-1 "Sharing for research": licensee may share content with third_party for research.
clause P-2 "Rate limit": licensee must not read more than 1,000 requests per minute.
clause P-3 "Marketing with approval": licensee may use records for marketing when approved.
clause P-4 "No profiling": licensee must not read records for research.
"""


def agreement(precedence="prevailing over this agreement", terms=TERMS, policy=POLICY):
    return contractdsl.Agreement(documents=(
        parse_document(terms.replace("PRECEDENCE", precedence), "terms.agreement"),
        parse_document(policy, "policy.agreement")))


def decide(agreement_, **usage):
    usage.setdefault("date", "2024-06-01")
    return contractdsl.permits(agreement_, usage)


def effects(decision):
    return {(r.clause, r.effect) for r in decision.reasons}


def problems(agreement_):
    return [(d.file, d.line, d.code, d.message) for d in contractdsl.check(agreement_)]


# Read as one: an incorporated document binds while its version and the incorporation are in
# force, with the text's names and clauses.
def test_an_incorporated_document_binds_from_its_own_date():
    terms = agreement()
    assert terms.incorporated_titles == {"Usage Policy"}
    assert [d.title for d in terms.versions] == ["Data Terms"]
    before = decide(terms, action="read", data="records", purpose="research",
                    date="2024-02-01")
    after = decide(terms, action="read", data="records", purpose="research")
    assert (before.outcome, after.outcome) == ("permitted", "denied")
    assert ("P-4", "prohibits") in effects(after)
    # its names are the text's too, while it is in force: a purpose of its own under one of
    # the terms' (P-4 forbids research, and so profiling)
    assert ("P-4", "prohibits") in effects(decide(terms, action="read", data="records",
                                                  purpose="profiling"))
    with pytest.raises(contractdsl.UsageError, match="unknown purpose `profiling`"):
        decide(terms, action="read", purpose="profiling", date="2024-02-01")


def test_an_incorporation_binds_only_while_it_is_in_force():
    ended = agreement(terms=TERMS.replace('clause 5 "Usage policy":',
                                          'clause 5 "Usage policy" until 2024-05-31:'))
    usage = dict(action="read", data="records", purpose="research")
    assert decide(ended, date="2024-05-31", **usage).outcome == "denied"
    assert decide(ended, **usage).outcome == "permitted"


# the policy's next version, which no longer forbids profiling, with the same clause ids
POLICY_2025 = POLICY.replace('version "2024-03"', 'version "2025-01"').replace(
    "effective 2024-03-01.", "effective 2025-01-01.").replace(
    'clause P-4 "No profiling": licensee must not read records for research.\n', "")


def test_each_version_of_an_incorporated_document_binds_in_its_own_time():
    terms = contractdsl.Agreement(documents=(
        parse_document(TERMS.replace("PRECEDENCE", "subject to this agreement"),
                       "terms.agreement"),
        parse_document(POLICY, "policy.agreement"),
        parse_document(POLICY_2025, "policy-2025.agreement")))
    assert problems(terms) == []  # its versions keep their clause ids: never read together
    usage = dict(action="read", data="records", purpose="research")
    assert ("P-4", "prohibits") in effects(decide(terms, date="2024-12-31", **usage))
    assert decide(terms, date="2025-01-01", **usage).outcome == "permitted"
    across = contractdsl.permits(terms, {"period": {"from": "2024-12-01",
                                                    "until": "2025-01-31"}, **usage})
    assert across.outcome == "denied" and ("P-4", "prohibits") in effects(across)


def test_after_the_end_the_documents_of_its_last_day_stay_read_for_what_survives():
    deletion = ('fact deleted "the content was deleted".\n'
                'duty delete "delete the content" shown by deleted.\n'
                'clause P-5 "Deletion" survives: licensee must delete within DAYS after '
                'termination.\n')
    terms = contractdsl.Agreement(documents=(
        parse_document(TERMS.replace("PRECEDENCE", "subject to this agreement").replace(
            "effective 2024-01-01.", "effective 2024-01-01.\nterminates 2024-12-31."),
            "terms.agreement"),
        parse_document(POLICY + deletion.replace("DAYS", "30 days"), "policy.agreement"),
        parse_document(POLICY_2025 + deletion.replace("DAYS", "90 days"),
                       "policy-2025.agreement")))
    assert problems(terms) == []
    # the policy of 2024-12-31, the last day, binds: 30 days, not the later version's 90
    late = decide(terms, action="read", date="2025-02-15")
    assert late.outcome == "denied"
    assert [(r.clause, r.effect, r.text) for r in late.reasons if r.clause == "P-5"] == [
        ("P-5", "breached", "requires: delete the content within 30 days after termination "
                            "(by 2025-01-30); the usage does not state `deleted`")]
    done = decide(terms, action="read", date="2025-02-15", facts={"deleted": "2025-01-20"})
    assert ("P-5", "met") in effects(done)


def test_an_exception_may_name_a_clause_of_the_other_document():
    text = TERMS.replace("licensee must not share content with third_party.",
                         "licensee must not share content with third_party except as "
                         "permitted by P-1.")
    # an exception is no conflict: the terms prevail, and yet P-1 lifts clause 2
    assert not any("`P-1`" in message for *_, message in problems(agreement("", text)))
    decision = decide(agreement("subject to this agreement", text), action="share",
                      purpose="research", recipients=["third_party"])
    assert decision.outcome == "permitted" and ("2", "excepted") in effects(decision)


# Conflicts: a permission a prohibition of the other document empties; two limits on the same
# thing of different amounts. A general licence and a narrower restriction do not conflict.
def test_what_conflicts_and_what_does_not():
    from contractdsl.semantics.precedence import conflicts
    from contractdsl.semantics.symbols import SymbolTable

    terms = agreement()
    documents = terms.documents
    symbols = SymbolTable(documents)
    entries = [(c, d.title) for d in documents for c in d.clauses
               if not isinstance(c, m.Incorporation)]
    found = {frozenset((a.id, b.id)) for a, _, b, _ in conflicts(entries, symbols)}
    # 1 (use any content) is a general licence, and P-4 narrows it: no conflict
    assert found == {frozenset(("2", "P-1")), frozenset(("3", "P-2")), frozenset(("4", "P-3"))}
    # a limit per another window is no limit on the same thing
    other = agreement(policy=POLICY.replace("1,000 requests per minute", "1,000 requests per hour"))
    entries = [(c, d.title) for d in other.documents for c in d.clauses
               if not isinstance(c, m.Incorporation)]
    assert frozenset(("3", "P-2")) not in {frozenset((a.id, b.id)) for a, _, b, _ in
                                           conflicts(entries, SymbolTable(other.documents))}


# Precedence: the prevailing document's clause decides, the other is overridden.
def test_a_prevailing_permission_overrides_a_prohibition():
    decision = decide(agreement(), action="share", purpose="research",
                      recipients=["third_party"])
    assert decision.outcome == "permitted"
    (reason,) = [r for r in decision.reasons if r.clause == "2"]
    assert reason.effect == "overridden"
    assert reason.text.endswith("but the permission of clause P-1 of “Usage Policy” overrides "
                                "it: “Usage Policy” prevails over “Data Terms” (clause 5)")
    assert ("P-1", "permits") in effects(decision)


def test_a_prevailing_permission_overrides_a_prohibition_only_where_it_applies():
    # P-1 permits sharing for research alone: sharing for no stated purpose is permitted by
    # clause 1 of the terms, and the terms' prohibition still forbids it
    decision = decide(agreement(), action="share", recipients=["third_party"])
    assert decision.outcome == "denied"
    assert ("2", "prohibits") in effects(decision)
    assert not {clause for clause, effect in effects(decision) if effect == "overridden"}


def test_a_limit_yields_to_a_prevailing_limit_only_where_that_limit_applies():
    # the policy's higher limit binds with written approval alone: without it, the terms'
    # limit of 100 requests per minute binds, and 500 exceed it
    terms = agreement(policy=POLICY.replace("1,000 requests per minute.",
                                            "1,000 requests per minute when approved."))
    assert problems(terms) == []
    rate = [{"amount": 500, "unit": "requests", "per": "minute"}]
    unapproved = decide(terms, action="read", volume=rate)
    assert unapproved.outcome == "denied"
    assert ("3", "exceeds") in effects(unapproved)
    assert ("3", "overridden") not in effects(unapproved)
    approved = decide(terms, action="read", volume=rate, facts=["approved"])
    assert approved.outcome == "permitted"
    assert {("3", "overridden"), ("P-2", "within")} <= effects(approved)


def test_a_prevailing_prohibition_says_which_permission_it_overrides():
    decision = decide(agreement("subject to this agreement"), action="share",
                      purpose="research", recipients=["third_party"])
    assert decision.outcome == "denied"
    (reason,) = [r for r in decision.reasons if r.clause == "2"]
    assert reason.effect == "prohibits"
    assert "it overrides the permission of clause P-1 of “Usage Policy”: “Data Terms" \
        "” prevails over “Usage Policy” (clause 5)" in reason.text
    assert reason.line == 16  # the controlling clause, located


@pytest.mark.parametrize("precedence, judged, overridden, outcome", [
    ("prevailing over this agreement", "P-2", "3", "permitted"),
    ("subject to this agreement", "3", "P-2", "denied"),
])
def test_a_limit_yields_to_a_prevailing_limit_on_the_same_thing(precedence, judged, overridden,
                                                                outcome):
    decision = decide(agreement(precedence), action="read", purpose="research",
                      volume=[{"amount": 500, "unit": "requests", "per": "minute"}])
    assert decision.outcome == outcome
    assert (overridden, "overridden") in effects(decision)
    assert {r.clause for r in decision.reasons if r.effect in ("within", "exceeds")} == {judged}


@pytest.mark.parametrize("terms_window, policy_window", [
    ("minute", "60 seconds"), ("day", "24 hours"), ("7 days", "week")])
def test_a_limit_yields_to_a_prevailing_limit_over_the_same_window_in_other_words(
        terms_window, policy_window):
    # (a fixed window is any stretch of its length: `per day` and `per 24 hours` limit the same
    # thing, and the prevailing document's limit decides; the two were both applied, the
    # stricter deciding, and without a precedence no conflict was reported)
    text = TERMS.replace("100 requests per minute.", f"100 requests per {terms_window}.")
    policy = POLICY.replace("1,000 requests per minute.", f"1,000 requests per {policy_window}.")
    rate = [{"amount": 500, "unit": "requests", "per": policy_window}]
    prevailing = decide(agreement(terms=text, policy=policy), action="read", volume=rate)
    assert prevailing.outcome == "permitted"
    assert {("3", "overridden"), ("P-2", "within")} <= effects(prevailing)
    subject = decide(agreement("subject to this agreement", terms=text, policy=policy),
                     action="read", volume=rate)
    assert subject.outcome == "denied"
    assert {("P-2", "overridden"), ("3", "exceeds")} <= effects(subject)
    assert ("policy.agreement", 5, "undeclared-precedence") in [
        found[:3] for found in problems(agreement("", terms=text, policy=policy))]
    # a calendar month is not 30 days: two limits, each binding
    calendar = decide(agreement(terms=TERMS.replace("100 requests per minute.",
                                                    "100 requests per calendar month."),
                                policy=POLICY.replace("1,000 requests per minute.",
                                                      "1,000 requests per 30 days.")),
                      action="read", volume=[{"amount": 500, "unit": "requests",
                                              "per": "calendar month"}])
    assert calendar.outcome == "denied"
    assert ("3", "exceeds") in effects(calendar)


def test_a_limit_yields_to_a_prevailing_limit_per_the_same_key_written_twice():
    # (`per app and app` counts per app: the two limit the same thing)
    text = TERMS.replace("100 requests per minute.", "100 requests per minute per app and app.")
    policy = POLICY.replace("1,000 requests per minute.", "1,000 requests per minute per app.")
    prevailing = decide(agreement(terms=text, policy=policy), action="read",
                        volume=[{"amount": 500, "unit": "requests", "per": "minute"}])
    assert prevailing.outcome == "permitted"
    assert {("3", "overridden"), ("P-2", "within")} <= effects(prevailing)


def test_a_limit_yields_to_a_prevailing_limit_per_the_same_keys_in_another_order():
    # (`per user and app` counts what `per app and user` counts: semantics.md, section 5)
    text = TERMS.replace("100 requests per minute.", "100 requests per minute per app and user.")
    policy = POLICY.replace("1,000 requests per minute.",
                            "1,000 requests per minute per user and app.")
    prevailing = decide(agreement(terms=text, policy=policy), action="read",
                        volume=[{"amount": 500, "unit": "requests", "per": "minute"}])
    assert prevailing.outcome == "permitted"
    assert {("3", "overridden"), ("P-2", "within")} <= effects(prevailing)
    undeclared = problems(agreement(precedence="", terms=text, policy=policy))
    assert ("policy.agreement", 5, "undeclared-precedence",
            "clause `P-2` of `Usage Policy` limits the same as clause `3` of `Data Terms` "
            "(terms.agreement:17) with another amount, and the two documents declare no "
            "precedence between them") in undeclared


# A precedence under a condition: the other document prevails where it does not hold; a
# standard there is a question like any other.
def test_a_precedence_left_to_judgement_is_undetermined_until_found():
    terms = agreement("prevailing over this agreement when policy_prevails")
    usage = dict(action="share", purpose="research", recipients=["third_party"])
    open_ = decide(terms, **usage)
    assert open_.outcome == "undetermined"
    assert [(r.clause, r.effect) for r in open_.reasons] == [("5", "undetermined")]
    assert list(open_.missing) == ["a finding on `policy_prevails`, true or false (clause 5)"]
    found = decide(terms, findings={"policy_prevails": True}, **usage)
    not_found = decide(terms, findings={"policy_prevails": False}, **usage)
    assert (found.outcome, not_found.outcome) == ("permitted", "denied")
    assert "“Data Terms” prevails over “Usage Policy” (clause 5: the usage finds" in \
        next(r.text for r in not_found.reasons if r.clause == "2")


# No precedence declared: the checker reports the conflict, at one clause with the other's
# file and line, and the agreement is not compiled.
def test_a_conflict_without_precedence_is_reported_with_both_clauses():
    terms = agreement(precedence="")
    found = problems(terms)
    assert ("terms.agreement", 16, "undeclared-precedence",
            "clause `2` of `Data Terms` forbids all that clause `P-1` of `Usage Policy` "
            "(policy.agreement:4) permits, and the two documents declare no precedence between "
            "them") in found
    assert ("policy.agreement", 5, "undeclared-precedence",
            "clause `P-2` of `Usage Policy` limits the same as clause `3` of `Data Terms` "
            "(terms.agreement:17) with another amount, and the two documents declare no "
            "precedence between them") in found
    assert {(file, line) for file, line, code, _ in found if code == "undeclared-precedence"} \
        == {("terms.agreement", 16), ("policy.agreement", 5), ("terms.agreement", 18)}
    with pytest.raises(contractdsl.AgreementError):
        decide(terms, action="read")


def test_two_documents_incorporated_by_one_text_have_no_order():
    rules = """\
agreement "Restricted Use Rules" version "1".
clause R-1: licensee must not read more than 50,000 requests per minute.
"""
    text = TERMS.replace('"Usage Policy" PRECEDENCE', '"Usage Policy" and "Restricted Use Rules" '
                         "subject to this agreement").replace(
        "licensee must not read more than 100 requests per minute.",
        "licensee must not share more than 100 requests per minute.")
    terms = contractdsl.Agreement(documents=(
        parse_document(text, "terms.agreement"), parse_document(POLICY, "policy.agreement"),
        parse_document(rules, "rules.agreement")))
    assert [(f, code) for f, _, code, _ in problems(terms)] == [
        ("rules.agreement", "undeclared-precedence")]


# The checker's rules on incorporations.
@pytest.mark.parametrize("clause, code, message", [
    ('incorporates "Data Terms" subject to this agreement', "incorporation-cycle",
     "`Data Terms` incorporates `Data Terms`, which is itself: no document can be part of "
     "itself"),
    ('incorporates "Usage Policy" when approved', "incorporation",
     "clause `5` says when a precedence holds, but declares none"),
    ('incorporates "Missing Rules"', "unread-document",
     "clause `5` incorporates `Missing Rules`, which is not read with it, so none of its "
     "clauses apply"),
])
def test_an_incorporation_that_cannot_mean_anything_is_reported(clause, code, message):
    text = TERMS.replace('incorporates "Usage Policy" PRECEDENCE', clause)
    found = [p for p in problems(agreement(terms=text)) if p[2] == code]
    assert found and found[0][3] == message


def test_a_cycle_through_documents_and_a_survival_are_reported():
    policy = POLICY + 'clause P-5: incorporates "Data Terms".\n'
    found = problems(agreement(policy=policy))
    assert ("policy.agreement", 8, "incorporation-cycle",
            "`Usage Policy` incorporates `Data Terms`, which incorporates `Usage Policy`: no "
            "document can be part of itself") in found
    surviving = TERMS.replace('clause 5 "Usage policy":', 'clause 5 "Usage policy" survives '
                              '1 year:')
    assert any(code == "incorporation" and "cannot survive" in message
               for _, _, code, message in problems(agreement(terms=surviving)))


def test_a_text_and_what_it_incorporates_are_one_vocabulary():
    policy = POLICY + ('clause 2: licensee must not read content for marketing.\n'
                       'purpose research "research done by anyone".\n'
                       'data content "the licensed content".\n')
    found = problems(agreement(policy=policy))
    assert ("policy.agreement", 8, "duplicate-definition",
            "clause `2` is defined twice (first in `terms.agreement` at line 16)") in found
    assert ("policy.agreement", 9, "duplicate-definition",
            "purpose `research` is defined otherwise in `terms.agreement` (line 9)") in found
    assert not [p for p in found if p[1] == 10]  # defined alike: one name


def test_a_schedule_cannot_incorporate():
    schedule = parse_document('schedule "Apps" for "Data Terms".\napp tool "Tool".\n'
                              'clause S-1: incorporates "Usage Policy".\n', "apps.agreement")
    terms = contractdsl.Agreement(documents=(*agreement().documents, schedule))
    assert ("apps.agreement", 3, "incorporation", "a schedule cannot incorporate a document") \
        in problems(terms)


# Formatted, said in three languages, and in the IR.
def test_an_incorporation_is_formatted_and_read_back():
    text = TERMS.replace("PRECEDENCE", "prevailing over this agreement when policy_prevails")
    formatted = format_text(text.replace('incorporates "Usage Policy"',
                                         'incorporates "Usage Policy","Rules"'))
    assert ('  incorporates "Usage Policy" and "Rules" prevailing over this agreement\n'
            "    when policy_prevails.") in formatted
    assert format_text(formatted) == formatted


@pytest.mark.parametrize("locale, words", [
    ("en", "This agreement incorporates “Usage Policy”; where they conflict, the incorporated "
           "text prevails"),
    ("nl", "Deze overeenkomst omvat “Usage Policy”; bij strijdigheid gaat de opgenomen tekst "
           "voor"),
    ("fr", "Le présent accord incorpore « Usage Policy » ; en cas de conflit, le texte "
           "incorporé prévaut"),
])
def test_an_incorporation_is_said_in_three_languages(locale, words):
    rendered = contractdsl.render(agreement(), locale=locale, format="text")
    assert words in " ".join(rendered.split())
    assert "Usage Policy" in rendered and "P-3" in rendered  # the policy is rendered too


def test_the_precedence_is_in_the_ir():
    from contractdsl.semantics.ir import to_data

    program = contractdsl.compile(agreement())
    stretch = program.stretches[-1]
    (precedence,) = stretch.precedence
    assert (precedence.clause, precedence.prevailing, precedence.yielding) == (
        "5", "Usage Policy", "Data Terms")
    (limit,) = [lim for lim in stretch.limits if lim.clause == "3"]
    (conflict,) = limit.conflicts
    assert (conflict.other, conflict.document, conflict.own) == ("P-2", "Usage Policy",
                                                                 "Data Terms")
    assert to_data(stretch)["precedence"][0]["prevailing"] == "Usage Policy"


def test_a_limit_yields_to_the_prevailing_one_for_every_recipient_of_the_usage():
    """Several recipients are judged one by one: the limit of the text yields to the
    prevailing document's limit on the same thing for the second recipient as for the first,
    so the usage is judged by the document's limit alone."""
    terms = contractdsl.parse('''\
agreement "Terms" version "1". effective 2024-01-01.
action use "use". data content "content".
recipient partner "a partner". recipient agency "an agency".
unit records "records".
clause 1: licensee may use.
clause 2: licensee must not use more than 1 records per minute.
clause INC: incorporates "Policy" prevailing over this agreement.
''', "terms.agreement")
    policy = contractdsl.parse('''\
agreement "Policy" version "1". effective 2024-01-01.
clause P-2: licensee must not use more than 3 records per minute.
''', "policy.agreement")
    both = m.Agreement(documents=terms.documents + policy.documents)
    assert contractdsl.check(both) == []
    for recipients in (["partner"], ["agency"], ["partner", "agency"]):
        decision = contractdsl.permits(both, {
            "date": "2024-02-01", "recipients": recipients,
            "volume": [{"amount": 2, "unit": "records", "per": "minute"}]})
        assert decision.outcome == "permitted", recipients
        assert "2" not in [r.clause for r in decision.reasons if "allows" in r.text]


@pytest.mark.parametrize("precedence, clause, amount", [
    ("subject to this agreement", "7", "100"),
    ("prevailing over this agreement", "P-7", "50"),
    ("prevailing over this agreement when approved", "7", "100"),
])
def test_a_liability_cap_yields_to_the_prevailing_documents_cap_of_its_party(
        precedence, clause, amount):
    """Two documents read together that cap the licensor's liability differently conflict: the
    prevailing document's cap is what may be recovered, and the other's is not listed (both
    were listed, the reader left to pick between 100 and 50 USD), and without a precedence
    the checker reports the two caps."""
    text = TERMS.replace("unit requests", 'unit USD "US dollars" measures money.\nunit requests') \
        + "clause 7: licensor's liability is at most 100 USD.\n"
    policy = POLICY + "clause P-7: licensor's liability is at most 50 USD.\n" \
        "clause P-8: licensee's liability is at most 10 USD.\n"
    decision = decide(agreement(precedence, text, policy), action="read",
                      claim={"amount": 1000, "unit": "USD", "date": "2024-06-01"})
    assert [(d.clause, d.kind, d.text) for d in decision.licensor] == [
        (clause, "liable", f"is liable for at most {amount} USD of the 1,000 USD claimed for "
                           "the event of 2024-06-01")]
    assert ("policy.agreement", 8, "undeclared-precedence",
            "clause `P-7` of `Usage Policy` caps the licensor's liability otherwise than clause "
            "`7` of `Data Terms` (terms.agreement:21), and the two documents declare no "
            "precedence between them") in problems(agreement("", text, policy))


@pytest.mark.parametrize("precedence, listed", [
    ("subject to this agreement", [("6", "must-not", "must not suspend access")]),
    ("prevailing over this agreement", [("P-6", "may", "may suspend access")]),
])
def test_the_licensors_clause_that_yields_to_the_prevailing_documents_is_not_listed(
        precedence, listed):
    """What the licensor may still do, read from two documents that conflict on it, is what the
    prevailing one says (both were listed: it may suspend, and it must not), and without a
    precedence the checker reports the two clauses; where the policy's clause does not apply,
    the terms' binds whatever the precedence."""
    text = TERMS.replace('action share "pass content on" under use.',
                         'action share "pass content on" under use.\n'
                         'action suspend "suspend access".') \
        + "clause 6: licensor must not suspend.\n"
    policy = POLICY + "clause P-6: licensor may suspend when purpose is research.\n"
    decision = decide(agreement(precedence, text, policy), action="read", purpose="research")
    assert [(d.clause, d.kind, d.text) for d in decision.licensor] == listed
    other = decide(agreement(precedence, text, policy), action="read", purpose="marketing")
    assert [(d.clause, d.kind) for d in other.licensor] == [("6", "must-not")]
    assert ("terms.agreement", 21, "undeclared-precedence",
            "clause `6` of `Data Terms` forbids all that clause `P-6` of `Usage Policy` "
            "(policy.agreement:8) permits, and the two documents declare no precedence between "
            "them") in problems(agreement("", text, policy))
