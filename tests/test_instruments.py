"""The built-in questionnaires meet the content rules of issue 3."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tila.framework import DOMAIN_IDS, PRINCIPLE_IDS
from tila.paths import questionnaires_dir
from tila.questionnaire.model import Questionnaire
from tila.questionnaire.parse import check_file, load_questionnaire

BUILTINS = ("tila-starter", "tila-org", "tila-leader", "tila-pulse")
ROLES = ("Leadership", "Supervisor or manager", "Direct service", "Administrative or support",
         "Peer or lived-experience staff", "Other")


def _texts(q: Questionnaire) -> dict[str, list[str]]:
    """Every wording respondents may see, per form (None = the default text)."""
    out: dict[str, list[str]] = {"": [it.text for it in q.items]}
    for form in q.forms:
        out[form.id] = [it.text_for(form.id) for it in q.items]
    return out


@pytest.mark.parametrize("qid", BUILTINS)
def test_builtin_validates_without_errors_or_warnings(qid: str) -> None:
    checked = check_file(questionnaires_dir() / f"{qid}.yaml")
    assert checked.ok
    assert [p.render() for p in checked.problems] == []


@pytest.mark.parametrize("qid", BUILTINS)
def test_builtin_states_schema_licence_and_is_not_claimed_validated(qid: str) -> None:
    path = questionnaires_dir() / f"{qid}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=schema/questionnaire.schema.json")
    assert "Content licence: CC BY 4.0" in text
    q = load_questionnaire(qid)
    assert q.license == "CC-BY-4.0"
    assert q.validated is False
    assert "validated" in (q.description or "")


@pytest.mark.parametrize("qid", BUILTINS)
def test_bands_are_the_indicative_missouri_stages(qid: str) -> None:
    q = load_questionnaire(qid)
    bands = [(b.id, b.min, b.max) for b in q.scoring.bands]
    assert bands == [("aware", 0, 25), ("sensitive", 25, 50), ("responsive", 50, 75),
                     ("informed", 75, 100)]
    assert "indicative" in (q.scoring.bands_note or "").lower()


@pytest.mark.parametrize("qid", BUILTINS)
def test_items_are_short_unique_and_rarely_reversed(qid: str) -> None:
    q = load_questionnaire(qid)
    for form, texts in _texts(q).items():
        long = [t for t in texts if len(t.split()) > 25]
        assert long == [], f"form {form or 'default'}: items over 25 words"
        repeated = [t for t, n in Counter(t.casefold() for t in texts).items() if n > 1]
        assert repeated == [], f"form {form or 'default'}: repeated item text"
    assert sum(it.reverse for it in q.items) <= 0.15 * len(q.items)


@pytest.mark.parametrize("qid", BUILTINS)
def test_scale_has_dont_know_and_not_applicable_keys(qid: str) -> None:
    q = load_questionnaire(qid)
    for scale in q.scales.values():
        assert [p.value for p in scale.points] == [1, 2, 3, 4, 5]
        assert {(o.id, o.key) for o in scale.non_scored} == {("dont_know", "d"),
                                                              ("not_applicable", "n")}


def test_org_covers_every_principle_and_domain() -> None:
    q = load_questionnaire("tila-org")
    assert 48 <= len(q.items) <= 72
    per_principle = Counter(it.primary_principle for it in q.items)
    per_domain = Counter(it.domain for it in q.items)
    assert {p: per_principle[p] for p in PRINCIPLE_IDS if per_principle[p] < 8} == {}
    assert {d: per_domain[d] for d in DOMAIN_IDS if per_domain[d] < 3} == {}
    # each principle is seen through several domains, not one corner of the organization
    spread = {p: {it.domain for it in q.items if it.primary_principle == p} for p in PRINCIPLE_IDS}
    assert {p: len(d) for p, d in spread.items() if len(d) < 4} == {}


def test_org_asks_who_answers_with_prefer_not_to_say() -> None:
    q = load_questionnaire("tila-org")
    fields = {f.id: f for f in q.respondent_fields}
    assert list(fields) == ["role", "program", "site", "tenure"]
    assert fields["role"].choices == ROLES
    assert fields["tenure"].choices is not None
    assert len(fields["tenure"].choices) >= 4
    assert all(f.prefer_not_to_say for f in fields.values())


# Each staff-side reality named in issue 3, the item that asks about it, and a word it must use.
REALITIES = {
    "caseload and dose of traumatic material": ("saf05", "traumatic material"),
    "time to process difficult work": ("saf06", "recover"),
    "supervision": ("saf12", "supervision"),
    "after-hours boundaries": ("saf07", "outside my working hours"),
    "transparency of decisions": ("tru01", "decisions"),
    "staff voice in policy": ("col01", "policies"),
    "psychological safety in meetings": ("saf04", "meetings"),
    "physical safety": ("saf01", "physically safe"),
    "peer support structures": ("peer01", "support each other"),
    "equity": ("cul02", "fairly"),
    "cultural responsiveness": ("cul01", "cultures"),
    "engagement of people served": ("col06", "voice"),
}


@pytest.mark.parametrize("reality", sorted(REALITIES))
def test_org_covers_staff_side_reality(reality: str) -> None:
    item_id, words = REALITIES[reality]
    assert words in load_questionnaire("tila-org").item(item_id).text


def test_leader_has_self_and_staff_wording_for_every_item() -> None:
    q = load_questionnaire("tila-leader")
    assert 24 <= len(q.items) <= 36
    assert [f.id for f in q.forms] == ["self", "staff"]
    for it in q.items:
        assert it.forms is not None, it.id
        assert set(it.forms) == {"self", "staff"}, it.id
        assert it.forms["self"].startswith(("I ", "I'")), it.id
        assert it.forms["staff"].startswith("My leader "), it.id
    assert min(Counter(it.primary_principle for it in q.items).values()) >= 4
    assert set(Counter(it.primary_principle for it in q.items)) == set(PRINCIPLE_IDS)


def test_leader_is_labelled_not_validated_and_matchable() -> None:
    q = load_questionnaire("tila-leader")
    assert "not validated" in q.title.lower()
    assert "NOT A VALIDATED MEASURE" in (q.description or "")
    leader = next(f for f in q.respondent_fields if f.id == "leader")
    assert leader.prefer_not_to_say is False  # a rating that names no leader cannot be matched


def test_pulse_has_two_org_items_per_principle() -> None:
    pulse = load_questionnaire("tila-pulse")
    org = load_questionnaire("tila-org")
    assert len(pulse.items) == 12
    assert Counter(it.primary_principle for it in pulse.items) == dict.fromkeys(PRINCIPLE_IDS, 2)
    for it in pulse.items:
        same = org.item(it.id)
        assert (it.text, it.principle, it.domain, it.reverse) == (
            same.text, same.principle, same.domain, same.reverse), it.id


def test_pulse_without_its_declared_minimum_would_warn(tmp_path: Path) -> None:
    # The pulse is quiet only because it declares two items per principle on purpose.
    text = (questionnaires_dir() / "tila-pulse.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "pulse.yaml"
    edited.write_text(text.replace("  min_items_per_principle: 2\n", ""), encoding="utf-8")
    codes = [p.code for p in check_file(edited).problems]
    assert codes == ["few-items"] * 6


def test_authoring_guide_examples_validate(tmp_path: Path) -> None:
    from tila.library import check_library_file

    guide = Path(__file__).resolve().parents[1] / "docs" / "authoring.md"
    if not guide.is_file():
        pytest.skip("docs/ is not part of this installation")
    blocks = re.findall(r"```yaml\n(.*?)```", guide.read_text(encoding="utf-8"), re.S)
    checked = 0
    for n, block in enumerate(blocks):
        if "\nitems:" not in block and "kind: " not in block:
            continue  # a fragment, such as the editor comment line
        path = tmp_path / f"example{n}.yaml"
        path.write_text(block, encoding="utf-8")
        if "kind: " in block:
            problems = check_library_file(path)
        else:
            problems = list(check_file(path).problems)
        assert [p.render() for p in problems] == []
        checked += 1
    assert checked == 3
