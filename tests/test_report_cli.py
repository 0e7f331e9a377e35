"""``tila report`` from the command line: files written, exit codes, and nothing half-written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.report_support import FakeLibrary, FakeSuggestion, make_result, make_table
from tila.cli.app import app
from tila.framework import PRINCIPLE_IDS
from tila.report.options import ReportOptions
from tila.report.render import render_report

SRC = Path(__file__).resolve().parents[1] / "src"


def write_csv(path: Path, seed: int = 1, n: int = 40) -> Path:
    t = make_table(n=n, seed=seed)
    lines = ["respondent_id,role,site," + ",".join(t.item_ids)]
    for i in range(t.n_respondents):
        cells = ["Don't know" if np.isnan(v) else str(int(v)) for v in t.values[i]]
        lines.append(f"{t.respondent_ids[i]},{t.fields['role'][i]},{t.fields['site'][i]},"
                     + ",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        from tila.errors import TilaError

        if isinstance(result.exception, TilaError):  # main() maps these to exit 1
            return 1, result.exception.render()
        raise result.exception
    return result.exit_code, result.output


def test_report_writes_html_with_groups_and_response_rate(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "answers.csv")
    out = tmp_path / "report.html"
    code, _ = run("report", str(data), "-q", "tila-starter", "-o", str(out), "--org",
                  "Riverside", "--by", "role", "--invited", "50")
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert "Riverside" in html
    assert "40 people answered out of 50 invited" in html
    assert 'id="groups-role"' in html
    assert "Leaders and staff" in html


@pytest.mark.parametrize("case", ["logo", "folder", "directory", "accent"])
def test_bad_input_exits_1_with_a_message_and_leaves_no_file(tmp_path: Path, case: str) -> None:
    data = write_csv(tmp_path / "answers.csv")
    out = tmp_path / "report.html"
    extra = {"logo": ["--logo", str(tmp_path / "missing.png")],
             "folder": ["-o", str(tmp_path / "no" / "such" / "report.html")],
             "directory": ["-o", str(tmp_path)],
             "accent": ["--accent", "red; background: url(x)"]}[case]
    args = ["report", str(data), "-q", "tila-starter", "-o", str(out), *extra]
    code, message = run(*args)
    assert code == 1
    assert {"logo": "cannot read the logo", "folder": "does not exist",
            "directory": "cannot write", "accent": "is not a colour"}[case] in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.csv"]


def test_baseline_answered_with_another_version_is_refused(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "answers.csv")
    t = make_table(n=10, seed=3)
    with (tmp_path / "old.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(10):
            fh.write(json.dumps({
                "tila_response": 1, "questionnaire": {"id": "tila-starter", "version": "0.9.0"},
                "respondent_id": f"B{i}", "form": None, "fields": {},
                "answers": {k: (None if np.isnan(v) else int(v))
                            for k, v in zip(t.item_ids, t.values[i], strict=True)},
                "completed_at": None}) + "\n")
    code, message = run("report", str(data), "-q", "tila-starter", "-o",
                        str(tmp_path / "r.html"), "--baseline", str(tmp_path / "old.jsonl"))
    assert code == 1
    assert "another version" in message
    assert not (tmp_path / "r.html").exists()


def test_plan_csv_escapes_formulas(tmp_path: Path) -> None:
    lib = FakeLibrary(tuple(FakeSuggestion(f"{p}-{k}", f"=HYPERLINK(\"x\") {p}", p,
                                           actions=("+1 call", "b", "c"))
                            for p in PRINCIPLE_IDS for k in range(2)))
    render_report(make_result(), tmp_path / "r.html", options=ReportOptions(),
                  library=lib, plan_csv=tmp_path / "plan.csv")
    import csv

    with (tmp_path / "plan.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Area", "Action", "First step", "Suggested lead",
                       "Time to first results", "suggestion_id", "principle", "statements",
                       "status", "owner", "due_date"]
    assert rows[1][1].startswith("'=HYPERLINK")
    assert rows[1][2] == "'+1 call"
    assert rows[1][-3:] == ["", "", ""]  # status, owner, due date: filled in by the reader


def test_help_does_not_import_weasyprint_jinja_or_numpy() -> None:
    code = ("import sys, tila.cli.app; bad = [m for m in ('weasyprint', 'jinja2', 'numpy') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(SRC)})
    assert out.stdout.strip() == "[]"


def test_report_reads_platform_exports_like_score(cli, tmp_path):
    """The sample organization's Qualtrics export makes the same report as its native CSV,
    except that its completion dates (EndDate, all on 2 March 2026) give the survey day."""
    from tests.conftest import ROOT

    samples = ROOT / "questionnaires" / "samples"
    out = tmp_path / "r.html"
    run = cli("report", str(samples / "sample-org-qualtrics.csv"), "-q", "tila-org",
              "-o", str(out), "--org", "Riverbend")
    assert run.exit_code == 0, run.stderr
    assert "Detected Qualtrics export" in run.stderr
    native = tmp_path / "n.html"
    assert cli("report", str(samples / "sample-org.csv"), "-q", "tila-org", "-o", str(native),
               "--org", "Riverbend").exit_code == 0
    surveyed = "<li>Surveyed 2 March 2026</li>"
    assert surveyed in out.read_text()
    assert out.read_text().replace(surveyed, "") == native.read_text()


def test_a_report_about_one_leader_compares_their_self_rating_with_their_staff(cli, tmp_path):
    from tests.conftest import ROOT

    samples = ROOT / "questionnaires" / "samples"
    common = [str(samples / "leader-staff.csv"), "--form", "staff", "--self",
              str(samples / "leader-self.csv"), "-q", "tila-leader", "--org", "Riverbend"]
    out = tmp_path / "l01.html"
    run = cli("report", *common, "--leader", "L01", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    html = out.read_text()
    assert "Overall, leader L01, as their staff rate them, scores" in html
    assert "The leader&#39;s own rating beside the ratings of 6 staff members" in html

    few = tmp_path / "l08.html"
    run = cli("report", *common, "--leader", "L08", "-o", str(few))
    assert run.exit_code == 1
    assert "only 3 staff rated leader 'L08'" in run.stderr
    assert not few.exists()

    run = cli("report", *common, "--leader", "L99", "-o", str(few))
    assert run.exit_code == 1
    assert "no ratings for leader 'L99'" in run.stderr
