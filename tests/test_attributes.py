"""The parties' attributes and measures: declared of the licensee or of the users, stated by a
schedule or a usage, read by conditions, and left open where a usage does not say
(docs/semantics.md, section 12)."""

from __future__ import annotations

import json

import pytest

import contractdsl
from contractdsl import UsageError
from contractdsl.format import format_text
from contractdsl.prose.render import render, render_decision
from contractdsl.usage import read_usages

TEXT = """\
agreement "Platform Terms" version "1".
licensee "Developer".
effective 2024-01-01.

action use "use the platform".
action share "make data available to another party" under use.

data platform_data "Platform Data".
data personal_data "personal data of users" under platform_data.

fact written_approval "the licensor approved it in writing".

attribute government_entity "a government entity, or acting on behalf of one" of licensee.
attribute opted_in "opted in to the sharing of their data" of user.

measure monthly_active_users "monthly active users in the preceding calendar month" of licensee.
measure age "age in years" of user.

clause 1 "Licence":
  licensee may use platform_data.

clause 2 "Government entities":
  licensee must not use platform_data
    when licensee is government_entity
    unless written_approval.

clause 3 "Large platforms":
  licensee must not use platform_data
    when licensee's monthly_active_users is more than 700,000,000.

clause 4 "Children":
  licensee must not share personal_data when user's age is less than 13.

clause 5 "Consent":
  licensee must not share personal_data unless user is opted_in.
"""

SCHEDULE = """\
schedule "Acme apps" for "Platform Terms".
licensee "Acme, Inc.".
licensee is not government_entity.
licensee's monthly_active_users is 3,000,000,000.

app acme_social "Acme Social".
"""

SMALL = {"government_entity": False, "monthly_active_users": 5_000}


def line_of(words: str) -> int:
    return next(n for n, line in enumerate(TEXT.splitlines(), 1) if words in line)


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.Agreement(documents=(
        contractdsl.parse(TEXT, "terms.agreement").documents[0],
        contractdsl.parse(SCHEDULE, "acme.agreement").documents[0]))
    assert contractdsl.check(agreement) == []
    return agreement


def decide(agreement, **usage):
    return contractdsl.permits(agreement, {"date": "2024-05-01", **usage})


# ---- the language -----------------------------------------------------------------------


def test_the_statements_read_back_as_written_in_the_canonical_layout(terms):
    assert format_text(TEXT) == TEXT
    assert format_text(SCHEDULE) == SCHEDULE
    (doc,) = contractdsl.parse(SCHEDULE).documents
    assert [(v.name, v.value) for v in doc.values] == [
        ("government_entity", False), ("monthly_active_users", 3_000_000_000)]


def test_a_negated_attribute_is_written_after_is():
    text = TEXT.replace("when licensee is government_entity", "when not licensee is "
                        "government_entity")
    assert "    when licensee is not government_entity\n" in format_text(text)


CHECKED = {
    "unknown attribute": ("when licensee is governmnt_entity", "unknown attribute "
                          "`governmnt_entity`", "did you mean `government_entity`?"),
    "a measure read as an attribute": ("when licensee is monthly_active_users",
                                       "`monthly_active_users` is a measure, not an attribute",
                                       "compare it with a number"),
    "an attribute compared": ("when licensee's government_entity is at least 1",
                              "`government_entity` is an attribute, not a measure",
                              "write `licensee is government_entity`"),
    "the other party's": ("when user is government_entity", "`government_entity` is an "
                          "attribute of the licensee, not of the user",
                          "write `licensee is government_entity`"),
}


@pytest.mark.parametrize("case", sorted(CHECKED))
def test_the_checker_reports_a_condition_on_what_is_no_attribute_of_that_party(case):
    replacement, message, help = CHECKED[case]
    text = TEXT.replace("when licensee is government_entity", replacement)
    (problem,) = contractdsl.check(contractdsl.parse(text, "terms.agreement"))
    assert (problem.line, problem.message, problem.code) == (
        line_of("when licensee is government_entity"), message, "unknown-name" if case == "unknown attribute" else "wrong-attribute-kind")
    assert problem.help.startswith(help)


