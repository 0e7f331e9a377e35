"""Defect 9 of issue 16: an .xlsx that is a zip bomb is refused from its archive directory,
before the spreadsheet reader expands it into gigabytes of memory."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tila.responses.archive import RATIO_FROM_BYTES, check_archive

from .conftest import DATA

MINI = str(DATA / "mini.yaml")


def _bomb(tmp_path: Path) -> Path:
    path = tmp_path / "responses.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (RATIO_FROM_BYTES + 10_000_000))
    assert path.stat().st_size < 1_000_000
    return path


def test_an_xlsx_zip_bomb_is_refused_unread(cli, tmp_path):
    bomb = _bomb(tmp_path)
    run = cli("score", str(bomb), "-q", MINI)
    assert run.exit_code == 1, run.stderr
    assert f"{bomb}: error: this spreadsheet would expand from" in run.stderr


def test_an_xlsx_zip_bomb_is_refused_by_import_detection_too(cli, tmp_path):
    run = cli("import", str(_bomb(tmp_path)), "-q", "tila-starter")
    assert run.exit_code == 1
    assert "would expand" in run.stderr


def test_real_spreadsheet_exports_pass_the_check():
    for name in ("surveymonkey.xlsx", "ms_forms.xlsx"):
        check_archive(DATA / "platforms" / name)  # raises if refused
