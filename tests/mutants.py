"""Check that the laws bite: each law in tests/test_laws.py must fail on a broken evaluator.

Usage (from anywhere; the paths are found from this file)::

    python tests/mutants.py                      # every mutant, Hypothesis profile `ci`
    python tests/mutants.py --only prohibition-yields-to-permission
    python tests/mutants.py --profile deep       # each law with 10,000 examples
    python tests/mutants.py --list               # the mutants and the laws meant to catch them
    python tests/mutants.py --jobs 2 --seed 0    # two at a time; a fixed Hypothesis seed
    python tests/mutants.py --shrink             # show the shrunk failing example (slower)

Each mutant is one small change to the library's source, the kind of bug a law is about: an
exact string replaced in one file. For each mutant the script copies the ``contractdsl``
package and ``grammars/`` into a temporary folder, checks that the string to replace occurs
there exactly once (a mutant whose string no longer occurs, or occurs more than once, is
reported as *stale* instead of silently testing the unchanged source), applies the change and
runs the law(s) meant to catch it::

    python -m pytest -x -q -p no:cacheprovider tests/test_laws.py::<law>

in the temporary folder with ``PYTHONPATH`` pointing at it, so the mutated copy is what the
tests import. A mutant is *caught* when the law fails, and *survived* when it passes. The
profile's settings are kept except shrinking, which is skipped unless ``--shrink`` is given:
one failing example is enough.

Before the mutants, a sanity check: in the same setting, ``contractdsl`` must be imported from
an unchanged copy (its ``__file__`` is checked in a subprocess), a canary mutant (``permits``
raising) must be caught, and the laws must pass on the unchanged copy (else a failing law
would count every mutant as caught). Skip the last with ``--no-baseline``.

The exit status is 0 when every mutant is caught, 1 when any survived, is stale or timed out,
and 2 when the sanity check fails. This file is a script, not a test module: pytest does not
collect it; ``tests/test_mutants_current.py`` reads its list to check, in every test run, that
each mutant's text still occurs exactly once and that the tests meant to catch it exist.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAWS = ROOT / "tests" / "test_laws.py"
TIMEOUT = {"ci": 900, "deep": 4 * 3600}  # seconds per pytest run


@dataclass(frozen=True)
class Mutant:
    name: str
    # test functions in tests/test_laws.py meant to catch it, or `tests/FILE.py::test_x` elsewhere
    laws: tuple[str, ...]
    file: str  # relative to the contractdsl package; `grammars/...`: the grammar beside it
    old: str
    new: str
    breaks: str  # what the change breaks, in words


# The linter's tests that catch its mutants (in tests/test_lint.py)
_LINT = "tests/test_lint.py::test_"
_DIFF = "tests/test_diff.py::test_"
_EACH = _LINT + "each_rule_finds_what_it_is_about_and_nothing_once_put_right"
_QUIET = _LINT + "nothing_is_found_where_the_rule_does_not_hold"

MUTANTS = [
    # ---- the evaluator (evaluation/) and the IR it reads (semantics/) ------------------------
    Mutant(
        "exceptions-resolved-in-one-pass", ("test_determinism_and_order_independence",),
        "semantics/lower.py",
        "    by_id = {c.id: c for c, _ in clauses}\n    for clause, _ in clauses:\n",
        "    by_id = {}\n    for clause, _ in clauses:\n        by_id[clause.id] = clause\n",
        "lowering a stretch finds the permissions that lift a prohibition (its `lifted_by`) in "
        "one pass over the clauses, so an `except as permitted by` only counts when the "
        "permission comes before the clause it excepts, and clause order changes the decision"),
    Mutant(
        "first-prohibition-only", ("test_determinism_and_order_independence",),
        "evaluation/decide.py",
        "            events.append((\"prohibits\", rule, f, [c for c in rule.conflicts if "
        "c.other in ids]))\n",
        "            events.append((\"prohibits\", rule, f, [c for c in rule.conflicts if "
        "c.other in ids]))\n            break\n",
        "`judge` stops at the first prohibition that bites, in clause order, so only that one "
        "is cited"),
    Mutant(
        "default-allow-without-permissions", ("test_default_deny",),
        "evaluation/decide.py",
        "    return not found and not usage.act\n",
        "    return False\n",
        "`judge` never denies for want of a permission: a usage no permission covers is "
        "allowed"),
    Mutant(
        "prohibition-yields-to-permission",
        ("test_adding_a_prohibition_never_permits_more",
         "test_a_prohibition_overrides_every_permission"),
        "evaluation/decide.py",
        "            outcome = DENIED\n            if not trace:\n"
        "                return _denied(program, index, action, data)\n",
        "            if found:\n                if trace:\n"
        "                    events.append((\"prohibits\", rule, f, []))\n                continue\n"
        "            outcome = DENIED\n            if not trace:\n"
        "                return _denied(program, index, action, data)\n",
        "prohibitions no longer override permissions: a prohibition that bites is cited, but "
        "an applicable permission wins"),
    Mutant(
        "split-total-charged-to-each-part",
        ("tests/test_semantics.py::test_a_total_is_judged_over_every_day_its_limit_binds",
         "test_adding_a_permission_without_duties_never_denies_a_total_more"),
        "evaluation/decide.py",
        "            windows = None\n",
        "            windows = count_windows(lim.window, self.first, self.last)\n",
        "`Tally.total` charges a total that runs beyond the days its limit binds in full to "
        "those days, so a limit in force for part of the period denies what it may not"),
    Mutant(
        "limit-judged-per-part",
        ("tests/test_semantics.py::test_a_total_is_judged_over_every_day_its_limit_binds",
         "test_a_cut_where_nothing_binding_the_usage_changes_changes_no_decision"),
        "evaluation/decide.py",
        "                    spans.append((id(item), lo, hi))\n",
        "                    pass\n",
        "a limit or duty that binds a usage on both sides of a cut is judged in each part alone, "
        "so a date where nothing binding the usage changes turns a denied total undetermined"),
    Mutant(
        "total-across-a-change-bounded-by-the-larger-limit",
        ("tests/test_semantics.py::test_a_total_across_a_change_of_its_limit_is_bounded_by_"
         "what_each_side_allows",
         "tests/test_semantics.py::test_a_total_across_a_change_is_bounded_by_every_window_on_"
         "each_side"),
        "evaluation/decide.py",
        "                    allowed = lim.amount * windows\n",
        "                    allowed = max(other.amount for *_, row_ in spans\n"
        "                                  for other in row_.limits) * windows\n",
        "`Tally.most` allows each side of a change the larger of the limits, so a total over "
        "what the two sides allow together is not denied"),
    Mutant(
        "unearned-tier-silent-on-other-currencies",
        ("tests/test_tiers_earned.py::test_a_payment_in_another_currency_is_said_not_to_count",),
        "evaluation/decide.py",
        "                  () if earned else rule.uncounted(payments, day))\n",
        "                  ())\n",
        "a tier not earned is said with what the usage paid in its currency alone, silent on "
        "the payments in another currency that it does not count"),
    Mutant(
        "allowance-in-money-ignores-other-currencies",
        ("tests/test_tiers_earned.py::test_spending_in_another_currency_cannot_be_told_within_"
         "an_allowance_in_money",),
        "evaluation/decide.py",
        "        if not other:\n            self.in_unit(lim)\n",
        "        if True:\n            self.in_unit(lim)\n",
        "spending in another currency than an allowance in money counts for nothing, so "
        "1,000,000 EUR are within 100 USD a calendar month"),
    Mutant(
        "allowance-in-money-not-judged-beside-other-currencies",
        ("tests/test_tiers_earned.py::test_spending_in_another_currency_cannot_be_told_within_"
         "an_allowance_in_money",),
        "evaluation/decide.py",
        "                if lim.unit in units or lim.amount == 0 or money and (\n",
        "                if lim.unit in units or lim.amount == 0 or False and (\n",
        "a usage that states spending only in another currency than an allowance in money is "
        "decided without its amounts, so the allowance never sees it"),
    Mutant(
        "cap-in-total-counts-from-the-usage",
        ("tests/test_caps.py::test_a_total_before_the_period_counts_under_a_cap_in_total",
         "tests/test_caps.py::test_a_total_on_days_the_cap_does_not_count_counts_for_none"),
        "evaluation/decide.py",
        "            first = min(begun, first)\n",
        "            pass\n",
        "a cap in total counts only the days of the usage's period, so 2,000 tokens stated "
        "before it are a share of no day it binds and the cap of 1,000 never denies them"),
    Mutant(
        "cap-in-total-counts-before-its-facts",
        ("tests/test_caps.py::test_a_cap_in_total_on_a_fact_counts_from_the_facts_day",),
        "evaluation/decide.py",
        "                    begun = first if when is None else max(begun, min(day_of(when), first))\n",
        "                    pass\n",
        "a cap in total that binds once a fact holds counts what was stated before the fact "
        "came about, so a total stated before the licensee went on trial exceeds a trial's cap"),
    Mutant(
        "cap-in-total-counts-where-its-conditions-failed",
        ("tests/test_caps.py::test_a_cap_in_total_counts_only_the_days_its_conditions_held_"
         "before_the_period",),
        "evaluation/decide.py",
        "            while j > first and _binds_in(program, j - 1, lim, usage):\n",
        "            while j > first:\n",
        "a cap in total counts what was stated before the period on every day its clause was "
        "in force, though its conditions did not hold for the usage then (its purpose not yet "
        "approved for its app in an earlier version), so 2,000 tokens stated then exceed it"),
    Mutant(
        "cap-in-total-counts-where-it-was-lifted",
        ("tests/test_caps.py::test_a_cap_in_total_counts_only_the_days_its_conditions_held_"
         "before_the_period",),
        "evaluation/decide.py",
        "        if lim.guard is not None or lim.unless is not None or lim.lifted_by or "
        "lim.conflicts:\n",
        "        if lim.guard is not None or lim.unless is not None or lim.conflicts:\n",
        "a cap in total without conditions counts what was stated before the period on every "
        "day its clause was in force, though a permission it names in `except as permitted "
        "by` lifted it for the usage then, so 2,000 tokens stated then exceed it"),
    Mutant(
        "cap-in-total-counts-where-it-was-overridden",
        ("tests/test_caps.py::test_a_cap_in_total_counts_none_of_the_days_a_prevailing_cap_"
         "overrode_it",),
        "evaluation/decide.py",
        "        if lim.guard is not None or lim.unless is not None or lim.lifted_by or "
        "lim.conflicts:\n",
        "        if lim.guard is not None or lim.unless is not None or lim.lifted_by:\n",
        "a cap in total without conditions counts what was stated before the period on every "
        "day its clause was in force, though a cap of a document that prevails over it "
        "overrode it for the usage then, so 2,000 tokens stated then exceed it"),
    Mutant(
        "cap-in-total-counts-before-its-tier-was-earned",
        ("tests/test_caps.py::test_a_cap_in_total_on_an_earned_tier_counts_from_the_day_it_"
         "was_earned",),
        "evaluation/decide.py",
        "                    begun = max(begun, min(min(earned), first))\n",
        "                    pass\n",
        "a cap in total that binds a tier earned by what was paid counts what was stated "
        "before the payments earned it, so a total stated before the licensee had the tier "
        "exceeds the tier's cap"),
    Mutant(
        "cap-in-total-used-up-before-leaves-room",
        ("tests/test_caps.py::test_a_total_before_the_period_counts_under_a_cap_in_total",),
        "evaluation/decide.py",
        "        if counted == lim.amount and not volume.is_rate and end < self.u.first_day and all(\n",
        "        if False and not volume.is_rate and end < self.u.first_day and all(\n",
        "a total stated before the period that reaches a cap in total leaves the usage within "
        "it, though its action implies a positive amount"),
    Mutant(
        "cap-in-total-used-up-side-by-side-leaves-room",
        ("tests/test_caps.py::test_a_total_before_the_period_counts_under_a_cap_in_total",),
        "evaluation/decide.py",
        "                    found = (DENIED, least, most, tuple(chosen), 0)\n",
        "                    found = (PERMITTED, least, most, tuple(chosen), 1)\n",
        "totals stated side by side before the period that come to a cap in total leave the "
        "usage within it, though its action implies a positive amount"),
    Mutant(
        "cap-in-total-rate-ignores-what-came-before",
        ("tests/test_caps.py::test_a_total_before_the_period_counts_under_a_cap_in_total",),
        "evaluation/decide.py",
        "            if earlier[1]:\n",
        "            if False:\n",
        "a rate under a cap in total is counted without the totals stated before the period, "
        "so 600 tokens in May and 480 on June 1st are within a cap of 1,000"),
    Mutant(
        "share-stated-apart-counted-by-every-limit",
        ("tests/test_semantics.py::test_a_total_across_a_change_of_its_limit_is_bounded_by_"
         "what_each_side_allows",),
        "evaluation/decide.py",
        "                   if counts(lim, vol, unit_of) and not self.apart(vol, lim)]\n",
        "                   if counts(lim, vol, unit_of)]\n",
        "a total the usage states over days a limit does not bind is judged by it, so stating "
        "the share of each side of a change never decides the usage"),
    Mutant(
        "total-outside-the-usages-period-judged-by-a-limit-per-window",
        ("tests/test_semantics.py::test_a_total_stated_wholly_outside_the_usages_period_is_"
         "none_of_a_limits_per_window",),
        "evaluation/decide.py",
        "            and self.placed(volume, lim, *self.counting(lim)) == -1\n",
        "            and self.placed(volume, lim, *self.counting(lim)) == -1 and (\n"
        "                lim.basis != \"window\" or\n"
        "                self.u.first_day <= volume.start and volume.end <= self.u.last_day)\n",
        "a total stated wholly before or after the usage's period is judged by a limit per "
        "window as if it ran into the days the limit binds the usage, and the usage is "
        "undetermined, asking for a share of days that run backwards"),
    Mutant(
        "allowance-of-zero-yields-to-a-total-stated-apart",
        ("tests/test_semantics.py::test_a_total_stated_wholly_outside_the_usages_period_is_"
         "none_of_a_limits_per_window",),
        "evaluation/decide.py",
        "        if not volumes:\n            if lim.amount == 0:\n",
        "        if not volumes:\n            if lim.amount == 0 and not any(\n"
        "                    counts(lim, vol, unit_of) for vol in self.u.volume):\n",
        "an allowance of zero does not deny a usage of its action that states a total only on "
        "days the allowance does not bind, so reading on the days it forbids is permitted"),
    Mutant(
        "early-end-ignored",
        ("test_after_an_early_end_only_surviving_clauses_are_cited",),
        "evaluation/decide.py",
        "    day = usage.terminated if usage.terminated is not None and \\\n"
        "        usage.terminated <= usage.last_day else None\n",
        "    day = None\n",
        "a usage that says its agreement ended early is judged as if it had not"),
    Mutant(
        "early-end-keeps-later-versions",
        ("test_after_an_early_end_only_surviving_clauses_are_cited",
         "tests/test_termination.py::test_a_later_version_never_binds_a_licensee_whose_"
         "agreement_ended"),
        "semantics/lower.py",
        "                continue  # took effect after the licensee's agreement ended\n",
        "                pass\n",
        "a version that takes effect after a licensee's agreement ended still binds it"),
    Mutant(
        "exception-lifts-when-in-force",
        ("test_an_exception_only_narrows_the_prohibition_it_names",),
        "evaluation/decide.py",
        "        ids = {r.clause for r in applicable}\n",
        "        ids = {r.clause for r in permits.rules}\n",
        "an exception lifts its prohibition whenever the excepting permission is in force in "
        "the stretch, even when it does not apply to the usage"),
    Mutant(
        "effective-window-start-ignored",
        ("test_a_clause_outside_its_window_has_no_effect",
         "test_a_clause_is_in_force_on_the_days_of_its_window"),
        "semantics/lower.py",
        "        return ((clause.valid_from is None or clause.valid_from <= day) and\n"
        "                (clause.valid_until is None or day <= clause.valid_until))\n",
        "        return clause.valid_until is None or day <= clause.valid_until\n",
        "lowering puts a clause in the stretches before its `from` date: its effective window "
        "is ignored before it starts"),
    Mutant(
        "hierarchy-wrong-direction", ("test_hierarchy_descendants_never_ancestors",),
        "semantics/lower.py",
        "            purposes=self.covered(\"purpose\", activity.purposes) if activity.purposes "
        "else None,\n",
        "            purposes=frozenset(a for p in activity.purposes\n"
        "                               for a in self.symbols.ancestors[\"purpose\"]"
        ".get(p, (p,)))\n"
        "            if activity.purposes else None,\n",
        "a rule's purposes (its Scope) are resolved to the purposes the clause names and their "
        "ancestors, not their descendants: it applies upwards"),
    Mutant(
        "rate-limit-boundary", ("test_volume_monotonicity",),
        "evaluation/decide.py",
        "        exceeded = amount.numerator * goal * limit.denominator > \\\n",
        "        exceeded = amount.numerator * goal * limit.denominator >= \\\n",
        "`>` turned into `>=` in `Tally.rate`: a rate of exactly the limit is denied"),
    Mutant(
        "rate-windows-swapped", ("test_a_rate_in_another_window_decides_alike",),
        "evaluation/arithmetic.py",
        "    return goal, source\n",
        "    return source, goal\n",
        "`rate_ratio` converts a rate to the limit's window with the two windows swapped"),
    Mutant(
        "total-at-limit-undetermined", ("test_totals_at_their_boundaries",),
        "evaluation/decide.py",
        "        elif scaled <= limit.numerator * amount.denominator:\n",
        "        elif scaled < limit.numerator * amount.denominator:\n",
        "`Tally.total`: a total of exactly the limit in one window is no longer within it"),
    Mutant(
        "total-average-at-limit-denied", ("test_totals_at_their_boundaries",),
        "evaluation/decide.py",
        "        if windows is not None and scaled > limit.numerator * windows * "
        "amount.denominator:\n",
        "        if windows is not None and scaled >= limit.numerator * windows * "
        "amount.denominator:\n",
        "`Tally.total`: a total whose average is exactly the limit is denied instead of "
        "undetermined"),
    # The IR: lowering (semantics/lower.py), guards (semantics/ir.py), the rule index.
    Mutant(
        "condition-hierarchy-wrong-direction",
        ("test_a_term_covers_its_descendants_never_its_ancestors_in_every_facet",),
        "semantics/lower.py",
        "                self.covered(cond.subject, [cond.name])\n",
        "                frozenset(self.symbols.ancestors[cond.subject].get(cond.name, "
        "(cond.name,)))\n",
        "an `Is` guard (`when recipient is R`) is resolved to the term and its ancestors "
        "instead of its descendants"),
    Mutant(
        "date-before-inclusive", ("test_a_date_condition_holds_on_the_days_it_names",),
        "semantics/lower.py",
        "            return ir.Const(value=self.day < cond.date, about=\"date_before\", "
        "date=cond.date,\n",
        "            return ir.Const(value=self.day <= cond.date, about=\"date_before\", "
        "date=cond.date,\n",
        "a `date is before D` condition is folded with `<=`: it still holds on D"),
    Mutant(
        "lowered-clause-memo-ignores-dates", ("test_a_date_condition_holds_on_the_days_it_names",),
        "semantics/lower.py",
        "        key = (table_index, id(clause), _dated(clause, day, memo, lowering.offered), "
        "exceptions,\n",
        "        key = (table_index, id(clause), exceptions,\n",
        "the memo of lowered clauses is keyed without `_dated(...)`: a clause's date condition "
        "is folded once, in the first stretch of its version, and reused in every later one"),
    Mutant(
        "tier-offered-outside-its-window",
        ("tests/test_tiers_earned.py::test_a_tier_outside_its_window_is_no_usages",),
        "semantics/lower.py",
        "                         None if len(offered) == len(table.tiers) else offered,\n",
        "                         None,\n",
        "every tier the text defines is taken as offered on every day: a usage that states a "
        "tier outside its window holds it there, its allowance not binding"),
    Mutant(
        "tier-memo-ignores-offered-tiers",
        ("tests/test_tiers_earned.py::test_a_tier_outside_its_window_is_no_usages",),
        "semantics/lower.py",
        "    return (*said, offered) if found[2] else said\n",
        "    return said\n",
        "the memo of lowered clauses is keyed without the tiers offered: a clause naming a tier "
        "is lowered once, where the tier is offered or not, and reused on the other side of its "
        "window"),
    Mutant(
        "ending-reads-another-versions-table",
        ("tests/test_termination.py::"
         "test_an_early_end_is_lowered_as_the_agreement_so_ended_would_be_alone",),
        "semantics/lower.py",
        "                same[id(ended_)] = id(document)\n",
        "                same[id(ended_)] = id(agreement.versions[-1])\n",
        "the version that a licensee's early end terminates is taken for the agreement's last "
        "version where the program of the end reuses the whole agreement's symbol tables and "
        "lowered clauses: its clauses are read with another version's names"),
    Mutant(
        "prepared-rules-shared-by-kind-alone",
        ("tests/test_termination.py::"
         "test_an_early_end_decides_as_the_agreement_so_ended_decides_alone",),
        "evaluation/decide.py",
        "    key = (kind, *(tuple(map(id, group)) for group in items))\n",
        "    key = (kind,)\n",
        "what is built of a stretch's rules (their indexes, the questions they ask, the limits "
        "on each action) is shared by every stretch and early end of a program, whatever rules "
        "each holds: each stretch is decided by the first one's rules"),
    Mutant(
        "carried-clause-compared-by-identity",
        ("tests/test_events.py::test_a_duty_every_year_counted_from_the_clause_start",),
        "semantics/lower.py",
        "        found = memo[key] = one == (other if one.title",
        "        found = memo[key] = one is (other if one.title",
        "a clause that a later version holds unchanged is taken for a new one (compared by "
        "identity, not by what it says): a duty every year restarts its count with the new "
        "version"),
    Mutant(
        "stretch-end-off-by-one", ("test_the_stretches_cut_time_where_what_is_in_force_changes",),
        "semantics/lower.py",
        "        end = ordered[index] - DAY if index < len(ordered) else None\n",
        "        end = ordered[index] if index < len(ordered) else None\n",
        "a stretch ends on the first day of the next one instead of the day before: "
        "neighbouring stretches overlap by a day"),
    Mutant(
        "survival-ends-a-day-late",
        ("test_a_surviving_clause_binds_for_its_survival_period_only",),
        "semantics/lower.py",
        "    return survival.duration.day_after(start) or _dt.date.max\n",
        "    return _next_day(survival.duration.day_after(start) or _dt.date.max) or "
        "_dt.date.max\n",
        "a surviving clause's survival period is computed a day too long: it still binds the "
        "day after it ends"),
    Mutant(
        "schedule-clause-not-confined", ("test_a_schedules_clauses_bind_only_its_apps",),
        "semantics/lower.py",
        "        clauses += [(c, only) for c in schedule.clauses]\n",
        "        clauses += [(c, None) for c in schedule.clauses]\n",
        "a schedule's clauses lose the guard that confines them to its apps: they bind the "
        "usages of every app"),
    Mutant(
        "tier-window-start-ignored",
        ("test_a_tiers_allowances_outside_its_window_have_no_effect",),
        "semantics/lower.py",
        "            if in_force(tier):\n",
        "            if tier.valid_until is None or day <= tier.valid_until:\n",
        "a tier's allowances are lowered into the stretches before its `from` date"),
    Mutant(
        "index-ignores-approval", ("test_an_approved_purpose_is_one_approved_for_the_usages_app",),
        "evaluation/decide.py",
        "            if not approved:\n                found &= ~self.needs_approval\n",
        "",
        "`RuleIndex.covering` ignores `needs_approval`: a permission `for an approved purpose` "
        "applies whatever the purpose"),
    Mutant(
        "index-ignores-recipient",
        ("test_a_term_covers_its_descendants_never_its_ancestors_in_every_facet",),
        "evaluation/decide.py",
        "        return found & (self.any_recipient | self.by_recipient.get(recipient, 0))\n",
        "        return found\n",
        "`RuleIndex` ignores the recipient facet: a rule `with R` applies to any recipient"),
    Mutant(
        "index-ignores-purpose",
        ("test_a_term_covers_its_descendants_never_its_ancestors_in_every_facet",),
        "evaluation/decide.py",
        "            found &= self.any_purpose | self.by_purpose.get(purpose, 0)\n",
        "",
        "`RuleIndex.covering` ignores the purpose facet: a rule `for P` applies to any "
        "purpose, and no usage is denied early for want of a permission of its purpose"),
    Mutant(
        "straddling-terms-kept-for-other-stretches",
        ("tests/test_semantics.py::test_a_period_over_more_stretches_is_not_judged_by_the_"
         "parts_of_a_shorter_one", "test_a_decision_does_not_depend_on_the_usages_decided_"
         "before_it"),
        "evaluation/decide.py",
        "    terms = (index, final, terms_key(program, usage))\n",
        "    terms = (index, terms_key(program, usage))\n",
        "what a straddling usage's terms decide is kept by its first stretch only: a usage "
        "over fewer or more stretches from the same one is judged by the parts kept for it"),
    Mutant(
        "not-guard-ignored", ("test_conditions_mean_what_their_logic_says",),
        "semantics/ir.py",
        "        return not self.operand.holds(f)\n",
        "        return self.operand.holds(f)\n",
        "`Not.holds` forgets to negate: `not C` holds when C does"),
    Mutant(
        "any-guard-needs-all", ("test_conditions_mean_what_their_logic_says",),
        "semantics/ir.py",
        "            if op.holds(f):\n                return True\n        return False\n",
        "            if not op.holds(f):\n                return False\n        return True\n",
        "`Any.holds` holds only when every operand does: `or` means `and`"),
    Mutant(
        "exception-lifts-for-any-recipient", ("test_several_recipients_are_judged_one_by_one",),
        "evaluation/decide.py",
        "            lifted = [p for p in rule.lifted_by if p in ids]\n",
        "            lifted = [p for p in rule.lifted_by if any(\n"
        "                p in {r.clause for r in permits.pick(permits.narrowed(covered, other))}\n"
        "                for other in judged_as(symbols, usage, action, data,\n"
        "                                       approved_=approved_))]\n",
        "`judge` lifts a prohibition for every recipient when its excepting permission "
        "applies to any of the usage's recipients, instead of judging each recipient alone"),
    Mutant(
        "format-or-inside-and-unbracketed", ("test_round_trip_and_idempotent_format",),
        "format.py",
        "        return f\"({text})\" if parent in (m.All, m.Not, m.Any) else text\n",
        "        return f\"({text})\" if parent in (m.Not, m.Any) else text\n",
        "the formatter drops the brackets around an `or` inside an `and`, changing its meaning"),
    Mutant(
        "format-drops-until", ("test_round_trip_and_idempotent_format",),
        "format.py",
        "    if item.valid_until:\n        parts.append(f\"until {item.valid_until.isoformat()}\")\n",
        "    if item.valid_until and not item.valid_from:\n"
        "        parts.append(f\"until {item.valid_until.isoformat()}\")\n",
        "the formatter drops a clause's end date when it also has a start date"),
    Mutant(
        "render-message-missing-in-french", ("test_render_never_raises_and_names_every_clause",),
        "prose/templates/messages.json",
        "\"deadline.by\": \"au plus tard le {date}\",",
        "\"deadline.date\": \"au plus tard le {date}\",",
        "a message is missing from the French catalogue: rendering a dated duty raises"),
    Mutant(
        "relative-clause-subject-said-of-one-taken-for-its-object",
        ("tests/test_render.py::test_the_singular_of_a_unit_with_a_relative_clause_is_said_only_"
         "where_surely_right",),
        "prose/phrase.py",
        "            or not words[0].endswith(\"s\") and re.search(r\"[^su]s$\", words[1]) is not None):\n",
        "            or False):\n",
        "\"requests that customer support handles\" said of one reads \"request that customers "
        "support handles\""),
    Mutant(
        "render-markdown-escapes-hyphens", ("test_render_never_raises_and_names_every_clause",),
        "prose/phrase.py",
        "    return re.sub(rf\"([\\\\`*_~\\[\\]<>|#]|{_REFERENCE})\", r\"\\\\\\1\", str(text))\n",
        "    return re.sub(rf\"([\\\\`*_~\\[\\]<>|#-]|{_REFERENCE})\", r\"\\\\\\1\", str(text))\n",
        "Markdown escaping of `-` mangles clause ids (`C\\-1`) in Markdown output"),
    Mutant(
        "explanation-only-decisive-reasons", ("test_the_explanation_names_every_clause_it_cites",),
        "decision.py",
        "    for reason in decision.reasons:\n        part = ",
        "    for reason in [r for r in decision.reasons if r.decisive]:\n        part = ",
        "the plain explanation leaves out the clauses that did not decide the outcome"),
    Mutant(
        "localised-explanation-only-decisive",
        ("test_the_explanation_names_every_clause_it_cites",),
        "prose/render.py",
        "    for r in decision.reasons:\n",
        "    for r in (r for r in decision.reasons if r.decisive):\n",
        "the explanation in Dutch and French leaves out the clauses that did not decide the "
        "outcome"),
    Mutant(
        "localised-explanation-keeps-english-findings",
        ("test_an_explanation_in_dutch_or_french_says_every_finding_in_that_language",),
        "prose/render.py",
        '            "text": inline(say(_after_effect(r), speaker)), "part": part_said(r.part),\n',
        '            "text": inline(str(_after_effect(r))), "part": part_said(r.part),\n',
        "the explanation in Dutch and French gives each reason's finding in English"),
    Mutant(
        "exception-lifts-for-any-permission",
        ("test_an_exception_lifts_its_prohibition_only_where_it_applies",),
        "evaluation/decide.py",
        "            lifted = [p for p in rule.lifted_by if p in ids]\n",
        "            lifted = sorted(ids) if rule.lifted_by else []\n",
        "any applicable permission lifts an excepted prohibition, not only the ones in its "
        "`lifted_by`"),
    Mutant(
        "fast-outcome-ignores-duties",
        ("test_the_outcome_without_words_is_the_outcome_explained",
         "test_a_duty_due_before_an_action_is_breached_by_doing_it_undone"),
        "evaluation/decide.py",
        "        self.dynamic = bool(self.timed)\n",
        "        self.dynamic = False\n",
        "`Judged.dynamic` leaves out the duties (`timed`): the outcome found without words "
        "takes a usage's terms to decide its obligations, whatever their deadlines"),
    Mutant(
        "fast-outcome-skips-duties-after-a-stated-fact",
        ("tests/test_standards.py::test_duties_under_an_open_question_are_judged_alike_"
         "whatever_was_decided_before",),
        "evaluation/decide.py",
        "            not stated.isdisjoint(names)\n",
        "            False\n",
        "the outcome found without words judges no duty due within a time after a fact the "
        "usage states, as if none were triggered: a deletion requested and not done in time "
        "is not breached"),
    Mutant(
        "fast-outcome-ignores-earning",
        ("test_a_tier_earned_by_paying_decides_as_a_tier_held_once_paid_for",),
        "evaluation/decide.py",
        "        self.dynamic = True\n        if earning is not None:\n            return\n",
        "        self.dynamic = True\n",
        "`Judged.dynamic` leaves out what earns the usage's tier: the outcome found without "
        "words takes a tier claimed without the payments that earn it"),
    Mutant(
        "limit-scope-order-is-another-limit",
        ("tests/test_semantics.py::"
         "test_a_limit_per_two_scopes_is_one_limit_whichever_order_a_new_version_writes_them",),
        "semantics/ir.py",
        "    keys: tuple[str, ...] = attrs.field(default=(), eq=frozenset)\n",
        "    keys: tuple[str, ...] = ()\n",
        "a limit whose scope's keys a new version writes in another order starts anew"),
    Mutant(
        "duty-with-new-title-is-another-duty",
        ("tests/test_events.py::"
         "test_a_duty_a_later_text_carries_over_under_a_new_title_is_one_duty_across_the_change",),
        "semantics/ir.py",
        "    clause: str\n    title: str | None = attrs.field(eq=False)\n    duty: str\n",
        "    clause: str\n    title: str | None\n    duty: str\n",
        "a duty a later text carries over under a new title stops binding at the change"),
    Mutant(
        "tier-earned-without-payment",
        ("test_a_tier_earned_by_paying_decides_as_a_tier_held_once_paid_for",),
        "semantics/ir.py",
        "        return self.paid(payments, day) >= self.amount\n",
        "        return True\n",
        "a tier earned by what was paid is earned whatever was paid"),
    Mutant(
        "row-cache-key-without-purpose",
        ("test_a_decision_does_not_depend_on_the_usages_decided_before_it",),
        "usage.py",
        "        return (self.app, self.action, self.data, self.purpose, self.recipients, self.tier,\n",
        "        return (self.app, self.action, self.data, self.recipients, self.tier,\n",
        "the kept result of a usage's terms is keyed without the purpose"),
    Mutant(
        "row-cache-key-without-facts",
        ("test_a_decision_does_not_depend_on_the_usages_decided_before_it",
         "test_a_decision_does_not_depend_on_the_facts_of_a_usage_decided_before_it"),
        "usage.py",
        "                self._fact_names, later, tuple((v.unit, v.each) for v in self.volume),\n",
        "                later, tuple((v.unit, v.each) for v in self.volume),\n",
        "the kept result of a usage's terms is keyed without the facts the usage states"),
    Mutant(
        "peak-counted-per-window",
        ("test_a_volume_no_cap_or_fee_of_its_kind_reads_changes_nothing",
         "tests/test_caps.py::test_a_limit_per_window_never_counts_a_peak"),
        "evaluation/decide.py",
        'COUNTED = {"window": ("rate", "total"),',
        'COUNTED = {"window": ("rate", "total", "concurrent"),',
        "the most requests under way at once counts as an amount per window, so a usage's "
        "concurrency is judged against a rate limit"),
    Mutant(
        "cap-at-its-amount-denied",
        ("tests/test_caps.py::test_a_concurrency_cap_reads_the_most_under_way_at_once",
         "tests/test_caps.py::test_a_cap_per_request_reads_the_most_one_request_carries"),
        "evaluation/decide.py",
        "        exceeded = volume.amount > lim.amount\n",
        "        exceeded = volume.amount >= lim.amount\n",
        "a cap per request or at once denies a usage exactly at the cap (no more than 100 "
        "permits 100)"),
    Mutant(
        "precedence-reversed",
        ("test_a_precedence_decides_as_an_exception_would",
         "tests/test_precedence.py::test_a_prevailing_permission_overrides_a_prohibition"),
        "semantics/ir.py",
        "        return (document == self.prevailing) == declared\n",
        "        return (document == self.prevailing) != declared\n",
        "the document an incorporation says prevails yields, and the other prevails"),
    Mutant(
        "limit-never-yields",
        ("test_a_precedence_decides_as_an_exception_would",
         "tests/test_precedence.py::test_a_limit_yields_to_a_prevailing_limit_on_the_same_thing"),
        "evaluation/decide.py",
        "            yielded = [c for c in lim.conflicts if c.other in applied and c.yields(f)]\n",
        "            yielded = []\n",
        "a limit of a document that yields is judged beside the one that prevails over it"),
    Mutant(
        "conflicting-limits-by-window-as-written",
        ("tests/test_precedence.py::test_a_limit_yields_to_a_prevailing_limit_over_the_same_"
         "window_in_other_words",),
        "semantics/precedence.py",
        "    window = limit.window and limit.window.meaning\n",
        "    window = limit.window\n",
        "two documents' limits on the same thing over one window in other words (`per day`, "
        "`per 24 hours`) are not found to conflict: both bind, the stricter deciding, whichever "
        "document prevails"),
    Mutant(
        "conflicting-limits-by-scope-as-written",
        ("tests/test_precedence.py::test_a_limit_yields_to_a_prevailing_limit_per_the_same_"
         "keys_in_another_order",),
        "semantics/precedence.py",
        "            limit.concurrent, frozenset(m.counted_keys(limit.scope)), limit.endpoint)\n",
        "            limit.concurrent, m.counted_keys(limit.scope), limit.endpoint)\n",
        "two documents' limits per the same keys in another order (`per app and user`, `per "
        "user and app`) are not found to conflict: both bind, whichever document prevails"),
    Mutant(
        "late-charge-over-every-period-whatever-the-text",
        ("tests/test_money.py::test_a_late_charge_that_a_later_text_changes_charges_each_period_"
         "by_the_text_it_began_under",),
        "evaluation/money.py",
        "        mine = [any(lo <= min(max(day, first), last) <= hi for _, lo, hi, _ in found)\n",
        "        mine = [True or any(lo <= min(max(day, first), last) <= hi for _, lo, hi, _ in "
        "found)\n",
        "each late charge that binds some day of the usage charges every period of a late "
        "payment, so a payment late across a change of text is charged by both texts in full"),
    Mutant(
        "limit-on-one-of-its-actions",
        ("test_a_term_covers_its_descendants_never_its_ancestors_in_every_facet",),
        "evaluation/decide.py",
        "        for action in lim.actions:\n            found.setdefault(action, []).append(lim)\n",
        "        for action in sorted(lim.actions)[:1]:\n"
        "            found.setdefault(action, []).append(lim)\n",
        "the limits of a stretch are found by the first of the actions each covers alone, so a "
        "limit on an action no longer counts what is done under an action below it"),
    Mutant(
        "facets-deny-unknown-names",
        ("tests/test_semantics.py::test_a_usage_its_action_and_purpose_deny_still_has_every_"
         "name_checked",),
        "evaluation/decide.py",
        "            elif not rest(usage):  # (its facets were found defined before)\n",
        "            elif False:\n",
        "a usage whose app, action, data and purpose were seen before is judged without its "
        "other names checked, so an unknown recipient, fact or tier is no longer an error"),
    Mutant(
        "stated-bar-ignores-exceptions",
        ("test_a_prohibition_read_before_a_usage_is_judged_decides_as_judging_does",),
        "evaluation/decide.py",
        "                if not rule.lifted_by and not rule.conflicts:\n",
        "                if True:\n",
        "a prohibition whose conditions read only what a usage states (or the answers to the "
        "questions it leaves open) denies it before it is judged even where an exception lifts "
        "it or a prevailing permission overrides it"),
    Mutant(
        "stated-bar-reads-open-questions",
        ("tests/test_standards.py::test_an_open_standard_that_turns_the_outcome_makes_it_"
         "undetermined",),
        "evaluation/decide.py",
        "                    if read is not None and not any(read[id(guard)][1] for guard in\n",
        "                    if read is not None and not any(() for guard in\n",
        "a prohibition whose conditions ask a question the usage leaves open (a standard) is "
        "taken to deny it before it is judged, as if the answer were no"),
    Mutant(
        "stated-bar-first-recipient-only",
        ("tests/test_attributes.py::test_a_usage_a_prohibition_on_what_it_states_denies_is_"
         "denied_however_many_questions_it_leaves_open",),
        "evaluation/decide.py",
        "    for recipient in usage.recipients or _NO_RECIPIENT:\n        found = "
        "forbids.for_recipient(bars, recipient)\n",
        "    for recipient in (usage.recipients or _NO_RECIPIENT)[:1]:\n        found = "
        "forbids.for_recipient(bars, recipient)\n",
        "a prohibition whose conditions read only what a usage states is checked with the "
        "usage's first recipient alone, so a usage with more open questions than are tried is "
        "undetermined where it bars another of its recipients"),
    Mutant(
        "answer-bar-ignores-answers",
        ("tests/test_standards.py::test_an_open_standard_that_turns_the_outcome_makes_it_"
         "undetermined",),
        "evaluation/decide.py",
        "                                f.facts, f.approved, f.found | met, {**f.licensee, "
        "**values},\n",
        "                                f.facts, f.approved, f.found, f.licensee,\n",
        "a prohibition is checked before a usage is judged under an answer to the questions "
        "it leaves open without the answer, so a standard left open is taken as not met"),
    Mutant(
        "answer-bar-worst-denies",
        ("tests/test_standards.py::test_an_open_standard_that_turns_the_outcome_makes_it_"
         "undetermined",),
        "evaluation/decide.py",
        "        return UNDETERMINED  # (denied under the worst answers, not under the best)\n",
        "        return DENIED  # (denied under the worst answers, not under the best)\n",
        "a usage that a prohibition denies under the worst answers to the questions it leaves "
        "open, but not under the best, is denied rather than undetermined"),
    Mutant(
        "answer-bar-lifted",
        ("tests/test_standards.py::test_a_prohibition_under_an_open_question_denies_only_where_"
         "nothing_lifts_it",),
        "evaluation/decide.py",
        "forbids.plain & ~forbids.stated\n",
        "forbids.guarded & ~forbids.stated\n",
        "a prohibition that an exception may lift is taken to deny a usage under an answer to "
        "a question it leaves open before the exception is read"),
    Mutant(
        "names-check-skips-facts",
        ("tests/test_semantics.py::test_a_usage_its_action_and_purpose_deny_still_has_every_"
         "name_checked",),
        "usage.py",
        "                not recipients.issuperset(usage.recipients) or \\\n"
        "                not facts.issuperset(usage._stated_names):\n",
        "                not recipients.issuperset(usage.recipients):\n",
        "the check that a usage's names are defined, made once per symbol table, leaves out its "
        "facts, so an unknown fact is decided as if the usage did not state it"),
    Mutant(
        "direction-of-unless-not-flipped",
        ("tests/test_attributes.py::test_a_usage_left_open_on_questions_that_move_it_one_way_"
         "is_decided_as_every_answer_would",
         "tests/test_attributes.py::test_an_answer_moves_the_outcome_one_way_where_each_place_"
         "that_asks_it_agrees", "test_an_attribute_left_open_is_answered_every_way"),
        "evaluation/decide.py",
        "        read(getattr(rule, \"unless\", None), -effect, spoiled)\n",
        "        read(getattr(rule, \"unless\", None), effect, spoiled)\n",
        "a question asked in an `unless` is taken to move the outcome the way it would in a "
        "`when`, so a usage left open on it is decided by two answers that are not the best "
        "and the worst, and one that turns on it is not found undetermined"),
    Mutant(
        "direction-blind-to-provisos",
        ("tests/test_attributes.py::test_a_usage_left_open_on_questions_that_move_it_one_way_"
         "is_decided_as_every_answer_would",
         "tests/test_attributes.py::test_an_answer_moves_the_outcome_one_way_where_each_place_"
         "that_asks_it_agrees", "test_an_attribute_left_open_is_answered_every_way"),
        "evaluation/decide.py",
        "        item(rule, 1, bool(rule.provisos))  # a permission that applies brings its "
        "duties\n",
        "        item(rule, 1)\n",
        "a permission that asks a question and brings duties is taken to only ever help the "
        "usage, though the duties it brings may deny it: a usage left open on it is decided by "
        "two answers only, and may be found permitted or denied where it is undetermined"),
    Mutant(
        "unstated-measure-fails-every-comparison",
        ("tests/test_attributes.py::test_a_measure_every_value_meets_is_met_when_the_usage_does_"
         "not_state_it", "test_an_attribute_left_open_is_answered_every_way"),
        "evaluation/decide.py",
        "                    _unstated_is_answered(_directions(program, index)[1], key, "
        "answers)) \\\n",
        "                    True) \\\n",
        "a measure the usage does not state is judged as failing every comparison of it, so a "
        "licence for every value of it (`at least 0`) refuses the usage"),
    Mutant(
        "a-text-s-limits-and-duties-said-without-their-days",
        ("tests/test_fees.py::test_duties_of_each_text_say_the_days_they_are_owed_for",),
        "evaluation/explain.py",
        "        duties.extend(attrs.evolve(d, part=part) for d in part_duties)\n",
        "        duties.extend(part_duties)\n",
        "over a change of text, each text's limit is listed without the days it binds, so a "
        "reader takes both limits to bind throughout"),
    Mutant(
        "a-text-s-fee-said-without-its-days",
        ("tests/test_fees.py::test_duties_of_each_text_say_the_days_they_are_owed_for",),
        "evaluation/explain.py",
        "        part = None if figure.days is None else _part(*figure.days[:2], None,\n",
        "        part = None if figure.days else _part(*figure.days[:2], None,\n",
        "over a change of text, each text's fee is listed without the days it is owed for, so a "
        "reader adds them up as owed together throughout"),
    Mutant(
        "a-tier-s-price-never-owed",
        ("tests/test_fees.py::test_a_usage_that_states_a_tier_owes_its_price_on_the_days_it_is_"
         "offered",),
        "semantics/lower.py",
        "                if tier.price is not None:\n",
        "                if False:\n",
        "a usage that states a tier is never told it owes the tier's price"),
    Mutant(
        "a-tier-s-least-price-owed-as-its-price",
        ("tests/test_fees.py::test_a_usage_that_states_a_tier_owes_its_price_on_the_days_it_is_"
         "offered",),
        "evaluation/money.py",
        "    yield Figure(price, found[0][0].stretch, None if price.minimum else price.amount,\n",
        "    yield Figure(price, found[0][0].stretch, price.amount,\n",
        "a tier that costs at least an amount (`costs from`) is said to owe exactly that amount"),
    Mutant(
        "several-unless-read-as-one-and",
        ("tests/test_semantics.py::test_each_unless_of_a_clause_is_an_exception_of_its_own",
         "test_several_when_read_as_one_and_several_unless_as_one_or"),
        "syntax/build.py",
        '                fields[key] = _combine(values, m.All if key == "when" else m.Any)\n',
        "                fields[key] = _combine(values, m.All)\n",
        "a clause with two `unless` applies unless both hold, so an exception that holds alone "
        "lifts nothing"),
    Mutant(
        "too-many-questions-blind-to-facets",
        ("tests/test_attributes.py::test_a_usage_its_facets_deny_is_denied_however_many_"
         "questions_it_leaves_open",),
        "evaluation/explain.py",
        "    if facets_deny(program, usage) if outcomes is None else len(set(outcomes.values())) "
        "== 1:\n",
        "    if False if outcomes is None else len(set(outcomes.values())) == 1:\n",
        "a usage that leaves more questions open than can be tried is said to be undetermined "
        "even where no answer could permit it, so its words say otherwise than its outcome"),
    Mutant(
        "bounded-worst-is-best",
        ("tests/test_attributes.py::test_where_every_question_moves_it_one_way_a_usage_is_"
         "judged_at_the_best_and_worst_answers",
         "test_an_attribute_left_open_is_answered_every_way"),
        "evaluation/decide.py",
        "        worst.append(len(entry.answers) - 1 - pick)\n",
        "        worst.append(pick)\n",
        "a usage whose questions each move the outcome one way is judged at their best answers "
        "only, so one that an answer would deny is found permitted, not undetermined"),
    Mutant(
        "unstated-measure-taken-as-answered",
        ("tests/test_attributes.py::test_a_measure_no_answer_leaves_as_unstated_is_asked_every_"
         "way",),
        "evaluation/decide.py",
        "    if question[0] == \"standard\" or kinds == {True}:\n        return True\n",
        "    return True\n",
        "a measure that a usage does not state is taken to be judged as one of its values is, "
        "though no value makes every comparison of it false as its not being stated does"),
    Mutant(
        "decisions-made-anew",
        ("tests/test_semantics.py::test_many_decisions_are_made_as_they_are_read",),
        "decision.py",
        "            decision = made[index] = Decision.deferred(\n",
        "            decision = Decision.deferred(\n",
        "a decision of many is made again each time it is read, so reading it twice gives two "
        "objects and its words are said twice"),
    Mutant(
        "facets-blind-to-the-default-action",
        ("test_a_usage_without_an_action_is_decided_by_what_its_recipients_imply",
         "tests/test_semantics.py::test_a_usage_without_an_action_is_judged_by_the_action_its_"
         "recipients_imply"),
        "evaluation/decide.py",
        "            facet = (usage.app, usage.action, usage.act, usage.data, usage.purpose,\n"
        "                     not usage.recipients)\n",
        "            facet = (usage.app, usage.action, usage.act, usage.data, usage.purpose)\n",
        "what a usage's facets decide is kept whether or not it has recipients, so a usage "
        "that names no action is judged by the action of one decided before it"),
    Mutant(
        "facets-shared-across-approval",
        ("tests/test_semantics.py::test_usages_of_several_apps_are_decided_by_whether_each_app_"
         "is_approved_for_the_purpose",),
        "evaluation/decide.py",
        "                    shared = (*facet[1:], approved(symbols, usage))\n",
        "                    shared = facet[1:]\n",
        "usages of several apps share what their facets decide whether or not the purpose is "
        "approved for each, so a usage is judged by another app's approval"),
    Mutant(
        "verdict-bars-on-a-condition",
        ("tests/test_semantics.py::test_a_recipient_its_facets_deny_denies_the_usage_whatever_"
         "else_it_states",),
        "evaluation/decide.py",
        "            elif not rule.lifted_by and not rule.conflicts:\n",
        "            if not rule.lifted_by and not rule.conflicts:\n",
        "a prohibition with a condition bars its recipients whatever the usage states, so a "
        "usage that meets its `unless` is denied once a usage like it was decided"),
    Mutant(
        "verdict-bars-despite-an-exception",
        ("tests/test_semantics.py::test_a_recipient_its_facets_deny_denies_the_usage_whatever_"
         "else_it_states",),
        "evaluation/decide.py",
        "            elif not rule.lifted_by and not rule.conflicts:\n",
        "            elif not rule.conflicts:\n",
        "a prohibition a permission is an exception to bars its recipients whatever the usage "
        "states, so a usage the exception covers is denied once a usage like it was decided"),
    Mutant(
        "duty-no-fact-shows-breached",
        ("tests/test_semantics.py::test_a_duty_no_fact_shows_done_is_returned_and_never_"
         "breached",),
        "evaluation/decide.py",
        "    if finding is not None and duty.shown_by is None and finding.status != \"pending\":\n",
        "    if False:\n",
        "a duty whose definition names no fact, which no usage can show done, is breached once "
        "due"),
    Mutant(
        "upon-an-instant-judged-in-days",
        ("tests/test_semantics.py::test_a_duty_upon_a_fact_is_due_when_the_fact_happens",),
        "evaluation/decide.py",
        "            if isinstance(owed, _dt.datetime):\n                return _settle_exact",
        "            if False:\n                return _settle_exact",
        "a duty due `upon` a fact stated at a time of day is judged in days, so a usage that "
        "states the fact at a time fails"),
    Mutant(
        "a-day-ends-at-its-last-microsecond",
        ("tests/test_semantics.py::test_a_request_and_a_deletion_on_consecutive_days_cannot_"
         "decide_24_hours",),
        "evaluation/decide.py",
        "breached, pending = day_of(due_hi) <= now, day_of(due_lo) > now",
        "breached, pending = bounds(now)[1] > due_hi, bounds(now)[1] <= due_lo",
        "a usage dated by a day is read as its last instant, so a deadline that may fall at "
        "that instant leaves it undetermined, though the day runs past every such deadline"),
    Mutant(
        "a-late-recurring-duty-cures-the-period",
        ("tests/test_event_laws.py::test_a_period_is_denied_by_a_recurring_duty_when_one_of_"
         "its_days_is",),
        "evaluation/decide.py",
        "    if base is not None and begins < done:",
        "    if False:",
        "a recurring duty done late is judged by its last time alone, so a period holding the "
        "days it was overdue is permitted while each of those days is denied"),
    Mutant(
        "a-late-recurring-duty-overdue-by-whole-days-only",
        ("tests/test_events.py::test_a_duty_every_12_months_done_late_within_a_day_was_overdue_"
         "until_its_instant",),
        "evaluation/decide.py",
        "    begins, done = bounds(first)[0], bounds(latest)[0]",
        "    begins, done = bounds(day_of(first))[0], bounds(day_of(latest))[0]",
        "a recurring duty done late, at an instant of the day after it was due, is not overdue "
        "in a period that begins that day before the instant, though a moment in it is denied"),
    Mutant(
        "recurring-duty-counted-from-a-time-before-an-undated-event",
        ("tests/test_events.py::test_a_duty_every_12_months_after_an_event_without_a_date_asks_"
         "for_its_date",),
        "evaluation/decide.py",
        "            if latest is not None and (bound is None or _after(bound, latest)):",
        "            if False:",
        "a recurring duty after an event stated without a date is counted from the last time "
        "it was done, though the event may have come after it and the time count nothing"),
    Mutant(
        "an-answer-said-to-decide-whatever-the-others",
        ("tests/test_standards.py::test_an_answer_that_leaves_other_questions_open_is_not_"
         "said_to_decide",),
        "evaluation/explain.py",
        "return [next(iter(found)) if len(found) == 1 else None for found in seen]",
        "return [min(found) for found in seen]",
        "an open question's reason says what each answer makes of the usage although other "
        "questions left open still turn it"),
    Mutant(
        "done-on-the-day-before-is-late",
        ("tests/test_semantics.py::test_a_duty_before_a_fact_is_due_on_the_facts_day",
         "tests/test_semantics.py::test_a_duty_before_an_action_is_done_in_time_on_the_day_"
         "the_usage_starts"),
        "evaluation/decide.py",
        "day_of(done) > day_of(due)\n        return Finding(\"late\"",
        "day_of(done) >= day_of(due)\n        return Finding(\"late\"",
        "a duty due `before` a fact or an action, judged in days, done on the day of the fact "
        "or of the action is late"),
    Mutant(
        "before-a-fact-due-the-day-after",
        ("tests/test_semantics.py::test_a_duty_before_a_fact_is_due_on_the_facts_day",),
        "evaluation/decide.py",
        "        day_of(now) >= day_of(trigger)\n",
        "        day_of(now) > day_of(trigger)\n",
        "a duty due `before` a fact and not done is breached only the day after the fact, so a "
        "usage on the fact's day is permitted"),
    Mutant(
        "before-an-action-without-the-actions-under-it",
        ("tests/test_semantics.py::test_a_duty_before_an_action_is_owed_before_every_action_"
         "under_it_and_none_above",),
        "semantics/lower.py",
        "                                   actions=self.doing(deadline.event))",
        "                                   actions=frozenset([deadline.event]))",
        "a duty due `before share` is owed before sharing itself only, not before an action "
        "under `share`"),
    Mutant(
        "explained-parts-miss-a-change-on-the-last-day",
        ("tests/test_semantics.py::test_a_period_whose_last_day_a_clause_begins_is_bound_by_it_"
         "on_that_day",),
        "evaluation/decide.py",
        "    while index < len(changes) and changes[index] <= last:\n",
        "    while index < len(changes) and changes[index] < last:\n",
        "`parts` does not cut a period at a change on its last day, so the explanation judges "
        "that day under the clauses in force the day before, and disagrees with the outcome"),
    Mutant(
        "scheduled-fact-not-yet-on-its-day",
        ("tests/test_events.py::test_a_fact_a_schedule_dates_has_happened_on_its_day",),
        "evaluation/decide.py",
        "        if said is None and stated.date <= usage.last_day:\n",
        "        if said is None and stated.date < usage.last_day:\n",
        "a fact a schedule dates has not happened for a usage whose last day is its date, so a "
        "usage on the day of a suspension is not bound by it"),
    Mutant(
        "outcome-misses-a-change-on-the-last-day",
        ("tests/test_semantics.py::test_a_period_whose_last_day_a_clause_begins_is_bound_by_it_"
         "on_that_day",),
        "evaluation/decide.py",
        "        if index < count and changes[index] <= last or \\\n",
        "        if index < count and changes[index] < last or \\\n",
        "the outcome of a period that a change cuts on its last day is found in the stretch of "
        "its first day alone, so the clause that begins that day does not bind it"),
    Mutant(
        "cap-in-total-counts-a-rate-over-one-part",
        ("tests/test_caps.py::test_a_rate_under_a_cap_in_total_counts_every_day_of_the_cap_"
         "across_a_cut",),
        "evaluation/decide.py",
        "        (first, last), (lo, hi) = self.days(item), self.bound_at(item)\n",
        "        (first, last), (lo, hi) = (self.first, self.last), self.edges\n",
        "a rate under a cap in total is counted over each part of the period alone, so a cut "
        "where nothing about the cap changes splits a total over the cap into parts within it"),
    Mutant(
        "prohibition-yields-to-a-permission-that-does-not-apply",
        ("tests/test_precedence.py::test_a_prevailing_permission_overrides_a_prohibition_only_"
         "where_it_applies",
         "test_a_precedence_decides_as_an_exception_would"),
        "evaluation/decide.py",
        "            yielded = [c for c in rule.conflicts if c.other in ids and c.yields(f)]\n",
        "            yielded = [c for c in rule.conflicts if c.yields(f)]\n",
        "a prohibition yields to a prevailing document's permission that conflicts with it even "
        "where that permission does not apply to the usage"),
    Mutant(
        "limit-yields-to-a-limit-that-does-not-apply",
        ("tests/test_precedence.py::test_a_limit_yields_to_a_prevailing_limit_only_where_that_"
         "limit_applies",),
        "evaluation/decide.py",
        "            yielded = [c for c in lim.conflicts if c.other in applied and c.yields(f)]\n",
        "            yielded = [c for c in lim.conflicts if c.yields(f)]\n",
        "a limit yields to a prevailing document's limit on the same thing even where that "
        "limit's conditions do not hold, so the usage is bound by neither"),
    Mutant(
        "row-cache-key-without-refusals",
        ("tests/test_semantics.py::test_a_refusal_decides_alike_whatever_was_decided_before_it",),
        "usage.py",
        "frozenset(self.findings), self.refuses, self.licensee,",
        "frozenset(self.findings), self.licensee,",
        "the kept result of a usage's terms is keyed without the duties it refuses, so a usage "
        "that refuses a duty without a deadline is judged as the same terms without the "
        "refusal were before"),
    Mutant(
        "calendar-rate-taken-in-its-longest-window",
        ("tests/test_semantics.py::test_a_rate_per_calendar_month_is_taken_in_its_shortest_"
         "month",),
        "evaluation/arithmetic.py",
        "    source = calendar_seconds(per, start, end, longest=False) if per.calendar else "
        "per.seconds\n",
        "    source = calendar_seconds(per, start, end, longest=True) if per.calendar else "
        "per.seconds\n",
        "a rate per calendar month is converted in the longest month the usage touches, not "
        "the shortest, so 30,000 a month in February passes a limit of 1,000 a day"),
    Mutant(
        "calendar-month-rate-spread-over-a-years-days",
        ("tests/test_tiers_allowances.py::test_a_rate_per_calendar_month_is_twelve_times_"
         "itself_per_calendar_year",
         "tests/test_tiers_allowances.py::test_a_fee_per_calendar_year_prices_a_monthly_rate_"
         "at_twelve_months"),
        "evaluation/arithmetic.py",
        "        if per.unit == \"month\":\n            return 12, 1\n",
        "",
        "a rate per calendar month is converted to a calendar year through the days of its "
        "shortest month and its longest year, so 3,050 posts each calendar month pass for "
        "37,108.33 a year and are denied against an allowance of 36,600 per calendar year"),
    Mutant(
        "calendar-years-of-a-period-undercounted",
        ("tests/test_semantics.py::test_a_total_over_two_calendar_years_may_fall_in_either",),
        "evaluation/arithmetic.py",
        "        return end.year - start.year + 1\n",
        "        return max(1, end.year - start.year)\n",
        "a period over two calendar years counts as one year's window, so a total that may be "
        "split between them is denied against a limit per calendar year"),
    Mutant(
        "app-serves-only-the-recipient-named",
        ("tests/test_semantics.py::test_an_app_serves_the_recipients_under_those_it_is_"
         "registered_serving",),
        "semantics/lower.py",
        "if any(s.under(\"recipient\", r, cond.recipient) for r in a.serving))",
        "if cond.recipient in a.serving)",
        "`app serves government` holds of an app registered serving `government` only, not "
        "of one serving a recipient under it (an intelligence agency)"),
    Mutant(
        "cap-per-unit-reads-any-unit",
        ("tests/test_caps.py::test_a_cap_per_one_unit_never_reads_what_one_of_another_"
         "carries",),
        "evaluation/decide.py",
        "        (lim.per is None or unit_of(volume.each) == lim.per)",
        "        True",
        "a cap per request reads what one of any unit carries (tokens per message) as what "
        "one request carries"),
    Mutant(
        "scope-key-written-twice-counted-twice",
        ("tests/test_scopes.py::test_a_key_written_twice_counts_once",),
        "semantics/lower.py",
        "        keys = m.counted_keys(scope)\n",
        "        keys = m.scope_keys(scope)\n",
        "a limit `per app and app` counts per the pair of an app and itself: its decisions "
        "and audits say `per app and app`, not the `per app` it means"),
    Mutant(
        "purpose-listed-twice-unreported",
        ("tests/test_checker.py::test_a_name_listed_twice_in_one_list_is_a_warning_at_the_second",),
        "checker.py",
        "            for kind, values in ((\"purpose\", activity.purposes if activity else ()),\n",
        "            for kind, values in ((\"purpose\", ()),\n",
        "a clause `for research or research` checks clean, without the warning that the second "
        "says nothing"),
    Mutant(
        "duty-done-on-a-day-after-an-undated-event-met",
        ("tests/test_events.py::test_a_duty_once_after_an_event_without_a_date_and_not_done_"
         "asks_for_its_date",
         "tests/test_events.py::test_the_earlier_of_two_events_one_undated_is_no_later_than_the_"
         "other"),
        "evaluation/decide.py",
        "            if stated and done is None:\n",
        "            if stated:\n",
        "a duty done on a day stated after an event stated without a date is met, though it "
        "may have been late: a period is judged better than a stretch of it"),
    Mutant(
        "audit-group-says-nothing-it-would-need",
        ("tests/test_audit.py::test_spending_in_another_currency_than_an_allowances_is_"
         "undetermined_as_permits_says",),
        "audit/run.py",
        "                missing=tuple(map(str, decision.missing)))\n",
        "                missing=())\n",
        "an undetermined group of an audit does not say what its usage would have to state to "
        "be decided, as permits says it"),
    Mutant(
        "precedence-reads-scope-keys-as-written",
        ("tests/test_precedence.py::test_a_limit_yields_to_a_prevailing_limit_per_the_same_"
         "key_written_twice",),
        "semantics/precedence.py",
        "            limit.concurrent, frozenset(m.counted_keys(limit.scope)), limit.endpoint)\n",
        "            limit.concurrent, m.scope_keys(limit.scope), limit.endpoint)\n",
        "a limit `per app and app` and a prevailing one `per app` are taken for limits on "
        "different things: both bind, the stricter deciding"),
    # ---- the timeline ----------------------------------------------------------------------
    Mutant(
        "terminated-agreement-permits",
        ("test_after_termination_only_surviving_clauses_are_cited",
         "test_nothing_is_permitted_on_a_day_no_version_is_in_force"),
        "evaluation/decide.py",
        "    ended = program.stretches[index].state == \"surviving\" and not usage.act\n",
        "    ended = False\n",
        "after the agreement terminates, a surviving permission permits a usage"),
    Mutant(
        "termination-ignored", ("test_nothing_is_permitted_on_a_day_no_version_is_in_force",),
        "model.py",
        "        end = version.terminates\n",
        "        end = None\n",
        "a version's `terminates` date is ignored: it stays in force until the next version"),
    Mutant(
        "survival-never-runs-out", ("test_after_termination_only_surviving_clauses_are_cited",),
        "semantics/lower.py",
        "            if last is not None and day > last:\n                return False\n",
        "",
        "a clause that survives termination stays in force for ever, not for its duration"),
    Mutant(
        "tier-window-not-a-change", ("test_a_period_is_never_judged_better_than_a_stretch_of_it",
                                     "test_a_tiers_allowances_outside_its_window_have_no_effect"),
        "semantics/lower.py",
        "            for tier in doc.tiers:\n"
        "                changes.update(_window(tier.valid_from, tier.valid_until))\n",
        "",
        "a period is not cut where a tier's window starts or ends, so a tier that starts "
        "inside it counts for none of it"),
    Mutant(
        "date-from-not-a-change", ("test_a_period_is_never_judged_better_than_a_stretch_of_it",
                                   "test_a_date_condition_holds_on_the_days_it_names"),
        "semantics/lower.py",
        "            if isinstance(node, (m.DateBefore, m.DateFrom))),\n",
        "            if isinstance(node, m.DateBefore)),\n",
        "a period is not cut at the date of a `date is on or after` condition, which then "
        "holds for none of it"),
    Mutant(
        "clauses-of-every-version",
        ("test_a_usage_within_one_version_is_decided_alike_without_the_others",),
        "semantics/lower.py",
        "    clauses = [(c, None) for doc in texts for c in doc.clauses]\n",
        "    clauses = [(c, None) for doc in (*texts, *versions) for c in doc.clauses]\n",
        "the clauses of every version are in force in each version"),
    Mutant(
        "tier-window-ignored", ("test_a_tiers_allowances_outside_its_window_have_no_effect",),
        "semantics/lower.py",
        "            if in_force(tier):\n",
        "            if tier.allowances:\n",
        "a tier's allowances count outside its window"),
    # ---- the checker -----------------------------------------------------------------------
    Mutant(
        "checker-dangling-reference", ("test_every_defect_is_reported_and_the_agreement_refused",),
        "checker.py",
        "            if target is None:\n",
        "            if target is None:\n                continue\n",
        "`except as permitted by` or `notwithstanding` a clause that does not exist is not "
        "reported"),
    Mutant(
        "checker-overlap-boundary", ("test_every_defect_is_reported_and_the_agreement_refused",),
        "checker.py",
        "older.terminates and older.terminates >= newer.effective",
        "older.terminates and older.terminates > newer.effective",
        "a version that terminates on the day the next one takes effect is not reported"),
    Mutant(
        "checker-schedules-unchecked",
        ("test_every_defect_is_reported_and_the_agreement_refused",),
        "checker.py",
        "        for doc in (version, *incorporated, *schedules):\n",
        "        for doc in (version, *incorporated):\n",
        "the names a schedule uses (approved purposes, recipients served) are not checked"),
    Mutant(
        "checker-schedule-title-slip-unreported",
        ("tests/test_checker.py::test_a_schedule_for_a_misspelt_title_is_an_error_read_with_its_"
         "agreement",),
        "checker.py",
        "            if meant is not None:  # a slip in the title: its apps would be no agreement's\n",
        "            if False:\n",
        "a schedule whose `for` misspells the title of the agreement read with it is only a "
        "warning, and its apps belong to no agreement"),
    Mutant(
        "checker-document-problems-dropped",
        ("tests/test_checker.py::test_every_problem_of_a_file_is_reported_at_once_and_the_file_"
         "refused",),
        "checker.py",
        "            self.diagnostics.extend(doc.problems)  # what its statements could not be "
        "read as\n",
        "",
        "the problems found while a file's statements were read (`2024-02-30`, `per 0 days`) "
        "are not the checker's, so the file as read, placeholders and all, is judged by"),
    Mutant(
        "checker-tier-window-unchecked",
        ("test_every_defect_is_reported_and_the_agreement_refused",),
        "checker.py",
        "                self.check_window(tier, tier.valid_from, tier.valid_until)\n",
        "",
        "a tier whose `until` comes before its `from` is not reported"),
    Mutant(
        "checker-one-day-window", ("test_round_trip_and_idempotent_format",),
        "checker.py",
        "        if start and end and end < start:\n",
        "        if start and end and end <= start:\n",
        "a window of one day (`from` and `until` the same date) is reported as backwards"),
    Mutant(
        "checker-apps-in-conditions-unchecked",
        ("test_every_defect_is_reported_and_the_agreement_refused",
         "tests/test_checker.py::test_an_unknown_app_in_a_condition_is_reported_where_the_text_"
         "defines_apps"),
        "checker.py",
        "                if node.name not in self.vocab.apps and (self.agreement.schedules or\n",
        "                if node.name not in self.vocab.apps and (not self.agreement.schedules or\n",
        "`app is NAME` naming an app no file of the set defines is not reported"),
    Mutant(
        "checker-served-recipient-unchecked",
        ("test_every_defect_is_reported_and_the_agreement_refused",),
        "checker.py",
        "        elif isinstance(node, m.AppServes):\n"
        "            self.name(node, \"recipient\", node.recipient)\n",
        "",
        "`app serves NAME` naming no recipient is not reported"),
    Mutant(
        "checker-one-vocabulary-for-every-version",
        ("test_every_defect_is_reported_and_the_agreement_refused",),
        "checker.py",
        "        vocab = SymbolTable([version, *incorporated, *schedules])\n",
        "        vocab = SymbolTable([self.agreement.versions[-1], *incorporated, *schedules])\n",
        "every version is checked against the last version's names, so a name an older "
        "version does not define is not reported"),
    # ---- the builder -----------------------------------------------------------------------
    Mutant(
        "builder-drops-until", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "        for key, value, _token in rest:\n            fields[key] = value\n",
        "        for key, value, _token in rest:\n            if key != \"valid_until\":\n"
        "                fields[key] = value\n",
        "the builder drops a clause's `until` date"),
    Mutant(
        "builder-swaps-approvals-and-labels", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "    def approved_for(self, children):\n        return (\"approved\", children[0])\n\n"
        "    def labelled(self, children):\n        return (\"labels\", (str(children[0]),))\n",
        "    def approved_for(self, children):\n        return (\"labels\", children[0])\n\n"
        "    def labelled(self, children):\n        return (\"approved\", (str(children[0]),))\n",
        "the builder reads an app's approved purposes as labels and its labels as approvals"),
    Mutant(
        "builder-drops-survival", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "        duration = children[0] if children else None\n",
        "        duration = None\n",
        "the builder drops how long a clause survives termination"),
    Mutant(
        "builder-terminates-as-effective", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "        return m.Terminates(date=self.date(children[0]), span=self.span(meta))\n",
        "        return m.Effective(date=self.date(children[0]), span=self.span(meta))\n",
        "the builder reads `terminates` as a second `effective` date"),
    Mutant(
        "builder-schedule-title-swapped", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "        return m.Heading(kind=\"schedule\", title=self.string(children[0]),\n"
        "                         schedule_for=self.string(children[1]), span=self.span(meta))\n",
        "        return m.Heading(kind=\"schedule\", title=self.string(children[1]),\n"
        "                         schedule_for=self.string(children[0]), span=self.span(meta))\n",
        "the builder swaps a schedule's title and the title of the agreement it is for"),
    Mutant(
        "builder-data-is-purpose-is", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "    data_is = _term_is(\"data\")\n",
        "    data_is = _term_is(\"purpose\")\n",
        "the builder reads `data is NAME` as `purpose is NAME`"),
    Mutant(
        "builder-drops-allowance-scope", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "scope=scope[0][1] if scope else None",
        "scope=None",
        "the builder drops the scope of a tier's allowance (`per app`)"),
    Mutant(
        "builder-drops-holding-apps", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "holds_apps=bool(holding), span=self.span(meta),",
        "holds_apps=False, span=self.span(meta),",
        "the builder drops `holding apps` from a scope's declaration (`scope project \"...\" "
        "holding apps.`)"),
    Mutant(
        "checker-warns-of-a-scope-holding-apps-without-app",
        ("test_round_trip_and_idempotent_format",),
        "checker.py",
        '            elif "app" in keys and key in self.vocab.scopes \\\n',
        '            elif key in self.vocab.scopes \\\n',
        "the checker warns that a limit `per project` (a scope holding apps, without `app`) "
        "counts per app alone"),
    Mutant(
        "builder-price-from-inverted", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "        minimum = len(children) == 3\n",
        "        minimum = len(children) == 2\n",
        "the builder reads `costs N` as `costs from N` and the other way round"),
    Mutant(
        "builder-serving-as-labels", ("test_round_trip_and_idempotent_format",),
        "syntax/build.py",
        "        return (\"serving\", children[0])\n",
        "        return (\"labels\", children[0])\n",
        "the builder reads the recipients an app serves as its labels"),
    Mutant(
        "reader-ends-a-node-at-its-first-token",
        ("tests/test_reading.py::test_a_shipped_file_reads_the_same_without_its_tree",),
        "syntax/parser.py",
        "                    place = (first[0], last[1])\n",
        "                    place = (first[0], first[1])\n",
        "a file read without its tree gives each record a source range that ends where the "
        "record's first part ends"),
    Mutant(
        "lexer-skips-blanks-without-their-line-breaks",
        ("tests/test_reading.py::test_each_kind_of_blank_space_places_the_records_as_the_whole_"
         "tree_does",),
        "syntax/parser.py",
        "                breaks = text.count(\"\\n\", pos, start)\n",
        "                breaks = 0\n",
        "the blank space a token's match skips is not counted for its line breaks, so every "
        "record after a blank line is placed on the wrong line"),
    Mutant(
        "reader-splices-an-inlined-rule-over-its-siblings",
        ("tests/test_reading.py::test_a_shipped_file_reads_the_same_without_its_tree",),
        "syntax/parser.py",
        "                            elif kept:\n"
        "                                kept += children[i]\n",
        "                            elif kept:\n"
        "                                kept = children[i]\n",
        "a rule Lark inlines takes the place of the children kept before it, so a file read "
        "without its tree loses statements and names"),
    Mutant(
        "builder-chain-of-and-counts-each-and",
        ("tests/test_hardening.py::test_a_long_chain_of_and_or_is_one_level",),
        "syntax/build.py",
        "level = max(level, held - 1 if type(child) is chained else held)",
        "level = max(level, held)",
        "a chain of `and`s (or `or`s) is one level deeper for each operator in it, so a long "
        "chain is refused as nested too deep"),
    Mutant(
        "syntax-errors-read-on-from-the-broken-word",
        ("tests/test_errors.py::test_one_slip_is_said_once_and_never_echoed",),
        "syntax/parser.py",
        "                state.feed_token(Token.new_borrow_pos(kind, str(token), token))\n"
        "                return \"try\"\n",
        "                state.feed_token(Token.new_borrow_pos(kind, str(token), token))\n"
        "                return \"read\"\n",
        "after a syntax error the parser reads on from the word it stopped at whenever that "
        "word may begin a statement, so the rest of a clause whose heading lacks its `:` is "
        "said to be a second error"),
    Mutant(
        "syntax-errors-stop-at-the-first",
        ("tests/test_errors.py::test_each_slip_after_the_first_is_said_in_its_own_words",),
        "syntax/parser.py",
        "        record(err)\n        if isinstance(err, UnexpectedCharacters):\n",
        "        record(err)\n        if found:\n            return found\n"
        "        if isinstance(err, UnexpectedCharacters):\n",
        "a file's first syntax error is said alone: the slips of its later clauses are found "
        "one run at a time"),
    Mutant(
        "syntax-errors-only-try-the-statement-after-a-dot-left-out",
        ("tests/test_errors.py::test_each_slip_after_the_first_is_said_in_its_own_words",),
        "syntax/parser.py",
        "token.start_pos].strip():\n            mode = \"read\"\n",
        "token.start_pos].strip():\n            mode = \"try\"\n",
        "where a statement's `.` is left out, a slip in the statement after it is never said: "
        "that statement is only tried"),
    Mutant(
        "syntax-errors-read-the-next-line-whatever-broke",
        ("tests/test_errors.py::test_one_slip_is_said_once_and_never_echoed",),
        "syntax/parser.py",
        "        ended = _could_end(states, stack) or colon",
        "        ended = True or colon",
        "the line after a broken statement is read as a statement, its errors said, even where "
        "the broken one could not have ended before it, so the rule on the line after a "
        "heading without its `:` is said to be a second error"),
    Mutant(
        "syntax-errors-read-a-heading-ended-by-a-dot-as-a-statement",
        ("tests/test_errors.py::test_one_slip_is_said_once_and_never_echoed",),
        "syntax/parser.py",
        "        if token.type == \"DOT\" and _shifted(states, stack, \"COLON\") is not None:\n",
        "        if False:\n",
        "the `.` that ends a clause heading is read as the end of a statement, not as the `:` "
        "it stands for, so the clause's rule, on the next line, is said to be a second error"),
    Mutant(
        "syntax-errors-a-heading-ended-by-a-dot-always-has-its-rule",
        ("tests/test_errors.py::test_each_slip_after_the_first_is_said_in_its_own_words",),
        "syntax/parser.py",
        " or colon is not None and values and values[-1] is colon\n",
        "\n",
        "after a clause heading ended by `.` with no rule after it, the next clause is only "
        "tried, so a slip in it is never said"),
    Mutant(
        "friendly-heading-ended-by-a-dot-is-a-quote-in-its-title",
        ("tests/test_errors_drafting.py::test_a_slip_of_form_is_named_where_it_is",),
        "syntax/friendly.py",
        "    if token.type == \"DOT\" and \"DOT\" not in expected:",
        "    if False:",
        "a clause heading ended by `.` is said to hold a `\"` that ends its title"),
    Mutant(
        "syntax-errors-with-no-tree-lose-where-a-statement-began",
        ("tests/test_errors.py::test_a_file_read_with_no_tree_says_the_syntax_errors_its_tree_"
         "does",),
        "syntax/parser.py",
        "    return [place[0]] if place is not None else []\n",
        "    return []\n",
        "a file read with no tree to say its syntax errors keeps nothing of the nodes it reads, "
        "so where a broken statement began is lost and the errors said after it are not those "
        "a reading through the tree says"),
    # ---- the grammar -----------------------------------------------------------------------
    Mutant(
        "grammar-or-binds-tighter-than-and", ("test_round_trip_and_idempotent_format",),
        "grammars/agreement.lark",
        "_cond: any_of | _cond_and\nany_of: _cond \"or\" _cond_and\n"
        "_cond_and: all_of | _cond_not\nall_of: _cond_and \"and\" _cond_not\n",
        "_cond: all_of | _cond_or\nall_of: _cond \"and\" _cond_or\n"
        "_cond_or: any_of | _cond_not\nany_of: _cond_or \"or\" _cond_not\n",
        "`a or b and c` reads as `(a or b) and c`: `or` binds tighter than `and`"),
    Mutant(
        "grammar-one-window-word-per-clause", ("test_round_trip_and_idempotent_format",),
        "grammars/agreement.lark",
        "clause: \"clause\" CLAUSE_ID STRING? validity* \":\" _rule \".\"",
        "clause: \"clause\" CLAUSE_ID STRING? validity? \":\" _rule \".\"",
        "a clause takes only one of `from`, `until` and `survives`"),
    Mutant(
        "grammar-allowance-without-scope", ("test_round_trip_and_idempotent_format",),
        "grammars/agreement.lark",
        "allowance: NAME \"no\" \"more\" \"than\" quantity \"per\" window scope?",
        "allowance: NAME \"no\" \"more\" \"than\" quantity \"per\" window",
        "a tier's allowance cannot say `per app` (or another scope)"),
    Mutant(
        "standard-always-met",
        ("test_a_finding_decides_as_a_fact_would",
         "tests/test_standards.py::test_a_finding_decides_it"),
        "semantics/ir.py",
        "        return self.name in f.found\n",
        "        return True\n",
        "a standard holds whatever the usage's findings say"),
    Mutant(
        "open-standards-of-other-actions-ignored",
        ("test_a_standard_left_open_is_decided_both_ways",
         "test_a_standard_that_only_a_duty_reads_is_left_open_too"),
        "evaluation/decide.py",
        "            reading = [item for item, actions in items if actions is None or action in actions]\n",
        "            reading = [item for item, actions in items if actions is not None and action in actions]\n",
        "a standard read only by a duty (owed whatever the action) is never left open: a usage "
        "without a finding on it is judged as if it were not met"),
    Mutant(
        "answered-usage-judged-with-its-own-findings",
        ("tests/test_standards.py::"
         "test_a_time_left_to_judgement_stays_open_when_the_usage_is_decided_again",),
        "evaluation/decide.py",
        "                elif not standards:\n",
        "                elif True:\n",
        "a usage decided again under the answers to the questions it leaves open has its "
        "amounts and dates judged with its own findings, so a standard that decides whether a "
        "duty was done in time is taken as not met under every answer"),
    Mutant(
        "open-questions-kept-by-app", ("test_a_decision_does_not_depend_on_the_usages_decided_before_it",
                                       "test_a_standard_left_open_is_decided_both_ways"),
        "evaluation/decide.py",
        "           usage.terms(money or program.runtime[\"dated\"]), usage.terminated,\n",
        "           usage.app, usage.terminated,\n",
        "the questions a usage leaves open are kept by its app and period only, so a later "
        "usage of the app with other terms or findings is asked the first one's questions"),
    Mutant(
        "measure-more-than-inclusive",
        ("tests/test_attributes.py::test_each_comparison_at_and_around_its_threshold",
         "test_a_stated_attribute_decides_as_a_fact_would"),
        "semantics/ir.py",
        "        return value > amount\n",
        "        return value >= amount\n",
        "`more than 700,000,000` holds of exactly 700,000,000"),
    Mutant(
        "open-measure-not-tried-below-its-thresholds",
        ("test_an_attribute_left_open_is_answered_every_way",),
        "evaluation/decide.py",
        "            out.append(Fraction(0))\n",
        "            pass\n",
        "a measure left open is never tried below its lowest threshold, so a usage that leaves "
        "a user's age open is taken to have no user under 13"),
    Mutant(
        "open-licensee-asked-of-the-users", ("test_an_attribute_left_open_is_answered_every_way",),
        "evaluation/decide.py",
        "            elif kind == \"licensee\":\n",
        "            elif kind == \"nobody\":\n",
        "an attribute of the licensee that the usage leaves open is answered for its users, so "
        "the licensee's stays unknown and is taken as not had"),
    Mutant(
        "only-the-first-group-of-users",
        ("test_the_groups_of_users_are_judged_one_by_one",
         "tests/test_attributes.py::test_the_users_groups_are_judged_one_by_one_and_the_worst_"
         "wins"),
        "evaluation/decide.py",
        "              for index, group in enumerate(usage.groups)]\n",
        "              for index, group in enumerate(usage.groups[:1])]\n",
        "a usage's users are judged by their first group alone"),
    Mutant(
        "schedule-values-ignored",
        ("test_what_a_schedule_states_of_its_licensee_decides_as_the_usage_stating_it",),
        "semantics/symbols.py",
        "                if doc.kind == \"agreement\" or doc is schedule:\n",
        "                if doc.kind == \"agreement\":\n",
        "what a schedule states of its licensee is not read"),
    Mutant(
        "refusal-ignored", ("test_refusing_an_owed_duty_breaches_it",),
        "evaluation/decide.py",
        "_DUTY_OUTCOME = {\"breached\": DENIED, \"late\": DENIED, \"refused\": DENIED, ",
        "_DUTY_OUTCOME = {\"breached\": DENIED, \"late\": DENIED, ",
        "a duty the usage says the licensee refuses is reported, but the usage is not denied"),
    Mutant(
        "act-needs-a-licence", ("test_an_act_is_denied_only_by_a_clause_about_it_or_a_duty",),
        "evaluation/decide.py",
        "    return not found and not usage.act\n",
        "    return not found\n",
        "an act is denied for want of a permission, as a use of content is"),
    Mutant(
        "act-does-no-duty",
        ("test_a_duty_done_by_an_act_is_done_as_a_fact_stated_when_the_act_begins",),
        "evaluation/decide.py",
        "    if usage.act is not None and usage.act in duty.done_by:",
        "    if False:",
        "a usage that is the act a duty is shown by does not do the duty"),
    Mutant(
        "judged-time-ignores-its-finding",
        ("test_a_time_left_to_judgement_decides_as_its_finding_says",),
        "evaluation/decide.py",
        "        in_time = deadline.standard in usage.found()\n",
        "        in_time = True\n",
        "a duty due within a time left to judgement is in time whatever the finding says"),
    Mutant(
        "apps-counted-without-the-usages-own",
        ("test_counting_the_licensees_apps_approved_for_the_purpose",),
        "semantics/lower.py",
        "                for other in s.licensee_apps(app):\n",
        "                for other in s.licensee_apps(app)[1:]:\n",
        "the count of the licensee's apps approved for a purpose leaves one of them out"),
    Mutant(
        "open-question-names-every-clause-that-reads-it",
        ("tests/test_standards.py::test_an_open_question_names_only_the_clauses_whose_answer_it_turns",),
        "evaluation/decide.py",
        "    if question[0] == \"compare\":\n        return list(items)\n",
        "    if question[0] != \"\":\n        return list(items)\n",
        "an open question is said of every clause that reads it, even one about another purpose"),
    # ---- the semantic diff (analysis/diff.py, analysis/space.py) --------------------------
    Mutant(
        "diff-successor-judged-alone",
        (_DIFF + "a_duty_the_new_version_carries_over_is_no_change",
         _DIFF + "the_twitter_breach_notice_dropped_is_one_region"),
        "analysis/diff.py",
        "    new_text = new if together is None else together\n",
        "    new_text = new\n",
        "a later version of the old text's agreement is judged on its own, so a duty it carries "
        "over binds from its own first day and a request made before it is reported as a change"),
    Mutant(
        "diff-every-duty-shown-without-its-event",
        (_DIFF + "a_duty_every_week_after_a_fact_said_anew_is_shown_by_a_usage_stating_the_fact",),
        "analysis/diff.py",
        "    if deadline.kind in (\"within\", \"upon\", \"every\") and deadline.after is not None:\n"
        "        return deadline.after.names, deadline.after.pick\n",
        "    if deadline.kind in (\"within\", \"upon\") and deadline.after is not None:\n"
        "        return deadline.after.names, deadline.after.pick\n",
        "a changed duty due every so long after an event is tried without the event stated, so "
        "it is never owed, and, the usage with it overdue denied by both texts, its change goes "
        "unshown"),
    Mutant(
        "diff-duties-owed-after-unstated-facts",
        (_DIFF + "a_new_duty_after_a_fact_a_rule_reads_is_a_change_where_the_fact_is_stated",),
        "analysis/diff.py",
        "    never = cell.read - cell.facts\n",
        "    never = frozenset()\n",
        "a duty owed only after a fact the cell's usages do not state counts as a difference of "
        "the cell, so such cells are grouped with those that owe it"),
    Mutant(
        "diff-acts-stated-as-facts",
        (_DIFF + "a_new_prohibition_of_an_act_is_shown_with_the_duties_shown_done_but_by_facts",),
        "analysis/diff.py",
        "    done = {d[3] for d in before.duties | after.duties} & free\n",
        "    done = {d[3] for d in before.duties | after.duties if d[3] is not None} - cell.read\n",
        "the usage tried with every duty shown done states an act that does a duty as a fact, "
        "an error to both texts, so that try is lost"),
    Mutant(
        "diff-duty-listed-per-clause",
        (_DIFF + "a_duty_owed_under_two_clauses_is_the_duty_owed_under_one",),
        "analysis/diff.py",
        "    duties = tuple(dict.fromkeys(\n",
        "    duties = tuple(list(\n",
        "a side lists a duty once per clause it is owed under, so one owed under two clauses and "
        "under one differs"),
    Mutant(
        "space-apps-alike-whatever-their-schedules-state",
        (_DIFF + "apps_whose_schedules_state_the_licensee_otherwise_are_told_apart",),
        "analysis/space.py",
        "        tests[\"app\"].append(_Stated(table))\n",
        "        pass\n",
        "apps whose schedules state their licensee otherwise share a class of the usage space"),
    Mutant(
        "space-apps-alike-whatever-their-schedules-date",
        (_DIFF + "apps_whose_schedules_date_a_fact_otherwise_are_told_apart",),
        "analysis/space.py",
        "    tests[\"app\"].extend(_Dated(program) for program in programs)\n",
        "",
        "apps whose schedules date a fact or end the agreement otherwise share a class of the "
        "usage space, so a change for one app's usages is missed, or claimed for the other's, "
        "between the two dates"),
    Mutant(
        "space-denied-as-in-force-whatever-the-schedule-ends",
        (_DIFF + "an_app_whose_schedule_ended_its_agreement_is_judged_by_the_clauses_"
         "that_survive",),
        "analysis/space.py",
        "        if not all(decide.terms_deny(*found) for found in standing):\n",
        "        if not all(decide.terms_deny(program, index, usage)\n"
        "                   for program, index in zip(self.programs, period.stretches)):\n",
        "the cells of an app whose schedule ended its agreement are left out as denied by both "
        "texts where both deny them in force, though only the clauses that survive bind them"),
    Mutant(
        "space-combinations-alike-whatever-their-rules",
        (_DIFF + "the_diff_judges_only_the_cells_whose_rules_differ_and_leaves_out_none_that_"
         "differ",),
        "analysis/space.py",
        "            found = self._alike[covering] = all(rules == first for rules in others)\n",
        "            found = self._alike[covering] = True\n",
        "the diff leaves out every combination of terms of a period in which the texts differ "
        "only in their permissions and prohibitions, so it finds no change there"),
    Mutant(
        "diff-claims-only-against-the-licensor",
        (_DIFF + "a_cap_on_the_licensees_liability_dropped_is_a_change_a_claim_against_it_shows",),
        "analysis/diff.py",
        "                amount=10 ** 9, unit=currency, date=day, against=party)) for party in "
        "against)\n",
        "                amount=10 ** 9, unit=currency, date=day)) for party in against)\n",
        "a changed cap on the licensee's liability is tried with a claim against the licensor "
        "only, so its change goes unshown"),
    Mutant(
        "diff-claims-in-the-first-currency",
        (_DIFF + "a_cap_in_a_second_currency_changed_is_a_change_a_claim_in_it_shows",),
        "analysis/diff.py",
        "                               & set(money)) or money[:1]:\n",
        "                               & set()) or money[:1]:\n",
        "a changed cap is tried with a claim in the first unit of money only, so a cap in "
        "another currency, which does not limit it, goes unshown"),
    Mutant(
        "diff-blind-to-conditions-of-money-clauses",
        (_DIFF + "a_fee_for_one_purpose_is_a_change_for_that_purpose_alone",),
        "analysis/space.py",
        "    for item in stretch.money:  # a fee, late charge or cap that applies to some names "
        "only\n        yield item.guard\n        yield item.unless\n",
        "",
        "the names a fee's, late charge's or cap's condition tests do not split the cells, so a "
        "fee for one purpose is a change for every purpose or for none"),
    Mutant(
        "diff-no-deadline-passed",
        (_DIFF + "a_duty_whose_deadline_a_usage_can_pass_narrows_beside_a_limit_that_widens",),
        "analysis/diff.py",
        "    tried.extend(_overdue(usage, _owed(changed, cell), free, cell.period))\n",
        "",
        "a changed duty is tried only before its deadline, so a usage past it, which the text "
        "that owes it denies, is never shown and the amendment does not narrow"),
    Mutant(
        "diff-first-counterexample-only",
        (_DIFF + "a_duty_whose_deadline_a_usage_can_pass_narrows_beside_a_limit_that_widens",
         _DIFF + "every_kind_of_change_of_a_region_is_reported_beside_its_narrowing"),
        "analysis/diff.py",
        "    for usage, before, after in shown:\n",
        "    for usage, before, after in shown[:1]:\n",
        "a region is shown by the first usage decided differently only: a limit's widening is "
        "reported and its narrowing by a passed deadline is not, a lowered limit and not the "
        "duty added beside it"),
    Mutant(
        "diff-no-ended-usages",
        (_DIFF + "a_duty_counted_from_termination_is_shown_by_a_usage_whose_agreement_ended",),
        "analysis/diff.py",
        "    endings = (\"on\", \"before\") if _ends(old, old_program) or "
        "_ends(new, new_program) else ()\n",
        "    endings = ()\n",
        "no usage tried states that its agreement ended, so a duty counted from termination "
        "that a text adds, owed only then, goes unreported"),
    Mutant(
        "diff-no-total-within-a-window",
        (_DIFF + "a_limit_per_a_shorter_window_narrows_by_a_total_within_one_of_its_windows",),
        "analysis/diff.py",
        "    if window is None or window.calendar:\n        return []\n",
        "    if True:\n        return []\n",
        "a changed limit is tried with sustained rates only, so a burst within one window of a "
        "shorter limit, which it denies and a longer one holds, is never shown"),
    Mutant(
        "space-no-cut-after-a-deadline-by-a-date",
        (_DIFF + "the_day_after_a_deadline_by_a_date_and_the_day_an_agreement_ends_are_"
         "boundaries",),
        "analysis/space.py",
        "            if deadline.kind == \"by\" and deadline.date < _dt.date.max:\n",
        "            if False:\n",
        "a deadline by a date does not cut time, so the region a passed deadline narrows starts "
        "on the first day of the comparison"),
    Mutant(
        "space-no-cut-after-a-first-deadline-every-so-long",
        (_DIFF + "a_duty_due_every_year_from_the_day_its_clause_binds_narrows_from_its_first_"
         "deadline",),
        "analysis/space.py",
        "            elif (due := first_due(deadline)) is not None and due < _dt.date.max and (\n",
        "            elif False and (\n",
        "a duty due every so long from the day its clause binds does not cut time after its "
        "first deadline, so the usages from the day after it are judged with those before, on "
        "which it is not yet breached, and the narrowing it brings goes unreported"),
    Mutant(
        "space-every-duty-counted-from-its-own-start-past-its-first-deadline",
        (_DIFF + "a_new_prohibition_of_an_act_is_shown_with_the_duties_shown_done_but_by_facts",),
        "analysis/space.py",
        "        deadline = attrs.evolve(deadline, start=_dt.date.min)\n",
        "        pass\n",
        "two duties due every so long that count from different days differ even past both "
        "first deadlines, where permits decides every usage alike, and the cells so judged are "
        "left unshown"),
    Mutant(
        "space-no-cut-where-a-schedule-ends-its-licensees-agreement",
        (_DIFF + "the_day_a_schedule_ends_its_licensees_agreement_and_the_day_after_are_"
         "boundaries",),
        "analysis/space.py",
        "            yield from (schedule.terminates, schedule.terminates + DAY)\n",
        "            pass\n",
        "the day a schedule ends its licensee's agreement is judged with the days before it, "
        "so a duty counted from that end, and the clauses that survive it, go unshown"),
    Mutant(
        "space-no-cut-on-the-day-an-agreement-ends",
        (_DIFF + "the_day_after_a_deadline_by_a_date_and_the_day_an_agreement_ends_are_"
         "boundaries",),
        "analysis/space.py",
        "            yield stretch.terminates\n",
        "            pass\n",
        "the agreement's last day is judged with the days before it, on which termination has "
        "not happened, so a duty counted from it that changed goes unshown"),
    Mutant(
        "space-no-cut-where-a-schedule-dates-a-fact",
        (_DIFF + "the_day_a_fact_a_schedule_dates_comes_about_is_a_boundary",),
        "analysis/space.py",
        "        yield from (dated.date for dated in schedule.dated)\n",
        "        pass\n",
        "the day a fact a schedule dates comes about is judged with the days before it, so the "
        "usages of its apps from that day, to which the fact has happened, fall in the region "
        "of those to which it has not"),
    Mutant(
        "space-periods-alike-whatever-survives",
        (_DIFF + "a_prohibition_that_survives_in_the_old_text_only_is_a_change_once_the_"
         "agreement_ended",),
        "analysis/space.py",
        "        for ending in self.endings:\n            found = [",
        "        for ending in ():\n            found = [",
        "two texts with the same rules in force are taken to decide every usage of a period "
        "alike even where a clause survives the agreement's end in one only, so the period is "
        "left out"),
    Mutant(
        "space-combinations-alike-whatever-survives",
        (_DIFF + "a_prohibition_that_survives_in_the_old_text_only_is_a_change_once_the_"
         "agreement_ended",),
        "analysis/space.py",
        "            and self._ended_alike(period)\n",
        "            and True\n",
        "the combinations of terms that meet the same rules in force in both texts are left out "
        "even where a clause among them survives the agreement's end in one only"),
    Mutant(
        "space-terms-denied-as-while-in-force",
        (_DIFF + "a_prohibition_that_survives_in_the_old_text_only_is_a_change_once_the_"
         "agreement_ended",),
        "analysis/space.py",
        "        for ending in set(self.endings) - {\"on\"}:\n",
        "        for ending in ():\n",
        "the cells of an act both texts bar while in force are left out, even where a text "
        "no longer bars it once the agreement ended"),
    Mutant(
        "space-ended-the-day-before-the-period",
        (_DIFF + "a_prohibition_that_survives_in_the_old_text_only_is_a_change_once_the_"
         "agreement_ended",),
        "analysis/space.py",
        "            if self.ended == \"before\" and day < _dt.date.max and day + DAY in "
        "self.period:\n",
        "            if False:\n",
        "a usage whose agreement ended the day before is tried on the period's first day, so "
        "the agreement ended before the period's text took effect and no text binds it"),
    Mutant(
        "diff-one-end-of-the-agreement-per-region",
        (_DIFF + "a_duty_counted_from_termination_beside_a_lowered_limit_is_reported_too",),
        "analysis/diff.py",
        "        for ended in dict.fromkeys(c.ended for c in cells if ending and c.ended != "
        "cell.ended):\n",
        "        for ended in ():\n",
        "a region of usages whose agreement ended or not is shown by the first of its cells "
        "only, so a duty counted from termination beside a lowered limit goes unreported"),
    # ---- the linter (analysis/lint/): each rule's mutant, caught by tests/test_lint.py -------
    Mutant(
        "lint-never-applies-to-unregistered-apps",
        (_LINT + "conditions_on_apps_no_schedule_registers_yet_can_still_hold",),
        "analysis/lint/context.py",
        "            for form in (item, atoms.unscheduled(item)):\n",
        "            for form in (item,):\n",
        "CD101 holds a clause's conditions on apps against the apps registered now, so a clause "
        "for an approved purpose never applies in an agreement read without its schedule"),
    Mutant(
        "lint-overridden-blind-to-other-exceptions",
        (f"{_QUIET}[another-exception-lifts]",),
        "analysis/lint/overridden.py",
        "    return applies(rule, f) and not any(p.clause in rule.lifted_by and applies(p, f)\n",
        "    return applies(rule, f) and not any(False\n",
        "CD102 counts a prohibition as biting where another permission that applies lifts it"),
    Mutant(
        "lint-exception-met-by-the-permission-alone",
        (f"{_EACH}[CD103]",),
        "analysis/lint/exception_never_lifts.py",
        "any(applies(r, f) and applies(p, f) for f in found)",
        "any(applies(p, f) for f in found)",
        "CD103 takes an exception to lift something wherever its permission applies, whether "
        "the prohibition does or not"),
    Mutant(
        "lint-broad-exception-as-wide-is-wider",
        (f"{_EACH}[CD104]",),
        "analysis/lint/broad_exception.py",
        "    return all(inside for inside, _ in facets) and any(more for _, more in facets)\n",
        "    return all(inside for inside, _ in facets)\n",
        "CD104 reports an exception about exactly what the prohibition forbids as a wider one"),
    Mutant(
        "lint-duty-forbidden-whatever-the-fact",
        (f"{_QUIET}[bites-either-way]",),
        "analysis/lint/duty_forbidden.py",
        "if _bites(rule, lifters, done) and not _bites(rule, lifters, f):",
        "if _bites(rule, lifters, done):",
        "CD105 blames the duty for a prohibition that bites whether or not the duty is done"),
    Mutant(
        "lint-duty-forbidden-done-without-the-parties",
        ("tests/test_lint.py::test_a_duty_forbidden_to_a_licensee_of_one_kind_is_shown_with_"
         "what_it_needs",),
        "analysis/lint/duty_forbidden.py",
        "f.facts | {shown}, f.approved, f.found, f.licensee, f.user,",
        "f.facts | {shown}, f.approved, f.found, {}, {},",
        "CD105 judges the usage that does the duty as one of no licensee's attributes, so a "
        "prohibition of a small licensee that does it is never found"),
    Mutant(
        "lint-duty-outlives-without-survival",
        (f"{_QUIET}[survives-as-long-as-the-deadline]",),
        "analysis/lint/duty_outlives.py",
        "            last = survival.duration.after(_midnight(end)).date()\n",
        "            last = end\n",
        "CD106 ignores how long a clause survives the agreement's end"),
    Mutant(
        "lint-unused-blind-to-hierarchies",
        (f"{_EACH}[CD107]",),
        "analysis/lint/unused.py",
        "    return not any(hierarchy.under(name, n) or hierarchy.under(n, name) for n in "
        "names[kind])\n",
        "    return name not in names[kind]\n",
        "CD107 reports a term that no clause names although a clause names a term below it"),
    Mutant(
        "lint-limit-compared-window-for-window",
        (f"{_EACH}[CD108]",),
        "analysis/lint/unreachable_limit.py",
        "    return math.ceil(Fraction(length, w2.seconds))\n",
        "    return 1\n",
        "CD108 compares a limit per minute with one per hour as if their windows were the same "
        "length"),
    Mutant(
        "lint-limit-of-the-licensee-unreachable-under-one-per-app",
        (_LINT + "a_limit_of_the_whole_licensee_stays_reachable_under_a_stricter_one_per_app",),
        "analysis/lint/unreachable_limit.py",
        "    keys = set(wide.keys) - {\"licensee\"}\n",
        "    keys = set(wide.keys) | set(strict.keys)\n",
        "CD108 takes a limit per app to hold the licensee's count as a limit per licensee holds "
        "each app's, and finds a licensee-wide limit unreachable under a stricter one per app"),
    Mutant(
        "lint-duplicate-window-as-written",
        (_LINT + "limits_per_day_and_per_24_hours_are_duplicates",),
        "analysis/lint/duplicate.py",
        "                            window=item.window and item.window.meaning), lifts",
        "                            window=item.window), lifts",
        "CD109 compares limits' windows as written, so a limit per day and one per 24 hours of "
        "the same amount are not found to say the same"),
    Mutant(
        "lint-duplicate-blind-to-exceptions",
        (f"{_QUIET}[named-alone-as-exception]",),
        "analysis/lint/duplicate.py",
        "meaning = _meaning(item, frozenset(lifting.get(item.clause, ())))",
        "meaning = _meaning(item, frozenset())",
        "CD109 takes two permissions for the same although a prohibition names one of them as "
        "its exception"),
    Mutant(
        "lint-apps-counted-as-registered-now",
        (_LINT + "a_condition_on_how_many_apps_are_approved_can_hold_once_a_schedule_registers_"
         "them",),
        "analysis/lint/atoms.py",
        "    if isinstance(guard, ir.AppsFor):\n",
        "    if False:\n",
        "CD101 counts the licensee's apps approved for a purpose among the apps registered now, "
        "so a clause on that count never applies in a text read without its schedule"),
    Mutant(
        "lint-limit-unreachable-under-one-that-yields",
        (_LINT + "a_limit_that_yields_to_a_prevailing_document_makes_no_other_unreachable",),
        "analysis/lint/unreachable_limit.py",
        "(not applies(s, f) or _gives_way(s, r, f))",
        "not applies(s, f)",
        "CD108 finds a limit unreachable under a stricter one that yields to a limit of a "
        "document that prevails over it, which binds in its place and allows more"),
    Mutant(
        "lint-deadline-on-the-clause-s-first-day-passed",
        (_LINT + "each_rule_finds_what_it_is_about_and_nothing_once_put_right",),
        "analysis/lint/deadline_passed.py",
        "            if not isinstance(deadline, m.By) or deadline.date >= first:\n",
        "            if not isinstance(deadline, m.By) or deadline.date > first:\n",
        "CD110 reports a duty due on the first day its clause binds, which a usage can meet"),
    Mutant(
        "lint-surviving-permission-blind-to-provisos",
        (f"{_QUIET}[surviving-permission-with-a-proviso]",),
        "analysis/lint/surviving_permission.py",
        "                clause.provisos or clause.activity.action in acts:\n",
        "                clause.activity.action in acts:\n",
        "CD111 reports a surviving permission whose provisos stay owed after the end"),
    Mutant(
        "lint-surviving-permission-of-an-act",
        (_LINT + "a_surviving_permission_of_an_act_is_not_found",),
        "analysis/lint/surviving_permission.py",
        "                clause.provisos or clause.activity.action in acts:\n",
        "                clause.provisos:\n",
        "CD111 reports a surviving permission of an act, which lifts a surviving prohibition "
        "of it after the end"),
    Mutant(
        "lint-duplicate-blind-to-survival",
        (_LINT + "clauses_that_survive_an_end_unalike_are_no_duplicates",),
        "analysis/lint/duplicate.py",
        "        if not all(_alike(ending[way], (first, later)) for way in endings):\n",
        "        if False:\n",
        "CD109 takes two clauses for the same although one survives the end of a licensee's "
        "agreement and the other does not"),
    Mutant(
        "lint-suppression-reaches-the-next-clause",
        (_LINT + "a_comment_above_or_on_a_clause_suppresses_the_rules_it_names",),
        "analysis/lint/suppress.py",
        "                    if before >= line:\n",
        "                    if before > line:\n",
        "a `lint: allow` comment at the end of a clause also suppresses findings at the next"),
    Mutant(
        "total-judged-beside-its-shares",
        ("tests/test_semantics.py::"
         "test_a_total_whose_days_the_limit_binds_are_stated_in_shares_is_judged_by_them",),
        "evaluation/decide.py",
        "            told = shares(volume, volumes, self.u, first, last)\n",
        "            told = ()\n",
        "a total a limit leaves undetermined stays so though shares stated within it count "
        "every day the limit binds"),
    Mutant(
        "cap-in-total-judges-each-share-apart",
        ("tests/test_caps.py::"
         "test_a_total_beyond_the_days_a_cap_binds_is_judged_by_its_shares_on_them_together",),
        "evaluation/decide.py",
        "                counted = sum(share.amount for share in told)\n",
        "                counted = max(share.amount for share in told)\n",
        "a cap in total judges the shares stated within a total each apart, so shares on its "
        "days each within the cap and together over it are taken as within it"),
    Mutant(
        "fee-counts-a-share-within-a-counted-total",
        ("tests/test_fees.py::test_a_fee_counts_a_share_within_a_total_that_it_counts_no_more",),
        "evaluation/decide.py",
        "        if not volume.is_rate and not any(within(volume, other, usage) for other in "
        "volumes):\n",
        "        if not volume.is_rate:\n",
        "a fee counts a total and again each share stated within it where the shares do not "
        "cover it, so the days of a share are owed twice"),
    Mutant(
        "cap-in-total-judges-totals-side-by-side-apart",
        ("tests/test_caps.py::"
         "test_totals_stated_side_by_side_count_together_under_a_cap_in_total",),
        "evaluation/decide.py",
        "        for group in ([inside] if lim.window is None else\n",
        "        for group in ([] if lim.window is None else\n",
        "a cap in total judges the totals a usage states side by side each apart, so two "
        "within it alone and over it together are taken as within it"),
    Mutant(
        "limit-per-window-judges-totals-in-one-window-apart",
        ("tests/test_semantics.py::"
         "test_totals_side_by_side_that_one_window_holds_count_together",),
        "evaluation/decide.py",
        "                 spans[id(other)][1] - begin < length]\n",
        "                 spans[id(other)][1] - begin < length and other is volume]\n",
        "a limit per fixed window judges each total apart though one window holds several, so "
        "two within the limit alone and over it together in one window are taken as within it"),
    Mutant(
        "shares-that-overlap-are-added-up",
        ("tests/test_caps.py::"
         "test_totals_stated_side_by_side_count_together_under_a_cap_in_total",),
        "evaluation/decide.py",
        "        before = best[bisect_right(ends, spans[id(volume)][0], 0, k)]\n",
        "        before = best[k]\n",
        "totals stated side by side that share some of their time are added up as if they did "
        "not, counting that time twice: a usage whose sum is not known is denied"),
    Mutant(
        "volume-time-of-day-dropped",
        ("tests/test_caps.py::"
         "test_shares_stated_with_a_time_of_day_are_told_apart_and_counted_once_each",),
        "usage.py",
        "        start_time = v_start if isinstance(v_start, _dt.datetime) else None\n",
        "        start_time = None\n",
        "a total's `from` stated as an instant is read as its day, so two shares of one day "
        "stated to the second seem to overlap and are not counted together"),
    Mutant(
        "a-day-at-an-instant-read-as-its-day",
        ("tests/test_termination.py::test_the_end_is_a_day_not_an_instant",
         "tests/test_money.py::test_a_payments_and_a_claims_day_is_a_day_not_an_instant",
         "tests/test_money.py::"
         "test_a_datetime_for_a_payments_or_a_claims_day_is_refused_not_cut_to_its_day"),
        "usage.py",
        "        if isinstance(moment, _dt.datetime):\n            self.fail(path, f\"`{path[-1]}`",
        "        if False:\n            self.fail(path, f\"`{path[-1]}`",
        "a usage's `terminated:`, a payment's `due` or `paid` or a claim's `date` given as an "
        "instant is read as its day in UTC, so `2024-04-30T23:00:00-05:00` ends the agreement "
        "on 2024-05-01 and `paid: 2024-03-05T23:30-05:00` pays on 03-06"),
    Mutant(
        "a-part-cut-at-an-instant-said-through-it",
        ("tests/test_explain_locales.py::"
         "test_a_part_cut_at_an_instant_is_said_to_run_until_it_not_through_it",),
        "prose/render.py",
        "            end = Before(end)  # cut at a fact's instant",
        "            end = end  # cut at a fact's instant",
        "a part of a usage's period that a fact's instant ends is said in Dutch to run through "
        "that instant (\"tot en met\"), though the fact holds from it on"),
    Mutant(
        "total-without-dates-read-over-the-usage-s-days",
        ("tests/test_semantics_examples.py::"
         "test_rule_5_a_total_without_dates_is_over_the_usage_s_period_stated_with_instants",),
        "usage.py",
        "        # (a total without `from` or `until` runs from the usage's start or to its end, a "
        "day\n",
        "        start, end = day_of(start), day_of(end)\n",
        "a total stated without dates in a usage whose period is given as instants runs over "
        "the whole days of that period, so 1,500 tokens within one minute span 1,440 minutes"),
    Mutant(
        "licensor-cap-on-a-standard-asks-for-its-finding",
        ("tests/test_licensor.py::"
         "test_a_liability_cap_of_the_licensor_on_a_standard_asks_nothing_of_the_usage",),
        "evaluation/explain.py",
        "        turning = {q for f, when in found if when is not None and not _licensors(f.item)\n",
        "        turning = {q for f, when in found if when is not None\n",
        "what the licensor may recover under a cap on a standard the usage leaves open asks for "
        "the finding, so the licensor's clause adds to what the usage must state"),
    Mutant(
        "fee-counts-a-total-outside-its-days",
        ("tests/test_fees.py::test_a_total_on_none_of_the_fee_s_days_owes_nothing_under_it",),
        "evaluation/money.py",
        "        v.kind == \"rate\" or v.kind == \"total\" and _on(v, usage, found))]\n",
        "        v.kind in (\"rate\", \"total\"))]\n",
        "a fee reads a total stated on none of its days as its own, and gives its bare price "
        "for it beside what it is owed on its days"),
    Mutant(
        "fee-counts-overlapping-totals-each",
        ("tests/test_fees.py::test_totals_that_share_some_of_their_time_owe_only_the_price",),
        "evaluation/money.py",
        "        elif id(volume) in twice:\n",
        "        elif False:\n",
        "a fee is owed on each of two totals that share some of their time, so that time is "
        "paid for twice"),
    Mutant(
        "fee-conditions-read-facts-over-the-whole-period",
        ("tests/test_fees.py::test_a_fee_s_condition_on_a_fact_holds_from_the_fact_s_date",
         "tests/test_fees.py::test_a_fee_unless_a_fact_is_owed_on_the_days_before_it_and_said"),
        "evaluation/money.py",
        "        facts = judged_as(row.symbols, usage.as_of(begins), row.action, row.data)\n",
        "        facts = judged_as(row.symbols, usage, row.action, row.data)\n",
        "a fee's `when` and `unless` read every fact the usage dates within its period on every "
        "day of it, so a total stated before `approval` owes a fee `when approval`, and none "
        "`unless approval`"),
    Mutant(
        "late-charge-of-no-whole-period-owed",
        ("tests/test_money.py::"
         "test_less_than_one_whole_period_late_owes_no_charge_unless_a_period_begun_counts",),
        "evaluation/money.py",
        "        at = 0\n",
        "        at = 0\n        if not starts and end > payment.due:\n            yield Figure("
        "charge, row.stretch, Fraction(0), payment.unit, (\"late\", payment, end, 0))\n",
        "an amount paid less than one whole period late, where only whole periods count, is "
        "given a late charge of 0 USD for 0 months among the duties"),
    Mutant(
        "total-with-instants-counted-in-days",
        ("tests/test_caps.py::"
         "test_a_total_stated_with_instants_spans_the_windows_from_its_first_instant_to_its_"
         "last",),
        "evaluation/decide.py",
        "            windows = windows_between(lim.window, *span(volume, self.u))\n",
        "            windows = count_windows(lim.window, start, end)\n",
        "a total stated with instants is counted in whole days against a limit per window, so "
        "1,500 tokens within one minute are taken as spread over the 1,440 minutes of the day"),
    Mutant(
        "instants-apart-by-a-window-taken-as-in-one",
        ("tests/test_caps.py::"
         "test_a_total_stated_with_instants_spans_the_windows_from_its_first_instant_to_its_"
         "last",),
        "evaluation/arithmetic.py",
        "    return (last - first) // _dt.timedelta(seconds=window.seconds) + 1\n",
        "    return -(-(last - first) // _dt.timedelta(seconds=window.seconds)) or 1\n",
        "a total from one instant to the instant a window later is taken as held by one window, "
        "though the window does not reach its last instant"),
    Mutant(
        "fee-peak-counts-instants-in-days",
        ("tests/test_money.py::"
         "test_a_total_stated_with_instants_in_one_window_of_the_threshold_owes_the_fee",),
        "evaluation/money.py",
        "                volume.amount, windows_between(fee.window, *span(volume, usage)))):",
        "                volume.amount, windows_between(fee.window, *span(attrs.evolve(\n"
        "                    volume, start_time=None, end_time=None), usage)))):",
        "a fee past a threshold reads a total stated with instants as its days, so a total "
        "within one 24 hours over two days gives only the price"),
    Mutant(
        "fee-spread-over-windows-always-unknown",
        ("tests/test_money.py::"
         "test_a_total_over_several_windows_owes_the_fee_where_however_spread_it_owes_alike",
         "tests/test_money.py::"
         "test_totals_whose_windows_are_unknown_owe_the_fee_where_however_held_they_owe_alike"),
        "semantics/ir.py",
        "        return self.owed(count - self.threshold * (windows - 1)), most\n",
        "        return Fraction(0), most\n",
        "a fee past a threshold takes a total spread over several of its windows as owing "
        "anything from nothing up, so 1 post over three days beyond 0 posts per 24 hours gives "
        "only the price rather than the fee on that post"),
    Mutant(
        "fee-threshold-prices-totals-of-one-window-alone",
        ("tests/test_money.py::"
         "test_totals_one_window_of_the_threshold_holds_count_together_once",),
        "evaluation/money.py",
        "    held = _held(fee.window, once, at) if fee.threshold is not None and spans else {}\n",
        "    held = {}\n",
        "a fee past a threshold prices each total a usage states alone, though one window of "
        "the threshold holds them together: 800,000 and 700,000 posts within one 24 hours owe "
        "0 USD each rather than 7,500 USD beyond 1,000,000"),
    Mutant(
        "fee-threshold-window-held-two-ways-priced",
        ("tests/test_money.py::"
         "test_totals_one_window_holds_in_more_than_one_way_or_overlapping_owe_only_the_price",),
        "evaluation/money.py",
        "        out.update((id(volume), (ordered, count == 1)) for volume in ordered)\n",
        "        out.update((id(volume), (ordered, True)) for volume in ordered)\n",
        "totals that one window of a fee's threshold holds in more than one way (a total with "
        "the one before it, or with the one after it) are priced as if one window held them "
        "all, though which window counts which is unknown"),
    Mutant(
        "total-judged-without-its-shares-counted-together",
        ("tests/test_caps.py::"
         "test_a_total_counted_by_its_shares_beside_another_is_said_with_them_once",),
        "evaluation/decide.py",
        "                self.in_total(lim, volume, volumes, covered)\n",
        "                self.in_total(lim, volume, judging, covered)\n",
        "a total whose shares were counted with the totals beside it is judged without them, "
        "as if its share of the cap's days were not stated: a usage within the cap is "
        "undetermined"),
    Mutant(
        "total-said-again-beside-its-shares-together",
        ("tests/test_caps.py::"
         "test_a_total_counted_by_its_shares_beside_another_is_said_with_them_once",
         "tests/test_semantics.py::"
         "test_totals_side_by_side_that_one_window_holds_count_together"),
        "evaluation/decide.py",
        "        if covered is None or any(id(share) not in covered[0] for share in told):\n",
        "        if True:\n",
        "a total counted by its shares is said apart from them where they are counted together "
        "with the totals beside it, so their words are said twice"),
    Mutant(
        "totals-side-by-side-over-several-windows-judged-apart",
        ("tests/test_semantics.py::"
         "test_totals_side_by_side_over_several_windows_deny_as_their_sum_over_that_time_would",
         "tests/test_volume_laws.py::"
         "test_shares_stated_side_by_side_decide_as_their_sum_over_their_whole_span"),
        "evaluation/decide.py",
        "            found = self.spread(lim, inside, spans, whole, limit) or found\n",
        "            pass\n",
        "disjoint totals side by side that no one window holds are judged each apart, so shares "
        "over two windows whose sum is more than the limit twice over are not denied, though "
        "their sum stated over the same time is"),
    Mutant(
        "totals-side-by-side-that-one-window-meets-judged-one-by-one",
        ("tests/test_semantics.py::"
         "test_totals_side_by_side_that_one_window_meets_may_all_fall_in_it",),
        "evaluation/decide.py",
        "            found = self.met(lim.window, inside, spans, whole, limit, found)\n",
        "            pass\n",
        "totals side by side that one window meets but none holds are judged one by one, so "
        "100 records over 01-01 and 01-02 and 100 over 01-02 and 01-03 are within 100 records "
        "per day, though both may fall on 01-02"),
    Mutant(
        "totals-side-by-side-passed-over-below-twice-the-limit",
        ("tests/test_semantics.py::"
         "test_totals_side_by_side_that_one_window_holds_count_together",
         "tests/test_volume_laws.py::"
         "test_shares_stated_side_by_side_decide_as_their_sum_over_their_whole_span"),
        "evaluation/decide.py",
        "        if sum(whole.values()) <= limit and (lim.window is not None or self.events is "
        "None) \\\n",
        "        if sum(whole.values()) <= 2 * limit and (lim.window is not None or "
        "self.events is None) \\\n",
        "totals side by side are passed over when together they come to no more than twice the "
        "limit, so 120 and 120 posts within 60 days are not over 200 per 60 days"),
    Mutant(
        "totals-not-counted-once-count-for-nothing-together",
        ("tests/test_caps.py::test_a_share_stated_twice_within_a_total_counts_at_least_once",
         "tests/test_semantics.py::"
         "test_totals_side_by_side_over_several_windows_deny_as_their_sum_over_that_time_would"),
        "evaluation/decide.py",
        "            found = self.stated(lim, totals, once, first, last, whole, limit) or found\n",
        "            pass\n",
        "shares within a total that they do not count (it runs on, or a share is stated "
        "twice) count for nothing together, so stating a share again turns a usage over the "
        "cap undetermined"),
    Mutant(
        "totals-side-by-side-said-in-the-order-listed",
        ("tests/test_semantics.py::"
         "test_totals_side_by_side_are_said_in_order_of_time_however_they_are_listed",
         "tests/test_volume_laws.py::test_the_order_of_the_volumes_changes_nothing"),
        "evaluation/decide.py",
        "                    sorted(group, key=lambda volume: (spans[id(volume)], "
        "volume.amount))), 1)\n",
        "                    group), 1)\n",
        "totals side by side within a cap are said in the order the usage lists them, so the "
        "same usage listed otherwise gives other reasons"),
    Mutant(
        "proviso-binds-beside-an-unconditioned-permission",
        ("tests/test_semantics.py::test_a_proviso_conditions_only_the_permission_that_carries_it",),
        "evaluation/decide.py",
        "        if free is None and others:\n            owing.append(tuple(others))\n",
        "        if others:\n            owing.extend((rule,) for rule in others)\n",
        "a proviso of one permission denies a usage that another permission licenses without "
        "it"),
    Mutant(
        "fact-within-a-period-holds-throughout",
        ("tests/test_event_laws.py::test_a_period_with_a_dated_fact_in_it_is_denied_when_one_"
         "of_its_days_is",
         "tests/test_events.py::test_a_fact_dated_within_a_period_holds_from_its_date_on"),
        "evaluation/decide.py",
        "        elif first < (day := day_of(when)) <= last:\n",
        "        elif last < (day := day_of(when)) <= last:\n",
        "a fact dated within a usage's period holds for the whole period: a period is permitted "
        "although the days before the fact are denied"),
    Mutant(
        "deadline-from-an-event-after-a-cut-not-judged",
        ("tests/test_events.py::test_a_deadline_counted_from_an_event_dated_after_a_cut_is_"
         "judged",),
        "evaluation/decide.py",
        "        terminates, refuses, stated = stretch.terminates, usage.refuses, usage.stated_names()\n",
        "        terminates, refuses, stated = stretch.terminates, usage.refuses, usage.fact_names()\n",
        "a part of a period cut at a fact's date takes a deadline counted from an event dated "
        "later in it as not started, so the outcome permits a usage that breaches it"),
    Mutant(
        "duty-done-after-the-latest-due-day-met",
        ("tests/test_events.py::test_the_earlier_of_two_events_one_undated_is_no_later_than_the_"
         "other",),
        "evaluation/decide.py",
        "            bound = deadline.owed_from(ir.latest(deadline.after, known), exact)\n"
        "            if bound is not None:\n                found = _settle_days(",
        "            bound = None if stated else deadline.owed_from(ir.latest(deadline.after, "
        "known), exact)\n"
        "            if bound is not None:\n                found = _settle_days(",
        "a duty counted from the earlier of two events, one undated, done after the latest day it "
        "can fall due is met, so the outcome permits a usage that did it late"),
    Mutant(
        "prohibition-lifted-by-its-first-exception-only",
        ("tests/test_semantics.py::test_a_prohibition_lifted_by_several_exceptions_owes_the_"
         "provisos_of_none_needed",),
        "evaluation/decide.py",
        "            way = tuple(rule for rule in relied if rule.clause in clauses)\n",
        "            way = tuple(rule for rule in relied if rule.clause in clauses)[:1]\n",
        "a prohibition that several permissions lift owes the provisos of the first of them, so "
        "the outcome denies a usage that another lifts it for without a proviso"),
    Mutant(
        "fee-totals-one-window-meets-priced-one-by-one",
        ("tests/test_money.py::test_totals_one_window_meets_but_none_holds_owe_only_the_price",),
        "evaluation/money.py",
        "                         (1 if k < len(held) else 2) + sum(cluster[2] for cluster in joined)))",
        "                         1 + sum(cluster[2] for cluster in joined)))",
        "totals side by side that one window of a fee's threshold meets but none holds are "
        "taken as held by it, so the fee is given as owed on their sum"),
    Mutant(
        "limit-lifted-whatever-the-provisos-of-its-exception",
        ("tests/test_semantics.py::test_a_limit_lifted_by_a_permission_with_a_proviso_binds_"
         "unless_the_proviso_is_kept",),
        "evaluation/decide.py",
        "                if all(rule.provisos for rule in lifting_it):\n",
        "                if not lifting_it:\n",
        "a limit that a permission with a proviso excepts is lifted whether or not the usage "
        "keeps the proviso, so the outcome permits a usage over the limit that breaches it"),
    Mutant(
        "time-of-an-instant-asked-for",
        ("tests/test_semantics.py::test_a_request_and_a_deletion_on_consecutive_days_cannot_"
         "decide_24_hours",
         "tests/test_events.py::test_the_later_or_earlier_of_a_day_and_an_instant_on_it_is_"
         "bounded_by_the_instant"),
        "evaluation/decide.py",
        "                             tuple(name for name in deadline.after.facts\n"
        "                                   if not isinstance(known.get(name), _dt.datetime)),",
        "                             deadline.after.facts,",
        "a deadline in hours counted from a fact stated at an instant asks for that fact's time "
        "of day, which the usage states"),
    Mutant(
        "survival-after-an-undated-earlier-event-without-end",
        ("tests/test_events.py::test_survival_after_the_earlier_of_two_events_one_undated_ends_"
         "by_the_latest_it_can",),
        "semantics/lower.py",
        "            moment = ir.latest(survival.event, known)\n",
        "            moment = None\n",
        "a clause that survives for a time after the earlier of two events, one undated, binds "
        "without end, so a duty it no longer owes denies the usage"),
    Mutant(
        "a-recurring-duty-done-before-its-event-counts",
        ("tests/test_events.py::test_a_duty_every_12_months_done_before_its_event_is_first_due_"
         "after_the_event",
         "tests/test_events.py::test_a_duty_every_year_done_before_the_clause_binds_is_first_"
         "due_a_year_after_it"),
        "evaluation/decide.py",
        "    if latest is not None and base is not None and _after(base, latest):",
        "    if False:",
        "a recurring duty done before its event (or before its clause binds) is counted from "
        "that time, so it falls due before the event and a usage that states the earlier time "
        "is denied where one that leaves it out is permitted"),
    Mutant(
        "the-later-of-a-day-and-an-instant-is-the-whole-day",
        ("tests/test_events.py::test_the_later_or_earlier_of_a_day_and_an_instant_on_it_is_"
         "bounded_by_the_instant",),
        "evaluation/decide.py",
        "        lo, hi = between or bounds(trigger)",
        "        lo, hi = bounds(trigger)",
        "a deadline in hours after the later (or earlier) of a fact stated as a day and one at "
        "an instant that day is taken to fall at any time of the day, so a usage the instant "
        "decides is left undetermined and asked for times it states"),
    Mutant(
        "recurring-duty-after-an-undated-earlier-event-never-due",
        ("tests/test_events.py::test_a_recurring_duty_after_the_earlier_of_two_events_one_"
         "undated_is_due_by_the_latest",),
        "evaluation/decide.py",
        "                if found.status in (\"breached\", \"late\"):\n                    return found\n"
        "            if latest is not None",
        "                pass\n            if latest is not None",
        "a duty every month after the earlier of two events, one undated, is pending whatever "
        "the other's date, so the outcome permits a usage long after its first time fell due"),
    Mutant(
        "audit-limit-lifted-whatever-the-provisos",
        ("tests/test_audit.py::test_a_limit_lifted_on_a_proviso_binds_the_rows_that_do_not_keep_"
         "it",),
        "audit/run.py",
        "            lifted = lifted_on_provisos(judged, usage) if judged.provided else ()\n",
        "            lifted = set(judged.provided)\n",
        "the audit takes a limit that a permission lifts on its proviso as lifted for every group "
        "of rows, so a window over it where the proviso is not kept goes unreported"),
    Mutant(
        "proviso-not-relied-on-said-breached",
        ("tests/test_semantics.py::test_a_breached_proviso_of_a_permission_not_relied_on_is_not_"
         "a_breach",),
        "evaluation/decide.py",
        "                unrelied.setdefault(id(rule), chosen)\n",
        "                relied.add(id(rule))\n",
        "the breached proviso of a permission the usage does not rely on is given as a breach and "
        "as a duty it is subject to"),
    Mutant(
        "breach-named-before-it-is-due",
        ("tests/test_events.py::test_a_duty_breached_in_a_later_part_of_a_cut_period_is_named_"
         "there_only",),
        "evaluation/decide.py",
        "due is not None and self.last < day_of(due))",
        "due is not None and self.u.last_day < day_of(due))",
        "a breach due in a later part of a cut period is named in the parts before it too"),
    Mutant(
        "many-questions-each-one-way-not-decided",
        ("tests/test_standards.py::test_more_than_12_standards_that_each_move_the_outcome_one_"
         "way_are_tried_at_their_ends",),
        "evaluation/decide.py",
        "            if combinations(open_) > MAX_OPEN_COMBINATIONS and \\\n"
        "                    ends_tried(program, open_) is None:\n",
        "            if combinations(open_) > MAX_OPEN_COMBINATIONS:\n",
        "a usage whose open questions make more than 4,096 combinations is undetermined in a "
        "batch though each moves the outcome one way and its best and worst answers agree"),
    Mutant(
        "many-questions-said-from-their-ends-alone",
        ("tests/test_standards.py::test_more_than_12_standards_that_each_move_the_outcome_one_"
         "way_are_tried_at_their_ends",),
        "evaluation/decide.py",
        "        tried = {end[:at] + (pick,) + end[at + 1:] for pair in pairs for end in pair\n",
        "        tried = {end for pair in pairs for end in pair\n",
        "past 4,096 combinations, how each question turns the outcome is read off the best and "
        "worst answers alone, so a question that turns it only with the others is said to "
        "decide it"),
    Mutant(
        "comparison-of-dates-reads-facts-not-yet-happened",
        ("tests/test_events.py::test_a_comparison_reads_no_fact_dated_after_the_day_judged",),
        "semantics/ir.py",
        "        if self.first not in happened or self.second not in happened:\n",
        "        if self.first not in dates or self.second not in dates:\n",
        "a comparison of two facts' dates reads a fact dated after the usage's last day, or "
        "after the part of its period judged, as if it had happened"),
    Mutant(
        "names-read-by-a-text-forget-the-part",
        ("tests/test_events.py::test_a_fact_only_a_later_text_defines_leaves_a_cut_part_as_it_"
         "was",),
        "usage.py",
        "        if self._fact_names is not self._stated_names:\n",
        "        if False:\n",
        "a usage read by a text that leaves out a name only another text defines forgets which "
        "part of its period it judges: a fact dated later in the period holds from its first "
        "day, and a prohibition on it denies the days before"),
    Mutant(
        "judged-breach-named-before-its-event",
        ("tests/test_events.py::test_a_deadline_left_to_a_standard_is_named_from_the_part_its_"
         "event_falls_in",),
        "evaluation/decide.py",
        "        due = falls_due(duty, finding.due, self.u)\n",
        "        due = finding.due\n",
        "the breach of a duty whose time is left to a standard is named in the parts of a cut "
        "period before its event too, in which it was owed nothing"),
    Mutant(
        "judged-question-named-before-its-event",
        ("tests/test_events.py::test_a_deadline_left_to_a_standard_is_named_from_the_part_its_"
         "event_falls_in",),
        "evaluation/explain.py",
        "                if (item.clause, at) in named or _owed_later(item, usage, shown, "
        "spans[at]):\n",
        "                if (item.clause, at) in named:\n",
        "the finding a duty whose time is left to a standard asks for is said to be missing in "
        "the parts of a cut period before its event too"),
    Mutant(
        "judged-duty-triggered-after-its-clause-ends",
        ("tests/test_events.py::test_a_duty_left_to_a_standard_is_not_triggered_by_an_event_"
         "after_its_clause_ends",),
        "evaluation/decide.py",
        "        if deadline.event not in known:\n",
        "        if deadline.event not in usage.fact_names():\n",
        "a duty whose time is left to a standard is triggered by an event after the last day "
        "its clause binds the usage, so the usage is denied or left undetermined by a duty it "
        "was never owed"),
    Mutant(
        "done-after-its-clause-ends-is-done",
        ("tests/test_events.py::test_a_duty_due_after_its_clause_ends_is_not_breached_done_"
         "late_or_never",),
        "evaluation/decide.py",
        "        stated = shown_by is not None and shown_by in known\n"
        "        done = known[shown_by] if stated else None\n",
        "        stated = shown_by is not None and shown_by in usage.fact_names()\n"
        "        done = usage.fact_date(shown_by) if stated else None\n",
        "a duty due after the last day its clause binds the usage and done after it is late, "
        "so doing it then denies the usage while never doing it does not"),
    Mutant(
        "done-after-its-clause-ends-said-not-done",
        ("tests/test_events.py::test_a_duty_due_after_its_clause_ends_is_not_breached_done_"
         "late_or_never",),
        "evaluation/decide.py",
        "    if finding is not None and finding.status == \"breached\" and finding.done is None "
        "and \\\n",
        "    if False and \\\n",
        "a duty breached while its clause binds the usage and done after it is said not done, "
        "though the usage states when it was done"),
    Mutant(
        "duty-no-longer-owed-from-the-part-s-last-day",
        ("tests/test_events.py::test_a_duty_whose_clause_a_later_text_drops_or_a_cut_splits_"
         "names_its_last_day",),
        "evaluation/decide.py",
        "        last = self.days(duty)[1]\n        ended = last if",
        "        last = self.last\n        ended = last if",
        "a duty pending across a cut of the period that changes nothing about it is said no "
        "longer owed after the last day of each part, as two duties with two days, not after "
        "the last day its clause binds the usage"),
    Mutant(
        "user-question-named-in-every-part",
        ("tests/test_events.py::test_an_attribute_of_the_users_left_open_names_the_part_that_"
         "asks_it",),
        "evaluation/explain.py",
        "    return found or entry.reading\n",
        "    return entry.reading\n",
        "an attribute of the users left open is said undetermined over every part of a cut "
        "period, not only from the fact's date that the clause asking it reads"),
    Mutant(
        "either-way-questions-tried-at-one-answer",
        ("tests/test_standards.py::test_more_than_12_standards_two_moving_it_either_way_are_tried_"
         "with_the_others_at_their_ends",),
        "evaluation/decide.py",
        "    for picks in itertools.product(*(range(answers[at]) for at in free)):\n",
        "    for picks in [(0,) * len(free)]:\n",
        "past 4,096 combinations, a question that may move the outcome either way is tried at "
        "its first answer alone: a usage that its other answers leave open is denied"),
    Mutant(
        "permission-relied-on-instead-is-the-first-written",
        ("tests/test_semantics.py::test_the_permissions_a_usage_may_rely_on_instead_are_named_"
         "whatever_their_order",),
        "evaluation/decide.py",
        "            frees = tuple(relied) or tuple(rule for rule in others if not rule.provisos)\n",
        "            frees = (tuple(relied) or tuple(r for r in others if not r.provisos))[:1]\n",
        "a permission whose provisos are not owed names only the first permission written that "
        "licenses the usage without them, so its reason turns on the order of the clauses"),
    Mutant(
        "breach-due-later-unsaid-before-a-cut-that-changes-nothing",
        ("tests/test_events.py::test_a_cut_where_nothing_binding_the_usage_changes_moves_no_"
         "reason_of_a_duty",),
        "evaluation/explain.py",
        "        self._duty_words(duty, finding, ended)\n",
        "        if later is None:\n"
        "            self._duty_words(duty, finding, ended)\n",
        "a breach due after a part is not said in it, so a cut before its due day that changes "
        "nothing for the usage is shown, and the breach is named from the cut on"),
    Mutant(
        "question-owed-later-than-a-cut-that-changes-nothing",
        ("tests/test_events.py::test_a_cut_where_nothing_binding_the_usage_changes_moves_no_"
         "reason_of_a_duty",),
        "evaluation/explain.py",
        "    return due is not None and day_of(due) > next(\n"
        "        each.end for each in shown if each.start <= part.start <= each.end)",
        "    return due is not None and day_of(due) > part.end",
        "the finding a duty whose time is left to a standard asks for is named from a cut "
        "before its event that changes nothing for the usage"),
    Mutant(
        "a-reason-said-again-in-each-part-alike",
        ("tests/test_semantics.py::test_a_reason_alike_in_neighbouring_parts_is_said_once_over_"
         "them",),
        "evaluation/explain.py",
        "        if at is not None and _follows(program, out[at].part, reason.part, "
        "reason.clause):\n",
        "        if False:\n",
        "a reason the same in neighbouring parts of a usage's period (clause 1 permitting in "
        "two versions alike) is said once per part, each naming its part"),
    Mutant(
        "a-reason-joined-across-a-change-of-its-clause",
        ("tests/test_semantics.py::test_a_reason_alike_in_neighbouring_parts_is_said_once_over_"
         "them",),
        "evaluation/explain.py",
        "        _meaning(program, first, clause) == _meaning(program, then, clause)\n",
        "        True\n",
        "a reason is said once over two versions whose clause means different things (a later "
        "`unless`), because its words for this usage are the same in both"),
    Mutant(
        "coverage-credits-a-joined-reason-to-its-first-text-alone",
        ("tests/test_ci.py::test_a_reason_said_once_over_two_versions_covers_the_clause_in_"
         "both",),
        "cli/test.py",
        "               for cited in _cited(agreement, r)}\n",
        "               for cited in [(r.file, r.clause)]}\n",
        "`contractdsl test --coverage` credits a reason said once over two versions to the "
        "clause of the earlier text alone, so the later text's clause reads as never reached"),
    Mutant(
        "a-fee-said-once-is-located-in-its-first-text-alone",
        ("tests/test_ci.py::test_a_fee_said_once_over_two_versions_covers_and_locates_its_"
         "clause_in_both",),
        "evaluation/explain.py",
        "        owed.append(_also_located(program, figure.stretches, duty))\n",
        "        owed.append(duty)\n",
        "a fee carried over unchanged into a later text, owed once over both texts' days, is "
        "located in the earlier text alone, and coverage counts the later text's fee unreached"),
    Mutant(
        "coverage-lists-a-file-once-per-agreement-set",
        ("tests/test_ci.py::test_a_file_of_two_agreement_sets_is_covered_once_by_the_tests_of_"
         "both",),
        "cli/test.py",
        "            report.coverage = merged(report.coverage, coverage(\n",
        "            report.coverage = report.coverage + (coverage(\n",
        "`contractdsl test --coverage` lists a file of two agreement sets once per set, each "
        "with what that set's tests reach, and takes the total over both listings"),
    Mutant(
        "a-limit-said-by-its-unit-s-name",
        ("tests/test_render.py::test_reasons_and_duties_say_a_unit_in_the_agreement_s_words",),
        "evaluation/explain.py",
        "    basis, unit = lim.basis, symbols.unit_words(lim.stated_unit)\n",
        "    basis, unit = lim.basis, lim.stated_unit\n",
        "a limit in a reason or a duty says its unit by the name or alias the clause writes "
        "(`tweet_ids`), not in the words the agreement declares for it (\"post IDs\")"),
    Mutant(
        "a-usage-s-volume-said-by-its-unit-s-name",
        ("tests/test_render.py::test_reasons_and_duties_say_a_unit_in_the_agreement_s_words",),
        "evaluation/explain.py",
        "        return self.symbols.unit_words(volume.unit)\n",
        "        return volume.unit\n",
        "a reason says the usage's amount by the name or alias the usage gives its unit "
        "(`calls`), not in the agreement's words for it, beside a limit said in them"),
    Mutant(
        "lint-refutes-a-limit-where-the-stricter-binds",
        (_LINT + "of_two_limits_that_allow_the_same_only_the_later_is_unreachable",),
        "analysis/lint/unreachable_limit.py",
        "    if own is not None and any(not applies(strict, f) for f in own):\n",
        "    if own is not None and any(applies(strict, f) for f in own):\n",
        "CD108's quick test on the classes of usages the wider limit alone tells apart takes a "
        "usage the stricter limit binds for one it does not, and finds no limit unreachable"),
    Mutant(
        "lint-finds-both-of-two-limits-that-allow-the-same",
        (_LINT + "of_two_limits_that_allow_the_same_only_the_later_is_unreachable",),
        "analysis/lint/unreachable_limit.py",
        "                     and not (n > at and shadows(linted, index, wide, strict) is not None)]",
        "                     and not (n > len(stretch.limits))]",
        "CD108 finds each of two limits that allow the same unreachable by the other, asking "
        "to remove both, which would leave neither"),
    # ---- the audit (audit/) ---------------------------------------------------------------
    Mutant(
        "audit-rounds-an-amount-to-nine-decimal-places",
        ("tests/test_audit_input.py::test_an_amount_with_more_decimal_places_than_the_audit_"
         "sums_is_refused_at_its_row",),
        "audit/plan.py",
        "                        rounded(value, source, decimal, kind)))\n",
        "                        exp.false()))\n",
        "an audit sums an amount of more decimal places than it holds rounded (100.0000000001 "
        "posts as 100), and finds no window over 100 posts where `permits` denies the usage"),
    Mutant(
        "audit-reads-an-amounts-places-without-its-exponent",
        ("tests/test_audit_input.py::test_an_amount_whose_exponent_moves_a_digit_past_the_"
         "ninth_place_is_refused",),
        "audit/plan.py",
        '    exponent = exp.func("coalesce", exp.TryCast(this=part(3), to=INTEGER.copy()), '
        'lit(0))\n',
        "    exponent = lit(0)\n",
        "an audit sums `1e-19` posts as 0 and `1.000000000000000000000000000001e20` as 10^20, "
        "rounded, instead of refusing the row"),
    Mutant(
        "audit-reads-an-amounts-grouping-marks-as-no-number",
        ("tests/test_audit_input.py::test_an_amount_grouped_with_commas_or_underscores_is_read_"
         "as_a_usage_file_reads_it",),
        "audit/plan.py",
        "        source = digits_of(unpadded(value)) if kind in TEXT else value\n",
        "        source = unpadded(value) if kind in TEXT else value\n",
        "an audit refuses `1,000` as no amount, and the engines read `1_000` differently, where "
        "a usage file reads both as 1000"),
    Mutant(
        "a-comma-anywhere-in-an-amount-groups-thousands",
        ("tests/test_audit_input.py::test_an_amount_whose_comma_does_not_group_thousands_is_"
         "refused",),
        "usage.py",
        '        return text.replace(",", "") if _GROUPED_BY_COMMAS.match(text) else None\n',
        '        return text.replace(",", "")\n',
        "a usage's `amount: \"2,5\"` (two and a half, with a decimal comma) is read as 25"),
    Mutant(
        "audit-reads-a-comma-anywhere-in-an-amount-as-grouping-thousands",
        ("tests/test_audit_input.py::test_an_amount_whose_comma_does_not_group_thousands_is_"
         "refused",),
        "audit/plan.py",
        '            "replace", text, lit(","), lit("")))], default=exp.null())\n',
        '            "replace", text, lit(","), lit("")))], default=exp.func(\n'
        '                "replace", text.copy(), lit(","), lit("")))\n',
        "an audited log's `\"2,5\"` posts (two and a half, with a decimal comma) are summed "
        "as 25"),
    Mutant(
        "a-number-yaml-1-1-reads-in-another-base-is-read-so",
        ("tests/test_usage.py::test_a_number_yaml_1_1_reads_otherwise_than_written_is_refused_"
         "where_it_is",),
        "usage.py",
        "                if unclear is not None:\n",
        "                if False:\n",
        "a usage's `amount: 1:30` is read as 90 (base 60) and `010` as 8 (octal), and a clause "
        "`1:30` expected as clause `90`"),
    Mutant(
        "an-amount-in-other-digits-is-read-as-its-number",
        ("tests/test_audit_input.py::test_an_amount_in_other_digits_than_0_to_9_is_refused_in_a_"
         "usage_and_a_log",),
        "usage.py",
        "    if not text.isascii():\n        return None\n",
        "",
        "a usage's `amount: \"٥\"` is read as 5, as Python reads the digit"),
    Mutant(
        "audit-reads-an-amount-in-other-digits-as-the-engine-does",
        ("tests/test_audit_input.py::test_an_amount_in_other_digits_than_0_to_9_is_refused_in_a_"
         "usage_and_a_log",),
        "audit/plan.py",
        "    return exp.Case(ifs=[exp.If(this=exp.and_(plain, exp.or_(grouped, exp.not_("
        "exp.Like(\n",
        "    return exp.Case(ifs=[exp.If(this=exp.and_(exp.true(), exp.or_(grouped, exp.not_("
        "exp.Like(\n",
        "an audited log's `٥` posts are summed as 5 on Spark (which reads the digit), where "
        "DuckDB and a usage file refuse them"),
    Mutant(
        "audit-leaves-spending-in-another-currency-out",
        ("tests/test_audit.py::test_spending_in_another_currency_than_an_allowances_is_"
         "undetermined_as_permits_says",
         "tests/test_audit_law.py::test_each_group_is_decided_as_permits_decides_it_and_each_"
         "window_really_exceeds"),
        "audit/run.py",
        "            decision = permits(self.program, attrs.evolve(usage, volume=spent) if spent\n",
        "            decision = permits(self.program, attrs.evolve(usage, volume=()) if spent\n",
        "an audit sums a tier's allowance in money from the rows in its currency alone and "
        "leaves out what they spent in another: 50 EUR beside 50 USD are permitted under 100 "
        "USD a calendar month, where `permits` says no rate of exchange tells them within it"),
    Mutant(
        "audit-reads-a-blank-key-as-a-key",
        ("tests/test_audit_input.py::test_a_blank_endpoint_or_key_is_refused_at_its_row_as_a_"
         "usage_file_refuses_a_blank_name",),
        "audit/plan.py",
        "    return exp.or_(is_null(col(scope_column(scope))),\n"
        "                   exp.EQ(this=col(scope_column(scope)), expression=lit(\"\")))\n",
        "    return is_null(col(scope_column(scope)))\n",
        "an audit reads a blank key of a scope (`user` of `\" \"`) as a key of its own, its rows "
        "summed apart from the others, and a blank endpoint as an unknown endpoint ``, where a "
        "usage file refuses a blank name"),
    Mutant(
        "audit-places-its-caret-by-the-values-as-read",
        ("tests/test_audit_input.py::test_the_caret_under_a_csv_value_marks_it_as_written_"
         "after_quoted_values",),
        "audit/run.py",
        "        if text.startswith('\"', at):\n",
        "        if False:\n",
        "the caret under a value of a CSV log ignores the quotes before it: after `\"a, b\"` it "
        "stands columns early"),
    Mutant(
        "audit-stops-at-a-scope-column-the-log-lacks",
        ("tests/test_scopes.py::test_an_audit_of_a_log_without_a_scopes_column_says_its_limits_"
         "are_not_judged",),
        "audit/run.py",
        '            *(key for key in lim.keys if key not in ("app", "recipient", "licensee")))\n',
        '            *(key for key in lim.keys if key == "recipient entity"))\n',
        "an audit of a log without the column of a limit's scope (other than the recipient's "
        "entity) stops at its first row instead of listing the limit as not judged"),
    Mutant(
        "audit-lists-limits-that-bind-no-row-as-not-judged",
        ("tests/test_endpoints.py::test_an_audit_counts_against_a_limit_at_an_endpoint_the_"
         "rows_of_its_calls",),
        "audit/run.py",
        "                elif lim in applying and (column := self.lacks(lim)) is not None:\n",
        "                elif (column := self.lacks(lim)) is not None:\n",
        "a limit whose column the log lacks is listed as not judged although it binds none of "
        "the log's rows (a tier no row is under)"),
    Mutant(
        "audit-sums-the-apps-of-a-scope-holding-apps-together",
        ("tests/test_scopes.py::test_an_audit_without_the_column_of_a_scope_holding_apps_finds_"
         "each_apps_windows",),
        "audit/run.py",
        '        return attrs.evolve(lim, keys=keys, scope=" and ".join(keys), holders=())\n',
        '        keys = tuple(k for k in keys if k != "app")\n'
        '        return attrs.evolve(lim, keys=keys, scope=" and ".join(keys), holders=())\n',
        "an audit of a log without the column of a scope holding apps sums the rows of all the "
        "apps together instead of each app's alone, so it finds windows over a limit per "
        "Project that no one Project may have come to (the apps may be in several)"),
    Mutant(
        "audit-counts-per-app-a-scope-that-holds-no-apps",
        ("tests/test_scopes.py::test_an_audit_of_a_log_without_a_scopes_column_says_its_limits_"
         "are_not_judged",),
        "audit/run.py",
        "        if not missing or not set(missing) <= set(lim.holders):\n",
        "        if not missing:\n",
        "an audit of a log without the column of a scope that does not hold apps (a channel) "
        "counts its limits per app, as if each app's rows were a lower bound of a channel's"),
    Mutant(
        "audit-credits-an-app-with-its-windows-per-app-alone",
        ("tests/test_audit_disclosure.py::test_an_apps_findings_are_the_windows_whose_key_"
         "names_it_in_every_scope_per_app",),
        "audit/findings.py",
        '        return ("app", app) in self.keyed()\n',
        '        return self.scope == "app" and self.key == app\n',
        "an app's disclosure tells only its windows of limits per app alone: one per app and "
        "channel, or per the Project holding it, is not among its findings, and the app reads "
        "as permitted although its own rows exceeded the limit"),
    Mutant(
        "audit-counts-a-limit-across-its-lapse",
        ("tests/test_audit.py::test_a_limit_that_lapses_and_comes_back_starts_its_windows_"
         "afresh_as_permits_judges_it",
         "tests/test_audit.py::test_a_limit_that_binds_a_tier_only_while_it_is_offered_is_"
         "counted_as_permits_judges_it",
         "tests/test_audit.py::test_a_limit_that_lapses_counts_no_window_across_the_lapse_"
         "whoever_reads"),
        "audit/run.py",
        "        if lim not in stretch.limits:\n            first = None\n",
        "        if False:\n            first = None\n",
        "an audit sums a limit's rows before and after days on which it is not in force (a "
        "later text with its clause `from` a later day) in one window, where `permits` judges "
        "the days on either side of the lapse apart"),
    Mutant(
        "audit-counts-a-limit-across-days-an-exception-lifts-it",
        ("tests/test_audit.py::test_a_limit_an_exception_lifts_for_some_days_starts_its_"
         "windows_afresh_after_them",),
        "audit/run.py",
        "                        and not all(binds(lim, key, index) for key in at[before] + "
        "at[after])}\n",
        "                        and False}\n",
        "an audit sums a limit's rows before and after days on which an exception lifts it for "
        "their terms (a permission `when date is ...`) in one window, where `permits` judges "
        "the days on either side apart"),
    Mutant(
        "explained-totals-side-by-side-without-the-usages-days",
        ("tests/test_semantics.py::test_a_total_without_days_of_its_own_is_explained_over_the_"
         "usages_days",),
        "evaluation/explain.py",
        "            moments = [_moments(member, *stated_days(member, self.u)) for member in "
        "members]\n",
        "            moments = [_moments(member) for member in members]\n",
        "totals side by side are put into words without the usage's days, so a total a Usage "
        "made in Python states without days of its own is said with none, or explaining it "
        "fails"),
    Mutant(
        "a-fact-later-on-the-last-day-has-happened",
        ("tests/test_events.py::test_a_fact_the_usage_dates_after_its_last_instant_has_not_"
         "happened_by_then",),
        "usage.py",
        "            return moment > self.end\n",
        "            return False\n",
        "a fact stated at an instant later on the day of a usage's last instant holds for its "
        "conditions, so a read at 11:00 is permitted by an approval given at 12:00"),
    Mutant(
        "a-fact-at-an-instant-holds-from-its-day",
        ("tests/test_events.py::test_a_fact_dated_by_an_instant_within_a_day_holds_from_that_"
         "instant",
         "tests/test_events.py::test_a_fact_at_an_instant_within_a_day_bars_the_part_of_the_"
         "day_after_it"),
        "evaluation/decide.py",
        "        if isinstance(when, _dt.datetime) and when.time() != _MIDNIGHT:\n",
        "        if False:\n",
        "a fact dated by an instant within its day cuts the usage's period at the start of that "
        "day, or not at all on its first day, so reads from 00:00 to 18:00 are permitted by an "
        "approval given at 12:00"),
    Mutant(
        "a-limit-binds-the-whole-day-a-fact-cuts",
        ("tests/test_events.py::test_a_limit_across_a_fact_at_an_instant_allows_its_day_once",),
        "evaluation/decide.py",
        "            if lo is not None and begins < lo or hi is not None and ends > hi:\n",
        "            if False:\n",
        "a limit that a fact at 12:00 lifts is judged as binding the whole of that day, so 150 "
        "posts over the day are denied by 100 per day though how many came before 12:00 is "
        "not stated"),
    Mutant(
        "a-duty-done-later-on-the-usages-day-is-done",
        ("tests/test_events.py::test_a_duty_done_after_the_usages_last_instant_is_not_yet_done_"
         "nor_late",),
        "evaluation/decide.py",
        "                 if when is None or not _after(when, now)}\n",
        "                 if when is None or day_of(when) <= today}\n",
        "a fact dated at an instant after a usage's last instant, on its day, shows a duty "
        "done by then, so a read at 09:00 breaches a 10:00 deadline the deletion at 11:00 missed"),
    Mutant(
        "a-duty-from-the-earlier-of-a-fact-and-termination-must-survive",
        ("tests/test_events.py::test_a_duty_counted_from_the_earlier_of_a_fact_and_termination_"
         "need_not_survive",),
        "checker.py",
        "        event.pick != \"earlier\"\n",
        "        True\n",
        "a clause counting its deadline from the earlier of a fact and termination is refused "
        "unless it survives, though the duty binds from the fact while the agreement is in force"),
    Mutant(
        "a-liability-cap-never-yields",
        ("tests/test_precedence.py::test_a_liability_cap_yields_to_the_prevailing_documents_"
         "cap_of_its_party",),
        "semantics/lower.py",
        "    caps = [lower_once(clause, only, (), conflicts.get(id(clause), ()))\n",
        "    caps = [lower_once(clause, only, ())\n",
        "the liability cap of a document that yields to another's is listed beside the "
        "prevailing cap, so two amounts may be recovered on one claim"),
    Mutant(
        "a-licensors-clause-never-yields",
        ("tests/test_precedence.py::test_the_licensors_clause_that_yields_to_the_prevailing_"
         "documents_is_not_listed",),
        "evaluation/decide.py",
        "        c.yields(f) and conditions_hold(others[c.other], f)\n",
        "        False and conditions_hold(others[c.other], f)\n",
        "what the licensor may still do lists its clause of a document that yields to another "
        "beside the prevailing one, so it may suspend and must not"),
    Mutant(
        "a-rate-under-a-cap-in-total-counts-whole-days",
        ("tests/test_caps.py::test_a_rate_under_a_cap_in_total_counts_the_instants_the_usage_"
         "states",),
        "evaluation/decide.py",
        "            start, end = self.binding(lim)\n",
        "            start, end = first, last\n",
        "a rate under a cap in total counts every whole day the usage touches, so 10 tokens a "
        "minute from 10:00 to 11:00 come to a day's 14,400, over a cap of 1,000"),
    Mutant(
        "a-limits-title-is-part-of-its-meaning",
        ("tests/test_semantics.py::test_a_limit_carried_over_in_new_words_meaning_the_same_is_"
         "one_limit_across_the_change",),
        "semantics/ir.py",
        "    clause: str  # the clause id, or \"tier NAME\"\n"
        "    title: str | None = attrs.field(eq=False)\n",
        "    clause: str  # the clause id, or \"tier NAME\"\n    title: str | None\n",
        "a limit carried over into a new version with a new title is another limit, so two "
        "totals in one 30 days of the unchanged 1,000 posts are each within it on their side"),
    Mutant(
        "recurring-duty-after-an-undated-event-never-done-pending",
        ("tests/test_events.py::test_a_duty_every_12_months_after_an_event_without_a_date_and_"
         "never_done_asks_for_it",),
        "evaluation/decide.py",
        "                    return Finding(\"unknown\", None, True, None, (), undated)",
        "                    return Finding(\"pending\")",
        "a duty every 12 months after an event stated without a date and never done is pending "
        "for ever, so a usage years after the event is permitted, while one that states an "
        "old review is asked for the event's date"),
    Mutant(
        "a-claims-day-is-the-usages-day-in-utc",
        ("tests/test_money.py::test_a_claims_day_in_a_usage_dated_by_an_instant_is_the_day_it_"
         "writes",),
        "usage.py",
        "        return _dt.datetime.fromisoformat(_instant_text(str(value).strip())).date()\n",
        "        return day_of(_Reader.moment(None, (), value))\n",
        "a claim in a usage at 23:30 at -05:00 on 2024-12-01 is dated 12-02, a day the usage "
        "never wrote, and a claim stating 12-01 is refused as outside its period"),
    Mutant(
        "an-unpaid-amount-is-late-by-the-usages-day-in-utc",
        ("tests/test_money.py::test_an_amount_still_unpaid_is_late_from_the_day_after_the_usages_"
         "written_last_day",),
        "evaluation/money.py",
        "        end = payment.paid or usage.written_last or last\n",
        "        end = payment.paid or last\n",
        "a payment due on 2024-03-01 and unpaid in a usage at 23:30 at -05:00 that day is "
        "charged as late from 03-02 UTC, a day the usage never wrote"),
    Mutant(
        "a-duty-falls-due-before-its-clause-binds",
        ("tests/test_events.py::test_a_duty_counted_from_an_event_before_the_clause_binds_is_"
         "owed_from_that_day",
         "tests/test_events.py::test_a_recurring_duty_after_an_event_before_the_clause_binds_"
         "is_first_due_after_that_day"),
        "semantics/ir.py",
        "        return first if exact else self.start\n",
        "        return moment\n",
        "a duty counted from an event before its clause binds falls due before the clause "
        "exists, so a deletion request of 2020 breaches an agreement of 2024 on its first day"),
    Mutant(
        "a-clauses-new-title-restarts-its-duty",
        ("tests/test_events.py::test_a_duty_a_later_text_carries_over_under_a_new_title_is_one_"
         "duty_across_the_change",),
        "semantics/lower.py",
        "attrs.evolve(other, id=one.id, title=one.title))",
        "attrs.evolve(other, id=one.id))",
        "a clause a later version gives a new title binds from that version's first day, so a "
        "deletion requested before the change is counted from the change and never late"),
    Mutant(
        "a-duty-before-an-event-before-its-clause-binds-is-owed",
        ("tests/test_events.py::test_a_duty_before_an_event_that_came_before_the_clause_binds_"
         "is_not_owed",),
        "evaluation/decide.py",
        "        if deadline.owed_from(trigger) is not trigger:\n",
        "        if False:\n",
        "a duty to notify before an audit of 2020 is breached under an agreement of 2024, "
        "owed before an event that came before the clause existed"),
    Mutant(
        "a-judged-time-is-counted-from-an-event-before-its-clause-binds",
        ("tests/test_events.py::test_a_time_left_to_judgement_after_an_event_before_the_clause_"
         "binds_says_its_start",),
        "evaluation/explain.py",
        "        return None if owed is event else owed\n",
        "        return None\n",
        "a time left to a standard after an incident of 2020 is put to the finding as counted "
        "from the incident, years before the clause bound the licensee"),
    Mutant(
        "a-duty-once-after-an-undated-event-is-pending-for-ever",
        ("tests/test_events.py::test_a_duty_once_after_an_event_without_a_date_and_not_done_asks_"
         "for_its_date",
         "tests/test_events.py::test_the_earlier_of_two_events_one_undated_is_no_later_than_the_"
         "other"),
        "evaluation/decide.py",
        "            surely = \"met\" if stated else \"pending\"\n            if earliest is None or "
        "(_settle_days(",
        "            surely = \"met\" if stated else \"pending\"\n            if False and "
        "(_settle_days(",
        "a deletion requested on a day not stated and never done is to do for ever, so a usage "
        "years after the clause began is permitted where the deadline may long have passed"),
    Mutant(
        "a-renumbered-clause-restarts-its-duty",
        ("tests/test_events.py::test_a_duty_a_later_version_renumbers_is_owed_from_the_first_"
         "versions_day",),
        "semantics/lower.py",
        "attrs.evolve(other, id=one.id, title=one.title))",
        "attrs.evolve(other, title=one.title))",
        "a clause a later version renumbers binds from that version's first day, so a request "
        "made under the first version is counted again from the change and not yet late"),
    Mutant(
        "a-renumbered-clause-is-not-looked-for",
        ("tests/test_events.py::test_a_duty_a_later_version_renumbers_is_owed_from_the_first_"
         "versions_day",),
        "semantics/lower.py",
        "                                       and _same(b[0], clause, memo)), before)\n",
        "                                       and False), before)\n",
        "only a clause of the same number in the version before is taken for the same clause, "
        "so a renumbered duty restarts its count with the new version"),
    Mutant(
        "space-no-cut-after-a-first-deadline-from-the-day-a-clause-binds",
        (_DIFF + "a_duty_both_texts_owe_differs_only_until_its_first_deadline_from_the_new_"
         "start", _DIFF + "reading_posts_without_a_tier_is_denied_from_2023_04_29"),
        "analysis/space.py",
        "                    deadline.after is None or attrs.evolve(deadline, start=None) in "
        "started):\n",
        "                    deadline.after is None):\n",
        "a duty counted from an event that both texts hold from different days does not cut time "
        "after its first deadline from the later day, so the region where an earlier event is "
        "owed from that day runs on for ever, over usages both decide alike"),
    Mutant(
        "space-a-duty-after-an-event-has-no-first-deadline-from-its-clause",
        (_DIFF + "a_duty_both_texts_owe_differs_only_until_its_first_deadline_from_the_new_"
         "start", _DIFF + "a_duty_whose_deadline_a_usage_can_pass_narrows_beside_a_limit_that_"
         "widens"),
        "analysis/space.py",
        "    if start is None or deadline.kind not in (\"every\", \"within\", \"upon\") or \\\n",
        "    if start is None or deadline.kind not in (\"every\",) or \\\n",
        "a duty within a time after an event is judged by the day its clause binds whatever the "
        "usage's day, so two texts owing it from different days differ for ever"),
    Mutant(
        "diff-no-event-the-day-before-the-clause-binds",
        (_DIFF + "a_duty_before_an_event_both_texts_owe_differs_for_an_event_before_the_new_"
         "start",),
        "analysis/diff.py",
        "            tried.append((usage, {name: deadline.start - _space.DAY for name in names}))\n",
        "            pass\n",
        "no usage states the event the day before the duty's clause binds, so a duty before an "
        "event that one text owes and the other does not for an event between their first days "
        "goes unshown"),
    Mutant(
        "diff-an-event-counted-duty-not-tried-past-its-first-deadline",
        (_DIFF + "a_duty_whose_deadline_a_usage_can_pass_narrows_beside_a_limit_that_widens",),
        "analysis/diff.py",
        "                due + _space.DAY not in period else \\\n",
        "                True else \\\n",
        "a duty added within a time after an event is tried only on the period's first day, when "
        "an event before it is owed from that day and not yet late, so the narrowing goes "
        "unreported"),
    Mutant(
        "diff-other-duties-not-shown-done",
        ("tests/test_diff.py::test_every_twitter_counterexample_read_alone_is_confirmed",),
        "analysis/diff.py",
        "    others = done - {d[3] for d in changed}\n",
        "    others = set()\n",
        "a cell whose usages breach another duty under both texts (a notice before sharing) "
        "is tried only with it breached, and a change of a duty counted from an event goes "
        "unshown"),
    Mutant(
        "diff-a-deadline-passed-tried-before-the-example",
        (_DIFF + "every_kind_of_change_of_a_region_is_reported_beside_its_narrowing",),
        "analysis/diff.py",
        "    tried.append(usage)\n    tried.extend(_overdue(usage, _owed(changed, cell), free, "
        "cell.period))\n",
        "    tried.extend(_overdue(usage, _owed(changed, cell), free, cell.period))\n"
        "    tried.append(usage)\n",
        "a change of duties is shown by a usage whose event came before the clause binds, and "
        "says a due date the cell's own example does not"),
    Mutant(
        "diff-no-finding-a-judged-duty-was-late",
        (_DIFF + "a_duty_left_to_judgement_is_shown_by_a_finding_that_it_was_late",),
        "analysis/diff.py",
        "        if deadline.kind == \"judged\":  # (its time passed",
        "        if False:  # (its time passed",
        "no usage states a finding that a duty left to judgement was late, so a change of it "
        "that only such a finding shows goes unshown, and the usage falls in no region"),
    Mutant(
        "diff-a-counterexample-printed-without-its-findings",
        (_DIFF + "a_duty_left_to_judgement_is_shown_by_a_finding_that_it_was_late",),
        "analysis/diff.py",
        "    if usage.findings:  # (the findings on standards it tries",
        "    if False:  # (the findings on standards it tries",
        "the counterexample printed leaves out the finding it was decided with, so the usage "
        "file it gives is decided otherwise"),
    Mutant(
        "a-file-of-another-agreement-is-read-with-it",
        ("tests/test_files_together.py::test_permits_refuses_a_file_of_another_agreement",
         "tests/test_files_together.py::test_check_and_load_refuse_it_alike",
         "tests/test_files_together.py::test_a_schedule_for_another_title_is_refused"),
        "model.py",
        "        if lead is None:\n            return ()\n",
        "        return ()\n",
        "`permits terms.agreement money.agreement` judges by the text of one agreement and "
        "ignores the other (`unknown app`), and a schedule for another title is read by no "
        "usage"),
    Mutant(
        "an-instant-is-cut-to-the-microsecond",
        ("tests/test_inputs_said.py::test_decimals_of_a_second_beyond_the_microsecond_are_"
         "refused_where_written",),
        "usage.py",
        "    if not decimals or not decimals[2][6:].strip(\"0\"):",
        "    if True:",
        "a duty done at 12:00:00.0000001, after a deadline at 12:00:00, is read as done at "
        "12:00:00.000000, on time"),
    Mutant(
        "rfc-3339-lowercase-t-and-z-refused",
        ("tests/test_inputs_said.py::test_rfc_3339_lowercase_t_and_z_are_read",),
        "usage.py",
        "    return text.upper()\n",
        "    return text\n",
        "`2024-06-01t10:00:00z`, an instant as RFC 3339 allows it, is refused as no date"),
    Mutant(
        "recurring-duty-due-during-no-event",
        ("tests/test_events.py::test_a_duty_every_hour_done_on_a_day_is_due_at_the_time_of_day_"
         "it_was_done",),
        "evaluation/explain.py",
        "event=last if deadline.after is None\n",
        "event=event_words(deadline.after) if deadline.after is None\n",
        "a duty every so many hours, with no event, done on a day stated without a time: its "
        "words name the event it has not, and explaining the decision raises"),
    Mutant(
        "log-time-cut-to-the-microsecond",
        ("tests/test_audit_input.py::test_a_log_time_with_decimals_beyond_the_microsecond_is_"
         "refused_as_a_usage_file_does",),
        "audit/plan.py",
        'CLOCK % r"\\d{1,6}0*"',
        'CLOCK % r"\\d+"',
        "a log's row at 23:59:59.9999999 is read at 23:59:59.999999, before a deadline at "
        "midnight, where a usage file refuses it"),
    Mutant(
        "log-time-in-lower-case-refused",
        ("tests/test_audit_input.py::test_a_log_time_written_in_lower_case_is_read_as_a_usage_"
         "file_reads_it",),
        "audit/plan.py",
        "trimmed = exp.Upper(this=exp.Trim(this=text.copy()))",
        "trimmed = exp.Trim(this=text.copy())",
        "a log's `2024-06-01t10:00:00z`, which a usage file reads, is refused as no time"),
]

# Proves that the tests import the copy: if they imported the working tree, this would survive.
CANARY = Mutant(
    "canary", ("test_default_deny",), "evaluation/__init__.py",
    "    program = getattr(agreement, \"compiled\", None) or compile(agreement)\n"
    "    usage = usage if",
    "    raise RuntimeError('canary')\n    usage = usage if",
    "permits always raises")


# ---- running ------------------------------------------------------------------------------


@dataclass
class Result:
    mutant: Mutant
    status: str  # caught, survived, stale, timeout
    law: str  # the law that caught it, or the laws run
    seconds: float
    detail: str = ""


# A pytest plugin written beside the copy: the chosen profile, without shrinking. A failing
# example is enough to catch a mutant; shrinking it can take minutes.
PLUGIN = """
import pytest


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    from hypothesis import Phase, settings

    phases = [p for p in settings.default.phases if p is not Phase.shrink]
    settings.register_profile("mutants", parent=settings.default, phases=phases)
    settings.load_profile("mutants")
