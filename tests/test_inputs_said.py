"""Inputs a user gave in a form the tool misread or answered in the wrong words: a folder in
place of a usage file, an agreement given as a manifest, a usage of the wrong type, an exact
fraction as an amount, lint codes as a mapping, and instants written as RFC 3339 allows (`t`,
`z`) or finer than the microsecond they are read to."""

from fractions import Fraction

import pytest

import contractdsl
from contractdsl.cli import main
from contractdsl.errors import UsageError

TERMS = '''agreement "Terms" version "1".
effective 2024-01-01.
action use "use".
unit req "requests".
fact asked "a deletion request".
fact deleted "the content deleted".
duty delete "delete the content" shown by deleted.
app tool "Tool".
clause 1: licensee may use.
clause 2: licensee must not use more than 1 req per day.
clause 3: licensee must delete within 2 hours after asked.
'''
USAGE = "app: tool\naction: use\ndate: 2024-06-01\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.agreement").write_text(TERMS)
    (tmp_path / "usages").mkdir()
    return tmp_path


def decide(**fields):
    return contractdsl.permits(contractdsl.parse(TERMS),
                               {"app": "tool", "action": "use", "date": "2024-06-01", **fields})


# ---- a folder given as a usage file, an agreement as a manifest ----------------------------

@pytest.mark.parametrize("args", [["permits", "t.agreement", "--usage", "usages"],
                                  ["test", "-a", "t.agreement", "usages/"]])
def test_a_folder_of_usages_is_answered_with_usage_files(folder, capsys, args):
    # (the help named agreement files: `folder/*.agreement`)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"error: `{args[-1]}` is a folder, not a file\n" in err
    assert "help: give the usage or manifest files in it, e.g. `usages/*.yaml`\n" in err


def test_a_folder_of_agreements_is_answered_with_agreement_files(folder, capsys):
    (folder / "usages" / "u.yaml").write_text(USAGE)
    assert main(["permits", "usages", "--usage", "usages/u.yaml"]) == 2
    assert "help: give the agreement files in it, e.g. `usages/*.agreement`\n" in \
        capsys.readouterr().err


def test_an_agreement_among_the_manifests_is_said_to_go_with_a(folder, capsys):
    # (it was read as a manifest: `t.agreement:1:1: error: no agreement to test this manifest
    # against`)
    (folder / "man.yaml").write_text("- name: one\n" + "".join(
        f"  {line}\n" for line in USAGE.splitlines()) + "  expect: permitted\n")
    assert main(["test", "t.agreement", "man.yaml"]) == 2
    assert capsys.readouterr().err == (
        "error: `t.agreement` is an agreement file, not a manifest\n"
        "help: give the agreement with `-a`: `contractdsl test -a t.agreement man.yaml`\n")
    assert main(["test", "-a", "t.agreement", "man.yaml"]) == 0


# ---- wording of the Python API -------------------------------------------------------------

@pytest.mark.parametrize("usage, said", [(5, "an int"), (None, "`None`"), (1.5, "a float"),
                                         (b"app: tool", "bytes")])
def test_a_usage_of_the_wrong_type_is_said_with_its_article(usage, said):
    with pytest.raises(UsageError) as raised:
        contractdsl.permits(contractdsl.parse(TERMS), usage)
    assert str(raised.value).splitlines()[0] == f"cannot read a usage from {said}"


@pytest.mark.parametrize("amount, outcome", [(Fraction(1, 3), "permitted"),
                                             (Fraction(3, 3), "permitted"),
                                             (Fraction(4, 3), "denied")])
def test_an_exact_fraction_is_an_amount(amount, outcome):
    # (`Fraction(1, 3)` was refused: "the amount `1/3` has too many digits")
    volume = [{"amount": amount, "unit": "req", "per": "day"}]
    assert contractdsl.Usage.from_dict({"app": "tool", "date": "2024-06-01", "volume": volume}) \
        .volume[0].amount == amount
    assert decide(volume=volume).outcome == outcome


def test_a_fraction_finer_than_the_amounts_read_is_refused():
    with pytest.raises(UsageError) as raised:
        decide(volume=[{"amount": Fraction(1, 2 ** 200), "unit": "req", "per": "day"}])
    (found,) = raised.value.diagnostics
    assert found.message.endswith("is a fraction whose denominator exceeds 10^60")
    assert found.help == ("amounts are exact to a denominator of at most 10^60, as a decimal "
                          "has at most 60 decimals")


