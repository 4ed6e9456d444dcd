"""A text and a position to what the grammar accepts there: the keywords, and the kind of name
(a purpose, a recipient, a clause id, ...) a name written there would refer to.

The text before the position is fed, token by token, to the parser itself; what a name there
refers to is found by feeding it a stand-in name and seeing which rule of the grammar takes it
in, read with the same table of rules the model's builder reads (``REF_KINDS``).
"""

from __future__ import annotations

import attrs
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from ..syntax.build import REF_KINDS
from ..syntax.parser import interactive, keywords

# Rules whose names take their kind from the rule around them.
INHERITING = ("alternatives", "names")
_UNKNOWN = object()  # the stand-in is not yet inside a rule that says what it is
_STEPS = 24  # tokens fed after the stand-in before giving up


@attrs.frozen
class Expected:
    """What may be written at a position: keywords, the kinds of names (a term kind, `unit`,
    `app`, `tier`, `label`, `event` or `clause`), and where the word being typed starts."""

    keywords: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    start: int = 0


def expected(text: str, offset: int) -> Expected:
    """What the grammar accepts at ``offset`` of ``text`` (after the word typed up to it)."""
    prefix = text[:offset]
    parser = interactive(prefix)
    start = offset
    try:
        for token in parser.lexer_thread.lex(parser.parser_state):
            if token.end_pos == len(prefix) and _is_word(token):
                start = token.start_pos  # the word being typed: what comes before it counts
                break
            parser.feed_token(token)
    except UnexpectedInput as err:
        where = err.pos_in_stream if err.pos_in_stream is not None else len(prefix)
        if any(c.isspace() for c in prefix[where:]):
            return Expected(start=offset)  # the text before the word does not parse
        start = where
    accepted = parser.accepts()
    words = keywords()
    found_keywords = tuple(sorted({words[t] for t in accepted
                                   if t in words and words[t].isalpha()}))
    kinds = []
    for terminal in ("NAME", "CLAUSE_ID"):
        if terminal in accepted:
            kind = _kind_taken(parser, terminal)
            if kind is not None:
                kinds.append(kind)
    return Expected(keywords=found_keywords, kinds=tuple(kinds), start=start)


def _is_word(token: Token) -> bool:
    return token.type in ("NAME", "CLAUSE_ID") or str(token).isalpha()


def _kind_taken(parser, terminal: str) -> str | None:
    """The kind of name a ``terminal`` fed next would be: feed a stand-in, then whatever the
    grammar accepts (a full stop where it can), until a rule takes the stand-in in."""
    probe = parser.copy()
    stand_in = Token(terminal, "X" if terminal == "CLAUSE_ID" else "x")
    words = keywords()
    try:
        probe.feed_token(stand_in)
        for _ in range(_STEPS):
            kind = _kind_in(probe.parser_state.value_stack, stand_in)
            if kind is not _UNKNOWN:
                return kind
            accepted = probe.accepts() - {"$END"}
            if not accepted:
                return None
            following = "DOT" if "DOT" in accepted else min(accepted)
            probe.feed_token(Token(following, words.get(following, "x")))
    except UnexpectedInput:
        return None
    return None


def _kind_in(stack, stand_in: Token):
    for item in stack:
        path = _path_to(item, stand_in)
        if path is not None:
            return _kind_of(path)
    return _UNKNOWN


def _path_to(item, stand_in: Token) -> list[Tree] | None:
    """The trees from ``item`` down to the one holding ``stand_in``, or None."""
    if not isinstance(item, Tree):
        return None
    stack = [(item, [item])]
    while stack:
        tree, path = stack.pop()
        for child in tree.children:
            if child is stand_in:
                return path
            if isinstance(child, Tree):
                stack.append((child, [*path, child]))
    return None


def _kind_of(path: list[Tree]):
    for depth in range(len(path) - 1, -1, -1):
        rule = path[depth].data
        if rule.startswith("_") or rule in INHERITING:
            continue  # inlined helpers and lists: the rule around them says
        if rule == "clause_refs":
            return "clause"
        if rule == "parent":  # a term's parent is a term of its own kind
            return next((str(t.children[0].children[0]) for t in path[:depth]
                         if t.data == "term_def"), _UNKNOWN)
        return REF_KINDS.get(rule)  # a rule that defines a name: nothing to propose
    return _UNKNOWN
