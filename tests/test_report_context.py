"""The report context: every number and sentence, checked against the scores it came from."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest

from tests.report_support import FakeLibrary, FakeSuggestion, make_result, make_table
from tila.errors import ReportError
from tila.framework import PRINCIPLE_IDS
from tila.questionnaire.parse import load_questionnaire
from tila.report.compare import baseline_change, leader_gap, welch
from tila.report.context import build_context
from tila.report.options import ReportOptions, report_date
from tila.scoring.engine import score
from tila.suggestions import choose

OPTS = ReportOptions(org="Riverside", by=("role",), date=dt.date(2026, 3, 1))


def test_summary_states_overall_score_band_and_strengths_before_growth_areas() -> None:
    r = make_result()
    ctx = build_context(r, options=OPTS)
    o = r.overall
    # Issue 14: the band is named only when the whole interval lies in it; strengths and growth
    # areas come from the paired interval, not from rank (tests/test_report_sentences.py).
    assert ctx.summary.headline.startswith(f"Overall, Riverside scores {o.score:.1f} out of 100")
    assert f"{o.ci95[0]:.1f} and {o.ci95[1]:.1f}" in ctx.summary.interval
    ranked = sorted(r.principles.values(), key=lambda s: -s.score)
    if ctx.summary.strengths:
        assert not ctx.summary.strengths[0].startswith(ranked[-1].title)
    assert ctx.summary.respondents == "60 people answered."
    assert ctx.meta.date == "1 March 2026"


def test_response_rate_when_invited_is_given() -> None:
    ctx = build_context(make_result(), options=ReportOptions(invited=80))
    assert ctx.summary.respondents == "60 people answered out of 80 invited (a response rate " \
        "of 75%)."
    assert ctx.cover[-1] == ctx.summary.respondents


def test_principle_sections_list_items_weakest_first_with_their_figures() -> None:
    r = make_result()
    ctx = build_context(r, options=OPTS)
    assert [p.id for p in ctx.principles] == list(PRINCIPLE_IDS)
    for sec in ctx.principles:
        s = r.principles[sec.id]
        assert sec.score == f"{s.score:.1f}"
        assert sec.n == s.n
        assert s.band_label in sec.band or sec.band.startswith("between")
        scores = [float(it.score) for it in sec.items]
        assert scores == sorted(scores)
    tru = next(p for p in ctx.principles if p.id == "trustworthiness")
    assert any(it.reverse for it in tru.items)  # tru2 is reverse-keyed and says so


def test_heatmap_cell_is_the_weighted_average_of_its_item_scores() -> None:
    r = make_result("tila-org", by=())
    ctx = build_context(r, options=OPTS)
    assert ctx.heatmap is not None
    header = ctx.heatmap.table.header  # a row per domain, a column per principle
    row = dict(zip(header, next(x for x in ctx.heatmap.table.rows if x[0] == "Workforce"),
                   strict=True))
    pairs = [(st.weights["safety"], st.score) for st in r.items.values()
             if st.domain == "workforce" and "safety" in st.weights]
    assert pairs
    expected = sum(w * v for w, v in pairs) / sum(w for w, _ in pairs)
    assert row["Safety"] == f"{expected:.1f}"
    empty = [c for x in ctx.heatmap.table.rows for c in x[1:] if c == "no items"]
    assert 0 < len(empty) < len(ctx.heatmap.table.rows) * (len(header) - 1) / 2


def test_a_heatmap_at_least_half_empty_is_left_out() -> None:
    # The starter check has 17 statements over 6 principles x 8 domains: most pairs have none.
    assert build_context(make_result(), options=OPTS).heatmap is None


def test_small_groups_are_suppressed_with_a_plain_sentence() -> None:
    q = load_questionnaire("tila-starter")
    table = make_table(n=30, roles=("Leadership", "Direct service", "Administrative or support"),
                       role_sizes=(3, 20, 7))
    r = score(q, table, by=["role"], per_respondent=True)
    ctx = build_context(r, options=OPTS)
    group = ctx.groups[0]
    rows = {row[0]: row for row in group.table.rows}
    assert rows["Leadership"][1] == "not shown"
    assert "not shown (fewer than 5)" in rows["Leadership"][2]
    # Only one group was small, so the next smallest is hidden too.
    assert rows["Administrative or support"][2] == "not shown (protects a smaller group)"
    assert rows["Direct service"][1] == "20"
    assert "fewer than 5 people are not shown" in group.notes[0]
    # A hidden leaders' group also hides the leader-versus-staff gap.
    assert ctx.gaps == ()


def test_leader_gap_recovers_the_staff_figures_exactly() -> None:
    r = make_result(n=60)
    gap = leader_gap(r, r.groups["role"])
    assert gap is not None
    assert gap.n_leaders == 20
    assert gap.n_staff == 40
    roles = make_table(n=60).fields["role"]
    col = r.per_respondent.principle_ids.index("safety")
    staff = r.per_respondent.principle_scores[roles != "Leadership", col]
    staff = staff[~np.isnan(staff)]
    row = next(d for d in gap.rows if d.id == "safety")
    assert math.isclose(row.b, staff.mean(), rel_tol=1e-9)
    lead = next(g for g in r.groups["role"].groups if g.value == "Leadership").principles
    assert lead is not None
    expected = welch(gap.n_leaders, row.a, lead["safety"].sd,
                     len(staff), staff.mean(), staff.std(ddof=1))
    assert math.isclose(row.lo, expected[1], rel_tol=1e-6)


def test_welch_interval_matches_the_t_table() -> None:
    # Equal sizes and SDs: Welch reduces to the pooled t interval with 18 df (t = 2.100922).
    diff, lo, hi = welch(10, 50.0, 10.0, 10, 60.0, 10.0)
    assert diff == 10.0
    assert math.isclose(hi - diff, 2.100922 * math.sqrt(20), rel_tol=1e-5)
    assert math.isclose(diff - lo, hi - diff)
    assert math.isnan(welch(1, 50.0, float("nan"), 10, 60.0, 10.0)[1])


def test_baseline_change_marks_no_reliable_change_when_the_interval_includes_zero() -> None:
    now, then = make_result(seed=1, shift=0.4), make_result(seed=2)
    ctx = build_context(now, options=OPTS, baseline=then)
    assert ctx.change is not None
    diffs = baseline_change(now, then)
    assert any(d.reliable for d in diffs)
    for d, sentence in zip(diffs, ctx.change.sentences, strict=True):
        verdict = "no reliable change" if not d.reliable else "reliable improvement"
        assert sentence.endswith(verdict + ".")
    assert any("rose by" in s for s in ctx.summary.changes)


def test_baseline_from_another_questionnaire_version_is_an_error() -> None:
    now = make_result()
    q = now.questionnaire.model_copy(update={"version": "0.9.0"})
    then = score(q, make_table(), by=[], per_respondent=True)
    with pytest.raises(ReportError) as err:
        build_context(now, options=OPTS, baseline=then)
    assert err.value.codes == ("baseline-version",)
    assert "0.9.0" in str(err.value)


def test_plan_names_the_score_and_items_behind_each_focus_area() -> None:
    r = make_result()
    lib = FakeLibrary(tuple(FakeSuggestion(f"{p}-{k}", f"Do {p} {k}", p, effort="low",
                                           items=(f"tila-starter:{p[:3]}1",))
                            for p in PRINCIPLE_IDS for k in range(3)))
    plan = choose(r, lib, focus=[min(r.principles.values(), key=lambda s: s.score).id])
    ctx = build_context(r, options=OPTS, plan=plan)
    first = ctx.plan.focus[0]
    weakest = min(r.principles.values(), key=lambda s: s.score)
    assert first.title == weakest.title
    assert first.reason.startswith(f"Score {weakest.score:.1f}, ")
    assert len(first.statements) == 3
    # One action row per chosen suggestion and quick win; owner and date are left blank.
    assert len(ctx.plan.action_rows) == sum(len(f.suggestions) for f in ctx.plan.focus) + \
        len(ctx.plan.quick_wins)
    assert all(row[-2:] == ("", "") for row in ctx.plan.action_rows)


def test_without_a_library_the_plan_says_so() -> None:
    ctx = build_context(make_result(), options=OPTS)
    assert ctx.plan.empty_note is not None
    assert ctx.plan.action_rows == ()


def test_missing_logo_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as err:
        build_context(make_result(), options=ReportOptions(logo=tmp_path / "nope.png"))
    assert err.value.codes == ("logo-missing",)


def test_report_date_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert report_date() == dt.date(2023, 11, 14)
    assert report_date(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)


def test_method_appendix_states_rules_versions_and_references() -> None:
    r = make_result()
    ctx = build_context(r, options=OPTS)
    text = " ".join(ctx.method.paragraphs)
    assert "tila-starter, questionnaire version 1.0.0" in text
    assert f"tila {r.tila_version}" in text
    assert "never as zero" in text
    assert "at least 50%" in text
    assert "fewer than 5" in text
    assert sum("14-4884" in ref for ref in ctx.method.references) == 1  # listed once
    assert [b[0] for b in ctx.method.bands] == ["Trauma aware", "Trauma sensitive",
                                                "Trauma responsive", "Trauma informed"]


def test_reverse_scored_drivers_say_what_people_answered():
    """Issue 14: the sentence comes from the answers, not from the statement's rank."""
    from tila.report.sections import _driver
    from tila.scoring.result import ItemStat

    st = ItemStat(id="x", text="I am expected to answer messages after hours.",
                  principle="safety", weights={"safety": 1.0}, domain="policy", reverse=True,
                  n=10, mean=2.0, score=75.0, sd=1.0, labels=("a", "b", "c", "d", "e"),
                  counts=(6, 2, 1, 1, 0), non_scored={}, skipped=0, item_rest=None)
    assert _driver("Most room to grow", st) == (
        "Most room to grow: “I am expected to answer messages after hours.” (75.0; 80% "
        "favourable). It is worded the other way round: 80% disagreed with it.")
    plain = ItemStat(**{**st.__dict__, "reverse": False})
    assert _driver("Strongest", plain) == (
        "Strongest: “I am expected to answer messages after hours.” (75.0; 10% favourable).")


def test_leader_reports_say_whose_practice_is_scored():
    from tila import load_questionnaire, read_responses, score
    from tila.paths import questionnaires_dir
    from tila.report.context import build_context
    from tila.report.options import ReportOptions
    from tila.responses.readers import ReadOptions

    q = load_questionnaire("tila-leader")
    staff = score(q, read_responses(questionnaires_dir() / "samples" / "leader-staff.csv", q,
                                    ReadOptions(form="staff")), per_respondent=True)
    ctx = build_context(staff, options=ReportOptions(org="Riverbend"))
    assert ctx.summary.headline.startswith("Overall, Riverbend's leaders, as their staff rate "
                                           "them, score ")
