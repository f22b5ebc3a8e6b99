"""`make bench`: every benchmark's figures in one table, after a calibration figure of the machine.

The calibration (a fixed pure-Python loop, timed first) says how fast this machine ran Python at the time,
so that figures from two machines, or from one machine under two loads, can be put side by side. Then each
benchmark runs as its own process (output kept in ``--logs``); a benchmark that ends its output with a
JSON line ``{"bench": name, figure: value, ...}`` gives its figures to the table, beside their targets
and the reference figure of the same run (APScheduler's own lateness, datasketch, trafilatura, the naive
tagger), where the benchmark measures one. A benchmark without such a line is listed with its exit code:
its figures are in its log; so is one that failed, ran past ``--timeout`` or could not be started (the row
says which). Adding a benchmark: add it to BENCHES (with the arguments of its quick run) and, in its FIGURES,
say which of its JSON keys to show (without, every key of its line is shown).

``--quick`` runs each benchmark on a small input (its ``quick`` arguments: minutes in all, not hours), so
that the whole chain (every benchmark, its JSON line, the table) can be tried end to end; its figures are
not the benchmarks' figures (small corpora, short schedules) and the table's title says so.

    .venv/bin/python bench/summary.py                  # every benchmark in BENCHES
    .venv/bin/python bench/summary.py --quick          # every benchmark, small inputs
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
    quick: tuple[str, ...] = ()  # the arguments of a --quick run (a small input)


BENCHES = (
    Bench(
        "scheduler",
        "bench/scheduler.py",
        quick=("--sources", "100", "--interval", "10", "--duration", "40", "--no-warm-up"),
    ),
    Bench("crawl", "bench/crawl.py", quick=("--articles", "200", "--sites", "4")),
    Bench(
        "digests", "bench/digests.py", quick=("--subscribers", "200", "--articles", "5000", "--window", "500")
    ),
    Bench("dedup", "bench/dedup.py", quick=("--skip-sqlite", "--skip-postgres")),
    Bench("tagging", "bench/tagging.py", quick=("--articles", "500", "--repeat", "1")),
    Bench("extraction", "bench/extraction.py", quick=("--only", "zone-monitor", "--only", "trafilatura")),
    Bench("ingest_scale", "bench/ingest_scale.py", quick=("--sizes", "1000", "--stream", "200")),
    Bench(
        "dedup_scale",
        "bench/dedup_scale.py",
        quick=("--articles", "2000", "--real", "100", "--probes", "50"),
    ),
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
    "ingest_scale": (
        Figure("sqlite_10000_articles_per_s", "SQLite, 10k stored (articles/s)"),
        Figure("sqlite_100000_articles_per_s", "SQLite, 100k stored (articles/s)", ">= 300"),
        Figure("sqlite_100000_articles_per_cpu_s", "SQLite, 100k stored (articles per CPU-second)"),
        Figure("sqlite_100000_articles_per_db_cpu_s", "SQLite, 100k stored (articles per CPU-second, database thread)"),
        Figure("sqlite_100000_reposts_found", "SQLite, 100k stored: reposts in their original's cluster"),
        Figure("postgres_1000000_articles_per_s", "PostgreSQL, 1M stored (articles/s)", ">= 300"),
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
    "dedup": (
        Figure("f1_overall", "copy detection F1, labelled set (overall)", reference="datasketch_f1_overall"),
        Figure("exact_jaccard_f1_overall", "exact shingle-Jaccard baseline F1 (overall)"),
    ),
    "tagging": (
        Figure("articles_per_s", "tagging, one core (articles/s)", ">= 2000"),
        Figure(
            "subject_f1_heldout",
            "subject-zone F1, real held-out",
            ">= 0.95",
            reference="baseline_subject_f1_heldout",
        ),
        Figure("subject_f1_tune", "subject-zone F1, real tune", ">= 0.95"),
        Figure("any_zone_f1_heldout", "any-zone F1, real held-out", ">= 0.95"),
        Figure("people_r_heldout", "people recall, real held-out", ">= 0.85"),
        Figure("people_p_heldout", "people precision, real held-out", ">= 0.90"),
    ),
    "extraction": (
        Figure("pages_per_s", "extraction, one core (pages/s)", ">= 100"),
        Figure("body_f1_heldout", "body F1 mean, annotated held-out", ">= 0.95", reference="trafilatura_body_f1_heldout"),
        Figure("body_p10_heldout", "body F1 p10, annotated held-out", ">= 0.88", reference="trafilatura_body_p10_heldout"),
        Figure("dates_heldout", "dates, annotated held-out", ">= 0.95"),
        Figure("authors_heldout", "authors, annotated held-out", ">= 0.85"),
        Figure("datecheck_dates_heldout", "dates, date/byline check set held-out"),
        Figure("datecheck_authors_heldout", "authors found, date/byline check set held-out"),
        Figure("roundups_tune", "roundup pieces right, tune"),
        Figure("roundups_heldout", "roundup pieces right, held-out", ">= 0.90", reference="trafilatura_roundups_heldout"),
        Figure("roundups_seed", "roundup pieces right, seed", "1.0"),
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


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one benchmark's run ended: its output, and its exit code (None: it never ended or never started)."""

    output: str
    code: int | None
    problem: str | None = None  # why there is no exit code (timed out, could not be started)


