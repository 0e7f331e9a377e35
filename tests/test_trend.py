"""Waves over time (issue 18, part 1): known changes found, no change read as none, panels
paired, sentences true for the data, and nothing hidden made derivable across waves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from tests.report_datasets import DATASETS
from tests.wave_support import write_wave_csv
from tila.questionnaire.model import Questionnaire
from tila.questionnaire.parse import load_questionnaire
from tila.responses.table import ResponseTable
from tila.scoring.engine import score
from tila.trend.align import align, score_waves
from tila.trend.change import change
from tila.trend.serialize import trend_dict
from tila.trend.synthetic import WaveSpec, make_waves
from tila.trend.waves import Trend, Wave, build_trend
from tila.trend.words import change_sentence, line_sentences, method_sentences

Q = "tila-pulse"
LABELS = ("Spring 2025", "Autumn 2025", "Spring 2026")


def _trend(specs: list[WaveSpec], *, seed: int = 7, min_group_size: int = 5,
           by: tuple[str, ...] = ()) -> Trend:
    q = load_questionnaire(Q)
    tables = make_waves(q, specs, seed=seed)
    _, waves = score_waves([s.label for s in specs], [q] * len(specs), tables, by=by,
                           min_group_size=min_group_size)
    return build_trend(waves, min_group_size=min_group_size)


def _line(trend: Trend, pid: str):
    return next(x for x in trend.lines if x.id == pid)


def test_a_real_change_is_detected_and_said() -> None:
    trend = _trend([WaveSpec(LABELS[0], 120, {}), WaveSpec(LABELS[1], 110, {}),
                    WaveSpec(LABELS[2], 115, {"peer_support": 0.9})])
    peer = _line(trend, "peer_support")
    assert peer.since_first[-1].reliable
    assert peer.since_first[-1].diff > 10
    assert peer.since_previous[-1].verdict == "reliable improvement"
    assert any("reliable improvement" in s for s in line_sentences(peer))


def test_no_change_reads_no_reliable_change() -> None:
    q = load_questionnaire(Q)
    (table,) = make_waves(q, [WaveSpec("x", 80, {})], seed=3)
    # The same answers twice, under other ids: nothing changed, to the last decimal.
    again = ResponseTable.build(item_ids=table.item_ids, values=table.values, status=table.status,
                                respondent_ids=np.array([f"B{i}" for i in range(80)], dtype=object))
    _, waves = score_waves(list(LABELS[:2]), [q, q], [table, again])
    trend = build_trend(waves, min_group_size=5)
    for line in trend.lines:
        c = line.since_first[-1]
        assert c.diff == 0
        assert c.method == "independent"
        assert c.verdict == "no reliable change"
        assert change_sentence(c, since=LABELS[0]).endswith("no reliable change.")


def test_unchanged_principles_read_no_reliable_change_beside_a_real_one() -> None:
    trend = _trend([WaveSpec(LABELS[0], 150, {}), WaveSpec(LABELS[2], 150,
                                                           {"peer_support": 0.9})], seed=11)
    assert _line(trend, "peer_support").since_first[0].reliable
    assert _line(trend, "safety").since_first[0].verdict == "no reliable change"


def _panel_tables(q: Questionnaire, later_peer: list[int], *, newcomers: int = 0
                  ) -> tuple[ResponseTable, ResponseTable]:
    """Five people answer 3 everywhere, then again with the given peer-support answers."""
    k = len(q.item_ids)
    peer = [i for i, it in enumerate(q.items) if it.primary_principle == "peer_support"]
    a = np.full((5, k), 3.0)
    b = np.full((5 + newcomers, k), 3.0)
    for person, v in enumerate(later_peer):
        b[person, peer] = v
    ids_b = [f"P{i}" for i in range(5)] + [f"N{i}" for i in range(newcomers)]
    return (ResponseTable.build(item_ids=q.item_ids, values=a, status=np.zeros(a.shape, np.int8),
                                respondent_ids=np.array([f"P{i}" for i in range(5)], dtype=object)),
            ResponseTable.build(item_ids=q.item_ids, values=b, status=np.zeros(b.shape, np.int8),
                                respondent_ids=np.array(ids_b, dtype=object)))


def test_a_panel_uses_the_paired_t_interval() -> None:
    q = load_questionnaire(Q)
    a, b = _panel_tables(q, [3, 4, 4, 5, 5])  # scores 50 -> 50, 75, 75, 100, 100
    ra, rb = score(q, a, per_respondent=True), score(q, b, per_respondent=True)
    c = change(ra, rb, "peer_support", ("then", "now"), min_group_size=5)
    assert c.method == "paired"
    assert c.n_paired == 5
    # Differences 0, 25, 25, 50, 50: mean 30, SD sqrt(437.5); t(0.975, 4) = 2.776445 (R qt).
    half = 2.776445 * (437.5 ** 0.5) / 5 ** 0.5
    assert c.diff == pytest.approx(30.0)
    assert (c.lo, c.hi) == (pytest.approx(30 - half, abs=1e-4), pytest.approx(30 + half,
                                                                              abs=1e-4))
    assert "paired, for the 5 people scored in both waves" in change_sentence(c, since="then")
    welch = change(ra, rb, "peer_support", ("then", "now"), min_group_size=5,
                   allow_paired=False)
    assert welch.method == "independent"
    assert "separate groups" in change_sentence(welch,
                                                                                 since="then")


def test_synthetic_panel_waves_are_paired_and_the_method_is_said() -> None:
    trend = _trend([WaveSpec(LABELS[0], 100, {}, panel=80), WaveSpec(LABELS[1], 100, {},
                                                                     panel=80)])
    c = _line(trend, "overall").since_first[0]
    assert c.method == "paired"
    assert c.n_paired >= 75
    assert any("compared with themselves" in s for s in method_sentences(trend))


def test_pairing_that_would_single_out_a_newcomer_is_refused() -> None:
    """With a paired change and both waves' means published, the people outside the panel
    are recoverable by subtraction; one newcomer would be exposed, so tila does not pair."""
    q = load_questionnaire(Q)
    a, b = _panel_tables(q, [3, 4, 4, 5, 5], newcomers=1)
    b.values[5, :] = 1.0  # the newcomer's answers: what an attacker must not learn
    ra, rb = score(q, a, per_respondent=True), score(q, b, per_respondent=True)
    c = change(ra, rb, "peer_support", ("then", "now"), min_group_size=5)
    assert c.method == "independent"
    assert "singled out" in c.why
    # Had it been paired, the published figures would give the newcomer's score exactly:
    pa, pb = ra.principles["peer_support"], rb.principles["peer_support"]
    panel_now = pa.n * pa.score + 5 * 30.0  # the panel's sum now = its sum then + 5 x mean diff
    assert pb.n * pb.score - panel_now == pytest.approx(0.0)  # the newcomer's 0-100 score
    # Every change published anywhere is independent or leaves 0 or >= 5 outside the panel.
    trend = build_trend([Wave("then", ra), Wave("now", rb)], min_group_size=5)
    for line in trend.lines:
        for ch in (*line.since_first, *line.since_previous):
            if ch.method == "paired":
                for outside in (ch.n_earlier - ch.n_paired, ch.n_later - ch.n_paired):
                    assert outside == 0 or outside >= 5


def test_generated_row_ids_never_pair() -> None:
    q = load_questionnaire(Q)
    a, b = _panel_tables(q, [3, 4, 4, 5, 5])
    rows = np.array([f"row-{i + 2}" for i in range(5)], dtype=object)
    a2 = ResponseTable.build(item_ids=a.item_ids, values=a.values, status=a.status,
                             respondent_ids=rows)
    b2 = ResponseTable.build(item_ids=b.item_ids, values=b.values, status=b.status,
                             respondent_ids=rows)
    c = change(score(q, a2, per_respondent=True), score(q, b2, per_respondent=True),
               "peer_support", ("a", "b"), min_group_size=5)
    assert c.method == "independent"


def test_groups_are_suppressed_in_every_wave_and_get_no_change_when_hidden() -> None:
    trend = _trend([WaveSpec(LABELS[0], 60, {}), WaveSpec(LABELS[1], 60, {}),
                    WaveSpec(LABELS[2], 60, {})], by=("role",), seed=5)
    hidden_somewhere = set()
    for w in trend.waves:
        gb = w.result.groups["role"]
        shown = [g for g in gb.groups if not g.suppressed]
        for g in shown:
            assert g.n >= 5
        hidden = w.result.respondents - sum(g.n for g in shown) - (gb.not_stated_shown or 0)
        assert hidden == 0 or hidden >= 5  # the hidden people, together, are never fewer
        hidden_somewhere |= {(w.label, g.value) for g in gb.groups if g.suppressed}
    assert hidden_somewhere, "the data should have a small group to hide"
    for gc in trend.group_changes:
        assert (gc.earlier, gc.value) not in hidden_somewhere
        assert (gc.later, gc.value) not in hidden_somewhere


def test_waves_with_different_questionnaires_compare_on_shared_statements() -> None:
    q = load_questionnaire(Q)
    data = q.model_dump(mode="json", exclude_none=True)
    data["version"] = "2.0.0"
    data["items"] = [dict(d, text=d["text"] + " (revised)") if d["id"] == "saf04" else d
                     for d in data["items"]]
    q2 = Questionnaire.model_validate(data)
    alignment = align(["old", "new"], [q, q2])
    assert alignment.shared_only
    assert "saf04" not in alignment.items
    assert len(alignment.items) == len(q.items) - 1
    assert alignment.note is not None
    assert f"the {len(alignment.items)} of {len(q.items)} statements" in alignment.note


SENTENCE = re.compile(r"^Since (?P<since>.+?): (?P<diff>[+−]?\d+\.\d) \(95% CI "
                      r"(?P<lo>[+−]?\d+\.\d) to (?P<hi>[+−]?\d+\.\d); (?P<who>.+)\): "
                      r"(?P<verdict>.+)\.$")


def _num(text: str) -> float:
    return float(text.replace("−", "-"))


@pytest.mark.parametrize(("first", "second"), [("all_high", "all_low"), ("all_low", "all_high"),
                                          ("tiny", "heavy_unknown"),
                                          ("reverse_dominated", "heavy_unknown"),
                                          ("heavy_unknown", "heavy_unknown")])
def test_every_sentence_is_true_for_the_data(first: str, second: str) -> None:
    waves = [Wave("one", DATASETS[first]()), Wave("two", DATASETS[second]())]
    trend = build_trend(waves, min_group_size=5)
    for line in trend.lines:
        said = line_sentences(line)
        for p in line.points:
            assert f"{p.score:.1f} in {p.wave}" in said[0]
        c = line.since_first[0]
        m = SENTENCE.match(said[1])
        assert m is not None, said[1]
        lo, hi = _num(m["lo"]), _num(m["hi"])
        assert m["verdict"] == c.verdict
        if m["verdict"] == "no reliable change":
            assert lo <= 0 <= hi
        else:
            assert (lo > 0) == (m["verdict"] == "reliable improvement")
            assert (hi < 0) == (m["verdict"] == "reliable decline")
        assert lo <= _num(m["diff"]) <= hi
        if c.method == "paired":  # these data sets share ids R000...: a panel
            assert m["who"] == f"paired, for the {c.n_paired} people scored in both waves"
        else:
            assert m["who"] == "the two waves compared as separate groups"


def test_json_follows_the_score_conventions(cli, tmp_path: Path) -> None:
    q = load_questionnaire(Q)
    paths = []
    for spec, t in zip([WaveSpec(x, 40, {}) for x in LABELS],
                       make_waves(q, [WaveSpec(x, 40, {}) for x in LABELS]), strict=True):
        path = tmp_path / f"{spec.label.replace(' ', '-')}.csv"
        write_wave_csv(path, q, t)
        paths.append(path)
    run = cli("trend", *(f"--wave={lab}={p}" for lab, p in zip(LABELS, paths, strict=True)),
              "-q", Q, "--format", "json")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["schema_version"] == "1.0"
    assert doc["kind"] == "tila-trend"
    assert [w["label"] for w in doc["waves"]] == list(LABELS)
    assert doc["waves"][0]["result"]["schema_version"] == "2.0"  # tila score's own document
    peer = doc["lines"]["peer_support"]
    assert [p["wave"] for p in peer["points"]] == list(LABELS)
    assert len(peer["since_first"]) == 2
    assert len(peer["since_previous"]) == 2
    assert peer["since_first"][0]["method"] == "independent"
    table = cli("trend", *map(str, paths), "-q", Q)
    assert table.exit_code == 0
    assert "Since" in table.stdout


def test_trend_json_has_no_nan() -> None:
    trend = _trend([WaveSpec(LABELS[0], 6, {}), WaveSpec(LABELS[1], 6, {})])
    text = json.dumps(trend_dict(trend, align(list(LABELS[:2]), [load_questionnaire(Q)] * 2)),
                      allow_nan=False)
    assert "NaN" not in text


def test_a_cumulative_export_is_refused() -> None:
    """Wave 2 = wave 1's rows plus one newcomer: the difference of the totals would be the
    newcomer's answers, so the trend is refused, with the reason."""
    from tila.errors import ScoringError

    q = load_questionnaire(Q)
    (first,) = make_waves(q, [WaveSpec("a", 40, {})], seed=4)
    more = np.vstack([first.values, np.full((1, len(q.item_ids)), 1.0)])
    status = np.vstack([first.status, np.zeros((1, len(q.item_ids)), np.int8)])
    ids = np.array([*first.respondent_ids, "NEW"], dtype=object)
    second = ResponseTable.build(item_ids=q.item_ids, values=more, status=status,
                                 respondent_ids=ids)
    with pytest.raises(ScoringError) as err:
        score_waves(["a", "b"], [q, q], [first, second])
    assert err.value.codes == ("repeated-answers",)


