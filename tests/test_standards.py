"""Standards: questions an agreement leaves to judgement, findings on them, and decisions that
a finding would turn (docs/semantics.md, section 9)."""

from __future__ import annotations

import pytest

import contractdsl
from contractdsl import UsageError
from contractdsl.evaluation import explain
from contractdsl.format import format_document
from contractdsl.prose.render import render, render_decision
from contractdsl.usage import Usage

TEXT = """\
agreement "Data API Terms" version "1".
effective 2024-01-01.
action use "use".
action read "retrieve content" under use.
data content "content".
purpose research "research".
purpose model_training "training a model".
fact approved_in_writing "the licensor approved it in writing".
standard reasonable_volume "the request volume is reasonable".
standard foundation_model "the model trained is a foundation or frontier model".
clause 1 "Licence": licensee may use content for research or model_training.
clause 2 "Volume": licensee must not read content unless reasonable_volume.
clause 3 "Training":
  licensee must not use content for model_training
    when foundation_model and not approved_in_writing.
"""


@pytest.fixture(scope="module")
def terms():
    agreement = contractdsl.parse(TEXT, "terms.agreement")
    assert contractdsl.check(agreement) == []
    return agreement


def decide(agreement, **usage):
    return contractdsl.permits(agreement, {"purpose": "research", "date": "2024-05-01", **usage})


def test_an_open_standard_that_turns_the_outcome_makes_it_undetermined(terms):
    decision = decide(terms, action="read")
    assert decision.outcome == "undetermined"
    (reason,) = decision.reasons
    assert (reason.clause, reason.effect, reason.line) == ("2", "undetermined", 12)
    assert reason.text == (
        "leaves to judgement whether “the request volume is reasonable” (`reasonable_volume`), "
        "and the usage states no finding on it: the usage is permitted if it is found so and "
        "denied if not")
    assert decision.missing == ("a finding on `reasonable_volume`, true or false (clause 2)",)
    assert decision.obligations == ()


def test_a_finding_decides_it(terms):
    assert decide(terms, action="read", findings={"reasonable_volume": True}).outcome == \
        "permitted"
    denied = decide(terms, action="read", findings={"reasonable_volume": False})
    assert denied.outcome == "denied"
    assert [(r.clause, r.effect) for r in denied.reasons] == [("1", "permits"),
                                                              ("2", "prohibits")]
    assert "the usage finds that it is not so that “the request volume is reasonable”" in \
        denied.reasons[1].text


def test_a_standard_no_rule_about_the_action_reads_is_not_asked(terms):
    # clause 2 is about reading; a use that is not a read never asks it
    assert decide(terms, action="use").outcome == "permitted"


def test_an_open_standard_that_changes_nothing_is_said_as_open(terms):
    decision = decide(terms, action="use", purpose="model_training",
                      facts=["approved_in_writing"])
    assert decision.outcome == "permitted"
    assert decision.missing == ()
    denied = decide(terms, action="read", purpose="model_training",
                    findings={"reasonable_volume": False})
    assert denied.outcome == "denied"  # clause 2 denies whatever the model is
    assert [r.clause for r in denied.reasons] == ["1", "2"]


def test_two_open_standards_each_named_with_its_clause(terms):
    decision = decide(terms, action="read", purpose="model_training")
    assert decision.outcome == "undetermined"
    assert [r.clause for r in decision.reasons] == ["2", "3"]
    # a finding that volume is not reasonable denies it whatever the model is, and a finding
    # that the model is a foundation model denies it whatever the volume is; the other answer
    # to each leaves the outcome to the other standard
    assert decision.reasons[0].text.endswith(
        "the usage is denied if it is not found so; otherwise, the outcome turns on the other "
        "questions the usage leaves open")
    assert decision.reasons[1].text.endswith(
        "the usage is denied if it is found so; otherwise, the outcome turns on the other "
        "questions the usage leaves open")
    assert [str(m) for m in decision.missing] == [
        "a finding on `reasonable_volume`, true or false (clause 2)",
        "a finding on `foundation_model`, true or false (clause 3)"]


