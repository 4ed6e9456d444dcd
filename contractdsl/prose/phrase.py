"""Findings to sentences: what a reason, duty or missing fact says, kept as a message and values.

A :class:`Phrase` is a string: its English words, as ``Reason.text`` and the JSON output show
them (dates written 2023-06-07). It also keeps the message key (in ``templates/messages.json``)
and the values it was made from, so the prose renderer can say it again in any locale, with the
locale's words, numbers and dates. Values are said by kind: a nested phrase in the same locale,
a :class:`Joined` list with the locale's "and"/"or", numbers, dates, windows and durations by the
locale's rules; any other string (a description from the agreement, a name in backticks) as it is.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from fractions import Fraction
from functools import lru_cache

import attrs

from .. import model as m
from ..limits import MAX_DECIMALS


class Phrase(str):
    """A sentence said in English, that can be said again in another locale."""

    def __new__(cls, key: str, values: dict | None = None) -> "Phrase":
        plain = _PLAIN or _plain()
        values = period(values) if values else {}
        key = until(key, values.get("end", values.get("last")))
        english = plain.catalogue[key]
        if values:
            english = plain.fill(english, {k: _said(v, plain) for k, v in values.items()},
                                 values)
        self = super().__new__(cls, english)
        self.key, self.values = key, values
        return self

    def __reduce__(self):
        return (Phrase, (self.key, self.values))

    def say(self, voice) -> str:
        """The phrase in ``voice`` (a :class:`Voice`, such as the renderer's ``Speaker``)."""
        return voice.t(self.key, _counts=self.values,
                       **{k: _said(v, voice) for k, v in self.values.items()})


def phrase(key: str, **values) -> Phrase:
    return Phrase(key, values)


@attrs.frozen
class DayEnd:
    """The end of a day (in UTC), said as its instant: "2024-03-01 24:00 UTC"."""

    day: _dt.date


@attrs.frozen
class Before:
    """An instant a stretch of time runs up to without holding it, said as that instant: where
    a fact's instant within a day cuts a usage's period, the part before it ends there, and the
    fact holds from it on (docs/semantics.md, section 18)."""

    moment: _dt.datetime


def until(key: str, end) -> str:
    """The message to say a stretch of time with ``key`` by, where its ``end`` is an instant it
    does not hold (the end of a day, or :class:`Before`): ``key + ".until"`` where the catalogue
    has it (Dutch says "tot", not "tot en met", there), else ``key``."""
    if isinstance(end, (DayEnd, Before)) and f"{key}.until" in messages()["en"]:
        return f"{key}.until"
    return key


def period(values: dict) -> dict:
    """``values`` with the bounds of a period (``start`` and ``end``, ``first`` and ``last``)
    said alike: where one bound is an instant and the other a whole day, the day is said as
    an instant too, its first (00:00 UTC) as a start and its end (24:00 UTC) as an end, so
    that "from 2024-03-01 12:00 UTC to 2024-03-01 24:00 UTC" does not read as ending
    before it starts."""
    for low, high in (("start", "end"), ("first", "last")):
        a, b = values.get(low), values.get(high)
        if not (isinstance(a, _dt.date) and isinstance(b, (_dt.date, Before))):
            continue
        instant = isinstance(b, (_dt.datetime, Before))
        if isinstance(a, _dt.datetime) and not instant:
            values = {**values, high: DayEnd(b)}
        elif instant and not isinstance(a, _dt.datetime):
            values = {**values, low: _dt.datetime(a.year, a.month, a.day,
                                                  tzinfo=_dt.timezone.utc)}
    return values


# plurals no ending rule undoes: the plural to its singular; and nouns whose plural is the
# singular, though they end as a plural does
_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman",
              "statuses": "status", "analyses": "analysis", "indices": "index",
              "criteria": "criterion", "feet": "foot", "teeth": "tooth", "mice": "mouse",
              **{word: word for word in ("news", "series", "species", "means", "gas", "lens",
                                          "canvas", "atlas", "headquarters")}}

