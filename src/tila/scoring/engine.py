"""The vectorized scoring engine: answers in, per-respondent and organization scores out.

The rules are DESIGN.md's "Scoring, exactly". Every principle, domain and the overall index is a
column of one weight matrix W (items x targets), so a respondent's weighted mean for every target
is two matrix products over the answered cells: ``sum(w * value) / sum(w)``. Rows are processed
in blocks so the temporaries stay small when a million respondents are scored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tila._version import __version__
from tila.errors import Location, Problem, ScoringError
from tila.framework import domain, principle
from tila.responses.table import ResponseTable
from tila.scoring.aggregate import build_groups, item_stats, summarize
from tila.scoring.result import RespondentScores, Rules, ScoreResult

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire

BLOCK = 65_536  # rows per block: keeps each temporary near 30 MB for 60 items
_EPS = 1e-9


@dataclass(frozen=True)
class Targets:
    """What is scored: the column layout of the weight matrix."""

    ids: tuple[str, ...]
    titles: tuple[str, ...]
    kinds: tuple[str, ...]  # "principle", "domain" or "overall"
    weights: npt.NDArray[np.float64]  # (items, targets)
    scale_min: npt.NDArray[np.float64]  # per target; NaN when its items mix scales
    scale_max: npt.NDArray[np.float64]


def build_targets(q: Questionnaire) -> Targets:
    items = q.items
    ids, titles, kinds, cols = [], [], [], []
    for pid in q.principles_used():
        ids.append(pid)
        titles.append(principle(pid).title)
        kinds.append("principle")
        cols.append([it.weights.get(pid, 0.0) for it in items])
    for did in q.domains_used():
        ids.append(did)
        titles.append(domain(did).title)
        kinds.append("domain")
        cols.append([1.0 if it.domain == did else 0.0 for it in items])
    ids.append("overall")
    titles.append("Overall index")
    kinds.append("overall")
    cols.append([1.0] * len(items))
    weights = np.array(cols, dtype=np.float64).T
    lo, hi = [], []
    for j in range(weights.shape[1]):
        used = {(q.scales[it.scale].min, q.scales[it.scale].max)
                for it, w in zip(items, weights[:, j], strict=True) if w > 0}
        (a, b), = used if len(used) == 1 else {(math.nan, math.nan)}
        lo.append(a)
        hi.append(b)
    return Targets(tuple(ids), tuple(titles), tuple(kinds), weights,
                   np.array(lo), np.array(hi))


def keyed_values(q: Questionnaire, values: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Reverse-key answers: a reverse-keyed item scores ``min + max - value``."""
    lo = np.array([q.scales[it.scale].min for it in q.items])
    hi = np.array([q.scales[it.scale].max for it in q.items])
    rev = np.array([it.reverse for it in q.items])
    x = np.asarray(values, dtype=np.float64)
    return np.where(rev, lo + hi - x, x)


