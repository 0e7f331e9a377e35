"""Codes for reading responses: files, survey-platform exports, column maps and cells."""

from __future__ import annotations

from tila.problem_codes import Area, Code

AREA = Area("Reading responses", {
    "no-input": Code(
        "error", "No response files were given.", "Name at least one response file.",
        "error: no response files given"),
    "unknown-format": Code(
        "error", "tila cannot tell what kind of file this is from its name and content.",
        "Save the responses as CSV, XLSX, Parquet or tila JSON, or name the platform "
        "(`source`).", "data.bin: error: cannot tell what kind of file this is"),
    "unknown-source": Code(
        "error", "The survey platform named is not one tila reads.",
        "Choose one of the platforms listed in the hint.",
        "error: unknown source 'surveygizmo'"),
    "not-a-table": Code(
        "error", "The file is not the table its name or content claims (for example a "
        ".xlsx that is not a workbook).",
        "Open it in a spreadsheet program and save it as .xlsx or .csv.",
        "r.xlsx: error: this is not an Excel workbook (.xlsx is a zip archive, and this file "
        "is not one)"),
    "archive-too-large": Code(
        "error", "A workbook would unpack to far more than a survey export needs (a zip "
        "bomb guard).", "Export the responses as CSV instead.",
        "r.xlsx: error: the workbook would unpack to 900 MB: more than a survey export "
        "needs, so it was not read"),
    "malformed-table": Code(
        "error", "A CSV file is not a well-formed table (rows of different lengths, an "
        "unclosed quote).", "Export the file again; the location names the line.",
        "r.csv:17: error: the file is not a well-formed table: a quote is not closed"),
    "truncated-file": Code(
        "error", "The file ends in the middle of a response.",
        "The download or copy was cut short; export the responses again.",
        "r.csv: error: the file ends in the middle of a response (its last line has 4 of 40 "
        "columns)"),
    "no-responses": Code(
        "error", "The file holds no responses, or every row was dropped (unfinished, preview, "
        "test or spam).",
        "Export the recorded responses; unfinished ones count with `include_incomplete`.",
        "r.csv: error: no responses left to score: all 12 rows were dropped (12 unfinished)"),
    "no-such-sheet": Code(
        "error", "The sheet asked for is not in the workbook.",
        "Give one of the sheet names listed, or its number from 1 (`sheet`).",
        "survey.xlsx: error: the workbook has no sheet 'Answers'; its sheets are 1. 'Responses', "
        "2. 'Notes'"),
    "first-sheet-read": Code(
        "warning", "A workbook has several sheets; only the first was read.",
        "Move the responses to the first sheet, or save that sheet as CSV.",
        "r.xlsx: warning: the workbook has 2 sheets; read the first, 'Responses', and not "
        "'Notes'"),
    "unsupported-column": Code(
        "error", "A column holds values that are neither answers nor text (dates, lists).",
        "Write answers as numbers or labels and respondent fields as text.",
        "r.parquet: column 'when': error: column 'when' holds datetime values, not answers or "
        "text"),
    "unknown-column": Code(
        "error", "A column of a plain table is neither an item nor a respondent field of the "
        "questionnaire.",
        "Rename or remove it; a survey export may need `source` or `mapping`.",
        "r.csv: row 1, column 'saf1': error: column 'saf1' is not an item or respondent field "
        "of tila-org"),
    "wrong-questionnaire": Code(
        "error", "The file's columns do not fit the questionnaire it is read for.",
        "Read it with the questionnaire its columns match (the hint names one when it can).",
        "r.csv: row 1: error: this file does not look like responses to tila-org: 40 of its "
        "42 items have no column"),
    "wrong-survey": Code(
        "error", "Few of the questionnaire's items were found in a platform export: another "
        "survey, or columns named in a way tila cannot match.",
        "Check the questionnaire, or write a column map and edit it.",
        "export.csv: error: only 3 of the 42 items of tila-org were found in this Qualtrics "
        "export"),
    "missing-item": Code(
        "error or warning", "No column holds one of the questionnaire's items.",
        "Add a column named after the item id (it may be empty), or map a column to it.",
        "r.csv: column 'saf04': error: no column for item 'saf04'"),
    "unmapped-item": Code(
        "warning", "No column of a platform export matched an item, so it is missing for "
        "every respondent.", "Add the question to the survey, or map its column.",
        "export.csv: warning: no column for item 'saf04': it is missing for every respondent"),
    "ambiguous-match": Code(
        "warning", "A column's question text matches several items (or several columns "
        "match one), so it is not used.", "Say which item it is in a column map.",
        "export.csv: column 'Q7': warning: the text of column 'Q7' matches several items: "
        "saf03, saf04; it is not used"),
    "answer-codes": Code(
        "warning", "A platform exported answer codes, not answer texts, and tila read them as "
        "the numbers they carry.",
        "Check the codes follow the scale, or export full answer texts.",
        "export.csv: warning: answer codes such as '4' were read as the number they carry "
        "(40 item columns)"),
    "choices-not-on-scale": Code(
        "warning", "A column's choices are not labels of the item's scale; its codes are "
        "read as scale values.",
        "If the codes differ from the scale values, give a value map in a column map.",
        "export.csv: column 'Q3': warning: the choices of column 'Q3' (Often, Never) are not "
        "labels of the scale of item 'saf02'; its codes are read as scale values"),
    "personal-column": Code(
        "error", "A column map maps a column that holds personal data (name, e-mail, IP "
        "address); tila never reads such columns.", "Remove it from the map.",
        "map.yaml:7:3: items.Email: error: column 'Email' holds personal data (e-mail); tila "
        "never reads such columns"),
    "unknown-status": Code(
        "warning", "A Qualtrics export has Status values tila does not know; those "
        "responses are kept.", "Check they are real responses, not previews or tests.",
        "export.csv: column 'Status': warning: 3 responses have a Status tila does not know; "
        "they are kept"),
    "redcap-dictionary-given": Code(
        "error", "A REDCap data dictionary was given where the data export belongs.",
        "Give the data export; the dictionary is found next to it or given separately.",
        "dict.csv: error: this is a REDCap data dictionary, not the data"),
    "redcap-labels-need-dictionary": Code(
        "error", "A REDCap export has labels instead of variable names, and no data "
        "dictionary was found to translate them.",
        "Export 'CSV (raw data)' instead, or give the data dictionary.",
        "export.csv: error: this REDCap export has labels instead of variable names and "
        "codes, and no data dictionary was found"),
    "not-a-dictionary": Code(
        "error", "The file given as a REDCap data dictionary is not one.",
        "Download it from REDCap's Project Setup > Data Dictionary.",
        "dict.csv: error: this is not a REDCap data dictionary"),
    "out-of-range": Code(
        "error or warning", "A numeric answer lies outside the item's scale (an error; a "
        "warning in platform imports, where the cell is left out).",
        "Use a value on the scale, or leave the cell blank for a skipped answer.",
        "r.csv: row 7, column 'saf01' (respondent R7): error: value 9 is outside the scale of "
        "item 'saf01'"),
    "unknown-label": Code(
        "error or warning", "A text answer is not a label of the item's scale.",
        "Use a number or a label of the scale, or map labels with a column map.",
        "r.csv: row 3, column 'saf01': error: 'Agree strongly' is not an answer on the scale "
        "of item 'saf01'"),
    "unknown-choice": Code(
        "error or warning", "A respondent field's value is not one of the field's choices "
        "(in data or in an answers file).", "Use one of the choices, or leave it blank.",
        "r.csv: row 4, column 'role': error: not one of the choices of 'role'"),
    "duplicate-respondent": Code(
        "error", "A respondent id appears more than once (in one file or across files).",
        "Each respondent must appear once; remove the duplicate rows.",
        "r.csv: column 'respondent_id' (respondent R7): error: respondent id 'R7' appears 2 "
        "times (rows 7, 31)"),
    "not-a-response": Code(
        "error", "A JSON file is not a tila response (no 'tila_response' key).",
        "Give the file written by 'tila administer' or 'tila import'.",
        "r.json: error: not a tila JSON response (no 'tila_response' key)"),
    "bad-response-type": Code(
        "error", "A field of a tila JSON response has the wrong type.",
        "Give the file as tila wrote it.",
        "r.json: error: 'answers' must be an object, not a list"),
    "questionnaire-mismatch": Code(
        "error", "The responses are for another questionnaire than the one they are read "
        "or scored with.", "Read them with the questionnaire they name.",
        "r.json: error: answers are for 'tila-pulse', not 'tila-org'"),
    "version-mismatch": Code(
        "warning", "Responses were given to another version of the questionnaire than the "
        "one scoring them.", "Check the items did not change between the versions.",
        "r.json: warning: answers were given to version 1.0, scored with 1.1"),
    "mixed-forms": Code(
        "error", "One file mixes answers to several forms (for example self and staff).",
        "Score each form separately.", "r.json: error: the file mixes forms: self, staff"),
    "map-not-a-mapping": Code(
        "error", "A column map is not a YAML mapping.",
        "A map has 'items', 'fields', ... sections; write one with `write_map`.",
        "map.yaml: error: a column map must be a YAML mapping with 'items', 'fields', ..."),
    "map-unknown-key": Code(
        "error", "A column map has a top-level key tila does not know.",
        "Use the keys listed in the hint.", "map.yaml:3:1: colums: error: unknown key 'colums'"),
    "map-version": Code(
        "error", "A column map was written for another version of tila's map format.",
        "Write a fresh map with this tila.",
        "map.yaml:1:11: tila_map: error: this map was written for another version of tila"),
    "map-questionnaire": Code(
        "error", "A column map is for another questionnaire.",
        "Use a map written for this questionnaire, or read with the one it names.",
        "map.yaml:2:16: questionnaire: error: this map is for 'tila-pulse', not 'tila-org'"),
    "map-unknown-item": Code(
        "error", "A column map maps a column to an item the questionnaire does not have.",
        "Use one of the questionnaire's item ids.",
        "map.yaml:5:7: items.Q1: error: 'saf99' is not an item of tila-org"),
    "map-unknown-field": Code(
        "error", "A column map maps a column to a respondent field the questionnaire does "
        "not have.", "Use one of the fields listed in the hint.",
        "map.yaml:9:7: fields.Dept: error: 'dept' is not a respondent field of tila-org"),
    "map-bad-ignore": Code(
        "error", "A column map's 'ignore' is not a list of column names.",
        "Write 'ignore' as a list.", "map.yaml:12:9: ignore: error: 'ignore' must be a list "
        "of column names"),
    "map-bad-value": Code(
        "error", "A column map's value is not text where text is needed.",
        "Write the value as text.", "map.yaml:2:9: source: error: 'source' must be text"),
    "map-bad-section": Code(
        "error", "A section of a column map does not map column names to ids.",
        "Write the section as 'column name: id' lines.",
        "map.yaml:4:1: items: error: 'items' must map column names to ids"),
    "map-unknown-scale": Code(
        "error", "A column map's value map names something that is not a scale, item or "
        "respondent field.", "Use one of the scales listed in the hint.",
        "map.yaml:20:3: values.agree6: error: 'agree6' is not a scale, item or respondent "
        "field of tila-org"),
    "map-bad-target": Code(
        "error", "A column map maps an answer text to a value that is not on the scale.",
        "Use a scale value, a label or a non-scored option id.",
        "map.yaml:21:5: values.agree.Mostly: error: 'Mostly' maps to 7, which is not on the "
        "scale"),
    "map-missing-column": Code(
        "error", "A column map names a column the export does not have.",
        "Check the spelling against the export's header row, or write a fresh map.",
        "map.yaml:6:3: items.Q7: error: the map names column 'Q7', which is not in the export"),
})
