"""Every sentence the report writes is true for the data it describes (issue 14).

Each sentence template is checked over generated data sets with the shapes real organizations
produce (tests/report_datasets.py): all-high, all-low, six respondents, 35% "Don't know", and
reverse-worded statements dominating the low end. The checks recompute what a sentence claims
from the raw counts and per-person scores, independently of the report's own code.
"""

from __future__ import annotations

import math
import os
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from tests.report_datasets import DATASETS, EDGE
from tila.report.context import ReportContext
from tila.report.options import ReportOptions
from tila.report.render import build, builtin_library
from tila.scoring.result import ItemStat, ScoreResult
from tila.statistics import t_quantile

NAMES = sorted(DATASETS)
GOLDEN = Path(__file__).parent / "golden"
OPTS = ReportOptions(org="Riverbend Community Services", by=("role",))


@cache
def data(name: str) -> tuple[ScoreResult, ReportContext]:
    result = DATASETS[name]()
    return result, build(result, options=OPTS, library=builtin_library())


def paired(result: ScoreResult, pid: str) -> tuple[float, float, float]:
    rs = result.per_respondent
    p = rs.principle_scores[:, rs.principle_ids.index(pid)]
    d = (p - rs.overall_score)[np.isfinite(p) & np.isfinite(rs.overall_score)]
    half = t_quantile(0.975, d.size - 1) * d.std(ddof=1) / math.sqrt(d.size)
    return float(d.mean()), float(d.mean() - half), float(d.mean() + half)


def favourable_share(st: ItemStat) -> int:
    """Percent favourable from the raw counts: for reverse wording, the disagreeing half."""
    low, high = sum(st.counts[:2]), sum(st.counts[3:])
    fav = low if st.reverse else high
    return round(100 * fav / sum(st.counts))


def band(result: ScoreResult, x: float) -> str:
    return next(b.label for b in result.questionnaire.scoring.bands
                if b.min <= x < b.max or (b.max == 100 and x == 100))


@pytest.mark.parametrize("name", NAMES)
def test_headline_names_a_band_only_when_the_interval_lies_inside_it(name: str) -> None:
    result, ctx = data(name)
    o = result.overall
    lo_band, hi_band = band(result, o.ci95[0]), band(result, o.ci95[1])
    assert f" {o.score:.1f} out of 100" in ctx.summary.headline
    if lo_band == hi_band:
        assert ctx.summary.headline.endswith(f"in the band “{lo_band}”.")
    else:
        assert ctx.summary.headline.endswith(f"between “{lo_band}” and “{hi_band}”.")
    assert f"between {o.ci95[0]:.1f} and {o.ci95[1]:.1f}" in ctx.summary.interval


@pytest.mark.parametrize("name", NAMES)
def test_strengths_and_growth_areas_are_only_those_the_paired_interval_supports(
        name: str) -> None:
    result, ctx = data(name)
    for pid, s in result.principles.items():
        diff, lo, hi = paired(result, pid)
        listed_strength = any(x.startswith(s.title + ":") for x in ctx.summary.strengths)
        listed_growth = any(x.startswith(s.title + ":") for x in ctx.summary.growth)
        assert listed_strength == (lo > 0), (pid, lo, hi)
        assert listed_growth == (hi < 0), (pid, lo, hi)
        if lo <= 0 <= hi:
            assert s.title in ctx.summary.same
        for line in (*ctx.summary.strengths, *ctx.summary.growth):
            if line.startswith(s.title + ":"):
                assert f"{abs(diff):.1f} points {'above' if diff > 0 else 'below'}" in line
        section = next(p for p in ctx.principles if p.id == pid)
        word = "A strength" if lo > 0 else "A growth area" if hi < 0 else "About the same"
        assert section.standing.startswith(word)