def test_a_real_panel_is_not_mistaken_for_a_copy() -> None:
    q = load_questionnaire(Q)
    tables = make_waves(q, [WaveSpec("a", 60, {}, panel=50), WaveSpec("b", 60, {}, panel=50)])
    _, waves = score_waves(["a", "b"], [q, q], tables)
    assert len(waves) == 2


def test_report_section_has_a_chart_per_principle_and_hides_small_groups(tmp_path: Path
                                                                          ) -> None:
    from tila.report.trend_report import render_trend_report, trend_section

    specs = [WaveSpec(LABELS[0], 60, {}), WaveSpec(LABELS[1], 60, {}),
             WaveSpec(LABELS[2], 60, {"peer_support": 0.9})]
    q = load_questionnaire(Q)
    alignment, waves = score_waves(list(LABELS), [q] * 3, make_waves(q, specs, seed=5),
                                   by=("role",))
    trend = build_trend(waves, min_group_size=5)
    section = trend_section(trend, alignment)
    assert [p.chart.id for p in section.panels] == [f"trend-{p}" for p in q.principles_used()]
    (table,) = section.groups
    for row in table.rows:
        for wave, cell in zip(trend.waves, row[1:], strict=True):
            g = next(x for x in wave.result.groups["role"].groups if x.value == row[0])
            if g.suppressed:
                assert cell == "not shown"
            else:
                assert cell.endswith(f", {g.n} people")
    assert any("not shown" in row for row in table.rows)
    out = render_trend_report(trend, alignment, tmp_path / "trend.html", library=None)
    html = out.read_text(encoding="utf-8")
    assert html.count('id="fig-trend-') == len(q.principles_used())
    assert "Change over time" in html
    assert "Groups in each wave" in html


