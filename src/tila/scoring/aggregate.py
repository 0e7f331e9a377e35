"""Organization figures from the scoring pass: summaries, item statistics and groups."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tila.responses.table import NON_SCORED_BASE, SKIPPED
from tila.scoring.distribution import stats
from tila.scoring.reliability import NOT_FOR_GROUPS, judge
from tila.scoring.result import ItemStat, Summary
from tila.statistics import (
    Descriptives,
    Reliability,
    alpha_of_cov,
    describe,
    item_rest_of_cov,
    pairwise_cov,
    reliability_from_moments,
    with_interval,
)

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.scoring.sums import Moments, Pass
    from tila.scoring.targets import Targets

Rows = npt.NDArray[np.intp]


def reliabilities(targets: Targets, m: Moments) -> list[Reliability]:
    """Alphas per target (complete-case and pairwise, over the target's items, unweighted),
    and, for the principles, item-rest correlations from the same pairwise covariances as the
    pairwise alpha, as psych::alpha's ``r.drop``."""
    out = []
    for j in range(len(targets.ids)):
        idx = np.flatnonzero(targets.weights[:, j] > 0)
        rel = reliability_from_moments(float(m.cc_n[j]), m.cc_x[j, idx], m.cc_x2[j, idx],
                                       None, float(m.cc_t[j]), float(m.cc_t2[j]))
        cov, pair_n = pairwise_cov(m.gram, idx)
        rest = rel.item_rest  # NaN
        if cov is not None and targets.kinds[j] == "principle":
            rest = item_rest_of_cov(cov)
        out.append(replace(rel, item_rest=rest, pair_n=pair_n,
                           alpha_pairwise=None if cov is None else alpha_of_cov(cov)))
    return out


def descriptives(scored: Pass, histogram: npt.NDArray[np.int64] | None,
                 rows: Rows | None, *, threads: int | None = None) -> Descriptives:
    """n, mean, SD, median and interval per target over ``rows`` (all when None): from the
    exact distribution the pass counted (``histogram``, see Pass.histogram) where it counted
    one, else from the respondents' scores."""
    g = scored.moments.cc_n.size  # one complete-case count per target
    n = np.zeros(g, dtype=np.int64)
    mean, sd, median = (np.full(g, np.nan) for _ in range(3))
    # The pass kept scores for exactly the targets it did not count.
    others = list(scored.score_columns)
    if others:
        d = describe(scored.scores, rows, threads=threads)
        n[others], mean[others], sd[others], median[others] = d.n, d.mean, d.sd, d.median
    if scored.keys is not None:
        assert histogram is not None
        t = scored.keys.targets
        n[t], mean[t], sd[t], median[t] = stats(scored.keys, histogram)
    return with_interval(n, mean, sd, median)


def summarize(q: Questionnaire, targets: Targets, d: Descriptives,
              reliability: list[Reliability] | None = None) -> dict[str, Summary]:
    """One Summary per target from its descriptives.

    The mean on the answer scale follows from the mean 0-100 score, since a respondent's score
    is a linear function of their mean: ``mean = min + score / 100 * (max - min)``.
    """
    raw_mean = targets.scale_min + d.mean / 100.0 * (targets.scale_max - targets.scale_min)
    out = {}
    for j, tid in enumerate(targets.ids):
        n = int(d.n[j])
        band = q.band_for(float(d.mean[j]))
        idx = np.flatnonzero(targets.weights[:, j] > 0)
        rel = reliability[j] if reliability else None
        a = None if rel is None else judge(idx.size, rel.alpha_pairwise, rel.pair_n, rel.alpha,
                                           rel.n_complete)
        out[tid] = Summary(
            id=tid,
            title=targets.titles[j],
            n=n,
            mean=None if n == 0 or np.isnan(raw_mean[j]) else float(raw_mean[j]),
            score=float(d.mean[j]),
            sd=float(d.sd[j]),
            median=float(d.median[j]),
            # A t interval can run past the ends of a bounded score with few respondents;
            # the score cannot, so the interval is clipped to 0-100.
            ci95=(float(np.clip(d.ci_low[j], 0.0, 100.0)),
                  float(np.clip(d.ci_high[j], 0.0, 100.0))),
            band_id=band.id if band else None,
            band_label=band.label if band else None,
            item_ids=tuple(q.items[i].id for i in idx),
            alpha=a.shown if a else None,
            alpha_n=a.n_complete if a else 0,
            alpha_pairwise=a.pairwise if a else None,
            alpha_complete=a.complete if a else None,
            alpha_pair_n=a.pair_n if a else 0,
            alpha_withheld=a.withheld if a else NOT_FOR_GROUPS,
        )
    return out


def item_stats(q: Questionnaire, targets: Targets, m: Moments, form: str | None,
               reliability: list[Reliability]) -> dict[str, ItemStat]:
    rest = _item_rest(q, targets, reliability)
    out = {}
    for i, it in enumerate(q.items):
        scale = q.scales[it.scale]
        n = int(m.item_n[i])
        keyed_mean = m.item_sum[i] / n if n else float("nan")
        var = (m.item_sq[i] - m.item_sum[i] ** 2 / n) / (n - 1) if n > 1 else float("nan")
        raw_mean = scale.min + scale.max - keyed_mean if it.reverse else keyed_mean
        out[it.id] = ItemStat(
            id=it.id,
            text=it.text_for(form),
            principle=it.primary_principle,
            weights=it.weights,
            domain=it.domain,
            reverse=it.reverse,
            n=n,
            mean=float(raw_mean) if n else None,
            score=float((keyed_mean - scale.min) / (scale.max - scale.min) * 100.0),
            sd=float(np.sqrt(max(var, 0.0))) if n > 1 else float("nan"),
            labels=tuple(p.label for p in scale.points),
            counts=tuple(int(c) for c in m.counts[i, : len(scale.points)]),
            non_scored={o.id: int(m.status[i, NON_SCORED_BASE + k])
                        for k, o in enumerate(scale.non_scored)},
            skipped=int(m.status[i, SKIPPED]),
            item_rest=rest.get(it.id),
        )
    return out


def _item_rest(q: Questionnaire, targets: Targets,
               reliability: list[Reliability]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for j, tid in enumerate(targets.ids):
        if targets.kinds[j] != "principle":
            continue
        idx = np.flatnonzero(targets.weights[:, j] > 0)
        for pos, i in enumerate(idx):
            if q.items[i].primary_principle == tid:
                r = reliability[j].item_rest[pos]
                out[q.items[i].id] = None if np.isnan(r) else float(r)
    return out