@pytest.mark.parametrize("name", NAMES)
def test_a_gap_is_set_against_the_overall_score_it_was_measured_from(name: str) -> None:
    """"Safety: 53.8, 6.1 points below people's overall score" must add up for a reader: it
    does against the headline when the people scored on the principle have everyone's overall
    score; otherwise theirs is given ("... of 59.9")."""
    result, ctx = data(name)
    rs = result.per_respondent
    for pid, s in result.principles.items():
        p = rs.principle_scores[:, rs.principle_ids.index(pid)]
        both = np.isfinite(p) & np.isfinite(rs.overall_score)
        theirs = f"{rs.overall_score[both].mean():.1f}"
        lines = [*ctx.summary.strengths, *ctx.summary.growth,
                 *(f"{f.title}: {f.why}" for f in ctx.summary.focus)]
        for line in lines:
            if not line.startswith(s.title + ":"):
                continue
            if theirs == f"{result.overall.score:.1f}":
                assert "people's overall score" in line, line
                assert "overall score of" not in line, line
            else:
                assert f"people's overall score of {theirs}" in line, line
    if name == "heavy_unknown":  # the data set where "Don't know" makes them differ
        assert any("overall score of" in x for x in ctx.summary.growth)


@pytest.mark.parametrize("name", NAMES)
def test_focus_areas_are_the_growth_areas_lowest_first(name: str) -> None:
    result, ctx = data(name)
    growth = sorted((s for pid, s in result.principles.items() if paired(result, pid)[2] < 0),
                    key=lambda s: s.score)[:3]
    assert [f.title for f in ctx.summary.focus] == [s.title for s in growth]
    assert [f.title for f in ctx.plan.focus] == [s.title for s in growth]
    for line, s in zip(ctx.summary.focus, growth, strict=True):
        assert line.why.startswith(f"{s.score:.1f}, {abs(paired(result, s.id)[0]):.1f} points "
                                   "below")
        weakest = min((i for i in result.items.values() if i.principle == s.id and i.n),
                      key=lambda i: i.score)
        assert f"“{weakest.text}” ({favourable_share(weakest)}% favourable" in line.why
        assert ("worded the other way round" in line.why) == weakest.reverse
    if not growth:
        assert ctx.summary.focus_note


@pytest.mark.parametrize("name", NAMES)
def test_statement_sentences_state_the_favourable_share_and_what_people_said(
        name: str) -> None:
    result, ctx = data(name)
    for sec in ctx.principles:
        for sentence in sec.drivers:
            m = re.match(r"(Strongest|Most room to grow): “(.+?)” \(([\d.]+); (\d+)% "
                         r"favourable\)\.(?: It is worded the other way round: (\d+)% "
                         r"(agreed|disagreed) with it\.)?$", sentence)
            if m is None:
                assert "count as missing, never as a low score" in sentence
                continue
            st = next(i for i in result.items.values() if i.text == m.group(2))
            assert m.group(3) == f"{st.score:.1f}"
            assert int(m.group(4)) == favourable_share(st)
            assert bool(m.group(5)) == st.reverse
            if st.reverse:
                n = sum(st.counts)
                agree, disagree = sum(st.counts[3:]), sum(st.counts[:2])
                said = agree if m.group(6) == "agreed" else disagree
                assert int(m.group(5)) == round(100 * said / n)
                assert said == max(agree, disagree)  # the larger side is the one named
            # Only statements at least min_group_size people answered are named with shares.
            assert st.n >= result.rules.min_group_size
            scored = [result.items[i] for i in result.principles[sec.id].item_ids
                      if result.items[i].principle == sec.id
                      and result.items[i].n >= result.rules.min_group_size]
            best = max(i.score for i in scored)
            worst = min(i.score for i in scored)
            assert st.score == (best if m.group(1) == "Strongest" else worst)


@pytest.mark.parametrize("name", NAMES)
def test_statement_tables_and_bars_count_reverse_wording_the_right_way(name: str) -> None:
    result, ctx = data(name)
    for sec in ctx.principles:
        for row in sec.items:
            st = result.items[row.id]
            if not st.n:
                continue
            if st.n < result.rules.min_group_size:  # too few answers to show shares
                assert (row.score, row.favourable) == ("–", "–")
                continue
            assert row.favourable == f"{favourable_share(st)}%"
            assert row.reverse == st.reverse
        assert sec.chart is not None
        for trow in sec.chart.table.rows:
            st = next(i for i in result.items.values() if trow[0].startswith(i.text))
            unfav, neutral, fav = (int(x) for x in trow[1:4])
            low, high = sum(st.counts[:2]), sum(st.counts[3:])
            assert (unfav, neutral, fav) == ((low, st.counts[2], high) if st.reverse
                                             else (high, st.counts[2], low))[::-1]
            # Every bar is ordered weakest first by the keyed score.
        scores = [float(r[-1]) for r in sec.chart.table.rows]
        assert scores == sorted(scores)


