"""``tila deploy``: writes the file atomically, refuses to overwrite, and says what went wrong."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT
from tila import load_questionnaire
from tila.deploy import TARGETS, deploy


def test_writes_the_file_and_says_so(cli, tmp_path: Path) -> None:
    out = tmp_path / "starter_dictionary.csv"
    run = cli("deploy", "tila-starter", "--to", "redcap", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert out.read_bytes() == deploy(load_questionnaire("tila-starter"), "redcap")
    assert "tila-starter 1.0.0" in run.stderr
    assert run.stdout == ""


def test_refuses_to_overwrite_without_force(cli, tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    out.write_text("keep me")
    run = cli("deploy", "tila-starter", "--to", "redcap", "-o", str(out))
    assert run.exit_code == 1
    assert "already exists" in run.stderr
    assert out.read_text() == "keep me"
    assert cli("deploy", "tila-starter", "--to", "redcap", "-o", str(out), "--force") \
        .exit_code == 0
    assert out.read_text() != "keep me"


def test_never_writes_over_the_questionnaire(cli, tmp_path: Path) -> None:
    src = tmp_path / "mine.yaml"
    src.write_bytes((ROOT / "questionnaires" / "tila-starter.yaml").read_bytes())
    before = src.read_bytes()
    run = cli("deploy", str(src), "--to", "redcap", "-o", str(src), "--force")
    assert run.exit_code == 1
    assert "questionnaire being deployed" in run.stderr
    assert src.read_bytes() == before


def test_clear_errors(cli, tmp_path: Path) -> None:
    run = cli("deploy", "tila-starter", "--to", "surveyplanet", "-o", str(tmp_path / "x"))
    assert run.exit_code == 2
    assert "'surveyplanet' is not one of 'redcap'" in run.stderr
    run = cli("deploy", "tila-leader", "--to", "redcap", "-o", str(tmp_path / "x.csv"))
    assert run.exit_code == 1
    assert "--form self" in run.stderr
    assert not (tmp_path / "x.csv").exists()
    run = cli("deploy", "no-such-thing", "--to", "redcap", "-o", str(tmp_path / "x.csv"))
    assert run.exit_code == 1
    assert "neither a built-in" in run.stderr
    run = cli("deploy", "tila-starter", "--to", "redcap", "-o", str(tmp_path / "no" / "x.csv"))
    assert run.exit_code == 1
    assert "does not exist" in run.stderr


def test_large_print_only_for_paper(cli, tmp_path: Path) -> None:
    run = cli("deploy", "tila-starter", "--to", "redcap", "--large-print", "-o",
              str(tmp_path / "x.csv"))
    assert run.exit_code == 2
    assert "--large-print is for --to paper" in " ".join(run.stderr.split())


def test_help_names_every_format_and_an_example(cli) -> None:
    run = cli("deploy", "--help")
    assert run.exit_code == 0
    text = " ".join(run.stdout.split())
    assert "Examples: tila deploy tila-starter --to redcap" in text
    for name in TARGETS:
        assert name in text
