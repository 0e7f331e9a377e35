"""JSON and CSV are data: every figure leaves at the library's full precision."""

from __future__ import annotations

import csv
import io
import json
import math

from tests.conftest import ROOT
from tila import load_questionnaire, read_responses, score

SAMPLE = str(ROOT / "questionnaires" / "samples" / "sample-org.csv")


def _same(a: float | None, b: float) -> bool:
    return (a is None and math.isnan(b)) or a == b


def test_json_figures_equal_the_library_to_the_last_bit(cli) -> None:
    q = load_questionnaire("tila-org")
    result = score(q, read_responses(SAMPLE, q), by=["role"], per_respondent=True)
    run = cli("score", SAMPLE, "-q", "tila-org", "--by", "role", "-f", "json")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    for pid, s in result.principles.items():
        got = doc["principles"][pid]
        assert got["score"] == s.score
        assert got["mean"] == s.mean
        assert got["sd"] == s.sd
        assert got["ci95"] == list(s.ci95)
        assert _same(got["alpha"], s.alpha if s.alpha is not None else math.nan)
    for iid, it in result.items.items():
        assert doc["items"][iid]["score"] == it.score
    staff = next(g for g in result.groups["role"].groups if g.value == "Direct service")
    assert doc["groups"]["role"]["values"]["Direct service"]["overall"]["score"] == \
        staff.overall.score
    # At least one figure has more digits than the old rounding kept.
    assert any(len(repr(s.score).split(".")[1]) > 4 for s in result.principles.values())


def test_per_respondent_csv_is_exact_and_decimals_round_on_request(cli, tmp_path) -> None:
    q = load_questionnaire("tila-org")
    result = score(q, read_responses(SAMPLE, q), per_respondent=True)
    out = tmp_path / "s.csv"
    assert cli("score", SAMPLE, "-q", "tila-org", "--per-respondent", "-o", str(out)
               ).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    pr = result.per_respondent
    col = pr.principle_ids.index("safety")
    for k, row in enumerate(rows):
        want = pr.principle_scores[k, col]
        assert (row["safety"] == "" and math.isnan(want)) or float(row["safety"]) == want
    rounded = tmp_path / "r.csv"
    assert cli("score", SAMPLE, "-q", "tila-org", "--per-respondent", "--decimals", "1",
               "-o", str(rounded)).exit_code == 0
    values = [r["overall"] for r in csv.DictReader(io.StringIO(rounded.read_text()))]
    assert all(len(v.split(".")[1]) <= 1 for v in values if "." in v)
    assert any(float(v) != float(r["overall"]) for v, r in zip(values, rows, strict=True))