# Dutch and French words that follow a head noun and are not part of it: prepositions
# ("verzoeken van gebruikers", "secondes de temps CPU"); and relative words, whose clause's verb
# (and, in Dutch, the word itself) would have to agree with one, as no rule here makes them
_FOREIGN_AFTER = ("van", "voor", "met", "naar", "uit", "door", "bij", "zonder", "tot", "op",
                  "aan", "de", "du", "des", "à", "au", "aux", "pour", "par", "avec", "sans",
                  "sur", "dans", "chez", "entre", "vers")
_FOREIGN_RELATIVE = re.compile(r"\s+(?:die|dat|welke|waarin|waarvan|qui|que|dont|lesquels|"
                               r"lesquelles)\b|\s+qu['\u2019]", re.I)
# What follows a head noun in a unit's words and is not part of it: a preposition or a relative
# word ("requests to the search endpoint", "posts that mention a user"), a bracket, a comma.
_AFTER_HEAD = re.compile(
    r"\s+(?:of|to|in|on|for|from|with|without|by|per|at|via|through|into|onto|within|over|"
    r"under|across|about|against|between|beyond|after|before|during|that|which|who|whom|whose|"
    rf"where|when|{'|'.join(_FOREIGN_AFTER)})\b|\s+d['\u2019]|{_FOREIGN_RELATIVE.pattern}|"
    r"\s*[(,;:]|\s+[-\u2013\u2014]\s", re.I)
# Nouns one unit's words join as alternatives or together: "requests or calls", "posts/reposts"
_COORDINATED = re.compile(r"(\s+(?:and|or)\s+|\s*[/&]\s*)")
# Past participles a head noun may be followed by ("requests made to the API"); any word in -ed
_PARTICIPLES = frozenset({"made", "sent", "done", "written", "given", "taken", "shown", "seen",
                          "held", "kept", "built", "paid", "sold", "bought", "found", "run",
                          "read", "put", "set"})


def singular(words: str) -> str | None:
    """The singular of a unit's words, which the agreement writes in the plural: its head
    noun (the last word before what follows it: "of", another preposition, "that" or "which",
    a bracket or a comma, or a past participle before them) without its plural ending, and so
    each of the nouns the words offer as alternatives (`|`, `/`, "or") or join ("and"):
    "API requests" → "API request", "seconds of CPU time" → "second of CPU time",
    "requests made to the API" → "request made to the API", "API requests | calls" →
    "API request | call", "post_ids" → "post_id", "people" → "person"; a word that is not
    an English plural (`USD`) as it is. Words written in Dutch or French take their singular
    by :data:`_FOREIGN` and the endings of :func:`_foreign` ("verzoeken van gebruikers" →
    "verzoek van gebruikers", "requêtes API" → "requête API", "jeux de données" → "jeu de
    données"). None where no singular is known that is surely right: a Dutch plural in -en
    that is not in :data:`_FOREIGN`, or a Dutch or French noun with a word before it or a
    relative clause after it, which would have to agree with it ("ongeldige verzoeken",
    "publications qui mentionnent un utilisateur")."""
    parts = re.split(r"(\s*\|\s*)", words)
    parts[::2] = [_one_phrase(part) for part in parts[::2]]
    return None if None in parts else "".join(parts)


def _one_phrase(words: str) -> str | None:
    """One noun phrase of a unit's words in the singular, or None (see :func:`singular`)."""
    after = _AFTER_HEAD.search(words, 1)
    cut = after.start() if after else len(words)
    parts = _COORDINATED.split(words[:cut])
    nouns = parts[::2]
    # a first noun of one word before more than one ("sales and marketing emails") is a word
    # said of the last noun's head, not a noun of its own
    alone = len(nouns[-1].split()) == 1
    parts[::2] = [_head(noun) if alone or len(noun.split()) > 1 or noun is nouns[-1] else noun
                  for noun in nouns]
    if None in parts:
        return None
    head, rest = "".join(parts), words[cut:]
    if head != words[:cut]:  # one of them now: the verb of a clause of which they are the subject
        if _FOREIGN_RELATIVE.match(rest):
            return None
        clause = _RELATIVE.match(rest)
        if clause is not None:
            agreed = _agreed(clause)
            if agreed is None:
                return None
            rest = agreed + rest[clause.end():]
    return head + rest