"""


def copy_tree(into: Path, shrink: bool = False) -> Path:
    """The package and grammars copied into ``into``; returns the copied package folder."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "contractdsl", into / "contractdsl", ignore=ignore)
    shutil.copytree(ROOT / "grammars", into / "grammars", ignore=ignore)
    (into / "mutants_no_shrink.py").write_text("" if shrink else PLUGIN, encoding="utf-8")
    return into / "contractdsl"


def environment(folder: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(folder)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("HYPOTHESIS_PROFILE", None)
    # Keep Hypothesis's example database in the temporary folder: failures found on a mutant
    # must not be replayed elsewhere, nor examples from elsewhere decide a mutant.
    env["HYPOTHESIS_STORAGE_DIRECTORY"] = str(folder / ".hypothesis")
    # And the parser's caches: a mutated grammar builds its parser in the temporary folder.
    env["CONTRACTDSL_CACHE_DIR"] = str(folder / ".cache")
    return env


def run_law(folder: Path, law: str, profile: str, seed: str | None) -> tuple[bool, float, str]:
    """Run one law against the copy in ``folder``: (passed, seconds, the end of the output)."""
    target = str(ROOT / law) if "::" in law else f"{LAWS}::{law}"
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
               "-p", "mutants_no_shrink",
               "--rootdir", str(ROOT), target, f"--hypothesis-profile={profile}"]
    if seed is not None:
        command.append(f"--hypothesis-seed={seed}")
    started = time.monotonic()
    # The working directory is the copy: `python -m` puts it first on sys.path.
    done = subprocess.run(command, cwd=folder, env=environment(folder), capture_output=True,
                          text=True, timeout=TIMEOUT[profile])
    seconds = time.monotonic() - started
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
    if done.returncode not in (0, 1):
        raise RuntimeError(f"pytest exited with status {done.returncode}:\n{tail}")
    return done.returncode == 0, seconds, tail