def test_cli_compares_two_questionnaire_versions_on_shared_statements(cli, tmp_path: Path
                                                                        ) -> None:
    from tila.paths import questionnaires_dir

    text = (questionnaires_dir() / "tila-pulse.yaml").read_text(encoding="utf-8")
    revised = text.replace('version: "1.0.0"', 'version: "1.1.0"').replace(
        "I can speak up in team meetings without fear of being blamed.",
        "I can raise a concern in team meetings without fear of blame.")
    assert revised != text
    (tmp_path / "pulse-1.1.yaml").write_text(revised, encoding="utf-8")
    q = load_questionnaire(Q)
    paths = []
    for k, t in enumerate(make_waves(q, [WaveSpec("a", 30, {}), WaveSpec("b", 30, {})])):
        path = tmp_path / f"w{k}.csv"
        write_wave_csv(path, q, t)
        paths.append(str(path))
    run = cli("trend", *paths, "-q", Q, "-q", str(tmp_path / "pulse-1.1.yaml"), "-f", "json")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["shared_items_only"] is True
    assert "saf04" not in doc["items"]
    assert doc["left_out"] == {"w0": ["saf04"], "w1": ["saf04"]}
    n = len(q.items)
    assert f"compared on the {n - 1} of {n} statements" in run.stderr.replace("\n", " ")
    assert doc["waves"][1]["result"]["principles"]["safety"]["items"] == ["saf06"]


