"""Cover and words of the report (issue 14): kicker, possessives, period, version, bands, the
95% interval, references, running header, comments masked with a notice, --no-comments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from tests.report_support import make_result
from tila.questionnaire.parse import load_questionnaire
from tila.report.context import build_context, kicker
from tila.report.fmt import possessive
from tila.report.html import render_html
from tila.report.options import ReportOptions
from tila.report.privacy import EMAIL_MASK, PHONE_MASK, mask

OPTS = ReportOptions(org="Riverbend Community Services", date=dt.date(2026, 3, 1))


def test_kicker_comes_from_the_questionnaire() -> None:
    assert kicker(load_questionnaire("tila-org")) == \
        "Trauma-informed organizational self-assessment"
    assert kicker(load_questionnaire("tila-pulse")) == "Trauma-informed pulse survey"
    assert kicker(load_questionnaire("tila-leader")) == "Trauma-informed leadership assessment"


def test_possessives_of_names_ending_in_s() -> None:
    assert possessive("Riverbend Community Services") == "Riverbend Community Services'"
    assert possessive("Acme") == "Acme's"


def test_page_one_states_period_version_and_who_answered() -> None:
    ctx = build_context(make_result(), options=dataclasses.replace(OPTS, period="March 2026"))
    assert "Survey period: March 2026" in ctx.cover
    assert ctx.cover[1].startswith("Questionnaire version 1.0.0")
    html = render_html(ctx)
    page_one = html.split('<section id="summary"')[1].split("</section>")[0]
    assert "Survey period: March 2026" in page_one
    assert "60 people answered" in page_one
    assert 'class="cover"' not in html  # no separate cover page by default
    with_cover = render_html(build_context(make_result(),
                                           options=dataclasses.replace(OPTS, cover=True)))
    assert 'class="cover"' in with_cover


def test_running_header_uses_a_short_name() -> None:
    long = "Riverbend Community Services for Children, Youth and Families of the Valley"
    ctx = build_context(make_result(), options=dataclasses.replace(OPTS, org=long))
    assert len(ctx.meta.short_name) <= 40
    assert ctx.meta.short_name.endswith("…")
    assert long.startswith(ctx.meta.short_name[:-1])
    ctx = build_context(make_result(), options=dataclasses.replace(OPTS, org=long,
                                                                   short_name="Riverbend"))
    assert '<span class="run-org">Riverbend</span>' in render_html(ctx, pdf=True)


def test_methods_state_band_edges_the_interval_and_references_once() -> None:
    ctx = build_context(make_result(), options=OPTS)
    assert ctx.method.bands[1] == ("Trauma sensitive", "25 up to but not including 50")
    assert ctx.method.bands[-1] == ("Trauma informed", "75 to 100 (including 75 and 100)")
    text = " ".join(ctx.method.paragraphs)
    assert "95 of 100 such intervals" in text
    assert "95% chance" not in text
    assert "paired t interval" in text  # the one rule for strengths, growth and focus areas


def test_contact_details_in_comments_are_masked() -> None:
    assert mask("Write to jo.smith@example.org or call 0161 496 0123.") == \
        f"Write to {EMAIL_MASK} or call {PHONE_MASK}."
    assert mask("+1 (555) 010-9999") == PHONE_MASK
    # Numbers that are not phone numbers stay: years, counts, room numbers.
    assert mask("In 2025 we had 12 meetings in room 101.") == \
        "In 2025 we had 12 meetings in room 101."


def test_comments_carry_a_notice_and_can_be_left_out() -> None:
    r = dataclasses.replace(make_result(), comments=("Call me on 07700 900123.", "Good team."))
    ctx = build_context(r, options=OPTS)
    assert ctx.comments == (f"Call me on {PHONE_MASK}.", "Good team.")
    html = render_html(ctx)
    assert "Read every comment before sharing" in html
    assert "07700" not in html
    quiet = build_context(r, options=dataclasses.replace(OPTS, comments=False))
    assert quiet.comments == ()
    assert quiet.comments_note is None
    assert 'id="comments"' not in render_html(quiet)


def test_withheld_reliability_gives_the_true_reason() -> None:
    """A two-statement pulse principle lacks statements, not people."""
    r = make_result("tila-pulse", by=())
    ctx = build_context(r, options=OPTS)
    for sec in ctx.principles:
        assert len(r.principles[sec.id].item_ids) < 3
        assert sec.alpha == "not reported"
        assert any("cannot be judged from only 2 statements" in c for c in sec.cautions)
    assert any("they have too few statements" in c for c in ctx.summary.cautions)


def test_gaps_read_as_sentences_in_the_right_direction() -> None:
    from tila.report.compare import Difference, LeaderGap
    from tila.report.sections import leader_gap_section, self_gap_section

    up = Difference("safety", "Safety", 80.0, 58.5, -21.5, -29.0, -14.0)  # a leaders, b staff
    down = Difference("peer_support", "Peer Support", 50.0, 62.0, 12.0, 4.0, 20.0)
    same = Difference("cultural", "Cultural", 60.0, 61.0, 1.0, -5.0, 7.0)
    gap = LeaderGap("Leadership", 7, 40, (up, down, same))
    sentences = leader_gap_section(gap).sentences
    assert sentences == (
        "Safety: leaders rate it 21.5 points higher than staff (7 leaders, 40 staff members; "
        "95% CI of the gap 14.0 to 29.0 points higher).",
        "Peer Support: staff rate it 12.0 points higher than leaders (7 leaders, 40 staff "
        "members; 95% CI of the gap 4.0 to 20.0 points higher).")
    one = self_gap_section((up,), 40, 1).sentences
    assert one == ("Safety: the self-rating rates it 21.5 points higher than staff (1 "
                   "self-rating, 40 staff ratings).",)


def test_survey_days_read_as_a_reader_writes_them() -> None:
    from tila.report.fmt import day_range

    assert day_range("2026-03-03", "2026-03-21") == "3–21 March 2026"
    assert day_range("2026-02-28", "2026-03-03") == "28 February – 3 March 2026"
    assert day_range("2025-12-28", "2026-01-03") == "28 December 2025 – 3 January 2026"
    assert day_range("2026-03-03", "2026-03-03") == "3 March 2026"


def test_only_iso_completion_dates_are_kept_and_only_as_a_range() -> None:
    from tila.responses.dates import day_span, merged

    assert day_span(["2026-03-21T10:15:00Z", None, "", "2026-03-03 08:00:00"]) == \
        ("2026-03-03", "2026-03-21")
    # A locale date cannot be read without guessing day and month: no range at all.
    assert day_span(["2026-03-03", "03/04/2026 09:12:00 AM"]) is None
    assert day_span(["2026-02-30"]) is None  # not a day
    assert day_span([None, ""]) is None
    assert merged([("2026-03-03", "2026-03-10"), ("2026-03-05", "2026-03-21")]) == \
        ("2026-03-03", "2026-03-21")
    assert merged([("2026-03-03", "2026-03-10"), None]) is None  # one file without dates


def _native_file(tmp_path: Path, days: list[str | None]) -> Path:
    """The pulse sample as tila JSON responses, with the given completion times in turn."""
    import json

    from tila.report.demo import samples_dir
    from tila.responses.readers import read_responses
    from tila.responses.write import native_jsonl

    q = load_questionnaire("tila-pulse")
    table = read_responses(samples_dir() / "pulse-baseline.csv", q)
    lines = []
    for k, line in enumerate(native_jsonl(q, table).splitlines()):
        rec = json.loads(line)
        rec["completed_at"] = days[k % len(days)]
        lines.append(json.dumps(rec))
    path = tmp_path / "answers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_page_one_gives_the_survey_days_the_responses_carry(tmp_path: Path) -> None:
    from tila.responses.readers import read_responses
    from tila.scoring.engine import score

    q = load_questionnaire("tila-pulse")
    path = _native_file(tmp_path, ["2026-03-21T16:40:00Z", "2026-03-03T08:05:00+01:00",
                                   "2026-03-10T12:00:00Z"])
    result = score(q, read_responses(path, q), per_respondent=True)
    assert result.dates == ("2026-03-03", "2026-03-21")
    ctx = build_context(result, options=OPTS)
    assert "Surveyed 3–21 March 2026" in ctx.cover
    assert "Report date: 1 March 2026" in ctx.cover
    assert "Surveyed 3–21 March 2026" in render_html(ctx)
    # The user's own words win.
    ctx = build_context(result, options=dataclasses.replace(OPTS, period="Spring 2026"))
    assert not any(line.startswith("Surveyed") for line in ctx.cover)


def test_without_readable_dates_page_one_invents_no_period(tmp_path: Path) -> None:
    from tila.responses.readers import read_responses
    from tila.scoring.engine import score

    q = load_questionnaire("tila-pulse")
    for days in ([None], ["2026-03-03T08:00:00Z", "03/21/2026"]):
        result = score(q, read_responses(_native_file(tmp_path, days), q), per_respondent=True)
        assert result.dates is None
        ctx = build_context(result, options=OPTS)
        assert not any(line.startswith(("Surveyed", "Survey period")) for line in ctx.cover)
        assert "Report date: 1 March 2026" in ctx.cover


def test_platform_exports_keep_the_days_of_the_responses_kept() -> None:
    """Qualtrics' EndDate is ISO: the range covers the six responses kept, not the preview,
    spam and unfinished rows (7-9 March); SurveyMonkey writes US-style dates, read by no one."""
    from tila.responses.readers import read_responses

    platforms = Path(__file__).parent / "data" / "platforms"
    q = load_questionnaire("tila-starter")
    qualtrics = read_responses(platforms / "qualtrics_choice_text.csv", q)
    assert [s.dates for s in qualtrics.sources] == [("2026-03-01", "2026-03-06")]
    monkey = read_responses(platforms / "surveymonkey.csv", q)
    assert [s.dates for s in monkey.sources] == [None]


def test_a_stated_difference_carries_its_interval_in_the_same_direction() -> None:
    from tila.report import fmt

    # "13.3 points below (95% CI 12.1 to 14.4 points below)", never "−14.4 to −12.1" beside
    # "below"; an interval across zero has no one direction and keeps its signs.
    assert fmt.size_interval(-14.4, -12.1) == "12.1 to 14.4 points"
    assert fmt.size_interval(2.2, 4.0) == "2.2 to 4.0 points"
    assert fmt.size_interval(-1.0, 0.5) == "−1.0 to +0.5"
    assert fmt.size_interval(None, 3.0) == fmt.MISSING