def apply(mutant: Mutant, package: Path) -> str | None:
    """Apply the mutant to the copied package; None, or why it is stale."""
    path = (package.parent if mutant.file.startswith("grammars/") else package) / mutant.file
    if not path.is_file():
        return f"{mutant.file} does not exist"
    text = path.read_text(encoding="utf-8")
    count = text.count(mutant.old)
    if count != 1:
        return f"the string to replace occurs {count} times in {mutant.file}, not once"
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    return None


def try_mutant(mutant: Mutant, profile: str, seed: str | None, shrink: bool) -> Result:
    with tempfile.TemporaryDirectory(prefix=f"mutant-{mutant.name}-") as tmp:
        folder = Path(tmp)
        stale = apply(mutant, copy_tree(folder, shrink))
        if stale:
            return Result(mutant, "stale", ", ".join(mutant.laws), 0.0, stale)
        total = 0.0
        for law in mutant.laws:
            try:
                passed, seconds, tail = run_law(folder, law, profile, seed)
            except subprocess.TimeoutExpired:
                return Result(mutant, "timeout", law, total + TIMEOUT[profile])
            total += seconds
            if not passed:
                return Result(mutant, "caught", law, total, tail)
        return Result(mutant, "survived", ", ".join(mutant.laws), total)


def sanity(laws: list[str], profile: str, seed: str | None, baseline: bool,
           shrink: bool) -> bool:
    """The copy is what gets imported, a canary is caught, and the laws pass unchanged."""
    with tempfile.TemporaryDirectory(prefix="mutants-sanity-") as tmp:
        folder = Path(tmp)
        package = copy_tree(folder, shrink)
        probe = subprocess.run([sys.executable, "-c", "import contractdsl; "
                                "print(contractdsl.__file__)"],
                               cwd=folder, env=environment(folder), capture_output=True,
                               text=True)
        imported = Path(probe.stdout.strip()).resolve() if probe.returncode == 0 else None
        if imported != (package / "__init__.py").resolve():
            print(f"sanity: contractdsl is imported from {imported or probe.stderr.strip()}, "
                  f"not from the copy in {package}")
            return False
        print(f"sanity: contractdsl is imported from the copy ({imported})")
        if baseline:
            for law in laws:
                passed, seconds, tail = run_law(folder, law, profile, seed)
                if not passed:
                    print(f"sanity: {law} fails without any mutant ({seconds:.1f}s):\n{tail}")
                    return False
            print(f"sanity: the {len(laws)} law(s) pass on the unchanged copy")
    result = try_mutant(CANARY, profile, seed, shrink)
    if result.status != "caught":
        print(f"sanity: the canary mutant ({CANARY.breaks}) was {result.status}: the tests do "
              "not import the copy")
        return False
    print(f"sanity: the canary mutant was caught ({result.seconds:.1f}s)")
    return True


