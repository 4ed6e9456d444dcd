"""Model to prose: renders agreements, clauses, conditions and decisions as Markdown, HTML or text.

One strict Jinja2 environment loads the templates shipped in ``contractdsl/prose/templates``: a
prose template per model class under ``model/`` (plain sentences, the same for every output format),
page templates per output format under ``page/``, shared macros in ``macros.j2`` (given to every
template as ``m``, bound to its speaker once) and the locale strings in ``messages.json``.
Numbers, dates and money are formatted by Babel for the locale.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .. import model as m
from ..errors import inline
from ..limits import MAX_DECIMALS, MAX_DIGITS
from .phrase import (Before, Phrase, Voice, data_after, markdown_escape, moment_said, one_of,
                     say, until)

LOCALES = ("en", "nl", "fr")
FORMATS = ("markdown", "html", "text")
# Babel locales: British English writes dates "7 June 2023"; Dutch and French as spoken.
BABEL_LOCALE = {"en": "en_GB", "nl": "nl_NL", "fr": "fr_FR"}
PAGE = {"markdown": "page/agreement.md.j2", "html": "page/agreement.html",
        "text": "page/agreement.txt.j2"}
DECISION_PAGE = {"markdown": "page/decision.md.j2", "html": "page/decision.html",
                 "text": "page/decision.txt.j2"}
# The first day of a month, where the language writes it as an ordinal: "1er janvier 2024".
FIRST_OF_MONTH = {"fr": "1er"}
TERM_KINDS = ("action", "act", "data", "purpose", "recipient", "fact", "standard", "duty",
              "attribute", "measure", "endpoint")

# Classes that hold no content of their own: positions and comments are not rendered.
NOT_RENDERED = (m.Span, m.Comment)


def template_name(cls: type) -> str:
    """The prose template of a model class: ``model/<class name in snake case>.j2``."""
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()
    return f"model/{snake}.j2"


@lru_cache(maxsize=None)
def model_template(cls: type):
    """The prose template of a model class, compiled once (the templates do not change while
    the library runs)."""
    return environment().get_template(template_name(cls))


# Runs of blanks in a rendered template: a said piece of prose is on one line.
_BLANKS = re.compile(r"[ \t\r\n]+")

# The types of the fields of a model class whose prose a speaker keeps once said: names,
# flags and lists of names, which two objects that are equal hold alike (unlike numbers: 1 is
# True, and Decimal("1.50") equals Decimal("1.5") but is written otherwise).
_PLAIN_TYPES = frozenset({"str", "str | None", "bool", "tuple[str, ...]"})


@lru_cache(maxsize=None)
def _plain(cls: type) -> bool:
    """Whether what every field of ``cls`` that counts in equality holds is plain (see
    :data:`_PLAIN_TYPES`): then equal objects of it are said alike."""
    import attrs

    return attrs.has(cls) and all(f.type in _PLAIN_TYPES for f in attrs.fields(cls) if f.eq)


@lru_cache(maxsize=1)
def environment():
    """The one Jinja2 environment: strict about undefined names, escaping `.html` templates."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",),
                                            default_for_string=False, default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["describe_name"] = jinja2.pass_context(
        lambda ctx, name, kind: ctx["describe"](name, kind))
    env.filters["anchor"] = anchor
    env.filters["wrap"] = wrap
    env.filters["event_name"] = jinja2.pass_context(
        lambda ctx, name: ctx["t"]("event.termination") if name == m.TERMINATION
        else ctx["describe"](name, "fact"))
    return env


# Plain text is wrapped at this many columns; a word longer than a line is not broken.
TEXT_WIDTH = 80


