"""Every agreement shipped under agreements/ parses and checks clean, and together they show
every construct of the language."""

import itertools
import re
from pathlib import Path

import attrs
import pytest

import contractdsl
from contractdsl import model as m
from conftest import AGREEMENTS, TWITTER_FILES

GOOD = sorted(p for p in AGREEMENTS.rglob("*.agreement") if not p.name.endswith("_bad.agreement"))


def test_the_twitter_files_are_there():
    assert [p.name for p in TWITTER_FILES] == [
        "developer-agreement-2022.agreement",
        "developer-agreement-2023-01.agreement",
        "developer-agreement-2023.agreement",
        "microsoft-apps.agreement",
        "research-apps.agreement",
        "tapbots-apps.agreement",
        "x-developer-agreement-2023.agreement",
        "x-developer-agreement-2024-10.agreement",
        "x-developer-agreement-2024-11.agreement",
        "x-developer-agreement-2025-10.agreement",
        "x-developer-agreement-2025.agreement",
    ]


def test_twitter_checks_clean(twitter):
    assert contractdsl.check(twitter) == []


@pytest.mark.parametrize("path", GOOD, ids=lambda p: str(p.relative_to(AGREEMENTS)))
def test_each_agreement_file_parses(path: Path):
    agreement = contractdsl.parse(path.read_text(encoding="utf-8"), str(path))
    document = agreement.documents[0]
    assert document.title
    assert document.clauses or document.apps or document.terms


def test_versions_are_ordered_and_schedule_apps_are_shared(twitter):
    versions = twitter.versions
    assert [v.version for v in versions] == ["2022-10-10", "2023-01-19", "2023-03-29",
                                             "X 2023-11-14", "X 2024-10-11", "X 2024-11-20",
                                             "X 2025-06-04", "X 2025-10-17"]
    # Microsoft's, Tapbots' and the research group's (a panel study with its staging and
    # development apps and a fourth, unapproved)
    assert len(twitter.apps) == 8 + 1 + 6
    approved = {a.name: a.approved for a in twitter.apps if a.approved}
    assert approved == {"xbox_one_social": ("posting_on_behalf_of_users",),
                        "bing_pages": ("search_results_display",),
                        "tweetbot": ("substitute_service",),
                        "panel_study": ("academic_research", "off_platform_matching"),
                        "panel_study_staging": ("academic_research",),
                        "panel_study_dev": ("academic_research",),
                        "risk_monitor": ("systemic_risk_research",),
                        "model_lab": ("model_training",)}


def test_every_version_of_the_developer_agreement_defines_the_same_names(twitter):
    """A usage over several versions names the same terms in each: every version defines the
    same data, purposes, recipients, facts, standards, duties, attributes and units (the
    licensor's actions alone differ)."""
    def names(document):
        return ({(t.kind, t.name) for t in document.terms if t.kind != "action"}
                | {("unit", u.name) for u in document.units})

    first, *rest = twitter.versions
    assert len(names(first)) > 100
    for version in rest:
        assert names(version) == names(first), version.version


FOLDERS = sorted({p.parent for p in GOOD})


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: str(p.relative_to(AGREEMENTS)))
def test_each_folder_checks_clean_read_together(folder: Path):
    files = sorted(p for p in folder.glob("*.agreement") if not p.name.endswith("_bad.agreement"))
    assert contractdsl.check(contractdsl.load(*files)) == []


def nodes(value):
    """Every model record inside ``value``."""
    if isinstance(value, (tuple, list)):
        for item in value:
            yield from nodes(item)
    elif attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            if field.name not in ("span", "comments", "source"):
                yield from nodes(getattr(value, field.name))


def test_the_shipped_agreements_show_every_construct():
    everything = list(nodes([contractdsl.load(p).documents[0] for p in GOOD]))
    seen = {type(n) for n in everything}
    abstract = {m.Term, m.Condition, m.Deadline, m.Clause, m.Agreement, m.Comment, m.Span}
    records = {c for c in vars(m).values() if isinstance(c, type) and attrs.has(c)
               and c.__module__ == m.__name__}
    assert records - abstract - seen == set()

    def values(cls, field):
        return {getattr(n, field) for n in everything if isinstance(n, cls)}

    assert {"licensor", "licensee"} <= values(m.Clause, "party")
    assert {"app", "licensee", "recipient entity", "user"} <= values(m.Limit, "scope")
    assert {"recent_search", "timelines"} <= values(m.Limit, "endpoint")
    assert {"purpose", "recipient", "action", "data", "app"} <= values(m.TermIs, "subject")
    windows = {(w.count, w.unit, w.calendar) for w in everything if isinstance(w, m.Window)}
    assert {(1, "minute", False), (15, "minute", False), (1, "hour", False), (1, "day", False),
            (24, "hour", False), (30, "day", False), (1, "month", True),
            (1, "year", True)} <= windows
    documents = [n for n in everything if isinstance(n, m.Document)]
    assert {d.kind for d in documents} == {"agreement", "schedule"}
    assert any(d.terminates for d in documents) and any(d.version for d in documents)
    assert any(c.survives for c in everything if isinstance(c, m.Clause))
    assert any(c.valid_from for c in everything if isinstance(c, m.Clause))
    assert any(c.valid_until for c in everything if isinstance(c, m.Clause))
    assert any(c.when for c in everything if isinstance(c, m.Clause))
    assert any(c.unless for c in everything if isinstance(c, m.Clause))
    assert any(c.notwithstanding for c in everything if isinstance(c, m.Permission))
    assert any(c.exceptions for c in everything if isinstance(c, m.Prohibition))
    assert any(c.exceptions for c in everything if isinstance(c, m.Limit))
    assert any(c.provisos for c in everything if isinstance(c, m.Permission))
    assert any(a.approved_purpose for a in everything if isinstance(a, m.Activity))
    assert any(a.approved and a.labels and a.serving for a in everything if isinstance(a, m.App))
    assert any(u.aliases for u in everything if isinstance(u, m.Unit))
    assert any(u.dimension == "money" for u in everything if isinstance(u, m.Unit))
    assert any(t.valid_from and t.valid_until and t.allowances and t.price
               for t in everything if isinstance(t, m.Tier))
    assert any(p.minimum for p in everything if isinstance(p, m.Price))
    assert any(t.parent for t in everything if isinstance(t, m.Term))
    assert any(q.amount >= 1000 for q in everything if isinstance(q, m.Quantity))