def short(law: str) -> str:
    return law.removeprefix("test_")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this mutant (repeatable)")
    parser.add_argument("--profile", choices=("ci", "deep"), default="ci",
                        help="Hypothesis profile of the laws (default: ci)")
    parser.add_argument("--seed", help="a fixed Hypothesis seed, for a reproducible run")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at a time")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip running the laws on the unchanged copy first")
    parser.add_argument("--shrink", action="store_true",
                        help="let Hypothesis shrink the failing example (slower)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    args = parser.parse_args(argv)

    chosen = MUTANTS
    if args.only:
        names = {m.name for m in MUTANTS}
        unknown = [n for n in args.only if n not in names]
        if unknown:
            parser.error(f"unknown mutant {', '.join(unknown)}; the mutants are: "
                         + ", ".join(sorted(names)))
        chosen = [m for m in MUTANTS if m.name in args.only]
    if args.list:
        for mutant in chosen:
            print(f"{mutant.name}  ({mutant.file}; {', '.join(map(short, mutant.laws))})\n"
                  f"    {mutant.breaks}")
        return 0

    laws = list(dict.fromkeys(law for m in chosen for law in m.laws))
    if not sanity(laws, args.profile, args.seed, not args.no_baseline, args.shrink):
        return 2

    started = time.monotonic()
    results: list[Result] = []

    def one(mutant):
        result = try_mutant(mutant, args.profile, args.seed, args.shrink)
        print(f"{result.status:9} {mutant.name} ({short(result.law)}, {result.seconds:.1f}s)"
              + (f": {result.detail}" if result.status == "stale" else ""), flush=True)
        return result

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(one, chosen))

    print()
    print("| mutant | file | what it breaks | law | caught | time |")
    print("|---|---|---|---|---|---|")
    for r in results:
        caught = "yes" if r.status == "caught" else f"**no ({r.status})**"
        print(f"| {r.mutant.name} | {r.mutant.file} | {r.mutant.breaks} | {short(r.law)} "
              f"| {caught} | {r.seconds:.1f}s |")
    bad = [r for r in results if r.status != "caught"]
    print(f"\n{len(results) - len(bad)} of {len(results)} mutants caught "
          f"(profile {args.profile}, {time.monotonic() - started:.0f}s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