def test_the_checker_reports_what_a_schedule_states_wrongly():
    agreement = contractdsl.parse(TEXT + "licensee is government_entity.\n", "terms.agreement")
    schedule = contractdsl.parse(SCHEDULE.replace(
        "licensee's monthly_active_users is 3,000,000,000.",
        "licensee's monthly_active_users is 3,000,000,000.\nlicensee is monthly_active_users.\n"
        "licensee's age is 12.\nlicensee is not government_entity.\n"), "acme.agreement")
    found = contractdsl.check(contractdsl.Agreement(
        documents=agreement.documents + schedule.documents))
    assert sorted((p.file, p.line, p.code) for p in found) == [
        ("acme.agreement", 3, "conflicting-values"),  # the agreement says it is
        ("acme.agreement", 5, "duplicate-definition"),  # the name is stated on line 4
        ("acme.agreement", 5, "wrong-attribute-kind"),
        ("acme.agreement", 6, "wrong-attribute-kind"),
        ("acme.agreement", 7, "conflicting-values"),
        ("acme.agreement", 7, "duplicate-definition")]
    assert found[0].message == ("the schedule states the licensee's `government_entity` "
                                "otherwise than the agreement does")
    assert "`age` is a measure of the user, not of the licensee" in [p.message for p in found]


def test_a_comparison_that_is_not_one_is_a_syntax_error_in_words():
    with pytest.raises(contractdsl.AgreementError) as caught:
        contractdsl.parse(TEXT.replace("is more than 700,000,000", "is over 700,000,000"))
    (problem,) = caught.value.diagnostics
    assert problem.message == "`over` does not compare a measure with a number"
    assert "`less than`" in problem.help


# ---- stated values ------------------------------------------------------------------------


def test_the_licensees_attributes_stated_by_the_usage_decide(terms):
    assert decide(terms, licensee=SMALL).outcome == "permitted"
    government = decide(terms, licensee={**SMALL, "government_entity": True})
    assert government.outcome == "denied"
    assert government.reasons[1].text == (
        "prohibits: use the platform when the licensee is “a government entity, or acting on "
        "behalf of one” (`government_entity`) and the exception does not hold: the usage does "
        "not state `written_approval`")
    assert decide(terms, licensee={**SMALL, "government_entity": True},
                  facts=["written_approval"]).outcome == "permitted"


@pytest.mark.parametrize("users, outcome", [
    (700_000_000, "permitted"), (700_000_001, "denied"), ("700000000.5", "denied"), (0, "permitted")])
def test_more_than_a_threshold_excludes_the_threshold(terms, users, outcome):
    decision = decide(terms, licensee={**SMALL, "monthly_active_users": users})
    assert decision.outcome == outcome


@pytest.mark.parametrize("comparison, at, below, above", [
    ("more than", False, False, True), ("less than", False, True, False),
    ("at least", True, False, True), ("at most", True, True, False)])
def test_each_comparison_at_and_around_its_threshold(comparison, at, below, above):
    agreement = contractdsl.parse(TEXT.replace("is less than 13", f"is {comparison} 13"))
    for age, holds in ((13, at), ("12.99", below), ("13.01", above)):
        decision = decide(agreement, action="share", data="personal_data", licensee=SMALL,
                          users={"age": age, "opted_in": True})
        assert decision.outcome == ("denied" if holds else "permitted"), (comparison, age)


def test_a_schedule_states_its_licensees_attributes_for_its_apps_only(terms):
    decision = decide(terms, app="acme_social")
    assert decision.outcome == "denied"
    assert [r.clause for r in decision.reasons] == ["1", "3"]
    assert "is 3,000,000,000, more than 700,000,000" in decision.reasons[1].text
    assert decide(terms).outcome == "undetermined"  # no app: the licensee is not known


