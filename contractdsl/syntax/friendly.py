"""Raw Lark syntax errors to messages in the writer's words, with a `help:` line."""

from __future__ import annotations

import re

from ..errors import did_you_mean, suggest

# The words a lawyer may write at the start of a statement or after a party.
STATEMENT_WORDS = ("agreement", "schedule", "licensor", "licensee", "effective", "terminates",
                   "purpose", "recipient", "data", "action", "fact", "standard", "duty", "attribute",
                   "measure", "unit", "app",
                   "tier", "clause")
WINDOW_WORDS = {"second": "second", "minute": "minute", "hour": "hour", "day": "day",
                "week": "week", "month": "calendar month", "year": "calendar year",
                "seconds": "seconds", "minutes": "minutes", "hours": "hours", "days": "days",
                "weeks": "weeks", "months": "calendar month", "years": "calendar year"}
PARTIES = ("licensee", "licensor")
# The keywords that open a part of a clause written before its condition.
_ACTIVITY_WORDS = ("FOR", "WITH", "TO")
# What a lawyer calls each token the parser can expect.
TOKEN_WORDS = {
    "NAME": "a name",
    "STRING": "a quoted text",
    "DATE": "a date such as `2023-03-29`",
    "NUMBER": "a number",
    "CLAUSE_ID": "a clause id such as `II.A`",
    "DOT": "`.`",
    "COLON": "`:`",
    "COMMA": "`,`",
    "SEMICOLON": "`;`",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "$END": "the end of the file",
}


class Explanation:
    """A syntax error in the writer's words, and where to point at it."""

    def __init__(self, message, help=None, width=1, line=None, column=None):
        self.message, self.help, self.width = message, help, width
        self.line, self.column = line, column