def test_method_sentences_say_what_was_done() -> None:
    """'No id in both waves' only when none is; paired only with a panel; repeated ids said."""
    q = load_questionnaire(Q)
    specs = [WaveSpec("a", 50, {}), WaveSpec("b", 50, {}, panel=40), WaveSpec("c", 50, {},
                                                                              panel=40)]
    tables = make_waves(q, specs, seed=8)
    _, waves = score_waves(["a", "b", "c"], [q] * 3, tables)
    trend = build_trend(waves, min_group_size=5)
    said = dict(zip([(a, b) for a, b, _ in trend.panels], [n for *_, n in trend.panels],
                    strict=True))
    for s in method_sentences(trend):
        pair = tuple(s.split(":")[0].split(" to "))
        if "no respondent id appears in both" in s:
            assert said[pair] == 0
        if "compared with themselves" in s:
            assert said[pair] >= 5
    twice = ResponseTable.build(item_ids=tables[0].item_ids, values=tables[0].values,
                                status=tables[0].status,
                                respondent_ids=np.array(["X"] * 50, dtype=object))
    ra, rb = score(q, twice, per_respondent=True), waves[1].result
    c = change(ra, rb, "safety", ("a", "b"), min_group_size=5)
    assert c.method == "independent"
    assert "repeat within a wave" in c.why


