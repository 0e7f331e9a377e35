"""``tila score`` as a user runs it: formats, output files, exit codes and messages."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import DATA

MINI = str(DATA / "mini.yaml")
CSV = str(DATA / "mini.csv")


def test_table_on_stdout_and_warnings_on_stderr(cli):
    run = cli("score", CSV, "-q", MINI)
    assert run.exit_code == 0, run.stderr
    assert "Safety" in run.stdout
    assert "Overall index" in run.stdout
    assert "4 respondents" in run.stdout
    assert "Not scored: 1 too few answers, 1 no answers" in run.stdout
    assert "identify individuals" in run.stderr  # only 4 < 5 scored
    assert "few-respondents" not in run.stdout
    assert "results may identify" not in run.stdout


def test_json_output_has_the_documented_top_level_keys(cli):
    run = cli("score", CSV, "-q", MINI, "--format", "json", "--by", "role",
              "--min-group-size", "2")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert list(doc) == ["schema_version", "tila_version", "questionnaire", "scoring",
                         "respondents", "excluded", "principles", "domains", "overall",
                         "items", "groups", "warnings"]
    assert doc["questionnaire"] == {"id": "mini", "version": "0.1", "form": None}
    assert doc["scoring"]["min_answered"] == 0.5
    assert doc["excluded"] == {"count": 2, "reasons": {"too-few-answers": 1, "no-answers": 1}}
    safety = doc["principles"]["safety"]
    assert set(safety) >= {"title", "n", "mean", "score", "sd", "median", "ci95", "band",
                           "alpha"}
    assert doc["groups"]["role"]["values"]["B"] == {"suppressed": True, "reason": "small-group"}
    # B (1 person) and the one who preferred not to say are hidden: 2 people, as many as the
    # minimum, so A may show (the organization minus A is those two together).
    assert doc["groups"]["role"]["values"]["A"]["n"] == 2
    assert doc["groups"]["role"]["not_stated"] is None
    assert doc["groups"]["role"]["not_stated_fewer_than"] == 2
    assert "NaN" not in run.stdout


def test_per_respondent_csv(cli, tmp_path):
    out = tmp_path / "scores.csv"
    run = cli("score", CSV, "-q", MINI, "--per-respondent", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["respondent_id"] for r in rows] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert rows[0]["status"] == "scored"
    assert rows[3]["status"] == "excluded: too-few-answers"
    assert float(rows[0]["safety"]) == pytest.approx(((5 + 4 + 4 + 2.5) / 3.5 - 1) * 25, 1e-4)
    assert rows[3]["safety"] == ""


def test_format_follows_the_output_extension(cli, tmp_path):
    out = tmp_path / "result.json"
    assert cli("score", CSV, "-q", MINI, "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["respondents"] == 4


def test_builtin_questionnaire_by_id(cli, write):
    header = "respondent_id,role," + ",".join(
        ["saf1", "saf2", "saf3", "tru1", "tru2", "tru3", "peer1", "peer2", "peer3", "col1",
         "col2", "col3", "emp1", "emp2", "emp3", "cul1", "cul2", "cul3"])
    rows = [f"r{i},Direct service," + ",".join(str((i + j) % 5 + 1) for j in range(18))
            for i in range(6)]
    path = write("starter.csv", "\n".join([header, *rows]) + "\n")
    run = cli("score", str(path), "-q", "tila-starter", "--by", "role")
    assert run.exit_code == 0, run.stderr
    assert "Direct service" in run.stdout


def test_csv_cells_that_look_like_formulas_are_defused(cli, write, tmp_path):
    text = (DATA / "mini.csv").read_text().replace("R1,", "=HYPERLINK(1),")
    out = tmp_path / "s.csv"
    cli("score", str(write("r.csv", text)), "-q", MINI, "--per-respondent", "-o", str(out))
    assert "'=HYPERLINK(1)" in out.read_text()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("respondent_id,s1,s2,s3,t1,t2,x1,extra\nR1,1,2,3,4,5,1,z\n", "unknown-column"),
        ("respondent_id,s1,s2,s3,t1,t2\nR1,1,2,3,4,5\n", "missing-item"),
        ("respondent_id,s1,s2,s3,t1,t2,x1\nR1,1,2,3,4,6,1\n", "out-of-range"),
        ("respondent_id,s1,s2,s3,t1,t2,x1\nR1,1,2,3,4,often,1\n", "unknown-label"),
        ("respondent_id,s1,s2,s3,t1,t2,x1\nR1,1,2,3,4,5,1\nR1,1,2,3,4,5,1\n",
         "duplicate-respondent"),
        ("", "empty-file"),
        (b"PK\x03\x04\x00\x00binary\x00\x00", "not-a-table"),
    ],
)
def test_bad_input_exits_1_with_a_located_message_and_no_output(cli, write, tmp_path,
                                                                 content, code):
    out = tmp_path / "out.json"
    run = cli("score", str(write("bad.csv", content)), "-q", MINI, "-o", str(out))
    assert run.exit_code == 1
    assert "bad.csv" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert not out.exists()
    assert run.stdout == ""
    expected = {"out-of-range": "row 2, column 't2'", "unknown-label": "row 2, column 't2'",
                "unknown-column": "column 'extra'"}.get(code)
    if expected:
        assert expected in run.stderr


def test_missing_file_exits_1(cli, tmp_path):
    run = cli("score", str(tmp_path / "nope.csv"), "-q", MINI)
    assert run.exit_code == 1
    assert "no such file" in run.stderr


def test_invalid_questionnaire_exits_1_with_its_location(cli, write):
    bad = write("q.yaml", (DATA / "mini.yaml").read_text().replace("domain: environment",
                                                                    "domain: enviroment"))
    run = cli("score", CSV, "-q", str(bad))
    assert run.exit_code == 1
    assert f"{bad}:" in run.stderr
    assert "unknown domain 'enviroment'" in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("score", CSV),  # no questionnaire
        ("score", CSV, "-q", MINI, "--format", "xml"),
        ("score", CSV, "-q", MINI, "--min-group-size", "0"),
        ("scroe",),
    ],
)
def test_usage_mistakes_exit_2(cli, args):
    run = cli(*args)
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr


def test_debug_shows_the_traceback(cli, tmp_path):
    run = cli("--debug", "score", str(tmp_path / "nope.csv"), "-q", MINI)
    assert run.exit_code == -1  # the exception propagates for the developer to see
    assert run.exception is not None


def test_respondent_data_never_appears_in_errors(cli, write):
    secret = "jane.doe@example.org"
    text = f"respondent_id,role,site,s1,s2,s3,t1,t2,x1\nR1,A,{secret},1,2,3,4,5,99\n"
    run = cli("score", str(write("r.csv", text)), "-q", MINI)
    assert run.exit_code == 1
    assert secret not in run.stderr + run.stdout


def test_scoring_with_the_wrong_builtin_suggests_the_right_one(cli):
    from tests.conftest import ROOT

    run = cli("score", str(ROOT / "questionnaires" / "samples" / "sample-org.csv"),
              "-q", "tila-pulse")
    assert run.exit_code == 1
    assert run.stderr.count("error:") == 1
    assert "does not look like responses to tila-pulse" in run.stderr
    assert "try -q tila-org" in run.stderr


def test_a_short_questionnaires_file_scored_with_a_long_one_gets_one_message(cli):
    from tests.conftest import ROOT

    run = cli("score", str(ROOT / "questionnaires" / "samples" / "pulse-baseline.csv"),
              "-q", "tila-org")
    assert run.exit_code == 1
    assert run.stderr.count("error:") == 1
    assert "55 of its 67 items have no column" in run.stderr
    assert "try -q tila-pulse" in run.stderr


def test_group_table_fits_an_80_column_terminal_with_large_groups(tmp_path):
    # Analysts' groups run to tens of thousands: the overall score of every group must still
    # show in a standard terminal, and the legend must wrap, not be cut off.
    from rich.console import Console

    from tila import load_questionnaire, read_responses, score
    from tila.cli.tables import _print

    q = load_questionnaire("tila-org")
    sample = (DATA.parents[1] / "questionnaires" / "samples" / "sample-org.csv").read_text()
    header, *rows = sample.splitlines()
    rows = [r for r in rows if r.split(",")[1]]  # role stated
    # Ids stay unique: the sample's rows repeated, each copy with its own id prefix.
    copies = [f"c{i}-{r}" for i in range(60) for r in rows]
    path = tmp_path / "big.csv"
    path.write_text("\n".join([header, *copies]) + "\n", encoding="utf-8")
    result = score(q, read_responses(path, q), by=["role"])
    assert max(g.n for g in result.groups["role"].groups) >= 5000
    buf = io.StringIO()
    _print(Console(file=buf, width=80, no_color=True, highlight=False), result)
    lines = buf.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    heading = next(line for line in lines if line.startswith("Your role"))
    assert heading.rstrip().endswith("All")
    overall = f"{result.groups['role'].groups[0].overall.score:.1f}"
    first = next(line for line in lines if line.startswith(result.groups["role"].groups[0].value))
    assert first.rstrip().endswith(overall)
    assert "All = overall index." in buf.getvalue()
