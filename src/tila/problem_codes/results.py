"""Codes for what tila makes from responses: scores, reports, deployed surveys, and the
interview files of ``tila administer``."""

from __future__ import annotations

from tila.problem_codes import Area, Code

SCORING = Area("Scoring", {
    "bad-min-group-size": Code(
        "error", "The minimum group size is below 1.",
        "Give a `min_group_size` of at least 1 (5 is the default and the usual rule).",
        "error: `min_group_size` must be at least 1"),
    "unknown-field": Code(
        "error", "A respondent field named (to group by, or in an answers file) is not a "
        "field of the questionnaire.", "Use one of the fields listed in the hint.",
        "error: 'team' is not a respondent field of tila-org"),
    "field-not-in-data": Code(
        "error", "Grouping asks for a respondent field the responses have no column for.",
        "Add the column, or group by another field.",
        "error: the responses have no 'program' column"),
    "nobody-scored": Code(
        "error", "No respondent answered enough items to be scored.",
        "Check the file holds answers for this questionnaire; paused interviews count with "
        "`include_incomplete`.",
        "r.csv: error: no respondent answered enough items to be scored (at least 50% of the "
        "items are needed)"),
    "few-respondents": Code(
        "warning", "So few people were scored that every score is uncertain (and, below the "
        "minimum group size, could identify individuals).",
        "Share these results with care and treat them as a first look.",
        "warning: Only 4 people were scored: with fewer than 20, every score is uncertain ..."),
    "low-coverage": Code(
        "warning", "A principle could be scored for fewer than half of the people scored.",
        "Read it as the view of the people who could answer.",
        "principles.voice: warning: Voice and choice could be scored for only 12 of the 40 "
        "people who answered ..."),
    "high-unknown": Code(
        "warning", "Many answers about a principle were \"Don't know\" or \"Not applicable\".",
        "Ask staff why this is hard to see; the score rests on the people who could answer.",
        "principles.peer: warning: 41% of the answers about Peer support were \"Don't know\" "
        "or \"Not applicable\" ..."),
    "alpha-withheld": Code(
        "warning", "Reliability (Cronbach's alpha) is not reported for a principle: too few "
        "statements, or too few people who answered all of them.",
        "Nothing to fix; the score is still reported.",
        "warning: Reliability (alpha) for Safety is not reported: it has only 2 statements; "
        "at least 3 are needed."),
    "alpha-negative": Code(
        "warning", "A principle's statements do not move together in these answers "
        "(negative alpha).",
        "Look at the statements one by one; an unmarked reverse-worded statement is a common "
        "cause.", "warning: The statements of Safety do not move together in these answers "
        "(alpha -0.12): treat this score with caution."),
    "unfinished-excluded": Code(
        "warning", "Paused, never submitted interviews were left out of the scores.",
        "Count them with `include_incomplete=True` if they should be.",
        "warning: 2 unfinished interviews (they were paused and never submitted) were left "
        "out."),
    "many-empty-rows": Code(
        "warning", "A large share of the rows had no answers at all: the file may not have "
        "been read as intended (command line only).",
        "Check the delimiter, unmapped answer columns, or rows of an unfinished export.",
        "warning: 30 of 100 rows (30%) have no answers at all and were left out; the file may "
        "not have been read as intended"),
})

REPORT = Area("Reports", {
    "bad-format": Code(
        "error", "The report format is neither pdf nor html.", "Use pdf or html.",
        "error: unknown report format 'docx'"),
    "bad-accent": Code(
        "error", "The accent colour is not a hex colour.", "Give a hex colour such as #0072B2.",
        "error: `accent` 'teal' is not a colour"),
    "bad-paper": Code(
        "error", "The paper size is not one tila knows.", "Use a4 or letter.",
        "error: unknown paper size 'a5'"),
    "bad-pdf-variant": Code(
        "error", "The PDF variant is not one tila makes.",
        "Use pdf/ua-1, pdf/a-3u or pdf/a-2u.", "error: unknown PDF variant 'pdf/x-4'"),
    "bad-invited": Code(
        "error", "The number of people invited is below 1.",
        "Give the number invited, or leave it out.", "error: `invited` must be at least 1"),
    "templates-missing": Code(
        "error", "The template folder does not exist.",
        "Give a folder holding report.html.j2 or partials to override.",
        "mytemplates: error: template folder mytemplates does not exist"),
    "template-syntax": Code(
        "error", "A report template has a Jinja syntax error.", "Fix the line named.",
        "report.html.j2:12: error: template syntax error: unexpected '}'"),
    "template-variable": Code(
        "error", "A report template uses a variable the report context does not have.",
        "Check the variable names against docs/reports.md.",
        "error: template error: 'ReportContext object' has no attribute 'orgname'"),
    "template-missing": Code(
        "error", "A report template includes a template that does not exist.",
        "Check the file names in your templates folder.",
        "error: template not found: partials/cover.html.j2"),
    "template-unsafe": Code(
        "error", "A template tried something the sandbox forbids (reading attributes or "
        "calling functions it may not).", "Templates only format the values they are given.",
        "error: a template tried something the sandbox forbids: access to attribute "
        "'__class__' of 'str' object is unsafe."),
    "logo-missing": Code(
        "error", "The logo file cannot be read.", "Check the path given as the logo.",
        "logo.png: error: cannot read the logo: No such file or directory"),
    "logo-too-large": Code(
        "error", "The logo is larger than 2 MB.", "Use a smaller image.",
        "logo.png: error: the logo is larger than 2 MB"),
    "logo-format": Code(
        "error", "The logo is not a PNG, JPEG, GIF or SVG image.",
        "Convert it to PNG or SVG.", "logo.bmp: error: the logo is not a PNG, JPEG, GIF or "
        "SVG image"),
    "pdf-failed": Code(
        "error", "WeasyPrint could not make the PDF.",
        "This is a problem in tila or WeasyPrint, not in the data: please report it "
        "(--debug shows the details).", "error: could not make the PDF: ..."),
    "baseline-version": Code(
        "error", "The baseline was answered with (or scored by) another version of the "
        "questionnaire, so the change would not be comparable.",
        "Compare waves answered with the same questionnaire version.",
        "error: the baseline was answered with another version of tila-pulse than 1.1; the "
        "change would not be comparable"),
    "no-leader-field": Code(
        "error", "A report about one leader was asked for, but the responses have no "
        "'leader' column.", "Use tila-leader ratings that name the leader they are about.",
        "error: the responses have no 'leader' column"),
    "unknown-leader": Code(
        "error", "A report about one leader was asked for, but no rating names that leader.",
        "Use one of the leaders listed in the hint.", "error: no ratings for leader 'L99'"),
    "too-few-raters": Code(
        "error", "Fewer staff rated the leader than the minimum group size, so their "
        "answers could be recognized.", "Collect more ratings before reporting on this leader.",
        "error: only 3 staff rated leader 'L08'; at least 5 are needed so that no one can be "
        "recognized by their answers"),
    "too-few-self-ratings": Code(
        "error", "The self-ratings of more than one but fewer than the minimum group size of "
        "leaders would be averaged, and each leader could work out the others' answers from "
        "the average and their own.",
        "Report on one leader beside their own self-rating (`leader`), or give at least "
        "`min_group_size` self-ratings.",
        "error: 2 self-ratings would be shown as one average; with fewer than 5, a leader could "
        "work out the others' answers from it"),
    "leader-not-assembled": Code(
        "error", "A library caller asked render_report (or build) for a leader report from a "
        "result that did not go through assemble_report, so the threshold was never checked.",
        "Pass the result of tila.report.assemble.assemble_report to render_report.",
        "error: a report about leader 'L01' must be assembled from the responses, so that "
        "only their ratings are shown and the anonymity threshold is checked"),
    "no-sample-data": Code(
        "error", "The sample organization's data is not bundled with this copy of tila, so "
        "the demo cannot run.", "Reinstall tila, or run a report on your own data.",
        "error: the sample organization's data is not bundled with this copy of tila"),
})