TWO_QUESTIONS = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
action read "read" under use.
data content "content".
purpose training "training".
standard foundation "a foundation model".
measure mau "monthly active users" of licensee.
app tool "Tool" approved for training.
clause 1: licensee may use content for training.
clause 3: licensee must not use content for training when foundation.
clause 5: licensee must not use content for training when licensee's mau is at least 1,000.
"""


def test_an_answer_that_leaves_other_questions_open_is_not_said_to_decide():
    """With two independent questions open, each reason says only what an answer decides
    whatever the other is: "not found so" (or fewer than 1,000 users) still leaves the usage
    undetermined, so it is never said to permit it."""
    agreement = contractdsl.parse(TWO_QUESTIONS)
    usage = {"app": "tool", "action": "read", "purpose": "training", "date": "2024-06-01"}
    decision = contractdsl.permits(agreement, usage)
    assert decision.outcome == "undetermined"
    texts = {r.clause: r.text for r in decision.reasons}
    assert texts["3"].endswith(
        "the usage is denied if it is found so; otherwise, the outcome turns on the other "
        "questions the usage leaves open")
    assert texts["5"].endswith(
        "the usage is denied if it is at least 1,000; otherwise, the outcome turns on the other "
        "questions the usage leaves open")
    assert all("permitted" not in text for text in texts.values())
    # the words are true: the answers they leave to the other question do leave it undetermined
    assert contractdsl.permits(agreement, {**usage, "findings": {"foundation": False}}
                               ).outcome == "undetermined"
    assert contractdsl.permits(agreement, {**usage, "licensee": {"mau": 10}}
                               ).outcome == "undetermined"
    # and are said in Dutch and French, with no English left
    nl, fr = (render_decision(decision, locale=locale) for locale in ("nl", "fr"))
    assert "het gebruik is geweigerd als dat zo bevonden wordt; anders hangt de uitkomst af " \
        "van de andere vragen die het gebruik openlaat" in nl
    assert "l’usage est refusé si c’est constaté\u00a0; sinon, la décision dépend des autres " \
        "questions que l’usage laisse ouvertes" in fr
    assert "otherwise" not in nl + fr


def test_with_one_question_left_open_each_answer_is_said_to_decide():
    agreement = contractdsl.parse(TWO_QUESTIONS)
    usage = {"app": "tool", "action": "read", "purpose": "training", "date": "2024-06-01"}
    unstated = contractdsl.permits(agreement, {**usage, "findings": {"foundation": False}})
    (reason,) = unstated.reasons
    assert reason.text.endswith(
        "the usage is permitted if it is less than 1,000 and denied if it is at least 1,000")
    few = contractdsl.permits(agreement, {**usage, "licensee": {"mau": 10}})
    (reason,) = few.reasons
    assert reason.text.endswith("the usage is denied if it is found so and permitted if not")


MANY = ('agreement "Many" version "1".\neffective 2024-01-01.\naction use "use".\n'
        'action read "read" under use.\ndata content "content".\nunit posts "posts".\n'
        + "".join(f'standard s{i} "question s{i} is answered yes".\n' for i in range(13))
        + "clause 1: licensee may use content.\n"
        + "".join(f"clause P-{i}: licensee must not use content unless s{i}.\n"
                  for i in range(13)))


def outcome_of(agreement, usage) -> str:
    """The outcome of a usage, the same one by one and in a batch."""
    found = contractdsl.permits(agreement, usage).outcome
    assert [d.outcome for d in contractdsl.permits_many(agreement, [usage])] == [found]
    return found


def test_more_than_12_standards_that_each_move_the_outcome_one_way_are_tried_at_their_ends():
    """Past 4,096 combinations of answers (docs/limits.md), where each question moves the
    outcome one way only, the best and the worst answers decide it: each other lies between
    them (section 9). The reasons say how each turns it, and `missing` asks for each."""
    agreement = contractdsl.parse(MANY, "many.agreement")
    assert contractdsl.check(agreement) == []
    thirteen = contractdsl.permits(agreement, {"date": "2024-05-01"})
    assert outcome_of(agreement, {"date": "2024-05-01"}) == "undetermined"
    assert {(r.clause, r.text) for r in thirteen.reasons} == {
        (f"P-{i}", f"leaves to judgement whether “question s{i} is answered yes” (`s{i}`), and "
                   "the usage states no finding on it: the usage is denied if it is not found "
                   "so; otherwise, the outcome turns on the other questions the usage leaves "
                   "open") for i in range(13)}
    assert "that can be tried" not in thirteen.explain()
    assert thirteen.missing == tuple(f"a finding on `s{i}`, true or false (clause P-{i})"
                                     for i in range(13))
    # a limit exceeded denies it whatever the answers; a permission licenses it whatever
    # they are where no clause forbids it
    over = contractdsl.parse(MANY + "clause L: licensee must not read more than 100 posts per "
                             "day.\n", "many.agreement")
    read = {"action": "read", "date": "2024-05-01",
            "volume": [{"amount": 150, "unit": "posts", "per": "day"}]}
    assert outcome_of(over, read) == "denied"
    assert {r.clause for r in contractdsl.permits(over, read).reasons
            if r.effect == "exceeds"} == {"L"}
    # and so over a period that a clause coming into force cuts
    later = contractdsl.parse(MANY + "clause L from 2024-05-15: licensee must not read more "
                              "than 100 posts per day.\n", "many.agreement")
    volume = read["volume"]
    assert outcome_of(later, {"action": "read", "volume": volume, "period": {
        "from": "2024-05-01", "until": "2024-05-31"}}) == "denied"
    licensed = contractdsl.parse(MANY.replace("must not use content unless", "may use content "
                                              "when"), "many.agreement")
    assert outcome_of(licensed, {"date": "2024-05-01"}) == "permitted"
    # one finding fewer to make: the 4,096 answers are tried, and each standard is named
    twelve = contractdsl.permits(agreement, {"date": "2024-05-01", "findings": {"s0": True}})
    assert twelve.outcome == "undetermined"
    assert "that can be tried" not in twelve.explain()
    assert [r.clause for r in twelve.reasons if r.effect == "undetermined"] == [
        f"P-{i}" for i in range(1, 13)]
    every = {f"s{i}": True for i in range(13)}
    assert outcome_of(agreement, {"date": "2024-05-01", "findings": every}) == "permitted"
    assert outcome_of(agreement, {"date": "2024-05-01", "findings": {**every, "s12": False}}) \
        == "denied"


def test_more_than_12_standards_two_moving_it_either_way_are_tried_with_the_others_at_their_ends():
    """Past 4,096 combinations, where two questions may move the outcome either way, each
    combination of answers to those two is tried with the others at their best and worst
    answers (section 9): clause Q forbids the use where s0 and s1 are both met, and P-0 and
    P-1 where either is not, so the usage is denied whatever the answers. (It was undetermined
    by the cap, untried.)"""
    agreement = contractdsl.parse(MANY + "clause Q: licensee must not use content when s0 and "
                                  "s1.\n", "many.agreement")
    assert contractdsl.check(agreement) == []
    thirteen = contractdsl.permits(agreement, {"date": "2024-05-01"})
    assert outcome_of(agreement, {"date": "2024-05-01"}) == "denied"
    assert "that can be tried" not in thirteen.explain()
    assert {r.clause for r in thirteen.reasons if r.effect == "prohibits"} == {
        f"P-{i}" for i in range(13)}
    assert all(r.text.endswith("the outcome is the same either way") for r in thirteen.reasons
               if r.effect == "prohibits")
    # where one moving it either way leaves it open: s0 met and s1 not, Q denies it, and
    # every standard met permits it
    open_ = contractdsl.parse(MANY + "clause Q: licensee must not use content when s0 and not "
                              "s1.\n", "many.agreement")
    assert outcome_of(open_, {"date": "2024-05-01"}) == "undetermined"
    assert "that can be tried" not in contractdsl.permits(open_, {"date": "2024-05-01"}).explain()
    every = {f"s{i}": True for i in range(13)}
    assert outcome_of(open_, {"date": "2024-05-01", "findings": every}) == "permitted"
    assert outcome_of(open_, {"date": "2024-05-01", "findings": {**every, "s1": False}}) == \
        "denied"


def test_more_than_12_standards_many_moving_it_either_way_are_not_tried():
    """Past 4,096 combinations, where so many questions may move the outcome either way that
    their combinations, each with the others at their best and worst answers, are more than
    can be tried, the usage is undetermined without trying them, the reasons say why, and
    `missing` still asks for a finding on each."""
    both = " and ".join(f"s{i}" for i in range(12))
    agreement = contractdsl.parse(MANY + f"clause Q: licensee must not use content when {both}"
                                  ".\n", "many.agreement")
    assert contractdsl.check(agreement) == []
    thirteen = contractdsl.permits(agreement, {"date": "2024-05-01"})
    assert outcome_of(agreement, {"date": "2024-05-01"}) == "undetermined"
    assert {(r.clause, r.text) for r in thirteen.reasons} == {
        (clause, "the usage leaves questions open whose answers make 8,192 combinations, more "
                 "than the 4,096 that can be tried") for clause in ["Q", *(
                     f"P-{i}" for i in range(13))]}
    assert thirteen.missing == (
        *(f"a finding on `s{i}`, true or false (clauses P-{i} and Q)" for i in range(12)),
        "a finding on `s12`, true or false (clause P-12)")


@pytest.mark.parametrize("locale, words", [
    ("en", "Standards left to judgement"), ("nl", "Normen ter beoordeling"),
    ("fr", "Normes laissées à l’appréciation")])
def test_the_rendered_agreement_lists_its_standards(terms, locale, words):
    assert f"## {words}" in render(terms, locale=locale)


def test_a_condition_on_a_standard_reads_as_its_words(terms):
    assert "must not retrieve content, unless the request volume is reasonable." in \
        render(terms)


def test_an_undetermined_decision_in_three_languages(terms):
    decision = decide(terms, action="read")
    assert "permis si c’est constaté et refusé sinon" in render_decision(decision, "fr")
    assert "toegestaan als dat zo bevonden wordt en geweigerd als niet" in \
        render_decision(decision, "nl")


def test_the_formatter_keeps_a_standard(terms):
    text = format_document(terms.documents[0])
    assert 'standard reasonable_volume "the request volume is reasonable".' in text
    assert format_document(contractdsl.parse(text).documents[0]) == text


@pytest.mark.parametrize("findings, message", [
    ({"reasonable_volum": True},
     "unknown standard `reasonable_volum`\nhelp: did you mean `reasonable_volume`?"),
    ({"reasonable_volume": "yes please"},
     "the finding on `reasonable_volume` must be true or false\nhelp: write `true` if the "
     "standard is met, `false` if not"),
    (["reasonable_volume"], "`findings` must be a mapping from standard to true or false\n"
     "help: e.g. `findings: {reasonable_volume: true}`"),
])
def test_a_bad_finding_is_a_located_error(terms, findings, message):
    with pytest.raises(UsageError) as caught:
        decide(terms, action="read", findings=findings)
    (diagnostic,) = caught.value.diagnostics
    assert f"{diagnostic.message}\nhelp: {diagnostic.help}" == message


def test_a_finding_in_a_usage_file_is_located(tmp_path, terms):
    path = tmp_path / "usage.yaml"
    path.write_text("purpose: research\ndate: 2024-05-01\nfindings:\n  reasonable: true\n")
    with pytest.raises(UsageError) as caught:
        contractdsl.permits(terms, path)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (4, 3)


def test_the_checker_refuses_a_standard_named_as_a_fact():
    agreement = contractdsl.parse(TEXT + 'fact reasonable_volume "the volume was measured".\n',
                                  "terms.agreement")
    (problem,) = contractdsl.check(agreement)
    assert problem.message == ("`reasonable_volume` is both a fact and a standard, so a "
                               "condition that names it is ambiguous")
    assert problem.line == 9


def test_a_condition_on_an_unknown_name_suggests_standards_too():
    agreement = contractdsl.parse(TEXT.replace("unless reasonable_volume",
                                               "unless reasonable_volum"), "terms.agreement")
    (problem,) = contractdsl.check(agreement)
    assert problem.message == "unknown fact or standard `reasonable_volum`"
    assert problem.help == "did you mean `reasonable_volume`?"


def test_the_linter_reads_standards_as_open_questions(terms):
    # a clause whose condition is a standard can apply (when it is found met), and a standard
    # named only in conditions is used
    assert contractdsl.lint(terms) == []
    only_standard = contractdsl.parse(TEXT.replace(
        "when foundation_model and not approved_in_writing", "when foundation_model"),
        "terms.agreement")
    assert [f.code for f in contractdsl.lint(only_standard)] == ["CD107"]  # the unused fact


FIRST_TEXT = """\
agreement "Terms" version "1".
effective 2024-01-01.
action use "use".
data d "data".
fact notified "the licensor was notified".
clause 1: licensee may use d.
"""

SECOND_TEXT = """\
agreement "Terms" version "2".
effective 2024-06-01.
action use "use".
data d "data".
standard reasonable "the use is reasonable".
fact notified "the licensor was notified".
fact approved "the licensor approved the use".
duty report "report the use" shown by reported.
fact reported "the use was reported".
clause 1: licensee may use d when reasonable or approved.
clause 2: licensee must report within 10 days after approved.
"""


@pytest.fixture(scope="module")
def two_texts():
    return contractdsl.Agreement(documents=(
        contractdsl.parse(FIRST_TEXT, "v1.agreement").documents[0],
        contractdsl.parse(SECOND_TEXT, "v2.agreement").documents[0]))


ACROSS = {"action": "use", "period": {"from": "2024-05-01", "until": "2024-06-30"}}


def test_a_question_one_text_asks_is_open_over_a_period_across_both(two_texts):
    decision = contractdsl.permits(two_texts, ACROSS)
    assert decision.outcome == "undetermined"
    assert decision.missing == ("a finding on `reasonable`, true or false (clause 1)",)


def test_what_only_the_later_text_defines_is_no_concern_of_the_earlier(two_texts):
    # a finding, a fact and a refusal the first text does not define: it reads the usage
    # without them; the second judges them
    assert contractdsl.permits(two_texts, {**ACROSS, "findings": {"reasonable": True}}) \
        .outcome == "permitted"
    assert contractdsl.permits(two_texts, {**ACROSS, "findings": {"reasonable": False}}) \
        .outcome == "denied"
    approved = contractdsl.permits(two_texts, {**ACROSS, "facts": {"approved": "2024-06-02"},
                                               "refuses": ["report"]})
    assert approved.outcome == "denied"
    # (the period is cut where `approved` comes about; the refusal is said in each part the
    # duty binds)
    assert {r.clause for r in approved.reasons if r.effect == "breached"} == {"2"}


def test_a_name_no_text_defines_is_still_refused(two_texts):
    with pytest.raises(UsageError, match="unknown standard `reasonabl`"):
        contractdsl.permits(two_texts, {**ACROSS, "findings": {"reasonabl": True}})
    # on a day of the first text alone, the second's standard asks nothing: the first text
    # permits, whatever the finding
    assert contractdsl.permits(two_texts, {"action": "use", "date": "2024-05-01",
                                           "findings": {"reasonable": False}}).outcome == \
        "permitted"


@pytest.mark.parametrize("partners", [
    "",
    # a question that may move the outcome either way (a permission that brings a duty): every
    # combination of answers is tried, not only the best and the worst
    """attribute partner "a partner" of licensee. duty notify "notify".
