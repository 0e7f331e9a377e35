"""The interview file: atomic saves, resume, the finished native response, scripted answers."""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import pytest

from tila.administer import store
from tila.administer.scripted import read_answers_file, scripted_session
from tila.administer.session import Note, Session
from tila.administer.store import (
    SESSION_KEY,
    Meta,
    SessionFile,
    SessionFileError,
    check_new_output,
    from_document,
    new_respondent_id,
    now_iso,
    read_document,
    to_document,
)
from tila.errors import ResponseError
from tila.questionnaire.model import Questionnaire
from tila.questionnaire.parse import load_questionnaire

META = Meta("R-0000abcd", "tila-starter", "2026-01-01T00:00:00Z")


@pytest.fixture(scope="module")
def starter() -> Questionnaire:
    return load_questionnaire("tila-starter")


def _midway(q: Questionnaire) -> Session:
    s = Session(q).begin().answer_field("Leadership").answer_field(None)
    return s.answer(4).skip().answer("not_applicable").answer(2).back()


def test_respondent_ids_are_random_and_say_nothing() -> None:
    ids = {new_respondent_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(re.fullmatch(r"R-[0-9a-f]{8}", i) for i in ids)


def test_now_honours_source_date_epoch() -> None:
    assert now_iso({"SOURCE_DATE_EPOCH": "1767225600"}) == "2026-01-01T00:00:00Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", now_iso({}))


def test_in_progress_document_keeps_answers_and_resume_state(starter: Questionnaire) -> None:
    doc = to_document(_midway(starter), META)
    assert doc["answers"] == {"saf1": 4, "saf2": None, "saf3": "not_applicable", "tru1": 2}
    assert isinstance(doc["answers"]["saf1"], int)
    assert doc["fields"] == {"role": "Leadership", "site": None}
    assert doc["completed_at"] is None
    assert doc[SESSION_KEY]["state"] == "in_progress"
    assert doc[SESSION_KEY]["position"] == 3


def test_finished_document_is_exactly_a_native_response(starter: Questionnaire) -> None:
    done = _midway(starter).review().submit()
    doc = to_document(done, META, completed_at="2026-01-01T00:00:00Z")
    assert set(doc) == {"tila_response", "questionnaire", "respondent_id", "form", "fields",
                        "answers", "notes", "completed_at"}
    assert doc["tila_response"] == 1
    assert doc["questionnaire"] == {"id": "tila-starter", "version": "1.0.0"}
    assert doc["respondent_id"] == "R-0000abcd"
    assert doc["completed_at"] == "2026-01-01T00:00:00Z"
    assert list(doc["answers"]) == list(starter.item_ids)  # every item, unreached ones null
    assert doc["answers"]["cul3"] is None


def test_finished_file_is_read_by_the_response_reader(starter: Questionnaire,
                                                      tmp_path: Path) -> None:
    from tila.responses.readers import read_responses
    from tila.responses.table import ANSWERED, NON_SCORED_BASE, SKIPPED

    path = tmp_path / "r.json"
    s = _midway(starter).set_note("see rota", "policy 4.2", item_id="saf1").review().submit()
    SessionFile(path, META).finish(s, {"SOURCE_DATE_EPOCH": "0"})
    table = read_responses(path, starter)
    assert list(table.respondent_ids) == ["R-0000abcd"]
    assert table.values[0, 0] == 4
    assert table.values[0, 3] == 2
    assert math.isnan(table.values[0, 2])
    na = [o.id for o in starter.scales["agree5"].non_scored].index("not_applicable")
    assert list(table.status[0, :4]) == [ANSWERED, SKIPPED, NON_SCORED_BASE + na, ANSWERED]
    assert table.fields["role"][0] == "Leadership"