DEPLOY = Area("Deploying surveys and writing results", {
    "unknown-target": Code(
        "error", "The deployment target is not one tila writes.",
        "Choose one of the targets listed in the hint.", "error: cannot deploy to 'typeform'"),
    "form-needed": Code(
        "error", "The questionnaire has several forms and none was chosen to deploy.",
        "Deploy each form as its own survey (`form`).",
        "error: tila-leader has forms (self, staff): say which one to deploy"),
    "fractional-scale": Code(
        "error", "A scale value is not a whole number, and the target needs whole-number "
        "answer codes.", "Deploy to paper or the data-entry workbook instead.",
        "error: scale value 2.5 is not a whole number; Qualtrics needs whole-number answer "
        "codes"),
    "bad-code": Code(
        "error", "An id cannot become a LimeSurvey code (letters and digits, starting with a "
        "letter, limited length).", "Shorten the id in the questionnaire.",
        "error: item 'saf-01' cannot be a LimeSurvey code"),
    "name-clash": Code(
        "error", "Two ids become the same LimeSurvey code.",
        "Give them ids that differ in letters or digits.",
        "error: item 'saf_1' and item 'saf-1' both become the LimeSurvey code 'saf1'"),
    "unknown-output-format": Code(
        "error", "Responses cannot be written in the format the output file's name asks for.",
        "Name the output .csv, .parquet or .jsonl.", "out.xls: error: cannot write '.xls' "
        "files"),
})

INTERVIEW = Area("Interviews (tila administer)", {
    "not-a-session": Code(
        "error", "The file to resume is not a tila interview file.",
        "Resume a .json file written by 'tila administer'; score survey exports instead.",
        "r.csv: error: this is a CSV file, not an interview file"),
    "other-questionnaire": Code(
        "error", "The interview file belongs to another questionnaire.",
        "Resume it with the questionnaire it names.",
        "s.json: questionnaire.id: error: this interview belongs to questionnaire "
        "'tila-pulse', not 'tila-org'"),
    "questionnaire-version": Code(
        "error", "The interview was started with another version of the questionnaire.",
        "Finish it with the tila release it was started with.",
        "s.json: questionnaire.version: error: this interview was started with version 1.0 of "
        "'tila-org', which is now version 1.1"),
    "answers-not-mapping": Code(
        "error", "An interview or answers file's answers are not a mapping of item ids to "
        "answers.", "Write answers as 'item id: answer' lines.",
        "a.yaml: (document): error: the answers file must be a mapping of item ids to answers"),
    "not-a-mapping": Code(
        "error", "A section of an answers file is not a mapping.",
        "Write it as 'key: value' lines.", "a.yaml: fields: error: 'fields' must be a mapping"),
    "unknown-answer": Code(
        "error", "An answer is not on the item's scale.",
        "Use a value or label of the scale, a non-scored option, or null.",
        "a.yaml: answers.saf01: error: 9 is not an answer on this item's scale"),
    "output-exists": Code(
        "error", "A new interview would overwrite an existing file.",
        "Continue it (`resume`), choose another name (`output`), or replace it "
        "(`force=True`).", "s.json: error: the output file already exists"),
    "no-such-folder": Code(
        "error", "The folder for the interview file does not exist.",
        "Create the folder first.",
        "out/s.json: error: the folder for the output file does not exist"),
})
