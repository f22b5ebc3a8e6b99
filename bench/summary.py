"""`make bench`: every benchmark's figures in one table, after a calibration figure of the machine.

The calibration (a fixed pure-Python loop, timed first) says how fast this machine ran Python at the time,
so that figures from two machines, or from one machine under two loads, can be put side by side. Then each
benchmark runs as its own process (output kept in ``--logs``); a benchmark that ends its output with a
JSON line ``{"bench": name, figure: value, ...}`` gives its figures to the table, beside their targets
and the reference figure of the same run (APScheduler's own lateness, datasketch, trafilatura, the naive
tagger), where the benchmark measures one. A benchmark without such a line is listed with its exit code:
its figures are in its log. Adding a benchmark: add it to BENCHES and, in its FIGURES, say which of its
JSON keys to show.

    .venv/bin/python bench/summary.py                  # every benchmark in BENCHES
    .venv/bin/python bench/summary.py --only crawl scheduler
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CALIBRATION_LOOP = 5_000_000


@dataclass(frozen=True, slots=True)
class Figure:
    key: str  # in the benchmark's JSON line
    label: str
    target: str = ""
    reference: str | None = None  # key of the reference figure in the same JSON line


@dataclass(frozen=True, slots=True)
class Bench:
    name: str  # the "bench" field of its JSON line
    script: str
    args: tuple[str, ...] = ()


BENCHES = (
    Bench("scheduler", "bench/scheduler.py"),
    Bench("crawl", "bench/crawl.py"),
    Bench("digests", "bench/digests.py"),
    Bench("tagging", "bench/tagging.py"),
    Bench("extraction", "bench/extraction.py"),
    Bench("dedup_scale", "bench/dedup_scale.py"),
)

FIGURES: dict[str, tuple[Figure, ...]] = {
    "scheduler": (
        Figure("late_p50_s", "lateness at the first request, p50 (s)", reference="apscheduler_p50_s"),
        Figure("late_p99_s", "lateness at the first request, p99 (s)", "<= 2", reference="apscheduler_p99_s"),
        Figure("skipped", "ticks skipped", "0"),
        Figure("cpu_ms_per_run", "service CPU per run (ms)"),
    ),
    "crawl": (
        Figure("crawl_pages_per_s", "end to end (pages/s)", ">= 100"),
        Figure("crawl_cpu_ms_per_page", "end to end, CPU per page (ms)"),
        Figure("fetch_pages_per_s", "fetching alone (pages/s)", ">= 300"),
        Figure("rerun_list_bytes_saved", "rerun, list bytes saved by conditional GET"),
    ),
    "digests": (
        Figure("build_s", "daily digests built, all but SMTP (s)", "< 60"),
        Figure("total_s", "daily digests sent to loopback SMTP (s)", "< 120"),
        Figure("send_peak_mb", "peak RSS while sending (MB)", "< 500"),
        Figure("build_cpu_s", "CPU of the build (s)"),
        Figure("send_cpu_s", "CPU of the sending process (s)"),
        Figure("smtp_server_cpu_s", "CPU of the loopback SMTP server (s)"),
        Figure("sent", "digests sent"),
        Figure("load_1min", "load average after the run"),
    ),
    "tagging": (
        Figure("articles_per_s", "tagging, one core (articles/s)", ">= 2000"),
        Figure("subject_f1_heldout", "subject-zone F1, real held-out", ">= 0.95", reference="baseline_subject_f1_heldout"),
        Figure("subject_f1_tune", "subject-zone F1, real tune", ">= 0.95"),
        Figure("any_zone_f1_heldout", "any-zone F1, real held-out", ">= 0.95"),
        Figure("people_r_heldout", "people recall, real held-out", ">= 0.85"),
        Figure("people_p_heldout", "people precision, real held-out", ">= 0.90"),
    ),
}


def calibrate() -> float:
    """Seconds for a fixed pure-Python loop (best of three)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(CALIBRATION_LOOP):
            total += i * i % 7
        best = min(best, time.perf_counter() - started)
    assert total > 0
    return best


def last_json(output: str, name: str) -> dict[str, object] | None:
    for line in reversed(output.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(data, dict) and data.get("bench") == name:
                return data
    return None


def _value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def rows_for(bench: Bench, data: dict[str, object] | None, code: int) -> list[tuple[str, str, str, str, str]]:
    if data is None:
        return [(bench.name, f"(no JSON line; exit {code}: see its log)", "", "", "")]
    figures = FIGURES.get(bench.name) or tuple(Figure(k, k) for k in data if k != "bench")
    rows = []
    for figure in figures:
        if figure.key not in data:
            continue
        reference = _value(data[figure.reference]) if figure.reference and figure.reference in data else ""
        rows.append((bench.name, figure.label, _value(data[figure.key]), figure.target, reference))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="benchmark names to run (default: all)")
    parser.add_argument("--logs", type=Path, default=ROOT / "var" / "bench-logs")
    args = parser.parse_args()
    args.logs.mkdir(parents=True, exist_ok=True)
    calibration = calibrate()
    print(f"calibration: {CALIBRATION_LOOP:,}-step pure-Python loop {calibration:.3f} s (best of 3); "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    rows: list[tuple[str, str, str, str, str]] = []
    for bench in BENCHES:
        if args.only and bench.name not in args.only:
            continue
        print(f"== {bench.script} {' '.join(bench.args)} (log: {args.logs / (bench.name + '.log')})", flush=True)
        done = subprocess.run([sys.executable, str(ROOT / bench.script), *bench.args], cwd=ROOT, capture_output=True,
                              text=True, check=False)
        (args.logs / f"{bench.name}.log").write_text(done.stdout + done.stderr, encoding="utf-8")
        rows += rows_for(bench, last_json(done.stdout, bench.name), done.returncode)
    header = ("bench", "figure", "value", "target", "reference")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    print(f"\ncalibration loop: {calibration:.3f} s; load average now {os.getloadavg()[0]:.2f}")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