def explain(err, text: str, keywords: dict[str, str]) -> Explanation:
    """The message, help and position for a Lark ``UnexpectedInput``; ``keywords`` holds the
    literal text of each keyword terminal of the grammar (`MAY` -> `may`)."""
    import lark

    if isinstance(err, lark.exceptions.UnexpectedCharacters):
        char = text[err.pos_in_stream] if err.pos_in_stream < len(text) else ""
        if char == '"':
            return Explanation("this quoted text is never closed",
                               "add the closing `\"` on the same line")
        if char == "/":
            return Explanation("unexpected character `/`",
                               "write a rate with `per`, e.g. `100 requests per day`, and a "
                               "date as YYYY-MM-DD, e.g. `2024-05-01`")
        return Explanation(f"unexpected character `{char}`",
                           "names use letters, digits and `_`; texts go in double quotes")

    token = getattr(err, "token", None)
    expected = _expected(err)
    if isinstance(err, lark.exceptions.UnexpectedEOF) or token is None or token.type == "$END":
        at = _end_of_last_word(text)
        if "RPAR" in expected:
            return _unclosed(text, len(text)) or Explanation(
                "a `(` in this condition is never closed", "add the missing `)`", **at)
        return Explanation("the file ends in the middle of a statement", "end it with `.`", **at)

    word = str(token)
    width = max(len(word), 1)
    before = _tokens_before(err)
    statement = _statement_before(text, token.start_pos)
    may_not = re.search(r"\bmay\s+not\b", statement[0])
    if may_not:
        line, column = _position(text, statement[1] + may_not.start())
        return Explanation("`may not` is not a clause form", "write `must not` for a prohibition",
                           len(may_not.group()), line, column)
    previous = _previous_words(text, token.start_pos, 2)
    if token.type == "EXCEPT" and re.search(r"\bmay\b", statement[0]):
        return Explanation("a permission cannot say `except as permitted by`",
                           "to make this permission an exception to a prohibition, write "
                           "`notwithstanding` and the prohibition's id", width)
    if token.type == "NOTWITHSTANDING" and re.search(r"\bmust\s+not\b", statement[0]):
        kind = "limit" if re.search(r"\bmore\s+than\b", statement[0]) else "prohibition"
        return Explanation(f"a {kind} cannot say `notwithstanding`",
                           "to name the permissions it gives way to, write `except as "
                           "permitted by` and their ids", width)
    if expected & {"MAY", "MUST"} and token.type == "NAME":
        return Explanation(f"`{word}` is not a clause form",
                           "write `may` for a permission, `must` for an obligation and `must "
                           "not` for a prohibition", width)
    if len(before) >= 2 and before[-2].type == "MUST" and before[-1].type == "NAME" and \
            suggest(str(before[-1]), ("not",)):  # `must nto`: read as a duty named `nto`
        slip = before[-1]
        return Explanation(f"unknown word `{slip}`", "did you mean `not`?", len(slip),
                           slip.line, slip.column)
    slip = _heading_slip(token, before, expected) or _amount_slip(token, before, expected)
    if slip is not None:
        return slip
    line_start = _on_new_line(text, token)
    if token.type == "NAME" and "NAME" not in expected:
        hint = did_you_mean(word, _keywords(expected, keywords))
        if hint:
            return Explanation(f"unknown word `{word}`", hint, width)
    if "DOT" in expected and line_start:
        at = _end_of_last_word(text, token.start_pos)
        return Explanation("this statement is missing its closing `.`",
                           "end the statement with `.`", **at)
    if "RPAR" in expected and _unclosed(text, token.start_pos):
        return _unclosed(text, token.start_pos)
    if token.type in _ACTIVITY_WORDS and expected & {"AND", "OR"}:  # a part after the condition
        return Explanation(f"`{word}` cannot follow the condition",
                           f"write `{word} ...` before `when` or `unless`: the condition comes "
                           "last in a clause", width)
    if expected == {"DATE"}:
        parts = word.split("-")
        example = "-".join(p.zfill(2) for p in parts) if len(parts) == 3 and \
            all(p.isdigit() for p in parts) and len(parts[0]) == 4 else "2024-05-01"
        if token.type == "STRING" and re.fullmatch(r'"\d{4}-\d{2}-\d{2}"', word):
            return Explanation(f"the date {word} must not be in quotes",
                               f"write `{word[1:-1]}`", width)
        return Explanation(f"unexpected {_describe_token(token, keywords)}; expected "
                           f"{describe_expected(expected, keywords)}",
                           f"write dates as YYYY-MM-DD, e.g. `{example}`", width)
    if len(previous) == 2 and previous[1] == "per" and re.fullmatch(r"[\d,.]+", previous[0]):
        line, column = _position(text, _previous_pos_of(text, token.start_pos, 2))
        return Explanation(f"the number `{previous[0]}` has no unit",
                           f"write the unit after it, e.g. `{previous[0]} posts`",
                           len(previous[0]), line, column)
    if token.type == "STRING" and "CLAUSE_ID" in expected:
        return Explanation("a clause needs an id before its title",
                           'write e.g. `clause II.A "Title":`', width)
    if "CLAUSE_ID" in expected and token.type in ("COLON",):
        return Explanation("a clause needs an id", 'write e.g. `clause II.A "Title":`', width)
    if "COLON" in expected and token.type in ("CLAUSE_ID", "NUMBER") and \
            any(c.isdigit() for c in word) and before and \
            before[-1].type in ("CLAUSE_ID", "NUMBER") and before[-2:-1] and \
            before[-2].type == "CLAUSE":
        first = before[-1]
        joined = f"{first}.{word}" if word[0].isdigit() and str(first)[-1].isdigit() \
            else f"{first}-{word}"
        return Explanation(f"the clause id `{first} {word}` has a space in it",
                           f"write the id as one word, e.g. `{joined}`",
                           token.end_pos - first.start_pos, first.line, first.column)
    if "COLON" in expected and "STRING" in expected:
        if word in PARTIES:
            return Explanation("the clause heading must end with `:`",
                               'write e.g. `clause II.A "Title": licensee may ...`', width)
        return Explanation(f"the title `{word}` must be in double quotes",
                           f'write `"{word}"`', width)
    if "STRING" in expected and token.type == "NAME" and "NAME" not in expected:
        return Explanation(f"`{word}` must be a quoted text", f'write `"{word}"` in double quotes',
                           width)
    if expected & {"SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "CALENDAR"} and \
            token.type == "NAME":
        best = suggest(word, WINDOW_WORDS)
        help = f"did you mean `{WINDOW_WORDS[best]}`?" if best else \
            "write e.g. `per 15 minutes` or `per calendar month`"
        return Explanation(f"`{word}` is not a time window", help, width)
    if {"LESS", "AT"} <= expected:  # a measure compared with a number
        return Explanation(f"`{word}` does not compare a measure with a number",
                           "write `more than`, `less than`, `at least` or `at most`, e.g. "
                           "`user's age is less than 13`", width)
    return Explanation(f"unexpected {_describe_token(token, keywords)}; expected "
                       f"{describe_expected(expected, keywords)}",
                       "compare the statement with its form in docs/language.md", width)


def _expected(err) -> set[str]:
    """The terminals the construct being written can go on with. The parser's table merges
    the states of phrases alike (a quantity in a limit and in a fee), and so offers, at a
    word that follows one, the words that follow any (`beyond` after a limit's quantity):
    each is tried on a copy of the parser, and those it takes are kept."""
    expected = set(getattr(err, "expected", ()) or ())
    parser = getattr(err, "interactive_parser", None)
    if parser is None or not expected:
        return expected
    return set(parser.accepts()) & expected or expected


def _heading_slip(token, before, expected) -> Explanation | None:
    """A clause heading ended by `.` (in place of its `:`), whose `:` is missing after its
    title, or whose title holds a `"` that ends it early (`"The "Rate" limit"`)."""
    if "COLON" not in expected:
        return None
    types = [t.type for t in before]
    if token.type == "DOT" and "DOT" not in expected:  # (`:` is wanted in a heading alone)
        written = "`" + " ".join(str(t) for t in before[types.index("CLAUSE"):]) + \
            ": licensee ...`" if "CLAUSE" in types else "`:` in place of the `.`"
        return Explanation("the clause heading ends with `.`, not `:`",
                           f"write {written}: a `.` ends the clause, after its rule", 1)
    if "CLAUSE" not in types:
        return None
    heading = before[types.index("CLAUSE"):]
    last = before[-1]
    if last.type != "STRING":
        return None  # (a heading with no title is told by `explain`)
    if token.start_pos == last.end_pos and token.type not in expected:
        inner = f'{str(last)[:-1]}\\"{token}\\"'
        return Explanation("a `\"` inside the title ends the title here",
                           f'write a quote inside a title as `\\"`, e.g. `{inner} ..."`', 1,
                           last.end_line, last.end_column - 1)
    if token.type in ("LICENSEE", "LICENSOR"):
        written = " ".join(str(t) for t in heading)
        return Explanation("the clause heading must end with `:`",
                           f"write `{written}: {token} ...`", 1, last.end_line,
                           last.end_column)
    return None


def underscored(number: str, rest: str) -> tuple[str, str] | None:
    """A number written with `_` between its digits, as a program writes it (`1_000`), which
    the language reads as the number `1` and the name `_000`: what to say of it, and the fix."""
    if "." in number or not re.fullmatch(r"(?:_\d+)+", rest):
        return None
    written = int(number.replace(",", "") + rest.replace("_", ""))
    return (f"`{number}{rest}` is not a number",
            f"thousands are separated by a comma: write `{written:,}`")


# What a number written with a letter after it means (`10k`).
_MULTIPLES = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000, "bn": 1_000_000_000}
# The words that stand for `per` in everyday English (`100 requests a day`).
_PER_WORDS = ("a", "an", "each", "every")


