"""Summaries from the exact score distributions the pass counts (scoring/distribution.py).

They must agree with summarising the respondents' scores directly: medians to the bit, means and
SDs to rounding error, for the organization and for every group.
"""

from __future__ import annotations

import numpy as np
import pytest

from tila import read_responses, score
from tila.statistics import describe

from .test_byte_codes import random_answers


@pytest.fixture
def scored(tmp_path):
    n = 700
    q, rng, _, cells = random_answers(tmp_path, 11, n)
    cells[rng.random(cells.shape) < 0.25] = ""  # many gaps: partial scores, exclusions
    roles = rng.choice(["A", "B", "C", ""], n, p=[0.5, 0.3, 0.15, 0.05])
    lines = ["respondent_id,role," + ",".join(q.item_ids)]
    lines += [f"r{i},{roles[i]}," + ",".join(str(c) for c in cells[i]) for i in range(n)]
    path = tmp_path / "r.csv"
    path.write_text("\n".join(lines) + "\n")
    table = read_responses(path, q)
    return q, table, score(q, table, by=["role"], min_group_size=5, min_answered=0.6,
                           per_respondent=True)


def _check(summaries, scores, rows, ids):
    d = describe(scores, rows)
    for j, tid in enumerate(ids):
        s = summaries[tid]
        assert s.n == d.n[j], tid
        assert s.median == d.median[j] or (np.isnan(s.median) and np.isnan(d.median[j])), tid
        assert s.score == pytest.approx(d.mean[j], rel=1e-12, nan_ok=True), tid
        assert s.sd == pytest.approx(d.sd[j], rel=1e-12, nan_ok=True), tid
        assert s.ci95[0] == pytest.approx(max(0.0, d.ci_low[j]), rel=1e-12), tid


def test_counted_summaries_match_the_scores(scored):
    _, table, result = scored
    pr = result.per_respondent
    scores = np.column_stack([pr.principle_scores, pr.domain_scores, pr.overall_score])
    ids = [*pr.principle_ids, *pr.domain_ids, "overall"]
    kept = np.flatnonzero(pr.excluded_code == 0)
    assert 0 < kept.size < table.n_respondents, "some respondents were excluded"
    everything = {**result.principles, **result.domains, "overall": result.overall}
    _check(everything, scores, kept, ids)
    codes, values = table.group_codes("role")
    breakdown = result.groups["role"]
    shown = [g for g in breakdown.groups if not g.suppressed]
    assert len(shown) == 3
    for group in shown:
        rows = kept[codes[kept] == values.index(group.value)]
        _check({**group.principles, **group.domains, "overall": group.overall}, scores, rows,
               ids)


def test_some_targets_are_counted_and_weighted_ones_are_not(scored):
    from tila.scoring.accumulate import make_plan
    from tila.scoring.distribution import key_plan
    from tila.scoring.engine import build_targets

    q, _, _ = scored
    targets = build_targets(q)
    kp = key_plan(make_plan(q, targets, 0.5))
    assert kp is not None
    counted = {targets.ids[j] for j in kp.targets}
    # Item i05 weighs 2 on cultural (and 1 on safety), and the overall index mixes two
    # scales: those two are summarised from scores; targets of one scale and weights of 1
    # (safety included) are counted.
    assert not {"cultural", "overall"} & counted
    assert {"safety", "peer_support", "empowerment"} <= counted


def test_alpha_totals_from_the_counts_equal_totals_summed_per_respondent(scored):
    # Cronbach's alpha needs the sums of complete respondents' totals and squared totals; for
    # a counted target they come from its histogram, otherwise the pass sums them. Both ways
    # must give the same numbers, exactly, for every target.
    from tila.scoring.accumulate import run_pass
    from tila.scoring.engine import build_targets

    q, table, _ = scored
    targets = build_targets(q)
    codes, values = table.group_codes("role")
    counted = run_pass(q, table, targets, 0.6, groupings=[(codes, len(values))])
    summed = run_pass(q, table, targets, 0.6, keep_scores=True)
    assert counted.keys is not None
    assert summed.keys is None
    for name in ("cc_n", "cc_t", "cc_t2", "cc_x", "cc_x2", "gram"):
        assert np.array_equal(getattr(counted.moments, name), getattr(summed.moments, name)), \
            name
    assert counted.moments.cc_t2[counted.keys.targets].min() > 0


def test_the_scores_only_pass_gives_the_same_scores(scored):
    # --per-respondent's second pass wants only the scores: it skips the sums (the gram matrix
    # above all) and must still give every respondent exactly the scores a full pass gives.
    from tila.scoring.accumulate import run_pass
    from tila.scoring.engine import build_targets

    q, table, _ = scored
    targets = build_targets(q)
    full = run_pass(q, table, targets, 0.6, keep_scores=True)
    only = run_pass(q, table, targets, 0.6, keep_scores=True, scores_only=True)
    assert np.array_equal(full.scores, only.scores, equal_nan=True)
    assert np.array_equal(full.kept, only.kept)
    assert np.array_equal(full.answered, only.answered)
    assert not full.kept.all()
    assert np.isnan(full.scores).any()