# An adverb: one of these, or a word in -ly that is not one of the verbs in -ly
_ADVERBS = ("also", "only", "often", "never", "always", "still", "already", "just")
_VERBS_IN_LY = ("apply", "reply", "supply", "comply", "imply", "multiply", "rely", "fly",
                "ally", "rally", "tally", "bully")
_ADVERB = rf"(?:(?!(?:{'|'.join(_VERBS_IN_LY)})\b)\w+ly|{'|'.join(_ADVERBS)})"
# A relative clause right after a head noun, whose subject the noun is where its first word
# (past any adverbs) is a verb: "posts that mention a user", "posts which are deleted"; and a
# second verb joined to that one ("that mention or quote a user")
_RELATIVE = re.compile(rf"^(\s+(?:that|which|who)\s+(?:{_ADVERB}\s+)*)"
                       r"([\w'\u2019]+)(?:(\s+(?:and|or)\s+)([\w'\u2019]+))?", re.I)
# Verbs of a clause about many that say it of one otherwise than by an ending
_AUXILIARY = {"are": "is", "were": "was", "have": "has", "do": "does", "aren't": "isn't",
              "weren't": "wasn't", "haven't": "hasn't", "don't": "doesn't"}
# Words that begin a noun's phrase, never a verb: an article, a pronoun, a quantifier
_DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "your", "my", "you", "it", "one", "no", "any", "some", "each", "every", "all", "both",
    "either", "neither"})
# First words of a relative clause that are not a verb to make agree: a modal or past verb
# (said alike of one and many), or the subject of a clause of which the noun is the object
# ("posts that the user likes")
_NOT_AGREED = _DETERMINERS | {
    "can", "cannot", "could", "may", "might", "must", "shall", "should", "will", "would", "did",
    "had", "we", "they", "i", "he", "she", "not", "someone", "anyone", "nobody"}


def _agreed(match) -> str | None:
    """A relative clause's first verb (and one joined to it) said of one: "that mentions or
    quotes a user", "which is deleted"; a word that may not be such a verb as it is, and so is
    a first word that begins the clause's own subject (see :func:`_subject_first`); None
    where the first word may be either (then no singular is surely right)."""
    verb = _third_person(match.group(2))
    if verb is None:
        return match.group()
    if match.group(3) is None:
        subject = _subject_first(match.group(2), match.string[match.end(2):])
        if subject is not False:
            return None if subject is None else match.group()
    joined = _third_person(match.group(4)) if match.group(4) else None
    return match.group(1) + verb + (match.group(3) + joined if joined else
                                    match.group()[match.end(2):])


# Words that may follow a relative clause's verb but not be a verb themselves: what begins its
# object (an article, a pronoun, a quantifier), a preposition or a particle, a word joining
# clauses
_NOT_VERBS = _DETERMINERS | {
    "them", "him", "me", "us", "more", "most", "other", "another", "such",
    "many", "several", "few", "which", "what", "whose", "who", "whom", "to", "in", "on", "for",
    "from", "with", "without", "by", "per", "at", "via", "through", "into", "onto", "within",
    "over", "under", "across", "about", "against", "between", "beyond", "after", "before",
    "during", "up", "out", "off", "down", "away", "back", "as", "than", "like", "of", "and",
    "or", "but", "if", "when", "where", "while", "unless", "not"}
# Nouns of a group of people said without an article, the subject of a clause they begin
# ("requests that staff review")
_GROUPS = frozenset({"staff", "personnel", "police", "management", "security", "admin",
                     "crew", "faculty", "everyone", "everybody", "somebody", "anybody"})


