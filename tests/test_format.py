"""The canonical formatter: round trip, idempotence, comments kept, atomic writes, `fmt` CLI."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import attrs
import pytest

import contractdsl
from contractdsl import model as m
from contractdsl.cli import main
from contractdsl.format import (PRINTED_FIELDS, UNPRINTED, format_document, format_text,
                                write_atomically)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "agreements").rglob("*.agreement")
                  if not p.name.endswith("_bad.agreement"))


def comments_of(text: str) -> list[str]:
    from contractdsl.syntax.parser import parse_tree

    return [str(c).rstrip() for c in parse_tree(text)[1]]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_round_trips(path):
    text = path.read_text(encoding="utf-8")
    formatted = format_text(text, str(path))
    assert contractdsl.parse(formatted) == contractdsl.parse(text)
    assert format_text(formatted) == formatted
    assert comments_of(formatted) == comments_of(text)


def test_examples_exist():
    assert len(EXAMPLES) >= 3


def test_shipped_agreements_are_already_canonical():
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        assert format_text(text, str(path)) == text, path


MESSY = """\
# about the whole file
# (two lines)

clause A "Display":   licensee may display content to end_users   # on the first line
   when purpose is research   # in the middle
   unless (x or y) and not z.
agreement "T" version "1".   # after the header
effective 2020-01-01.
purpose research "r".  data content "c". # after content
licensor "L".
clause B: licensee must not read more than 1500 requests per 1 day per app.
tier t "T" costs from 100 USD per calendar month from 2020-01-01: read no more than 10 posts per calendar month; write no more than 5 posts per 15 minutes per app.


# at the end
"""


def test_messy_file_takes_the_canonical_layout():
    out = format_text(MESSY)
    assert out == """\
# about the whole file
# (two lines)

agreement "T" version "1".  # after the header
licensor "L".
effective 2020-01-01.

purpose research "r".

data content "c".  # after content

tier t "T" costs from 100 USD per calendar month from 2020-01-01:
  read no more than 10 posts per calendar month;
  write no more than 5 posts per 15 minutes per app.

# on the first line
# in the middle
clause A "Display":
  licensee may display content to end_users
    when purpose is research
    unless (x or y) and not z.

clause B:
  licensee must not read more than 1,500 requests per day per app.

# at the end
"""
    assert contractdsl.parse(out) == contractdsl.parse(MESSY)
    assert format_text(out) == out
    assert sorted(comments_of(out)) == sorted(comments_of(MESSY))


def test_inline_comment_stays_on_its_statement_line():
    text = 'agreement "T".\nclause A: licensee may use content.  # why\n'
    out = format_text(text)
    assert "licensee may use content.  # why" in out


def test_comment_leads_the_statement_that_follows():
    text = 'agreement "T".\n# the reason for B\nclause B: licensee may use content.\n'
    lines = format_text(text).splitlines()
    assert lines[lines.index("# the reason for B") + 1] == "clause B:"


def test_blank_lines_collapse_to_one():
    text = 'agreement "T".\n\n\n\nlicensor "L".\n'
    assert format_text(text) == 'agreement "T".\n\nlicensor "L".\n'


def test_recipient_wording_is_kept():
    text = ('agreement "T".\nclause A: licensee may display content to end_users for an '
            'approved purpose.\nclause B: licensee may share content for research with x.\n')
    out = format_text(text)
    assert "display content to end_users for an approved purpose." in out
    assert "share content for research with x." in out


def test_every_construct_round_trips():
    text = """\
agreement "All \\"quoted\\" constructs" version "v\\\\1".
licensor "L".
licensee "D".
effective 2020-01-01.
terminates 2030-12-31.
action use "use".
action read "read" under use.
fact told "told".
duty tell "tell" shown by told.
unit posts "posts" alias tweets, toots.
unit USD "dollars" measures money.
scope channel "channel".
scope project "Project" holding apps.
tier basic "Basic" costs 1,000.50 USD per calendar year from 2021-01-01 until 2022-01-01:
  read no more than 2 posts per week per licensee.
