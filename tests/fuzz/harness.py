"""The fuzz harness: generated and mutated agreements, usages and command lines, and the oracle
every one of them must meet.

The oracle (docs/testing.md#fuzzing): any input gets an answer, a decision or a located
`ContractError`; only `ContractError` subclasses leave the public API; the command line exits
0, 1, 2 or 3, never with a traceback, and with status 2 prints an `error` and a `help:` line or
a located diagnostic. An input that breaks the oracle is a *finding*.

Each input is made from a seed alone (``make(kind, seed)``), so a finding is reproduced by its
kind and seed: ``python tests/fuzz/run.py --replay KIND:SEED``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import tempfile
from pathlib import Path

import contractdsl
from contractdsl.errors import ContractError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "agreements").rglob("*.agreement"))
USAGE_CORPUS = sorted((ROOT / "agreements").rglob("*.yaml"))

HEAD = '''agreement "Fuzz" version "1".
licensor "L".
licensee "D".
effective 2024-01-01.
action use "use".
action read "read" under use.
action share "share" under use.
data records "records".
data personal "personal records" under records.
purpose research "research".
purpose stats "statistics" under research.
recipient third "a third party".
recipient gov "a public authority" under third.
fact notified "notified".
fact asked "asked".
duty notify "notify" shown by notified.
attribute public_body "a public body" of licensee.
measure members "members" of licensee.
measure age "age in years" of user.
attribute consented "consented" of user.
unit req "requests" alias calls.
unit EUR "euros" measures money.
app tool "Tool" approved for research serving gov labelled beta.
tier basic "Basic" costs 10 EUR per calendar month: read no more than 100 req per day.
'''
NAMES = ["use", "read", "share", "records", "personal", "research", "stats", "third", "gov",
         "notified", "asked", "notify", "req", "calls", "EUR", "tool", "basic", "beta", "x"]
KEYWORDS = ("agreement schedule for version licensor licensee effective terminates purpose "
            "recipient data action fact duty unit app tier clause under shown by measures alias "
            "approved labelled serving costs from until survives may must not more than per "
            "calendar with to an a the is date before on or after and when unless within "
            "provided notwithstanding except as permitted subscribed serves second seconds "
            "minute minutes hour hours day days week weeks month months year years . : ; , ( ) "
            "\"text\" 1 15 1,500 99.50 2024-06-30 9999-12-31 0001-01-01 II.A attribute measure of "
            "user 's less least most at").split()
# Pieces of text a writer or an attacker may put anywhere.
JUNK = ["\x00", "\r", "\r\n", "\f", "\v", "\x85", "\u2028", "\ufeff", "\x1b[31m", "\t", '"',
        "\\", "#", "(", ")", "é", "😀", "\udcff", "9" * 61, "9" * 60, "1e400", "x" * 201,
        "not " * 60, "(" * 101, "9999-12-31", "0000-01-01", "2024-02-30", " and f" * 50]
CLAUSES = [
    "clause {i}: licensee may read records for research.",
    "clause {i} \"Title\" from 2024-01-01 until 9999-12-31: licensee may share records with "
    "gov for an approved purpose provided licensee must notify before share.",
    "clause {i}: licensee must not share personal with third except as permitted by {j}.",
    "clause {i}: licensee must not read more than {n} req per {w} per app unless a tier is "
    "subscribed.",
    "clause {i}: licensee must notify within {n} {u} after asked.",
    "clause {i}: licensee must notify by {d}.",
    "clause {i} survives {n} {u}: licensee must notify.",
    "clause {i}: licensee may use records when {c} notwithstanding {j}.",
    "clause {i}: licensee must not use records unless {c}.",
    "clause {i}: licensor must notify before read.",
]
CONDITIONS = ["notified", "not asked", "purpose is research", "recipient is gov",
              "app is tool", "tier is basic", "date is before {d}", "date is on or after {d}",
              "app is labelled beta", "app serves gov", "purpose is approved",
              "a tier is subscribed", "action is read", "data is personal",
              "licensee is public_body", "licensee is not public_body", "user is consented",
              "licensee's members is more than 1,000", "user's age is less than 13",
              "user's age is at least 18", "licensee's members is at most 0.5"]
DATES = ["2024-06-30", "9999-12-31", "0001-01-01", "2024-02-29", "2023-12-31", "2030-01-01"]
UNITS = ["hours", "days", "weeks", "months", "years", "seconds", "minute", "day", "year"]
WINDOWS = ["day", "15 minutes", "calendar month", "calendar year", "hour", "2 weeks"]
NUMBERS = ["1", "15", "1,500", "999999999999", "9" * 60, "0", "4,000,000", "7"]


def condition(rng: random.Random, depth: int = 0) -> str:
    if depth > 3 or rng.random() < 0.4:
        return rng.choice(CONDITIONS).format(d=rng.choice(DATES))
    shape = rng.randrange(4)
    if shape == 0:
        return "not " + condition(rng, depth + 1)
    if shape == 1:
        return f"({condition(rng, depth + 1)})"
    word = rng.choice(("and", "or"))
    return f"{condition(rng, depth + 1)} {word} {condition(rng, depth + 1)}"


def generated_agreement(rng: random.Random) -> str:
    """A header and a few clauses over its vocabulary, sometimes at the ends of the limits."""
    lines = [HEAD]
    if rng.random() < 0.2:
        lines.append(f"terminates {rng.choice(DATES)}.\n")
    if rng.random() < 0.2:
        depth = rng.choice((10, 100, 1000))
        lines.extend(f'purpose p{i} "p{i}" under {f"p{i - 1}" if i else "research"}.\n'
                     for i in range(depth))
    count = rng.randrange(1, 6)
    for i in range(count):
        text = rng.choice(CLAUSES).format(
            i=f"C{i}", j=f"C{rng.randrange(count)}", n=rng.choice(NUMBERS),
            w=rng.choice(WINDOWS), u=rng.choice(UNITS), d=rng.choice(DATES), c=condition(rng))
        lines.append(text + "\n")
    if rng.random() < 0.1:
        lines.append(f"tier t{rng.randrange(9)} \"T\" from {rng.choice(DATES)}: read no more "
                     f"than {rng.choice(NUMBERS)} req per {rng.choice(WINDOWS)}.\n")
    return "".join(lines)


def mutate(text: str, rng: random.Random) -> str:
    """One to four byte, token or line mutations."""
    for _ in range(rng.randrange(1, 5)):
        kind = rng.randrange(6)
        if not text:
            return rng.choice(JUNK)
        at = rng.randrange(len(text) + 1)
        if kind == 0:  # characters
            text = text[:at] + rng.choice(JUNK + [chr(rng.randrange(1, 0x3000))]) + text[at:]
        elif kind == 1:
            text = text[:at] + text[at + rng.randrange(1, 30):]
        elif kind in (2, 3):  # tokens
            tokens = text.split(" ")
            i = rng.randrange(len(tokens))
            if kind == 2:
                tokens.insert(i, rng.choice(KEYWORDS + NAMES))
            else:
                tokens[i], tokens[rng.randrange(len(tokens))] = \
                    tokens[rng.randrange(len(tokens))], tokens[i]
            text = " ".join(tokens)
        elif kind == 4:  # lines
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            choice = rng.randrange(3)
            if choice == 0:
                lines.insert(i, lines[j])
            elif choice == 1:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:  # a repeated piece
            piece = text[at:at + rng.randrange(1, 40)]
            text = text[:at] + piece * rng.randrange(2, 300) + text[at:]
    return text


def fragment(rng: random.Random) -> str:
    """A few statements cut out of a real agreement, with its header."""
    text = _corpus_text(rng)
    statements = text.split(".\n")
    start = rng.randrange(len(statements))
    return HEAD + ".\n".join(statements[start:start + rng.randrange(1, 6)]) + ".\n"


_TEXTS: dict[Path, str] = {}


def _corpus_text(rng: random.Random) -> str:
    path = rng.choice(CORPUS)
    if path not in _TEXTS:
        _TEXTS[path] = path.read_text(encoding="utf-8")
    return _TEXTS[path]


# ---- agreements ------------------------------------------------------------------------------

def agreement_input(seed: int) -> str:
    rng = random.Random(seed)
    base = generated_agreement(rng) if rng.random() < 0.6 else fragment(rng)
    return base if rng.random() < 0.25 else mutate(base, rng)


def check_agreement(text: str, seed: int) -> None:
    """The oracle for an agreement text: parse, check and, when clean, compile, decide, say,
    render and format it."""
    rng = random.Random(seed)
    try:
        agreement = contractdsl.parse(text, "fuzz.agreement")
    except ContractError as err:
        located(err)
        return
    problems = contractdsl.check(agreement)
    if any(p.severity == "error" for p in problems):
        return
    contractdsl.compile(agreement)
    for _ in range(2):
        try:
            said(contractdsl.permits(agreement, usage_dict(rng)), rng, agreement)
        except ContractError as err:
            located(err)
    if rng.random() < 0.1:
        contractdsl.render(agreement, locale=rng.choice(("en", "nl", "fr")),
                           format=rng.choice(("markdown", "html", "text")))
    if rng.random() < 0.1:
        from contractdsl.format import format_text

        formatted = format_text(text, "fuzz.agreement")
        if contractdsl.parse(formatted) != agreement:
            raise AssertionError("the formatted text reads back as another agreement")


def located(err: ContractError) -> None:
    if not isinstance(err, ContractError):
        raise err
    for d in err.diagnostics:
        if d.line < 1 or d.column < 1 or not d.file or not d.message:
            raise AssertionError(f"an error without a location: {d!r}")
    if not err.diagnostics and not str(err):
        raise AssertionError("an error without words")


def said(decision, rng: random.Random, agreement=None) -> None:
    locale = rng.choice(("en", "nl", "fr"))
    decision.explain(locale=locale, agreement=agreement if locale != "en" else None)
    json.dumps(decision.to_dict())


# ---- usages ----------------------------------------------------------------------------------

MOMENTS = ["2024-06-30", "9999-12-31", "0001-01-01", "2024-06-30T10:00:00Z",
           "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+01:00", "2024-02-30", "2024-6-1",
           "yesterday", 20240630, None, [], {}, "2024-06-30T10:00", "9999-12-31T23:59:59-05:00",
           10 ** 5000]
AMOUNTS = [0, 1, 450, 10 ** 59, 10 ** 60, 10 ** 5000, -1, 1.5, 1e308, float("inf"),
           float("nan"), "1e40", "1e-999999", "Infinity", ".inf", "1,500", "1_000", "9" * 61,
           "0." + "0" * 59 + "1", True, None, "", "x", [1], {"a": 1}]


def usage_dict(rng: random.Random) -> dict:
    """A usage with some of its fields, named well or badly."""
    usage: dict = {}
    for key, values in (("app", ["tool", "bing_pages", "x", "", 5]),
                        ("action", ["use", "read", "share", "display", "x"]),
                        ("act", ["register", "decline", "x"]),
                        ("data", ["records", "personal", "content", "x"]),
                        ("purpose", ["research", "stats", "search_results_display", "x"]),
                        ("tier", ["basic", "x"])):
        if rng.random() < 0.6:
            usage[key] = rng.choice(values)
    if rng.random() < 0.5:
        usage["recipients"] = rng.sample(["gov", "third", "government", "x"], rng.randrange(3))
    if rng.random() < 0.85:
        usage["date"] = rng.choice(MOMENTS)
    else:
        usage["period"] = {"from": rng.choice(MOMENTS), "until": rng.choice(MOMENTS)}
    if rng.random() < 0.5:
        usage["facts"] = ({f: rng.choice(MOMENTS) for f in rng.sample(
            ["notified", "asked", "licensor_notified", "x"], 2)} if rng.random() < 0.5
            else rng.sample(["notified", "asked", "written_approval"], 2))
    if rng.random() < 0.5:
        volume = {"amount": rng.choice(AMOUNTS), "unit": rng.choice(["req", "calls", "posts",
                                                                      "requests", "x"])}
        if rng.random() < 0.6:
            volume["per"] = rng.choice(WINDOWS + ["0 days", "calendar months", 15, "x",
                                                  10 ** 5000])
        usage["volume"] = [volume] if rng.random() < 0.8 else volume
    if rng.random() < 0.3:
        usage["licensee"] = {name: rng.choice([True, False, 0, 1500, "2,000", -1, "x", [1]])
                             for name in rng.sample(["public_body", "members", "age", "x"], 2)}
    if rng.random() < 0.3:
        group = {name: rng.choice([True, "some", "all", "none", 12, [10, 40], [], "x", 2.5])
                 for name in rng.sample(["age", "consented", "members", "x"], 2)}
        usage["users"] = group if rng.random() < 0.7 else [group, {}] if rng.random() < 0.5 \
            else rng.choice([[], "x", [1]])
    if rng.random() < 0.1:
        usage["terminated"] = rng.choice(MOMENTS)
    if rng.random() < 0.1:
        usage["expect"] = rng.choice(["denied", "x", 10 ** 5000, {"outcome": "denied", "clauses": [
            rng.choice(["1", 1, 10 ** 5000])], "amounts": {"2": rng.choice(["5 req", 10 ** 5000])}}])
    if rng.random() < 0.05:
        usage[rng.choice(["nmae", "extra", "volumes", 10 ** 5000])] = 1
    if rng.random() < 0.05:
        usage["name"] = rng.choice(["ok\x1b[31m", "a\nb", "<x/>&", "\x00"])
    return usage


_AGREEMENTS: list = []


def agreements() -> list:
    if not _AGREEMENTS:
        twitter = sorted((ROOT / "agreements" / "twitter").glob("*.agreement"))
        examples = sorted((ROOT / "agreements" / "examples").glob("*.agreement"))
        _AGREEMENTS.extend([contractdsl.load(*twitter, cache=False),
                            contractdsl.load(*examples, cache=False),
                            contractdsl.parse(HEAD + "clause 1: licensee may use.\n"
                                              "clause 2: licensee must not read more than 5 req "
                                              "per day.\n"
                                              "clause 3: licensee must not share records when "
                                              "user's age is less than 13 unless user is "
                                              "consented or licensee's members is at least "
                                              "1,000.\n")])
    return _AGREEMENTS


def usage_input(seed: int):
    """A usage as a mapping, or (one time in four) as the text of a YAML or JSON file."""
    rng = random.Random(seed)
    usage = usage_dict(rng)
    if rng.random() < 0.75:
        return usage
    text = yaml_text(usage, rng)
    return mutate(text, rng) if rng.random() < 0.5 else text


def yaml_text(usage: dict, rng: random.Random) -> str:
    def plain(value):
        if isinstance(value, float) and value != value:
            return ".nan"
        if isinstance(value, float) and value in (float("inf"), float("-inf")):
            return ".inf"
        return value

    def dumps(value) -> str:  # a number too long for `str` is written out as digits
        return json.dumps(_tame(value), default=str).replace('"HUGE"', "9" * 5000)

    if rng.random() < 0.5:
        return dumps(usage)
    lines = [f"{key if isinstance(key, str) else dumps(key)}: {dumps(plain(value))}"
             for key, value in usage.items()]
    if rng.random() < 0.2:
        lines.append(rng.choice(["x: &a [*a]", "[" * rng.randrange(1, 60),
                                 "y: &b [1,2,3]\nz: [*b, *b, *b]", "- 1\n- 2", "!!python/none x",
                                 "app: !!binary aGVsbG8=", "<<: {app: tool}"]))
    return "\n".join(lines) + "\n"


def _tame(value):
    if isinstance(value, dict):
        return {_tame(k): _tame(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tame(v) for v in value]
    return "HUGE" if isinstance(value, int) and value.bit_length() > 10_000 else value


def check_usage(value, seed: int) -> None:
    rng = random.Random(seed)
    agreement = rng.choice(agreements())
    try:
        if isinstance(value, str):
            from contractdsl.usage import read_usages

            path = _scratch() / "usage.yaml"
            path.write_text(value, encoding="utf-8", errors="surrogatepass")
            usages = read_usages(path)
        else:
            usages = [value]
        for usage in usages:
            decision = contractdsl.permits(agreement, usage)
            said(decision, rng, agreement)
    except ContractError as err:
        located(err)


_SCRATCH: list[Path] = []


def _scratch() -> Path:
    if not _SCRATCH:
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="contractdsl-fuzz-", dir=base)))
    return _SCRATCH[0]


# ---- the command line ------------------------------------------------------------------------

def _files() -> dict[str, str]:
    """The files command lines name, made afresh in a scratch folder."""
    folder = _scratch() / "cli"
    folder.mkdir(exist_ok=True)
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            for inner in child.iterdir():
                inner.unlink()
            child.rmdir()
        else:
            child.unlink()
    files = {}
    rng = random.Random(7)
    for name, text in (("good.agreement", HEAD + "clause 1: licensee may use.\n"),
                       ("gen.agreement", generated_agreement(rng)),
                       ("bad.agreement", mutate(generated_agreement(rng), rng)),
                       ("usage.yaml", "app: tool\ndate: 2024-06-30\n"),
                       ("usages.json", json.dumps(_tame([usage_dict(rng) for _ in range(3)]))
                        .replace('"HUGE"', "9" * 5000)),
                       ("bomb.yaml", "a: &a [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
                           f"{c}: &{c} [{','.join([f'*{p}'] * 10)}]\n"
                           for p, c in zip("abcdef", "bcdefg")))):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        files[name.split(".")[0]] = str(path)
    (folder / "folder").mkdir()
    fifo = folder / "pipe.agreement"
    os.mkfifo(fifo)
    link = folder / "link.agreement"
    link.symlink_to(folder / "good.agreement")
    dangling = folder / "dangling.md"
    dangling.symlink_to(folder / "nowhere.md")
    files.update({"folder": str(folder / "folder"), "pipe": str(fifo), "link": str(link),
                  "dangling": str(dangling), "missing": str(folder / "missing.agreement"),
                  "out": str(folder / "out.md"), "devnull": "/dev/null", "devzero": "/dev/zero",
                  "empty": "", "control": str(folder / "c\x1b[31m.agreement")})
    return files


def cli_input(seed: int) -> list[str]:
    """A command line: a command, files of every kind, options good and bad."""
    rng = random.Random(seed)
    names = ["good", "gen", "bad", "usage", "usages", "bomb", "folder", "pipe", "link",
             "dangling", "missing", "out", "devnull", "devzero", "empty", "control"]
    command = rng.choice(["check", "permits", "fmt", "render", "help", "", "--version", "-h"])
    argv = [command] + [f"@{rng.choice(names)}" for _ in range(rng.randrange(0, 4))]
    options = {"check": ["--format", "json", "text", "xml"],
               "permits": ["--usage", "-u", "@usage", "@usages", "@bomb", "--format", "json",
                           "junit", "text", "--locale", "nl", "fr", "de", "--"],
               "fmt": ["--check", "--stdout"],
               "render": ["-o", "@out", "@pipe", "@devnull", "@dangling", "@link", "--locale",
                          "fr", "--format", "html", "text", "pdf", "-l", "nl"]}
    for _ in range(rng.randrange(0, 5)):
        argv.append(rng.choice(options.get(command, ["--bogus"])))
    rng.shuffle(argv[1:]) if rng.random() < 0.3 else None
    return argv


def check_cli(argv: list[str], seed: int) -> None:
    from contractdsl.cli import main

    files = _files()
    args = [files[a[1:]] if a.startswith("@") else a for a in argv]
    out, err = io.StringIO(), io.StringIO()
    # in a folder of its own: an option read as a file name (`-o html`) writes there
    with contextlib.chdir(_scratch()), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        try:
            status = main(args)
        except SystemExit as exit:  # argparse: --help, --version, a bad option
            status = exit.code if isinstance(exit.code, int) else 2
    text = err.getvalue()
    if status not in (0, 1, 2, 3):
        raise AssertionError(f"exit status {status}: {text[-400:]}")
    if "Traceback" in text:
        raise AssertionError(f"a traceback: {text[-400:]}")
    # bad input is reported in the format asked for: on standard error as text, or in the
    # machine format's own place on standard output (json, junit, github, sarif)
    said = text + out.getvalue()
    if status == 2 and not (("error" in said and ("help" in said or "usage:" in said))
                            or '"problems"' in said):
        raise AssertionError(f"status 2 without an error and its help: {said[-400:]!r}")
    for stream in (out.getvalue(), text):
        if "\x1b" in stream or "\x07" in stream:
            raise AssertionError("a control character reached the terminal")


KINDS = {
    "agreement": (agreement_input, check_agreement),
    "usage": (usage_input, check_usage),
    "cli": (cli_input, check_cli),
}


def run_one(kind: str, seed: int) -> None:
    """Make input ``seed`` of ``kind`` and hold it to the oracle (raises on a finding)."""
    make, check = KINDS[kind]
    check(make(seed), seed)
