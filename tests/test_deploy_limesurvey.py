"""LimeSurvey: the tab-separated survey structure uses codes LimeSurvey accepts, and a response
export with question-code headings imports with no map (the codes are reversed from the ids)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.deploy_support import Respondent, assert_round_trip, label, random_respondents
from tila import load_questionnaire
from tila.deploy import deploy
from tila.deploy.limesurvey import COLUMNS, MAX_CODE
from tila.deploy.survey import build_survey
from tila.questionnaire.model import Questionnaire

PLATFORM = "limesurvey"
CASES = [("tila-starter", None), ("tila-org", None), ("tila-leader", "self")]


def structure(q: Questionnaire, form: str | None) -> list[dict[str, str]]:
    text = deploy(q, "limesurvey", form=form).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows[0] == COLUMNS
    assert all(len(r) == len(COLUMNS) for r in rows)
    return [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize(("qid", "form"), CASES)
def test_structure_and_codes(qid: str, form: str | None) -> None:
    q = load_questionnaire(qid)
    rows = structure(q, form)
    assert {r["class"] for r in rows} <= {"S", "SL", "G", "Q", "SQ", "A"}
    settings = {r["name"]: r["text"] for r in rows if r["class"] == "S"}
    assert settings["language"] == q.language
    texts = {r["name"]: r["text"] for r in rows if r["class"] == "SL"}
    assert f"{q.id} {q.version}" in texts["surveyls_description"]
    codes = [r["name"] for r in rows if r["class"] in ("Q", "SQ")]
    for code in codes:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", code), code
        assert len(code) <= MAX_CODE
    assert len({c.casefold() for c in codes}) == len(codes)
    survey = build_survey(q, form)
    arrays = [r for r in rows if r["class"] == "Q" and r["type/scale"] == "F"]
    assert len(arrays) == len(survey.sections)
    statements = [r["text"] for r in rows if r["class"] == "SQ"]
    assert statements == [s.text for s in survey.statements]
    for f in q.respondent_fields:
        qrow = next(r for r in rows if r["class"] == "Q" and r["text"] == f.label)
        assert qrow["type/scale"] == ("L" if f.choices else "S")
    # Each array's answers follow it: the scale values as codes, then the non-scored options.
    k = rows.index(arrays[0])
    answers = []
    for r in rows[k + 1:]:
        if r["class"] in ("G", "Q"):
            break
        if r["class"] == "A":
            answers.append((r["name"], r["text"]))
    scale = survey.sections[0].scale
    assert answers[:len(scale.points)] == [(str(int(p.value)), p.label) for p in scale.points]
    assert [t for _, t in answers[len(scale.points):]] == [o.label for o in scale.non_scored]


def limesurvey_export(q: Questionnaire, form: str | None, people: list[Respondent],
                      path: Path) -> Path:
    """Responses > Export: CSV, headings "Question code", responses "Full answers"."""
    rows = structure(q, form)
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed"]
    getters = []
    question = ""
    fields = {f.label: f.id for f in q.respondent_fields}
    survey = build_survey(q, form)
    by_text = {s.text: s.id for s in survey.statements}
    for r in rows:
        if r["class"] == "Q":
            question = r["name"]
            if r["type/scale"] in ("L", "S"):
                header.append(question)
                fid = fields[r["text"]]
                getters.append(lambda p, f=fid: p.fields[f] or "")
        elif r["class"] == "SQ":
            header.append(f"{question}[{r['name']}]")
            item = by_text[r["text"]]
            getters.append(lambda p, i=item: label(q, i, p.answers[i]))
    out = [header]
    for k, p in enumerate(people):
        out.append([str(k + 1), "2026-03-01 09:12:00", "4", "en", str(100 + k),
                    *(g(p) for g in getters)])
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(out)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return path


@pytest.mark.parametrize(("qid", "form"), CASES)
def test_round_trip(qid: str, form: str | None, tmp_path: Path) -> None:
    q = load_questionnaire(qid)
    people = random_respondents(q, 40, seed=3 + len(qid))
    export = limesurvey_export(q, form, people, tmp_path / "results-survey123456.csv")
    assert_round_trip(q, people, export, tmp_path, platform=PLATFORM, form=form)


def test_ids_that_are_not_codes_round_trip(tmp_path: Path) -> None:
    """Ids with '_', '-' or '.' lose them in LimeSurvey; import still finds every item."""
    src = (Path(__file__).parents[1] / "questionnaires" / "tila-starter.yaml").read_text()
    for old, new in (("saf1", "saf_1"), ("tru2", "tru-2"), ("peer1", "peer.1"),
                     ("id: site", "id: main_site")):
        src = src.replace(f"id: {old}" if not old.startswith("id:") else old,
                          f"id: {new}" if not new.startswith("id:") else new)
    path = tmp_path / "renamed.yaml"
    path.write_text(src)
    q = load_questionnaire(path)
    assert {"saf_1", "tru-2", "peer.1"} <= set(q.item_ids)
    people = random_respondents(q, 30, seed=11)
    export = limesurvey_export(q, None, people, tmp_path / "export.csv")
    assert_round_trip(q, people, export, tmp_path, platform=PLATFORM)
