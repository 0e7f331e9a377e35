"""The HTML report in a real browser: no console errors, no requests, no serious axe findings.

Needs Debian's chromium and the npm packages in tests/js (``npm ci --prefix tests/js``); skips
when either is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_report_html import PAYLOAD, context
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


def check(path: Path) -> dict[str, list[object]]:
    assert NODE is not None
    assert CHROMIUM is not None
    out = subprocess.run([NODE, str(JS / "axe_check.mjs"), str(path.resolve()), CHROMIUM],
                         capture_output=True, text=True, timeout=180, check=True)
    result: dict[str, list[object]] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_report_opens_cleanly_and_passes_axe(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(context(org=PAYLOAD + ' <a href="http://example.invalid">x</a>')),
                    encoding="utf-8")
    result = check(page)
    assert result["console"] == []
    assert result["pageErrors"] == []
    assert result["requests"] == []  # self-contained: fonts, styles and charts are inline
    serious = [v for v in result["violations"]
               if isinstance(v, dict) and v["impact"] in ("serious", "critical")]
    assert serious == []