clause Q: licensee may use content when licensee is partner
  provided licensee must notify before use.
"""])
def test_a_time_left_to_judgement_stays_open_when_the_usage_is_decided_again(partners):
    """The compiled agreement keeps the terms each answer to an open question gives a usage;
    deciding it again must still try the standard both ways where it decides whether a duty
    was done in time (the usage's own facts and dates are judged under each answer)."""
    agreement = contractdsl.parse("""
agreement "A" version "1". effective 2024-01-01.
action use "use". data content "content". purpose p "p".
fact incident "an incident". fact reported "the incident was reported".
duty report "report the incident" shown by reported.
standard reported_promptly "the report came without undue delay".
clause P: licensee may use content.
clause R: licensee must report within reported_promptly after incident.
""" + partners)
    assert contractdsl.check(agreement) == []
    usage = {"purpose": "p", "date": "2024-06-01",
             "facts": {"incident": "2024-05-01", "reported": "2024-05-20"}}
    program = contractdsl.compile(agreement)
    for _ in range(3):
        decision = contractdsl.permits(program, usage)
        assert decision.outcome == "undetermined"
        assert [r.clause for r in decision.reasons] == ["R"]
    for met, outcome in ((True, "permitted"), (False, "denied")):
        assert contractdsl.permits(program, {**usage, "findings": {"reported_promptly": met}}) \
            .outcome == outcome


EXCEPTED = """\
agreement "A" version "1". effective 2024-01-01.
action use "use". action share "share" under use. data content "content".
purpose research "research". purpose ads "advertising".
recipient public "the public". recipient partners "partners".
standard fair_use "the use is fair".
standard vetted "the partner was vetted".
clause P: licensee may use content.
clause R: licensee may use content for research.
clause B "Unfair use":
  licensee must not use content when not fair_use except as permitted by R.
clause S "Unvetted partners": licensee must not share content with partners unless vetted.
"""


@pytest.mark.parametrize(("usage", "outcome"), [
    # the worst answer (not fair) bars the use, but clause R, which applies, lifts the bar
    ({"purpose": "research"}, "permitted"),
    ({"purpose": "ads"}, "undetermined"),
    ({"purpose": "ads", "findings": {"fair_use": False}}, "denied"),
    # a bar the usage's own finding decides, on one of its recipients
    ({"action": "share", "purpose": "research", "recipients": ["public", "partners"],
      "findings": {"vetted": False}}, "denied"),
    ({"action": "share", "purpose": "research", "recipients": ["public", "partners"]},
     "undetermined"),
    ({"action": "share", "purpose": "ads", "recipients": ["partners", "public"],
      "findings": {"vetted": True, "fair_use": True}}, "permitted"),
])
def test_a_prohibition_under_an_open_question_denies_only_where_nothing_lifts_it(usage,
                                                                                outcome):
    """A usage that leaves a standard open is decided under its best and its worst answer; a
    prohibition holding under an answer denies it so only where no exception lifts it. Alone,
    in a batch and explained, the outcome is the same."""
    agreement = contractdsl.parse(EXCEPTED, "a.agreement")
    assert contractdsl.check(agreement) == []
    usage = Usage.from_dict({"date": "2024-06-01", **usage})
    assert contractdsl.permits(contractdsl.compile(agreement), usage).outcome == outcome
    assert contractdsl.permits_many(contractdsl.compile(agreement), [usage]).outcomes == \
        (outcome,)
    assert explain(contractdsl.compile(agreement), usage).outcome == outcome


DUTIES = """\
agreement "A" version "1". effective 2024-01-01.
action use "use". action read "read" under use. data content "content". purpose p "p".
fact request "a request". fact deleted "the content was deleted".
fact shown "the policy was shown". fact incident "an incident". fact reported "reported".
duty delete "delete the content" shown by deleted.
duty show "show the policy" shown by shown.
duty report "report the incident" shown by reported.
duty review "review the content".
standard fair "the use is fair".
standard prompt "the report came without undue delay".
clause P: licensee may use content.
clause F: licensee must not read content unless fair.
clause D: licensee must delete within 2 days after request.
clause S: licensee must show before read.
clause R: licensee must report within prompt after incident.
clause V: licensee must review within 1 day after request.
clause T survives: licensee must delete upon termination.
"""


@pytest.mark.parametrize("usage", [
    {},
    {"facts": {"request": "2024-06-01"}},
    {"facts": {"request": "2024-06-01", "deleted": "2024-06-02"}},
    {"facts": {"request": "2024-06-01", "deleted": "2024-06-05"}},
    {"facts": {"request": "2024-06-09"}},
    {"facts": {"shown": "2024-05-01"}},
    {"facts": {"incident": "2024-06-01", "reported": "2024-06-03"}},
    {"facts": {"incident": "2024-06-01"}},
    {"refuses": ["review"]},
    {"refuses": ["review"], "facts": {"request": "2024-06-01"}},
    {"refuses": ["delete"]},
    {"terminated": "2024-06-05"},
])
def test_duties_under_an_open_question_are_judged_alike_whatever_was_decided_before(usage):
    """A usage that leaves a standard open, with duties due after a fact, before an action,
    upon termination, in a time left to judgement, or refused: decided on other days by one
    compiled agreement, after the same terms were decided on another day, each outcome is the
    one explained and the one an agreement compiled afresh decides."""
    agreement = contractdsl.parse(DUTIES, "duties.agreement")
    assert contractdsl.check(agreement) == []
    program = contractdsl.compile(agreement)
    for action in ("read", "use"):
        for date in ("2024-06-10", "2024-06-02", "2024-06-01", "2024-06-30"):
            decided = Usage.from_dict({"action": action, "purpose": "p", "date": date,
                                       **usage})
            outcome = contractdsl.permits(program, decided).outcome
            assert outcome == explain(contractdsl.compile(
                contractdsl.parse(DUTIES, "duties.agreement")), decided).outcome
            assert outcome == contractdsl.permits(contractdsl.compile(
                contractdsl.parse(DUTIES, "duties.agreement")), decided).outcome


ASKED_ELSEWHERE = """\
agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
purpose training "training".
purpose research "research".
standard reasonable "a reasonable volume".
measure mau "monthly active users" of licensee.
measure age "age in years" of user.
app tool "Tool" approved for training, research.
clause 1: licensee must not use content for research when reasonable.
clause 2: licensee may use content for training when reasonable.
clause 3: licensee must not use content for research when licensee's mau is at least 5.
clause 4: licensee must not use content for training when licensee's mau is at least 1,000.
clause 5: licensee must not use content for research when user's age is less than 13.
clause 6: licensee must not use content for training when user's age is less than 16.
"""


def test_an_open_question_names_only_the_clauses_whose_answer_it_turns():
    # clauses 1, 3 and 5 ask the same questions about research: a usage for training is
    # none of their concern, so neither its reasons nor what to state name them
    terms = contractdsl.parse(ASKED_ELSEWHERE, "terms.agreement")
    assert contractdsl.check(terms) == []
    decision = contractdsl.permits(terms, {"app": "tool", "purpose": "training",
                                           "date": "2024-06-01", "users": [{"age": 30}, {}]})
    assert decision.outcome == "undetermined"
    assert [reason.clause for reason in decision.reasons] == ["2", "4", "6"]
    assert decision.missing == (
        "a finding on `reasonable`, true or false (clause 2)",
        "the licensee’s `mau`, under `licensee:` (clause 4)",
        "the users’ `age`, under `users:` (clause 6)")
    assert decision.reasons[1].text == (
        "asks of the licensee “monthly active users” (`mau`), which neither the usage nor the "
        "agreement states: the usage is denied if it is at least 1,000; otherwise, the outcome "
        "turns on the other questions the usage leaves open")
