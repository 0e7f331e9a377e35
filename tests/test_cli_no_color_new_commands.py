"""NO_COLOR and TERM=dumb on the newer commands (issue 17, point 8): trend, benchmark build and
report print no escape sequence in a terminal, on success and in their error messages, while a
colour terminal still gets styles (so the check can fail)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tila.cli.app import app

from .site_support import site_table

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "questionnaires" / "samples"


def _in_terminal(args: list[str], cwd: Path, **extra: str) -> tuple[str, int]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SOURCE_DATE_EPOCH")}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color", COLUMNS="100")
    env.update(extra)
    child = pexpect.spawn(sys.executable, ["-m", "tila", *args], cwd=str(cwd), env=env,
                          dimensions=(50, 100), encoding="utf-8", timeout=120)
    child.logfile_read = io.StringIO()
    child.expect(pexpect.EOF)
    child.close()
    return str(child.logfile_read.getvalue()), int(child.exitstatus or 0)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Ten organizations' 'tila score --format json' results (enough for a benchmark)."""
    folder = tmp_path_factory.mktemp("orgs")
    out = []
    for i in range(10):
        t = site_table({"North": 15}, shifts={"North": (i - 5) / 5}, seed=i, unknown=0.0)
        rows = ["respondent_id,role,site," + ",".join(t.item_ids)]
        rows += [f"{t.respondent_ids[j]},{t.fields['role'][j]},North,"
                 + ",".join(str(int(v)) for v in t.values[j]) for j in range(t.n_respondents)]
        data = folder / f"org{i}.csv"
        data.write_text("\n".join(rows) + "\n", encoding="utf-8")
        result = folder / f"org{i}.json"
        run = CliRunner().invoke(app, ["score", str(data), "-q", "tila-starter", "-f", "json",
                                       "-o", str(result)])
        assert run.exit_code == 0, run.output
        out.append(result)
    return out


def _commands(results: list[Path], tmp_path: Path) -> dict[str, tuple[list[str], str, int]]:
    """name: (arguments, words the output must contain, exit code)."""
    waves = ["--wave", f"Baseline={SAMPLES / 'pulse-baseline.csv'}",
             "--wave", f"Six months={SAMPLES / 'pulse-6months.csv'}", "-q", "tila-pulse"]
    return {
        "trend": (["trend", *waves], "Baseline", 0),
        "trend error": (["trend", str(SAMPLES / "pulse-baseline.csv"), "-q", "tila-pulse"],
                        "at least two waves", 1),
        "benchmark build": (["benchmark", "build", *map(str, results), "-o",
                             str(tmp_path / "b.json"), "--description", "ten generated"],
                            "10 organizations", 0),
        "benchmark build error": (["benchmark", "build", *map(str, results[:3]), "-o",
                                   str(tmp_path / "b3.json"), "--description", "three"],
                                  "at least 10 organizations", 1),
        "report": (["report", str(SAMPLES / "sample-org.csv"), "-q", "tila-org", "-o",
                    str(tmp_path / "r.html")], "Wrote", 0),
    }


NAMES = ["trend", "trend error", "benchmark build", "benchmark build error", "report"]


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=["NO_COLOR", "dumb"])
@pytest.mark.parametrize("name", NAMES)
def test_no_escape_sequences_without_colour(results: list[Path], tmp_path: Path, name: str,
                                            env: dict[str, str]) -> None:
    args, words, code = _commands(results, tmp_path)[name]
    text, status = _in_terminal(args, tmp_path, **env)
    assert status == code, text
    assert words in " ".join(text.split())
    assert "\x1b" not in text


@pytest.mark.parametrize("name", ["trend", "benchmark build error"])
def test_a_colour_terminal_still_gets_styles(results: list[Path], tmp_path: Path,
                                             name: str) -> None:
    args, _, code = _commands(results, tmp_path)[name]
    text, status = _in_terminal(args, tmp_path)
    assert status == code
    assert "\x1b[" in text
