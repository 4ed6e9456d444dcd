"""`contractdsl permits AGREEMENT... --usage FILE...`: one decision per usage; exit 0/1/3, 2 on bad input."""

from __future__ import annotations

import gc
import json
import sys
from xml.etree import ElementTree as ET

from ..decision import DENIED, PERMITTED, UNDETERMINED
from ..errors import visible

EXIT = {PERMITTED: 0, DENIED: 1, UNDETERMINED: 3}


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "permits", help="decide whether usages are licensed",
        description="Decide whether each usage is licensed by the agreement. Exit status: 0 "
        "when all are permitted, 1 when any is denied, 3 when any is undetermined and none "
        "denied, 2 on bad input.")
    parser.add_argument("agreements", nargs="+", metavar="AGREEMENT",
                        help="agreement versions and schedules, read together")
    parser.add_argument("--usage", "-u", action="append", default=[], metavar="FILE",
                        help="a YAML or JSON file holding a usage or a list of named usages "
                        "(repeatable; usage files may also follow `--`)")
    parser.add_argument("--format", choices=("text", "json", "junit"), default="text",
                        help="text for people (default), json for machines, junit for CI")
    parser.add_argument("--locale", choices=("en", "nl", "fr"), default="en",
                        help="language of the explanations in text and JUnit output "
                        "(default en; JSON is always English)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from .. import load, permits_many
    from ..errors import InputError
    from ..usage import read_usages

    agreements, usage_files = args.agreements, list(args.usage)
    if not usage_files:
        # `contractdsl permits A.agreement -- usages.yaml`: argparse puts both in one list.
        usage_files = [p for p in agreements if not p.endswith(".agreement")]
        agreements = [p for p in agreements if p.endswith(".agreement")]
    if not usage_files:
        raise InputError("no usage given", help="add `--usage FILE`, or the usage files after `--`")
    if not agreements:
        raise InputError("no agreement file given",
                         help="name the agreement files before `--usage`")
    agreement = load(*agreements)
    usages = [u for path in usage_files for u in read_usages(path)]
    # A large batch allocates many small objects that all live until the output is written:
    # the collector would only walk them again and again, so it rests while the batch is decided.
    gc.disable()
    try:
        decisions = permits_many(agreement, usages)
    finally:
        gc.enable()

    def explain(decision) -> str:
        # in Dutch and French, each cited clause is also said in that language
        return visible(decision.explain(locale=args.locale,
                                        agreement=agreement if args.locale != "en" else None))

    if args.format == "json":
        json.dump([d.to_dict() for d in decisions], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.format == "junit":
        sys.stdout.write(junit(decisions, explain))
    else:
        print("\n\n".join(explain(d) for d in decisions))
    outcomes = {d.outcome for d in decisions}
    if DENIED in outcomes:
        return EXIT[DENIED]
    if UNDETERMINED in outcomes:
        return EXIT[UNDETERMINED]
    return 0


def junit(decisions, explain) -> str:
    """JUnit XML: one test case per usage, a failure per denied or undetermined usage, each
    with the decision as ``explain`` says it."""
    failures = sum(d.outcome != PERMITTED for d in decisions)
    suite = ET.Element("testsuite", name="contractdsl permits", tests=str(len(decisions)),
                       failures=str(failures), errors="0", skipped="0")
    for decision in decisions:
        case = ET.SubElement(suite, "testcase", classname="permits",
                             name=visible(decision.usage.describe()))
        if decision.outcome != PERMITTED:
            failure = ET.SubElement(case, "failure", message=decision.outcome,
                                    type=decision.outcome)
            failure.text = explain(decision)
        else:
            ET.SubElement(case, "system-out").text = explain(decision)
    suites = ET.Element("testsuites", tests=str(len(decisions)), failures=str(failures))
    suites.append(suite)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