def wrap(text, first: str = "", rest: str | None = None) -> str:
    """``text`` wrapped at :data:`TEXT_WIDTH` columns, its first line begun with ``first`` (an
    indent, a dash), the others with ``rest`` (``first`` if not given). Only spaces break a
    line: the no-break spaces of French numbers and money keep their words together, as do
    French guillemets, and a word longer than a line (a web address) stands on a line of its
    own, unbroken."""
    import textwrap

    text, rest = str(text), first if rest is None else rest
    # French guillemets stay with the words they enclose, as French typography has them
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    if not text.strip():
        return first.rstrip()
    return textwrap.fill(text, width=TEXT_WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def anchor(clause_id: str, prefix: str = "") -> str:
    return f"{prefix}clause-{clause_id}"


def check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    """``value`` if it is one of ``choices``, else :class:`InputError` naming them."""
    if value not in choices:
        from ..errors import unknown_choice

        raise unknown_choice(value, choices, what)
    return value


class Speaker(Voice):
    """Says model objects in one locale, using the vocabulary of the documents being rendered."""

    def __init__(self, locale: str = "en", documents=(), fmt: str = "markdown"):
        super().__init__(check_choice(locale, LOCALES, "locale"))
        self.format = fmt
        self.babel_locale = BABEL_LOCALE[locale]
        from ..semantics.symbols import SymbolTable

        self.symbols = SymbolTable(documents)

    # -- strings ---------------------------------------------------------------------------
    def context(self, **extra) -> dict:
        base = self.__dict__.get("_context")
        if base is None:
            base = self._context = self._base_context()
            # the shared macros, bound to this speaker once (they read nothing but its words)
            base["m"] = environment().get_template("macros.j2").make_module(dict(base))
        return {**base, **extra}

    def _base_context(self) -> dict:
        return dict(t=self.t, say=self.say, describe=self.describe, date=self.date,
                    number=self.number, exact=self._exact, money=self.money,
                    quantity=self.quantity, one=self.one,
                    window=self.window, duration=self.duration, join=self.join,
                    refs=self.refs, cap=capitalise, app_title=self.app_title,
                    tier_title=self.tier_title, is_action=self.is_action, doing=self.doing,
                    scope_words=self.scope_words, data_after=self.data_after,
                    is_standard=self.is_standard, is_group=is_group,
                    negates=negates, say_not=self.say_not,
                    locale=self.locale, format=self.format, no="")

    def say(self, obj) -> str:
        """The prose for any model object, from its class's template."""
        if obj is None:
            return ""
        return self._said(obj, "")

    def say_not(self, obj) -> str:
        """The negative of an atom of a condition, said in the atom's own words ("the purpose
        is not research"), so that the negation ends where the atom ends."""
        return self._said(obj, ".not")

    def _said(self, obj, no: str) -> str:
        """``obj`` said from its class's template (``no``: ".not" for its negative); kept for
        the objects equal to it where its class is plain (see :func:`_plain`)."""
        kept = None
        if _plain(type(obj)):
            kept = self.__dict__.setdefault("_kept", {}).setdefault(no, {})
            text = kept.get(obj)
            if text is not None:
                return text
        template = model_template(type(obj))
        # join the template's lines; no-break spaces (French numbers, money) stay as they are
        text = _BLANKS.sub(" ", template.render(self.context(obj=obj, no=no))).strip()
        if kept is not None:
            kept[obj] = text
        return text

    # -- vocabulary -------------------------------------------------------------------------
    def describe(self, name: str, kind: str) -> str:
        """What the prose says for a name of ``kind``: a term's description, an app's, a
        tier's or a unit's title; else the name itself."""
        return self.symbols.describe(kind, name)

    def is_action(self, name: str) -> bool:
        """Whether a name is what is done (an action, or an act), rather than a fact."""
        return name in self.symbols.terms["action"] or name in self.symbols.terms["act"]

    def doing(self, name: str) -> str:
        """The kind of what a clause says is done: `act` or `action`."""
        return self.symbols.doing(name)

    def scope_words(self, scope: str) -> str:
        """What a limit counts per, in the locale: " per app and channel of a server"."""
        return self.t("scope.per", keys=self.join(
            [self.t(f"scope.{key}") if key in m.SCOPES else self.describe(key, "scope")
             for key in m.scope_keys(scope)], "and"))

    def data_after(self, action: str, data: str) -> str:
        """The data after an action's words (:func:`~.phrase.data_after`), in the locale."""
        return say(data_after(action, data), self)

    def is_standard(self, name: str) -> bool:
        return name in self.symbols.terms["standard"]

    def app_title(self, name: str) -> str:
        return self.symbols.describe("app", name)

    def tier_title(self, name: str) -> str:
        return self.symbols.describe("tier", name)

    # -- Babel ------------------------------------------------------------------------------
    def number(self, amount) -> str:
        """A number for the locale; a fraction (an average, a converted rate) to two places."""
        with decimal.localcontext(prec=_PRECISION):
            return self._number(amount)

    def _number(self, amount) -> str:
        from babel.numbers import format_decimal

        if isinstance(amount, Fraction):
            if amount.denominator != 1:
                value = Decimal(amount.numerator) / Decimal(amount.denominator)
                return format_decimal(value.quantize(Decimal("0.01")), format="#,##0.00",
                                      locale=self.babel_locale)
            amount = amount.numerator
        # an amount the agreement writes (a Decimal) with every decimal it has: 0.0005 is not 0
        return format_decimal(amount, locale=self.babel_locale, decimal_quantization=False)

    def _exact(self, amount) -> str:
        """An amount the agreement wrote (a percentage), with every decimal it has."""
        return self.exact(Fraction(amount))

    def decimal(self, amount: Fraction, places: int) -> str:
        """``amount``, which has ``places`` decimals, for the locale."""
        from babel.numbers import format_decimal

        with decimal.localcontext(prec=_PRECISION):
            value = Decimal(amount.numerator) / Decimal(amount.denominator)
            return format_decimal(value, format="#,##0." + "#" * places if places else "#,##0",
                                  locale=self.babel_locale)

    def date(self, day) -> str:
        from babel.dates import format_date, format_datetime

        if isinstance(day, _dt.datetime):
            zone = " UTC" if day.tzinfo else ""
            clock = "HH:mm:ss" if day.second or day.microsecond else "HH:mm"
            text = format_datetime(day.replace(tzinfo=None), f"d MMMM y {clock}",
                                   locale=self.babel_locale) + zone
        else:
            text = format_date(day, "long", locale=self.babel_locale)
        if day.day == 1 and self.locale in FIRST_OF_MONTH:
            text = FIRST_OF_MONTH[self.locale] + text[1:]
        return text

    def is_money(self, unit: str) -> bool:
        u = self.symbols.unit_names.get(unit)
        return bool(u and u.dimension == "money") or (u is None and unit in ("USD", "EUR"))

    def money(self, q: m.Quantity) -> str:
        with decimal.localcontext(prec=_PRECISION):
            return self._money(q)

    def _money(self, q: m.Quantity) -> str:
        from babel.numbers import format_currency

        unit = self.symbols.unit_names.get(q.unit)
        code = unit.name if unit else q.unit
        whole = Decimal(q.amount) == int(q.amount)
        if re.fullmatch(r"[A-Z]{3}", code):
            # the currency's decimals (US$99.50), or every decimal the amount has where it has
            # more (US$0.0005): never rounded, so that a price is not said as another
            return format_currency(q.amount, code, locale=self.babel_locale,
                                   currency_digits=not whole, decimal_quantization=False,
                                   format=None if not whole else _whole_currency_pattern(
                                       self.babel_locale))
        return self.counted(q.amount, self.symbols.unit_words(q.unit))

    def quantity(self, q: m.Quantity) -> str:
        if self.is_money(q.unit):
            return self.money(q)
        return self.counted(q.amount, self.symbols.unit_words(q.unit))

    def one(self, unit: str) -> str:
        """A unit's words for one of it, as a limit per one of a unit says it ("per API
        request" for `request`; see :func:`~.phrase.one_of`)."""
        return say(one_of(self.symbols.unit_words(unit)), self)

    def counted(self, amount, words: str) -> str:
        """An amount of a unit: "1,500 posts", "1 post"."""
        return f"{self.number(amount)} {self.units(amount, words)}"

    def refs(self, ids) -> str:
        ids = list(ids)
        key = "clause_ref" if len(ids) == 1 else "clause_refs"
        return self.t(key, ids=self.join(ids))


# Digits enough for any amount within the limits, and a rate of one converted to another window.
_PRECISION = 4 * (MAX_DIGITS + MAX_DECIMALS)


def _whole_currency_pattern(babel_locale: str) -> str:
    from babel import Locale

    pattern = Locale.parse(babel_locale).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "")