@pytest.mark.parametrize("codes, wrong", [({"CD101": 1}, "dict"), ({"CD101": "x"}, "dict"),
                                          (["CD101", 5], "int")])
def test_lint_codes_in_a_mapping_are_refused(codes, wrong):
    # (a mapping's keys were read as the codes)
    terms = contractdsl.parse(TERMS)
    for given in ({"select": codes}, {"ignore": codes}):
        with pytest.raises(TypeError) as raised:
            contractdsl.lint(terms, **given)
        assert str(raised.value) == (
            "expected lint rule codes as a list of texts or one text separated by commas, such "
            f"as `CD101,CD105`, not {wrong}")


# ---- instants --------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["2024-06-01t10:00:00z", "2024-06-01T10:00:00z",
                                     "2024-06-01t12:00:00+02:00", "2024-06-01 10:00:00z"])
def test_rfc_3339_lowercase_t_and_z_are_read(written):
    decision = decide(date=written, facts={"asked": written.replace("10:", "09:")
                                           .replace("12:", "11:"), "deleted": written})
    assert decision.outcome == "permitted"
    assert str(decision.usage.start) == "2024-06-01 10:00:00+00:00"


def test_a_usage_file_and_a_period_read_them_too(folder, capsys):
    (folder / "u.yaml").write_text(
        "app: tool\naction: use\nperiod: {from: 2024-06-01t10:00:00z, until: 2024-06-01t11:00z}\n"
        "facts: {asked: 2024-06-01t09:00:00z, deleted: 2024-06-01t10:30:00.5z}\n")
    assert main(["permits", "t.agreement", "--usage", "u.yaml"]) == 0
    assert capsys.readouterr().out.startswith(
        "tool from 2024-06-01T10:00Z to 2024-06-01T11:00Z: permitted\n")


@pytest.mark.parametrize("deleted, outcome", [("2024-06-01T12:00:00Z", "permitted"),
                                              ("2024-06-01T12:00:00.000000000Z", "permitted"),
                                              ("2024-06-01T12:00:00.000001Z", "denied")])
def test_an_instant_is_read_to_the_microsecond(deleted, outcome):
    assert decide(date="2024-06-01T13:00:00Z", facts={
        "asked": "2024-06-01T10:00:00Z", "deleted": deleted}).outcome == outcome


def test_decimals_of_a_second_beyond_the_microsecond_are_refused_where_written(folder, capsys):
    # (they were cut: a deletion 100 nanoseconds after the deadline was read as on time)
    (folder / "u.yaml").write_text(
        "app: tool\naction: use\ndate: 2024-06-01T13:00:00Z\n"
        "facts: {asked: 2024-06-01T10:00:00Z, deleted: 2024-06-01T12:00:00.0000001Z}\n")
    assert main(["permits", "t.agreement", "--usage", "u.yaml"]) == 2
    assert capsys.readouterr().err == (
        "u.yaml:4:47: error: `2024-06-01T12:00:00.0000001Z` has 7 decimals of a second, and "
        "instants are read to the microsecond, 6\n"
        "4 | facts: {asked: 2024-06-01T10:00:00Z, deleted: 2024-06-01T12:00:00.0000001Z}\n"
        + " " * 50 + "^" * 28 + "\n"
        "help: state the microsecond meant, such as `2024-06-01T12:00:00.000000Z`: the other "
        "decimals are not dropped, since that could move the instant across a deadline\n")


@pytest.mark.parametrize("written", ["2024-06-01T10:00.5Z", "2024-06-01T10.5Z"])
def test_decimals_after_minutes_or_hours_are_no_instant(written):
    # (Python reads `10:00.5` and `10.5` as half a second past 10:00)
    with pytest.raises(UsageError) as raised:
        decide(date=written)
    assert raised.value.diagnostics[0].message == f"`{written}` is not a date or a date-time"


def test_a_decision_says_an_instant_to_its_microsecond():
    # (`2024-06-01T10:00:00.25Z` was said as `2024-06-01T10:00:00Z`)
    assert decide(date="2024-06-01T10:00:00.25Z").explain().startswith(
        "tool on 2024-06-01T10:00:00.25Z: permitted")
