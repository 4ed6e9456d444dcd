"""Text to tree: the Lark LALR parser, built once, with syntax errors in the writer's words."""

from __future__ import annotations

import contextvars
import functools
from importlib import resources
from pathlib import Path

from .errors import AgreementError, Diagnostic, source_line

MAX_NESTING = 100

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


def grammar_text() -> str:
    """The grammar shipped inside the package (or, in a source checkout, `grammars/`)."""
    packaged = resources.files("contractdsl").joinpath("grammars", "agreement.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parent.parent / "grammars" / "agreement.lark"
    return checkout.read_text(encoding="utf-8")


# The parser is built once; its lexer callbacks hand tokens to whichever parse is running.
_SINK: contextvars.ContextVar = contextvars.ContextVar("contractdsl_lexer_sink")


def _on_comment(token):
    _SINK.get()[0](token)
    return token


def _on_open(token):
    return _SINK.get()[1](token)


def _on_close(token):
    return _SINK.get()[2](token)


@functools.cache
def _lark():
    """The parser: loaded from the parse cache when it holds one built by this toolchain."""
    import io

    import lark

    from . import cache

    folder = cache.folder()
    saved = cache.read(folder, "parser", cache.toolchain()) if folder else None
    if saved is not None:
        try:
            return lark.Lark.load(io.BytesIO(saved))
        except Exception:  # a signed entry that still does not load: build the parser again
            pass
    parser = build_uncached()
    if folder:
        buffer = io.BytesIO()
        parser.save(buffer)
        cache.write(folder, "parser", cache.toolchain(), buffer.getvalue())
    return parser


def build_uncached():
    """Build the parser from the grammar with every strict-mode check."""
    import lark

    return lark.Lark(
        grammar_text(),
        parser="lalr",
        strict=True,
        propagate_positions=True,
        maybe_placeholders=False,
        lexer_callbacks={"COMMENT": _on_comment, "LPAR": _on_open, "RPAR": _on_close},
    )


def keyword_of(terminal: str) -> str | None:
    """The literal text of a keyword terminal (`MAY` -> `may`), else None."""
    parser = _lark()
    for term in parser.terminals:
        if term.name == terminal and term.pattern.type == "str":
            return term.pattern.value
    return None


def describe_terminal(name: str) -> str:
    if name in TOKEN_WORDS:
        return TOKEN_WORDS[name]
    word = keyword_of(name)
    return f"`{word}`" if word is not None else name.lower()


def describe_expected(names) -> str:
    words = sorted({describe_terminal(n) for n in names})
    if len(words) > 6:
        return ", ".join(words[:6]) + " or another word of the language"
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def parse_tree(text: str, filename: str = "<string>"):
    """Parse agreement text into a Lark tree and the comments it holds.

    Raises :class:`AgreementError` with one located diagnostic on a syntax error.
    """
    import lark

    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        column = text.index("\x00") - (text.rfind("\n", 0, text.index("\x00")) + 1) + 1
        raise _error(text, filename, line, column, "the file contains a NUL byte",
                     "agreement files are plain text; remove the binary data", code="not-text")
    comments: list = []
    depth = [0]

    def open_paren(token):
        depth[0] += 1
        if depth[0] > MAX_NESTING:
            raise _error(text, filename, token.line, token.column,
                         f"conditions are nested more than {MAX_NESTING} parentheses deep",
                         "split the condition into simpler clauses", code="too-deep")
        return token

    def close_paren(token):
        depth[0] -= 1
        return token

    token = _SINK.set((comments.append, open_paren, close_paren))
    try:
        tree = _lark().parse(text)
    except AgreementError:
        raise
    except lark.exceptions.UnexpectedInput as err:
        raise syntax_error(err, text, filename) from None
    finally:
        _SINK.reset(token)
    return tree, comments


def _error(text, filename, line, column, message, help=None, width=1,
           code="syntax") -> AgreementError:
    diag = Diagnostic(file=filename, line=line, column=column, message=message, help=help,
                      code=code, source_line=source_line(text, line), width=width)
    return AgreementError(message, [diag])


def syntax_error(err, text: str, filename: str) -> AgreementError:
    """Turn a raw Lark error into one located diagnostic in the writer's words."""
    from .friendly import explain

    found = explain(err, text)
    line = found.line or (err.line if getattr(err, "line", -1) > 0 else 1)
    column = found.column or (err.column if getattr(err, "column", -1) > 0 else 1)
    return _error(text, filename, line, column, found.message, found.help, found.width)