@pytest.mark.parametrize("name", NAMES)
def test_cautions_appear_on_page_one_and_at_their_principle(name: str) -> None:
    result, ctx = data(name)
    few = result.respondents < 20
    assert any(c.startswith("Only ") for c in ctx.summary.cautions) == few
    for pid, s in result.principles.items():
        unsure = sum(v for i in result.items.values() if i.principle == pid
                     for v in i.non_scored.values())
        total = unsure + sum(i.n for i in result.items.values() if i.principle == pid)
        sec = next(p for p in ctx.principles if p.id == pid)
        heavy = [c for c in sec.cautions if "“Don't know”" in c]
        assert bool(heavy) == (unsure > 0.25 * total)
        if heavy:
            share = f"{round(100 * unsure / total)}%"
            assert heavy[0].startswith(f"{share} of the answers about {s.title}")
            assert heavy[0] in ctx.summary.cautions or any(
                f"{s.title} {share}" in c for c in ctx.summary.cautions)
        # Alpha rests on each pair of statements: shown only with 10 people behind every pair.
        assert sec.alpha == "not reported" or (s.alpha_pair_n >= 10 and len(s.item_ids) >= 3)
    lo, hi = result.overall.ci95
    assert f"within about {(hi - lo) / 2:.1f} points" in ctx.summary.sure


@pytest.mark.parametrize("name", NAMES)
def test_plan_fits_the_band_and_leaves_the_strongest_statements_alone(name: str) -> None:
    result, ctx = data(name)
    # "Sustain and share" only when the whole interval lies in the top band.
    top = result.overall.ci95[0] >= result.questionnaire.scoring.bands[-1].min
    assert (ctx.plan.title == "Sustain and share") == top
    alarm = [s.cost_of_inaction for f in ctx.plan.focus for s in f.suggestions
             if s.cost_of_inaction] + [s.cost_of_inaction for s in ctx.plan.quick_wins
                                       if s.cost_of_inaction]
    if top or result.respondents < 20:
        assert alarm == []
        assert "If nothing changes" not in str(ctx.plan)
    ranked = sorted((i for i in result.items.values() if i.n), key=lambda i: -i.score)
    strongest = {f"“{i.text}”" for i in ranked[:max(1, round(len(ranked) * 0.2))]}
    for s in [*(s for f in ctx.plan.focus for s in f.suggestions), *ctx.plan.quick_wins]:
        assert not any(t in s.answers for t in strongest), s.title
    for t in ctx.plan.targets:
        today, goal = float(t[1]), float(t[2])
        assert today < goal <= 100 or today == goal == 100


@pytest.mark.parametrize("name", NAMES)
def test_who_answered_counts_the_scored_and_the_left_out(name: str) -> None:
    result, ctx = data(name)
    assert ctx.summary.respondents.startswith(f"{result.respondents} people answered")
    left = sum(result.excluded.values())
    assert (f"{left} more response" in ctx.summary.respondents) == bool(left)
    # Page 1 and "How the scores were made" say it alike, in the right number.
    method = next(p for p in ctx.method.paragraphs if "were scored" in p)
    verb = "is left out" if left == 1 else "are left out"
    for text in (ctx.summary.respondents, method):
        assert (verb in text) == bool(left), text


def summary_text(ctx: ReportContext) -> str:
    s = ctx.summary
    lines = [s.headline, s.interval, s.respondents, s.sure, *s.cautions, *s.strengths,
             *s.growth, s.same, *(f"Focus: {f.title}: {f.why}" for f in s.focus), s.focus_note,
             f"Plan: {ctx.plan.title}: {ctx.plan.intro}",
             *(f"Plan focus: {f.title}: {', '.join(x.title for x in f.suggestions)}"
               for f in ctx.plan.focus),
             *(f"Quick win: {w.title}" for w in ctx.plan.quick_wins)]
    return "\n".join(x for x in lines if x) + "\n"


