"""The Twitter/Microsoft case: each allegation of the 2023-05-18 letter, decided with its clause."""

import json
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

import contractdsl
from contractdsl.usage import read_usages
from conftest import TWITTER, TWITTER_FILES

USAGES_2022 = TWITTER / "usages" / "microsoft-2022.yaml"
USAGES_2023 = TWITTER / "usages" / "microsoft-2023.yaml"


def decide(twitter, **usage):
    return contractdsl.permits(twitter, usage)


def deciding(decision, effect):
    return [r.clause for r in decision.reasons if r.effect == effect]


# Whether its request volume is reasonable is left to judgement (II.D-volume): found so here.
SEARCH_2022 = dict(app="bing_pages", action="read", purpose="search_results_display",
                   date="2022-06-30", findings={"reasonable_request_volume": True})
UNAPPROVED = ["bing_pages_2", "microsoft_azure", "microsoft_power_platform", "microsoft_ads",
              "microsoft_global_ads", "azure_logic_apps_for_fairfax"]


@pytest.mark.parametrize("app", UNAPPROVED)
def test_apps_without_an_approved_use_case_are_denied_under_the_licence(twitter, app):
    decision = decide(twitter, app=app, action="read", purpose="search_results_display",
                      period={"from": "2022-01-01", "until": "2022-12-31"})
    assert decision.outcome == "denied" and not decision
    assert deciding(decision, "no-permission") == ["I.B.1"]
    assert (f"purpose `search_results_display` is not a use case approved for app `{app}` "
            "(approved: none)") in decision.reasons[0].text


def test_the_two_approved_apps_are_permitted_subject_to_their_duties(twitter):
    xbox = decide(twitter, app="xbox_one_social", action="write",
                  purpose="posting_on_behalf_of_users", date="2022-06-30")
    assert xbox.outcome == "permitted" and bool(xbox)
    assert deciding(xbox, "permits") == ["I.B.1"]
    bing = decide(twitter, **SEARCH_2022)
    assert bing.outcome == "permitted"
    # a read that does not say which endpoint it calls owes the limit of every endpoint
    # it may call (RL-v2-user binds the requests made on behalf of a user alone)
    assert [d.clause for d in bing.obligations] == [
        "RL-v2", "RL-v2-archive", "RL-v2-archive-second", "RL-v2-lookup", "RL-v1.1-timelines"]
    searching = decide(twitter, **SEARCH_2022, endpoint="recent_search")
    assert [d.clause for d in searching.obligations] == ["RL-v2"]
    assert searching.obligations[0].text == (
        "no more than 450 API requests per 15 minutes per app at the endpoint GET "
        "/2/tweets/search/recent, the search of the last seven days")


def test_government_end_user_without_prior_notice_is_denied(twitter):
    decision = decide(twitter, **{**SEARCH_2022, "action": "share"}, recipients=["government"])
    assert decision.outcome == "denied"
    assert deciding(decision, "breached") == ["XII.C.1"]
    assert "does not state `licensor_notified`" in " ".join(r.text for r in decision.reasons)


def test_government_end_user_after_notice_is_permitted_subject_to_the_duty(twitter):
    decision = decide(twitter, **{**SEARCH_2022, "action": "share"}, recipients=["government"],
                      facts=["licensor_notified"])
    assert decision.outcome == "permitted"
    assert ("XII.C.1", "met") in [(d.clause, d.status) for d in decision.obligations]
    # The redistribution ban is lifted by the government-use clause, and says so.
    assert deciding(decision, "excepted") == ["II.A(b2)"]


def test_government_end_users_owe_the_notice_and_grant_nothing_beyond_the_use_case(twitter):
    # XII.C.1 is a duty of every usage that serves a government entity, not a licence: an app
    # with no approved use case stays unlicensed after notice, and breaches the duty without it
    fairfax = dict(app="azure_logic_apps_for_fairfax", action="share", purpose="analysis",
                   recipients=["government"], date="2022-06-30",
                   findings={"reasonable_request_volume": True})
    notified = decide(twitter, **fairfax, facts=["licensor_notified"])
    assert notified.outcome == "denied"
    assert deciding(notified, "no-permission") == ["I.B.1", "XII.C.1-users", "DP-3.5", "DP-3.8",
                                                   "DP-3.8-users"]
    assert deciding(notified, "breached") == []
    silent = decide(twitter, **fairfax)
    assert silent.outcome == "denied" and deciding(silent, "breached") == ["XII.C.1"]
    # serving them by display owes the notice as sharing does
    display = dict(SEARCH_2022, action="display", recipients=["government"],
                   findings={"reasonable_request_volume": True, "reasonable_amount": True})
    unnotified = decide(twitter, **display, facts=["privacy_policy_shown"])
    assert unnotified.outcome == "denied" and deciding(unnotified, "breached") == ["XII.C.1"]
    assert decide(twitter, **display,
                  facts=["privacy_policy_shown", "licensor_notified"]).outcome == "permitted"


