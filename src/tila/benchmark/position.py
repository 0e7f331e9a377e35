"""Where an organization falls in a benchmark: the share of the benchmark's organizations that
scored lower, read off the stored quantiles, for the score and for both ends of its interval.

Between two stored quantiles the share is interpolated linearly. Below the lowest stored
quantile (or above the highest) the benchmark cannot say more than "in the lowest (highest)
slice", so the share is given as that range, never as a made-up exact figure.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tila.benchmark.build import FORMAT, BenchmarkError
from tila.errors import Location, Problem

if TYPE_CHECKING:
    from tila.scoring.result import ScoreResult

MAX_BENCHMARK_BYTES = 5_000_000


@dataclass(frozen=True)
class Share:
    """The share of organizations scoring lower, as a range (equal ends when interpolated)."""

    low: float  # 0..1
    high: float

    @property
    def exact(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Position:
    id: str  # principle id or "overall"
    title: str
    score: float
    organizations: int
    share: Share
    interval: tuple[Share, Share] | None  # shares at the interval's two ends


@dataclass(frozen=True)
class Benchmark:
    description: str
    synthetic: bool
    questionnaire: str
    version: str
    organizations: int
    date_from: str
    date_to: str
    scores: dict[str, Any]  # target id -> {"title", "organizations", "quantiles"}


def share(score: float, grid: list[tuple[float, float]]) -> Share:
    """The share of organizations below ``score`` given quantiles ``(p, value)``."""
    if score < grid[0][1]:
        return Share(0.0, grid[0][0])
    if score > grid[-1][1]:
        return Share(grid[-1][0], 1.0)
    for (p0, v0), (p1, v1) in itertools.pairwise(grid):
        if v0 <= score <= v1:
            s = p0 if v1 == v0 else p0 + (p1 - p0) * (score - v0) / (v1 - v0)
            return Share(s, s)
    return Share(grid[-1][0], grid[-1][0])  # score equals the last quantile (one-point grid)


def positions(result: ScoreResult, bench: Benchmark) -> tuple[Position, ...]:
    out = []
    targets = [*result.principles.items(), ("overall", result.overall)]
    for tid, s in targets:
        stored = bench.scores.get(tid)
        if stored is None or s.n == 0 or math.isnan(s.score):
            continue
        grid = [(float(q["p"]), float(q["score"])) for q in stored["quantiles"]]
        lo, hi = s.ci95
        ends = None if math.isnan(lo) or math.isnan(hi) else (share(lo, grid), share(hi, grid))
        out.append(Position(tid, s.title if tid != "overall" else "Overall index", s.score,
                            int(stored["organizations"]), share(s.score, grid), ends))
    return tuple(out)


def load_benchmark(path: Path, questionnaire: str, version: str) -> Benchmark:
    """The part of a benchmark file for this questionnaire version (an error if none)."""
    where = Location(file=str(path))
    try:
        if path.stat().st_size > MAX_BENCHMARK_BYTES:
            raise BenchmarkError([Problem(code="benchmark-too-large", message="the benchmark "
                                          "file is larger than 5 MB", location=where)])
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise KeyError("format")
        entry = next((e for e in data["benchmarks"] if e["questionnaire"] == questionnaire
                      and e["version"] == version), None)
        if entry is None:
            have = ", ".join(f"{e['questionnaire']} {e['version']}" for e in data["benchmarks"])
            raise BenchmarkError([Problem(
                code="benchmark-other-version",
                message=f"the benchmark holds no organizations that answered {questionnaire} "
                        f"{version} (it has: {have}); scores of other versions are not "
                        "comparable", location=where)])
        return Benchmark(description=str(data["description"]), synthetic=bool(data["synthetic"]),
                         questionnaire=questionnaire, version=version,
                         organizations=int(entry["organizations"]),
                         date_from=str(entry["dates"]["from"]),
                         date_to=str(entry["dates"]["to"]), scores=dict(entry["scores"]))
    except OSError as exc:
        raise BenchmarkError([Problem(code="unreadable", message=f"cannot read the benchmark: "
                                      f"{exc.strerror or exc}", location=where)]) from None
    except (ValueError, KeyError, TypeError, AttributeError, StopIteration):
        raise BenchmarkError([Problem(code="not-a-benchmark", message="not a benchmark made "
                                      "by 'tila benchmark build'", location=where)]) from None
