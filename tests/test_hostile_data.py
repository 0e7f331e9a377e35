"""Defect 8 of issue 16 (the parts outside the report): a user's malformed data is a located
data error (exit 1), never "an internal problem" (exit 3), and stdin and pipes are read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tila.errors import ResponseError
from tila.questionnaire.parse import load_questionnaire
from tila.responses.readers import read_responses

from .conftest import DATA

MINI = str(DATA / "mini.yaml")
ROOT = Path(__file__).resolve().parents[1]


def _response(**overrides: object) -> dict[str, object]:
    doc: dict[str, object] = {"tila_response": "1", "questionnaire": {"id": "mini",
                                                                       "version": "0.1"},
                              "respondent_id": "R1",
                              "answers": {"s1": 4, "s2": 3, "s3": 4, "t1": 2, "t2": 5}}
    doc.update(overrides)
    return doc


@pytest.mark.parametrize(("key", "value", "said"), [
    ("questionnaire", "mini", "'questionnaire' must be an object with id and version, not a "
                              "string"),
    ("answers", [4, 3], "'answers' must be an object of item ids to answers, not a list"),
    ("fields", "x", "'fields' must be an object"),
])
def test_json_response_parts_of_the_wrong_type_are_located_errors(cli, tmp_path, key, value,
                                                                    said):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_response(**{key: value})))
    run = cli("score", str(path), "-q", MINI)
    assert run.exit_code == 1, run.stderr
    assert said in run.stderr
    assert str(path) in run.stderr
    with pytest.raises(ResponseError) as caught:  # the library: no AttributeError
        read_responses(path, load_questionnaire(MINI))
    assert caught.value.codes == ("bad-response-type",)


def test_a_5000_digit_integer_in_json_is_a_data_error(cli, tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_response()).replace('"s1": 4', '"s1": ' + "9" * 5000))
    run = cli("score", str(path), "-q", MINI)
    assert run.exit_code == 1, run.stderr
    assert "a number in the JSON cannot be read" in run.stderr


def test_a_5000_digit_scale_value_in_yaml_is_a_data_error(cli, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(Path(MINI).read_text().replace("{value: 5,", "{value: " + "9" * 5000 + ","))
    run = cli("validate", str(path))
    assert run.exit_code == 1, run.stderr
    assert "a value cannot be read" in run.stderr


def test_very_deep_json_is_a_data_error(cli, tmp_path):
    path = tmp_path / "r.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    run = cli("score", str(path), "-q", MINI)
    assert run.exit_code == 1, run.stderr
    assert "nested too deeply" in run.stderr


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_very_deep_answers_file_is_a_data_error(cli, tmp_path, suffix):
    path = tmp_path / f"a{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000)
    run = cli("administer", MINI, "--answers", str(path), "-o", str(tmp_path / "o.json"))
    assert run.exit_code == 1, run.stderr
    assert "nested" in run.stderr


@pytest.mark.parametrize("bad", [".nan", ".inf", "-.inf"])
def test_nan_and_infinite_scale_values_fail_validation(cli, tmp_path, bad):
    path = tmp_path / "q.yaml"
    path.write_text(Path(MINI).read_text().replace("{value: 1,", "{value: " + bad + ","))
    run = cli("validate", str(path))
    assert run.exit_code == 1
    assert "scales.agree5.points[0].value" in run.stderr
    assert "finite number" in run.stderr


def _tila(*args: str, stdin: bytes | None = None, shell: str | None = None
          ) -> subprocess.CompletedProcess[bytes]:
    env = {"PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "TILA_NO_CACHE": "1",
           "PATH": "/usr/bin:/bin"}
    if shell is not None:
        return subprocess.run(["bash", "-c", shell], capture_output=True, env=env, timeout=120,
                              check=False)
    return subprocess.run([sys.executable, "-m", "tila", *args], input=stdin,
                          capture_output=True, env=env, timeout=120, check=False)


def _respondents(stdout: bytes) -> int:
    doc = json.loads(stdout)
    return int(doc["respondents"]) + int(doc["excluded"]["count"])


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_responses_piped_on_stdin_are_read(name):
    run = _tila("score", name, "-q", MINI, "-f", "json",
                stdin=(DATA / "mini.csv").read_bytes())
    assert run.returncode == 0, run.stderr.decode()
    assert _respondents(run.stdout) == 6


def test_process_substitution_is_read():
    run = _tila(shell=f"{sys.executable} -m tila score <(cat {DATA / 'mini.csv'}) -q {MINI} "
                      "-f json")
    assert run.returncode == 0, run.stderr.decode()
    assert _respondents(run.stdout) == 6


def test_problems_in_piped_data_name_stdin():
    run = _tila("score", "-", "-q", MINI, stdin=b"a,b\n1,2\n")
    assert run.returncode == 1
    assert "<stdin>: row 1, column 'a'" in run.stderr.decode()
    assert "tila-stdin-" not in run.stderr.decode()


def test_json_responses_on_stdin_are_read():
    run = _tila("score", "-", "-q", MINI, "-f", "json",
                stdin=json.dumps(_response()).encode())
    assert run.returncode == 0, run.stderr.decode()
    assert _respondents(run.stdout) == 1


def test_dev_zero_as_logo_is_refused_after_reading_the_limit(cli, tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    run = cli("report", str(DATA / "mini.csv"), "-q", MINI, "--logo", "/dev/zero", "-f",
              "html", "-o", str(tmp_path / "r.html"))
    assert run.exit_code == 1, run.stderr
    assert "the logo is larger than 2 MB" in run.stderr
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("kind", ["list", "struct", "date"])
def test_parquet_with_odd_item_columns_is_a_data_error(cli, tmp_path, kind):
    import datetime

    import polars as pl

    values = {"list": [[1]] * 6, "struct": [{"a": 1}] * 6,
              "date": [datetime.date(2020, 1, 1)] * 6}[kind]
    path = tmp_path / f"{kind}.parquet"
    pl.read_csv(DATA / "mini.csv", infer_schema=False).with_columns(
        pl.Series("s1", values)).write_parquet(path)
    run = cli("score", str(path), "-q", MINI)
    assert run.exit_code == 1, run.stderr
    assert f"{path}: " in run.stderr
    assert "column 's1'" in run.stderr