def _amount_slip(token, before, expected) -> Explanation | None:
    """An amount or a rate in a limit written as in everyday English: `must not read no more
    than`, `10k`, `1 000`, `1,00`, `100 requests a day`."""
    from decimal import Decimal

    word = str(token)
    types = [t.type for t in before]
    if token.type == "MORE" and types[-4:] == ["MUST", "NOT", "NAME", "NAME"] and \
            str(before[-1]) == "no":
        action, no = before[-2], before[-1]
        return Explanation("`must not` and `no` make a double negative",
                           f"write `must not {action} more than`", len(no), no.line, no.column)
    if not before:
        return None
    if types[-2:] == ["NUMBER", "NAME"] and before[-1].start_pos == before[-2].end_pos and \
            str(before[-1]) in _MULTIPLES:
        number, letter = before[-2], before[-1]
        value = Decimal(str(number).replace(",", "")) * _MULTIPLES[str(letter)]
        if value == value.to_integral_value():
            return Explanation(f"`{number}{letter}` is not a number",
                               f"write the number in full: `{int(value):,}`",
                               letter.end_pos - number.start_pos, number.line, number.column)
    for number, name in [(before[-1], token), *([tuple(before[-2:])] if before[1:] else [])]:
        said = underscored(str(number), str(name)) if number.type == "NUMBER" and \
            name.type == "NAME" and name.start_pos == number.end_pos else None
        if said is not None:
            return Explanation(*said, name.end_pos - number.start_pos, number.line, number.column)
    if types[-2:] == ["NUMBER", "NAME"] and word in _PER_WORDS and "PER" in expected:
        number, unit = before[-2], before[-1]
        return Explanation(f"a rate is written with `per`, not `{word}`",
                           f"write `per` in place of `{word}`, e.g. `{number} {unit} per "
                           "day`", len(word))
    number = before[-1]
    if expected != {"NAME"} or number.type != "NUMBER":
        return None
    if word.isdigit() and len(word) == 3 and len(str(number).rpartition(",")[2]) <= 3:
        return Explanation(f"the number `{number} {word}` has a space in it",
                           f"thousands are separated by a comma, e.g. `{number},{word}`",
                           token.end_pos - number.start_pos, number.line, number.column)
    if token.type == "COMMA" and token.start_pos == number.end_pos:
        return Explanation(f"the comma after `{number}` does not separate thousands",
                           "a comma in a number comes before each group of three digits, "
                           "e.g. `1,000`; a number below a thousand has none, e.g. `100`", 1)
    return None


