"""Building a benchmark from ``tila score --format json`` results: quantiles only.

What is stored, per questionnaire id and version, and per principle (and the overall index):
the number of organizations and a few quantiles of their scores. Never a name (results carry
none, and file names are not read into the benchmark), never an organization's score.

The rule (docs/sites-and-benchmarks.md):

- fewer than MIN_ORGANIZATIONS organizations with a score: nothing is stored for that
  questionnaire version or principle;
- the quantile grid is the finest of deciles, quintiles, quartiles, tertiles and the median
  that keeps at least GROUP organizations between neighbouring quantiles (n >= GROUP * K for K
  slices); the lowest and highest scores (0% and 100%) are never stored;
- each quantile is the mean of the GROUP order statistics nearest its position, not one
  organization's score, rounded to one decimal; if that value still equals an organization's
  exact score, it is moved 0.1 point towards the median of all organizations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tila.errors import Location, Problem, TilaError

MIN_ORGANIZATIONS = 10
GROUP = 5  # organizations that stand behind each quantile
SLICES = (10, 5, 4, 3, 2)
FORMAT = "tila-benchmark"
FORMAT_VERSION = 1
MAX_RESULT_BYTES = 50_000_000


class BenchmarkError(TilaError):
    """A benchmark that cannot be built or read."""


@dataclass(frozen=True)
class OrgResult:
    """The aggregates of one organization that a benchmark may use (never written out)."""

    questionnaire: str
    version: str
    scores: dict[str, float]  # principle id or "overall" -> 0-100 score
    titles: dict[str, str]
    date: dt.date


def slices_for(n: int) -> int:
    """How many slices the quantiles cut n organizations into (0 when too few)."""
    if n < MIN_ORGANIZATIONS:
        return 0
    return next(k for k in SLICES if n >= GROUP * k)


def quantiles(scores: Sequence[float]) -> list[tuple[float, float]]:
    """(p, value) at p = k/K for k = 1..K-1, by the rule of this module's docstring."""
    x = np.sort(np.asarray(scores, dtype=np.float64))
    n, k = x.size, slices_for(x.size)
    if k == 0:
        return []
    middle = float(np.median(x))
    exact = set(x.tolist())
    out = []
    for j in range(1, k):
        p = j / k
        centre = p * (n - 1)
        start = int(min(max(round(centre - (GROUP - 1) / 2), 0), n - GROUP))
        value = round(float(x[start:start + GROUP].mean()), 1)
        while value in exact:  # equal to one organization's score: step towards the middle
            value = round(value + (0.1 if value < middle else -0.1), 1)
        out.append((p, value))
    return out


def read_result(path: Path) -> OrgResult:
    """One ``tila score --format json`` file's organization-level scores."""
    where = Location(file=str(path))
    try:
        if path.stat().st_size > MAX_RESULT_BYTES:
            raise BenchmarkError([Problem(code="result-too-large", message="the file is larger "
                                          "than 50 MB; a scored result is much smaller",
                                          location=where)])
        data = json.loads(path.read_text(encoding="utf-8"))
        q = data["questionnaire"]
        scores = {pid: p["score"] for pid, p in data["principles"].items()}
        scores["overall"] = data["overall"]["score"]
        titles = {pid: p["title"] for pid, p in data["principles"].items()}
        result = OrgResult(
            questionnaire=str(q["id"]), version=str(q["version"]),
            scores={k: float(v) for k, v in scores.items() if isinstance(v, int | float)
                    and math.isfinite(v)},
            titles={k: str(v) for k, v in titles.items()},
            date=dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date())
    except OSError as exc:
        raise BenchmarkError([Problem(code="unreadable", message=f"cannot read the result: "
                                      f"{exc.strerror or exc}", location=where)]) from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BenchmarkError([Problem(
            code="not-a-result", message="not a result of tila score in JSON",
            location=where, hint="score each organization to JSON (`format=json`) and build "
            "from those files")]) from None
    return result


def build(paths: Sequence[Path], *, description: str, synthetic: bool = False
          ) -> tuple[dict[str, Any], list[Problem]]:
    """The benchmark document, and warnings for what was left out."""
    results, problems, seen = [], [], set()
    for path in paths:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen:  # the same organization twice would count double
            problems.append(Problem(code="duplicate-result", severity="warning",
                                    message="the same result as an earlier file; counted once",
                                    location=Location(file=str(path))))
            continue
        seen.add(digest)
        results.append(read_result(path))
    return document(results, description=description, synthetic=synthetic, problems=problems)


def document(results: Sequence[OrgResult], *, description: str, synthetic: bool = False,
             problems: list[Problem] | None = None) -> tuple[dict[str, Any], list[Problem]]:
    problems = list(problems or [])
    by_version: dict[tuple[str, str], list[OrgResult]] = {}
    for r in results:
        by_version.setdefault((r.questionnaire, r.version), []).append(r)
    entries = []
    for (qid, version), rs in sorted(by_version.items()):
        if len(rs) < MIN_ORGANIZATIONS:
            problems.append(Problem(
                code="too-few-organizations", severity="warning",
                message=f"{qid} {version}: {len(rs)} organization(s), fewer than "
                f"{MIN_ORGANIZATIONS}; left out of the benchmark"))
            continue
        targets = {}
        for tid in dict.fromkeys(t for r in rs for t in r.scores):
            values = [r.scores[tid] for r in rs if tid in r.scores]
            qs = quantiles(values)
            if not qs:
                continue
            title = next((r.titles[tid] for r in rs if tid in r.titles), "Overall index")
            targets[tid] = {"title": title, "organizations": len(values),
                            "quantiles": [{"p": round(p, 4), "score": v} for p, v in qs]}
        dates = sorted(r.date for r in rs)
        entries.append({"questionnaire": qid, "version": version, "organizations": len(rs),
                        "dates": {"from": dates[0].isoformat(), "to": dates[-1].isoformat()},
                        "scores": targets})
    if not entries:
        raise BenchmarkError([*problems, Problem(
            code="too-few-organizations",
            message=f"a benchmark needs at least {MIN_ORGANIZATIONS} organizations' results "
                    "for one questionnaire version",
            hint="a benchmark of fewer organizations could single one of them out")])
    from tila._version import __version__

    return {"format": FORMAT, "format_version": FORMAT_VERSION, "description": description,
            "synthetic": synthetic, "tila_version": __version__,
            "date_source": "the result files' modification dates",
            "rule": RULE, "benchmarks": entries}, problems


RULE = (f"At least {MIN_ORGANIZATIONS} organizations per questionnaire version and per "
        f"principle. Quantiles only (never the lowest or highest score), as fine as keeps "
        f"{GROUP} organizations between neighbouring quantiles; each is the mean of the {GROUP} "
        "organizations nearest its position, rounded to 0.1 and never equal to one "
        "organization's score.")
