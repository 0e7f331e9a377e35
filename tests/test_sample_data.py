"""The committed sample organization is reproducible and has the structure the docs claim.

Structure is computed from the CSV files themselves (read with the csv module), never taken
from the generator, so a change to the generator that breaks a claim fails here.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path
from statistics import mean

import pytest

from tila.paths import questionnaires_dir
from tila.questionnaire.model import Questionnaire
from tila.questionnaire.parse import load_questionnaire

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = questionnaires_dir() / "samples"
FILES = ("sample-org.csv", "leader-self.csv", "leader-staff.csv", "pulse-baseline.csv",
         "pulse-6months.csv")
NON_SCORED = {"Don't know", "Not applicable"}
PREFER_NOT = "Prefer not to say"


def _rows(name: str) -> list[dict[str, str]]:
    with (SAMPLES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _principle_means(q: Questionnaire, row: dict[str, str]) -> dict[str, float]:
    """Mean of the answered items of each principle (reverse items flipped), as tila scores."""
    values: dict[str, list[int]] = {}
    for it in q.items:
        cell = row[it.id]
        if cell.isdigit():
            value = 6 - int(cell) if it.reverse else int(cell)
            values.setdefault(it.primary_principle, []).append(value)
    return {p: mean(v) for p, v in values.items()}


def _org_means(q: Questionnaire, rows: list[dict[str, str]]) -> dict[str, float]:
    per_person = [_principle_means(q, r) for r in rows]
    return {p: mean(m[p] for m in per_person if p in m) for p in q.principles_used()}


def test_generator_reproduces_committed_files(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "make_sample_data.py"
    if not script.is_file():
        pytest.skip("scripts/ is not part of this installation")
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, cwd=tmp_path)
    made = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert made == sorted(FILES)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name


@pytest.mark.parametrize(("name", "qid"), [
    ("sample-org.csv", "tila-org"), ("leader-self.csv", "tila-leader"),
    ("leader-staff.csv", "tila-leader"), ("pulse-baseline.csv", "tila-pulse"),
    ("pulse-6months.csv", "tila-pulse"),
])
def test_files_are_native_csv_for_their_questionnaire(name: str, qid: str) -> None:
    q = load_questionnaire(qid)
    with (SAMPLES / name).open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    fields = [f.id for f in q.respondent_fields]
    assert header == ["respondent_id", *fields, *q.item_ids]
    rows = _rows(name)
    assert len({r["respondent_id"] for r in rows}) == len(rows)
    choices = {f.id: f.choices for f in q.respondent_fields}
    for r in rows:
        for f in fields:
            allowed = choices[f]
            assert r[f], (name, r["respondent_id"], f)
            assert allowed is None or r[f] in (*allowed, PREFER_NOT), (name, f, r[f])
        for i in q.item_ids:
            assert r[i] in {"", "1", "2", "3", "4", "5", *NON_SCORED}, (name, i, r[i])


def test_org_sample_has_the_claimed_shape() -> None:
    q = load_questionnaire("tila-org")
    rows = _rows("sample-org.csv")
    assert 170 <= len(rows) <= 190
    programs = Counter(r["program"] for r in rows if r["program"] != PREFER_NOT)
    assert len(programs) == 6
    assert sorted(programs.values())[0] == 3  # the group a report must suppress
    assert sorted(programs.values())[1] >= 20
    assert len({r["site"] for r in rows} - {PREFER_NOT}) == 3
    assert {r["role"] for r in rows} - {PREFER_NOT} == set(q.respondent_fields[0].choices or ())
    tenure = q.respondent_fields[3].choices or ()
    assert {r["tenure"] for r in rows} - {PREFER_NOT} == set(tenure)
    cells = Counter(r[i] for r in rows for i in q.item_ids)
    total = len(rows) * len(q.items)
    assert 0.02 < cells["Don't know"] / total < 0.10
    assert 0.005 < cells["Not applicable"] / total < 0.05
    assert 0.01 < cells[""] / total < 0.05


def test_org_sample_has_one_clearly_weaker_principle() -> None:
    q = load_questionnaire("tila-org")
    means = _org_means(q, _rows("sample-org.csv"))
    ranked = sorted(means, key=means.__getitem__)
    assert ranked[0] == "peer_support"
    assert means[ranked[1]] - means["peer_support"] > 0.3


def test_org_sample_principles_are_correlated() -> None:
    q = load_questionnaire("tila-org")
    per_person = [_principle_means(q, r) for r in _rows("sample-org.csv")]
    a = [m["safety"] for m in per_person if {"safety", "cultural"} <= m.keys()]
    b = [m["cultural"] for m in per_person if {"safety", "cultural"} <= m.keys()]
    ma, mb = mean(a), mean(b)
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True))
    r = cov / (sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b)) ** 0.5
    assert 0.3 < r < 0.9


def test_leaders_rate_trustworthiness_higher_than_frontline() -> None:
    q = load_questionnaire("tila-org")
    rows = _rows("sample-org.csv")

    def trust(role: str) -> float:
        scores = [_principle_means(q, r).get("trustworthiness") for r in rows if r["role"] == role]
        return mean(s for s in scores if s is not None)

    assert trust("Leadership") - trust("Direct service") > 0.4


def test_leader_ratings_match_and_most_leaders_rate_themselves_higher() -> None:
    q = load_questionnaire("tila-leader")
    own = {r["leader"]: r for r in _rows("leader-self.csv")}
    staff = _rows("leader-staff.csv")
    assert len(own) == 8
    assert 35 <= len(staff) <= 45
    raters = Counter(r["leader"] for r in staff)
    assert set(raters) == set(own)
    assert min(raters.values()) < 5 <= sorted(raters.values())[1]  # exactly one small group

    def overall(row: dict[str, str]) -> float:
        return mean(int(row[i]) for i in q.item_ids if row[i].isdigit())

    gaps = {code: overall(own[code]) - mean(overall(r) for r in staff if r["leader"] == code)
            for code in own}
    assert sum(g > 0 for g in gaps.values()) >= 6
    assert any(g < 0 for g in gaps.values())


def test_pulse_waves_show_one_real_improvement() -> None:
    q = load_questionnaire("tila-pulse")
    before = _org_means(q, _rows("pulse-baseline.csv"))
    after = _org_means(q, _rows("pulse-6months.csv"))
    change = {p: after[p] - before[p] for p in before}
    assert change["peer_support"] > 0.3
    assert {p: c for p, c in change.items() if p != "peer_support" and abs(c) >= 0.15} == {}


def test_samples_readme_says_synthetic() -> None:
    assert "synthetic" in (SAMPLES / "README.md").read_text(encoding="utf-8").lower()