def respondent_scores(
    q: Questionnaire, table: ResponseTable, targets: Targets, min_answered: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Per respondent and target: 0-100 score, mean on the scale (NaN when mixed), answered."""
    lo = np.array([q.scales[it.scale].min for it in q.items])
    span = np.array([q.scales[it.scale].max - q.scales[it.scale].min for it in q.items])
    w = targets.weights
    present = (w > 0).astype(np.float64)
    needed = np.maximum(1.0, min_answered * present.sum(axis=0) - _EPS)
    n = table.n_respondents
    scores = np.empty((n, w.shape[1]))
    means = np.empty((n, w.shape[1]))
    answered = np.empty(n, dtype=np.int64)
    for start in range(0, n, BLOCK):
        block = keyed_values(q, table.values[start:start + BLOCK])
        mask = ~np.isnan(block)
        raw = np.where(mask, block, 0.0)
        unit = np.where(mask, (block - lo) / span, 0.0)
        m = mask.astype(np.float64)
        wsum = m @ w
        count = m @ present
        ok = count >= needed
        with np.errstate(invalid="ignore", divide="ignore"):
            scores[start:start + BLOCK] = np.where(ok, (unit @ w) / wsum * 100.0, np.nan)
            means[start:start + BLOCK] = np.where(ok, (raw @ w) / wsum, np.nan)
        answered[start:start + BLOCK] = mask.sum(axis=1)
    means[:, np.isnan(targets.scale_min)] = np.nan
    return scores, means, answered


def score(
    q: Questionnaire,
    table: ResponseTable,
    *,
    by: tuple[str, ...] | list[str] = (),
    min_group_size: int = 5,
    min_answered: float | None = None,
) -> ScoreResult:
    """Score every respondent and summarise the organization, optionally by respondent fields."""
    if table.item_ids != q.item_ids:
        raise ScoringError("the responses were read for a different questionnaire",
                           code="questionnaire-mismatch")
    if min_group_size < 1:
        raise ScoringError("--min-group-size must be at least 1", code="bad-min-group-size")
    threshold = q.scoring.min_answered if min_answered is None else min_answered
    _check_fields(q, table, by)
    targets = build_targets(q)
    scores, means, answered = respondent_scores(q, table, targets, threshold)
    overall = scores[:, -1]
    excluded = np.full(table.n_respondents, None, dtype=object)
    excluded[np.isnan(overall)] = "too-few-answers"
    excluded[answered == 0] = "no-answers"
    kept = np.flatnonzero(excluded == None)  # noqa: E711 (elementwise comparison)
    # An excluded respondent contributes nowhere, not even to a principle they did answer.
    scores[excluded != None] = np.nan  # noqa: E711
    means[excluded != None] = np.nan  # noqa: E711
    if kept.size == 0:
        raise ScoringError([Problem(
            code="nobody-scored",
            message=f"no respondent answered enough items to be scored "
                    f"(at least {threshold:.0%} of the items are needed)",
            hint="check that the file holds answers for this questionnaire",
            location=Location(file=table.sources[0].path if table.sources else None))])
    summaries = summarize(q, targets, scores[kept], means[kept], table, kept, with_alpha=True)
    reasons: dict[str, int] = {}
    for reason in excluded[excluded != None]:  # noqa: E711
        reasons[str(reason)] = reasons.get(str(reason), 0) + 1
    warnings: list[Problem] = []
    if kept.size < min_group_size:
        warnings.append(Problem(
            code="few-respondents", severity="warning",
            message=f"only {kept.size} respondents were scored: with fewer than "
                    f"{min_group_size}, results may identify individuals",
            hint="share these results with care"))
    p_ids = [i for i, k in zip(targets.ids, targets.kinds, strict=True) if k == "principle"]
    d_ids = [i for i, k in zip(targets.ids, targets.kinds, strict=True) if k == "domain"]
    npr = len(p_ids)
    return ScoreResult(
        questionnaire=q,
        rules=Rules(min_answered=threshold, min_group_size=min_group_size),
        tila_version=__version__,
        respondents=int(kept.size),
        excluded=reasons,
        principles={pid: summaries[pid] for pid in p_ids},
        domains={did: summaries[did] for did in d_ids},
        overall=summaries["overall"],
        items=item_stats(q, table, kept),
        groups=build_groups(q, targets, scores, means, table, kept, tuple(by), min_group_size),
        per_respondent=RespondentScores(
            ids=table.respondent_ids,
            principle_ids=tuple(p_ids),
            domain_ids=tuple(d_ids),
            principle_scores=scores[:, :npr],
            principle_means=means[:, :npr],
            domain_scores=scores[:, npr:-1],
            domain_means=means[:, npr:-1],
            overall_score=scores[:, -1],
            overall_mean=means[:, -1],
            answered=answered,
            excluded=excluded,
        ),
        warnings=tuple(warnings),
        form=table.form,
    )


def _check_fields(q: Questionnaire, table: ResponseTable, by: tuple[str, ...] | list[str]) -> None:
    known = [f.id for f in q.respondent_fields]
    problems = []
    for f in by:
        if f not in known:
            problems.append(Problem(
                code="unknown-field", message=f"'{f}' is not a respondent field of "
                f"{q.id}", hint="fields you can group by: " + (", ".join(known) or "none")))
        elif f not in table.fields:
            problems.append(Problem(
                code="field-not-in-data", message=f"the responses have no '{f}' column",
                hint="add the column, or group by another field"))
    if problems:
        raise ScoringError(problems)