def test_government_end_users_identified_with_the_use_case_need_no_further_notice(twitter):
    from contractdsl.model import Agreement
    from contractdsl.syntax import parse_document

    schedule = parse_document('schedule "Portal" for "Twitter Developer Agreement".\n'
                              'app portal "Portal" approved for search_results_display '
                              'serving government.\n')
    agreement = Agreement(documents=twitter.versions + (schedule,))
    decision = contractdsl.permits(agreement, {**SEARCH_2022, "app": "portal", "action": "share",
                                               "recipients": ["government"]})
    assert decision.outcome == "permitted"
    assert "XII.C.1" not in [d.clause for d in decision.obligations]
    assert deciding(decision, "excepted") == ["II.A(b2)"]


def test_intelligence_agency_is_denied_whatever_the_notice(twitter):
    for facts in ([], ["licensor_notified"], ["licensor_notified", "written_approval"]):
        decision = decide(twitter, **{**SEARCH_2022, "action": "share"},
                          recipients=["intelligence_agency"], facts=facts)
        assert decision.outcome == "denied"
        assert "XII.C.2" in deciding(decision, "prohibits")


def test_off_platform_ad_targeting_is_denied_whatever_the_approval(twitter):
    from contractdsl.syntax import parse_document
    from contractdsl.model import Agreement

    decision = decide(twitter, **{**SEARCH_2022, "purpose": "off_platform_ad_targeting"})
    assert decision.outcome == "denied"
    assert "II.A(i)" in deciding(decision, "prohibits")
    # Even for an app approved for exactly that purpose.
    schedule = parse_document('schedule "Ads" for "Twitter Developer Agreement".\n'
                              'app ads "Ads" approved for off_platform_ad_targeting.\n')
    agreement = Agreement(documents=twitter.versions + (schedule,))
    decision = contractdsl.permits(agreement, {**SEARCH_2022, "app": "ads",
                                               "purpose": "off_platform_ad_targeting"})
    assert decision.outcome == "denied"
    assert deciding(decision, "permits") == ["I.B.1"]
    assert deciding(decision, "prohibits") == ["II.A(i)"]


def volume(twitter, tier, start, end, amount):
    return decide(twitter, app="bing_pages", action="read", purpose="search_results_display",
                  tier=tier, period={"from": start, "until": end},
                  volume=[{"amount": amount, "unit": "posts"}],
                  findings={"reasonable_request_volume": True})


def test_26_billion_posts_in_2022_on_elevated_is_denied_by_its_average(twitter):
    decision = volume(twitter, "elevated", "2022-01-01", "2022-12-31", 26_000_000_000)
    assert decision.outcome == "denied"
    assert deciding(decision, "exceeds") == ["tier elevated"]
    assert "averages 2,166,666,666.67 per calendar month over 12" in decision.reasons[-1].text


def test_enterprise_totals(twitter):
    year = ("2023-05-01", "2024-04-30")
    assert volume(twitter, "enterprise", *year, 26_000_000_000).outcome == "denied"
    undetermined = volume(twitter, "enterprise", *year, 400_000_000)
    assert undetermined.outcome == "undetermined"
    assert undetermined.missing == ("the largest number of posts in any calendar month from "
                                    "2023-05-01 to 2024-04-30 (tier enterprise)",)
    may = volume(twitter, "enterprise", "2023-05-01", "2023-05-31", 40_000_000)
    assert may.outcome == "permitted"


def test_each_date_is_judged_by_the_text_in_force(twitter):
    in_2022 = decide(twitter, **SEARCH_2022)
    assert in_2022.reasons[0].part.version == "2022-10-10"
    may_2023 = decide(twitter, **{**SEARCH_2022, "date": "2023-05-10"})
    assert may_2023.outcome == "denied"
    assert deciding(may_2023, "prohibits") == ["TIERS"]
    assert may_2023.reasons[0].part.version == "2023-03-29"
    with_tier = decide(twitter, **{**SEARCH_2022, "date": "2023-05-10"}, tier="basic")
    assert with_tier.outcome == "permitted"


def test_a_period_across_the_change_is_judged_in_parts(twitter):
    decision = decide(twitter, **{k: v for k, v in SEARCH_2022.items() if k != "date"},
                      period={"from": "2023-03-01", "until": "2023-05-31"})
    parts = sorted({(str(r.part.start), str(r.part.end), r.part.version)
                    for r in decision.reasons})
    # March 2023 falls under the text of 2023-01-19, which took over from the 2022-10-10 text;
    # the licence of the 2023-03-29 text is the same on both sides of TIERS's first day, so it
    # is said once over both parts
    assert parts == [("2023-03-01", "2023-03-28", "2023-01-19"),
                     ("2023-03-29", "2023-05-31", "2023-03-29"),
                     ("2023-04-29", "2023-05-31", "2023-03-29")]
    assert [(r.clause, str(r.part)) for r in decision.reasons if r.effect == "permits"] == [
        ("I.B.1", "from 2023-03-01 to 2023-03-28"), ("II.A.1", "from 2023-03-29 to 2023-05-31")]
    assert decision.outcome == "denied"
    denial = [r for r in decision.reasons if r.effect == "prohibits"]
    assert [(r.clause, str(r.part)) for r in denial] == [("TIERS",
                                                          "from 2023-04-29 to 2023-05-31")]