def _subject_first(first: str, after: str) -> bool | None:
    """Whether ``first``, the first word of a relative clause, begins the clause's own subject
    (the noun the clause follows being its object), not its verb, by the words ``after`` it:
    it does where it names a group of people said without an article (`staff`, "requests that
    staff review"); not where what follows it could only begin its object or what is said of
    it (an article, a preposition, an adverb, a name, a number, the end of the clause: "posts
    that mention a user", "that link to a site", "that mention users"). None where it is
    followed by a word that may be a plural noun and then one that may be a verb, or by a word
    that may be a noun and then one that may be its verb said of one: it may be either
    ("requests that team leads approve", "posts that quote tweets verbatim", "requests that
    customer support handles")."""
    words = re.match(r"(?:[ \t]+[\w'\u2019-]+)*", after).group().split()
    while words and re.fullmatch(_ADVERB, words[0], re.I):
        words.pop(0)  # an adverb said before the verb, of the subject or the verb
    if not words or not _may_be_verb(words[0]):
        return False
    if first.lower() in _GROUPS:
        return True
    if len(words) > 1 and _may_be_verb(words[1]) and (
            # a plural noun and its verb ("team leads approve"), or a noun and its verb said
            # of one ("customer support handles")
            re.search(r"[^su]s$", words[0]) is not None and not words[1].endswith("s")
            or not words[0].endswith("s") and re.search(r"[^su]s$", words[1]) is not None):
        return None
    return False


def _may_be_verb(word: str) -> bool:
    """Whether ``word`` may be a verb said of many: a word in lower case, not one of
    :data:`_NOT_VERBS`, nor an adverb, nor a past form."""
    return (word.isalpha() and word == word.lower() and word not in _NOT_VERBS
            and not re.fullmatch(_ADVERB, word) and not _past(word))


# Verbs whose past form ends in -eed: where a word in -eed is not one of theirs, it is a
# verb's plain form ("exceed", "proceed", "need"), not a past one
_IN_EE = frozenset({"agree", "disagree", "free", "decree", "guarantee", "referee"})


def _past(word: str) -> bool:
    """Whether ``word``, in -ed, reads as a past form (not "exceed", "need")."""
    return word.endswith("ed") and (not word.endswith("eed") or word[:-1] in _IN_EE)


