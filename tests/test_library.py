"""The suggestions library: built-in content rules, cross-checks and located problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tila.errors import QuestionnaireError
from tila.framework import DOMAIN_IDS, PRINCIPLE_IDS
from tila.library import (
    check_library_file,
    file_kind,
    load_library,
    suggestions_dir,
)
from tila.library.checks import BAND_IDS, check_coverage
from tila.library.schema import SCHEMA_FILE, suggestions_schema_text
from tila.paths import questionnaires_dir
from tila.questionnaire.parse import load_questionnaire

LIBRARY_FILES = sorted(p.name for p in suggestions_dir().glob("*.yaml"))


@pytest.mark.parametrize("name", LIBRARY_FILES)
def test_builtin_library_file_has_no_problems(name: str) -> None:
    path = suggestions_dir() / name
    assert [p.render() for p in check_library_file(path)] == []
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=../schema/suggestions.schema.json")
    assert "Content licence: CC BY 4.0" in text


def test_every_principle_and_band_has_three_staff_survey_suggestions() -> None:
    """Top band included; counted among suggestions naming tila-org statements, the only
    ones an all-staff survey's plan may offer (leader-only practices do not count)."""
    lib = load_library()
    assert [p.message for p in check_coverage(lib.suggestions, "built-in", 3)] == []
    assert [p.message for p in check_coverage(lib.suggestions, "built-in", 3, "tila-org")] == []


def test_every_leader_principle_and_band_has_two_leader_practices() -> None:
    lib = load_library()
    covered = {it.primary_principle for it in load_questionnaire("tila-leader").items}
    assert covered == set(PRINCIPLE_IDS)
    problems = check_coverage(lib.suggestions, "built-in", 2, "tila-leader", covered)
    assert [p.message for p in problems] == []


def test_thin_coverage_is_reported_per_principle_and_band() -> None:
    lib = load_library()
    without = [s for s in lib.suggestions
               if not (s.principle == "safety" and "informed" in s.bands)]
    problems = check_coverage(without, "lib", 3)
    assert [(p.code, p.severity, p.location.path) for p in problems] == [
        ("thin-coverage", "warning", "principles.safety.informed")]
    assert "has 0 suggestion(s) for the 'informed' band" in problems[0].message
    leader_only = check_coverage(lib.suggestions, "lib", 99, "tila-leader", ["cultural"])
    assert len(leader_only) == len(BAND_IDS)
    assert all("naming tila-leader statements" in p.message for p in leader_only)


#: Alarm phrases fit a plan for a struggling organization, not one in the top band.
ALARM = re.compile(r"sick|resign|burn ?out|turnover|quit|harm|crisis|danger|injur|violen|"
                   r"poorer care|lose staff|leav(e|ing) the (job|organi[sz]ation)", re.I)


def test_top_band_suggestions_carry_no_alarm_text() -> None:
    lib = load_library()
    top = [s for s in lib.suggestions if "informed" in s.bands]
    assert [s.id for s in top if s.cost_of_inaction and ALARM.search(s.cost_of_inaction)] == []
    # The pattern does find the wording that was once shown to a top-band organization.
    assert ALARM.search("goes unnoticed until someone is on sick leave or resigns")


def test_every_suggestion_names_statements_and_every_statement_has_one() -> None:
    lib = load_library()
    assert [s.id for s in lib.suggestions if not s.items] == []
    for qid in ("tila-org", "tila-pulse", "tila-starter", "tila-leader"):
        uncovered = [i for i in load_questionnaire(qid).item_ids if not lib.for_item(qid, i)]
        assert uncovered == [], qid


def test_every_suggestion_points_at_things_that_exist() -> None:
    lib = load_library()
    items = {q: set(load_questionnaire(q).item_ids)
             for q in ("tila-org", "tila-pulse", "tila-starter", "tila-leader")}
    for s in lib.suggestions:
        assert s.principle in PRINCIPLE_IDS, s.id
        assert s.domain in DOMAIN_IDS, s.id
        assert s.references, s.id
        assert all(r in lib.references for r in s.references), s.id
        assert all(i in items[q] for q, i in s.item_refs), s.id
    assert len({s.id for s in lib.suggestions}) == len(lib.suggestions)


def test_suggestions_are_short_and_concrete() -> None:
    for s in load_library().suggestions:
        assert 3 <= len(s.actions) <= 5, s.id
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", s.why)) <= 2, s.id
        assert set(s.bands) <= {"aware", "sensitive", "responsive", "informed"}


def test_every_leader_item_has_a_suggestion() -> None:
    lib = load_library()
    uncovered = [i for i in load_questionnaire("tila-leader").item_ids
                 if not lib.for_item("tila-leader", i)]
    assert uncovered == []


def test_every_reference_is_cited() -> None:
    lib = load_library()
    cited = {r for s in lib.suggestions for r in s.references}
    assert set(lib.references) - cited == set()
    for must in ("samhsa-2014", "harris-fallot-2001", "nctsn-sts-2011", "maslach-leiter-1997"):
        assert must in lib.references
    assert any("Sanctuary" in r.citation for r in lib.references.values())


def test_library_lookups() -> None:
    lib = load_library()
    chosen = lib.for_item("tila-leader", "ldr02")
    assert [s.id for s in chosen] == ["saf-after-hours-norm"]
    assert lib.suggestion("saf-after-hours-norm").owner == "leadership"
    assert all(s.principle == "safety" and "aware" in s.bands
               for s in lib.for_principle("safety", "aware"))
    with pytest.raises(KeyError):
        lib.suggestion("no-such-suggestion")