def test_two_waves_intro_promises_only_the_change_since_the_first() -> None:
    from tila.report.trend_report import trend_section

    q = load_questionnaire(Q)
    alignment, waves = score_waves(["a", "b"], [q, q], make_waves(
        q, [WaveSpec("a", 30, {}), WaveSpec("b", 30, {})]))
    section = trend_section(build_trend(waves, min_group_size=5), alignment)
    assert "wave before the last" not in section.intro
    assert all(len(p.sentences) == 2 for p in section.panels)


def test_trend_core_does_not_import_typer_or_rich() -> None:
    import subprocess
    import sys

    code = ("import sys, tila.trend.align, tila.trend.serialize, tila.trend.words, "
            "tila.report.trend_report, tila.report.followup, tila.report.waves_demo; "
            "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))")
    src = Path(__file__).resolve().parents[1] / "src"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(src)})
    assert out.stdout.strip() == "[]"


def test_a_breakdown_missing_from_a_wave_is_refused() -> None:
    from tila.errors import ScoringError

    q = load_questionnaire(Q)
    a, b = make_waves(q, [WaveSpec("a", 30, {}), WaveSpec("b", 30, {})])
    bare = ResponseTable.build(item_ids=b.item_ids, values=b.values, status=b.status,
                               respondent_ids=b.respondent_ids)
    with pytest.raises(ScoringError) as err:
        score_waves(["a", "b"], [q, q], [a, bare], by=("role",))
    assert err.value.codes == ("wave-missing-field",)


