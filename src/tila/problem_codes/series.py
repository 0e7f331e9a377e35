"""Codes for work across several surveys: waves over time (``tila trend``), plans followed up at
the next wave, one report per site, and benchmarks across organizations."""

from __future__ import annotations

from tila.problem_codes import Area, Code

AREA = Area("Waves, sites and benchmarks", {
    "too-few-waves": Code(
        "error", "A trend was asked for with fewer than two waves.",
        "Give every wave, each with its own label (`waves`).",
        "error: a trend needs at least two waves; got 1"),
    "bad-wave-label": Code(
        "error", "A wave's label is empty.", "Label every wave, e.g. 'Spring 2026'.",
        "error: a wave label is empty"),
    "duplicate-wave": Code(
        "error", "Two waves carry the same label.", "Give every wave its own label.",
        "error: wave label 'Spring' is used twice"),
    "no-shared-items": Code(
        "error", "The waves' questionnaires have no statement asked the same way in all of "
        "them, so nothing can be compared.",
        "Compare waves of one questionnaire, or of versions that keep some statements unchanged.",
        "error: the waves' questionnaires share no statement asked in the same way"),
    "wave-version": Code(
        "error", "Waves scored with different questionnaires were compared without first "
        "aligning them on their shared statements (library use).",
        "Score the waves with tila.trend's score_waves, which aligns them.",
        "error: wave 'Autumn' was scored with another questionnaire"),
    "wave-missing-field": Code(
        "error", "A breakdown field is missing from one of the waves.",
        "Break down only by fields every wave has (`by`).",
        "error: wave 'Spring' has no 'role' column to break down by"),
    "repeated-answers": Code(
        "error", "A wave repeats another wave's people with identical answers: a cumulative "
        "export, whose difference from the earlier wave could single out the people added.",
        "Give each wave's own responses only.",
        "error: wave 'Autumn' repeats the answers of 150 of the 150 people it shares with wave "
        "'Spring' unchanged"),
    "plan-unreadable": Code(
        "error", "The previous action plan cannot be read.",
        "Check the file exists and is UTF-8 CSV.",
        "plan.csv: error: cannot read the previous plan: [Errno 2] No such file"),
    "plan-columns": Code(
        "error", "The previous action plan lacks the columns tila wrote into it.",
        "Give the CSV written with the report's plan CSV (`plan_csv`), keeping its columns; "
        "fill in status, owner and due_date.",
        "plan.csv: error: the previous plan has no 'suggestion_id' column"),
    "site-*": Code(
        "warning", "A site gets no report of its own: `site-small-site` when fewer people "
        "than the minimum group size are scored there (on any principle, domain or the overall "
        "index), `site-complementary` when it is held back so that sites without a report "
        "cannot be recovered by subtraction.",
        "Nothing to do: its people still count in the organization's figures; a smaller "
        "`min_group_size` is not the answer for staff surveys.",
        "warning: no report for site 'North': fewer than 5 people answered there"),
    "stale-site-reports": Code(
        "warning", "The output folder holds site reports this run did not write (from an "
        "earlier run); tila deletes nothing.",
        "Delete them if they belong to an earlier survey.",
        "warning: reports in the folder not written by this run: site-north.html"),
    "not-a-folder": Code(
        "error", "The output for a set of site reports is an existing file, not a folder.",
        "Give a folder (`output`) for the set of reports.",
        "error: reports.html is not a folder"),
    "not-a-result": Code(
        "error", "A file given to build a benchmark is not a scored result in tila's JSON.",
        "Score each organization to JSON with tila score and build from those files.",
        "org.csv: error: not a result of tila score in JSON"),
    "result-too-large": Code(
        "error", "A file given to build a benchmark is far larger than a scored result.",
        "Check it is a result file, not responses.",
        "big.json: error: the file is larger than 50 MB; a scored result is much smaller"),
    "duplicate-result": Code(
        "warning", "The same result file was given twice; it counts once.",
        "Nothing to do, or remove the copy.",
        "copy.json: warning: the same result as an earlier file; counted once"),
    "too-few-organizations": Code(
        "warning", "A questionnaire version has fewer than 10 organizations, too few for a "
        "benchmark that singles none out; it is left out.",
        "Gather more organizations' results for that version.",
        "warning: tila-org 1.0.0: 7 organization(s), fewer than 10; left out of the benchmark"),
    "benchmark-too-large": Code(
        "error", "The benchmark file is larger than a benchmark can be.",
        "Check it is a file written by tila benchmark build.",
        "b.json: error: the benchmark file is larger than 5 MB"),
    "benchmark-other-version": Code(
        "error", "The benchmark holds no organizations that answered this questionnaire "
        "version; scores of other versions are not comparable.",
        "Use a benchmark built from the same questionnaire version.",
        "b.json: error: the benchmark holds no organizations that answered tila-org 1.0.0"),
    "not-a-benchmark": Code(
        "error", "The file is not a benchmark written by tila benchmark build.",
        "Give the file tila benchmark build wrote.",
        "b.json: error: not a benchmark made by 'tila benchmark build'"),
})