def test_committed_json_schema_is_current() -> None:
    committed = (questionnaires_dir() / "schema" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == suggestions_schema_text(), (
        "regenerate with: PYTHONPATH=src python -m tila.library.schema")


def test_file_kind_tells_library_files_from_questionnaires() -> None:
    assert file_kind(questionnaires_dir() / "tila-org.yaml") == "questionnaire"
    assert file_kind(suggestions_dir() / "safety.yaml") == "suggestions"
    assert file_kind(suggestions_dir() / "references.yaml") == "references"


BROKEN = """\
kind: suggestions
suggestions:
  - id: x-one
    title: Try something
    principle: saftey
    domain: workforse
    bands: [aware]
    why: Because.
    actions: [One, Two, Three]
    effort: huge
    horizon: 30
    owner: supervisors
"""

CROSS = """\
kind: suggestions
suggestions:
  - id: x-two
    title: Try something
    principle: saftey
    domain: workforse
    bands: [aware]
    why: Because.
    actions: [One, Two, Three]
    effort: low
    horizon: 30
    owner: supervisors
    items:
      - tila-leader:ldr99
      - not-builtin:q1
    references:
      - samhsa-2014
      - no-such-ref
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_schema_problem_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.yaml", BROKEN)
    problems = check_library_file(path)
    assert [(p.code, p.location.render()) for p in problems] == [
        ("schema-literal-error", f"{path}:10:13: suggestions[0].effort")]


def test_cross_check_problems_are_located_with_stable_codes(tmp_path: Path) -> None:
    path = _write(tmp_path, "cross.yaml", CROSS)
    found = [(p.code, p.severity, p.location.line, p.location.column)
             for p in check_library_file(path)]
    assert found == [
        ("unknown-principle", "error", 5, 16),
        ("unknown-domain", "error", 6, 13),
        ("unknown-reference", "error", 18, 9),
        ("unknown-item", "error", 14, 9),
        ("unknown-questionnaire", "warning", 15, 9),
    ]
    rendered = "\n".join(p.render() for p in check_library_file(path))
    assert f"{path}:5:16: suggestions[0].principle: error: unknown principle 'saftey'" in rendered
    assert "did you mean 'safety'?" in rendered
    assert "questionnaire 'tila-leader' has no item 'ldr99'" in rendered


@pytest.mark.parametrize(("text", "code", "line"), [
    ("suggestions: []\n", "not-a-library-file", 1),
    ("title: x\nkind: suggestion\n", "unknown-kind", 2),
    ("kind: references\nreferences:\n  - {id: a, citation: A}\n  - {id: a, citation: B}\n",
     "duplicate-reference", 4),
    ("kind: suggestions\nsuggestions: [\n", "yaml-syntax", 3),
    ("kind: suggestions\nsuggestions: []\n", "no-suggestions", 2),
])
def test_file_level_problems(tmp_path: Path, text: str, code: str, line: int) -> None:
    problems = check_library_file(_write(tmp_path, "f.yaml", text))
    assert [(p.code, p.location.line) for p in problems] == [(code, line)]


def _suggestion(sid: str, refs: str = "[samhsa-2014]") -> str:
    return (f"  - {{id: {sid}, title: T, principle: safety, domain: policy, bands: [aware],\n"
            f"     why: W., actions: [a, b, c], effort: low, horizon: 30, owner: hr,\n"
            f"     items: [tila-org:saf03],\n"
            f"     references: {refs}}}\n")


def test_custom_folder_loads_and_may_cite_builtin_references(tmp_path: Path) -> None:
    _write(tmp_path, "references.yaml",
           "kind: references\nreferences:\n  - {id: our-guide, citation: Our guide (2025).}\n")
    _write(tmp_path, "mine.yaml",
           "kind: suggestions\nsuggestions:\n" + _suggestion("ours", "[our-guide, samhsa-2014]"))
    lib = load_library(tmp_path)
    assert [s.id for s in lib.suggestions] == ["ours"]
    assert [r.id for r in lib.references_of(lib.suggestions[0])] == ["our-guide", "samhsa-2014"]


def test_custom_folder_reports_every_problem_at_once(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "kind: suggestions\nsuggestions:\n" + _suggestion("same"))
    _write(tmp_path, "b.yaml", "kind: suggestions\nsuggestions:\n"
           + _suggestion("same", "[missing-ref]"))
    with pytest.raises(QuestionnaireError) as info:
        load_library(tmp_path)
    found = [(p.code, Path(p.location.file or "").name, p.location.line)
             for p in info.value.problems]
    assert found == [("duplicate-suggestion", "b.yaml", 3), ("unknown-reference", "b.yaml", 6)]


def test_empty_or_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError) as info:
        load_library(tmp_path)
    assert info.value.codes == ("empty-library",)
    with pytest.raises(QuestionnaireError) as info:
        load_library(tmp_path / "nope")
    assert info.value.codes == ("file-not-found",)


def test_every_band_of_every_principle_has_suggestions() -> None:
    """The top band too: an organization that scores well still needs a next step."""
    lib = load_library()
    missing = [(p, b) for p in PRINCIPLE_IDS
               for b in ("aware", "sensitive", "responsive", "informed")
               if not lib.for_principle(p, b)]
    assert missing == []


def test_a_suggestion_naming_no_statements_is_a_located_warning(tmp_path: Path) -> None:
    text = BROKEN.replace("saftey", "safety").replace("workforse", "workforce").replace(
        "huge", "low") + "    references: [samhsa-2014]\n"
    path = _write(tmp_path, "bare.yaml", text)
    problems = check_library_file(path)
    assert [(p.code, p.severity, p.location.render()) for p in problems] == [
        ("no-items", "warning", f"{path}:3:9: suggestions[0].id")]
    path.write_text(text + "    items: [tila-starter:saf1]\n", encoding="utf-8")
    assert check_library_file(path) == []
