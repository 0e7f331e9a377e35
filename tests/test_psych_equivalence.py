"""With ``min_answered: 0``, principle means equal R psych's
``scoreItems(keys, items, totals=FALSE, impute="none", min=1, max=5)``.

R is not available on these machines, so the reference below transcribes psych's own scoring
code for that case (psych/R/scoreFast.r, ``smallFunction``)::

    neg.item <- max + min - neg.item
    scores <- rowMeans(cbind(pos.item, neg.item), na.rm=TRUE)

as a plain per-respondent Python loop: a different code path from tila's matrix products. psych
takes min and max from the data unless given, so the R call passes min=1, max=5; psych also drops
items with no variance (delete=TRUE), so the generated data gives every item some variance.
Items with weights have no psych equivalent and are left out here.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tila.questionnaire.model import Questionnaire
from tila.responses.table import ResponseTable
from tila.scoring.engine import score


def psych_score_items(keys: dict[str, list[int]], items: list[list[float]]) -> dict[str, list]:
    """psych's scoreItems(..., totals=FALSE, impute="none", min=1, max=5), transcribed."""
    lo, hi = 1, 5
    out = {}
    for scale, key in keys.items():
        scores = []
        for row in items:
            values = [(hi + lo - x) if k < 0 else x
                      for x, k in zip(row, key, strict=True) if k != 0 and not math.isnan(x)]
            scores.append(sum(values) / len(values) if values else math.nan)
        out[scale] = scores
    return out


def _questionnaire(reverse: list[bool]) -> Questionnaire:
    principles = ["safety", "trustworthiness", "cultural"]
    items = [{"id": f"i{j}", "text": f"Item {j}", "principle": principles[j % 3],
              "domain": "policy", "scale": "s", "reverse": rev} for j, rev in enumerate(reverse)]
    return Questionnaire.model_validate({
        "id": "eq", "version": "1", "title": "t",
        "scales": {"s": {"points": [{"value": v, "label": str(v)} for v in range(1, 6)]}},
        "items": items,
        "scoring": {"min_answered": 0, "bands": [{"id": "b", "label": "B", "min": 0,
                                                  "max": 100}]},
    })


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_principle_means_equal_psych_score_items(data):
    k = data.draw(st.integers(6, 12))
    n = data.draw(st.integers(3, 40))
    reverse = data.draw(st.lists(st.booleans(), min_size=k, max_size=k))
    cells = st.one_of(st.integers(1, 5).map(float), st.just(math.nan))
    rows = data.draw(st.lists(st.lists(cells, min_size=k, max_size=k), min_size=n, max_size=n))
    # psych deletes items without variance; make every item vary.
    rows[0] = [1.0] * k
    rows[1] = [5.0] * k
    q = _questionnaire(reverse)
    values = np.array(rows)
    table = ResponseTable.build(item_ids=q.item_ids, values=values,
                                status=np.where(np.isnan(values), 1, 0).astype(np.int8),
                                respondent_ids=np.array([f"r{i}" for i in range(n)], dtype=object))
    result = score(q, table, per_respondent=True)
    keys = {p: [(-1 if it.reverse else 1) if it.primary_principle == p else 0 for it in q.items]
            for p in ("safety", "trustworthiness", "cultural")}
    expected = psych_score_items(keys, rows)
    pr = result.per_respondent
    overall_answered = ~np.isnan(values).all(axis=1)
    for p, scores in expected.items():
        got = pr.principle_means[:, pr.principle_ids.index(p)]
        want = np.array(scores)
        # tila excludes a respondent with no answer at all; psych gives NaN there too.
        want[~overall_answered] = np.nan
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12, equal_nan=True)