def test_intro_counts_each_wave_as_scored() -> None:
    from tila.report.trend_report import trend_section

    trend = _trend([WaveSpec(LABELS[0], 41, {}), WaveSpec(LABELS[1], 37, {}),
                    WaveSpec(LABELS[2], 52, {})])
    intro = trend_section(trend, align(list(LABELS), [load_questionnaire(Q)] * 3)).intro
    for w in trend.waves:
        assert f"{w.label} ({w.result.respondents} people)" in intro
    assert intro.startswith("3 waves of the survey")


def _three_wave_panel(q: Questionnaire) -> list[ResponseTable]:
    """Five people (C) answer all three waves; J answers the first and the third only; five
    people answer only the first (A) and five only the third (B). Every pair of waves passes
    the one-pair check (outside its panel: none or at least 5)."""
    k = len(q.item_ids)
    rng = np.random.default_rng(18)
    layout = [["C1", "C2", "C3", "C4", "C5", "J", "A1", "A2", "A3", "A4", "A5"],
              ["C1", "C2", "C3", "C4", "C5"],
              ["C1", "C2", "C3", "C4", "C5", "J", "B1", "B2", "B3", "B4", "B5"]]
    tables = []
    for wave, ids in enumerate(layout):
        values = rng.integers(1, 6, size=(len(ids), k)).astype(np.float64)
        if "J" in ids:  # J's answers: 1 everywhere at first, 5 everywhere at the end
            values[ids.index("J"), :] = 1.0 if wave == 0 else 5.0
        tables.append(ResponseTable.build(item_ids=q.item_ids, values=values,
                                          status=np.zeros(values.shape, np.int8),
                                          respondent_ids=np.array(ids, dtype=object)))
    return tables


def _published_matrix(trend: Trend, target: str) -> tuple[np.ndarray, list[str]]:
    """Every published figure of one target as a row over (person, wave) unknowns: each
    wave's total and each paired change's sum (the attacker's view, built independently)."""
    ids_per_wave = [[str(i) for i in w.result.per_respondent.ids] for w in trend.waves]
    people = sorted({i for ids in ids_per_wave for i in ids})
    w_n = len(trend.waves)
    col = {(p, w): k * w_n + w for k, p in enumerate(people) for w in range(w_n)}
    rows = []
    for w, ids in enumerate(ids_per_wave):
        row = np.zeros(len(people) * w_n)
        for i in ids:
            row[col[(i, w)]] = 1.0
        rows.append(row)
    line = _line(trend, target)
    label = {w.label: k for k, w in enumerate(trend.waves)}
    seen = set()
    for c in (*line.since_first, *line.since_previous):
        a, b = label[c.earlier], label[c.later]
        if c.method != "paired" or (a, b) in seen:
            continue
        seen.add((a, b))
        row = np.zeros(len(people) * w_n)
        for i in set(ids_per_wave[a]) & set(ids_per_wave[b]):
            row[col[(i, b)]], row[col[(i, a)]] = 1.0, -1.0
        rows.append(row)
    return np.array(rows), people


def _isolated_sets(matrix: np.ndarray, people: list[str], waves: int, below: int
                   ) -> list[tuple[str, ...]]:
    """Sets of fewer than ``below`` people that some combination of the rows describes alone."""
    import itertools

    full = np.linalg.matrix_rank(matrix)
    out = []
    for k in range(1, below):
        for combo in itertools.combinations(range(len(people)), k):
            keep = np.ones(len(people) * waves, dtype=bool)
            for p in combo:
                keep[p * waves:(p + 1) * waves] = False
            if np.linalg.matrix_rank(matrix[:, keep]) < full:
                out.append(tuple(people[p] for p in combo))
    return out


