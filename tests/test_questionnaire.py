"""Loading and validating questionnaires: every problem at once, each at its file:line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tila.errors import QuestionnaireError
from tila.questionnaire.builtin import builtin_files
from tila.questionnaire.parse import check_file, load_questionnaire
from tila.questionnaire.schema import questionnaire_schema, schema_text

from .conftest import DATA, ROOT

GOOD = (DATA / "mini.yaml").read_text()


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing needle."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def problems_of(write, text: str):
    path = write("q.yaml", text)
    return path, check_file(path).problems


def test_builtin_questionnaires_load_without_problems():
    assert builtin_files(), "tila ships at least one questionnaire"
    for path in builtin_files():
        checked = check_file(path)
        assert checked.ok, [p.render() for p in checked.problems]


def test_builtin_files_point_editors_at_the_schema():
    for path in builtin_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema/questionnaire.schema.json"


def test_committed_schema_is_current():
    committed = (ROOT / "questionnaires" / "schema" / "questionnaire.schema.json").read_text()
    assert committed == schema_text(questionnaire_schema()), (
        "regenerate with: tila schema > questionnaires/schema/questionnaire.schema.json")
    assert json.loads(committed)["properties"]["items"]["type"] == "array"


def test_yes_and_no_stay_strings(write):
    text = GOOD.replace("label: Strongly disagree", "label: No").replace(
        "label: Strongly agree", "label: Yes")
    path = write("q.yaml", text)
    q = load_questionnaire(path)
    labels = [p.label for p in q.scales["agree5"].points]
    assert labels[0] == "No"
    assert labels[-1] == "Yes"


def test_duplicate_keys_are_errors_with_their_line(write):
    text = GOOD.replace("title: Mini test questionnaire",
                        "title: Mini test questionnaire\ntitle: Again")
    path, problems = problems_of(write, text)
    assert [p.code for p in problems] == ["yaml-duplicate-key"]
    assert problems[0].location.line == 5
    assert problems[0].location.file == str(path)


def test_every_problem_is_reported_at_once_with_line_and_column(write):
    text = (GOOD.replace("principle: safety, domain: environment",
                         "principle: saftey, domain: environment")
                .replace("domain: policy, scale: agree5}", "domain: polcy, scale: agree5}")
                .replace("scale: agree5, reverse: true", "scale: agree7, reverse: true"))
    path, problems = problems_of(write, text)
    codes = sorted(p.code for p in problems if p.severity == "error")
    assert codes == ["unknown-domain", "unknown-principle", "unknown-scale"]
    principle = next(p for p in problems if p.code == "unknown-principle")
    assert principle.location.path == "items[0].principle"
    line = line_of(text, "saftey")
    assert principle.location.line == line
    assert principle.location.column == text.splitlines()[line - 1].index("saftey") + 1
    assert "did you mean 'safety'" in principle.hint
    rendered = principle.render()
    assert rendered.startswith(f"{path}:{line}:")
    assert "items[0].principle: error: unknown principle 'saftey'" in rendered


def test_schema_errors_are_located(write):
    text = GOOD.replace("  min_answered: 0.5", "  min_answered: 2\n  colour: red")
    _, problems = problems_of(write, text)
    by_path = {p.location.path: p for p in problems}
    assert by_path["scoring.min_answered"].location.line == line_of(text, "min_answered: 2")
    assert by_path["scoring.colour"].code == "schema-extra-forbidden"
    assert "unknown field 'colour'" in by_path["scoring.colour"].message


def test_duplicate_item_ids(write):
    text = GOOD.replace("{id: t2,", "{id: t1,")
    _, problems = problems_of(write, text)
    assert [p.code for p in problems if p.severity == "error"] == ["duplicate-item"]


@pytest.mark.parametrize(
    ("bands", "code"),
    [
        ("[{id: a, label: A, min: 0, max: 40}, {id: b, label: B, min: 50, max: 100}]",
         "band-gap"),
        ("[{id: a, label: A, min: 0, max: 60}, {id: b, label: B, min: 50, max: 100}]",
         "band-overlap"),
        ("[{id: a, label: A, min: 0, max: 50}, {id: b, label: B, min: 50, max: 90}]",
         "band-gap"),
        ("[{id: a, label: A, min: 10, max: 50}, {id: b, label: B, min: 50, max: 100}]",
         "band-gap"),
    ],
)
def test_bands_must_cover_0_to_100_without_gap_or_overlap(write, bands, code):
    start = GOOD.index("  bands:")
    text = GOOD[:start] + f"  bands: {bands}\n"
    _, problems = problems_of(write, text)
    assert code in [p.code for p in problems]


def test_few_items_per_principle_is_a_warning_not_an_error(write):
    text = GOOD.replace("principle: trustworthiness, domain: policy",
                        "principle: cultural, domain: policy")
    path, problems = problems_of(write, text)
    # cultural now has 1 item and trustworthiness 2 (t1, x1): one warning each.
    assert [p.code for p in problems] == ["few-items", "few-items"]
    assert {p.severity for p in problems} == {"warning"}
    assert check_file(path).ok


def test_unknown_builtin_id_lists_the_builtins():
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire("tila-nope")
    assert info.value.codes == ("unknown-questionnaire",)
    assert "tila-starter" in info.value.problems[0].hint


def test_missing_file_is_reported(tmp_path: Path):
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(tmp_path / "missing.yaml")
    assert info.value.codes == ("file-not-found",)


def test_items_know_their_weights_and_primary_principle(mini):
    x1 = mini.item("x1")
    assert x1.weights == {"trustworthiness": 1.0, "safety": 0.5}
    assert x1.primary_principle == "trustworthiness"
    assert mini.principles_used() == ("safety", "trustworthiness")
