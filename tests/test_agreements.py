"""Every agreement shipped under agreements/ parses and checks clean."""

from pathlib import Path

import pytest

import contractdsl
from conftest import AGREEMENTS, TWITTER_FILES

GOOD = sorted(p for p in AGREEMENTS.rglob("*.agreement") if not p.name.endswith("_bad.agreement"))


def test_the_three_twitter_files_are_there():
    assert [p.name for p in TWITTER_FILES] == [
        "developer-agreement-2022.agreement",
        "developer-agreement-2023.agreement",
        "microsoft-apps.agreement",
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
    assert [v.version for v in versions] == ["2022-10-10", "2023-03-29"]
    assert len(twitter.apps) == 8
    approved = {a.name: a.approved for a in twitter.apps if a.approved}
    assert approved == {"xbox_one_social": ("posting_on_behalf_of_users",),
                        "bing_pages": ("search_results_display",)}