def is_group(condition) -> bool:
    """Whether a condition joins others (and / or), or negates such a one, so it needs
    brackets inside another: "(it is not the case that (A and B)) and C"."""
    return isinstance(condition, (m.All, m.Any)) or (
        isinstance(condition, m.Not) and not negates(condition.operand))


# Conditions whose templates say their own negative (a `.not` message), not "it is not the
# case that ...": every atom; not a negation, nor a condition joining others.
NEGATED_IN_WORDS = (m.TermIs, m.PurposeApproved, m.Subscribed, m.TierIs, m.DateBefore,
                    m.DateFrom, m.AppLabelled, m.AppServes, m.FactHolds, m.AttributeIs,
                    m.AppsFor, m.MeasureIs, m.DateGap, m.SameWindow)


def negates(condition) -> bool:
    """Whether a condition says its own negative in words."""
    return isinstance(condition, NEGATED_IN_WORDS)


def capitalise(text: str) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


# ---- public entry points --------------------------------------------------------------------


def _agreement(agreement) -> m.Agreement:
    if isinstance(agreement, m.Document):
        return m.Agreement(documents=(agreement,))
    return agreement


def render(agreement, locale: str = "en", format: str = "markdown") -> str:
    """An agreement (its versions and schedules) as a Markdown, HTML or plain-text document."""
    check_choice(format, FORMATS, "format")
    agreement = _agreement(agreement)
    speaker = Speaker(locale, agreement.documents, format)
    documents = [*agreement.versions, *agreement.incorporated, *agreement.schedules]
    parts = []
    for index, doc in enumerate(documents):
        bounds = agreement.version_bounds(doc) if doc.kind == "agreement" else (
            doc.effective, doc.terminates)
        prefix = "" if len(documents) == 1 else f"d{index + 1}-"
        parts.append(document_context(speaker, doc, bounds, prefix))
    template = environment().get_template(PAGE[format])
    return template.render(speaker.context(documents=parts, title=agreement.title))


