"""Data-entry workbook: one row per returned form with drop-downs from the scale and a form
number column; once filled in and saved, tila reads it directly, with no map."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import polars as pl
import pytest

from tests.deploy_support import Respondent, assert_round_trip, label, random_respondents
from tila import load_questionnaire
from tila.deploy import deploy
from tila.deploy.survey import answer_labels, build_survey, field_choices
from tila.deploy.workbook import ID_COLUMN
from tila.questionnaire.model import Questionnaire

CASES = [("tila-starter", None), ("tila-org", None), ("tila-leader", "staff")]


def deployed(q: Questionnaire, form: str | None, tmp: Path) -> Path:
    path = tmp / "entry.xlsx"
    path.write_bytes(deploy(q, "workbook", form=form))
    return path


@pytest.mark.parametrize(("qid", "form"), CASES)
def test_layout_and_drop_downs(qid: str, form: str | None, tmp_path: Path) -> None:
    q = load_questionnaire(qid)
    path = deployed(q, form, tmp_path)
    header = pl.read_excel(path, engine="calamine").columns  # the first sheet
    survey = build_survey(q, form)
    assert header == [ID_COLUMN, *(f.id for f in q.respondent_fields),
                      *(s.id for s in survey.statements), "comments"]
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        props = z.read("docProps/core.xml").decode()
        names = z.namelist()
    assert f"{q.id} {q.version}" in props
    assert any(n.startswith("xl/comments") for n in names)  # statements as header notes
    # One list validation per column with options, pointing at the hidden Lists sheet.
    lists = re.findall(r'<dataValidation type="list"[^>]*sqref="([A-Z]+)2:\1(\d+)"', sheet)
    with_options = [f for f in q.respondent_fields if f.choices]
    assert len(lists) == len(with_options) + len(survey.statements)
    assert {int(n) for _, n in lists} == {1001}
    assert 'type="custom"' in sheet  # form numbers unique
    lists_sheet = pl.read_excel(path, sheet_name="Lists", engine="calamine",
                                has_header=False)
    offered = {tuple(v for v in lists_sheet.get_column(c).to_list() if v is not None)
               for c in lists_sheet.columns}
    assert {answer_labels(s.scale) for s in survey.sections} <= offered
    assert {field_choices(f) for f in with_options} <= offered


def filled_copy(path: Path, q: Questionnaire, people: list[Respondent], out: Path) -> Path:
    """The workbook after typing in the returned forms: its header, then one row per form,
    each answer chosen from the drop-down (the labels)."""
    import xlsxwriter

    header = pl.read_excel(path, engine="calamine").columns
    book = xlsxwriter.Workbook(str(out))
    sheet = book.add_worksheet("Responses")
    fields = {f.id for f in q.respondent_fields}
    for c, name in enumerate(header):
        sheet.write_string(0, c, name)
    for r, p in enumerate(people, start=1):
        for c, name in enumerate(header):
            if name == ID_COLUMN:
                sheet.write_number(r, c, 100 + r)  # form numbers as typed: numbers
            elif name in fields:
                if p.fields[name]:
                    sheet.write_string(r, c, p.fields[name])
            elif name == "comments":
                if r % 4 == 0:
                    sheet.write_string(r, c, "More breaks on night shifts.")
            elif (text := label(q, name, p.answers[name])):
                sheet.write_string(r, c, text)
    book.close()
    return out


@pytest.mark.parametrize(("qid", "form"), CASES)
def test_round_trip(qid: str, form: str | None, tmp_path: Path) -> None:
    q = load_questionnaire(qid)
    people = random_respondents(q, 40, seed=13 + len(qid))
    export = filled_copy(deployed(q, form, tmp_path), q, people, tmp_path / "typed.xlsx")
    assert_round_trip(q, people, export, tmp_path, platform="xlsx", form=form)
