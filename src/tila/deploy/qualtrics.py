"""Qualtrics survey file (.qsf): *Create project > Survey > From a file*, or *Tools > Import/
Export > Import survey* in an open project.

A .qsf is JSON: ``SurveyEntry`` (the survey's name and language) and ``SurveyElements``, a list
of typed elements: ``BL`` (the blocks and the questions in each), ``FL`` (the flow: blocks in
order), ``SO`` (options), ``QC`` (question count) and one ``SQ`` per question. The opening text
is a descriptive-text question (``DB``), respondent fields are multiple-choice (``MC``) or text
entry (``TE``) questions, and each principle's statements are one Likert matrix whose rows carry
the item ids as export tags (``ChoiceDataExportTags``): the export's columns are then named
``saf1``, ``saf2``..., which ``tila import`` matches with no map. Answers are the scale labels,
recoded to the scale values, then the non-scored options.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from typing import Any

from tila.deploy.survey import Survey, field_choices, non_scored_codes, whole


def _id(prefix: str, seed: str, length: int = 15) -> str:
    """Qualtrics-like ids (``SV_...``, ``BL_...``), the same for the same questionnaire."""
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    return prefix + "".join(c if k % 2 else c.upper() for k, c in enumerate(digest[:length]))


def _html(text: str) -> str:
    return escape(text, quote=False)


def _element(survey_id: str, kind: str, primary: str, secondary: str | None,
             payload: Any) -> dict[str, Any]:
    return {"SurveyID": survey_id, "Element": kind, "PrimaryAttribute": primary,
            "SecondaryAttribute": secondary, "TertiaryAttribute": None, "Payload": payload}


def _choices(labels: list[str]) -> dict[str, dict[str, str]]:
    return {str(k + 1): {"Display": _html(label)} for k, label in enumerate(labels)}


def _question(qid: str, tag: str, text: str, kind: str, selector: str,
              **extra: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "QuestionText": text, "DataExportTag": tag, "QuestionType": kind, "Selector": selector,
        "Configuration": {"QuestionDescriptionOption": "UseText"},
        "QuestionDescription": text[:100], "Validation": {"Settings": {
            "ForceResponse": "OFF", "ForceResponseType": "ON", "Type": "None"}},
        "Language": [], "DataVisibility": {"Private": False, "Hidden": False},
        "QuestionID": qid}
    payload.update(extra)
    return payload


def qsf(survey: Survey) -> str:
    seed = survey.stamp
    sid = _id("SV_", seed)
    questions: list[dict[str, Any]] = []
    blocks: list[dict[str, Any]] = []

    def add(payload: dict[str, Any]) -> str:
        questions.append(payload)
        return str(payload["QuestionID"])

    def block(title: str, qids: list[str], kind: str = "Standard") -> None:
        blocks.append({"Type": kind, "Description": title, "ID": _id("BL_", f"{seed} {title}"),
                       "BlockElements": [{"Type": "Question", "QuestionID": q} for q in qids]})

    n = 0

    def next_qid() -> str:
        nonlocal n
        n += 1
        return f"QID{n}"

    opening = "".join(f"<p>{_html(p)}</p>" for p in (*survey.opening, survey.instructions))
    opening = f"<h2>{_html(survey.title)}</h2>{opening}<p><small>{_html(survey.stamp)}</small></p>"
    first = [add(_question(next_qid(), "intro", opening, "DB", "TB"))]
    for f in survey.fields:
        options = list(field_choices(f))
        if options:
            first.append(add(_question(
                next_qid(), f.id, _html(f.label), "MC", "SAVR", SubSelector="TX",
                Choices=_choices(options), ChoiceOrder=[str(k + 1) for k in range(len(options))],
                NextChoiceId=len(options) + 1, NextAnswerId=1)))
        else:
            first.append(add(_question(next_qid(), f.id, _html(f.label), "TE", "SL")))
    block("Introduction", first, kind="Default")
    for sec in survey.sections:
        scale = sec.scale
        labels = [p.label for p in scale.points] + [o.label for o in scale.non_scored]
        recodes = [whole(p.value, "Qualtrics") for p in scale.points] + \
            [code for code, _ in non_scored_codes(scale)]
        rows = [s.text for s in sec.statements]
        prompt = f"{_html(sec.title)}: choose one answer for each statement."
        qid = add(_question(
            next_qid(), sec.id, prompt, "Matrix", "Likert", SubSelector="SingleAnswer",
            Choices=_choices(rows), ChoiceOrder=[str(k + 1) for k in range(len(rows))],
            ChoiceDataExportTags={str(k + 1): s.id for k, s in enumerate(sec.statements)},
            Answers=_choices(labels), AnswerOrder=[str(k + 1) for k in range(len(labels))],
            RecodeValues={str(k + 1): str(v) for k, v in enumerate(recodes)},
            NextChoiceId=len(rows) + 1, NextAnswerId=len(labels) + 1))
        block(sec.title, [qid])
    flow = [{"ID": b["ID"], "Type": "Block" if b["Type"] == "Default" else "Standard",
             "FlowID": f"FL_{k + 2}"} for k, b in enumerate(blocks)]
    elements = [
        _element(sid, "BL", "Survey Blocks", None, blocks),
        _element(sid, "FL", "Survey Flow", None, {"Flow": flow, "Properties": {
            "Count": len(flow) + 1}, "FlowID": "FL_1", "Type": "Root"}),
        _element(sid, "SO", "Survey Options", None, {
            "BackButton": "true", "SaveAndContinue": "true", "SurveyProtection": "PublicSurvey",
            "BallotBoxStuffingPrevention": "false", "NoIndex": "Yes",
            "SurveyExpiration": "None", "SurveyTermination": "DefaultMessage", "Header": "",
            "Footer": "", "ProgressBarDisplay": "Text", "PartialData": "+1 week",
            "PreviousButton": " \u2190 ", "NextButton": " \u2192 "}),
        _element(sid, "QC", "Survey Question Count", str(len(questions)), None),
        *(_element(sid, "SQ", q["QuestionID"], q["QuestionDescription"], q) for q in questions),
    ]
    entry = {"SurveyID": sid, "SurveyName": f"{survey.title} ({survey.stamp})",
             "SurveyDescription": f"Deployed by tila from {survey.stamp}",
             "SurveyOwnerID": "", "SurveyBrandID": "", "DivisionID": None,
             "SurveyLanguage": survey.q.language.split("-")[0].upper(),
             "SurveyActiveResponseSet": _id("RS_", seed), "SurveyStatus": "Inactive",
             "SurveyStartDate": "0000-00-00 00:00:00",
             "SurveyExpirationDate": "0000-00-00 00:00:00",
             "SurveyCreationDate": "0000-00-00 00:00:00", "CreatorID": "",
             "LastModified": "0000-00-00 00:00:00", "LastAccessed": "0000-00-00 00:00:00",
             "LastActivated": "0000-00-00 00:00:00", "Deleted": None}
    return json.dumps({"SurveyEntry": entry, "SurveyElements": elements}, indent=2,
                      ensure_ascii=False) + "\n"
