"""Choosing the improvement plan: weakest principles, band-matched suggestions, quick wins."""

from __future__ import annotations

from dataclasses import replace

from tests.report_support import FakeLibrary, FakeSuggestion, make_result
from tila.framework import PRINCIPLE_IDS
from tila.responses.readers import ReadOptions
from tila.suggestions import MAX_FOCUS, choose


def _library(**overrides: object) -> FakeLibrary:
    items = []
    for p in PRINCIPLE_IDS:
        for k in range(4):
            items.append(FakeSuggestion(f"{p}-{k}", f"{p} {k}", p, **overrides))  # type: ignore[arg-type]
    return FakeLibrary(tuple(items))


def test_focus_areas_are_the_three_weakest_principles_lowest_first() -> None:
    r = make_result()
    plan = choose(r, _library())
    expected = sorted(r.principles.values(), key=lambda s: s.score)[:MAX_FOCUS]
    assert [f.principle for f in plan.focus] == [s.id for s in expected]
    assert all(2 <= len(f.picks) <= 3 for f in plan.focus)
    for f in plan.focus:
        assert all(p.suggestion.principle == f.principle for p in f.picks)


def test_suggestions_fit_the_principles_band_and_others_only_fill_in() -> None:
    r = make_result()
    weakest = min(r.principles.values(), key=lambda s: s.score)
    assert weakest.band_id == "sensitive"
    lib = FakeLibrary((
        FakeSuggestion("wrong-band", "wrong", weakest.id, bands=("informed",)),
        FakeSuggestion("fits-1", "fits", weakest.id, bands=("sensitive",)),
        FakeSuggestion("near", "near", weakest.id, bands=("responsive",)),
    ))
    area = choose(r, lib).focus[0]
    # One fits the band; the nearest band fills the second place, never the farthest.
    assert [p.suggestion.id for p in area.picks] == ["fits-1", "near"]


def test_suggestions_answering_the_weakest_items_rank_first_then_low_effort() -> None:
    r = make_result()
    weakest = min(r.principles.values(), key=lambda s: s.score)
    area_items = sorted((st for st in r.items.values() if st.principle == weakest.id),
                        key=lambda st: st.score)
    lowest = area_items[0].id
    lib = FakeLibrary((
        FakeSuggestion("plain-high", "a", weakest.id, effort="high"),
        FakeSuggestion("plain-low", "b", weakest.id, effort="low"),
        FakeSuggestion("targets-lowest", "c", weakest.id, effort="high",
                       items=(f"tila-starter:{lowest}",)),
        FakeSuggestion("other-questionnaire", "d", weakest.id, effort="high",
                       items=(f"tila-org:{lowest}",)),
    ))
    picks = choose(r, lib).focus[0].picks
    assert [p.suggestion.id for p in picks] == ["targets-lowest", "plain-low", "plain-high"]
    assert picks[0].items == (lowest,)


def test_quick_wins_are_low_effort_tied_to_the_lowest_items_and_not_repeated() -> None:
    r = make_result()
    lowest = sorted(r.items.values(), key=lambda st: st.score)
    lib = FakeLibrary(tuple(
        [FakeSuggestion(f"focus-{p}-{k}", "f", p) for p in PRINCIPLE_IDS for k in range(3)]
        + [FakeSuggestion(f"win-{st.id}", "w", st.principle, effort="low",
                          items=(f"tila-starter:{st.id}",)) for st in lowest[:5]]
        + [FakeSuggestion("hard", "h", lowest[0].principle, effort="high",
                          items=(f"tila-starter:{lowest[0].id}",))]))
    plan = choose(r, lib)
    focus_ids = {p.suggestion.id for f in plan.focus for p in f.picks}
    wins = [w.pick.suggestion.id for w in plan.quick_wins]
    assert wins == [f"win-{st.id}" for st in lowest[:3] if f"win-{st.id}" not in focus_ids][:3]
    assert not focus_ids & set(wins)
    assert all(w.pick.suggestion.effort == "low" for w in plan.quick_wins)


