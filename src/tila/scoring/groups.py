"""Group breakdowns (``--by``) and the suppression that keeps them anonymous."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tila.scoring.aggregate import descriptives, summarize
from tila.scoring.disclosure import Figure, hide_overlaps
from tila.scoring.result import GroupBreakdown, GroupSummary, Summary
from tila.statistics import complementary, suppress_small_groups

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.scoring.sums import Pass
    from tila.scoring.targets import Targets

# Per field: group sizes, people who did not say, hidden groups, shown groups' figures, and
# per shown group the targets whose figures are hidden.
_Prepared = tuple[dict[str, int], int, dict[str, str], dict[str, dict[str, Summary]],
                  dict[str, dict[str, str]]]


def build_groups(q: Questionnaire, targets: Targets, result: Pass,
                 grouped: dict[str, tuple[npt.NDArray[np.int32], tuple[str, ...]]],
                 min_size: int, totals: Mapping[str, int],
                 scores: Callable[[], npt.NDArray[np.float64]], *,
                 threads: int | None = None) -> dict[str, GroupBreakdown]:
    """Groups of each field: ``grouped`` holds each field's group codes and values, in the
    order the pass was given them as groupings; ``totals`` the organization's n per target;
    ``scores`` every respondent's scores (asked for only with two or more fields).

    Suppression runs in steps (see docs/scoring.md, "Groups and anonymity"): on people, which
    hides whole groups; then on each principle, domain and the overall index, because a
    figure rests only on the people with a score for it: five people in a group may be two on
    one principle, and the people who did not state the field may be one there; then, with
    two or more fields, across fields (tila.scoring.disclosure).
    """
    out = {}
    labels = {f.id: f.label for f in q.respondent_fields}
    dropped = np.flatnonzero(~result.kept)  # usually few: counted once, then subtracted
    # Targets without a counted distribution are summarised from their scores, which needs
    # each group's rows; otherwise no million-row gather is made at all.
    by_scores = bool(result.score_columns)
    prepared: dict[str, _Prepared] = {}
    for f, (field, (all_codes, values)) in enumerate(grouped.items()):
        # Slot 0 counts respondents who did not state the field, slot 1 + i group i.
        slots = np.bincount(all_codes + 1, minlength=len(values) + 1)
        slots -= np.bincount(all_codes[dropped] + 1, minlength=len(values) + 1)
        size_of = {v: int(n) for v, n in zip(values, slots[1:], strict=True) if n > 0}
        unstated = int(slots[0])
        hidden = suppress_small_groups(size_of, min_size, unstated)
        figures: dict[str, dict[str, Summary]] = {}
        for value in size_of:
            if value not in hidden:
                at = values.index(value)
                rows = np.flatnonzero((all_codes == at) & result.kept) if by_scores else None
                figures[value] = summarize(q, targets,
                                           descriptives(result, result.histogram(f, at), rows,
                                                        threads=threads))
        prepared[field] = (size_of, unstated, hidden, figures,
                           _hide_thin_figures(figures, totals, min_size))
    if len(grouped) > 1:
        _hide_overlaps(targets, result, grouped, prepared, min_size, totals, scores())
    for field in grouped:
        size_of, unstated, hidden, figures, cut = prepared[field]
        groups = []
        for value in _ordered(q, field, list(size_of)):
            if value in hidden:
                groups.append(GroupSummary(value=value, n=size_of[value], suppressed=True,
                                           reason=hidden[value]))
                continue
            s = figures[value]
            groups.append(GroupSummary(
                value=value, n=size_of[value], suppressed=False,
                principles={k: v for k, v in s.items()
                            if k in q.principles_used() and k not in cut[value]},
                domains={k: v for k, v in s.items()
                         if k in q.domains_used() and k not in cut[value]},
                overall=s["overall"] if "overall" not in cut[value] else None,
                hidden_figures=cut[value]))
        pool = unstated + sum(size_of[v] for v in hidden)
        out[field] = GroupBreakdown(
            field=field, label=labels.get(field, field), min_group_size=min_size,
            groups=tuple(groups), not_stated=unstated,
            # The count of people who did not say is printed only when it cannot single out
            # a small number: it is the whole hidden pool when no group is hidden.
            not_stated_shown=unstated if unstated == 0 or unstated >= min_size or
            pool == unstated else None)
    return out


def _hide_overlaps(targets: Targets, result: Pass,
                   grouped: dict[str, tuple[npt.NDArray[np.int32], tuple[str, ...]]],
                   prepared: dict[str, _Prepared], min_size: int, totals: Mapping[str, int],
                   scores: npt.NDArray[np.float64]) -> None:
    """Hide, target by target, the figures that subtraction across fields could use to single
    out fewer than ``min_size`` people (marked "overlap", or "complementary" when a field's
    own pool rule then needs one more)."""
    fields = list(grouped)
    codes = np.stack([grouped[f][0].astype(np.int64) + 1 for f in fields])  # 0: not stated
    strides = np.cumprod([1, *(len(grouped[f][1]) + 1 for f in fields[:-1])])
    key = (codes * strides[:, None]).sum(axis=0)
    # Each kept respondent's cell, found once; per target only a count of who has a score.
    cell_keys, cell_of = np.unique(key[result.kept], return_inverse=True)
    cell_codes = {f: (cell_keys // strides[k]) % (len(grouped[f][1]) + 1) - 1
                  for k, f in enumerate(fields)}
    kept_scores = scores[result.kept]
    for j, tid in enumerate(targets.ids):
        sizes = np.bincount(cell_of.reshape(-1), weights=~np.isnan(kept_scores[:, j]),
                            minlength=cell_keys.size).astype(np.int64)
        figures = {f: [Figure(f, grouped[f][1].index(v), s[tid].n)
                       for v, s in prepared[f][3].items() if tid not in prepared[f][4][v]]
                   for f in fields}

        def pool_rule(field: str, rest: list[Figure], tid: str = tid) -> list[Figure]:
            return complementary({f: f.n for f in rest}, totals[tid] - sum(f.n for f in rest),
                                 min_size)

        for fig, why in hide_overlaps(sizes.astype(np.int64), cell_codes, figures, min_size,
                                      pool_rule):
            prepared[fig.field][4][grouped[fig.field][1][fig.group]][tid] = why


def _hide_thin_figures(figures: dict[str, dict[str, Summary]], totals: Mapping[str, int],
                       min_size: int) -> dict[str, dict[str, str]]:
    """Per shown group, the targets whose figures are hidden, with the reason.

    The same rule as for people, target by target: a group's figure resting on fewer than
    ``min_size`` people is hidden, and while the people not covered by a shown figure
    (the organization's n minus the shown groups' n) number 1 to ``min_size - 1``, the
    smallest figure still shown is hidden too.
    """
    cut: dict[str, dict[str, str]] = {g: {} for g in figures}
    for tid, total in totals.items():
        shown = {g: s[tid].n for g, s in figures.items()}
        for g, n in shown.items():
            if n < min_size:
                cut[g][tid] = "small-group"
        left = {g: n for g, n in sorted(shown.items()) if tid not in cut[g]}
        for g in complementary(left, total - sum(left.values()), min_size):
            cut[g][tid] = "complementary"
    return cut


def _ordered(q: Questionnaire, field: str, values: list[str]) -> list[str]:
    """Groups in the order the questionnaire lists the choices, others alphabetically after."""
    spec = next((f for f in q.respondent_fields if f.id == field), None)
    order = {c: i for i, c in enumerate(spec.choices or ())} if spec else {}
    return sorted(values, key=lambda v: (order.get(v, len(order)), v))