app a "A" approved for p, q labelled production labelled staging serving gov, police.
clause X.1(a) "Title" from 2020-02-01 until 2020-03-01 survives 2 years:
  licensee may use content for p or q with r or s when purpose is p and (app is a or
  tier is basic) unless not (a tier is subscribed or purpose is approved) notwithstanding
  Y, Z provided licensee must tell within 24 hours after told provided licensee must tell
  by 2020-05-01.
clause Y: licensee must not read posts with r except as permitted by X.1(a).
clause Z: licensee must not read more than 450 requests per 15 minutes per user
  when date is before 2021-01-01 or date is on or after 2022-01-01 and app serves gov
  and app is labelled production and told except as permitted by X.1(a) and Y.
clause W: licensee must tell before read when data is posts and recipient is r and action is read.
"""
    out = format_text(text)
    assert contractdsl.parse(out) == contractdsl.parse(text)
    assert format_text(out) == out
    # a scope holding apps keeps the words, one that does not gains none
    assert 'scope channel "channel".\nscope project "Project" holding apps.\n' in out


def test_printer_covers_every_model_field():
    """A field added to the model without a printer fails here."""
    for name in dir(m):
        cls = getattr(m, name)
        if not (isinstance(cls, type) and attrs.has(cls)) or cls in (m.Span, m.Ref, m.Agreement):
            continue
        fields = {f.name for f in attrs.fields(cls)} - UNPRINTED
        assert cls in PRINTED_FIELDS, f"no printer for {cls.__name__}"
        assert PRINTED_FIELDS[cls] == fields, cls.__name__


def test_format_document_built_in_code():
    doc = m.Document(title="T", version="1", effective=dt.date(2020, 1, 1), clauses=(
        m.Limit(id="L1", action="read", quantity=m.Quantity(amount=1500000, unit="posts"),
                window=m.Window(count=1, unit="month", calendar=True), scope="app"),))
    text = format_document(doc)
    assert "licensee must not read more than 1,500,000 posts per calendar month per app." in text
    assert contractdsl.parse(text).documents[0] == doc


def test_fmt_check_lists_files_that_would_change(tmp_path, capsys):
    clean = tmp_path / "clean.agreement"
    clean.write_text('agreement "T".\n', encoding="utf-8")
    messy = tmp_path / "messy.agreement"
    messy.write_text(MESSY, encoding="utf-8")
    assert main(["fmt", "--check", str(clean), str(messy)]) == 1
    out = capsys.readouterr().out
    assert str(messy) in out and str(clean) not in out
    assert messy.read_text(encoding="utf-8") == MESSY  # --check changes nothing
    assert main(["fmt", str(messy)]) == 0
    assert messy.read_text(encoding="utf-8") == format_text(MESSY)
    assert main(["fmt", "--check", str(clean), str(messy)]) == 0


def test_fmt_refuses_a_file_with_a_syntax_error(tmp_path, capsys):
    bad = tmp_path / "bad.agreement"
    bad.write_text('agreement "T"\nlicensor "L".\n', encoding="utf-8")
    good = tmp_path / "good.agreement"
    good.write_text(MESSY, encoding="utf-8")
    assert main(["fmt", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"bad\.agreement:\d+:\d+: error:", err)
    assert "Traceback" not in err
    assert good.read_text(encoding="utf-8") == MESSY  # nothing written when any file is bad


def test_fmt_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["fmt", str(tmp_path / "nope.agreement")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_fmt_an_empty_file_name_is_not_the_current_folder(tmp_path, capsys, monkeypatch):
    messy = tmp_path / "x.agreement"
    messy.write_text(MESSY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["fmt", ""]) == 2
    assert "error: a file name is empty" in capsys.readouterr().err
    assert messy.read_text(encoding="utf-8") == MESSY


def test_failure_mid_write_leaves_the_original_intact(tmp_path, monkeypatch):
    target = tmp_path / "a.agreement"
    target.write_text("original\n", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomically(target, "new text\n")
    assert target.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.agreement"]  # no temporary left


def test_failure_at_replace_leaves_the_original_intact(tmp_path, monkeypatch):
    target = tmp_path / "a.agreement"
    target.write_text("original\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("crash")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(target, "new text\n")
    assert target.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.agreement"]


def test_write_atomically_keeps_permissions(tmp_path):
    target = tmp_path / "a.agreement"
    target.write_text("x\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "y\n")
    assert target.read_text(encoding="utf-8") == "y\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_fmt_a_folder_means_its_agreement_files(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    messy = tmp_path / "sub" / "x.agreement"
    messy.write_text(MESSY, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an agreement", encoding="utf-8")
    assert main(["fmt", "--check", str(tmp_path)]) == 1
    assert f"would reformat {messy}" in capsys.readouterr().out
    assert main(["fmt", "--check", str(ROOT / "agreements")]) == 0


def test_format_document_keeps_the_comments_of_a_parsed_document():
    doc = contractdsl.parse(MESSY).documents[0]
    assert format_document(doc) == format_text(MESSY)
    changed = attrs.evolve(doc, title="Other")  # the source no longer says what it holds
    text = format_document(changed)
    assert text.startswith('agreement "Other" version "1".\n') and "#" not in text


REPEATED = """\
agreement "A" version "1".
agreement "B" version "2".
licensee "D".
licensee "E".
effective 2020-01-01.
effective 2021-01-01.
terminates 2030-01-01.
terminates 2031-01-01.

