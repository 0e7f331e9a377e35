"""``tila score`` and ``tila report`` without -q (issue 17, point 8): the questionnaire is taken
from tila JSON files that name it, or from the one built-in questionnaire the table's columns
match, and stderr says which; anything else is a usage error naming what does match."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "questionnaires" / "samples"


def _words(text: str) -> str:
    return " ".join(text.split())


def test_score_infers_the_questionnaire_whose_columns_match(cli) -> None:
    guessed = cli("score", str(SAMPLES / "sample-org.csv"), "-f", "json")
    assert guessed.exit_code == 0, guessed.stderr
    assert "Scoring with tila-org (its columns match); pass -q to choose another" in \
        _words(guessed.stderr)
    given = cli("score", str(SAMPLES / "sample-org.csv"), "-f", "json", "-q", "tila-org")
    assert given.stdout == guessed.stdout
    assert "its columns match" not in given.stderr  # -q given: nothing to say


def test_a_short_form_is_not_taken_for_the_long_one_it_shares_ids_with(cli) -> None:
    # Every column of the pulse is also a tila-org id, but the file holds a fifth of tila-org.
    done = cli("score", str(SAMPLES / "pulse-baseline.csv"), "-f", "json")
    assert done.exit_code == 0, done.stderr
    assert "Scoring with tila-pulse" in done.stderr
    assert '"id": "tila-pulse"' in done.stdout


def test_files_for_different_questionnaires_are_refused_with_what_each_matches(cli) -> None:
    org, pulse = SAMPLES / "sample-org.csv", SAMPLES / "pulse-baseline.csv"
    done = cli("score", str(org), str(pulse))
    assert done.exit_code == 2
    text = _words(done.stderr)
    assert "give the questionnaire with -q" in text
    assert f"{org} matches tila-org" in text
    assert f"{pulse} matches tila-pulse" in text


def test_columns_matching_no_built_in_list_the_built_ins(cli) -> None:
    done = cli("score", str(SAMPLES / "sample-org-qualtrics.csv"))
    assert done.exit_code == 2
    text = _words(done.stderr)
    assert "the columns match none of the built-ins" in text
    for qid in ("tila-leader", "tila-org", "tila-pulse", "tila-starter"):
        assert qid in text


def test_two_built_ins_that_fit_alike_are_ambiguous(cli, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import tila.questionnaire.builtin as builtin

    shelf = tmp_path / "questionnaires"
    shelf.mkdir()
    shutil.copy(REPO / "questionnaires" / "tila-org.yaml", shelf / "tila-org.yaml")
    twin = (REPO / "questionnaires" / "tila-org.yaml").read_text(encoding="utf-8")
    assert "\nid: tila-org\n" in twin
    (shelf / "org-twin.yaml").write_text(twin.replace("\nid: tila-org\n", "\nid: org-twin\n"),
                                         encoding="utf-8")
    monkeypatch.setattr(builtin, "questionnaires_dir", lambda: shelf)
    done = cli("score", str(SAMPLES / "sample-org.csv"))
    assert done.exit_code == 2
    assert "the columns match org-twin and tila-org alike" in _words(done.stderr)
    assert done.stdout == ""


def test_report_infers_the_questionnaire_too(cli, tmp_path: Path) -> None:
    out = tmp_path / "pulse.html"
    done = cli("report", str(SAMPLES / "pulse-baseline.csv"), "-o", str(out), "--org", "Test")
    assert done.exit_code == 0, done.stderr
    assert "Reporting with tila-pulse (its columns match)" in _words(done.stderr)
    assert out.is_file()
    refused = cli("report", str(SAMPLES / "sample-org-qualtrics.csv"), "-o", str(out))
    assert refused.exit_code == 2
    assert "tila report: give the questionnaire with -q" in refused.stderr


def test_the_hint_for_a_wrong_q_still_names_the_matching_questionnaire(cli) -> None:
    done = cli("score", str(SAMPLES / "sample-org.csv"), "-q", "tila-leader")
    assert done.exit_code == 1
    assert "its columns match tila-org: try -q tila-org" in _words(done.stderr)