def run_bench(bench: Bench, quick: bool, timeout: float | None) -> Outcome:
    command = [sys.executable, str(ROOT / bench.script), *(bench.quick if quick else bench.args)]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired as exc:  # subprocess.run has killed it
        output = b"".join(x for x in (exc.stdout, exc.stderr) if isinstance(x, bytes)).decode(
            "utf-8", "replace"
        )
        return Outcome(output, None, f"stopped after the timeout of {timeout:g} s")
    except OSError as exc:
        return Outcome("", None, f"could not be started: {exc}")
    return Outcome(done.stdout + done.stderr, done.returncode)


def rows_for(
    bench: Bench, data: dict[str, object] | None, outcome: Outcome
) -> list[tuple[str, str, str, str, str]]:
    if data is None:
        ended = outcome.problem or f"exit {outcome.code}"
        return [(bench.name, f"(no JSON line; {ended}: see its log)", "", "", "")]
    declared = tuple(f for f in FIGURES.get(bench.name, ()) if f.key in data)
    # a benchmark whose line carries none of the declared keys (renamed, or per-size keys) shows every key it has
    figures = declared or tuple(Figure(k, k) for k in data if k != "bench")
    rows = []
    if outcome.code != 0:
        rows.append(
            (
                bench.name,
                f"(printed its figures, then {outcome.problem or f'exit {outcome.code}'})",
                "",
                "",
                "",
            )
        )
    for figure in figures:
        if figure.key not in data:
            continue
        reference = _value(data[figure.reference]) if figure.reference and figure.reference in data else ""
        rows.append((bench.name, figure.label, _value(data[figure.key]), figure.target, reference))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", help="benchmark names to run (default: all)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small inputs (each benchmark's quick arguments): tries the whole chain in minutes",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="seconds one benchmark may run (default: none; with --quick 900)",
    )
    parser.add_argument("--logs", type=Path, default=ROOT / "var" / "bench-logs")
    args = parser.parse_args()
    timeout = args.timeout if args.timeout is not None else (900.0 if args.quick else None)
    args.logs.mkdir(parents=True, exist_ok=True)
    calibration = calibrate()
    print(
        f"calibration: {CALIBRATION_LOOP:,}-step pure-Python loop {calibration:.3f} s (best of 3); "
        f"load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    rows: list[tuple[str, str, str, str, str]] = []
    for bench in BENCHES:
        if args.only and bench.name not in args.only:
            continue
        arguments = " ".join(bench.quick if args.quick else bench.args)
        print(f"== {bench.script} {arguments} (log: {args.logs / (bench.name + '.log')})", flush=True)
        started = time.perf_counter()
        outcome = run_bench(bench, args.quick, timeout)
        (args.logs / f"{bench.name}.log").write_text(outcome.output, encoding="utf-8")
        print(
            f"   {time.perf_counter() - started:.0f} s, {outcome.problem or f'exit {outcome.code}'}",
            flush=True,
        )
        rows += rows_for(bench, last_json(outcome.output, bench.name), outcome)
    header = ("bench", "figure", "value", "target", "reference")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    print(
        f"\n{'QUICK RUN (small inputs: not the benchmarks figures); ' if args.quick else ''}"
        f"calibration loop: {calibration:.3f} s; load average now {os.getloadavg()[0]:.2f}"
    )
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