def document_context(speaker: Speaker, doc: m.Document, bounds, prefix: str) -> dict:
    """Everything a page template needs about one document, already said in the locale."""
    start, end = bounds
    if start and end:
        in_force = speaker.t("in_force.from_to", start=speaker.date(start), end=speaker.date(end))
    elif start:
        in_force = speaker.t("in_force.from", start=speaker.date(start))
    elif end:
        in_force = speaker.t("in_force.to", end=speaker.date(end))
    else:
        in_force = ""
    groups = []
    for kind in TERM_KINDS:
        terms = [t for t in doc.terms if t.kind == kind]
        if terms:
            groups.append({"kind": kind, "heading": speaker.t(f"kind.{kind}"),
                           "tree": term_tree(speaker, terms)})
    if doc.scopes:
        groups.append({"kind": "scope", "heading": speaker.t("kind.scope"),
                       "tree": [(0, speaker.say(s)) for s in doc.scopes]})
    clauses = [clause_context(speaker, c, prefix) for c in doc.clauses]
    return {
        "doc": doc,
        "title": doc.title,
        "subtitle": " — ".join(part for part in (
            speaker.t("version", version=doc.version) if doc.version else "",
            speaker.t("schedule_to", title=doc.schedule_for) if doc.kind == "schedule" else "",
        ) if part),
        "in_force": in_force,
        "parties": [(speaker.t(f"role.{p.role}"), p.name) for p in doc.parties],
        "stated": [speaker.say(v) for v in (*doc.values, *doc.dated)],
        "definitions": groups,
        "units": [speaker.say(u) for u in doc.units],
        "tiers": [speaker.say(t) for t in doc.tiers],
        "apps": [speaker.say(a) for a in doc.apps],
        "clauses": clauses,
        "prefix": prefix,
    }


def term_tree(speaker: Speaker, terms: list[m.Term]) -> list[tuple[int, str]]:
    """Terms as (depth, prose) in hierarchy order: each term followed by those under it."""
    names = {t.name for t in terms}
    children: dict[str | None, list[m.Term]] = {}
    for t in terms:
        parent = t.parent if t.parent in names else None
        children.setdefault(parent, []).append(t)
    out: list[tuple[int, str]] = []
    stack = [(0, t) for t in reversed(children.get(None, []))]
    while stack:  # depth first, without recursion: a hierarchy may be deep
        depth, t = stack.pop()
        text = speaker.say(t)
        if depth > MAX_INDENT:  # indented no further, so the text stays linear in the terms
            text += speaker.t("term.under", parent=speaker.describe(t.parent, t.kind))
        out.append((min(depth, MAX_INDENT), text))
        stack.extend((depth + 1, c) for c in reversed(children.get(t.name, [])))
    return out


# Terms deeper in a hierarchy than this are listed at this depth, each naming its parent.
MAX_INDENT = 8


def clause_context(speaker: Speaker, clause: m.Clause, prefix: str = "") -> dict:
    notes = []
    if clause.valid_from and clause.valid_until:
        notes.append(speaker.t("in_force.from_to", start=speaker.date(clause.valid_from),
                               end=speaker.date(clause.valid_until)))
    elif clause.valid_from:
        notes.append(speaker.t("in_force.from", start=speaker.date(clause.valid_from)))
    elif clause.valid_until:
        notes.append(speaker.t("in_force.to", end=speaker.date(clause.valid_until)))
    if clause.survives:
        notes.append(speaker.say(clause.survives))
    return {"id": clause.id, "title": clause.title, "anchor": anchor(clause.id, prefix),
            "notes": notes, "text": speaker.say(clause)}


