"""Codes for files as files: finding, reading and writing them, whatever they hold."""

from __future__ import annotations

from tila.problem_codes import Area, Code

AREA = Area("Files: reading and writing", {
    "file-not-found": Code(
        "error", "A file named as input does not exist.",
        "Check the path and its spelling; relative paths start from the current folder.",
        "survey.csv: error: no such file: survey.csv"),
    "not-a-file": Code(
        "error", "A path names a folder (or something else) where a file is needed.",
        "Give the file inside the folder; a folder of tila JSON responses is read whole.",
        "exports: error: exports is a folder with no tila JSON responses (*.json) in it"),
    "unreadable": Code(
        "error", "A file exists but cannot be read (permissions, a device, an I/O error).",
        "Check the file's permissions, or copy it somewhere readable.",
        "answers.yaml: error: cannot read the file ([Errno 13] Permission denied)"),
    "file-too-large": Code(
        "error", "A file is larger than tila reads for its kind (a guard against reading "
        "gigabytes by mistake).",
        "Check it is the intended file; survey data belongs in CSV or Parquet.",
        "q.yaml: error: the file is larger than 5 MB"),
    "empty-file": Code(
        "error", "A file has no content at all.",
        "Export or save the file again; a download may have failed.",
        "q.yaml: error: the file is empty"),
    "bad-encoding": Code(
        "error", "A text file is not UTF-8.",
        "Save the file as UTF-8 (most editors and spreadsheet programs offer it).",
        "q.yaml: error: not UTF-8 text (invalid start byte)"),
    "bad-json": Code(
        "error", "A JSON file is not valid JSON.",
        "Check the file was written completely; the location names the line.",
        "r.json:3: error: invalid JSON: Expecting ',' delimiter"),
    "json-syntax": Code(
        "error", "An interview or answers file is not valid JSON.",
        "Check the file was written completely, or start the interview again.",
        "s.json:1: error: invalid JSON: Expecting value"),
    "json-too-deep": Code(
        "error", "A JSON document nests more deeply than any tila file does.",
        "Give the file tila wrote; this one is not a tila file.",
        "r.json: error: the JSON is nested too deeply to read"),
    "json-number": Code(
        "error", "A number in a JSON file is too long to read.",
        "Answers and scale values are small numbers; check the file.",
        "r.json: error: a number in the JSON cannot be read (Exceeds the limit)"),
    "yaml-syntax": Code(
        "error", "A YAML file (questionnaire, map, suggestions, answers) is not valid YAML.",
        "Fix the line named; indentation and unclosed quotes are the usual causes.",
        "q.yaml:12:3: error: invalid YAML: mapping values are not allowed here"),
    "yaml-value": Code(
        "error", "A value in a YAML file cannot be read (for example a huge number).",
        "Scale values and answers are small numbers; check the value.",
        "q.yaml: error: a value cannot be read (Exceeds the limit)"),
    "yaml-duplicate-key": Code(
        "error", "A YAML mapping names the same key twice (the second would silently win).",
        "Keep one of the two entries.",
        "q.yaml:20:5: error: duplicate key 'text'"),
    "yaml-too-deep": Code(
        "error", "A YAML document nests more deeply than any tila file does.",
        "Give a tila file; this one is not.",
        "q.yaml:3:1: error: the YAML is too large to read: nested more than 64 levels deep"),
    "yaml-aliases": Code(
        "error", "A YAML document's aliases expand it far beyond its size (a 'billion laughs' "
        "file).",
        "Write the values out instead of using aliases.",
        "q.yaml:1:1: error: the YAML is too large to read: more than 10000 alias uses"),
    "yaml-recursive": Code(
        "error", "A YAML alias refers to the mapping or list that contains it.",
        "Remove the alias.",
        "q.yaml:1:1: error: the YAML is too large to read: an alias refers to the mapping or "
        "list that contains it, so the document never ends"),
    "exists": Code(
        "error", "The output file already exists and replacing it was not asked for.",
        "Choose another name, or replace it (`overwrite=True`).",
        "scores.csv: error: scores.csv already exists"),
    "read-only": Code(
        "error", "The output file exists and is read-only, so tila will not replace it.",
        "Make it writable if it may be replaced, or choose another name.",
        "scores.csv: error: scores.csv is read-only"),
    "no-folder": Code(
        "error", "The folder an output file should go in does not exist.",
        "Create the folder first, or write somewhere else.",
        "out/r.pdf: error: folder out does not exist"),
    "unwritable": Code(
        "error", "tila cannot write the output file (permissions, a full disk).",
        "Check the folder's permissions and free space.",
        "r.pdf: error: cannot write r.pdf"),
    "output-is-input": Code(
        "error", "The output would overwrite one of the command's own inputs.",
        "Write somewhere else.",
        "q.yaml: error: q.yaml is the questionnaire being deployed"),
    "more-problems": Code(
        "error or warning", "Stands for the problems left out after the first 50 of one "
        "run, so a file with a million bad cells is reported in a screenful.",
        "Fix the problems shown; the rest are usually of the same kinds.",
        "error: ... and 1204 more problems of the same kinds"),
    "error": Code(
        "error", "A problem raised without a more specific code (library callers raising "
        "TilaError with a message).",
        "Read the message; report it if tila itself raised it, so it can get a code."),
})