def test_paired_changes_together_cannot_single_out_someone_who_skipped_a_wave() -> None:
    """Each pair of waves is safe to pair alone, but the three paired changes together give
    J's own change: 6 x (1->3) - 5 x (1->2) - 5 x (2->3) = J's score at 3 minus at 1."""
    q = load_questionnaire(Q)
    tables = _three_wave_panel(q)
    _, waves = score_waves(list(LABELS), [q] * 3, tables)
    r = [w.result for w in waves]

    def pair(a: int, b: int):
        return change(r[a], r[b], "overall", (LABELS[a], LABELS[b]), min_group_size=5)

    d12, d23, d13 = pair(0, 1), pair(1, 2), pair(0, 2)
    assert {d12.method, d23.method, d13.method} == {"paired"}  # each pair alone: safe
    j_change = 6 * d13.diff - 5 * d12.diff - 5 * d23.diff
    assert j_change == pytest.approx(100.0)  # J went from 0 to 100: exposed by subtraction

    trend = build_trend(waves, min_group_size=5)
    methods = [c.method for c in (*_line(trend, "overall").since_first,
                                  *_line(trend, "overall").since_previous)]
    assert "paired" in methods  # the consecutive waves still pair
    for line in trend.lines:
        matrix, people = _published_matrix(trend, line.id)
        assert _isolated_sets(matrix, people, 3, 5) == []
    refused = [c for c in _line(trend, "overall").since_first if c.method == "independent"]
    assert refused
    assert "singled out" in refused[0].why


@pytest.mark.parametrize("seed", range(12))
def test_no_subtraction_across_waves_isolates_a_few_people_with_groups(seed: int) -> None:
    """Random panels over three waves (people joining, leaving, skipping a wave, changing
    role) broken down by role: every published figure on the overall index (each wave's
    total, each shown role's total in each wave, each paired change) is written as a row over
    (person, wave) unknowns, and no set of fewer than 5 people is described alone."""
    q = load_questionnaire(Q)
    rng = np.random.default_rng(seed)
    # Five people in every wave, then a few people for each other way of answering some waves.
    patterns = [(1, 1, 1)] * 5
    for pattern in [(1, 0, 0), (0, 0, 1), (1, 0, 1), (1, 1, 0), (0, 1, 1)]:
        patterns += [pattern] * int(rng.choice([0, 1, 2, 5, 6]))
    present = np.array(patterns, dtype=bool)[:22]
    people = [f"P{i}" for i in range(len(present))]
    roles = rng.choice(["Leadership", "Direct service"], size=(len(people), 3), p=[0.4, 0.6])
    tables = []
    for w in range(3):
        who = [i for i in range(len(people)) if present[i, w]]
        values = rng.integers(1, 6, size=(len(who), len(q.item_ids))).astype(np.float64)
        tables.append(ResponseTable.build(
            item_ids=q.item_ids, values=values, status=np.zeros(values.shape, np.int8),
            respondent_ids=np.array([people[i] for i in who], dtype=object),
            fields={"role": np.array([roles[i, w] for i in who], dtype=object)}))
    _, waves = score_waves(list(LABELS), [q] * 3, tables, by=("role",))
    trend = build_trend(waves, min_group_size=5)
    matrix, names = _published_matrix(trend, "overall")
    col = {(p, w): k * 3 + w for k, p in enumerate(names) for w in range(3)}
    rows = [matrix]
    for w, wave in enumerate(trend.waves):
        ids = [str(i) for i in wave.result.per_respondent.ids]
        for g in wave.result.groups["role"].groups:
            if g.suppressed or g.overall is None:
                continue
            row = np.zeros(len(names) * 3)
            for i in ids:
                if roles[people.index(i), w] == g.value:
                    row[col[(i, w)]] = 1.0
            rows.append(row[None, :])
    assert _isolated_sets(np.vstack(rows), names, 3, 5) == []
