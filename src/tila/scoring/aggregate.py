"""Organization figures from per-respondent scores: summaries, item statistics and groups."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tila.responses.table import ANSWERED, NON_SCORED_BASE, SKIPPED, ResponseTable
from tila.scoring.result import GroupBreakdown, GroupSummary, ItemStat, Summary
from tila.statistics import cronbach, describe, suppress_small_groups

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.scoring.engine import Targets

Rows = npt.NDArray[np.intp]


def _f(x: float) -> float:
    return float(x)


def summarize(
    q: Questionnaire,
    targets: Targets,
    scores: npt.NDArray[np.float64],
    means: npt.NDArray[np.float64],
    table: ResponseTable,
    rows: Rows,
    *,
    with_alpha: bool,
) -> dict[str, Summary]:
    """One Summary per target over the given respondents (``scores`` already holds only them)."""
    from tila.scoring.engine import keyed_values

    d = describe(scores)
    raw_mean = describe(means).mean
    keyed = keyed_values(q, table.values[rows]) if with_alpha else None
    out = {}
    for j, tid in enumerate(targets.ids):
        item_idx = np.flatnonzero(targets.weights[:, j] > 0)
        alpha, alpha_n = None, 0
        if keyed is not None:
            rel = cronbach(keyed[:, item_idx])
            alpha, alpha_n = rel.alpha, rel.n_complete
        band = q.band_for(_f(d.mean[j]))
        n = int(d.n[j])
        out[tid] = Summary(
            id=tid,
            title=targets.titles[j],
            n=n,
            mean=None if n == 0 or np.isnan(raw_mean[j]) else _f(raw_mean[j]),
            score=_f(d.mean[j]),
            sd=_f(d.sd[j]),
            median=_f(d.median[j]),
            # A t interval can run past the ends of a bounded score with few respondents;
            # the score cannot, so the interval is clipped to 0-100.
            ci95=(_f(np.clip(d.ci_low[j], 0.0, 100.0)), _f(np.clip(d.ci_high[j], 0.0, 100.0))),
            band_id=band.id if band else None,
            band_label=band.label if band else None,
            item_ids=tuple(q.items[i].id for i in item_idx),
            alpha=alpha,
            alpha_n=alpha_n,
        )
    return out


def item_stats(q: Questionnaire, table: ResponseTable, rows: Rows) -> dict[str, ItemStat]:
    """Answer distribution and item-rest correlation per item (one numpy call per item)."""
    from tila.scoring.engine import keyed_values

    values = table.values[rows]
    status = table.status[rows]
    keyed = keyed_values(q, values)
    rest = _item_rest(q, keyed)
    out = {}
    for j, it in enumerate(q.items):
        scale = q.scales[it.scale]
        col = values[:, j]
        answered = ~np.isnan(col)
        idx = np.searchsorted(np.array(scale.values), col[answered])
        counts = np.bincount(idx, minlength=len(scale.points))[: len(scale.points)]
        st = np.bincount(status[:, j].astype(np.int64),
                         minlength=NON_SCORED_BASE + len(scale.non_scored))
        n = int(answered.sum())
        kcol = keyed[answered, j]
        span = scale.max - scale.min
        out[it.id] = ItemStat(
            id=it.id,
            text=it.text_for(table.form),
            principle=it.primary_principle,
            weights=it.weights,
            domain=it.domain,
            reverse=it.reverse,
            n=n,
            mean=float(col[answered].mean()) if n else None,
            score=float((kcol.mean() - scale.min) / span * 100.0) if n else float("nan"),
            sd=float(col[answered].std(ddof=1)) if n > 1 else float("nan"),
            labels=tuple(p.label for p in scale.points),
            counts=tuple(int(c) for c in counts),
            non_scored={o.id: int(st[NON_SCORED_BASE + k]) for k, o in
                        enumerate(scale.non_scored)},
            skipped=int(st[SKIPPED]),
            item_rest=rest.get(it.id),
        )
    assert ANSWERED == 0  # status 0 is answered; bincount above relies on the layout
    return out


def _item_rest(q: Questionnaire, keyed: npt.NDArray[np.float64]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for pid in q.principles_used():
        idx = [i for i, it in enumerate(q.items) if it.weights.get(pid, 0) > 0]
        rel = cronbach(keyed[:, idx])
        for pos, i in enumerate(idx):
            if q.items[i].primary_principle == pid:
                r = rel.item_rest[pos]
                out[q.items[i].id] = None if np.isnan(r) else float(r)
    return out


def build_groups(
    q: Questionnaire,
    targets: Targets,
    scores: npt.NDArray[np.float64],
    means: npt.NDArray[np.float64],
    table: ResponseTable,
    kept: Rows,
    by: tuple[str, ...],
    min_size: int,
) -> dict[str, GroupBreakdown]:
    out = {}
    labels = {f.id: f.label for f in q.respondent_fields}
    for field in by:
        column = table.fields[field][kept]
        stated = np.array([v is not None for v in column], dtype=bool)
        values, inverse, sizes = np.unique(column[stated].astype(str), return_inverse=True,
                                           return_counts=True)
        size_of = {str(v): int(n) for v, n in zip(values, sizes, strict=True)}
        hidden = suppress_small_groups(size_of, min_size)
        stated_rows = kept[stated]
        groups = []
        for g, value in enumerate(values):
            value = str(value)
            if value in hidden:
                groups.append(GroupSummary(value=value, n=size_of[value], suppressed=True,
                                           reason=hidden[value]))
                continue
            rows = stated_rows[inverse == g]
            s = summarize(q, targets, scores[rows], means[rows], table, rows, with_alpha=False)
            groups.append(GroupSummary(
                value=value, n=size_of[value], suppressed=False,
                principles={k: v for k, v in s.items() if k in q.principles_used()},
                domains={k: v for k, v in s.items() if k in q.domains_used()},
                overall=s["overall"]))
        out[field] = GroupBreakdown(field=field, label=labels.get(field, field),
                                    min_group_size=min_size, groups=tuple(groups),
                                    not_stated=int((~stated).sum()))
    return out
