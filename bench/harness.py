"""The generic part of the benchmarks: timed child processes, medians, ratios, results, table.

A benchmark measures a figure in child processes and compares it with a baseline measured the
same way in the same run, so the reported ratio does not depend much on the machine.
"""

from __future__ import annotations

import json
import math
import os
import shlex
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
RESULTS_PATH = BENCH_DIR / "results.json"

T0_ENV = "CAPADESK_T0"  # time.time() of the parent just before it spawns the child
DEFAULT_TIMEOUT_S = 60.0
_STDERR_TAIL_LINES = 25


class BenchError(Exception):
    """A figure could not be measured; the message says which command failed and why."""


def median(values: Sequence[float]) -> float:
    """The median of at least one value."""
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def ratio(value: float, baseline: float) -> float:
    """``value / baseline``; the baseline must be a positive figure."""
    if not baseline > 0:
        raise ValueError(f"baseline must be positive, got {baseline!r}")
    return value / baseline


@dataclass(frozen=True)
class Measurement:
    """Every sample of one figure over the runs of a benchmark."""

    name: str
    unit: str
    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)


@dataclass(frozen=True)
class Result:
    """One line of results.json and of the table: a median against a baseline median."""

    name: str
    value: float
    unit: str
    baseline: float
    ratio: float
    low: float
    high: float
    baseline_low: float
    baseline_high: float
    runs: int
    target: float | None = None  # the highest acceptable ratio, when there is one

    @classmethod
    def compare(
        cls, name: str, measured: Measurement, baseline: Measurement, target: float | None = None
    ) -> Result:
        """The median of ``measured`` against the median of ``baseline`` (same unit)."""
        if measured.unit != baseline.unit:
            raise ValueError(f"{name}: unit {measured.unit!r} against {baseline.unit!r}")
        return cls(
            name=name,
            value=measured.median,
            unit=measured.unit,
            baseline=baseline.median,
            ratio=ratio(measured.median, baseline.median),
            low=measured.low,
            high=measured.high,
            baseline_low=baseline.low,
            baseline_high=baseline.high,
            runs=len(measured.samples),
            target=target,
        )

    @property
    def met(self) -> bool | None:
        """Whether the ratio is within the target; None without a target."""
        return None if self.target is None else self.ratio <= self.target

    def to_json(self) -> dict[str, object]:
        """The entry of results.json: exactly name, value, unit, baseline, ratio."""
        return {
            "name": self.name,
            "value": round(self.value, 2),
            "unit": self.unit,
            "baseline": round(self.baseline, 2),
            "ratio": round(self.ratio, 3),
        }


def write_results(results: Sequence[Result], path: Path = RESULTS_PATH) -> None:
    """Write results.json (replacing it whole, never leaving half a file)."""
    text = json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)


def _number(value: float) -> str:
    return f"{value:.1f}"


def _target(result: Result) -> str:
    return "—" if result.target is None else f"≤ {result.target:.2f}×"


def _met(result: Result) -> str:
    return {None: "—", True: "yes", False: "NO"}[result.met]


def format_table(results: Sequence[Result]) -> str:
    """An aligned text table: text columns to the left, figures to the right."""
    header = (
        "benchmark",
        "median",
        "unit",
        "baseline",
        "ratio",
        "min–max",
        "baseline min–max",
        "target",
        "met",
    )
    right = {1, 3, 4, 5, 6}
    rows: list[tuple[str, ...]] = [header]
    for r in results:
        rows.append(
            (
                r.name,
                _number(r.value),
                r.unit,
                _number(r.baseline),
                f"{r.ratio:.2f}×",
                f"{_number(r.low)}–{_number(r.high)}",
                f"{_number(r.baseline_low)}–{_number(r.baseline_high)}",
                _target(r),
                _met(r),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def parse_figures(stdout: str) -> dict[str, float]:
    """Every ``key=<float>`` line of a child's output; other lines are ignored."""
    figures: dict[str, float] = {}
    for line in stdout.splitlines():
        key, sep, raw = line.strip().partition("=")
        if not sep or not key.isidentifier():
            continue
        try:
            figures[key] = float(raw)
        except ValueError:
            continue
    return figures


def _tail(text: str | bytes | None) -> str:
    """The last lines of a child's output, indented; "(empty)" when there is none."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    lines = (text or "").rstrip().splitlines()[-_STDERR_TAIL_LINES:]
    return "\n".join("    " + line for line in lines) or "    (empty)"


def _describe(label: str, command: Sequence[str]) -> str:
    return f"{label} ({shlex.join(command)})"


def run_timed(
    label: str,
    command: Sequence[str],
    keys: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path = REPO_ROOT,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> dict[str, float]:
    """Run ``command`` once with ``CAPADESK_T0`` set and return the figures named by ``keys``.

    The child reads ``CAPADESK_T0`` (``time.time()`` taken here just before the spawn) and prints
    one ``key=<float>`` line per figure. Anything else (a crash, a timeout, a missing or absurd
    figure) raises BenchError with the command, its exit status and the end of its stderr.
    """
    child_env = dict(os.environ)
    child_env.update(env or {})
    what = _describe(label, command)
    t0 = time.time()
    child_env[T0_ENV] = repr(t0)
    try:
        completed = subprocess.run(
            list(command),
            env=child_env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(
            f"{what} did not exit within {timeout:.0f} s; its stderr ended with:\n"
            f"{_tail(error.stderr)}"
        ) from error
    except OSError as error:
        raise BenchError(f"{what} could not be started: {error}") from error
    if completed.returncode != 0:
        raise BenchError(
            f"{what} exited with status {completed.returncode}; its stderr ended with:\n"
            f"{_tail(completed.stderr)}"
        )
    figures = parse_figures(completed.stdout)
    missing = [key for key in keys if key not in figures]
    if missing:
        expected = ", ".join(f"'{key}=<float>'" for key in keys)
        raise BenchError(
            f"{what} exited 0 but did not print {', '.join(missing)}: expected the lines "
            f"{expected} on stdout.\n  stdout was:\n{_tail(completed.stdout)}\n"
            f"  stderr ended with:\n{_tail(completed.stderr)}"
        )
    elapsed_ms = (time.time() - t0) * 1000.0
    for key in keys:
        value = figures[key]
        if not (math.isfinite(value) and 0 < value <= elapsed_ms):
            raise BenchError(
                f"{what} printed {key}={value!r}, outside 0–{elapsed_ms:.0f} ms (the whole run): "
                f"does it read {T0_ENV} as seconds since the epoch?"
            )
    return {key: figures[key] for key in keys}
