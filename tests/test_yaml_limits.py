"""Defect 3 of issue 16 (and the YAML parts of defect 8): a small YAML file cannot make tila
expand aliases without end, recurse past Python's stack, or read gigabytes. Every such file is a
located data error (exit 1), from every command that reads YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tila.errors import QuestionnaireError
from tila.questionnaire.load import MAX_YAML_BYTES, read_yaml
from tila.questionnaire.parse import load_questionnaire

from .conftest import DATA

MINI = str(DATA / "mini.yaml")


def _bomb(tmp_path: Path, levels: int = 9) -> Path:
    """The 400-byte 'billion laughs': each level lists the previous one nine times."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghijklm"[:levels - 1]:
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    path = tmp_path / "bomb.yaml"
    path.write_text("id: bomb\n" + "\n".join(lines) + "\n")
    assert path.stat().st_size < 450
    return path


def test_alias_bomb_is_a_located_error_in_validate(cli, tmp_path):
    bomb = _bomb(tmp_path)
    run = cli("validate", str(bomb))
    assert run.exit_code == 1, run.stderr
    assert "aliases expand it to more than 200,000 values" in run.stderr
    # located at the list where the expansion passed the limit: file:line:col
    assert f"{bomb}:7:4:" in run.stderr


def test_alias_bomb_as_questionnaire_of_score(cli, tmp_path):
    run = cli("score", str(DATA / "mini.csv"), "-q", str(_bomb(tmp_path)))
    assert run.exit_code == 1
    assert "too large to read" in run.stderr


def test_alias_bomb_as_administer_answers(cli, tmp_path):
    run = cli("administer", MINI, "--answers", str(_bomb(tmp_path)), "-o",
              str(tmp_path / "out.json"))
    assert run.exit_code == 1
    assert "too large to read" in run.stderr
    assert not (tmp_path / "out.json").exists()


def test_alias_bomb_in_a_suggestions_file(tmp_path):
    from tila.library import check_library_file

    bomb = _bomb(tmp_path)
    bomb.write_text("kind: suggestions\n" + bomb.read_text())
    assert [p.code for p in check_library_file(bomb)] == ["yaml-aliases"]


def test_alias_bomb_through_the_loader_raises_a_questionnaire_error(tmp_path):
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(_bomb(tmp_path))
    assert caught.value.codes == ("yaml-aliases",)


def test_shared_aliases_within_limits_still_load(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a: &x {k: [1, 2, 3]}\nb: *x\nc: *x\n")
    data, problems = read_yaml(path)
    assert problems == []
    assert data["c"]["k"] == [1, 2, 3]


@pytest.mark.parametrize("depth", [70, 100_000])
def test_deep_nesting_is_a_data_error(cli, tmp_path, depth):
    path = tmp_path / "deep.yaml"
    path.write_text("id: " + "[" * depth + "]" * depth + "\n")
    run = cli("validate", str(path))
    assert run.exit_code == 1, run.stderr
    assert "nested more than 64 levels deep" in run.stderr


def test_questionnaire_larger_than_the_limit_is_refused_unread(cli, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w") as fh:
        fh.write("id: huge\ndescription: '")
        fh.write("x" * MAX_YAML_BYTES)
        fh.write("'\n")
    run = cli("validate", str(path))
    assert run.exit_code == 1
    assert "larger than 5 MB" in run.stderr


def test_dev_zero_as_questionnaire_is_refused(cli):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    run = cli("score", str(DATA / "mini.csv"), "-q", "/dev/zero")
    assert run.exit_code == 1
    assert "larger than 5 MB" in run.stderr
