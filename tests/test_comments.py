"""Free-text comments: shown in reports only when enough people answered, escaped, unordered."""

from __future__ import annotations

from tila import load_questionnaire, read_responses, score
from tila.report.context import build_context
from tila.report.html import render_html

from .conftest import DATA


def _table(write, n: int):
    q = load_questionnaire(DATA / "mini.yaml")
    rows = [f"R{i},A,North,{1 + i % 5},4,2,4,4,5,{'<b>Zed</b> said hi' if i == 0 else f'note {i}'}"
            for i in range(n)]
    path = write("r.csv", "respondent_id,role,site,s1,s2,s3,t1,t2,x1,comment\n"
                 + "\n".join(rows) + "\n")
    return q, read_responses(path, q)


def test_comments_are_kept_sorted_when_enough_people_answered(write):
    q, table = _table(write, 12)
    result = score(q, table, per_respondent=True)
    assert result.comments == tuple(sorted(result.comments))
    assert len(result.comments) == 12
    assert result.comments_withheld == 0


def test_comments_are_withheld_below_the_threshold(write):
    q, table = _table(write, 9)
    result = score(q, table, per_respondent=True)
    assert result.comments == ()
    assert result.comments_withheld == 9
    ctx = build_context(result)
    assert ctx.comments_note is not None
    assert "at least 10 people" in ctx.comments_note
    html = render_html(ctx)
    assert "note 3" not in html
    assert "9 comments are not shown" in html


def test_comments_are_escaped_in_the_report(write):
    q, table = _table(write, 12)
    html = render_html(build_context(score(q, table, per_respondent=True)))
    assert "&lt;b&gt;Zed&lt;/b&gt; said hi" in html
    assert "<b>Zed</b>" not in html
    assert 'id="comments"' in html