def test_the_licensors_discretion_comes_back_with_a_real_agreements_decision():
    meta = contractdsl.load(AGREEMENTS / "meta" / "platform-terms.agreement")
    usage = {"action": "share", "recipients": ["service_provider"], "date": "2023-05-01",
             "facts": ["provider_agreement"]}
    decision = contractdsl.permits(meta, usage)
    assert decision.outcome == "permitted"
    assert [(d.clause, d.kind) for d in decision.licensor] == [
        ("5.a-prohibit", "may"), ("7.a", "may"), ("7.c-audit", "may"),
        ("7.c-frequency", "limit"), ("7.e.iii", "may")]
    # the right to prohibit a provider is about Service Providers; a Necessary Condition lifts
    # the limit of one audit a calendar year
    decision = contractdsl.permits(meta, {"action": "read", "date": "2023-05-01",
                                          "facts": ["necessary_condition"]})
    assert [d.clause for d in decision.licensor] == ["7.a", "7.c-audit", "7.e.iii"]


def test_a_licensors_right_under_a_standard_comes_back_only_with_a_finding_that_meets_it():
    github = contractdsl.load(AGREEMENTS / "github" / "terms-of-service.agreement")
    usage = {"action": "read", "date": "2024-03-01", "facts": ["authenticated"],
             "volume": [{"amount": 4000, "unit": "requests", "per": "hour"}]}
    found = contractdsl.permits(github, {**usage, "findings": {"excessive_requests": True}})
    assert found.outcome == "denied"
    assert [d.clause for d in found.licensor] == ["H.1-suspension", "H.4"]
    cleared = contractdsl.permits(github, {**usage, "findings": {"excessive_requests": False}})
    assert cleared.outcome == "permitted"
    assert [d.clause for d in cleared.licensor] == ["H.4"]


def agreement_sets():
    from contractdsl.project import read

    return read(AGREEMENTS.parent / "pyproject.toml").sets


ASKED = re.compile(r"a finding on `([^`]+)`, true or false \(clauses? (.+)\)$")


@pytest.mark.parametrize("agreement_set", agreement_sets(), ids=lambda s: s.name)
def test_a_question_left_to_judgement_is_named_with_its_clause_until_a_finding_settles_it(
        agreement_set):
    """Each agreement's manifests ask a question its texts leave to judgement: the usage that
    states no finding on it is undetermined (or, where only an amount owed turns on it, that
    amount is), naming the question and the clause; with a finding on each question asked,
    either way, none is asked any more."""
    from contractdsl.usage import read_usages

    agreement = contractdsl.load(*agreement_set.files)
    usages = [u for path in agreement_set.tests for u in read_usages(path)]
    asking = 0
    for usage, decision in zip(usages, contractdsl.permits_many(agreement, usages)):
        asked = [ASKED.match(str(entry)) for entry in decision.missing]
        asked = {found[1]: set(re.split(r", | and ", found[2])) for found in asked if found}
        if not asked:
            continue
        asking += 1
        for question, clauses in asked.items():
            naming = [r for r in decision.reasons if f"(`{question}`)" in r.text] + [
                o for o in decision.obligations
                if o.status == "undetermined" and f"(`{question}`)" in o.text]
            assert naming and all(item.clause in clauses for item in naming), \
                (usage.name, question)
        if decision.outcome != "undetermined":  # only an amount turns on the question
            assert any(o.status == "undetermined" for o in decision.obligations), usage.name
        for answers in itertools.product((True, False), repeat=len(asked)):
            found = attrs.evolve(usage, findings=tuple(usage.findings) + tuple(zip(asked, answers)))
            settled = contractdsl.permits(agreement, found)
            assert not [e for e in settled.missing if ASKED.match(str(e))], (usage.name, answers)
    assert asking >= 1, f"no usage of {agreement_set.name} leaves a question to judgement"
