"""``python -m bench`` (``make bench``): run the benchmarks, write results.json, print a table."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bench import capture_latency, handoff_load, restitution_2day, startup, wall_add
from bench.harness import RESULTS_PATH, BenchError, format_table, write_results


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a count of at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The options of ``python -m bench``."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="CapaDesk benchmarks: medians against a baseline measured in the same run.",
    )
    counts = parser.add_mutually_exclusive_group()
    counts.add_argument(
        "--runs",
        type=_positive,
        default=startup.DEFAULT_RUNS,
        metavar="N",
        help=f"measured runs of each side (default {startup.DEFAULT_RUNS})",
    )
    counts.add_argument(
        "--quick",
        dest="runs",
        action="store_const",
        const=startup.QUICK_RUNS,
        help=f"only {startup.QUICK_RUNS} runs of each side (a rough figure)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=RESULTS_PATH,
        metavar="PATH",
        help="where to write the results (default bench/results.json)",
    )
    parser.add_argument(
        "--app-cmd",
        metavar="CMD",
        help="for testing the harness: the command timed instead of CapaDesk, split like a shell "
        "line, with {python} and {home} filled in; it must print shown_ms and ready_ms",
    )
    return parser


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark; exit 0 even when a target is missed (the table says so)."""
    args = build_parser().parse_args(argv)
    try:
        results = startup.run(args.runs, app_template=args.app_cmd, progress=_progress)
        if args.app_cmd is None:  # a harness test times a stand-in for the app: nothing more
            quick = args.runs <= startup.QUICK_RUNS
            results += capture_latency.run(100 if quick else 300, progress=_progress)
            results += wall_add.run(10 if quick else 40, progress=_progress)
            results += restitution_2day.run(1 if quick else 3, progress=_progress)
            seconds = handoff_load.QUICK_SECONDS if quick else handoff_load.DEFAULT_SECONDS
            results += handoff_load.run(seconds, progress=_progress)[0]
    except BenchError as error:
        print(f"bench: FAILED — {error}", file=sys.stderr)
        return 1
    write_results(results, args.output)

    print()
    print(f"{args.runs} runs of each side, offscreen, store of {startup.STORE_SIZE} workshops")
    if args.app_cmd is not None:
        print(f"NOTE: app command replaced by --app-cmd {args.app_cmd!r} (harness test)")
    print(format_table(results))
    print()
    for result in results:
        if result.target is not None:
            verdict = "met" if result.met else "NOT met"
            print(
                f"{result.name}: {result.ratio:.2f}× its baseline "
                f"(target ≤ {result.target:.2f}×: {verdict})"
            )
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
