"""Codes for questionnaires (YAML) and suggestions libraries, raised by ``tila validate`` and
whenever one is loaded."""

from __future__ import annotations

from tila.problem_codes import Area, Code

AREA = Area("Questionnaires and suggestions libraries", {
    "unknown-questionnaire": Code(
        "error or warning", "A questionnaire id is neither built in nor a file (an error); "
        "in a suggestions library, a statement names a questionnaire tila does not have, so "
        "it cannot be checked (a warning).",
        "Use a built-in id ('tila questionnaires' lists them) or a path to a .yaml file.",
        "error: 'tila-orgg' is neither a built-in questionnaire nor a file"),
    "not-a-questionnaire": Code(
        "error", "The YAML document is not a mapping of fields, so it cannot be a "
        "questionnaire.",
        "A questionnaire starts with 'id:', 'version:', 'title:' (see docs/authoring.md).",
        "q.yaml:1:1: error: the document is not a mapping of fields"),
    "schema-*": Code(
        "error", "A questionnaire, map or library does not fit its schema; the rest of the "
        "code is the kind of mismatch (schema-missing, schema-extra-forbidden, "
        "schema-string-pattern-mismatch, schema-literal-error, ...).",
        "Fix the field at the location given; 'tila schema' prints the allowed fields.",
        "q.yaml:8:3: items[2]: error: required field 'scale' is missing"),
    "duplicate-item": Code(
        "error", "Two items share an id.", "Give every item its own id.",
        "q.yaml:30:7: items[4].id: error: item id 'saf01' is used more than once"),
    "duplicate-text": Code(
        "warning", "Two items have the same text; respondents would answer the same "
        "statement twice.", "Reword one of them.",
        "q.yaml:31:9: items[5].text: warning: item 'saf02' has the same text as another item"),
    "unknown-principle": Code(
        "error", "An item or suggestion names a principle that is not one of SAMHSA's six.",
        "Use a principle id (the hint lists the close ones).",
        "q.yaml:12:16: items[0].principle: error: unknown principle 'saftey'"),
    "unknown-domain": Code(
        "error", "An item or suggestion names an implementation domain tila does not know.",
        "Use one of the ten domain ids (docs/authoring.md).",
        "q.yaml:13:13: items[0].domain: error: unknown domain 'trainings'"),
    "unknown-scale": Code(
        "error", "An item names a scale the questionnaire does not define.",
        "Define the scale under 'scales', or fix the name.",
        "q.yaml:14:12: items[0].scale: error: unknown scale 'agree5'"),
    "unknown-form": Code(
        "error", "A form is named that the questionnaire does not have: in an item's "
        "wording, in an interview file, or in response data.",
        "Use one of the forms the questionnaire declares.",
        "q.yaml:20:9: items[3].forms: error: item 'ldr04' has wording for unknown form 'slef'"),
    "duplicate-scale-value": Code(
        "error", "A scale lists the same value twice.", "Give every point its own value.",
        "q.yaml:5:5: scales.agree.points: error: scale 'agree' repeats a value"),
    "unordered-scale": Code(
        "error", "A scale's points are not listed from the lowest value to the highest.",
        "List the points in rising order.",
        "q.yaml:5:5: scales.agree.points: error: scale 'agree' points must go from the lowest "
        "value to the highest"),
    "duplicate-scale-label": Code(
        "error", "Two answers of one scale share a label or synonym, so a label in the data "
        "could mean either.", "Make labels and synonyms unique within the scale.",
        "q.yaml:6:5: scales.agree: error: scale 'agree' uses the label 'agree' for more than "
        "one answer"),
    "code-is-scored": Code(
        "error", "A non-scored option (such as \"Don't know\") uses a code that is also a "
        "scored value.", "Give the option a code outside the scale's values.",
        "q.yaml:9:11: scales.agree.non_scored[0].code: error: code 3 of 'dk' is also a scored "
        "value"),
    "digit-key": Code(
        "error", "A non-scored option's key is a digit, which would clash with typed answer "
        "numbers in the interview.", "Use a letter such as n or d.",
        "q.yaml:9:11: scales.agree.non_scored[0].key: error: key '9' would clash with answer "
        "numbers"),
    "duplicate-field": Code(
        "error", "A respondent field is defined twice.", "Keep one definition.",
        "q.yaml:40:7: respondent_fields[1].id: error: respondent field 'role' is defined twice"),
    "field-item-clash": Code(
        "error", "The same id is used for an item and a respondent field.",
        "Rename one of them.",
        "q.yaml:40:7: respondent_fields[0].id: error: 'saf01' is both an item and a respondent "
        "field"),
    "empty-band": Code(
        "error", "A score band's min is not below its max.", "Give the band a real range.",
        "q.yaml:50:7: scoring.bands[1]: error: band 'aware' has min 40 not below max 40"),
    "unordered-bands": Code(
        "error", "Score bands are not listed from the lowest to the highest.",
        "List the bands in rising order.",
        "q.yaml:48:3: scoring.bands: error: bands must be listed from the lowest to the highest"),
    "band-gap": Code(
        "error", "The score bands do not cover 0 to 100 without a gap.",
        "Start the first band at 0, end the last at 100, and start each band where the "
        "previous one ends.",
        "q.yaml:49:12: scoring.bands[0].min: error: bands start at 10, not 0"),
    "band-overlap": Code(
        "error", "Two score bands overlap, so a score would have two stages.",
        "Each band's min must equal the previous band's max.",
        "q.yaml:53:12: scoring.bands[2].min: error: bands 'aware' and 'sensitive' overlap"),
    "few-items": Code(
        "warning", "A principle has so few items that its score and reliability are fragile.",
        "Add items for this principle.",
        "q.yaml:11:1: items: warning: principle 'voice' has only 1 item(s); scores and "
        "reliability from fewer than 3 items are fragile"),
    "not-a-library-file": Code(
        "error", "A suggestions-library file has no top-level 'kind'.",
        "Start it with 'kind: suggestions' or 'kind: references'.",
        "lib.yaml:1:1: error: not a suggestions or references file: it has no top-level "
        "'kind'"),
    "unknown-kind": Code(
        "error", "A library file's 'kind' is neither suggestions nor references.",
        "Use 'kind: suggestions' or 'kind: references'.",
        "lib.yaml:1:7: kind: error: unknown kind 'suggestion'"),
    "empty-library": Code(
        "error", "A library folder holds no suggestions files.",
        "A suggestions file starts with 'kind: suggestions'.",
        "mylib: error: the folder has no suggestions files"),
    "no-suggestions": Code(
        "error", "A suggestions file lists no suggestions.", "Add at least one.",
        "lib.yaml: error: the file lists no suggestions"),
    "duplicate-suggestion": Code(
        "error", "Two suggestions share an id.", "Give every suggestion its own id.",
        "b.yaml:4:7: [0].id: error: suggestion id 'saf-debrief' is already used in a.yaml"),
    "unknown-reference": Code(
        "error", "A suggestion cites a reference id no references file defines.",
        "Add the reference, or fix the id (the hint lists close ones).",
        "lib.yaml:9:9: [0].references[0]: error: no reference with id 'samhsa2014'"),
    "no-items": Code(
        "warning", "A suggestion names no statements it answers, so no plan will choose it "
        "for a low item.", "List them under 'items', for example 'tila-org:saf04'.",
        "lib.yaml:4:7: [3].id: warning: suggestion 'saf-x' names no statements it answers"),
    "unknown-item": Code(
        "error", "An item id that the questionnaire does not have: in a suggestion, in a "
        "tila JSON response, or in an answers file.",
        "Use the questionnaire's item ids ('tila show ID' lists them).",
        "r.json: error: answer for unknown item 'saf99'"),
    "no-references": Code(
        "error", "A references file lists no references.", "Add at least one.",
        "refs.yaml: error: the file lists no references"),
    "duplicate-reference": Code(
        "error", "Two references share an id.", "Give every reference its own id.",
        "refs.yaml:8:7: references[1].id: error: reference id 'samhsa2014' is already used in "
        "refs.yaml"),
    "thin-coverage": Code(
        "warning", "A principle has too few suggestions for one band, so a plan for an "
        "organization at that stage would be thin.",
        "Write a suggestion for that principle with that band in its bands.",
        "lib: principles.safety.aware: warning: principle 'safety' has 1 suggestion(s) for "
        "the 'aware' band; at least 2 are needed"),
})
