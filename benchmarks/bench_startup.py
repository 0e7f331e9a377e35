"""Benchmark: how long `tila --help` and `tila --version` take (target: under 0.25 s each).

Runs each command N times in fresh processes and prints the median and best wall time, next to
the same figure for a bare `python -c pass` measured in the same run (the floor no CLI can beat).
Usage: python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def timed(cmd: list[str], runs: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py = sys.executable
    for label, cmd in (("python -c pass", [py, "-c", "pass"]),
                       ("tila --version", [py, "-m", "tila", "--version"]),
                       ("tila --help", [py, "-m", "tila", "--help"]),
                       ("tila score --help", [py, "-m", "tila", "score", "--help"])):
        times = timed(cmd, args.runs)
        print(f"{label:20s} median {statistics.median(times):.3f} s, best {min(times):.3f} s "
              f"({args.runs} runs)")


if __name__ == "__main__":
    main()
