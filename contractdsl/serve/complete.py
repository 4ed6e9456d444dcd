"""A text and a position to what the grammar accepts there: the keywords, and the kind of name
(a purpose, a recipient, a clause id, ...) a name written there would refer to.

The text before the position is fed, token by token, to the parser itself; what a name there
refers to is found by feeding it a stand-in name and seeing which rule of the grammar takes it
in, read with the same table of rules the model's builder reads (``REF_KINDS``). Where the
checker asks more of a name than its kind (a clause named by `notwithstanding` is a prohibition
or a limit; a price is in a unit of money, a limit's count is not), the stand-in is fed on until
the rule that says which is found, and the names are narrowed to those the checker accepts
there (``roles``).
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

# The words that name the clauses in a list of clause ids, by the rule around the list: the
# keys of the checker's ``CLAUSE_REFS``, which says what kind of clause each may name.
CLAUSE_ROLES = {"notwithstanding": "notwithstanding", "exception": "except as permitted by"}
# What the unit of a quantity (or a unit named alone) must measure, by the rule it is in, as the
# checker asks (its ``money`` and ``counted``): `money`, `counted`, or None: either (a tier's
# allowance caps things counted or money spent). A fee's are read from the fee itself
# (``_role_in_fee``).
UNIT_ROLES = {"price": "money", "earning": "money", "liability_cap": "money",
              "cap_window": "counted", "cap_total": "counted", "cap_each": "counted",
              "cap_concurrent": "counted", "allowance": None}
# The rules whose action the checker's ``doing`` reads: what a clause or an allowance says is
# done, an action or an act. Elsewhere (`action is`, an action's parent) an action alone.
DOING = ("activity", "limit", "allowance")
# Where the checker takes a fact's name or a name of another kind: a condition that names a
# fact alone (`when approval`) holds a standard too, and a duty is shown by a fact or an act.
FACT_OR = {"fact": "standard", "shown_by": "act"}


@attrs.frozen
class Expected:
    """What may be written at a position: keywords, the kinds of names (a term kind, `unit`,
    `app`, `tier`, `label`, `event` or `clause`), and where the word being typed starts.
    ``roles`` narrows each kind: for a clause, the words that name it (`notwithstanding`,
    `except as permitted by`); for a unit, what it must measure (`money`, `counted`), and
    where it must be the unit another is, that too (`counted like posts`); for an attribute or a measure, the party it is of
    (`licensee`, `user`); for an action, `use` where an act may not stand for it (`action
    is`, an action's parent); else None."""

    keywords: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    start: int = 0
    roles: tuple[str | None, ...] = ()


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
    taken = [_kind_taken(parser, terminal) for terminal in ("NAME", "CLAUSE_ID")
             if terminal in accepted]
    # (a fact where another kind may stand: each kind offered, as the checker reads it)
    taken = [each for found in taken if found is not None
             for each in ([("fact", None), (found[1], None)] if found[0] == "fact" and found[1]
                          else [found])]
    return Expected(keywords=found_keywords, kinds=tuple(kind for kind, _ in taken),
                    start=start, roles=tuple(role for _, role in taken))


def _is_word(token: Token) -> bool:
    return token.type in ("NAME", "CLAUSE_ID") or str(token).isalpha()


def _kind_taken(parser, terminal: str) -> tuple[str, str | None] | None:
    """The kind of name a ``terminal`` fed next would be, and its role (see ``Expected``):
    feed a stand-in, then whatever the grammar accepts (a full stop where it can), until a
    rule takes the stand-in in, and where the role is read from a rule around it (a clause's,
    a unit's), until that rule does (none found: any name of the kind)."""
    probe = parser.copy()
    stand_in = Token(terminal, "X" if terminal == "CLAUSE_ID" else "x")
    words = keywords()
    kind = _UNKNOWN
    try:
        probe.feed_token(stand_in)
        for _ in range(_STEPS):
            path = _path_in(probe.parser_state.value_stack, stand_in)
            if path is not None and kind is _UNKNOWN:
                kind = _kind_of(path)
            if kind is None:
                return None
            if kind is not _UNKNOWN:
                role = _role_of(kind, path, stand_in)
                if role is not _UNKNOWN:
                    return kind, role
            accepted = probe.accepts() - {"$END"}
            if not accepted:
                break
            following = "DOT" if "DOT" in accepted else min(accepted)
            probe.feed_token(Token(following, words.get(following, "x")))
    except UnexpectedInput:
        pass
    return None if kind is _UNKNOWN or kind is None else (kind, None)


def _path_in(stack, stand_in: Token) -> list[Tree] | None:
    for item in stack:
        path = _path_to(item, stand_in)
        if path is not None:
            return path
    return None


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


def _role_of(kind: str, path: list[Tree], stand_in: Token):
    """What narrows a name of ``kind`` taken in by the rules on ``path`` (see ``Expected``);
    ``_UNKNOWN`` while the rule that says is not yet on it."""
    if kind == "fact":
        holder = next(t for t in reversed(path)
                      if not t.data.startswith("_") and t.data not in INHERITING)
        return FACT_OR.get(holder.data)
    if kind in ("attribute", "measure", "action"):
        holder = next(t for t in reversed(path)
                      if not t.data.startswith("_") and t.data not in INHERITING)
        if kind == "action":
            return None if holder.data in DOING else "use"
        # an attribute or a measure of the party the condition names (a statement: licensee)
        subject = next((c for c in holder.children if isinstance(c, Tree)
                        and c.data == "subject"), None)
        return str(subject.children[0]) if subject is not None else "licensee"
    roles = {"clause": CLAUSE_ROLES, "unit": UNIT_ROLES}.get(kind)
    if roles is None:
        return None
    for depth in range(len(path) - 1, -1, -1):
        rule = path[depth].data
        below = path[depth + 1] if depth + 1 < len(path) else stand_in
        if rule == "fee":
            return _role_in_fee(path[depth], below)
        if rule == "extreme":  # the amounts compared are in the currency of the first
            first = next(c for c in path[depth].children
                         if isinstance(c, Tree) and c.data == "quantity")
            return "money" if first is below else f"money like {first.children[1]}"
        if rule in roles:
            return roles[rule]
    return _UNKNOWN


def _role_in_fee(fee: Tree, below) -> str:
    """The role of a unit in a fee, written in ``below`` (the stand-in, or the tree holding
    it): the price (the first quantity) is money, what it is charged per is counted, and a
    threshold counts the same unit as that (`counted like posts`)."""
    price, per = [c for c in fee.children if isinstance(c, Tree) and c.data == "quantity"
                  or isinstance(c, Token) and c.type == "NAME"][:2]
    if below is price:
        return "money"
    if isinstance(below, Tree) and below.data in ("beyond", "if_more"):
        return f"counted like {per.children[1] if isinstance(per, Tree) else per}"
    return "counted"