def test_round_trip_resumes_at_first_item_not_reached(starter: Questionnaire,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    s = _midway(starter).set_note("n", "e", item_id="saf1")
    SessionFile(path, META).save(s)
    restored, meta = from_document(read_document(path), starter, str(path))
    assert meta == META
    assert dict(restored.answers) == dict(s.answers)
    assert dict(restored.fields) == dict(s.fields)
    assert restored.notes == {"saf1": Note("n", "e")}
    assert restored.consensus  # notes mean a committee was rating
    assert (restored.phase, restored.position) == ("items", 4)


def test_resuming_a_finished_file_fills_skips(starter: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "done.json"
    SessionFile(path, META).finish(_midway(starter).review().submit())
    doc = read_document(path)
    del doc["answers"]["cul3"]  # absent in a native response means skipped
    restored, _ = from_document(doc, starter, str(path))
    assert restored.phase == "complete"
    assert restored.answers["cul3"] is None


def test_resume_problems_are_collected_with_locations(starter: Questionnaire) -> None:
    doc = to_document(_midway(starter), META)
    doc["questionnaire"]["version"] = "0.9"
    doc["answers"].update({"nope": 3, "saf1": 9, "tru1": True})
    with pytest.raises(SessionFileError) as caught:
        from_document(doc, starter, "s.json")
    assert sorted(caught.value.codes) == ["questionnaire-version", "unknown-answer",
                                          "unknown-answer", "unknown-item"]
    paths = {p.location.path for p in caught.value.problems}
    assert {"answers.nope", "answers.saf1", "answers.tru1"} <= paths
    assert all(p.location.file == "s.json" for p in caught.value.problems)


def test_resume_refuses_another_questionnaire(starter: Questionnaire) -> None:
    doc = to_document(_midway(starter), META)
    doc["questionnaire"]["id"] = "tila-org"
    with pytest.raises(SessionFileError) as caught:
        from_document(doc, starter, "s.json")
    assert caught.value.codes == ("other-questionnaire",)


@pytest.mark.parametrize(("text", "code"), [
    ("{not json", "json-syntax"), ('{"answers": {}}', "not-a-session"), ("[1, 2]", "not-a-session"),
])
def test_read_document_explains_unusable_files(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(text)
    with pytest.raises(SessionFileError) as caught:
        read_document(path)
    assert caught.value.codes == (code,)
    with pytest.raises(SessionFileError) as missing:
        read_document(tmp_path / "absent.json")
    assert missing.value.codes == ("file-not-found",)


def test_save_replaces_whole_file_and_leaves_no_temporary(starter: Questionnaire,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    sf = SessionFile(path, META)
    s = Session(starter).begin()
    for _ in range(2):
        s = s.answer_field(None)
    for value in (5, 4, 3, 2, 1):
        s = s.answer(value)
        sf.save(s)
        assert json.loads(path.read_text())["answers"][s.items[s.position - 1].id] == value
    assert os.listdir(tmp_path) == ["s.json"]


def test_failed_save_keeps_the_previous_file(starter: Questionnaire, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    sf = SessionFile(path, META)
    first = _midway(starter)
    sf.save(first)
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(Exception, match="No space left"):
        sf.save(first.answer(1))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["s.json"]


def test_existing_output_is_never_overwritten_without_force(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    check_new_output(path, force=False)
    path.write_text("{}")
    with pytest.raises(SessionFileError) as caught:
        check_new_output(path, force=False)
    assert caught.value.codes == ("output-exists",)
    # The library names its parameter; the CLI prints the flag (tila.cli.flags).
    from tila.cli.flags import for_cli

    assert "`force=True`" in (caught.value.problems[0].hint or "")
    assert "--force" in (for_cli(caught.value.problems[0]).hint or "")
    check_new_output(path, force=True)
    with pytest.raises(SessionFileError):
        check_new_output(tmp_path / "missing" / "s.json", force=False)


def test_only_the_terminal_front_end_imports_rich() -> None:
    import ast

    folder = Path(store.__file__).parent
    for module in sorted(folder.glob("*.py")):
        tree = ast.parse(module.read_text())
        imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.Import) for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)}
        assert "typer" not in imported, module.name
        if module.name != "tui.py":
            assert "rich" not in imported, module.name


# ---- scripted answers ----------------------------------------------------------------------


def test_scripted_answers_accept_values_labels_and_option_names(starter: Questionnaire,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("fields: {role: leadership, site: Prefer not to say}\n"
                    "answers: {saf1: 4, saf2: Strongly agree, saf3: N/A, tru1: dont_know,"
                    " tru2: null, tru3: Neutral}\n"
                    "notes: {saf1: {note: agreed, evidence: policy 4.2}}\n")
    s = scripted_session(Session(starter), read_answers_file(path), str(path))
    assert s.phase == "complete"
    assert dict(s.fields) == {"role": "Leadership", "site": None}
    assert [s.answers[i] for i in starter.item_ids[:6]] == [4.0, 5.0, "not_applicable",
                                                            "dont_know", None, 3.0]
    assert s.answers["cul3"] is None  # left out: skipped
    assert s.notes["saf1"] == Note("agreed", "policy 4.2")


def test_scripted_flat_mapping_in_json(starter: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"saf1": 1, "cul3": "Agree", "fields": {"role": "Other"}}))
    s = scripted_session(Session(starter), read_answers_file(path), str(path))
    assert (s.answers["saf1"], s.answers["cul3"]) == (1.0, 4.0)
    assert s.fields["role"] == "Other"


def test_scripted_problems_are_all_reported(starter: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": {"saf1": 6, "xx9": 3, "saf2": "Sometimes"},
                                "fields": {"role": "Astronaut", "age": "40"}}))
    with pytest.raises(ResponseError) as caught:
        scripted_session(Session(starter), read_answers_file(path), str(path))
    assert sorted(caught.value.codes) == ["unknown-answer", "unknown-answer", "unknown-choice",
                                          "unknown-field", "unknown-item"]
    assert all(p.location.file == str(path) for p in caught.value.problems)


@pytest.mark.parametrize(("name", "text"), [
    ("answers.csv", "respondent_id,saf1\nR-1,4\n"),
    ("answers.xlsx", "PK\x03\x04 binary"),
    ("answers.json", "respondent_id,saf1\nR-1,4\n"),  # a CSV saved under a .json name
])
def test_resuming_a_survey_export_says_it_is_not_an_interview_file(
        tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(SessionFileError) as caught:
        read_document(path)
    problem = caught.value.problems[0]
    assert problem.code == "not-a-session"
    assert "not an interview file" in problem.message
    assert "JSON:" not in problem.message  # no parser jargon ("not valid JSON: Expecting ...")
