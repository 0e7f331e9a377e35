"""Consensus notes and evidence reach the report's appendix, escaped, without respondent ids."""

from __future__ import annotations

import json

from tila import load_questionnaire, read_responses, score
from tila.report.context import build_context
from tila.report.html import render_html


def _consensus_file(tmp_path):
    answers = {f"{p}{i}": 3 for p in ("saf", "tru", "peer", "col", "emp", "cul")
               for i in (1, 2, 3)}
    rec = {"tila_response": 1, "questionnaire": {"id": "tila-starter", "version": "1.0.0"},
           "respondent_id": "R-committee", "fields": {}, "answers": answers,
           "notes": {"saf1": {"note": "Door codes <b>changed</b> in May",
                              "evidence": "policy 4.2, staff survey 2025"}}}
    path = tmp_path / "committee.json"
    path.write_text(json.dumps(rec))
    return path


def test_notes_are_carried_from_responses_to_the_result(tmp_path):
    q = load_questionnaire("tila-starter")
    result = score(q, read_responses(_consensus_file(tmp_path), q), min_group_size=1,
                   per_respondent=True)
    assert [(n.item_id, n.evidence) for n in result.notes] == [
        ("saf1", "policy 4.2, staff survey 2025")]


def test_notes_appear_escaped_in_the_appendix(tmp_path):
    q = load_questionnaire("tila-starter")
    result = score(q, read_responses(_consensus_file(tmp_path), q), min_group_size=1,
                   per_respondent=True)
    ctx = build_context(result)
    assert ctx.notes[0].item == q.item("saf1").text
    assert ctx.notes[0].principle == "Safety"
    assert ("notes", "Notes and evidence") in [(t.anchor, t.title) for t in ctx.toc]
    html = render_html(ctx)
    assert "Door codes &lt;b&gt;changed&lt;/b&gt; in May" in html
    assert "policy 4.2, staff survey 2025" in html
    assert "R-committee" not in html


def test_no_notes_section_without_notes(tmp_path):
    q = load_questionnaire("tila-starter")
    path = _consensus_file(tmp_path)
    rec = json.loads(path.read_text())
    rec["notes"] = {}
    path.write_text(json.dumps(rec))
    ctx = build_context(score(q, read_responses(path, q), min_group_size=1, per_respondent=True))
    assert ctx.notes == ()
    assert 'id="notes"' not in render_html(ctx)