def test_the_same_result_always_gives_the_same_plan() -> None:
    r = make_result()
    lib = _library()
    a, b = choose(r, lib), choose(r, replace(lib))
    assert [[p.suggestion.id for p in f.picks] for f in a.focus] == \
        [[p.suggestion.id for p in f.picks] for f in b.focus]


def test_a_principle_without_suggestions_still_names_its_weak_items() -> None:
    r = make_result()
    plan = choose(r, FakeLibrary(()))
    assert len(plan.focus) == 3
    assert all(f.picks == () and len(f.low_items) == 3 for f in plan.focus)
    assert plan.quick_wins == ()


def test_leader_practice_suggestions_stay_out_of_all_staff_plans():
    """'Ask your team for feedback on your leadership' speaks to one leader: it belongs in a
    tila-leader report, not in the plan of an all-staff survey."""
    from tila import load_questionnaire, read_responses, score
    from tila.library import load_library
    from tila.paths import questionnaires_dir
    from tila.suggestions import choose

    library = load_library()
    leader_only = {s.id for s in library.suggestions
                   if s.items and {r.split(":")[0] for r in s.items} == {"tila-leader"}}
    assert leader_only
    samples = questionnaires_dir() / "samples"
    for qid, file in (("tila-org", "sample-org.csv"), ("tila-pulse", "pulse-baseline.csv")):
        q = load_questionnaire(qid)
        plan = choose(score(q, read_responses(samples / file, q), per_respondent=True), library)
        picked = {p.suggestion.id for f in plan.focus for p in f.picks}
        picked |= {w.pick.suggestion.id for w in plan.quick_wins}
        assert not picked & leader_only, qid
    q = load_questionnaire("tila-leader")
    staff = score(q, read_responses(samples / "leader-staff.csv", q, ReadOptions(form="staff")),
                  per_respondent=True)
    picked = {p.suggestion.id for f in choose(staff, library).focus for p in f.picks}
    assert picked & leader_only


def test_a_leader_report_draws_only_suggestions_tied_to_its_own_statements() -> None:
    """Issue 14: an organization-wide suggestion answers no rating a leader received."""
    from tests.report_support import FakeLibrary, FakeSuggestion, make_result
    from tila.framework import PRINCIPLE_IDS
    from tila.suggestions import choose

    r = make_result("tila-leader", by=())
    item = {p: next((i for i in r.items.values() if i.principle == p), None)
            for p in PRINCIPLE_IDS}
    lib = FakeLibrary(tuple(
        s for p in PRINCIPLE_IDS for s in (
            FakeSuggestion(f"org-{p}", "Organization-wide", p, effort="low"),
            FakeSuggestion(f"lead-{p}", "Leader practice", p, effort="low",
                           items=(f"tila-leader:{item[p].id}",) if item[p] else ()))))
    plan = choose(r, lib, focus=[p for p in PRINCIPLE_IDS if item[p]][:2])
    picked = [p.suggestion for a in plan.focus for p in a.picks] + \
        [w.pick.suggestion for w in plan.quick_wins]
    assert picked
    assert all(s.id.startswith("lead-") for s in picked)


def test_no_suggestion_answers_one_of_the_strongest_statements() -> None:
    from tests.report_support import FakeLibrary, FakeSuggestion, make_result
    from tila.suggestions import choose, strongest

    r = make_result()
    scores = {i.id: i.score for i in r.items.values() if i.n}
    best = sorted(scores, key=lambda i: -scores[i])[0]
    weak = min(r.principles.values(), key=lambda s: s.score)
    lib = FakeLibrary((FakeSuggestion("strong", "Polish what works", weak.id, effort="low",
                                      items=(f"tila-starter:{best}",)),
                       FakeSuggestion("plain", "Something else", weak.id)))
    assert best in strongest(scores)
    plan = choose(r, lib, focus=[weak.id])
    assert [p.suggestion.id for p in plan.focus[0].picks] == ["plain"]
    assert all(w.pick.suggestion.id != "strong" for w in plan.quick_wins)