purpose p "p".
purpose p "again".

app a "A".
app a "A".

clause X:
  licensee may use.

clause X:
  licensee may use.
"""


def test_a_repeated_statement_is_written_back_not_dropped():
    assert format_text(REPEATED) == REPEATED
    shuffled = ('effective 2021-01-01.  # the second\nagreement "A" version "1".\n'
                'terminates 2031-01-01.\n# about B\nagreement "B" version "2".\n'
                'effective 2020-01-01.\n')
    assert format_text(shuffled) == (
        'agreement "A" version "1".\n# about B\nagreement "B" version "2".\n'
        'effective 2021-01-01.  # the second\neffective 2020-01-01.\nterminates 2031-01-01.\n')


def test_fmt_keeps_a_file_that_check_rejects(tmp_path, capsys):
    path = tmp_path / "repeated.agreement"
    path.write_text(REPEATED.replace('agreement "B" version "2".\n', 'agreement "B".\n# x\n'),
                    encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert main(["fmt", str(path)]) == 0
    out = path.read_text(encoding="utf-8")
    for statement in ('agreement "A" version "1".', 'agreement "B".', 'effective 2020-01-01.',
                      'effective 2021-01-01.', 'terminates 2030-01-01.',
                      'terminates 2031-01-01.', 'licensee "D".', 'licensee "E".', "# x"):
        assert statement in out


def test_the_recipients_wording_comes_from_the_model():
    activity = m.Activity(action="share", data="posts", purposes=("p",), recipients=("x",),
                          preposition="to", recipients_first=True)
    doc = m.Document(title="T", clauses=(m.Permission(id="A", activity=activity),))
    assert "licensee may share posts to x for p." in format_document(doc)
    assert "licensee may share posts for p with x." in format_document(attrs.evolve(
        doc, clauses=(m.Permission(id="A", activity=attrs.evolve(
            activity, preposition="with", recipients_first=False)),)))


def test_fmt_check_with_diff_prints_the_diff_and_says_what_would_be_reformatted(tmp_path):
    """`--check --diff`, as black and ruff take it: the diff on standard output, a patch, and
    `would reformat PATH` on standard error (`--diff` alone dropped what `--check` says)."""
    import subprocess
    import sys

    messy = tmp_path / "messy.agreement"
    messy.write_text(MESSY, encoding="utf-8")

    def fmt(*args, text=None):
        return subprocess.run([sys.executable, "-m", "contractdsl", "fmt", *args], input=text,
                              capture_output=True, text=True, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})

    result = fmt("--check", "--diff", "messy.agreement")
    assert (result.returncode, result.stderr) == (1, "would reformat messy.agreement\n")
    assert result.stdout.startswith("--- messy.agreement (as written)\n"
                                    "+++ messy.agreement (formatted)\n@@ ")
    assert messy.read_text(encoding="utf-8") == MESSY
    result = fmt("--diff", "--check", "-", text=MESSY)
    assert (result.returncode, result.stderr) == (1, "would reformat <stdin>\n")
    assert result.stdout.startswith("--- <stdin> (as written)\n+++ <stdin> (formatted)\n")
    result = fmt("--diff", "messy.agreement")  # without --check, the diff alone
    assert (result.returncode, result.stderr) == (1, "")
    result = fmt("--check", "--diff", "-", text=format_text(MESSY))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_fmt_check_of_standard_input_says_it_would_reformat_it(tmp_path):
    import subprocess
    import sys

    def fmt(text, *args):
        return subprocess.run([sys.executable, "-m", "contractdsl", "fmt", *args, "-"],
                              input=text, capture_output=True, text=True, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})

    result = fmt(MESSY, "--check")
    assert (result.returncode, result.stdout) == (1, "would reformat <stdin>\n")
    result = fmt(format_text(MESSY), "--check")
    assert (result.returncode, result.stdout) == (0, "")
    result = fmt("agreement", "--check")
    assert result.returncode == 2 and result.stderr.startswith("<stdin>:1:")
    assert fmt(MESSY).stdout == format_text(MESSY)  # without --check, the text is printed


def test_fmt_keeps_the_line_ends_of_a_file_saved_on_windows(tmp_path):
    """CRLF stays CRLF in the file written, the diff and the text printed, so that `--check`
    passes a canonical file saved on Windows; a file that mixes line ends gets its first
    line's."""
    import subprocess
    import sys

    canonical = 'agreement "T".\r\nlicensor "L".\r\n\r\npurpose research "r".\r\n'
    untidy = 'agreement "T".\r\nlicensor "L".   purpose research "r".\r\n'
    mixed = 'agreement "T".\r\nlicensor "L".\npurpose research "r".\n'
    for name, text in (("canonical", canonical), ("untidy", untidy), ("mixed", mixed)):
        (tmp_path / f"{name}.agreement").write_bytes(text.encode())

    def fmt(*args, text=None):
        return subprocess.run([sys.executable, "-m", "contractdsl", "fmt", *args],
                              input=text and text.encode(), capture_output=True, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})

    result = fmt("--check", "canonical.agreement", "untidy.agreement", "mixed.agreement")
    assert (result.returncode, result.stdout.decode()) == (
        1, "would reformat untidy.agreement\nwould reformat mixed.agreement\n")
    assert fmt("-", text=untidy).stdout.decode() == canonical
    assert fmt("--check", "-", text=canonical).returncode == 0
    diff = fmt("--diff", "untidy.agreement").stdout.decode()
    assert ' licensor "L".\r\n' not in diff and '+licensor "L".\r\n' in diff
    assert ' agreement "T".\r\n' in diff  # the first line is unchanged
    assert fmt("untidy.agreement", "mixed.agreement").returncode == 0
    for name in ("canonical", "untidy", "mixed"):
        assert (tmp_path / f"{name}.agreement").read_bytes() == canonical.encode(), name
    assert format_text(mixed.replace("\r\n", "\n").replace("L\".\n", "L\".\r\n")) == \
        canonical.replace("\r\n", "\n")  # the first line ends with LF: LF throughout


