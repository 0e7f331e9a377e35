"""Excel data-entry workbook for returned paper forms: one row per form, drop-down lists built
from the scale, and a column for the form number printed on every page of the paper form.

The first sheet is tila's native wide table (``respondent_id``, the respondent fields, one
column per item id, ``comments``), so ``tila score``, ``tila report`` and ``tila import`` read
the saved workbook directly. Each header carries the statement as a cell note, and the
"Statements" sheet lists them in the paper form's order, so whoever types the forms in can
check each column. The lists the drop-downs use live on a hidden sheet. xlsxwriter writes the
file (a runtime dependency: pure Python, no dependencies of its own).
"""

from __future__ import annotations

import io
from typing import Any

from tila.deploy.survey import Survey, answer_labels, field_choices

ROWS = 1000  # rows given drop-downs; a larger return simply extends them in Excel
ID_COLUMN = "respondent_id"  # a column name tila's native reader takes as the respondent id


def _col(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def data_entry_workbook(survey: Survey) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False})
    # Fixed properties keep the file the same for the same questionnaire.
    from datetime import datetime

    book.set_properties({"title": f"{survey.title}: data entry", "subject": survey.stamp,
                         "comments": f"Written by tila deploy from {survey.stamp}",
                         "created": datetime(2000, 1, 1)})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "top",
                            "bg_color": "#E8EEF4", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    entry = book.add_worksheet("Responses")
    about = book.add_worksheet("Statements")
    lists = book.add_worksheet("Lists")
    lists.hide()

    list_ranges: dict[tuple[str, ...], str] = {}

    def list_range(options: tuple[str, ...]) -> str:
        if options not in list_ranges:
            col = _col(len(list_ranges))
            for r, text in enumerate(options):
                lists.write_string(r, len(list_ranges), text)
            list_ranges[options] = f"=Lists!${col}$1:${col}${len(options)}"
        return list_ranges[options]

    columns: list[tuple[str, str, tuple[str, ...] | None]] = [
        (ID_COLUMN, "Form number: the number written on the paper form. One row per form.",
         None)]
    for f in survey.fields:
        columns.append((f.id, f.label, field_choices(f) or None))
    for sec in survey.sections:
        for st in sec.statements:
            columns.append((st.id, f"{sec.title}: {st.text}", answer_labels(sec.scale)))
    columns.append(("comments", "Comments written on the form, typed as written.", None))
    entry.freeze_panes(1, 1)
    entry.set_row(0, 30)
    for c, (name, note, options) in enumerate(columns):
        entry.write_string(0, c, name, head)
        entry.write_comment(0, c, note, {"x_scale": 2, "y_scale": 1.5})
        entry.set_column(c, c, 40 if name == "comments" else 14 if options else 12)
        if options:
            entry.data_validation(1, c, ROWS, c, {
                "validate": "list", "source": list_range(options),
                "error_title": "Not one of the answers",
                "error_message": "Choose an answer from the list, or leave the cell empty "
                                 "when the form has none."})
    entry.data_validation(1, 0, ROWS, 0, {
        "validate": "custom", "value": f"=COUNTIF($A$2:$A${ROWS + 1},A2)=1",
        "error_title": "Form number used twice",
        "error_message": "Each returned form gets its own row and number."})
    _statements(about, survey, head, wrap)
    book.close()
    return buf.getvalue()


def _statements(sheet: Any, survey: Survey, head: Any, wrap: Any) -> None:
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 90)
    sheet.write_string(0, 0, survey.title, head)
    sheet.write_string(0, 1, survey.stamp, head)
    sheet.write_string(1, 1, "Type each returned form into one row of the Responses sheet, "
                       "starting with its form number. Choose answers from the drop-down "
                       "lists; leave a cell empty when the form has no answer there.", wrap)
    r = 3
    sheet.write_string(r, 0, "column", head)
    sheet.write_string(r, 1, "question or statement", head)
    for f in survey.fields:
        r += 1
        sheet.write_string(r, 0, f.id)
        sheet.write_string(r, 1, f.label, wrap)
    for sec in survey.sections:
        r += 1
        sheet.write_string(r, 1, sec.title, head)
        for st in sec.statements:
            r += 1
            sheet.write_string(r, 0, st.id)
            sheet.write_string(r, 1, st.text, wrap)
