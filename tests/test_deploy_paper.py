"""Paper form: every statement with its tick boxes, the respondent fields, a form number,
the questionnaire id and version on every page; large print is larger; the PDF renders."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tila import load_questionnaire
from tila.deploy import deploy
from tila.deploy.paper import _css_string, context
from tila.deploy.survey import build_survey


def pages(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\W+", "", text)


@pytest.mark.parametrize(("qid", "form"), [("tila-starter", None), ("tila-leader", "staff")])
def test_paper_form_content(qid: str, form: str | None) -> None:
    q = load_questionnaire(qid)
    data = deploy(q, "paper", form=form)
    assert data.startswith(b"%PDF")
    texts = pages(data)
    for text in texts:
        assert "Form no." in text
        assert f"{q.id} {q.version}" in text
    whole = squash(" ".join(texts))
    survey = build_survey(q, form)
    for n, st in enumerate(survey.statements, start=1):
        assert squash(f"{n}. {st.text}") in whole, st.id
    for f in q.respondent_fields:
        assert squash(f.label) in whole
        for choice in f.choices or ():
            assert squash(choice) in whole
    for sec in survey.sections:
        assert squash(sec.title) in whole
    assert "Comments" in " ".join(texts)


def test_large_print_is_larger() -> None:
    q = load_questionnaire("tila-starter")
    small = context(build_survey(q), large_print=False)
    large = context(build_survey(q), large_print=True)
    for key in ("body", "small", "box"):
        assert large[key] > small[key]
    assert len(pages(deploy(q, "paper", large_print=True))) > \
        len(pages(deploy(q, "paper")))


def test_page_margin_text_cannot_break_out() -> None:
    css = str(_css_string('v1 "quoted" </style><script>'))
    assert css.startswith('"')
    assert css.endswith('"')
    assert '"' not in css[1:-1]
    assert "<" not in css
    assert ">" not in css


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_renders_to_png(tmp_path: Path) -> None:
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(deploy(load_questionnaire("tila-starter"), "paper", large_print=True))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True)
    images = list(tmp_path.glob("page-*.png"))
    assert len(images) == len(pages(pdf.read_bytes()))
    assert all(p.stat().st_size > 1000 for p in images)
