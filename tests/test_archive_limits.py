"""A spreadsheet that unpacks to far more than a survey export needs is refused unread."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tila import load_questionnaire, read_responses
from tila.errors import ResponseError


def _bomb(path: Path, megabytes: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"0" * (1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return path


def test_xlsx_decompression_bomb_is_refused_before_reading(tmp_path: Path, cli) -> None:
    path = _bomb(tmp_path / "bomb.xlsx", 40)
    assert path.stat().st_size < 1 << 20  # 40 MB of zeros pack to well under 1 MB
    q = load_questionnaire("tila-starter")
    with pytest.raises(ResponseError) as info:
        read_responses(path, q)
    assert info.value.problems[0].code == "archive-too-large"
    run = cli("score", str(path), "-q", "tila-starter")
    assert run.exit_code == 1
    assert "bomb.xlsx" in run.stderr
    assert "export the responses as CSV" in run.stderr


def test_a_file_named_xlsx_that_is_no_zip_gets_a_plain_message(tmp_path: Path, cli) -> None:
    path = tmp_path / "r.xlsx"
    path.write_text("respondent_id,saf1\nr1,4\n")
    run = cli("score", str(path), "-q", "tila-starter")
    assert run.exit_code == 1
    assert "not an Excel workbook" in run.stderr
