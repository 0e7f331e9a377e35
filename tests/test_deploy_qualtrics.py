"""Qualtrics: the .qsf has the structure Qualtrics imports (SurveyEntry, SurveyElements with
BL, FL and SQ elements) and the export of a survey made from it, in the three-header-row layout,
imports with no map and scores exactly as answered."""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from typing import Any

import pytest

from tests.deploy_support import Respondent, assert_round_trip, label, random_respondents
from tila import load_questionnaire
from tila.deploy import deploy
from tila.deploy.survey import build_survey
from tila.questionnaire.model import Questionnaire

PLATFORM = "qualtrics"
CASES = [("tila-starter", None), ("tila-org", None), ("tila-leader", "staff")]


def load_qsf(q: Questionnaire, form: str | None) -> dict[str, Any]:
    return json.loads(deploy(q, "qualtrics", form=form))


def questions(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["Payload"]["QuestionID"]: e["Payload"] for e in doc["SurveyElements"]
            if e["Element"] == "SQ"}


@pytest.mark.parametrize(("qid", "form"), CASES)
def test_qsf_structure(qid: str, form: str | None) -> None:
    q = load_questionnaire(qid)
    doc = load_qsf(q, form)
    assert set(doc) == {"SurveyEntry", "SurveyElements"}
    entry = doc["SurveyEntry"]
    assert entry["SurveyID"].startswith("SV_")
    assert f"{q.id} {q.version}" in entry["SurveyName"]
    kinds = [e["Element"] for e in doc["SurveyElements"]]
    assert kinds.count("BL") == 1
    assert kinds.count("FL") == 1
    for e in doc["SurveyElements"]:
        assert e["SurveyID"] == entry["SurveyID"]
    sq = questions(doc)
    blocks = next(e for e in doc["SurveyElements"] if e["Element"] == "BL")["Payload"]
    flow = next(e for e in doc["SurveyElements"] if e["Element"] == "FL")["Payload"]
    # Every question sits in exactly one block, and every block is in the flow, in order.
    in_blocks = [b["QuestionID"] for blk in blocks for b in blk["BlockElements"]]
    assert sorted(in_blocks) == sorted(sq)
    assert [f["ID"] for f in flow["Flow"]] == [b["ID"] for b in blocks]
    qc = next(e for e in doc["SurveyElements"] if e["Element"] == "QC")
    assert qc["SecondaryAttribute"] == str(len(sq))
    tags = [p["DataExportTag"] for p in sq.values()]
    assert len(set(tags)) == len(tags)
    intro = next(p for p in sq.values() if p["QuestionType"] == "DB")
    assert f"{q.id} {q.version}" in intro["QuestionText"]
    matrices = [p for p in sq.values() if p["QuestionType"] == "Matrix"]
    survey = build_survey(q, form)
    assert len(matrices) == len(survey.sections)
    rows: list[str] = []
    for m in matrices:
        assert (m["Selector"], m["SubSelector"]) == ("Likert", "SingleAnswer")
        assert set(m["Choices"]) == set(m["ChoiceOrder"]) == set(m["ChoiceDataExportTags"])
        assert set(m["Answers"]) == set(m["AnswerOrder"]) == set(m["RecodeValues"])
        rows += [m["ChoiceDataExportTags"][k] for k in m["ChoiceOrder"]]
        for k in m["ChoiceOrder"]:
            item = q.item(m["ChoiceDataExportTags"][k])
            assert html.unescape(m["Choices"][k]["Display"]) == item.text_for(form)
            scale = q.scale_of(item)
            answers = [html.unescape(m["Answers"][a]["Display"]) for a in m["AnswerOrder"]]
            assert answers == [*(p.label for p in scale.points),
                               *(o.label for o in scale.non_scored)]
            recoded = [float(m["RecodeValues"][a]) for a in m["AnswerOrder"]]
            assert recoded[:len(scale.points)] == list(scale.values)
            assert not set(recoded[len(scale.points):]) & set(scale.values)
    assert rows == [s.id for s in survey.statements]
    assert {p["DataExportTag"] for p in sq.values() if p["QuestionType"] in ("MC", "TE")} == \
        {f.id for f in q.respondent_fields}


def qualtrics_export(q: Questionnaire, form: str | None, people: list[Respondent],
                     path: Path) -> Path:
    """The "Data Table" CSV export with "Use choice text": ids, question text, ImportIds."""
    doc = load_qsf(q, form)
    sq = questions(doc)
    order = [b["QuestionID"] for blk in next(e for e in doc["SurveyElements"]
                                             if e["Element"] == "BL")["Payload"]
             for b in blk["BlockElements"]]
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
            "Finished", "RecordedDate", "ResponseId", "DistributionChannel", "UserLanguage"]
    ids, texts, imports = list(meta), list(meta), [json.dumps({"ImportId": m}) for m in meta]
    getters: list[Any] = []
    for qid in order:
        p = sq[qid]
        if p["QuestionType"] == "Matrix":
            for k in p["ChoiceOrder"]:
                item = p["ChoiceDataExportTags"][k]
                ids.append(item)
                texts.append(f"{html.unescape(p['QuestionText'])} - "
                             f"{html.unescape(p['Choices'][k]['Display'])}")
                imports.append(json.dumps({"ImportId": f"{qid}_{k}"}))
                getters.append(lambda r, i=item: label(q, i, r.answers[i]))
        elif p["QuestionType"] in ("MC", "TE"):
            ids.append(p["DataExportTag"])
            texts.append(html.unescape(p["QuestionText"]))
            imports.append(json.dumps({"ImportId": qid + ("_TEXT" if p["QuestionType"] == "TE"
                                                          else "")}))
            getters.append(lambda r, f=p["DataExportTag"]: r.fields[f] or "")
    rows = [ids, texts, imports]
    for k, r in enumerate(people):
        rows.append(["2026-03-01 09:00:00", "2026-03-01 09:10:00", "IP Address", "203.0.113.9",
                     "100", "600", "True", "2026-03-01 09:10:00", f"R_{k:04d}", "anonymous",
                     "EN", *(g(r) for g in getters)])
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.mark.parametrize(("qid", "form"), CASES)
def test_round_trip(qid: str, form: str | None, tmp_path: Path) -> None:
    q = load_questionnaire(qid)
    people = random_respondents(q, 40, seed=7 + len(qid))
    export = qualtrics_export(q, form, people, tmp_path / "Deployed_March.csv")
    assert_round_trip(q, people, export, tmp_path, platform=PLATFORM, form=form)
