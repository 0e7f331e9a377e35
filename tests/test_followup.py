"""Plans followed up (issue 18, part 4): the plan CSV read back, statuses as recorded, unknown
and edited rows listed (never guessed), and a change on the statements only with a baseline."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.wave_support import write_wave_csv
from tila.errors import ReportError
from tila.fileio import to_csv
from tila.questionnaire.parse import load_questionnaire
from tila.report.followup import followup_section, read_plan
from tila.report.options import ReportOptions
from tila.report.plan import plan_csv_rows
from tila.report.render import build, builtin_library
from tila.scoring.engine import score
from tila.scoring.result import ScoreResult
from tila.trend.synthetic import WaveSpec, make_waves

LIB = builtin_library()
pytestmark = pytest.mark.skipif(LIB is None, reason="suggestions library not bundled")


def _waves(later_peer: float) -> tuple[ScoreResult, ScoreResult]:
    q = load_questionnaire("tila-pulse")
    a, b = make_waves(q, [WaveSpec("then", 120, {"peer_support": -0.7}),
                          WaveSpec("now", 120, {"peer_support": later_peer})], seed=9)
    return score(q, a, per_respondent=True), score(q, b, per_respondent=True)


def _plan(result: ScoreResult, tmp_path: Path, edit=None) -> Path:
    ctx = build(result, options=ReportOptions(), library=LIB)
    rows = list(csv.reader(io.StringIO(to_csv(*plan_csv_rows(ctx.plan)))))
    if edit is not None:
        edit(rows)
    path = tmp_path / "plan.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_plan_csv_names_the_action_and_its_statements(tmp_path: Path) -> None:
    then, _ = _waves(0.3)
    rows = read_plan(_plan(then, tmp_path))
    assert rows
    ids = {s.id for s in LIB.suggestions}
    for r in rows:
        assert r.suggestion_id in ids
        assert all(i in then.items for i in r.statements)
        assert (r.status, r.owner, r.due) == ("", "", "")


def test_statuses_and_a_real_change_on_the_statements(tmp_path: Path) -> None:
    then, now = _waves(0.3)  # Peer Support rises by a full scale point: a real change

    def fill(rows: list[list[str]]) -> None:
        k = rows[0].index("status")
        rows[1][k:k + 3] = ["Done", "Team leads", "2026-03-01"]

    section = followup_section(read_plan(_plan(then, tmp_path, fill)), now, then, LIB)
    assert not section.problems
    first = section.rows[0]
    assert (first.status, first.owner, first.due) == ("done", "Team leads", "2026-03-01")
    assert all(r.status == "not recorded" for r in section.rows[1:])
    peer = [r for r in section.rows if r.area == "Peer Support"]
    assert peer
    assert any("a reliable improvement" in s for r in peer for s in r.sentences)
    _check_sentences(section.rows)


def test_no_change_reads_no_reliable_change(tmp_path: Path) -> None:
    then, _ = _waves(0.3)
    section = followup_section(read_plan(_plan(then, tmp_path)), then, then, LIB)
    sentences = [s for r in section.rows for s in r.sentences]
    assert sentences
    for s in sentences:
        assert s.endswith(("no reliable change.", "so no change is shown for it."))


def test_without_a_baseline_only_statuses_are_listed(tmp_path: Path) -> None:
    then, now = _waves(0.3)
    section = followup_section(read_plan(_plan(then, tmp_path)), now, None, LIB)
    assert "no change can be shown" in section.intro
    assert all(r.sentences == () for r in section.rows)


def test_unknown_edited_and_odd_rows_are_listed_not_guessed(tmp_path: Path) -> None:
    then, now = _waves(0.3)

    def spoil(rows: list[list[str]]) -> None:
        k = rows[0].index("status")
        rows[1][1] += " (our version)"  # edited action text
        rows[2][k] = "waiting for budget"  # a status tila does not know
        rows.append(["Peer Support", "Our own idea", "", "", "", "our-own-idea", "peer_support",
                     "peer01", "done", "", ""])

    plan = read_plan(_plan(then, tmp_path, spoil))
    section = followup_section(plan, now, then, LIB)
    assert len(section.problems) == 3
    assert any("was edited" in p and "Line 2" in p for p in section.problems)
    assert any("“waiting for budget” is not" in p for p in section.problems)
    assert any("our-own-idea" in p and "not in the suggestions library" in p
               for p in section.problems)
    actions = [r.action for r in section.rows]
    assert "Our own idea" not in actions
    assert not any(a.endswith("(our version)") for a in actions)
    assert len(section.rows) == len(plan) - 2  # the odd status is shown, as written


def test_a_file_that_is_not_a_plan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Area,Action\nx,y\n", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        read_plan(path)
    assert err.value.codes == ("plan-columns",)


SAID = re.compile(r"(?P<then>\d+\.\d) then, (?P<now>\d+\.\d) now, (?P<diff>[+−]?\d+\.\d) "
                  r"\(95% CI (?P<lo>[+−]?\d+\.\d) to (?P<hi>[+−]?\d+\.\d)\): (?P<reading>.+)\.$")


def _check_sentences(rows) -> None:
    """Each change sentence: the difference is now minus then, inside its interval, and the
    reading agrees with the interval."""
    for r in rows:
        for s in r.sentences:
            m = SAID.search(s)
            if m is None:
                continue
            num = {k: float(v.replace("−", "-")) for k, v in m.groupdict().items()
                   if k != "reading"}
            assert num["diff"] == pytest.approx(num["now"] - num["then"], abs=0.11)
            assert num["lo"] <= num["diff"] <= num["hi"]
            if m["reading"] == "no reliable change":
                assert num["lo"] <= 0 <= num["hi"]
            else:
                assert (num["lo"] > 0) == (m["reading"] == "a reliable improvement")


def test_report_cli_follows_up_a_filled_in_plan(cli, tmp_path: Path) -> None:
    q = load_questionnaire("tila-pulse")
    paths = []
    for k, t in enumerate(make_waves(q, [WaveSpec("a", 60, {"peer_support": -0.7}),
                                         WaveSpec("b", 60, {"peer_support": 0.3})], seed=2)):
        path = tmp_path / f"w{k}.csv"
        write_wave_csv(path, q, t)
        paths.append(path)
    plan = tmp_path / "plan.csv"
    first = cli("report", str(paths[0]), "-q", "tila-pulse", "-o", str(tmp_path / "a.html"),
                "--plan-csv", str(plan))
    assert first.exit_code == 0, first.stderr
    rows = list(csv.reader(plan.open(encoding="utf-8", newline="")))
    k = rows[0].index("status")
    rows[1][k:k + 3] = ["in progress", "Ana", "2026-05-01"]
    with plan.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    run = cli("report", str(paths[1]), "-q", "tila-pulse", "--baseline", str(paths[0]),
              "--previous-plan", str(plan), "-o", str(tmp_path / "b.html"))
    assert run.exit_code == 0, run.stderr
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "What we said we would do" in html
    assert "<strong>Status:</strong> in progress · <strong>Owner:</strong> Ana" in html
    assert 'href="#followup"' in html or "id=\"followup\"" in html


def test_without_a_library_nothing_is_matched_and_the_reason_is_said(tmp_path: Path) -> None:
    then, now = _waves(0.3)
    plan = read_plan(_plan(then, tmp_path))
    section = followup_section(plan, now, then, None)
    assert section.rows == ()
    assert len(section.problems) == len(plan)
    assert all("no suggestions library is available" in p for p in section.problems)


def test_a_statement_few_answered_shows_no_scores_in_the_follow_up(tmp_path: Path) -> None:
    """The report hides a statement's score when fewer than the minimum answered it; the
    follow-up printed "25.0 then, 75.0 now" for it all the same, which is how those two
    people answered. It follows the statement table's rule in both waves."""
    import numpy as np

    from tila.responses.table import ResponseTable

    q = load_questionnaire("tila-pulse")
    a, b = make_waves(q, [WaveSpec("then", 120, {"peer_support": -0.7}),
                          WaveSpec("now", 120, {"peer_support": 0.3})], seed=9)
    then = score(q, a, per_respondent=True)
    rows = read_plan(_plan(then, tmp_path))
    target = rows[0].statements[0]
    j = b.item_ids.index(target)
    values, status = b.values.copy(), b.status.copy()
    values[2:, j], status[2:, j] = np.nan, 2  # all but two people: "Don't know"
    values[:2, j] = 1.0
    now = score(q, ResponseTable.build(item_ids=b.item_ids, values=values, status=status,
                                       respondent_ids=b.respondent_ids), per_respondent=True)
    assert now.items[target].n == 2
    section = followup_section(rows, now, then, LIB)
    text = q.item(target).text
    (said,) = [s for s in section.rows[0].sentences if text in s]
    assert "fewer than 5 people answered it now" in said
    assert fmt_score(now.items[target].score) not in said
    assert fmt_score(then.items[target].score) not in said


def fmt_score(x: float) -> str:
    from tila.report import fmt

    return fmt.score(x)
