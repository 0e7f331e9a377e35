"""The interview state machine, transition by transition (no terminal involved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tila.administer.keys import (
    Command,
    field_choices,
    interpret_field_key,
    interpret_item_key,
    needs_line_input,
    scale_choices,
)
from tila.administer.session import SECONDS_PER_ITEM, Note, Session, SessionError
from tila.questionnaire.model import Questionnaire, Scale
from tila.questionnaire.parse import load_questionnaire

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def starter() -> Questionnaire:
    return load_questionnaire("tila-starter")


@pytest.fixture
def at_items(starter: Questionnaire) -> Session:
    """Past the opening screen and both respondent fields, on item 1."""
    return Session(starter).begin().answer_field("Leadership").answer_field(None)


def test_opening_leads_to_fields_then_first_item(starter: Questionnaire) -> None:
    s = Session(starter)
    assert s.phase == "intro"
    s = s.begin()
    assert (s.phase, s.current_field.id) == ("fields", "role")
    s = s.answer_field("Direct service")
    assert s.current_field.id == "site"
    s = s.answer_field("  ")  # free text left empty: prefer not to say
    assert (s.phase, s.position, s.current_item.id) == ("items", 0, "saf1")
    assert dict(s.fields) == {"role": "Direct service", "site": None}


def test_without_fields_opening_goes_straight_to_items() -> None:
    q = load_questionnaire(DATA / "administer-forms.yaml")
    assert q.respondent_fields == ()
    s = Session(q).begin()
    assert (s.phase, s.position) == ("items", 0)
    assert s.back().phase == "intro"


def test_field_choice_outside_the_list_is_refused(starter: Questionnaire) -> None:
    with pytest.raises(SessionError):
        Session(starter).begin().answer_field("Astronaut")


def test_back_through_fields_reaches_the_opening(starter: Questionnaire) -> None:
    s = Session(starter).begin().answer_field("Other")
    assert s.back().current_field.id == "role"
    assert s.back().back().phase == "intro"


def test_answer_records_value_and_advances(at_items: Session) -> None:
    s = at_items.answer(4)
    assert s.answers == {"saf1": 4.0}
    assert s.position == 1


def test_answer_must_be_on_the_scale(at_items: Session) -> None:
    with pytest.raises(SessionError):
        at_items.answer(7)
    with pytest.raises(SessionError):
        at_items.answer("maybe")


def test_non_scored_option_is_recorded_by_id(at_items: Session) -> None:
    s = at_items.answer("not_applicable").answer("dont_know")
    assert dict(s.answers) == {"saf1": "not_applicable", "saf2": "dont_know"}


def test_skip_records_none_and_advances(at_items: Session) -> None:
    s = at_items.skip()
    assert dict(s.answers) == {"saf1": None}
    assert s.visited("saf1")
    assert not s.visited("saf2")
    assert s.position == 1


def test_back_then_change_keeps_later_answers(at_items: Session) -> None:
    s = at_items.answer(2).answer(3).back()
    assert s.position == 1
    assert s.answer_of("saf2") == 3
    s = s.answer(5)
    assert dict(s.answers) == {"saf1": 2.0, "saf2": 5.0}
    assert s.position == 2


def test_back_from_first_item_returns_to_last_field(at_items: Session) -> None:
    s = at_items.back()
    assert (s.phase, s.current_field.id) == ("fields", "site")


def test_keep_moves_on_only_when_visited(at_items: Session) -> None:
    with pytest.raises(SessionError):
        at_items.keep()
    s = at_items.answer(1).back().keep()
    assert s.position == 1
    assert s.answers == {"saf1": 1.0}


def test_help_toggles_and_resets_on_moving(at_items: Session) -> None:
    s = at_items.toggle_help()
    assert s.help_visible
    assert not s.toggle_help().help_visible
    assert not s.answer(3).help_visible


def _answer_all(s: Session) -> Session:
    while s.phase == "items":
        s = s.answer(3)
    return s


def test_last_item_leads_to_review(at_items: Session) -> None:
    s = _answer_all(at_items)
    assert s.phase == "review"
    assert s.tally().answered == tuple(range(1, 19))


def test_tally_counts_each_kind(at_items: Session) -> None:
    s = at_items.answer(4).skip().answer("not_applicable").answer("dont_know")
    s = s.answer("not_applicable")
    t = s.tally()
    assert t.answered == (1,)
    assert t.skipped == (2,)
    assert dict(t.options) == {"not_applicable": (3, 5), "dont_know": (4,)}
    assert t.not_reached == tuple(range(6, 19))


def test_go_to_from_review_returns_to_review_after_answer(at_items: Session) -> None:
    s = _answer_all(at_items).go_to(5)
    assert (s.phase, s.position, s.from_review) == ("items", 4, True)
    s = s.answer("dont_know")
    assert s.phase == "review"
    assert s.answer_of("tru2") == "dont_know"
    assert s.go_to(7).skip().phase == "review"


def test_back_from_jumped_item_continues_normally(at_items: Session) -> None:
    s = _answer_all(at_items).go_to(5).back()
    assert (s.phase, s.position, s.from_review) == ("items", 3, False)
    assert s.answer(1).position == 4


def test_go_to_rejects_numbers_outside_the_questionnaire(at_items: Session) -> None:
    with pytest.raises(SessionError):
        at_items.go_to(0)
    with pytest.raises(SessionError):
        at_items.go_to(19)
    with pytest.raises(SessionError):
        Session(at_items.questionnaire).go_to(1)


def test_review_back_returns_to_last_item(at_items: Session) -> None:
    s = _answer_all(at_items).back()
    assert (s.phase, s.position) == ("items", 17)
    assert s.review().phase == "review"


def test_submit_records_unreached_items_as_skipped(at_items: Session) -> None:
    s = at_items.answer(2).review().submit()
    assert s.phase == "complete"
    assert s.answers["saf1"] == 2.0
    assert set(s.answers) == set(s.questionnaire.item_ids)
    assert all(s.answers[i] is None for i in s.questionnaire.item_ids[1:])
    with pytest.raises(SessionError):
        s.answer(3)
    assert s.reopen().phase == "review"


def test_submit_only_from_review(at_items: Session) -> None:
    with pytest.raises(SessionError):
        at_items.submit()
    with pytest.raises(SessionError):
        at_items.reopen()


def test_notes_are_set_replaced_and_removed(at_items: Session) -> None:
    s = Session(at_items.questionnaire, consensus=True).begin().answer_field(None)
    s = s.answer_field(None).set_note("agreed after discussion", " policy 4.2 ")
    assert s.notes == {"saf1": Note("agreed after discussion", "policy 4.2")}
    assert s.set_note("", "").notes == {}
    s = s.answer(4)
    assert s.notes["saf1"].evidence == "policy 4.2"


def test_resumed_goes_to_first_item_not_reached(at_items: Session) -> None:
    s = at_items.answer(1).skip().answer(3).back().back()
    restored = Session(s.questionnaire, fields=s.fields, answers=s.answers).resumed()
    assert (restored.phase, restored.position) == ("items", 3)
    empty = Session(s.questionnaire).resumed()
    assert (empty.phase, empty.current_field.id) == ("fields", "role")
    done = Session(s.questionnaire, fields=s.fields,
                   answers=dict.fromkeys(s.questionnaire.item_ids, 3.0)).resumed()
    assert done.phase == "review"


def test_progress_estimates_time_from_minutes(at_items: Session) -> None:
    # tila-starter says 5 minutes for 18 items
    number, total, seconds = at_items.answer(3).progress()
    assert (number, total) == (2, 18)
    assert seconds == pytest.approx(17 * 300 / 18)


def test_progress_defaults_to_twelve_seconds_an_item() -> None:
    q = load_questionnaire(DATA / "administer-forms.yaml")
    assert q.minutes is None
    _, total, seconds = Session(q).begin().progress()
    assert seconds == total * SECONDS_PER_ITEM


def test_form_wording_and_unknown_form() -> None:
    q = load_questionnaire(DATA / "administer-forms.yaml")
    self_form = Session(q, form="self").begin()
    staff_form = Session(q, form="staff").begin()
    item = self_form.current_item
    assert self_form.text_of(item).startswith("I ")
    assert staff_form.text_of(item).startswith("My leader")
    with pytest.raises(SessionError):
        Session(q, form="board")


def test_sessions_are_immutable(at_items: Session) -> None:
    after = at_items.answer(5)
    assert at_items.answers == {}
    assert at_items.position == 0
    with pytest.raises(TypeError):
        after.answers["saf1"] = 1  # type: ignore[index]


# ---- keys -------------------------------------------------------------------------------


def test_scale_keys_are_numbers_then_option_keys(starter: Questionnaire) -> None:
    choices = scale_choices(starter.scales["agree5"])
    assert [c.key for c in choices] == ["1", "2", "3", "4", "5", "d", "n"]
    assert choices[0].label == "Strongly disagree"
    assert choices[5].value == "dont_know"


def test_option_keys_never_take_navigation_keys() -> None:
    scale = Scale.model_validate({
        "points": [{"value": 0, "label": "No"}, {"value": 1, "label": "Yes"}],
        "non_scored": [{"id": "skip_it", "label": "Skip it", "key": "s"},
                       {"id": "unsure", "label": "Unsure"}],
    })
    keys = {c.value: c.key for c in scale_choices(scale)}
    assert keys["skip_it"] not in {"s", "b", "q", "?"}
    assert keys["unsure"] == "u"


def test_long_scales_need_line_input() -> None:
    points = [{"value": v, "label": f"{v}"} for v in range(11)]
    scale = Scale.model_validate({"points": points})
    assert needs_line_input(scale)
    assert [c.key for c in scale_choices(scale)][-1] == "11"


@pytest.mark.parametrize(("key", "expected"), [
    ("1", Command("choose", 1.0)), ("5", Command("choose", 5.0)),
    ("d", Command("choose", "dont_know")), ("N", Command("choose", "not_applicable")),
    ("s", Command("skip")), ("b", Command("back")), ("?", Command("help")),
    ("q", Command("quit")), ("6", Command("unknown")), ("x", Command("unknown")),
    ("", Command("unknown")),
])
def test_item_keys(at_items: Session, key: str, expected: Command) -> None:
    assert interpret_item_key(at_items, key) == expected


def test_enter_keeps_an_answer_already_given(at_items: Session) -> None:
    s = at_items.answer(2).back()
    assert interpret_item_key(s, "\n") == Command("keep")


def test_field_keys(starter: Questionnaire) -> None:
    role = starter.respondent_fields[0]
    assert field_choices(role)[0].label == "Leadership"
    assert interpret_field_key(role, "1") == Command("choose", "Leadership")
    assert interpret_field_key(role, "p") == Command("choose", None)
    assert interpret_field_key(role, "b") == Command("back")
    assert interpret_field_key(role, "9") == Command("unknown")
