"""The library's report rules (tila.report.assemble): a caller that never touches the CLI still
cannot report on a leader too few people rated, on a leader nobody rated, or against a baseline
from another questionnaire version."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT
from tila.errors import ReportError
from tila.questionnaire.parse import load_questionnaire
from tila.report.assemble import assemble_report
from tila.report.options import ReportOptions
from tila.report.render import build, render_report
from tila.responses.readers import ReadOptions, read_responses
from tila.responses.table import ResponseTable
from tila.scoring.engine import score

SAMPLES = ROOT / "questionnaires" / "samples"


@pytest.fixture(scope="module")
def leader_data() -> tuple[object, ResponseTable, ResponseTable]:
    q = load_questionnaire("tila-leader")
    staff = read_responses([SAMPLES / "leader-staff.csv"], q, ReadOptions(form="staff"))
    mine = read_responses([SAMPLES / "leader-self.csv"], q, ReadOptions(form="self"))
    return q, staff, mine


def raters(table: ResponseTable, leader: str) -> int:
    codes, known = table.group_codes("leader")
    return int((codes == known.index(leader)).sum())


def test_a_leader_report_scores_only_that_leaders_ratings_and_their_own_self_rating(
        leader_data) -> None:
    q, staff, mine = leader_data
    report = assemble_report(q, staff, self_rating=mine, options=ReportOptions(leader="L01"))
    assert report.result.respondents == raters(staff, "L01") < staff.n_respondents
    assert report.self_rating is not None
    assert report.self_rating.respondents == 1


def test_a_leader_nobody_rated_is_refused_not_reported_over_all_staff(leader_data) -> None:
    q, staff, _ = leader_data
    with pytest.raises(ReportError) as err:
        assemble_report(q, staff, options=ReportOptions(leader="NOBODY"))
    assert err.value.codes == ("unknown-leader",)


def test_the_leader_threshold_is_the_reports_minimum_group_size(leader_data) -> None:
    q, staff, _ = leader_data
    few = raters(staff, "L08")
    assert 1 < few < 5  # the sample has a leader rated by too few for the default size
    with pytest.raises(ReportError) as err:
        assemble_report(q, staff, options=ReportOptions(leader="L08"))
    assert err.value.codes == ("too-few-raters",)
    assert f"only {few} staff rated leader 'L08'" in err.value.problems[0].message
    with pytest.raises(ReportError):
        assemble_report(q, staff, options=ReportOptions(leader="L08", min_group_size=few + 1))
    lowered = assemble_report(q, staff, options=ReportOptions(leader="L08", min_group_size=few))
    assert lowered.result.respondents == few
    with pytest.raises(ReportError) as err:
        assemble_report(q, staff, options=ReportOptions(leader="L01", min_group_size=0))
    assert err.value.codes == ("bad-min-group-size",)


def test_render_report_refuses_a_leader_report_that_skipped_the_threshold(leader_data,
                                                                          tmp_path) -> None:
    q, staff, _ = leader_data
    everyone = score(q, staff)
    out = tmp_path / "r.html"
    for leader in ("NOBODY", "L08"):
        with pytest.raises(ReportError) as err:
            render_report(everyone, out, options=ReportOptions(leader=leader), library=None)
        assert err.value.codes == ("leader-not-assembled",)
        with pytest.raises(ReportError) as err:  # nor the context without rendering
            build(everyone, options=ReportOptions(leader=leader))
        assert err.value.codes == ("leader-not-assembled",)
    assert not out.exists()


def test_an_assembled_report_renders_and_brings_its_own_options(leader_data, tmp_path) -> None:
    q, staff, mine = leader_data
    report = assemble_report(q, staff, self_rating=mine,
                             options=ReportOptions(org="Riverbend", leader="L01"))
    out = render_report(report, tmp_path / "r.html", library=None)
    assert "Overall, leader L01, as their staff rate them, scores" in out.read_text()
    with pytest.raises(TypeError):
        render_report(report, tmp_path / "s.html", options=ReportOptions(), library=None)


def test_a_baseline_from_another_questionnaire_version_is_refused(tmp_path: Path) -> None:
    q = load_questionnaire("tila-starter")
    answers = dict.fromkeys(q.item_ids, 4)

    def wave(name: str, version: str) -> ResponseTable:
        path = tmp_path / f"{name}.json"
        meta = {"id": q.id, "version": version}
        path.write_text(json.dumps([{"tila_response": 1, "questionnaire": meta,
                                     "respondent_id": f"{name}{i}", "answers": answers}
                                    for i in range(6)]), encoding="utf-8")
        return read_responses([path], q, ReadOptions())

    now = wave("now", q.version)
    assert assemble_report(q, now, baseline=wave("same", q.version)).baseline is not None
    with pytest.raises(ReportError) as err:
        assemble_report(q, now, baseline=wave("old", "0.0.0-old"))
    assert err.value.codes == ("baseline-version",)


def test_a_few_leaders_self_ratings_are_not_averaged_where_one_could_recover_another(
        leader_data) -> None:
    q, staff, mine = leader_data
    codes, known = mine.group_codes("leader")
    two = mine.take(np.flatnonzero(np.isin(codes, [known.index("L01"), known.index("L02")])))
    with pytest.raises(ReportError) as err:
        assemble_report(q, staff, self_rating=two)
    assert err.value.codes == ("too-few-self-ratings",)
    # One leader's own rating, or enough leaders to hide in, is fine.
    one = mine.take(np.flatnonzero(codes == known.index("L01")))
    assert assemble_report(q, staff, self_rating=one).self_rating is not None
    assert mine.n_respondents >= 5
    every = assemble_report(q, staff, self_rating=mine).self_rating
    assert every is not None
    assert every.respondents == mine.n_respondents
    assert assemble_report(q, staff, self_rating=two,
                           options=ReportOptions(min_group_size=2)).self_rating is not None
