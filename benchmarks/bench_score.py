"""Benchmark: score 1,000,000 respondents x 60 items from CSV, end to end.

Prints, from one run on one machine:
  - the time polars alone takes to read the file (pl.read_csv, default options);
  - the time tila takes to read, validate and score the same file (read_responses + score);
  - their ratio (target: at most 1.5) and tila's peak memory (target: under 1.5 GB).

Each measurement runs in a fresh subprocess so the file cache is warm for both and peak memory
(ru_maxrss) belongs to one job. One warm-up run of each job comes first, as for any tool run
twice: it fills the OS file cache, Python's bytecode cache (this sandbox sets
PYTHONDONTWRITEBYTECODE, which an installed package never meets: pip compiles its modules) and
tila's questionnaire cache (kept in benchmarks/.data/cache). The median of runs with that cache
switched off (TILA_NO_CACHE=1) is printed too.
Usage: python benchmarks/bench_score.py [--rows N] [--repeat R]   (R defaults to 7)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
SRC = HERE.parent / "src"
ITEMS = 60
PRINCIPLES = ["safety", "trustworthiness", "peer_support", "collaboration", "empowerment",
              "cultural"]
DOMAINS = ["governance", "policy", "environment", "engagement", "cross_sector", "services",
           "workforce", "monitoring", "financing", "evaluation"]


def questionnaire_yaml() -> str:
    lines = ["id: bench60", 'version: "1"', "title: Benchmark questionnaire", "scales:",
             "  a5:", "    points:"]
    lines += [f"      - {{value: {v}, label: 'P{v}'}}" for v in range(1, 6)]
    lines += ["    non_scored:", "      - {id: dont_know, label: Don't know}",
              "respondent_fields:", "  - {id: role, label: Role}", "items:"]
    for j in range(ITEMS):
        rev = "true" if j % 10 == 9 else "false"
        lines.append(f"  - {{id: q{j + 1:02d}, text: 'Item {j + 1}', principle: "
                     f"{PRINCIPLES[j % 6]}, domain: {DOMAINS[j % 10]}, scale: a5, "
                     f"reverse: {rev}}}")
    lines += ["scoring:", "  bands:", "    - {id: a, label: A, min: 0, max: 50}",
              "    - {id: b, label: B, min: 50, max: 100}"]
    return "\n".join(lines) + "\n"


def make_data(rows: int) -> tuple[Path, Path]:
    import numpy as np
    import polars as pl

    DATA.mkdir(exist_ok=True)
    qpath = DATA / "bench60.yaml"
    qpath.write_text(questionnaire_yaml())
    path = DATA / f"responses_{rows}x{ITEMS}.csv"
    if path.exists():
        return qpath, path
    rng = np.random.default_rng(2026)
    trait = rng.normal(3.2, 0.7, size=(rows, 1))
    values = np.clip(np.rint(trait + rng.normal(0, 0.8, size=(rows, ITEMS))), 1, 5)
    frame = pl.DataFrame({f"q{j + 1:02d}": values[:, j].astype(np.int64) for j in range(ITEMS)})
    frame = frame.with_columns(
        [pl.when(pl.lit(rng.random(rows) < 0.03)).then(None).otherwise(pl.col(c)).alias(c)
         for c in frame.columns])
    roles = np.array(["Leadership", "Direct service", "Support", "Peer staff"])
    frame = pl.concat([pl.DataFrame({"respondent_id": [f"r{i}" for i in range(rows)],
                                     "role": roles[rng.integers(0, 4, rows)]}), frame],
                      how="horizontal")
    frame.write_csv(path)
    return qpath, path


POLARS_JOB = """
import sys, time, resource, json
t = time.perf_counter()
import polars as pl
df = pl.read_csv(sys.argv[1])
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "rows": df.height,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

TILA_JOB = """
import sys, time, resource, json
t = time.perf_counter()
from tila import load_questionnaire, read_responses, score
from tila.questionnaire.cache import user_cache_dir
q = load_questionnaire(sys.argv[2], cache_dir=user_cache_dir())  # as the tila command does
result = score(q, read_responses(sys.argv[1], q), by=["role"])
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "rows": result.respondents,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(job: str, *args: str, cache: bool = True) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "TILA_CACHE_DIR": str(DATA / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not cache:
        env["TILA_NO_CACHE"] = "1"
    out = subprocess.run([sys.executable, "-c", job, *args], capture_output=True, text=True,
                         env=env, check=True)
    return json.loads(out.stdout)


def _times(runs: list[dict[str, float]]) -> str:
    return ", ".join(f"{r['seconds']:.2f}" for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7,
                        help="runs of each job, interleaved (the machine drifts: more is steadier)")
    args = parser.parse_args()
    t = time.perf_counter()
    qpath, path = make_data(args.rows)
    print(f"data: {path.name} ({path.stat().st_size / 1e6:.0f} MB, made in "
          f"{time.perf_counter() - t:.1f} s)")
    run(POLARS_JOB, str(path))  # warm-up: see the module docstring
    run(TILA_JOB, str(path), str(qpath))
    polars_runs, tila_runs, cold_runs = [], [], []
    for _ in range(args.repeat):  # interleaved so both see the same machine conditions
        polars_runs.append(run(POLARS_JOB, str(path)))
        tila_runs.append(run(TILA_JOB, str(path), str(qpath)))
        cold_runs.append(run(TILA_JOB, str(path), str(qpath), cache=False))
    best_polars = min(r["seconds"] for r in polars_runs)
    best_tila = min(r["seconds"] for r in tila_runs)
    mid_polars = statistics.median(r["seconds"] for r in polars_runs)
    mid_tila = statistics.median(r["seconds"] for r in tila_runs)
    peak = max(r["peak_mb"] for r in tila_runs)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    print(f"polars read_csv alone: best {best_polars:.2f} s, median {mid_polars:.2f} s of "
          f"{args.repeat} ({_times(polars_runs)})")
    print(f"tila read + score:     best {best_tila:.2f} s, median {mid_tila:.2f} s of "
          f"{args.repeat} ({_times(tila_runs)})")
    # Each tila run beside the polars run just before it: machine speed drifts by 20-50% over
    # a minute here, and a ratio within one pair cancels most of that drift.
    paired = statistics.median(t["seconds"] / p["seconds"]
                               for p, t in zip(polars_runs, tila_runs, strict=True))
    mid_cold = statistics.median(r["seconds"] for r in cold_runs)
    print(f"tila, no questionnaire cache: median {mid_cold:.2f} s ({_times(cold_runs)}), "
          f"{mid_cold / mid_polars:.2f}x polars")
    print(f"ratio tila / polars:   {best_tila / best_polars:.2f} best to best, "
          f"{mid_tila / mid_polars:.2f} median to median, {paired:.2f} median of paired runs "
          f"(target <= 1.5)")
    print(f"tila peak memory:      {peak:.0f} MB (target < 1536 MB)")


if __name__ == "__main__":
    main()
