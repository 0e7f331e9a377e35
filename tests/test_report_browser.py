"""The HTML report in a real browser: no console errors, no requests, no axe findings, and a
page that fits a phone.

Needs Debian's chromium and the npm packages in tests/js (``npm ci --prefix tests/js``); skips
when either is missing. Set TILA_SCREENSHOTS to a folder to keep full-page screenshots of the
layout checks (to look at them, as a reader would).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.test_report_html import PAYLOAD, context
from tila.report.demo import render_demo
from tila.report.html import render_html

JS = Path(__file__).parent / "js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NODE = shutil.which("node")

MISSING = (CHROMIUM is None or NODE is None or not (JS / "node_modules" / "axe-core").is_dir()
           or not (JS / "node_modules" / "playwright-core").is_dir())
# CI installs the browser and sets TILA_REQUIRE_BROWSER=1, so there the check cannot skip.
pytestmark = pytest.mark.skipif(
    MISSING and not os.environ.get("TILA_REQUIRE_BROWSER"),
    reason="needs chromium, node and 'npm ci --prefix tests/js'")


def node(script: str, *args: str) -> dict[str, Any]:
    assert NODE is not None
    assert CHROMIUM is not None
    out = subprocess.run([NODE, str(JS / script), args[0], CHROMIUM, *args[1:]],
                         capture_output=True, text=True, timeout=180, check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def check(path: Path, width: int = 1280) -> dict[str, Any]:
    return node("axe_check.mjs", str(path.resolve()), str(width))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test report (hostile organization name, groups, baseline) and the demo's
    organization report (heatmap, six groups with long names, 12 statements a principle)."""
    folder = tmp_path_factory.mktemp("pages")
    page = folder / "report.html"
    page.write_text(render_html(context(org=PAYLOAD + ' <a href="http://example.invalid">x</a>')),
                    encoding="utf-8")
    demo = next(p for p in render_demo(folder / "demo", formats=("html",))
                if p.name == "sample-org.html")
    return {"starter": page, "demo": demo}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("which", ["starter", "demo"])
def test_report_opens_cleanly_and_passes_axe(pages: dict[str, Path], which: str,
                                             width: int) -> None:
    result = check(pages[which], width)
    assert result["console"] == []
    assert result["pageErrors"] == []
    assert result["requests"] == []  # self-contained: fonts, styles and charts are inline
    assert result["violations"] == []  # at both widths: the narrow charts are checked too


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("which", ["starter", "demo"])
def test_report_fits_the_screen_and_its_chart_text_stays_legible(pages: dict[str, Path],
                                                                 which: str, width: int) -> None:
    shots = os.environ.get("TILA_SCREENSHOTS")
    png = [str(Path(shots) / f"{which}-{width}.png")] if shots else []
    result = node("layout_check.mjs", str(pages[which].resolve()), str(width), *png)
    assert result["viewport"] == width
    assert result["scrollWidth"] <= width  # no sideways scrolling of the page
    assert result["overflowing"] == []  # wide tables scroll inside their own box
    assert result["svgTexts"] > 50  # the charts are there and were measured
    assert result["smallText"] == []  # no chart text drawn smaller than 9 px
    assert result["errors"] == []  # nothing the Content-Security-Policy had to block
    assert result["scriptBlocked"] is True  # ... and it does block scripts


def test_printing_the_html_from_a_browser_breaks_pages_like_the_pdf(
        pages: dict[str, Path], tmp_path: Path) -> None:
    """The break rules live in @media print, shared with the PDF, so Chromium's print ends
    page 1 after the summary as WeasyPrint does, and prints the chart-data appendix (hidden on
    screen) and the wide charts only."""
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "printed.pdf"
    node("print_check.mjs", str(pages["starter"].resolve()), str(out))
    texts = [" ".join(p.extract_text().replace("\x00", "").split())
             for p in pypdf.PdfReader(out).pages]
    # In the HTML the contents follow the summary: they open a page, and the summary's pages
    # hold nothing else.
    after = "Contents"
    first = next(i for i, t in enumerate(texts) if t.startswith(after))
    assert first >= 1
    assert not any(after in t for t in texts[:first])
    joined = " ".join(texts)
    assert "The numbers behind the charts" in joined
    assert "Show the numbers behind this chart" not in joined  # <details> are screen-only