@pytest.mark.parametrize("written, diff", [
    # CRLF: every line of the diff ends so, its `---`, `+++` and `@@` lines too
    ('agreement "T".\r\nlicensor "L".   purpose research "r".\r\n',
     '--- f.agreement (as written)\r\n+++ f.agreement (formatted)\r\n@@ -1,2 +1,4 @@\r\n'
     ' agreement "T".\r\n-licensor "L".   purpose research "r".\r\n+licensor "L".\r\n+\r\n'
     '+purpose research "r".\r\n'),
    # a last line without its end is marked, so that the next line of the diff is its own
    ('agreement "T".\nlicensor "L".   purpose research "r".',
     '--- f.agreement (as written)\n+++ f.agreement (formatted)\n@@ -1,2 +1,4 @@\n'
     ' agreement "T".\n-licensor "L".   purpose research "r".\n\\ No newline at end of file\n'
     '+licensor "L".\n+\n+purpose research "r".\n'),
    # a form feed in a comment ends no line
    ('agreement "T".  # page\x0cbreak\nlicensor "L".   purpose research "r".\n',
     '--- f.agreement (as written)\n+++ f.agreement (formatted)\n@@ -1,2 +1,4 @@\n'
     ' agreement "T".  # page\x0cbreak\n-licensor "L".   purpose research "r".\n'
     '+licensor "L".\n+\n+purpose research "r".\n'),
])
def test_fmt_diff_ends_each_of_its_lines_as_the_file_does(tmp_path, capsys, monkeypatch,
                                                            written, diff):
    (tmp_path / "f.agreement").write_bytes(written.encode())
    monkeypatch.chdir(tmp_path)
    assert main(["fmt", "--diff", "f.agreement"]) == 1
    assert capsys.readouterr().out == diff
    assert (tmp_path / "f.agreement").read_bytes() == written.encode()


