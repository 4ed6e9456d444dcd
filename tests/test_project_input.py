"""Bad input around the project file and the files the commands name: each is a located error
with a `help:` line and exit status 2, never a traceback, and changes nothing."""

from __future__ import annotations

import os

import pytest

from contractdsl.cli import main

AGREEMENT = '''agreement "T" version "1".
effective 2024-01-01.
action use "use".
data content "content".
purpose research "research".
app tool "Tool".
clause 1: licensee may use content for research.
'''
MANIFEST = "- app: tool\n  purpose: research\n  date: 2024-05-02\n  expect: permitted\n"


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder with an agreement and a manifest, made the current one."""
    (tmp_path / "min.agreement").write_text(AGREEMENT)
    (tmp_path / "t.yaml").write_text(MANIFEST)
    monkeypatch.chdir(tmp_path)
    return tmp_path.resolve()


# ---- a symbolic-link loop ---------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "lint", "render"])
def test_a_link_loop_cannot_be_read(capsys, folder, command):
    os.symlink("loop_b", folder / "loop_a")
    os.symlink("loop_a", folder / "loop_b")
    status, _, err = run(capsys, command, "loop_a")
    assert status == 2
    assert err == ("error: cannot read `loop_a`: too many levels of symbolic links\n"
                   "help: check the file's permissions\n")


def test_a_link_loop_named_by_the_project_file_cannot_be_read(capsys, folder):
    os.symlink("loop_b", folder / "loop_a")
    os.symlink("loop_a", folder / "loop_b")
    (folder / "contractdsl.toml").write_text('[[agreement]]\nversions = ["loop_*"]\n')
    assert run(capsys, "check", "min.agreement")[0] == 0  # of no set
    status, _, err = run(capsys, "check")
    assert status == 2
    assert "error: cannot read `loop_a`: too many levels of symbolic links\n" in err


def test_render_refuses_to_write_through_a_link_loop(capsys, folder):
    os.symlink("o_loop_b", folder / "o_loop_a")
    os.symlink("o_loop_a", folder / "o_loop_b")
    status, out, err = run(capsys, "render", "min.agreement", "-o", "o_loop_a")
    assert status == 2 and out == ""
    assert err == ("error: cannot write `o_loop_a`: too many levels of symbolic links\n"
                   "help: make the link point to a file, or write to another path\n")
    assert os.readlink(folder / "o_loop_a") == "o_loop_b"  # the link is left as it was
    assert sorted(os.listdir(folder)) == ["min.agreement", "o_loop_a", "o_loop_b", "t.yaml"]


# ---- a bad project file -----------------------------------------------------------------------

BAD = {
    "agreement-not-a-list": (
        "contractdsl.toml", 'agreement = 5\n', 1,
        "the setting `agreement` is not a list of agreement sets",
        'write each set as a table: `[[agreement]]`, then its `name` and `versions`'),
    "set-not-a-table": (
        "contractdsl.toml", 'agreement = [5]\n', 1,
        "the setting `agreement` is not a list of agreement sets",
        'write each set as a table: `[[agreement]]`, then its `name` and `versions`'),
    "tool-not-a-table": (
        "pyproject.toml", '[tool]\ncontractdsl = 5\n', 2,
        "`tool.contractdsl` is not a table of settings",
        "write the settings under `[tool.contractdsl]`, e.g. `fail-under = 80`"),
    "name-not-text": (
        "contractdsl.toml", '[[agreement]]\nname = 5\nversions = ["min.agreement"]\n', 2,
        "the name of an agreement set is not text", 'quote it, e.g. `name = "twitter"`'),
    "versions-not-paths": (
        "contractdsl.toml", '[[agreement]]\nname = "x"\nversions = [5]\n', 3,
        "`versions` of the agreement set `x` does not list paths as text",
        'quote each path, e.g. `versions = ["agreements/terms.agreement"]`'),
    "absolute-pattern": (
        "contractdsl.toml", '[[agreement]]\nname = "x"\nversions = ["/etc/*.conf"]\n', 3,
        "the pattern `/etc/*.conf` is not relative to the project file",
        "write it from the project file's folder, e.g. `agreements/*.agreement`"),
    "bad-pattern": (
        "contractdsl.toml", '[[agreement]]\nname = "x"\nversions = ["**a.agreement"]\n', 3,
        "`**a.agreement` is not a valid pattern",
        "`**` stands for any folders only as a whole part of a path, e.g. "
        "`agreements/**/*.agreement`"),
    "nul-in-path": (
        "contractdsl.toml", '[[agreement]]\nname = "x"\nversions = ["a\\u0000b"]\n', 3,
        "the path `a\u2400b` holds a NUL character", "remove it from the path"),
    "fail-under-text": (
        "contractdsl.toml", 'fail-under = "abc"\n', 1,
        "`fail-under` is not a number from 0 to 100",
        "give the share of clauses the tests must reach, e.g. `fail-under = 80`"),
    "fail-under-too-large": (
        "contractdsl.toml", 'format = "text"\nfail-under = 150\n', 2,
        "`fail-under` is not a number from 0 to 100",
        "give the share of clauses the tests must reach, e.g. `fail-under = 80`"),
    "fail-under-nan": (
        "contractdsl.toml", 'fail-under = nan\n', 1,
        "`fail-under` is not a number from 0 to 100",
        "give the share of clauses the tests must reach, e.g. `fail-under = 80`"),
    "format": (
        "contractdsl.toml", 'locale = "en"\nformat = "xml"\n', 2, "unknown format `xml`",
        "choose `text`, `json`, `junit`, `github` or `sarif`"),
    "format-in-pyproject": (
        "pyproject.toml", '[tool.contractdsl]\nformat = "jsno"\n', 2, "unknown format `jsno`",
        "did you mean `json`?"),
    "locale": (
        "contractdsl.toml", 'format = "text"\nlocale = "de"\n', 2, "unknown locale `de`",
        "choose `en`, `nl` or `fr`"),
    # the key of its own table and set, not the first line that starts with its name
    "name-after-the-package-name": (
        "pyproject.toml", '[project]\nname = "pkg"\n\n[[tool.contractdsl.agreement]]\n'
        'name = 5\nversions = ["min.agreement"]\n', 5,
        "the name of an agreement set is not text", 'quote it, e.g. `name = "twitter"`'),
    "key-of-the-second-set": (
        "contractdsl.toml", '[[agreement]]\nname = "a"\nversions = ["min.agreement"]\n'
        '[[agreement]]\nname = "b"\nversion = ["min.agreement"]\n', 6,
        "unknown agreement set setting `version`", "did you mean `versions`?"),
    "set-without-files": (
        "pyproject.toml", '[project]\nname = "pkg"\n[[tool.contractdsl.agreement]]\n'
        'name = "x"\n', 3, "the agreement set `x` names no files",
        'add `versions = ["path/to/agreement.agreement"]`'),
    "option-after-another-tool": (
        "pyproject.toml", '[tool.other]\nlocale = "xx"\n[tool.contractdsl]\nlocale = "de"\n', 4,
        "unknown locale `de`", "choose `en`, `nl` or `fr`"),
}


@pytest.mark.parametrize("case", BAD)
@pytest.mark.parametrize("command", ["check", "lint", "test", "permits"])
def test_a_bad_project_file_is_located(capsys, folder, case, command):
    name, text, line, message, help = BAD[case]
    (folder / name).write_text(text)
    args = {"check": ["min.agreement"], "lint": ["min.agreement"],
            "test": ["t.yaml", "-a", "min.agreement"],
            "permits": ["min.agreement", "-u", "t.yaml"]}[command]
    status, out, err = run(capsys, command, *args)
    assert status == 2 and out == ""
    # one `error:`, after the place
    assert err.startswith(f"{folder / name}:{line}:1: error: {message}\n")
    assert err.count("error:") == 1
    assert err.endswith(f"\nhelp: {help}\n")


@pytest.mark.parametrize("name, text, place, problem, shown", [
    ("contractdsl.toml", 'format = "text"\nlocale = = "en"\n', "2:10", "invalid value",
     '2 | locale = = "en"\n             ^'),
    ("pyproject.toml", '[tool.contractdsl]\nformat = "text"\nfail-under = 80 x\n', "3:17",
     "expected newline or end of document after a statement",
     "3 | fail-under = 80 x\n                    ^"),
    ("contractdsl.toml", 'format = "text"\nlocale = [\n', "3:1", "invalid value", None),
])
def test_a_toml_syntax_error_is_located_where_toml_finds_it(capsys, folder, name, text, place,
                                                             problem, shown):
    (folder / name).write_text(text)
    status, out, err = run(capsys, "check", "min.agreement")
    assert status == 2 and out == ""
    assert err.startswith(f"{folder / name}:{place}: error: the project file is not valid "
                          f"TOML: {problem}\n")
    assert "(at " not in err and err.count("error:") == 1
    if shown is not None:
        assert shown in err
    assert err.endswith("\nhelp: see https://toml.io for the syntax\n")


@pytest.mark.parametrize("name, head", [("contractdsl.toml", ""),
                                        ("pyproject.toml", "[tool.contractdsl]\n")])
def test_a_project_file_nested_past_what_toml_reads_is_located(capsys, folder, name, head):
    (folder / name).write_text(f'{head}format = "[[["  # [[\nx = ' + "[" * 5000 + "]" * 5000)
    status, out, err = run(capsys, "check", "min.agreement")
    line = 2 if head else 1
    assert status == 2 and out == "", err
    assert err.startswith(f"{folder / name}:{line + 1}:5004: error: the project file nests "
                          "arrays and tables 5000 deep, too deep to read\n")
    assert err.endswith("\nhelp: the settings of a project file nest two or three deep: remove "
                        "the brackets left over\n")


def test_a_project_file_that_is_not_utf8_is_located(capsys, folder):
    (folder / "contractdsl.toml").write_bytes(b'format = "text"\n# \xff\n')
    status, _, err = run(capsys, "check", "min.agreement")
    assert status == 2
    assert err.startswith(f"{folder / 'contractdsl.toml'}:2:3: error: the file is not UTF-8 "
                          "text\n")
    assert err.endswith("help: save the file as UTF-8\n")


def test_a_project_file_error_is_said_once(capsys, folder):
    (folder / "contractdsl.toml").write_text('[[agreement]]\nname = "x"\n'
                                             'versions = ["nothing-*.agreement"]\n')
    status, _, err = run(capsys, "check", "min.agreement")
    assert status == 2
    assert err.startswith(f"{folder / 'contractdsl.toml'}:3:1: error: `nothing-*.agreement` "
                          "matches no file\n")


def test_a_path_of_a_list_over_several_lines_is_pointed_at(capsys, folder):
    (folder / "contractdsl.toml").write_text(
        '[[agreement]]\nname = "x"\nversions = [\n  "min.agreement",\n  "other-*.agreement",\n]\n')
    status, _, err = run(capsys, "check", "min.agreement")
    assert status == 2
    assert err == (f"{folder / 'contractdsl.toml'}:5:3: error: `other-*.agreement` matches no "
                   'file\n5 |   "other-*.agreement",\n      ^\n'
                   "help: paths are relative to the project file\n")


def test_a_good_project_file_still_reads(capsys, folder):
    (folder / "contractdsl.toml").write_text(
        'format = "json"\nlocale = "fr"\nfail-under = 99.5\n'
        '[[agreement]]\nname = "t"\nversions = ["*.agreement"]\ntests = "t.yaml"\n')
    status, out, _ = run(capsys, "test", "--coverage")
    assert status == 0 and out.startswith("{")


# ---- --fail-under -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "-5", "1e999", "100.5", "abc", "inf"])
def test_fail_under_is_a_percentage(capsys, folder, value):
    status, out, err = run(capsys, "test", "t.yaml", "-a", "min.agreement", "--coverage",
                           "--fail-under", value)
    assert status == 2 and out == ""
    assert err == (f"error: `--fail-under` takes a number from 0 to 100, not `{value}`\n"
                   "help: give the share of clauses the tests must reach, e.g. "
                   "`--fail-under 80`\n")


def test_fail_under_without_coverage_is_refused_rather_than_ignored(capsys, folder):
    status, out, err = run(capsys, "test", "t.yaml", "-a", "min.agreement", "--fail-under", "80")
    assert (status, out) == (2, "")
    assert err == ("error: `--fail-under` needs `--coverage`: without it no coverage is "
                   "measured\nhelp: add `--coverage`\n")


@pytest.mark.parametrize("value", ["0", "100", "37.5"])
def test_fail_under_within_bounds(capsys, folder, value):
    status, _, _ = run(capsys, "test", "t.yaml", "-a", "min.agreement", "--coverage",
                       "--fail-under", value)
    assert status == 0


@pytest.mark.parametrize("versions", ['"min.agreement", "m*.agreement"',
                                      '"m*.agreement", "min.agreement"',
                                      '"m*.agreement", "*.agreement"'])
def test_a_file_two_paths_of_one_setting_name_is_read_once(capsys, folder, versions):
    """A path and a pattern of the same `versions` that both name `min.agreement` name it
    once: the file was refused as named twice, with no line of the project file."""
    (folder / "contractdsl.toml").write_text(
        f'[[agreement]]\nname = "terms"\nversions = [{versions}]\ntests = ["t.yaml"]\n')
    assert run(capsys, "check")[0] == 0
    status, out, err = run(capsys, "test")
    assert (status, err) == (0, "")
    assert "1 passed, 0 failed" in out


def test_test_of_an_agreement_with_errors_measures_no_coverage(capsys, folder):
    """No clause was read, so no coverage is measured: it said "total: 100%"."""
    (folder / "bad.agreement").write_text(AGREEMENT.replace("for research.", "for reserch."))
    status, out, err = run(capsys, "test", "t.yaml", "-a", "bad.agreement", "--coverage")
    assert (status, out) == (2, "0 passed, 0 failed, 1 problem(s) in the input\n"
                                "coverage: no agreement was read, so none is measured\n")
    assert "bad.agreement:7:40: error: unknown purpose `reserch`" in err
    assert "help: did you mean `research`?" in err