def ids(twitter, amount, **extra):
    usage = dict(app="bing_pages", action="share", data="post_ids",
                 purpose="search_results_display", recipients=["third_party"], date="2022-06-30",
                 volume=[{"amount": amount, "unit": "post_ids", "per": "30 days"}],
                 facts=["recipients_agreed"])
    usage.update(extra)
    return contractdsl.permits(twitter, usage)


def test_post_id_redistribution_limit_and_its_academic_exception(twitter):
    assert ids(twitter, 1_500_000).outcome == "permitted"
    over = ids(twitter, 1_500_001)
    assert over.outcome == "denied" and deciding(over, "exceeds") == ["DP-3.6"]
    academic = ids(twitter, 1_500_001, purpose="academic_research",
                   recipients=["academic_institution"])
    assert academic.outcome == "permitted"
    assert deciding(academic, "excepted") == ["II.A(b2)", "DP-3.6"]
    # Written approval lifts the limit too.
    assert ids(twitter, 1_500_001,
               facts=["written_approval", "recipients_agreed"]).outcome == "permitted"
    # Recipients that have not agreed to the terms may not receive them (DP-3.9).
    unagreed = ids(twitter, 1_000, facts=[])
    assert unagreed.outcome == "denied" and deciding(unagreed, "breached") == ["DP-3.9"]


EXPECTED_2022 = ["permitted", "permitted"] + ["denied"] * 6 + [
    "denied", "permitted", "denied", "denied", "denied", "denied", "permitted", "denied",
    "denied", "denied", "permitted", "denied", "permitted"]
EXPECTED_2023 = ["denied", "denied", "denied", "undetermined", "permitted", "denied"]


def test_the_usage_files_give_the_expected_outcomes(twitter):
    for path, expected in ((USAGES_2022, EXPECTED_2022), (USAGES_2023, EXPECTED_2023)):
        decisions = contractdsl.permits_many(twitter, read_usages(path))
        assert [d.outcome for d in decisions] == expected


def cli(*args):
    return subprocess.run([sys.executable, "-m", "contractdsl", *args], capture_output=True,
                          text=True)


def test_cli_json_and_exit_codes():
    files = [str(p) for p in TWITTER_FILES]
    result = cli("permits", *files, "--usage", str(USAGES_2022), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)["decisions"]
    assert [d["outcome"] for d in data] == EXPECTED_2022
    assert data[2]["reasons"][0]["clause"] == "I.B.1"
    permitted = cli("permits", *files, "--usage", str(TWITTER / "usages" / "bing-pages-2.yaml"))
    assert permitted.returncode == 1 and "denied" in permitted.stdout


def test_cli_exit_3_when_undetermined_and_none_denied(tmp_path):
    usage = tmp_path / "u.yaml"
    usage.write_text("app: bing_pages\naction: read\npurpose: search_results_display\n"
                     "tier: enterprise\nperiod: {from: 2023-05-01, until: 2024-04-30}\n"
                     "volume: [{amount: 400000000, unit: posts}]\n"
                     "findings: {reasonable_request_volume: true}\n")
    result = cli("permits", *map(str, TWITTER_FILES), "--usage", str(usage))
    assert result.returncode == 3, result.stderr
    assert "largest number of posts in any calendar month" in result.stdout
    ok = tmp_path / "ok.yaml"
    ok.write_text("app: bing_pages\naction: read\npurpose: search_results_display\n"
                  "date: 2022-06-30\nfindings: {reasonable_request_volume: true}\n")
    result = cli("permits", *map(str, TWITTER_FILES), "--", str(ok))
    assert result.returncode == 0, result.stderr
    assert "permitted" in result.stdout


def test_cli_junit_counts_failures():
    result = cli("permits", *map(str, TWITTER_FILES), "--usage", str(USAGES_2023),
                 "--format", "junit")
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(EXPECTED_2023) == int(suite.get("tests"))
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(failed) == int(suite.get("failures")) == 5
    assert {c.find("failure").get("type") for c in failed} == {"denied", "undetermined"}


def test_cli_junit_in_french():
    result = cli("permits", *map(str, TWITTER_FILES), "--usage", str(USAGES_2023),
                 "--format", "junit", "--locale", "fr")
    failures = [c.find("failure") for c in ET.fromstring(result.stdout).iter("testcase")
                if c.find("failure") is not None]
    assert failures and all("Refusé" in f.text or "Indéterminé" in f.text for f in failures)
    assert not any("does not permit" in f.text for f in failures)
