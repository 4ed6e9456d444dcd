"""Files read together are one agreement: its versions (one title), the documents they
incorporate, and the schedules for it. A file of another agreement would be read by no
decision, so it is refused, where it is written, by `load`, the checker (and so `check`,
`permits` and the language server) alike."""

import pytest

import contractdsl
from contractdsl.cli import main
from contractdsl.errors import AgreementError

TERMS = '''agreement "Terms" version "1".
effective 2024-01-01.
action use "use".
app tool "Tool".
clause 1: licensee may use.
'''
MONEY = '''agreement "Money" version "1".
effective 2024-01-01.
action use "use".
clause 1: licensee must not use.
'''
USAGE = "app: tool\naction: use\ndate: 2024-06-01\n"
OTHER = (
    "this file holds `Money`, another agreement than `Terms` (`t.agreement`), which does not "
    "incorporate it")
OTHER_HELP = ("read each agreement's files apart; a version of `Terms` keeps its title, and a "
              'document it includes is named in a clause of it: `incorporates "Money".`')


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in (("t.agreement", TERMS), ("m.agreement", MONEY), ("u.yaml", USAGE)):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_permits_refuses_a_file_of_another_agreement(files, capsys):
    # it judged by one text alone: `unknown app tool ... the agreement defines no app`
    assert main(["permits", "t.agreement", "m.agreement", "--usage", "u.yaml"]) == 2
    err = capsys.readouterr().err
    assert f"m.agreement:1:1: error: {OTHER}\n" in err
    assert f"help: {OTHER_HELP}\n" in err
    assert "unknown app" not in err and "Traceback" not in err


def test_check_and_load_refuse_it_alike(files, capsys):
    assert main(["check", "t.agreement", "m.agreement"]) == 1
    assert f"m.agreement:1:1: error: {OTHER}\n" in capsys.readouterr().out
    with pytest.raises(AgreementError) as raised:
        contractdsl.load("t.agreement", "m.agreement")
    (found,) = raised.value.diagnostics
    assert (found.file, found.line, found.code, found.message, found.help) == (
        "m.agreement", 1, "mixed-agreements", OTHER, OTHER_HELP)


def test_an_agreement_built_of_both_is_refused_by_permits():
    both = contractdsl.Agreement(documents=(
        contractdsl.parse(TERMS, "t.agreement").documents[0],
        contractdsl.parse(MONEY, "m.agreement").documents[0]))
    with pytest.raises(AgreementError) as raised:
        contractdsl.permits(both, {"app": "tool", "action": "use", "date": "2024-06-01"})
    assert [d.message for d in raised.value.diagnostics] == [OTHER]


def test_the_language_server_says_so_in_the_file():
    pytest.importorskip("pygls", reason="the language server needs the `lsp` extra")
    from contractdsl.serve.analysis import SetAnalysis

    analysis = SetAnalysis({"t.agreement": TERMS, "m.agreement": MONEY}, remember=False)
    assert [(d.severity, d.message) for d in analysis.diagnostics["m.agreement"]] == [
        ("error", OTHER)]
    assert analysis.diagnostics["t.agreement"] == []


@pytest.mark.parametrize("schedule, message, help", [
    ('schedule "Apps" for "Money".\napp tool "Tool".\n',
     "this file is a schedule for `Money`, but the agreement read with it is `Terms` "
     "(`t.agreement`)",
     'read it with the text of `Money`, apart from `Terms`; if its apps are `Terms`\'s, write '
     '`for "Terms"` in its `schedule` line'),
    ('schedule "Apps" for "Data Terms".\napp tool "Tool".\n',
     "this file is a schedule for `Data Terms`, a document that `Terms` (`t.agreement`) "
     "incorporates, but apps are registered under the agreement itself",
     'write `for "Terms"` in its `schedule` line'),
])
def test_a_schedule_for_another_title_is_refused(tmp_path, schedule, message, help):
    """Its apps were no usage's: a usage of them was refused as of an unknown app."""
    data = 'agreement "Data Terms" version "1".\neffective 2024-01-01.\naction use "use".\n'
    terms = TERMS.replace("app tool", 'clause 2: incorporates "Data Terms".\napp other')
    for name, text in (("t.agreement", terms), ("d.agreement", data), ("s.agreement", schedule)):
        (tmp_path / name).write_text(text)
    with pytest.raises(AgreementError) as raised:
        contractdsl.load(tmp_path / "t.agreement", tmp_path / "d.agreement",
                         tmp_path / "s.agreement")
    (found,) = raised.value.diagnostics
    assert (found.file, found.line, found.message, found.help) == (
        str(tmp_path / "s.agreement"), 1,
        message.replace("`t.agreement`", f"`{tmp_path / 't.agreement'}`"), help)


def test_versions_incorporated_documents_and_schedules_still_load(tmp_path):
    later = TERMS.replace('version "1"', 'version "2"').replace("2024-01-01", "2025-01-01") \
        .replace('app tool "Tool".\n', "")
    data = 'agreement "Data Terms" version "1".\neffective 2024-01-01.\naction use "use".\n'
    terms = TERMS.replace("app tool", 'clause 2: incorporates "Data Terms".\napp other')
    schedule = 'schedule "Apps" for "Terms".\napp tool "Tool".\n'
    for name, text in (("t1.agreement", terms), ("t2.agreement", later),
                       ("d.agreement", data), ("s.agreement", schedule)):
        (tmp_path / name).write_text(text)
    agreement = contractdsl.load(*(tmp_path / n for n in (
        "s.agreement", "d.agreement", "t2.agreement", "t1.agreement")))
    assert [d for d in contractdsl.check(agreement) if d.severity == "error"] == []
    assert contractdsl.permits(agreement, {"app": "tool", "action": "use",
                                           "date": "2024-06-01"}).outcome == "permitted"
    # a schedule alone is checked without its agreement, as before
    (alone,) = contractdsl.check(contractdsl.load(tmp_path / "s.agreement"))
    assert (alone.severity, alone.code) == ("warning", "unchecked-schedule")
