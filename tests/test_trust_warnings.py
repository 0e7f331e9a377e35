"""Warnings that say how far a result can be trusted, and paused interviews left unscored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA
from tila import load_questionnaire, read_responses, score
from tila.administer.session import Session
from tila.administer.store import Meta, SessionFile, to_document
from tila.responses.readers import ReadOptions
from tila.scoring.serialize import result_dict

MINI_ITEMS = ["s1", "s2", "s3", "t1", "t2", "x1"]


def _csv(rows: list[list[str]]) -> str:
    return "\n".join(",".join(r) for r in [["respondent_id", *MINI_ITEMS], *rows]) + "\n"


def _codes(result) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for w in result.warnings:
        out.setdefault(w.code, []).append(w.location.path)
    return out


def test_small_sample_warns_with_a_stable_code(mini, write) -> None:
    rows = [[f"r{i}", "4", "4", "2", "4", "4", "4"] for i in range(19)]
    result = score(mini, read_responses(write("a.csv", _csv(rows)), mini))
    assert _codes(result)["few-respondents"] == [None]
    assert "19 people" in result.warnings[0].message
    assert "identify individuals" not in result.warnings[0].message  # 19 >= 5
    rows.append(["r19", "4", "4", "2", "4", "4", "4"])
    assert "few-respondents" not in _codes(score(mini, read_responses(
        write("b.csv", _csv(rows)), mini)))


def test_heavy_dont_know_is_a_finding_for_that_principle(mini, write) -> None:
    # Trust items t1, t2, x1: 7 of 20 people answer "Don't know" to t1 and t2 -> 14 of 60
    # trust answers (23%) is under a quarter; 8 people -> 16 of 60 (27%) is over.
    def data(k: int) -> str:
        rows = [[f"r{i}", "4", "4", "2", "Don't know" if i < k else "4",
                 "Don't know" if i < k else "4", "4"] for i in range(20)]
        return _csv(rows)

    assert "high-unknown" not in _codes(score(mini, read_responses(write("a.csv", data(7)),
                                                                   mini)))
    result = score(mini, read_responses(write("b.csv", data(8)), mini))
    assert _codes(result)["high-unknown"] == ["principles.trustworthiness"]
    w = next(w for w in result.warnings if w.code == "high-unknown")
    assert w.message.startswith("27% of the answers about Trustworthiness")
    doc = result_dict(result)
    assert {"code": "high-unknown", "message": w.message,
            "where": "principles.trustworthiness"} in doc["warnings"]


def test_principle_scored_for_few_people_is_flagged(mini, write) -> None:
    # Half of the 20 answer nothing on trust but enough overall (3 of 6 items) to be scored.
    rows = [[f"r{i}", "4", "4", "2", *(["", "", ""] if i < 11 else ["4", "4", "4"])]
            for i in range(20)]
    result = score(mini, read_responses(write("a.csv", _csv(rows)), mini))
    assert result.principles["trustworthiness"].n == 9
    assert _codes(result)["low-coverage"] == ["principles.trustworthiness"]
    assert "only 9 of the 20 people" in next(
        w.message for w in result.warnings if w.code == "low-coverage")


@pytest.fixture(scope="module")
def starter():
    return load_questionnaire("tila-starter")


def _paused(q, path: Path, rid: str) -> None:
    s = Session(q).begin().answer_field("Leadership").answer_field(None)
    for _ in range(len(q.items)):
        s = s.answer(4)
    doc = to_document(s, Meta(rid, q.id, "2026-01-01T00:00:00Z"))  # not submitted
    path.write_text(json.dumps(doc))


def _finished(q, path: Path, rid: str) -> None:
    s = Session(q).begin().answer_field("Leadership").answer_field(None)
    for _ in range(len(q.items)):
        s = s.answer(2)
    SessionFile(path, Meta(rid, q.id, "2026-01-01T00:00:00Z")).finish(
        s.review().submit(), {"SOURCE_DATE_EPOCH": "0"})


def test_paused_interviews_are_not_scored_unless_asked(starter, tmp_path: Path) -> None:
    done, paused = tmp_path / "done.json", tmp_path / "paused.json"
    _finished(starter, done, "R-1")
    _paused(starter, paused, "R-2")
    result = score(starter, read_responses([done, paused], starter))
    assert result.respondents == 1
    assert result.excluded == {"unfinished-interview": 1}
    alone = score(starter, read_responses(done, starter))
    assert result.overall.score == alone.overall.score  # the paused "4"s count for nothing
    assert "unfinished-excluded" in _codes(result)
    both = score(starter, read_responses([done, paused], starter,
                                         ReadOptions(include_incomplete=True)))
    assert both.respondents == 2
    assert "unfinished-interview" not in both.excluded


def test_cli_names_left_out_interviews_and_only_paused_ones(starter, tmp_path: Path,
                                                            cli) -> None:
    done, paused = tmp_path / "done.json", tmp_path / "paused.json"
    _finished(starter, done, "R-1")
    _paused(starter, paused, "R-2")
    run = cli("score", str(done), str(paused), "-q", "tila-starter", "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert "1 unfinished interview" in run.stderr
    doc = json.loads(run.stdout)
    assert doc["respondents"] == 1
    assert doc["excluded"] == {"count": 1, "reasons": {"unfinished-interview": 1}}
    run = cli("score", str(done), str(paused), "-q", "tila-starter", "-f", "json",
              "--include-unfinished")
    assert json.loads(run.stdout)["respondents"] == 2
    only = cli("score", str(paused), "-q", "tila-starter")
    assert only.exit_code == 1
    assert "--include-unfinished" in only.stderr


def test_imported_json_lines_are_not_taken_for_paused_interviews(starter, tmp_path: Path,
                                                                 cli) -> None:
    # tila import writes completed_at: null (an export has no completion time): still answers.
    out = tmp_path / "r.jsonl"
    run = cli("import", str(DATA.parent.parent / "questionnaires" / "samples" /
                            "sample-org.csv"), "-q", "tila-org", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    q = load_questionnaire("tila-org")
    assert score(q, read_responses(out, q)).respondents == 180
