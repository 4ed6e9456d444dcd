"""The long fuzz run: `python tests/fuzz/run.py [--inputs N] [--jobs J] [--log FILE]`.

Makes N inputs (default 1,000,000), split over the kinds by ``--share`` (agreements, usages,
command lines), holds each to the oracle of tests/fuzz/harness.py in J processes, and logs the
count per kind and every finding (its kind, seed and what went wrong) as it goes. An input that
takes more than ``--budget`` seconds of processor time, more than ``--wait`` seconds on the clock
(an input that blocks), or more memory than ``--memory`` MiB is a finding too. The budget is
processor time so that a busy machine slows the run without inventing findings.
`--replay KIND:SEED` runs one input again, in this process, with its traceback.
Exit status 0 when there is no finding, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

CHUNK = 500


class Hang(BaseException):
    """An input that ran past its time budget (a BaseException: nothing may swallow it)."""


def _alarm(signum, frame):
    raise Hang("processor time" if signum == signal.SIGPROF else "clock time")


# (timer, its budget in seconds): processor time for work, clock time for an input that blocks
TIMERS: list[tuple[int, float]] = []


def _start_worker(budget: float, wait: float, memory: int) -> None:
    os.environ.setdefault("CONTRACTDSL_CACHE_DIR", str(harness._scratch() / "cache"))
    signal.signal(signal.SIGPROF, _alarm)
    signal.signal(signal.SIGALRM, _alarm)
    if memory:
        limit = memory * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    TIMERS[:] = [(signal.ITIMER_PROF, budget), (signal.ITIMER_REAL, wait)]


def _set_timers(on: bool) -> None:
    for timer, seconds in TIMERS:
        signal.setitimer(timer, seconds if on else 0)


def run_chunk(task: tuple[str, int, int]) -> tuple[str, int, list[dict]]:
    """Inputs ``start`` to ``start + count`` of ``kind``: how many ran, and the findings."""
    kind, start, count = task
    findings = []
    for seed in range(start, start + count):
        _set_timers(True)
        try:
            harness.run_one(kind, seed)
        except Hang as err:
            _set_timers(False)
            findings.append({"kind": kind, "seed": seed, "finding": "hang",
                             "detail": f"over its budget of {err.args[0]}"})
        except BaseException as err:  # noqa: BLE001 - every escape is a finding
            _set_timers(False)
            findings.append({"kind": kind, "seed": seed, "finding": type(err).__name__,
                             "detail": "".join(traceback.format_exception(err))[-2000:]})
        finally:
            _set_timers(False)
    return kind, count, findings


def tasks(total: int, shares: dict[str, float], first_seed: int):
    counts = {kind: int(total * share) for kind, share in shares.items()}
    made = {kind: 0 for kind in shares}
    while any(made[k] < counts[k] for k in shares):  # interleaved, so the log shows each kind
        for kind in shares:
            if made[kind] < counts[kind]:
                size = min(CHUNK, counts[kind] - made[kind])
                yield kind, first_seed + made[kind], size
                made[kind] += size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--share", default="agreement=0.15,usage=0.80,cli=0.05",
                        help="the part of the inputs each kind gets")
    parser.add_argument("--seed", type=int, default=0, help="the first seed of each kind")
    parser.add_argument("--budget", type=float, default=20.0,
                        help="seconds of processor time per input")
    parser.add_argument("--wait", type=float, default=300.0,
                        help="seconds on the clock per input (one that blocks)")
    parser.add_argument("--memory", type=int, default=3072, help="MiB per process (0: any)")
    parser.add_argument("--log", default="-", help="a file to log to (default: stdout); the "
                        "findings in full go to FILE.findings")
    parser.add_argument("--replay", metavar="KIND:SEED")
    args = parser.parse_args()
    if args.replay:
        kind, seed = args.replay.split(":")
        print(repr(harness.KINDS[kind][0](int(seed)))[:2000])
        harness.run_one(kind, int(seed))
        print("no finding")
        return 0
    shares = {k: float(v) for k, v in (p.split("=") for p in args.share.split(","))}
    log = sys.stdout if args.log == "-" else open(args.log, "a", buffering=1)
    # each finding in full (with its traceback) beside the log
    saved = None if args.log == "-" else open(args.log + ".findings", "a", buffering=1)
    done = {kind: 0 for kind in shares}
    findings = []
    began = time.time()
    print(f"fuzz: {args.inputs:,} inputs, shares {shares}, {args.jobs} processes, "
          f"seed {args.seed}", file=log)
    with multiprocessing.Pool(args.jobs, _start_worker, (args.budget, args.wait, args.memory),
                              maxtasksperchild=50) as pool:
        for kind, count, found in pool.imap_unordered(
                run_chunk, tasks(args.inputs, shares, args.seed)):
            done[kind] += count
            findings.extend(found)
            for finding in found:
                last = finding["detail"].strip().splitlines()[-1:]
                print(f"FINDING {finding['kind']}:{finding['seed']} {finding['finding']}: "
                      f"{last[0][:200] if last else ''}", file=log)
                if saved is not None:
                    saved.write(json.dumps(finding) + "\n")
            counts = ", ".join(f"{k} {v:,}" for k, v in done.items())
            print(f"{time.time() - began:8.0f} s  {sum(done.values()):,} inputs ({counts}); "
                  f"{len(findings)} findings", file=log)
    print(f"done: {sum(done.values()):,} inputs ({', '.join(f'{k} {v:,}' for k, v in done.items())})"
          f", {len(findings)} findings, {time.time() - began:.0f} s", file=log)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