def test_a_usage_that_states_a_licensees_attribute_otherwise_than_its_schedule_is_refused(
        terms, tmp_path):
    path = tmp_path / "usage.yaml"
    path.write_text("date: 2024-05-01\napp: acme_social\nlicensee:\n"
                    "  government_entity: true\n")
    (usage,) = read_usages(path)
    with pytest.raises(UsageError) as caught:
        contractdsl.permits(terms, usage)
    (problem,) = caught.value.diagnostics
    assert (problem.line, problem.column) == (4, 3)
    assert problem.message == ("the usage states the licensee's `government_entity` otherwise "
                               "than “Acme apps” does")
    assert problem.help == "leave it out: “Acme apps” states it"


BAD = {
    "unknown attribute": ({"licensee": {"goverment_entity": True}},
                          "unknown attribute `goverment_entity` of the licensee",
                          "did you mean `government_entity`?"),
    "a number for yes or no": ({"licensee": {"government_entity": 3}},
                               "the licensee's `government_entity` is yes or no, not a number",
                               "write `true` or `false`"),
    "yes for a number": ({"users": {"age": True}}, "the users' `age` is a number, not yes or no",
                         "write the number"),
    "the licensee's some": ({"licensee": {"government_entity": "some"}},
                            "the licensee's `government_entity` must be true, false or a number",
                            "the licensee is one party"),
    "a word for the users": ({"users": {"opted_in": "most"}},
                             "the users' `opted_in` must be true, false, `all`, `some`, `none`, "
                             "a number or a list of numbers", "e.g. `opted_in: some`"),
    "an empty list": ({"users": {"age": []}}, "the list of the users' `age` is empty",
                      "give the values"),
    "no groups": ({"users": []}, "`users` must be a mapping from an attribute of the users to "
                  "its value, or a list of such mappings (groups of users)", "e.g. `users:"),
    "a negative age": ({"users": {"age": -1}}, "the amount `-1` is negative", "amounts are"),
    "too many groups": ({"users": {"age": list(range(70))}}, "the users make more than 64 "
                        "groups of different values", "state fewer values"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_value_is_a_located_error_with_help(terms, case):
    fields, message, help = BAD[case]
    with pytest.raises(UsageError) as caught:
        decide(terms, action="share", data="personal_data", **fields)
    problem = caught.value.diagnostics[0]
    assert problem.message == message
    assert problem.help.startswith(help)


# ---- the users, judged one by one ---------------------------------------------------------


def test_the_users_groups_are_judged_one_by_one_and_the_worst_wins(terms):
    share = dict(action="share", data="personal_data", licensee=SMALL)
    assert decide(terms, **share, users={"age": 30, "opted_in": "all"}).outcome == "permitted"
    assert decide(terms, **share, users={"age": 30, "opted_in": "none"}).outcome == "denied"
    some = decide(terms, **share, users={"age": 30, "opted_in": "some"})
    assert some.outcome == "denied"
    assert [r.clause for r in some.reasons] == ["1", "5"]
    assert "the user is not “opted in to the sharing of their data”" in some.reasons[1].text
    children = decide(terms, **share, users={"age": [10, 30], "opted_in": True})
    assert children.outcome == "denied"
    assert "the user’s “age in years” (`age`) is 10, less than 13" in children.reasons[1].text
    groups = decide(terms, **share, users=[{"age": 30, "opted_in": True},
                                           {"age": 15, "opted_in": True}])
    assert groups.outcome == "permitted"


# ---- left open ----------------------------------------------------------------------------


def test_an_attribute_the_usage_leaves_open_that_turns_the_outcome_makes_it_undetermined(terms):
    decision = decide(terms, licensee={"government_entity": False})
    assert decision.outcome == "undetermined"
    (reason,) = decision.reasons
    assert (reason.clause, reason.effect, reason.line) == (
        "3", "undetermined", line_of('clause 3 "Large platforms"'))
    assert reason.text == (
        "asks of the licensee “monthly active users in the preceding calendar month” "
        "(`monthly_active_users`), which neither the usage nor the agreement states: the usage "
        "is permitted if it is at most 700,000,000 and denied if it is more than 700,000,000")
    assert decision.missing == (
        "the licensee’s `monthly_active_users`, under `licensee:` (clause 3)",)


def test_a_yes_or_no_left_open_names_both_answers(terms):
    decision = decide(terms, licensee={"monthly_active_users": 10})
    assert decision.outcome == "undetermined"
    assert decision.reasons[0].text.endswith("the usage is denied if so and permitted if not")
    assert decide(terms, licensee={"monthly_active_users": 10},
                  facts=["written_approval"]).outcome == "permitted"


def test_the_users_left_open_are_asked_of_every_group_that_does_not_say(terms):
    share = dict(action="share", data="personal_data", licensee=SMALL)
    decision = decide(terms, **share, users={"opted_in": True})
    assert decision.outcome == "undetermined"
    assert decision.reasons[0].text.endswith(
        "the usage is denied if it is less than 13 and permitted if it is at least 13")
    assert decision.missing == ("the users’ `age`, under `users:` (clause 4)",)
    # one group says, the other does not
    mixed = decide(terms, **share, users=[{"age": 30, "opted_in": True}, {"opted_in": True}])
    assert mixed.outcome == "undetermined"
    # a group that is denied whatever its age is denied
    assert decide(terms, **share, users={"opted_in": False}).outcome == "denied"


def test_a_question_no_rule_about_the_action_asks_is_not_open(terms):
    # clauses 4 and 5 are about sharing personal data; a use that is not a share never asks
    assert decide(terms, licensee=SMALL).outcome == "permitted"


def test_an_open_question_that_changes_nothing_is_said_as_open(terms):
    decision = decide(terms, licensee={"monthly_active_users": 800_000_000})
    assert decision.outcome == "denied"
    assert decision.missing == ()
    assert [r.clause for r in decision.reasons] == ["1", "3"]


def test_the_decision_is_said_in_three_languages(terms):
    decision = decide(terms, licensee={"government_entity": False})
    words = {locale: render_decision(decision, locale=locale) for locale in ("en", "nl", "fr")}
    assert "is permitted if it is at most 700,000,000 and denied if it is more than" in \
        words["en"]
    assert "is toegestaan als het ten hoogste 700.000.000 is en geweigerd als het meer dan " \
        "700.000.000 is" in words["nl"]
    assert "l’usage est permis pour au plus 700" in words["fr"]
    assert "refusé pour plus de 700" in words["fr"]


def test_the_rendered_agreement_lists_the_attributes_and_what_a_schedule_states(terms):
    text = " ".join(render(terms, format="text").split())  # (its lines wrapped at 80 columns)
    assert "Attributes of the parties" in text and "Measures of the parties" in text
    assert "The licensee: a government entity, or acting on behalf of one" in text
    assert "The licensee is not a government entity, or acting on behalf of one." in text
    assert "The licensee’s monthly active users in the preceding calendar month is " \
        "3,000,000,000." in text
    assert "when the user’s age in years is less than 13" in text
    assert "Kenmerken van de partijen" in render(terms, locale="nl", format="text")
    assert "Mesures des parties" in render(terms, locale="fr", format="text")


def test_a_usage_file_states_the_licensee_and_the_users(tmp_path, terms):
    path = tmp_path / "usages.yaml"
    path.write_text("- name: sharing the data of a mixed audience\n"
                    "  date: 2024-05-01\n  action: share\n  data: personal_data\n"
                    "  licensee: {government_entity: false, monthly_active_users: 5000}\n"
                    "  users: {age: [9, 35], opted_in: all}\n"
                    "  expect: {outcome: denied, clauses: ['4']}\n")
    (usage,) = read_usages(path)
    assert usage.licensee == (("government_entity", False), ("monthly_active_users", 5000))
    assert usage.users == ((("age", 9), ("opted_in", True)), (("age", 35), ("opted_in", True)))
    assert contractdsl.permits(terms, usage).outcome == "denied"
    data = json.loads(json.dumps(contractdsl.permits(terms, usage).to_dict()))
    assert data["outcome"] == "denied"


# ---- the other readers of conditions ------------------------------------------------------


def test_the_diff_finds_a_threshold_moved_with_a_usage_that_states_it():
    old = contractdsl.parse(TEXT)
    new = contractdsl.parse(TEXT.replace("700,000,000", "500,000,000").replace(
        'version "1"', 'version "2"').replace("2024-01-01", "2025-01-01"))
    found = contractdsl.diff(old, new)
    assert found.narrows
    examples = [c.example for c in found.changes]
    assert any(dict(u.licensee).get("monthly_active_users") == 600_000_000 for u in examples)
    for change in found.changes:
        assert contractdsl.permits(new, change.example).outcome == change.new.outcome
        assert found.covers(change.example)


def test_the_lint_finds_a_clause_whose_comparisons_contradict():
    text = TEXT.replace("when user's age is less than 13",
                        "when user's age is less than 13 and user's age is at least 18")
    (finding,) = contractdsl.lint(contractdsl.parse(text), select=["CD101"])
    assert finding.clauses == ("4",)
    assert contractdsl.lint(contractdsl.parse(TEXT), select=["CD101"]) == []


def test_completion_offers_the_attributes_after_a_party(terms):
    from contractdsl.serve.complete import expected

    text = TEXT + "clause 6: licensee must not use platform_data when licensee is "
    assert "attribute" in expected(text, len(text)).kinds
    text = TEXT + "clause 6: licensee must not use platform_data when user's "
    assert "measure" in expected(text, len(text)).kinds
    text = TEXT + "clause 6: licensee must not use platform_data when user's age is "
    assert {"at", "less", "more"} <= set(expected(text, len(text)).keywords)


def test_an_audit_reads_the_licensee_from_its_schedule_and_leaves_the_users_open(tmp_path,
                                                                                   terms):
    pytest.importorskip("duckdb")
    log = tmp_path / "log.csv"
    log.write_text("time,app,action,data\n"
                   "2024-05-01T10:00:00Z,acme_social,use,platform_data\n"
                   "2024-05-01T11:00:00Z,acme_social,share,personal_data\n")
    found = contractdsl.audit(terms, log)
    outcomes = {g.action: g.outcome for g in found.groups}
    assert outcomes == {"use": "denied", "share": "denied"}  # over 700,000,000 users
    small = contractdsl.Agreement(documents=(terms.documents[0], contractdsl.parse(
        SCHEDULE.replace("3,000,000,000", "5,000"), "acme.agreement").documents[0]))
    outcomes = {g.action: g.outcome for g in contractdsl.audit(small, log).groups}
    assert outcomes == {"use": "permitted", "share": "undetermined"}  # the users' ages


def test_what_no_decision_turns_on_reads_an_unstated_attribute_as_not_had():
    agreement = contractdsl.parse(TEXT + """
unit requests "API requests".
unit USD "US dollars" measures money.
action terminate "terminate the agreement".

clause 6 "Government fee":
  licensee must pay 1 USD per 1,000 requests when licensee is government_entity.

clause 7 "Termination of small platforms":
  licensor may terminate when licensee's monthly_active_users is less than 1,000,000.
""")
    # nothing states the licensee's users: clause 3 asks them, so the usage is undetermined
    # (tried with none, among others), and the licensor's right is not read as applying
    decision = decide(agreement, licensee={"government_entity": False})
    assert decision.outcome == "undetermined"
    assert decision.licensor == ()
    stated = decide(agreement, licensee={"government_entity": True,
                                         "monthly_active_users": 5_000},
                    facts=["written_approval"])
    assert [d.clause for d in stated.licensor] == ["7"]
    assert [d.clause for d in stated.obligations] == ["6"]
    assert decide(agreement, licensee=SMALL).obligations == ()


# ---- which way an answer moves the outcome -----------------------------------------------

MOVES = """\
agreement "Moves" version "1".
licensee "Developer".
effective 2024-01-01.

action use "use the platform".
data content "content".
purpose research "research".
duty notify_licensor "notify the licensor".

attribute accredited "accredited by the licensor" of licensee.
attribute partner "a partner of the licensor" of licensee.
attribute flagged "flagged by the licensor" of licensee.
measure reach "people reached a month" of licensee.
measure staff "people employed" of licensee.

clause 1 "Licence":
  licensee may use content.

clause 2 "Accreditation":
  licensee must not use content unless licensee is accredited.

clause 3 "Partners":
  licensee may use content when licensee is partner
    provided licensee must notify_licensor before use.

clause 4 "Flagged":
  licensee must not use content when licensee is flagged.

clause 5 "Small firms":
  licensee must not use content when licensee's reach is less than 10.

clause 6 "Large firms":
  licensee must not use content when licensee's staff is more than 10,000.
"""


def explained(agreement, usage):
    """The decision put into words, its outcome found as the words find it."""
    from contractdsl.evaluation import compile, explain

    return explain(compile(agreement), contractdsl.Usage.from_dict(usage))


def decided(agreement, usage) -> str:
    """The outcome of a usage (a mapping), which one decision, a batch and the words agree on."""
    outcome = contractdsl.permits(agreement, usage).outcome
    assert contractdsl.permits_many(agreement, [usage])[0].outcome == outcome
    assert explained(agreement, usage).outcome == outcome
    return outcome


def in_force(text: str, name: str):
    """The agreement a text holds (checked: no diagnostic), its program, and the index of the
    program's one stretch in force."""
    from contractdsl.evaluation import compile

    agreement = contractdsl.parse(text, name)
    assert contractdsl.check(agreement) == []
    program = compile(agreement)
    (index,) = [i for i, s in enumerate(program.stretches) if s.state == "in-force"]
    return agreement, program, index


@pytest.fixture(scope="module")
def moves():
    return in_force(MOVES, "moves.agreement")[0]


def test_an_answer_moves_the_outcome_one_way_where_each_place_that_asks_it_agrees():
    from contractdsl.evaluation.decide import direction

    _, program, index = in_force(MOVES, "moves.agreement")
    # an `unless` of a prohibition: having it lifts the prohibition; a `when`: it binds
    assert direction(program, index, ("licensee", "accredited")) == 1
    assert direction(program, index, ("licensee", "flagged")) == -1
    # a permission that brings a duty may help the usage or deny it
    assert direction(program, index, ("licensee", "partner")) == 0
    # a measure: by its comparison
    assert direction(program, index, ("licensee", "reach")) == 1
    assert direction(program, index, ("licensee", "staff")) == -1


@pytest.mark.parametrize("stated, outcome", [
    # every question answered, the answers that decide it best
    ({"accredited": True, "partner": False, "flagged": False, "reach": 50, "staff": 5},
     "permitted"),
    # each question left open alone turns it
    ({"partner": False, "flagged": False, "reach": 50, "staff": 5}, "undetermined"),
    # (but for whether it is a partner: clause 1 licenses it without clause 3's proviso)
    ({"accredited": True, "flagged": False, "reach": 50, "staff": 5}, "permitted"),
    ({"accredited": True, "partner": False, "reach": 50, "staff": 5}, "undetermined"),
    ({"accredited": True, "partner": False, "flagged": False, "staff": 5}, "undetermined"),
    ({"accredited": True, "partner": False, "flagged": False, "reach": 50}, "undetermined"),
    # denied by what it states, whatever the answers to the rest
    ({"flagged": True}, "denied"),
    ({"accredited": False, "staff": 20_000}, "denied"),
    # every question left open
    ({}, "undetermined"),
])
def test_a_usage_left_open_on_questions_that_move_it_one_way_is_decided_as_every_answer_would(
        moves, stated, outcome):
    # (it refuses the partners' duty: clause 3, when it applies, denies it)
    usage = {"date": "2024-05-01", "data": "content", "licensee": stated,
             "refuses": ["notify_licensor"]}
    # (the words find it from every answer)
    assert decided(moves, usage) == outcome


def test_a_usage_its_facets_deny_is_denied_however_many_questions_it_leaves_open():
    # thirteen attributes, each binding a prohibition: 8,192 answers, more than are tried
    text = MOVES.split("clause 1")[0] + "".join(
        f'attribute a{i} "attribute {i}" of licensee.\n' for i in range(13)) + \
        "\nclause 1:\n  licensee may use content for research.\n" + "".join(
            f"\nclause P{i}:\n  licensee must not use content when licensee is a{i}.\n"
            for i in range(13))
    agreement, _, _ = in_force(text, "many.agreement")
    research = {"date": "2024-05-01", "data": "content", "purpose": "research"}
    decision = contractdsl.permits(agreement, research)
    assert decision.outcome == "undetermined"
    # (each moves it one way: its best and worst answers are tried, and say how it turns)
    assert "the usage is denied if so; otherwise, the outcome turns on the other questions" in \
        decision.reasons[0].text
    # no answer permits a use for another purpose: no permission covers it
    other = {key: value for key, value in research.items() if key != "purpose"}
    assert decided(agreement, other) == "denied"
    assert all(reason.effect != "undetermined"
               for reason in contractdsl.permits(agreement, other).reasons)
    # one of them moving it either way, each of its answers is tried with the others at their
    # best and worst: still undetermined, and the reasons say how each turns it
    one, _, _ = in_force(text + "\nclause Q:\n  licensee must not use content when "
                         "licensee is a0 and not licensee is a1.\n", "many.agreement")
    assert decided(one, research) == "undetermined"
    assert "that can be tried" not in contractdsl.permits(one, research).explain()
    # twelve of them moving it either way, they are not tried: the reasons say so, and a
    # usage no answer permits is still denied
    none_of = " and ".join(f"not licensee is a{i}" for i in range(12))
    either, _, _ = in_force(text + f"\nclause Q:\n  licensee must not use content when "
                            f"{none_of}.\n", "many.agreement")
    assert decided(either, research) == "undetermined"
    assert "more than the 4,096 that can be tried" in \
        contractdsl.permits(either, research).reasons[0].text
    assert decided(either, other) == "denied"
    assert all(reason.effect != "undetermined"
               for reason in contractdsl.permits(either, other).reasons)


def test_a_usage_a_prohibition_on_what_it_states_denies_is_denied_however_many_questions_it_leaves_open():
    # the same thirteen questions, and a prohibition whose condition reads a fact alone
    text = MOVES.split("clause 1")[0] + 'fact cleared "the licensor cleared the use".\n' + \
        'recipient public "the public".\nrecipient government "a government".\n' + \
        "".join(f'attribute a{i} "attribute {i}" of licensee.\n' for i in range(13)) + \
        "\nclause 1:\n  licensee may use content for research.\n" + \
        "\nclause C:\n  licensee must not use content with government unless cleared.\n" + \
        "".join(f"\nclause P{i}:\n  licensee must not use content when licensee is a{i}.\n"
                for i in range(13))
    agreement, _, _ = in_force(text, "many.agreement")
    research = {"date": "2024-05-01", "data": "content", "purpose": "research"}
    # shared with a government, not cleared: clause C denies it, whatever the answers
    both = {**research, "recipients": ["public", "government"]}
    assert decided(agreement, both) == "denied"
    reasons = contractdsl.permits(agreement, both).reasons
    assert [reason.clause for reason in reasons if reason.effect == "prohibits"] == ["C"]
    # cleared, or with the public alone: the thirteen questions decide it, each one way
    for usage in ({**both, "facts": ["cleared"]}, {**research, "recipients": ["public"]}):
        assert decided(agreement, usage) == "undetermined"
        assert "the usage is denied if so; otherwise" in \
            contractdsl.permits(agreement, usage).reasons[0].text
    # a permission that reads each question too: each moves it either way, and their 8,192
    # combinations are too many to try; clause C still denies it, whichever recipient is named
    # first
    either = in_force(text + "\nclause Q:\n  licensee may use content for research when " +
                      " or ".join(f"licensee is a{i}" for i in range(13)) + ".\n",
                      "either.agreement")[0]
    for recipients in (["public", "government"], ["government", "public"]):
        usage = {**research, "recipients": recipients}
        assert decided(either, usage) == "denied", recipients
        reasons = contractdsl.permits(either, usage).reasons
        assert [reason.clause for reason in reasons if reason.effect == "prohibits"] == ["C"]
    cleared = {**both, "facts": ["cleared"]}
    assert decided(either, cleared) == "undetermined"
    assert "make 8,192 combinations, more than the 4,096 that can be tried" in \
        contractdsl.permits(either, cleared).reasons[0].text


def test_a_standard_left_open_is_answered_at_its_best_and_worst():
    text = MOVES.split("attribute accredited")[0] + (
        'standard fair "the use is fair".\n'
        'standard bulk "the use is in bulk".\n'
        "\nclause 1:\n  licensee may use content.\n"
        "\nclause 2:\n  licensee must not use content unless fair.\n"
        "\nclause 3:\n  licensee must not use content when bulk.\n")
    from contractdsl.evaluation.decide import direction

    agreement, program, index = in_force(text, "standards.agreement")
    assert direction(program, index, ("standard", "fair")) == 1
    assert direction(program, index, ("standard", "bulk")) == -1
    usage = {"date": "2024-05-01", "data": "content"}
    for findings, outcome in [({"fair": True, "bulk": False}, "permitted"),
                              ({"fair": False}, "denied"), ({"bulk": True}, "denied"),
                              ({"fair": True}, "undetermined"),
                              ({"bulk": False}, "undetermined"), ({}, "undetermined")]:
        assert decided(agreement, {**usage, "findings": findings}) == outcome, findings


ONE_WAY = MOVES.split("clause 3")[0] + MOVES[MOVES.index("clause 4"):]


@pytest.mark.parametrize("stated, outcome", [
    ({"accredited": True, "flagged": False, "reach": 50, "staff": 5}, "permitted"),
    ({"flagged": False, "reach": 50, "staff": 5}, "undetermined"),
    ({"accredited": True, "reach": 50, "staff": 5}, "undetermined"),
    ({"accredited": True, "flagged": False, "staff": 5}, "undetermined"),
    ({"accredited": True, "flagged": False, "reach": 50}, "undetermined"),
    ({"accredited": True, "flagged": False, "reach": 5}, "denied"),
    ({"flagged": True}, "denied"),
    ({}, "undetermined"),
])
def test_where_every_question_moves_it_one_way_a_usage_is_judged_at_the_best_and_worst_answers(
        stated, outcome):
    from contractdsl.evaluation.decide import asked_of

    agreement, program, index = in_force(ONE_WAY, "one-way.agreement")
    # every question the clauses about `use` ask, with the index of its best answer
    assert {question[1]: pick for question, (_, pick) in
            asked_of(program, index, "use").items()} == {
        "accredited": 1, "flagged": 0, "reach": 2, "staff": 0}
    usage = {"date": "2024-05-01", "data": "content", "licensee": stated}
    assert decided(agreement, usage) == outcome


def test_a_measure_no_answer_leaves_as_unstated_is_asked_every_way():
    # unstated, every comparison of `reach` is false: the prohibition binds (`not` of a false
    # comparison), which no value of it does alike
    text = MOVES.split("clause 1")[0] + (
        "clause 1:\n  licensee may use content.\n"
        "\nclause 2:\n  licensee must not use content\n"
        "    when licensee's reach is at least 10 or not licensee's reach is less than 10.\n")
    from contractdsl.evaluation.decide import asked_of, direction

    agreement, program, index = in_force(text, "unstated.agreement")
    assert direction(program, index, ("licensee", "reach")) == -1
    assert asked_of(program, index, "use") is None
    for stated, outcome in [({"reach": 5}, "permitted"), ({"reach": 50}, "denied"),
                            ({}, "undetermined")]:
        usage = {"date": "2024-05-01", "data": "content", "licensee": stated}
        assert decided(agreement, usage) == outcome


def test_a_measure_every_value_meets_is_met_when_the_usage_does_not_state_it():
    # every licensee has some reach, and every reach is at least 0: the licence applies
    text = MOVES.split("clause 1")[0] + (
        "clause 1:\n  licensee may use content when licensee's reach is at least 0.\n"
        "\nclause 2:\n  licensee must not use content when licensee's staff is more than 0.\n")
    agreement, _, _ = in_force(text, "every-value.agreement")
    for stated, outcome in [({"staff": 0}, "permitted"), ({"staff": 3}, "denied"),
                            ({}, "undetermined"), ({"reach": 0, "staff": 0}, "permitted")]:
        usage = {"date": "2024-05-01", "data": "content", "licensee": stated}
        assert decided(agreement, usage) == outcome, stated
