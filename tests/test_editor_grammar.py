"""The TextMate grammar (editors/contractdsl.tmLanguage.json), run by the engine VS Code runs
(vscode-textmate with vscode-oniguruma, through node), against every shipped agreement: every
line is tokenised, and each token the parser reads is scoped as what it is (a keyword, a
string, a number, a date, a clause id, a name, a comment)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from contractdsl.syntax.parser import interactive, keywords, parse_tree
from node_packages import need

ROOT = Path(__file__).resolve().parent.parent
EDITORS = ROOT / "editors"
RUNNER = EDITORS / "grammar-test"
GRAMMAR = EDITORS / "contractdsl.tmLanguage.json"
SHIPPED = sorted([*(ROOT / "agreements").rglob("*.agreement"),
                  *(ROOT / "docs" / "examples").glob("*.agreement")])

# The scope each kind of token the parser reads must have (a prefix of one of its scopes).
SCOPES = {
    "STRING": ("string.quoted.double",),
    "NUMBER": ("constant.numeric",),
    "DATE": ("constant.numeric.date",),
    "CLAUSE_ID": ("entity.name.section.clause",),
    "NAME": ("variable.other.name", "entity.name.type"),
    "keyword": ("storage.type", "keyword.", "variable.language", "support.constant"),
    "COMMENT": ("comment.line.number-sign",),
}


@pytest.fixture(scope="module")
def tokenised() -> dict[str, list[list[dict]]]:
    """Every shipped agreement tokenised by the grammar: per file, per line, its tokens."""
    need(RUNNER, "vscode-textmate")  # VS Code's TextMate engine
    done = subprocess.run(["node", "tokenize.mjs", *map(str, SHIPPED)], cwd=RUNNER,
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


def parser_tokens(text: str):
    """The tokens the parser reads in ``text`` (keywords by their terminal), and its comments."""
    parser = interactive(text)
    tokens = []
    for token in parser.lexer_thread.lex(parser.parser_state):
        tokens.append(token)
        parser.feed_token(token)
    _, comments = parse_tree(text)
    return tokens + list(comments)


def kind_of(token) -> str | None:
    if token.type in SCOPES:
        return token.type
    word = keywords().get(token.type, "")
    return "keyword" if word.isalpha() else None


def test_the_shipped_agreements_are_found():
    assert len(SHIPPED) >= 6
    assert ROOT / "agreements" / "twitter" / "developer-agreement-2022.agreement" in SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_line_is_tokenised_and_every_token_scoped(tokenised, path):
    text = path.read_text(encoding="utf-8")
    lines = tokenised[str(path)]
    assert len(lines) == len(text.split("\n"))
    for number, (line, tokens) in enumerate(zip(text.split("\n"), lines), 1):
        assert tokens and tokens[0]["start"] == 0, f"line {number} is not tokenised"
        assert all(a["end"] == b["start"] for a, b in zip(tokens, tokens[1:]))
        assert tokens[-1]["end"] >= len(line), f"line {number} is tokenised only in part"
    wrong = []
    for token in parser_tokens(text):
        kind = kind_of(token)
        if kind is None:
            continue
        row = lines[token.line - 1]
        start = token.column - 1
        covering = [t for t in row if t["start"] < start + len(token) and t["end"] > start]
        scoped = all(any(scope.startswith(prefix) for scope in t["scopes"]
                         for prefix in SCOPES[kind]) for t in covering)
        if not scoped:
            wrong.append(f"{path.name}:{token.line}:{token.column}: {kind} `{token}` is "
                         f"scoped {[t['scopes'][1:] for t in covering]}")
    assert not wrong, "\n".join(wrong[:20])


def test_every_keyword_of_the_language_is_a_keyword_of_the_grammar():
    grammar = GRAMMAR.read_text(encoding="utf-8")
    listed = set()
    for words in re.findall(r"\\\\b\(\?:([A-Za-z|?]+)\)\\\\b", grammar):
        for word in words.split("|"):
            listed.update({word.rstrip("s?"), word.replace("s?", "s")}
                          if word.endswith("s?") else {word})
    language = {word for word in keywords().values() if word.isalpha()}
    assert language <= listed, sorted(language - listed)


def test_the_vscode_extension_starts_the_language_server_with_the_grammar():
    package = json.loads((EDITORS / "vscode" / "package.json").read_text(encoding="utf-8"))
    contributes = package["contributes"]
    assert contributes["languages"][0]["extensions"] == [".agreement"]
    grammar = contributes["grammars"][0]
    assert grammar["scopeName"] == json.loads(GRAMMAR.read_text())["scopeName"]
    assert (EDITORS / "vscode" / grammar["path"]).resolve() == GRAMMAR.resolve()
    main = (EDITORS / "vscode" / package["main"]).read_text(encoding="utf-8")
    assert '"lsp"' in main and "contractdsl" in main
    configuration = json.loads((EDITORS / "vscode" / contributes["languages"][0][
        "configuration"]).read_text(encoding="utf-8"))
    assert configuration["comments"]["lineComment"] == "#"
