"""Text to tree: the Lark LALR parser, built once, with syntax errors in the writer's words."""

from __future__ import annotations

import contextvars
import functools
import re
from importlib import resources
from pathlib import Path

from lark import Token

from ..errors import AgreementError, Diagnostic, source_line
from ..limits import MAX_PARENTHESES as MAX_NESTING
from ..limits import MAX_SYNTAX_ERRORS
from .friendly import explain

def grammar_text() -> str:
    """The grammar shipped inside the package (or, in a source checkout, `grammars/`)."""
    packaged = resources.files("contractdsl").joinpath("grammars", "agreement.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammars" / "agreement.lark"
    return checkout.read_text(encoding="utf-8")


# The parser is built once; its lexer callbacks hand tokens to whichever parse is running.
def _unchanged(token):
    return token


# Outside a parse (an interactive parser feeding itself), comments and parentheses are let by.
_SINK: contextvars.ContextVar = contextvars.ContextVar(
    "contractdsl_lexer_sink", default=(_unchanged, _unchanged, _unchanged))


def _on_comment(token):
    _SINK.get()[0](token)
    return token


def _on_open(token):
    return _SINK.get()[1](token)


def _on_close(token):
    return _SINK.get()[2](token)


# How the parser is made: built from the grammar, unless the loading stage has set this to
# read it from its parse cache (:func:`contractdsl.loading.cache.parser`), which keeps it on disk.
builder = None


@functools.cache
def _lark():
    """The parser, made once per process."""
    return (builder or build_uncached)()


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


@functools.cache
def keywords() -> dict[str, str]:
    """The literal text of each keyword terminal (`MAY` -> `may`)."""
    return {term.name: term.pattern.value for term in _lark().terminals
            if term.pattern.type == "str"}


@functools.cache
def patterns() -> dict[str, "re.Pattern[str]"]:
    """The regular expression of each terminal written as one (`NAME`, `CLAUSE_ID`, ...)."""
    return {term.name: re.compile(term.pattern.to_regexp()) for term in _lark().terminals
            if term.pattern.type == "re"}


def interactive(text: str):
    """A Lark interactive parser over ``text``, fed token by token by its reader: which tokens
    the grammar accepts where the text stops (an editor's completion)."""
    return _lark().parse_interactive(text)


class _Rule:
    """A rule as the LALR loop reads it, found by identity (Lark's own rules and names are
    compared field by field in Python at every reduction): the length of its expansion, the
    name it reduces to (a plain string), the name of the node it makes, whether Lark inlines
    it (a name that begins with `_`: its children are spliced into its parent's), Lark's
    child filter as a plan the loop follows: the positions of the children it keeps (keywords
    are dropped unless the rule keeps every token), each marked when it holds an inlined
    rule's children to splice (None: every child kept as it is), and, by the state the parser
    is in once the rule's children are taken off its stack, the state it goes to."""

    __slots__ = ("expansion", "origin", "name", "node", "inlined", "plan", "size", "goto")

    def __init__(self, rule):
        if rule.options.expand1:
            raise ValueError(f"the grammar's rule `{rule.origin.name}` is inlined when it has "
                             "one child, which the parser does not follow")
        # the loop reads `rule.origin.name`: the origin is the rule itself, named plainly
        self.expansion, self.origin, self.name = rule.expansion, self, str(rule.origin.name)
        self.node = str(rule.alias or rule.origin.name)
        self.inlined = self.node.startswith("_")
        keep_all = rule.options.keep_all_tokens
        kept = tuple((i, not sym.is_term and sym.name.startswith("_"))
                     for i, sym in enumerate(rule.expansion)
                     if keep_all or not (sym.is_term and sym.filter_out))
        self.plan = None if len(kept) == len(rule.expansion) and not any(
            splice for _, splice in kept) else kept
        self.size = len(rule.expansion)
        self.goto: dict = {}  # (filled in by `_table`)


@functools.cache
def _table(grammar):
    """The grammar's LALR table with plain names and rules found by identity (see
    :class:`_Rule`); made once per parser."""
    from lark.parsers.lalr_analysis import ParseTableBase, Reduce, Shift

    table = grammar.parser.parser.parser.parse_table
    rules: dict[int, _Rule] = {}
    for actions in table.states.values():
        for action, arg in actions.values():
            if action is Reduce and id(arg) not in rules:
                rules[id(arg)] = _Rule(arg)
    states = {state: {str(kind): (action, rules[id(arg)] if action is Reduce else arg)
                      for kind, (action, arg) in actions.items()}
              for state, actions in table.states.items()}
    gotos: dict[str, dict] = {}  # the state each name leads to, by the state it is read in
    for state, actions in states.items():
        for kind, (action, arg) in actions.items():
            if action is Shift:
                gotos.setdefault(kind, {})[state] = arg
    for rule in rules.values():
        rule.goto = gotos[rule.name]
    return ParseTableBase(states, table.start_states, table.end_states)


_BLANK = "(?:[ \t\f\r\n])"  # one character of Lark's `WS` terminal (its expression: `+`)


@functools.cache
def _scanning(grammar) -> dict:
    """For each state of the parser, what Lark's contextual lexer scans with there: its
    expressions (each skipping the blanks before a token, where Lark skips `WS`; the one
    expression alone where there is one), and what a token of some terminals asks beyond
    its type, text and place (the others ask nothing): whether Lark skips it, whether it may
    hold a line break, the keywords that a name of it can be (Lark tells them apart after
    the match) and its callback."""
    from lark.lexer import UnlessCallback

    found, made = {}, {}
    for state, lexer in grammar.parser.lexer.lexers.items():
        if id(lexer) not in made:
            mres = lexer.scanner._mres  # builds the scanner and the callbacks
            callbacks, keywords = {}, {}
            for kind, callback in lexer.callback.items():
                if type(callback) is UnlessCallback and not lexer.g_regex_flags and all(
                        t.pattern.type == "str" and not t.pattern.flags
                        for t in callback.scanner.terminals):
                    keywords[kind] = {t.pattern.value: t.name for t in callback.scanner.terminals}
                else:
                    callbacks[kind] = callback
            blank = next((t for t in lexer.terminals if t.name == "WS"), None)
            if blank is not None and "WS" in lexer.ignore_types and \
                    blank.pattern.to_regexp() == _BLANK + "+":
                # the blanks before a token are skipped by the same match (see `_tokens`)
                mres = [re.compile(f"{_BLANK}*(?:{mre.pattern})", mre.flags)
                        for mre in mres]
            asks = {kind: (kind in lexer.ignore_types, kind in lexer.newline_types,
                           keywords.get(kind), callbacks.get(kind))
                    for kind in {*lexer.ignore_types, *lexer.newline_types, *keywords,
                                 *callbacks}}
            made[id(lexer)] = (mres[0] if len(mres) == 1 else None, tuple(mres), asks)
        found[state] = made[id(lexer)]
    return found


def _tokens(thread, scanning, parser_state):
    """The tokens of Lark's contextual lexer, its loop written out (a token's type, text and
    place are those Lark gives it), and Lark's `$END` after them; where no terminal matches,
    Lark's own lexer goes on from there and says why."""
    stack = parser_state.state_stack  # (the parser's state is the last on it)
    lexer_state = thread.state
    text, end = lexer_state.text.text, lexer_state.text.end
    counter = lexer_state.line_ctr
    pos, line, line_start = counter.char_pos, counter.line, counter.line_start_pos
    new = getattr(Token, "_future_new", Token)  # Token(...) without its check of old names
    made = str.__new__  # a token's text, its place set on it as `new` sets it
    # the first line break at or after `pos` (past the text: none), so that the blanks
    # before a token are searched for line breaks only when they hold one
    next_break = _break(text, pos)
    token = None
    try:
        while pos < end:
            mre, mres, asks = scanning[stack[-1]]
            if mre is not None:
                match = mre.match(text, pos, end)
            else:
                match = next(filter(None, (mre.match(text, pos, end) for mre in mres)), None)
            if match is None:
                break
            kind = match.lastgroup
            start, stop = match.span(match.lastindex)
            if start > next_break:  # the blanks skipped before the token break a line
                breaks = text.count("\n", pos, start)
                if breaks:
                    line += breaks
                    line_start = text.rindex("\n", pos, start) + 1
                next_break = _break(text, start)
            start_line, column = line, start - line_start + 1
            pos = stop
            value = text[start:stop]
            ask = asks.get(kind)
            if ask is None:  # a token that asks nothing more
                token = made(Token, value)
                token.type, token.value, token.start_pos, token.end_pos = kind, value, start, pos
                token.line, token.column, token.end_line = start_line, column, line
                token.end_column = pos - line_start + 1
                yield token
                continue
            ignored, newline, words, callback = ask
            if newline:
                breaks = value.count("\n")
                if breaks:
                    line += breaks
                    line_start = start + value.rindex("\n") + 1
                    next_break = _break(text, pos)
            if ignored:
                if callback is not None:
                    callback(new(kind, value, start, start_line, column, line,
                                 pos - line_start + 1, pos))
                continue
            token = made(Token, value)
            token.type, token.value, token.start_pos, token.end_pos = kind, value, start, pos
            token.line, token.column, token.end_line = start_line, column, line
            token.end_column = pos - line_start + 1
            if words is not None:
                token.type = words.get(value, kind)
            if callback is not None:
                token = callback(token)
            yield token
    finally:
        counter.char_pos, counter.line, counter.line_start_pos = pos, line, line_start
        counter.column = pos - line_start + 1
        if token is not None:
            lexer_state.last_token = token
    if pos < end:
        yield from thread.lexer.lex(lexer_state, parser_state)
    last = lexer_state.last_token
    yield Token.new_borrow_pos("$END", "", last) if last else Token("$END", "", 0, 1, 1)


def _break(text: str, pos: int) -> int:
    """Where the first line break at or after ``pos`` is (past the text's end: none)."""
    found = text.find("\n", pos)
    return len(text) if found < 0 else found


def _reduced(grammar, lexer, node):
    """Lark's LALR loop over the grammar's table (see :func:`_table`), its steps written out,
    the tokens read by :func:`_tokens`: each node goes to ``node`` as it is reduced, with the
    first and last tokens it spans, and the file's node is returned. Where the table has no
    step for a token, Lark's own loop takes it and says why."""
    from lark.exceptions import UnexpectedInput
    from lark.parsers.lalr_analysis import Shift
    from lark.parsers.lalr_interactive_parser import InteractiveParser
    from lark.parsers.lalr_parser_state import ParseConf, ParserState

    table = _table(grammar)
    parser = ParserState(ParseConf(table, {}, "start"), lexer)
    states, done = table.states, table.end_states["start"]
    state_stack, value_stack = parser.state_stack, parser.value_stack
    places: list = []  # beside each value, the first and last tokens it spans (None: none)
    try:
        for token in _tokens(lexer, _scanning(grammar), parser):
            kind = token.type
            while True:
                step = states[state_stack[-1]].get(kind)
                if step is None:
                    parser.feed_token(token, kind == "$END")  # raises Lark's own error
                action, arg = step
                if action is Shift:
                    state_stack.append(arg)
                    value_stack.append(token)
                    places.append((token, token))
                    break
                size, plan = arg.size, arg.plan
                if size == 1:  # one child, whose place is the node's
                    children, place = value_stack.pop(), places.pop()
                    del state_stack[-1]
                    # kept as it is; an inlined rule's children, spliced; or a keyword, dropped
                    children = [children] if plan is None else children if plan else []
                else:
                    place = None
                    if size:
                        children, spans = value_stack[-size:], places[-size:]
                        del state_stack[-size:]
                        del value_stack[-size:]
                        del places[-size:]
                        first, last = spans[0], spans[-1]
                        if first is None or last is None:  # a node that spans no token at an edge
                            spans = [span for span in spans if span is not None]
                            first, last = (spans[0], spans[-1]) if spans else (None, None)
                        if first is not None:
                            place = (first[0], last[1])
                    else:
                        children = []
                    if plan is not None:  # Lark's child filter, written out
                        kept: list = []
                        for i, splice in plan:
                            if not splice:
                                kept.append(children[i])
                            elif kept:
                                kept += children[i]
                            else:  # (a list of the left-recursive rule's own, which it grows)
                                kept = children[i]
                        children = kept
                value = children if arg.inlined else node(arg.node, children, place)
                state = arg.goto[state_stack[-1]]
                state_stack.append(state)
                value_stack.append(value)
                places.append(place)
                if state == done and kind == "$END":
                    return value
    except UnexpectedInput as err:  # (its reader goes on from where the parser stands)
        err.interactive_parser = InteractiveParser(grammar.parser.parser.parser, parser,
                                                   lexer)
        raise


# A carriage return that does not end a line with the line feed after it.
_CR_ALONE = re.compile("\r(?!\n)")


def parse_tree(text: str, filename: str = "<string>", node=None):
    """Parse agreement text into a Lark tree and the comments it holds.

    With ``node``, no tree is made: each node is handed to ``node(name, children, place)``
    as soon as the parser reduces it, its children being what ``node`` gave back for the
    nodes under it (and the tokens Lark keeps), ``place`` the first and last tokens it spans
    (None if it spans none); what ``node`` gives back for the file is returned with the
    comments, and a syntax error is raised as Lark's own.
    Raises :class:`AgreementError` at a syntax error, with every syntax error of the file
    (see :func:`syntax_errors`), each located.
    """
    import lark

    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        column = text.index("\x00") - (text.rfind("\n", 0, text.index("\x00")) + 1) + 1
        raise _error(text, filename, line, column, "the file contains a NUL byte",
                     "agreement files are plain text; remove the binary data", code="not-text")
    alone = _CR_ALONE.search(text)
    if alone:  # a line ends at `\n` (or `\r\n`) only, for the grammar and every line number
        start = text.rfind("\n", 0, alone.start()) + 1
        message = "a carriage return without a line feed does not end a line"
        raise AgreementError(message, [Diagnostic(
            file=filename, line=text.count("\n", 0, start) + 1,
            column=alone.start() - start + 1, message=message, code="not-text",
            help="end the lines with a line feed (LF) or CRLF, not with a carriage return "
            "alone as old Mac files do", source_line=text[start:alone.start()])])
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
        if node is None:
            tree = _lark().parse(text)
        else:
            from lark.lexer import LexerThread

            grammar = _lark()
            tree = _reduced(grammar, LexerThread.from_text(grammar.parser.lexer, text), node)
    except AgreementError:
        raise
    except lark.exceptions.UnexpectedInput as err:
        if node is not None:
            raise  # its caller reads the file again as a whole, to say which error comes first
        raise _refused(err, text, filename) from None
    finally:
        _SINK.reset(token)
    return tree, comments


def refuse(text: str, filename: str = "<string>") -> None:
    """Raise :class:`AgreementError` with every syntax error of ``text``, as :func:`parse_tree`
    says them, if it has any: read as the reader reads it, with no tree (none is made of a file
    refused), from its first error on as :func:`syntax_errors` reads."""
    from lark.exceptions import UnexpectedInput

    try:
        parse_tree(text, filename, _first_token)
    except UnexpectedInput as err:
        raise _refused(err, text, filename) from None


def _first_token(name, children, place) -> list:
    """A node as :func:`refuse` reads it: the first token it spans, as the one child of a
    list (none where it spans none), for :func:`syntax_errors` to find where a statement
    began."""
    return [place[0]] if place is not None else []


def _refused(err, text: str, filename: str) -> AgreementError:
    found = syntax_errors(err, text, filename)
    return AgreementError(found[0].message if len(found) == 1 else
                          f"{len(found)} syntax errors in `{filename}`", found)


def syntax_errors(err, text: str, filename: str) -> list[Diagnostic]:
    """Every syntax error of a file, Lark's ``err`` the first, each as :func:`syntax_error`
    says it, found by reading on past each one from the next statement. The parser goes back
    to where the broken statement began (the last place where the file could end) and tries
    the word it stopped at as the first of a statement (the `.` before it left out): it reads
    that statement, its errors said, where the broken one could have ended with `.` just
    before the word and the word begins a line no further in than the broken statement began
    (as statements are laid out: the `.` was left out, for certain), else only tries it;
    failing that, it passes over the words up to the next `.`, and reads on from the word
    after it where that word begins a line no further in than the broken statement began,
    else tries it as a statement too. A `.` that ends a clause heading is read as the `:` it
    stands for, the clause's rule tried after it (none there: the next statement is read as
    after a `.`). A statement only tried says nothing of its errors, and what is passed over
    nothing: each error after the first is one of its own, never an echo of the one before."""
    from copy import copy

    from lark import Tree
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken
    from lark.parsers.lalr_interactive_parser import InteractiveParser

    parser = err.interactive_parser
    if parser is None:  # (no parser to read on with)
        return syntax_error(err, text, filename).diagnostics
    state, thread = parser.parser_state, parser.lexer_thread
    stack, values, words = state.state_stack, state.value_stack, _keyword_types()
    states = state.parse_conf.states
    found: list[Diagnostic] = []
    # reading (errors said), trying a statement, passing over words, after a `.` passed;
    # where the statement that broke last began, the last `.` passed over
    mode, begun, dot = "read", None, None
    colon = None  # the `:` read in place of the `.` that ends a clause heading, if one is

    def record(err) -> bool:
        """Say ``err``; whether to read on (not past the most errors said of a file)."""
        err.interactive_parser = InteractiveParser(parser.parser, state, thread)
        (said,) = syntax_error(err, text, filename).diagnostics
        if len(found) == MAX_SYNTAX_ERRORS:
            said = Diagnostic(file=filename, line=said.line, column=said.column,
                              message=f"this file has more than {MAX_SYNTAX_ERRORS} syntax "
                              "errors; the rest of it is not read", code="syntax",
                              source_line=said.source_line,
                              help="put right the errors above and check it again")
        found.append(said)
        return len(found) <= MAX_SYNTAX_ERRORS

    def back(token) -> None:
        """Go back to where the statement broken at ``token`` began: the last place where
        the file could end; and note where that statement began."""
        nonlocal begun
        first = token
        while "$END" not in states[stack[-1]]:
            stack.pop()
            first = values.pop()
        while isinstance(first, list) and first:  # (the children of an inlined rule)
            first = first[0]
        if isinstance(first, Tree) and not first.meta.empty:
            first = first.meta
        begun = first if hasattr(first, "column") else token

    def attempt(token) -> str:
        """Try ``token`` as the first word of a statement; the mode to go on in."""
        nonlocal dot
        accepted, kind = states[stack[-1]], token.type
        if kind == "NAME":  # a word read as a name where the statement broke
            kind = next((k for k in words.get(str(token), ()) if k in accepted), kind)
        if kind != "$END" and kind in accepted:
            try:
                state.feed_token(Token.new_borrow_pos(kind, str(token), token))
                return "try"
            except UnexpectedToken:
                back(token)
        if kind == "DOT":
            dot = token
            return "after"
        return "pass"

    def resume(token) -> None:
        """Go on after the statement broken at ``token``: from ``token`` as the first word of
        the next statement, read (its errors said) where the `.` was left out for certain,
        else tried; failing that, passing over words."""
        nonlocal mode, colon
        if token.type == "DOT" and _shifted(states, stack, "COLON") is not None:
            # a clause heading ended by `.`: read as the `:` it stands for, the rule tried
            colon = Token.new_borrow_pos("COLON", ":", token)
            state.feed_token(colon)
            mode = "try"
            return
        # (no rule after that `:`: the `.` ended the statement, the next one begins here)
        ended = _could_end(states, stack) or colon is not None and values and values[-1] is colon
        colon = None
        back(token)
        mode = attempt(token)
        if mode == "try" and ended and token.column <= begun.column and \
                not text[text.rfind("\n", 0, token.start_pos) + 1:token.start_pos].strip():
            mode = "read"

    def passed(err) -> None:
        """Pass over the character no token begins with."""
        counter = thread.state.line_ctr
        if counter.char_pos == err.pos_in_stream:
            counter.feed(text[counter.char_pos:counter.char_pos + 1])

    sink = _SINK.set((_unchanged, _unchanged, _unchanged))  # (nesting is not read here)
    try:
        record(err)
        if isinstance(err, UnexpectedCharacters):
            back(_at(err))
            passed(err)
            mode = "pass"
        elif err.token.type == "$END":
            return found
        else:
            resume(err.token)
        # no tree is made of what is read on (the file is refused)
        state.parse_conf = copy(state.parse_conf)
        state.parse_conf.callbacks = {}
        # the tokens as the reader's loop reads them (Lark's lexer where no terminal matches)
        scanning = _scanning(_lark())
        tokens, last = _tokens(thread, scanning, state), thread.state.last_token
        while True:
            failed = None
            try:
                token = last = next(tokens)
            except StopIteration:
                token = Token.new_borrow_pos("$END", "", last) if last else \
                    Token("$END", "", 0, 1, 1)
            except UnexpectedToken as err:  # a word the lexer knows of elsewhere only
                tokens, token, failed = _tokens(thread, scanning, state), err.token, err
                last = token
            except UnexpectedCharacters as err:
                if mode == "read" and not record(err):
                    return found
                back(_at(err))
                passed(err)
                tokens, mode = _tokens(thread, scanning, state), "pass"
                continue
            end = token.type == "$END"
            if mode in ("pass", "after") and end:
                return found
            if mode == "pass":
                if token.type == "DOT":
                    mode, dot = "after", token
                continue
            if mode == "after":
                if token.line > dot.end_line and begun is not None and \
                        token.column <= begun.column:
                    mode = "read"
                else:
                    mode = attempt(token)
                    continue
            if failed is None:
                try:
                    state.feed_token(token, end)
                    if end:
                        return found
                    if mode == "try" and token.type == "DOT":
                        mode = "read"  # the statement tried reads to its end
                    continue
                except UnexpectedToken as err:
                    failed = err
            if mode == "read" and not record(failed) or end:
                return found
            resume(token)
    finally:
        _SINK.reset(sink)


def _could_end(states, stack) -> bool:
    """Whether the statement being read, its state ``stack`` in the parser's table ``states``,
    could end with a `.` where it stands (the file then read whole to there)."""
    return "$END" in states.get(_shifted(states, stack, "DOT"), ())


def _shifted(states, stack, kind: str):
    """The state the parser, its state ``stack`` in the table ``states``, goes to when it takes
    a token of ``kind`` where it stands (None: it takes none); the stack is left as it is."""
    from lark.parsers.lalr_analysis import Shift

    stack = list(stack)
    while True:
        step = states[stack[-1]].get(kind)
        if step is None:
            return None
        action, arg = step
        if action is Shift:
            return arg
        if arg.expansion:
            del stack[-len(arg.expansion):]
        stack.append(states[stack[-1]][arg.origin.name][1])


def _at(err) -> Token:
    """Where a character no token begins with stands, as a token of nothing."""
    return Token("ERROR", "", err.pos_in_stream, err.line, err.column)


@functools.cache
def _keyword_types() -> dict[str, tuple[str, ...]]:
    """The keyword terminals of each keyword's text (`may` -> `MAY`)."""
    found: dict[str, tuple[str, ...]] = {}
    for kind, word in keywords().items():
        found[word] = (*found.get(word, ()), kind)
    return found


def _error(text, filename, line, column, message, help=None, width=1,
           code="syntax") -> AgreementError:
    diag = Diagnostic(file=filename, line=line, column=column, message=message, help=help,
                      code=code, source_line=source_line(text, line), width=width)
    return AgreementError(message, [diag])


def syntax_error(err, text: str, filename: str) -> AgreementError:
    """Turn a raw Lark error into one located diagnostic in the writer's words."""
    found = explain(err, text, keywords())
    line = found.line or (err.line if getattr(err, "line", -1) > 0 else 1)
    column = found.column or (err.column if getattr(err, "column", -1) > 0 else 1)
    return _error(text, filename, line, column, found.message, found.help, found.width)
