"""The HTML report: golden output, escaping, strict variables and sandboxed user templates."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from tests.report_support import FakeLibrary, FakeSuggestion, make_result
from tila.errors import ReportError
from tila.framework import PRINCIPLE_IDS
from tila.report.context import build_context
from tila.report.html import render_html
from tila.report.options import ReportOptions
from tila.suggestions import choose

GOLDEN = Path(__file__).parent / "golden" / "report-starter.html"
PAYLOAD = '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/hostname">'


def library() -> FakeLibrary:
    return FakeLibrary(tuple(
        FakeSuggestion(f"{p}-{k}", f"Try step {k} for {p.replace('_', ' ')}", p,
                       effort="low" if k == 0 else "medium", items=(f"tila-starter:{p[:3]}1",),
                       cost_of_inaction="People leave." if k == 1 else None)
        for p in PRINCIPLE_IDS for k in range(3)))


def context(org: str = "Riverside Services", **kw: object):  # type: ignore[no-untyped-def]
    r = make_result(by=("role", "site"))
    baseline = make_result(by=(), seed=2, shift=-0.3)
    opts = ReportOptions(org=org, by=("role", "site"), invited=90, date=dt.date(2026, 3, 1),
                         **kw)  # type: ignore[arg-type]
    return build_context(r, options=opts, plan=choose(r, library()), baseline=baseline)


def normalise(html: str) -> str:
    """Drop what legitimately changes between releases: tila's version and the font bytes."""
    from tila import __version__

    html = re.sub(r"data:font/woff;base64,[A-Za-z0-9+/=]+", "data:font/woff;base64,FONT", html)
    return html.replace(f"tila {__version__}", "tila VERSION")


def test_html_matches_the_golden_file() -> None:
    html = normalise(render_html(context()))
    if os.environ.get("TILA_UPDATE_GOLDEN"):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), \
        "report HTML changed; if intended, rerun with TILA_UPDATE_GOLDEN=1 and review the diff"


def test_html_is_self_contained_and_has_every_section() -> None:
    html = render_html(context())
    assert not re.search(r"""(src|href)=["'](?!#|data:)""", html)  # nothing external
    assert "url(\"data:font/woff" in html
    for anchor in ("summary", "principle-safety", "groups", "change", "plan",
                   "method"):
        assert f'id="{anchor}"' in html
    assert html.count("<svg") >= 10
    assert html.count("<title id=") == html.count("<svg")
    assert '<html lang="en">' in html


def test_respondent_and_user_text_is_escaped() -> None:
    html = render_html(context(org=PAYLOAD))
    assert "<img src=\"file:" not in html
    assert "<link rel=\"attachment\"" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html


def test_user_template_overrides_one_partial(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "summary.html.j2").write_text(
        '<section id="summary"><h2>Board summary</h2><p>{{ ctx.summary.headline }}</p>'
        "</section>")
    html = render_html(context(), templates=tmp_path)
    assert "<h2>Board summary</h2>" in html
    assert 'id="method"' in html


def test_unknown_template_variable_is_an_error_with_its_file(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "summary.html.j2").write_text("<p>\n{{ ctx.summary.no_such }}</p>")
    with pytest.raises(ReportError) as err:
        render_html(context(), templates=tmp_path)
    assert err.value.codes == ("template-variable",)
    problem = err.value.problems[0]
    assert "no_such" in problem.message
    assert problem.location.file is not None
    assert problem.location.file.endswith("summary.html.j2")
    assert problem.location.line == 2


def test_user_templates_run_in_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "summary.html.j2").write_text(
        "{{ ctx.__class__.__init__.__globals__ }}")
    with pytest.raises(ReportError) as err:
        render_html(context(), templates=tmp_path)
    assert err.value.codes[0] in ("template-unsafe", "template-variable")