def _third_person(word: str) -> str | None:
    """``word``, a verb said of many, said of one ("mention" → "mentions", "are" → "is"), or
    None where it may be no such verb: a name, a word of :data:`_NOT_AGREED`, a noun in the
    plural or a verb already agreeing (a final `s`), a past form."""
    plain = word.replace("\u2019", "'")
    if plain in _AUXILIARY:
        said = _AUXILIARY[plain]
        return said if plain == word else said.replace("'", "\u2019")
    if word != word.lower() or word in _NOT_AGREED or word in _IRREGULAR or \
            word in _PARTICIPLES or _past(word) or re.search(r"(?:[^s]s|')$", word) or \
            not word.isalpha():
        return None
    if re.search(r"(?:ss|sh|ch|x|z|o)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def _head(words: str) -> str | None:
    """``words`` with their last noun (the last word, before any past participles) in the
    singular; or, where the words name a noun before an abbreviation in capitals, as French
    does ("requêtes API"), that noun. None where no singular is known for it (see
    :func:`singular`)."""
    found = list(re.finditer(r"[\w'\u2019-]+", words))
    while len(found) > 1 and (found[-1].group().lower() in _PARTICIPLES
                              or re.search(r"[^e]ed$", found[-1].group())
                              or re.fullmatch(r"[A-Z]{2,}", found[-1].group())):
        found.pop()
    if not found:
        return words
    word = found[-1]
    foreign = _foreign(word.group())
    said = _noun(word.group()) if foreign is None else foreign
    if said is None or any(w.group() in _FRENCH for w in found[:-1]) or (
            foreign is not None and any(w.group().islower() for w in found[:-1])):
        return None  # (a word said of the noun, which may have to agree with it)
    return words[:word.start()] + said + words[word.end():]


# Plurals of Dutch and French unit words (the words of the units the shipped agreements count,
# said in those languages) that no ending rule undoes: the plural to its singular; and French
# nouns said alike in both numbers, whose final `s` is no plural ending
_FOREIGN = {
    "verzoeken": "verzoek", "aanvragen": "aanvraag", "aanroepen": "aanroep",
    "oproepen": "oproep", "berichten": "bericht", "bestanden": "bestand", "punten": "punt",
    "seconden": "seconde", "minuten": "minuut", "uren": "uur", "dagen": "dag",
    "weken": "week", "maanden": "maand", "jaren": "jaar", "personen": "persoon",
    "mensen": "mens", "statussen": "status", "klanten": "klant", "documenten": "document",
    "woorden": "woord", "travaux": "travail",
    **{word: word for word in ("mois", "fois", "pays", "cours", "discours", "parcours",
                               "recours", "poids")}}
# French plural nouns of units that are no English words: where one of them comes before the
# last noun of the words, it is their head, and the words after it may have to agree with it
_FRENCH = frozenset({"requêtes", "appels", "jetons", "enregistrements", "identifiants",
                     "utilisateurs", "personnes", "fichiers", "demandes", "réponses",
                     "secondes", "heures", "jours", "données"})


def _foreign(noun: str) -> str | None:
    """A Dutch or French plural noun in the singular, by :data:`_FOREIGN` (in a compound,
    its last part: "API-verzoeken" → "API-verzoek") or by an ending no English plural has:
    Dutch `'s` ("euro's" → "euro"), -ingen ("betalingen" → "betaling") and -heden
    ("mogelijkheden" → "mogelijkheid"), French -eaux, -eux and -aux ("réseaux" → "réseau",
    "jeux" → "jeu", "journaux" → "journal") and a final `s` after an accented `è`, which is
    none ("accès"); else None."""
    stem, _, last = noun.rpartition("-")
    stem = stem + "-" if stem else ""
    known = _FOREIGN.get(last.lower())
    if known is not None:
        return stem + (known.capitalize() if last[:1].isupper() else known)
    if re.search(r"\w['\u2019]s$", last):
        return stem + last[:-2]
    for ending, said in (("ingen", "ing"), ("heden", "heid"), ("eaux", "eau"), ("eux", "eu"),
                         ("aux", "al"), ("ès", "ès")):
        if last.islower() and re.search(f"\\w{ending}$", last):  # (not a name: "Göttingen")
            return stem + last[:-len(ending)] + said
    return None


def _noun(noun: str) -> str | None:
    """One plural noun in the singular; a word that is not an English plural as it is; None
    for a word in -en that is none (a Dutch plural not in :data:`_FOREIGN`: "aanmeldingen")."""
    irregular = _IRREGULAR.get(noun.lower())
    if irregular is not None:
        return irregular.capitalize() if noun[:1].isupper() else irregular
    if re.search(r"[^aeiou]ies$", noun):
        return noun[:-3] + "y"
    if re.search(r"(ch|sh|ss|x)es$", noun):
        return noun[:-2]
    if re.search(r"[^sui]s$", noun) or re.search(r"[A-Z]s$", noun):
        return noun[:-1]
    if re.search(r"[a-z]en$", noun):
        return None
    return noun


def data_after(action: str, data: str) -> "Phrase | str":
    """The data a clause confines its action to, said after the action's words: nothing
    where those words already say it ("use Twitter content"); the data as the object of an
    action said in one word, a bare verb ("use content"); else, in brackets, which data the
    action's words mean ("store content (Direct Messages)")."""
    if data.lower() in action.lower():
        return ""
    return phrase("activity.object" if " " not in action.strip() else "activity.data",
                  data=data)


def units(amount, words: str) -> str:
    """A unit's words after ``amount``, in English (see :meth:`Voice.units`)."""
    return (_PLAIN or _plain()).units(amount, words)


def one_of(words: str) -> "Phrase | str":
    """A unit's words for one of it, as "per" says them: the singular ("per API request"),
    or, where none is known (see :func:`singular`), the words as written after the locale's
    "one of the" ("per one of the verzoeken die een gebruiker noemen")."""
    one = singular(words)
    return phrase("unit.one_of", unit=words) if one is None else one


def is_one(amount) -> bool:
    return (isinstance(amount, (int, Fraction)) and not isinstance(amount, bool)
            and amount == 1)


# A unit's words after a number in a message: "{amount} {unit}", "{amount} concurrent {unit}"
_COUNTED = re.compile(r"\{(\w+)\} (?:(\w+) )?\{unit\}")


@attrs.frozen
class Joined:
    """Items said as one list: joined with the locale's "and" or "or", or by a comma or a
    semicolon (``word`` is "and", "or", "comma" or "semicolon")."""

    items: tuple = attrs.field(converter=tuple)
    word: str


class Exact(Fraction):
    """A number said exactly as it is written (a percentage: `1.5`), not to two places."""

    __slots__ = ()


class Written(Fraction):
    """An amount the agreement or the usage writes (a price, a payment, a usage's volume): said
    to two places, as a figure is, or with every decimal it has where it has more, so that it
    never reads as another amount (a price of 0.0005 USD is not 0.00 USD)."""

    __slots__ = ()


class Owed(Fraction):
    """An amount worked out (a fee owed, a late charge): said to two places, as a figure is,
    save one that is not zero yet comes to 0.00 there: that one is said as a written amount
    is, with every decimal it has (0.0015 USD), or, where it has no end, to as few places as
    show it is not zero (0.0003 USD for a third of 0.001 USD), never as nothing owed."""

    __slots__ = ()


@attrs.frozen
class Against:
    """A figure compared with a limit (a converted rate, an average): said to two places, or
    to as many more as show on which side of the limit it falls (`100.003` against 100)."""

    value: Fraction
    limit: Fraction


def say(text, voice) -> str:
    """``text`` in ``voice``: a phrase said again in its locale, any other string as it is."""
    return text.say(voice) if isinstance(text, Phrase) else str(text)


def _said(value, voice) -> str:
    if type(value) is str:
        return value
    if isinstance(value, Phrase):
        return str.__str__(value) if voice is _PLAIN else value.say(voice)
    if isinstance(value, Joined):
        items = [_said(item, voice) for item in value.items]
        if value.word == "comma":
            return ", ".join(items)
        if value.word == "semicolon":
            return voice.t("semicolon").join(items)
        return voice.join(items, value.word)
    if isinstance(value, Exact):
        return voice.exact(value)
    if isinstance(value, Written):
        return voice.written(value)
    if isinstance(value, Owed):
        return voice.owed(value)
    if isinstance(value, Against):
        return voice.against(Fraction(value.value), Fraction(value.limit))
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return voice.number(value)
    if isinstance(value, DayEnd):
        return voice.day_end(value.day)
    if isinstance(value, Before):
        return voice.date(value.moment)
    if isinstance(value, _dt.date):
        return voice.date(value)
    if isinstance(value, m.Window):
        return voice.window(value)
    if isinstance(value, m.Duration):
        return voice.duration(value)
    return str(value)


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    """The locale strings, by locale and message key (``templates/messages.json``)."""
    from importlib.resources import files

    return json.loads(files(__package__).joinpath("templates/messages.json")
                      .read_text(encoding="utf-8"))


# French elides "de" and "que" before a vowel: before the words the messages put there ("d’au
# moins", "qu’un destinataire", "qu’il") and before the number one said as a word ("plus de 1
# post" → "plus d’un post"; "d’une heure" before the catalogue's feminine nouns and those of
# the French unit words of :data:`_FRENCH`: "d’une requête API"), not before
# "des", as one of many whose gender is not known is said ("plus de 1 des verzoeken").
_ELIDED = re.compile(r"\b([Dd]e|[Qq]ue) (?:(aux?|une?|aucune?|ils?|elles?|on)\b|"
                     r"1 (?=[^\W\d_])(?!des\b))")
_FEMININE = re.compile(r"(?:heure|minute|seconde|semaine|année|application|requête|"
                       r"publication|personne|demande|réponse|donnée)s?\b")


def _elide(text: str) -> str:
    """``text`` with French "de" and "que" elided where the next word begins with a vowel."""
    def elided(match):
        word = match.group(2)
        if word is None:  # the number one, said as a word of the gender of what it counts
            word = "une " if _FEMININE.match(text, match.end()) else "un "
        return f"{match.group(1)[:-1]}’{word}"

    return _ELIDED.sub(elided, text)


# French contracts "à" and "de" with the article "le" or "les" after them ("limitée au plus élevé
# du montant payé"): where a message puts a value after "à" or "de" and the value begins with
# the article (a message's own words are written contracted already).
_CONTRACTED = re.compile(r"\b(à|de) \{(\w+)\}")
_ARTICLES = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def _contract(message: str, values: dict) -> tuple[str, dict]:
    """A French message and its values, "à" or "de" before a value that begins with "le" or
    "les" contracted with it."""
    def contracted(match):
        word, name = match.groups()
        article, _, rest = str(values.get(name, "")).partition(" ")
        joined = _ARTICLES.get((word, article))
        if joined is None or not rest:
            return match.group()
        values[f"{name} contracted"] = rest
        return f"{joined} {{{name} contracted}}"

    if "{" not in message:
        return message, values
    values = dict(values)
    return _CONTRACTED.sub(contracted, message), values


# An ampersand that Markdown reads as the start of a character reference (`&copy;`, `&#169;`,
# `&#xA9;`): said as an entity, not as the user's words
_REFERENCE = r"&(?=[A-Za-z][A-Za-z0-9]*;|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)"


# What starts a list item where a line starts (CommonMark): a bullet (`-`, `+`; `*` is escaped
# wherever it is) or a number of at most nine digits with `.` or `)`, before a blank or the end;
# the first of the hyphens of a line that would be drawn as a rule (`---`); and the first `=` of
# a line of nothing else, which would make the line before it a heading (`===`)
_LIST_MARKER = re.compile(r"^([ \t]*(?:\d{1,9}(?=[.)]))?)"
                          r"([-+.)](?=[ \t]|$)|-(?=-)|=(?==*[ \t]*$))", re.M)


def markdown_escape(text) -> str:
    """Text safe inside Markdown: characters that would start markup, raw HTML or a character
    reference are escaped (`R&D` stays as it is; `&copy;` is not turned into ©), and so is a
    list marker at the start of a line (`\\-`, `\\+`, `1\\.`), which would make the text a list
    of its own, or one inside the list item it is put in, a rule (`\\---`), and the underline
    of a heading (`\\===`, `\\---`); `#`, `>`, `|` and the backticks and tildes of a fence are
    escaped wherever they are, so no line of the text starts a heading, a quote, a table or
    a block of code."""
    return _LIST_MARKER.sub(r"\1\\\2", _escape(text))


def _escape(text) -> str:
    return re.sub(rf"([\\`*_~\[\]<>|#]|{_REFERENCE})", r"\\\1", str(text))


class Voice:
    """Says a phrase's values in one locale: its strings, windows, durations and lists; numbers
    and dates as its subclass writes them (the renderer's :class:`Speaker` by the locale)."""

    def __init__(self, locale: str = "en"):
        self.locale = locale
        self.catalogue = messages()[locale]

    def t(self, key: str, _counts: dict | None = None, **values) -> str:
        message = self.catalogue[key]
        if self.locale != "fr":
            return self.fill(message, values, _counts)
        return _elide(self.fill(*_contract(message, values), _counts))

    def fill(self, message: str, values: dict, counts: dict | None = None) -> str:
        """``message`` with ``values`` put in; where ``counts`` (the values before they are
        said) gives the number a unit follows, the unit agrees with it ("1 post")."""
        if counts and "unit" in values and isinstance(counts.get("unit"), str):
            one = singular(values["unit"])

            def counted(match):
                amount = counts.get(match.group(1))
                if not is_one(amount):
                    return match.group()
                between = f"{match.group(2)} " if match.group(2) else ""
                if one is None:  # the words as written, after "of the" (see :meth:`units`)
                    return f"{{{match.group(1)}}} " + self.catalogue["unit.of"].replace(
                        "{unit}", between + "{unit}")
                return f"{{{match.group(1)}}} {between}{{unit_one}}"

            message = _COUNTED.sub(counted, message)
            values = {**values, "unit_one": one}
        return message.format(**values)

    def units(self, amount, words: str) -> str:
        """A unit's words after ``amount``: the singular for exactly one, else as written;
        for one where no singular is known (see :func:`singular`), the words as written
        after the locale's "of the", which says one of many ("1 of the verzoeken")."""
        if not is_one(amount):
            return words
        one = singular(words)
        return self.t("unit.of", unit=words) if one is None else one

    def day_end(self, day: _dt.date) -> str:
        """The end of a day, as the instant 24:00 UTC of that day."""
        return f"{self.date(day)} 24:00 UTC"

    def window(self, w: m.Window) -> str:
        if w.calendar:
            return self.t(f"calendar.{w.unit}")
        if w.count == 1:
            return self.t(f"unit.{w.unit}")
        return f"{self.number(w.count)} {self.t(f'unit.{w.unit}s')}"

    def duration(self, d: m.Duration) -> str:
        word = self.t(f"unit.{d.unit}" + ("" if d.count == 1 else "s"))
        return f"{self.number(d.count)} {word}"

    def exact(self, amount: Fraction) -> str:
        """A number with every decimal it has, in the locale's way; one without an end, to
        two places."""
        places = decimals(amount)
        return self.number(amount) if places is None else self.decimal(amount, places)

    def written(self, amount: Fraction) -> str:
        """An amount as written (:class:`Written`): to two places, or to every decimal it has
        where it has more than two."""
        places = decimals(amount)
        return self.number(amount) if places is None or places <= 2 else \
            self.decimal(amount, places)

    def owed(self, amount: Fraction) -> str:
        """An amount worked out (:class:`Owed`): to two places, or, where that says 0.00 of
        an amount that is not zero, with every decimal it has, or as few as show it."""
        if amount == 0 or round(amount, 2) != 0:
            return self.number(amount)
        places = decimals(amount)
        if places is not None:
            return self.decimal(amount, places)
        places = 3
        while round(amount, places) == 0:
            places += 1
        return self.decimal(round(amount, places), places)

    def against(self, amount: Fraction, limit: Fraction) -> str:
        """``amount`` to two places, or to as few more as make it fall on the same side of
        ``limit`` as it does exactly: 36,501 posts a year come to 100.003 a day, not 100.00,
        against no more than 100."""
        if amount.denominator == 1:
            return self.number(amount)
        places = 2
        while _side(round(amount, places), limit) != _side(amount, limit):
            places += 1
        return self.number(amount) if places == 2 else self.decimal(round(amount, places),
                                                                     places)

    def join(self, items, word: str = "and") -> str:
        items = [str(i) for i in items]
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.t(word)} " + items[-1]


