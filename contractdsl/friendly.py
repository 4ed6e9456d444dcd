"""Raw Lark syntax errors to messages in the writer's words, with a `help:` line."""

from __future__ import annotations

import re

from .errors import did_you_mean

# The words a lawyer may write at the start of a statement or after a party.
STATEMENT_WORDS = ("agreement", "schedule", "licensor", "licensee", "effective", "terminates",
                   "purpose", "recipient", "data", "action", "fact", "duty", "unit", "app",
                   "tier", "clause")
WINDOW_WORDS = ("second", "minute", "hour", "day", "week", "calendar month", "calendar year",
                "seconds", "minutes", "hours", "days", "weeks")


def _token_text(err) -> str:
    token = getattr(err, "token", None)
    if token is not None:
        return str(token)
    return ""


def explain(err, text: str) -> tuple[str, str | None, int]:
    """Message, help text and caret width for a Lark ``UnexpectedInput``."""
    import lark

    from .parser import describe_expected

    if isinstance(err, lark.exceptions.UnexpectedCharacters):
        char = text[err.pos_in_stream] if err.pos_in_stream < len(text) else ""
        if char == '"':
            return ("this quoted text is never closed",
                    "add the closing `\"` on the same line", 1)
        return (f"unexpected character `{char}`",
                "names use letters, digits and `_`; texts go in double quotes", 1)

    if isinstance(err, lark.exceptions.UnexpectedEOF):
        return (f"the file ends in the middle of a statement; expected "
                f"{describe_expected(err.expected)}",
                "every statement ends with `.`", 1)

    assert isinstance(err, lark.exceptions.UnexpectedToken)
    token = err.token
    word = _token_text(err)
    expected = set(err.expected)
    width = max(len(word), 1)
    previous = _previous_word(text, token.start_pos) if token.start_pos is not None else ""

    if token.type == "$END":
        return ("the file ends in the middle of a statement; expected "
                f"{describe_expected(expected)}", "every statement ends with `.`", 1)
    if previous == "may" and word == "not":
        return ("`may not` is not a clause form", "write `must not` for a prohibition", width)
    if "DOT" in expected and previous and token.line > _line_of(text, _previous_pos(text, token.start_pos)):
        return ("this statement is missing its closing `.`",
                "end the previous clause with `.`", width)
    if token.type == "STRING" and "CLAUSE_ID" in expected:
        return ("a clause needs an id before its title", "write e.g. `clause II.A \"Title\":`",
                width)
    if "CLAUSE_ID" in expected and token.type in ("STRING", "COLON"):
        return ("a clause needs an id", "write e.g. `clause II.A \"Title\":`", width)
    if "STRING" in expected and token.type == "NAME" and not expected & {"NAME"}:
        return (f"`{word}` must be a quoted text", f"write `\"{word}\"` in double quotes", width)
    if expected & {"SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "CALENDAR"} and token.type == "NAME":
        return (f"`{word}` is not a time window",
                did_you_mean(word, WINDOW_WORDS) or "write e.g. `per 15 minutes` or `per calendar month`",
                width)
    if "NAME" in expected and token.type in ("DOT", "PER", "SEMICOLON") and previous and re.fullmatch(r"[\d,.]+", previous):
        return (f"the number `{previous}` has no unit", "write the unit after it, e.g. `1,500 posts`",
                width)
    if token.type == "NAME" and len(expected) > 1 and not expected & {"NAME"}:
        keywords = _keywords(expected)
        hint = did_you_mean(word, keywords)
        if hint:
            return (f"unknown word `{word}`; expected {describe_expected(expected)}", hint, width)
    return (f"unexpected {_describe_token(token)}; expected {describe_expected(expected)}", None,
            width)


def _describe_token(token) -> str:
    from .parser import describe_terminal

    if token.type in ("NAME", "CLAUSE_ID", "NUMBER", "DATE"):
        return f"`{token}`"
    return describe_terminal(token.type) if token.type != "STRING" else f"text {token}"


def _keywords(expected) -> list[str]:
    from .parser import keyword_of

    words = [keyword_of(name) for name in expected]
    return [w for w in words if w] + list(STATEMENT_WORDS)


def _previous_pos(text: str, pos: int) -> int:
    i = pos - 1
    while i > 0 and text[i].isspace():
        i -= 1
    return i


def _previous_word(text: str, pos: int) -> str:
    end = _previous_pos(text, pos) + 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