def _unclosed(text: str, pos: int) -> Explanation | None:
    """Points at the `(` left open in the statement that runs up to ``pos``, if one is."""
    statement, start = _statement_before(text, pos)
    opened = []
    for match in re.finditer(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*|[()]', statement):
        if match.group() == "(":
            opened.append(match.start())
        elif match.group() == ")" and opened:
            opened.pop()
    if not opened:
        return None
    line, column = _position(text, start + opened[-1])
    return Explanation("this `(` is never closed", "add the missing `)` where the bracketed "
                       "condition ends", 1, line, column)


def describe_terminal(name: str, keywords: dict[str, str]) -> str:
    if name in TOKEN_WORDS:
        return TOKEN_WORDS[name]
    word = keywords.get(name)
    return f"`{word}`" if word is not None else name.lower()


def describe_expected(names, keywords: dict[str, str]) -> str:
    words = sorted({describe_terminal(n, keywords) for n in names})
    if len(words) > 6:
        return ", ".join(words[:6]) + " or another word of the language"
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _describe_token(token, keywords: dict[str, str]) -> str:
    if token.type in ("NAME", "CLAUSE_ID", "NUMBER", "DATE"):
        return f"`{token}`"
    return describe_terminal(token.type, keywords) if token.type != "STRING" else f"text {token}"


def _keywords(expected, keywords: dict[str, str]) -> list[str]:
    """The words the writer may have meant: those the grammar expects here, and the words that
    begin a statement where one may begin."""
    words = [w for w in (keywords.get(name) for name in expected) if w]
    starts = any(keywords.get(name) in STATEMENT_WORDS for name in expected)
    return words + list(STATEMENT_WORDS) if starts else words


def _tokens_before(err) -> list:
    """The tokens the parser read last before the one it stopped at, oldest first, as far
    back as it has not yet grouped them into a phrase."""
    from lark import Token

    state = getattr(getattr(err, "interactive_parser", None), "parser_state", None)
    found: list = []
    for value in reversed(getattr(state, "value_stack", None) or []):
        if not isinstance(value, Token):
            break
        found.append(value)
    return found[::-1]


def _position(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _previous_pos_of(text: str, pos: int, count: int) -> int:
    """Start offset of the ``count``-th word before ``pos`` (comments are not skipped)."""
    for _ in range(count):
        end = pos
        while end > 0 and text[end - 1].isspace():
            end -= 1
        pos = end
        while pos > 0 and not text[pos - 1].isspace():
            pos -= 1
    return pos


def _previous_words(text: str, pos: int, count: int) -> list[str]:
    start = _previous_pos_of(text, pos, count)
    return text[start:pos].split()[-count:]


def _statement_before(text: str, pos: int) -> tuple[str, int]:
    """The text of the statement that contains ``pos`` up to it, and where it starts."""
    start = max(text.rfind(".\n", 0, pos), text.rfind(". ", 0, pos))
    start = 0 if start < 0 else start + 1
    return text[start:pos], start


def _on_new_line(text: str, token) -> bool:
    end = _previous_pos_of(text, token.start_pos, 1)
    return text.count("\n", end, token.start_pos) > 0


def _end_of_last_word(text: str, pos: int | None = None) -> dict:
    pos = len(text) if pos is None else pos
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    line, column = _position(text, pos)
    return {"line": line, "column": column}