def render_clause(clause: m.Clause, agreement=None, locale: str = "en") -> str:
    """One clause's rule as a sentence in the lawyer's words (plain text)."""
    documents = _agreement(agreement).documents if agreement is not None else ()
    return Speaker(locale, documents).say(clause)


def render_condition(condition: m.Condition, agreement=None, locale: str = "en") -> str:
    """One condition in words: "the purpose is targeting users with advertising outside Twitter"."""
    documents = _agreement(agreement).documents if agreement is not None else ()
    return Speaker(locale, documents).say(condition)


def render_decision(decision, locale: str = "en", format: str = "text", agreement=None) -> str:
    """A decision's outcome, reasons, duties and missing facts, in the locale's words.

    Reasons, duties and missing facts are said again in the locale from the phrases the
    evaluator made them of; given the agreement, each cited clause's rule is also said.
    """
    check_choice(format, FORMATS, "format")
    documents = _agreement(agreement).documents if agreement is not None else ()
    speaker = Speaker(locale, documents, format)
    clauses = {c.id: c for d in documents for c in d.clauses}
    agreement = _agreement(agreement) if agreement is not None else None

    speakers: dict = {}

    def clause_for(ident, day):
        """The clause with this id in the version in force that day (else any version), and
        the speaker with that version's vocabulary."""
        version = agreement.version_at(day) if agreement is not None and day else None
        if version is not None:
            for c in version.clauses:
                if c.id == ident:
                    if id(version) not in speakers:
                        speakers[id(version)] = Speaker(
                            locale, (version, *agreement.schedules), format)
                    return c, speakers[id(version)]
        return clauses.get(ident), speaker

    def part_said(part) -> str:
        """The days of a reason's or duty's part in the locale's words."""
        if part is None:
            return ""
        start, end = part.bounds()
        if start != end and part.end_at not in (None, getattr(decision.usage, "end", None)):
            end = Before(end)  # cut at a fact's instant, which holds from it on
        return (moment_said(start, speaker) if start == end else
                speaker.t(until("decision.part", end), start=moment_said(start, speaker),
                          end=moment_said(end, speaker)))

    reasons = []
    for r in decision.reasons:
        clause, said_by = clause_for(r.clause, r.part.start if r.part is not None else None)
        reasons.append({
            "clause": inline(r.clause) or speaker.t("decision.whole"),
            "title": inline(r.title or ""),
            "effect": speaker.t(f"effect.{r.effect}"),  # every effect has words
            "text": inline(say(_after_effect(r), speaker)), "part": part_said(r.part),
            "rule": inline(said_by.say(clause)) if clause is not None else "",
        })
    several_parts = decision.parts_named()
    duties = []
    for d in decision.obligations:
        status_key = f"status.{d.status}"
        duties.append({
            "clause": inline(d.clause), "text": inline(say(d.text, speaker)),
            "part": part_said(d.part),
            "deadline": speaker.t("decision.deadline", date=speaker.date(d.deadline))
            if d.deadline else "",
            "status": speaker.t(status_key) if status_key in speaker.catalogue
            else inline(d.status),
        })
    template = environment().get_template(DECISION_PAGE[format])
    return template.render(speaker.context(
        outcome=speaker.t(f"outcome.{decision.outcome}"),
        usage_name=usage_name(speaker, decision.usage), reasons=reasons,
        several_parts=several_parts, duties=duties,
        missing=[inline(say(item, speaker)) for item in decision.missing],
        licensor=[{"clause": inline(d.clause), "text": inline(say(d.text, speaker))}
                  for d in decision.licensor])).strip() + "\n"


def usage_name(speaker: Speaker, usage) -> str:
    """The usage's own name, else its app and dates in the locale's words."""
    if usage is None or getattr(usage, "name", None):
        return inline(getattr(usage, "name", None) or "")
    app = usage.app or speaker.t("usage.unnamed")
    if usage.start == usage.end:
        return speaker.t("usage.day", app=app, date=speaker.date(usage.start))
    return Phrase("usage.period", {"app": app, "start": usage.start,
                                   "end": usage.end}).say(speaker)


def _after_effect(reason):
    """What a reason says after its effect's label: a reason that only names what its clause
    permits or prohibits ("permits `read` of `content`") says its object alone, since the label
    before it already says "permits"."""
    text = reason.text
    if getattr(text, "key", None) == f"why.says.{reason.effect}":
        return text.values["what"]
    rule = getattr(text, "values", {}).get("rule")  # a prohibition that says what it overrides
    if getattr(rule, "key", None) == f"why.says.{reason.effect}":
        return Phrase(text.key, {**text.values, "rule": rule.values["what"]})
    return text