@pytest.mark.parametrize("name", EDGE)
def test_page_one_text_matches_the_golden_file(name: str) -> None:
    text = summary_text(data(name)[1])
    path = GOLDEN / f"summary-{name}.txt"
    if os.environ.get("TILA_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), \
        "page-1 text changed; if intended, rerun with TILA_UPDATE_GOLDEN=1 and review the diff"


def test_a_statement_few_people_answered_shows_no_shares(tmp_path) -> None:
    """Shares of three answers say how those three people answered: the row keeps its count,
    hides its score and shares, and no bar or sentence is drawn from it."""
    from tila import load_questionnaire, read_responses, score
    from tila.report.context import build_context
    from tila.report.options import ReportOptions

    q = load_questionnaire("tila-starter")
    rows = ["respondent_id," + ",".join(q.item_ids)]
    for i in range(12):
        cells = ["4" if (i % 3) else "2" for _ in q.item_ids]
        if i >= 3:
            cells[0] = ""  # saf1 answered by only three people
        rows.append(f"r{i}," + ",".join(cells))
    path = tmp_path / "thin.csv"
    path.write_text("\n".join(rows) + "\n")
    result = score(q, read_responses(path, q), per_respondent=True)
    assert result.items["saf1"].n == 3
    ctx = build_context(result, options=ReportOptions(org="Thin"))
    safety = next(p for p in ctx.principles if p.id == "safety")
    row = next(r for r in safety.items if r.id == "saf1")
    assert (row.score, row.favourable, row.unfavourable) == ("–", "–", "–")
    assert row.n == 3
    assert all(q.items[0].text not in d for d in safety.drivers)
    assert safety.chart is not None
    assert q.items[0].text not in str(safety.chart.shapes)


def _suggestions(ctx: ReportContext) -> list:  # type: ignore[type-arg]
    return [*(s for f in ctx.plan.focus for s in f.suggestions), *ctx.plan.quick_wins]


@pytest.mark.parametrize("name", NAMES)
def test_every_suggestion_says_which_statements_it_answers(name: str) -> None:
    """Each suggestion's line names statements of this questionnaire it answers, all of them
    real; one that names none says so and what it was chosen for instead."""
    result, ctx = data(name)
    texts = {f"“{st.text}”" for st in result.items.values()}
    for s in _suggestions(ctx):
        assert s.answers, s.title
        if s.answers.startswith("It answers "):
            quoted = re.findall(r"“[^”]*”", s.answers)
            assert quoted, s.answers
            assert set(quoted) <= texts, s.answers
        else:
            assert s.answers.startswith("It names no statement of this questionnaire; "
                                        "it is suggested for "), s.answers


@pytest.mark.parametrize("name", NAMES)
def test_a_suggestion_naming_no_statement_says_what_it_is_suggested_for(name: str) -> None:
    """A library whose suggestions name no statements (a consultant's own, say) still gets a
    true line: the principle, and for a quick win the low-rated statement it was picked for;
    the plan's introduction no longer claims every suggestion names its statements."""
    from types import SimpleNamespace

    result, _ = data(name)
    library = builtin_library()
    if library is None:
        pytest.skip("no suggestions library in this install")
    bare = SimpleNamespace(suggestions=tuple(s.model_copy(update={"items": ()})
                                             for s in library.suggestions))
    ctx = build(result, options=OPTS, library=bare)
    titles = {p.title for p in result.principles.values()}
    views = _suggestions(ctx)
    assert views
    for s in views:
        assert "It answers" not in s.answers
        assert any(f"it is suggested for {t}" in s.answers for t in titles), s.answers
    for s in ctx.plan.quick_wins:
        low = re.findall(r"“([^”]*)” is among the lowest-rated statements \(([\d.]+)\)",
                         s.answers)
        assert len(low) == 1, s.answers
        text, score = low[0]
        st = next(st for st in result.items.values() if st.text.rstrip(".") == text)
        assert f"{st.score:.1f}" == score
    if ctx.plan.focus:
        assert "or the principle it is suggested for." in ctx.plan.intro
        assert "each names the statements it answers." not in ctx.plan.intro
