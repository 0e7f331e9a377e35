"""User templates cannot read files outside their folder, cannot exhaust memory, and a
relative template folder works for PDFs too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT

SAMPLE = str(ROOT / "questionnaires" / "samples" / "sample-org.csv")


def test_a_symlink_in_the_template_folder_cannot_leak_a_file(cli, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    os.symlink(secret, tpl / "leak.txt")
    (tpl / "report.html.j2").write_text("<html>{% include 'leak.txt' %}</html>")
    out = tmp_path / "r.html"
    run = cli("report", SAMPLE, "-q", "tila-org", "--templates", str(tpl), "-o", str(out))
    assert run.exit_code == 1
    assert "outside the template folder" in run.stderr
    assert not out.exists()
    assert "TOP-SECRET" not in run.stderr + run.stdout


def test_a_template_cannot_build_a_huge_value(cli, tmp_path: Path) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "report.html.j2").write_text("<html>{{ 'a' * 10**10 }}</html>")
    out = tmp_path / "r.html"
    run = cli("report", SAMPLE, "-q", "tila-org", "--templates", str(tpl), "-o", str(out))
    assert run.exit_code == 1
    assert "too large" in run.stderr or "not allowed" in run.stderr
    assert not out.exists()


@pytest.mark.slow
def test_a_relative_template_folder_makes_a_pdf(cli, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    tpl = tmp_path / "tpl" / "partials"
    tpl.mkdir(parents=True)
    (tpl / "comments.html.j2").write_text("<section><h2>Custom comments</h2></section>")
    monkeypatch.chdir(tmp_path)
    run = cli("report", SAMPLE, "-q", "tila-org", "--templates", "tpl", "-o", "r.pdf")
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