def decimals(amount) -> int | None:
    """How many decimals ``amount`` has, or None where it has no end (or more than
    :data:`MAX_DECIMALS`)."""
    return next((p for p in range(MAX_DECIMALS + 1) if (amount * 10 ** p).denominator == 1),
                None)


def _side(amount: Fraction, limit: Fraction) -> int:
    return (amount > limit) - (amount < limit)


class Plain(Voice):
    """The English of ``Reason.text``: ISO dates, numbers with a comma per thousand."""

    def number(self, amount) -> str:
        """A whole number as it is (`1,500`), any other to two places, rounded half to even
        (`2,166,666,666.67`), exactly: never through a float."""
        amount = Fraction(amount)
        if amount.denominator == 1:
            return f"{amount.numerator:,}"
        cents = round(amount * 100)
        sign = "-" if cents < 0 else ""
        whole, rest = divmod(abs(cents), 100)
        return f"{sign}{whole:,}.{rest:02d}"

    def decimal(self, amount: Fraction, places: int) -> str:
        """``amount``, which has ``places`` decimals, with a comma per thousand."""
        scaled = abs(amount.numerator * 10 ** places // amount.denominator)
        whole, rest = divmod(scaled, 10 ** places)
        sign = "-" if amount < 0 else ""
        return f"{sign}{whole:,}" + (f".{rest:0{places}d}" if places else "")

    def date(self, day) -> str:
        if isinstance(day, _dt.datetime):
            clock = "%H:%M:%S" if day.second or day.microsecond else "%H:%M"
            return day.strftime(f"%Y-%m-%d {clock}") + (" UTC" if day.tzinfo else "")
        return day.isoformat()


_PLAIN = None


def moment_said(moment, voice) -> str:
    """A day, an instant or the end of a day (see :class:`DayEnd`) in ``voice``."""
    return _said(moment, voice)


def plain_moment(moment) -> str:
    """A day, an instant or the end of a day in the English of the reasons."""
    return _said(moment, _PLAIN or _plain())


def _plain() -> Plain:
    global _PLAIN
    _PLAIN = Plain("en")
    return _PLAIN
