"""Cover and words of the report (issue 14): kicker, possessives, period, version, bands, the
95% interval, references, running header, comments masked with a notice, --no-comments."""

from __future__ import annotations

import dataclasses
import datetime as dt

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
        "95% CI of the gap −29.0 to −14.0).",
        "Peer Support: staff rate it 12.0 points higher than leaders (7 leaders, 40 staff "
        "members; 95% CI of the gap +4.0 to +20.0).")
    one = self_gap_section((up,), 40, 1).sentences
    assert one == ("Safety: the self-rating rates it 21.5 points higher than staff (1 "
                   "self-rating, 40 staff ratings).",)
