"""Benchmarks: what is stored (quantiles only, none an organization's score), and where an
organization falls, on generated organizations whose answers are known."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tila.benchmark.build import (
    BenchmarkError,
    OrgResult,
    build,
    document,
    quantiles,
    slices_for,
)
from tila.benchmark.position import Benchmark, Share, positions, share
from tila.report.benchmark import benchmark_section, sentence

from .report_datasets import DATASETS

TITLES = {"safety": "Safety"}


def orgs(scores: list[float], *, qid: str = "tila-org", version: str = "1") -> list[OrgResult]:
    return [OrgResult(qid, version, {"safety": s, "overall": s}, TITLES,
                      dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i, s in enumerate(scores)]


def as_benchmark(doc: dict, synthetic: bool = False) -> Benchmark:
    e = doc["benchmarks"][0]
    return Benchmark(doc["description"], synthetic, e["questionnaire"], e["version"],
                     e["organizations"], e["dates"]["from"], e["dates"]["to"], e["scores"])


def numbers(obj: object) -> list[float]:
    """Every number anywhere in a JSON document."""
    if isinstance(obj, bool):
        return []
    if isinstance(obj, int | float):
        return [float(obj)]
    if isinstance(obj, dict):
        return [x for v in obj.values() for x in numbers(v)]
    if isinstance(obj, list):
        return [x for v in obj for x in numbers(v)]
    return []


@pytest.mark.parametrize(("n", "k"), [(9, 0), (10, 2), (14, 2), (15, 3), (20, 4), (25, 5),
                                      (49, 5), (50, 10), (400, 10)])
def test_quantiles_are_as_fine_as_five_organizations_per_slice_allow(n, k):
    assert slices_for(n) == k
    qs = quantiles(list(np.linspace(10, 90, n)))
    assert [p for p, _ in qs] == pytest.approx([j / k for j in range(1, k)] if k else [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 100).map(float),  # whole-point scores happen
                          st.floats(0, 100, allow_nan=False)), min_size=10, max_size=120))
def test_no_stored_quantile_equals_an_organization_score(scores):
    qs = quantiles(scores)
    values = [v for _, v in qs]
    assert not set(values) & set(scores)
    assert len(qs) == slices_for(len(scores)) - 1
    # Never the lowest or highest organization (the 0% and 100% points are not stored), and
    # each quantile stays within the scores around it.
    assert all(min(scores) - 0.2 <= v <= max(scores) + 0.2 for v in values)


def test_benchmark_file_holds_no_score_no_name_and_refuses_fewer_than_ten(tmp_path: Path):
    from tila.questionnaire.parse import load_questionnaire
    from tila.scoring.engine import score
    from tila.scoring.serialize import result_dict

    from .site_support import site_table

    q = load_questionnaire("tila-starter")
    files, exact = [], []
    for i in range(12):
        r = score(q, site_table({"North": 12 + i}, shifts={"North": (i - 6) / 8}, seed=i))
        path = tmp_path / f"Acme Clinic {i}.json"
        path.write_text(json.dumps(result_dict(r)), encoding="utf-8")
        files.append(path)
        exact += [s.score for s in (*r.principles.values(), r.overall)]
    doc, problems = build([*files, files[0]], description="twelve test agencies")
    text = json.dumps(doc)
    assert "Acme" not in text
    assert "North" not in text
    assert not set(numbers(doc)) & set(exact)
    assert [p.code for p in problems] == ["duplicate-result"]
    assert doc["benchmarks"][0]["organizations"] == 12
    with pytest.raises(BenchmarkError) as err:
        build(files[:9], description="too few")
    assert "too-few-organizations" in err.value.codes


def test_position_reads_the_share_below_with_the_interval_carried_through():
    doc, _ = document(orgs(list(np.linspace(20, 80, 41))), description="d")
    b = as_benchmark(doc)
    grid = [(q["p"], q["score"]) for q in b.scores["safety"]["quantiles"]]
    # 41 organizations evenly from 20 to 80: a score of 50 sits in the middle.
    assert share(50.0, grid).low == pytest.approx(0.5, abs=0.03)
    assert share(10.0, grid) == Share(0.0, 0.2)  # below every quantile: the lowest fifth
    assert share(95.0, grid) == Share(0.8, 1.0)


def test_sentences_are_true_for_every_generated_dataset():
    rng = np.random.default_rng(7)
    population = list(rng.normal(55, 15, 60).clip(0, 100))
    targets = ("safety", "trustworthiness", "peer_support", "collaboration", "empowerment",
               "cultural", "overall")
    doc, _ = document([OrgResult("tila-org", "x", dict.fromkeys(targets, s), {},
                                 dt.date(2026, 1, 1)) for s in population],
                      description="generated")
    for name, make in DATASETS.items():
        result = make()
        b = as_benchmark(doc)
        for p in positions(result, b):
            below = float(np.mean(np.array(population) < p.score))
            text = sentence(p)
            assert text.startswith(f"{p.title}: ")
            assert "60 organizations in this" in text
            if p.share.exact:
                # "higher than about X%": X is the share below, to the grid's precision.
                assert abs(p.share.low - below) <= 0.1, (name, text, below)
                assert f"higher than about {5 * round(20 * p.share.low)}%" in text
            elif p.share.low == 0.0:
                assert below <= p.share.high, (name, text)
                assert "in the lowest" in text
            else:
                assert below >= p.share.low, (name, text)
                assert "in the highest" in text
            if p.interval is not None:
                assert p.interval[0].low <= p.share.low <= p.share.high <= p.interval[1].high


def test_synthetic_benchmark_says_so_in_title_label_and_table_header():
    doc, _ = document(orgs(list(np.linspace(30, 70, 12))), description="demo",
                      synthetic=True)
    section = benchmark_section(DATASETS["all_low"](), as_benchmark(doc, synthetic=True))
    assert "synthetic" in section.title
    assert section.label is not None
    assert section.label.startswith("Synthetic benchmark")
    assert section.table is not None
    assert "synthetic" in section.table.header[0]
    real = benchmark_section(DATASETS["all_low"](), as_benchmark(doc))
    assert "ynthetic" not in real.title + (real.label or "") + " ".join(real.table.header)


def test_all_low_organization_is_in_the_lowest_slice_and_no_nan_reaches_a_sentence():
    doc, _ = document(orgs(list(np.linspace(40, 90, 30))), description="d")
    result = DATASETS["all_low"]()
    pos = positions(result, as_benchmark(doc))
    safety = next(p for p in pos if p.id == "safety")
    assert safety.share == Share(0.0, 0.2)
    assert "in the lowest 20% of the 30 organizations" in sentence(safety)
    assert all("nan" not in sentence(p) for p in pos)
    assert not any(math.isnan(p.score) for p in pos)