def test_fmt_keeps_each_quoted_text_as_written(tmp_path, capsys):
    """A backslash before a letter stands for itself: `"a\\nb"` is not rewritten `"a\\\\nb"`,
    nor `"a\\\\nb"` (the same text) `"a\\nb"`; the file means what it meant."""
    from contractdsl.semantics.lower import lower

    text = ('agreement "Terms \\"2024\\"" version "C:\\\\".\nlicensor "L".\n\n'
            'purpose research "a\\nb".\npurpose search "a\\\\nb".\n\n'
            'clause A "Use \\\\ \\q":\n  licensee may use content for research.\n')
    path = tmp_path / "quoted.agreement"
    path.write_text(text, encoding="utf-8")
    assert main(["fmt", "--check", str(path)]) == 0
    assert capsys.readouterr().out == ""
    assert format_text(text) == text
    untidy = text.replace("\n\n", "\n").replace(":\n  ", ": ")
    formatted = format_text(untidy)
    assert formatted == text
    descriptions = [t.description for t in contractdsl.parse(text).documents[0].terms]
    assert descriptions == ["a\\nb", "a\\nb"]
    assert contractdsl.parse(formatted) == contractdsl.parse(untidy)
    assert lower(contractdsl.parse(formatted)) == lower(contractdsl.parse(untidy))


@pytest.mark.parametrize("option, does", [
    ("--check", "list the files that would change"),
    ("--diff", "print what would change as a diff")])
def test_fmt_refuses_stdout_with_check_or_diff(tmp_path, capsys, option, does):
    messy = tmp_path / "messy.agreement"
    messy.write_text(MESSY, encoding="utf-8")
    assert main(["fmt", option, "--stdout", str(messy)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"error: `--stdout` cannot go with `{option}`, which prints no "
                            f"formatted text\nhelp: leave out `--stdout` to {does}, or "
                            f"`{option}` to print the formatted text\n")
    assert messy.read_text(encoding="utf-8") == MESSY


def test_a_missing_file_is_named_as_written(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in (["fmt"], ["fmt", "--check"], ["check"]):
        assert main([*command, "nope.agreement/"]) == 2
        assert capsys.readouterr().err.startswith("error: no such file: `nope.agreement/`\n")
    assert main(["fmt", "./nope.agreement"]) == 2
    assert capsys.readouterr().err.startswith("error: no such file: `./nope.agreement`\n")


def test_a_document_read_with_problems_is_never_printed_with_its_stand_ins():
    from contractdsl.syntax import parse_document

    text = 'agreement "A".\neffective 2024-02-30.\naction use "use".\n'
    with pytest.raises(contractdsl.AgreementError) as refused:
        parse_document(text, "a.agreement")
    assert refused.value.document.effective == dt.date(2024, 2, 29)  # (the nearest day)
    with pytest.raises(contractdsl.AgreementError) as printed:
        format_document(refused.value.document)
    assert [(d.line, d.code) for d in printed.value.diagnostics] == [(2, "bad-date")]
