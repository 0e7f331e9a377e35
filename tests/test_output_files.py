"""Defects 6 and 11 of issue 16: writing a result keeps an existing file's mode, refuses a
read-only file in every command, creates its temporary file with the final mode, and removes
temporary files a killed run left behind (only tila's own, only old ones)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tila.errors import OutputError
from tila.fileio import STALE_SECONDS, atomic_write

from .conftest import DATA

MINI = str(DATA / "mini.yaml")
CSV = str(DATA / "mini.csv")


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_score_output_keeps_a_private_files_mode(cli, tmp_path):
    out = tmp_path / "s.json"
    out.write_text("{}")
    out.chmod(0o600)
    run = cli("score", CSV, "-q", MINI, "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert out.read_text() != "{}"
    assert _mode(out) == 0o600


def test_a_new_file_gets_the_umask_mode(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.txt") == 0o640


@pytest.mark.parametrize("command", [
    ("score", CSV, "-q", MINI, "-f", "json", "-o"),
    ("import", CSV, "-q", MINI, "-o"),
    ("import", CSV, "-q", MINI, "--write-map"),
    ("report", CSV, "-q", MINI, "-f", "html", "-o"),
])
def test_read_only_targets_are_refused_by_every_command(cli, tmp_path, command):
    suffix = ".yaml" if "--write-map" in command else ".html" if "report" in command else ".csv"
    out = tmp_path / f"kept{suffix}"
    out.write_text("keep me")
    out.chmod(0o444)
    run = cli(*command, str(out))
    assert run.exit_code == 1, run.stderr
    assert f"{out} is read-only" in run.stderr
    assert out.read_text() == "keep me"
    assert _mode(out) == 0o444


def test_the_temporary_file_has_the_final_mode_before_any_byte(tmp_path, monkeypatch):
    target = tmp_path / "r.csv"
    target.write_text("old")
    target.chmod(0o600)
    seen: list[int] = []
    real_replace = os.replace

    def spy(src, dst):  # type: ignore[no-untyped-def]
        seen.append(os.stat(src).st_mode & 0o777)
        real_replace(src, dst)

    monkeypatch.setattr("tila.fileio.os.replace", spy)
    atomic_write(target, "new")
    assert seen == [0o600]
    assert target.read_text() == "new"


def test_a_folder_or_device_is_not_a_target(tmp_path):
    with pytest.raises(OutputError) as caught:
        atomic_write(tmp_path, "x")
    assert caught.value.codes == ("not-a-file",)


def test_stale_temporary_files_of_tilas_naming_are_removed(tmp_path):
    old = time.time() - STALE_SECONDS - 60
    stale = tmp_path / ".per.csv.tila-abcd1234.tmp"
    fresh = tmp_path / ".per.csv.tila-efgh5678.tmp"  # another tila may be writing it now
    foreign = tmp_path / ".per.csv.abcd1234.tmp"  # not our exact pattern
    mine_named_alike = tmp_path / "notes.tila-abcd1234.tmp"  # not hidden: not ours
    for p in (stale, fresh, foreign, mine_named_alike):
        p.write_text("x" * 100)
    for p in (stale, foreign, mine_named_alike):
        os.utime(p, (old, old))
    atomic_write(tmp_path / "other.json", "{}")
    assert not stale.exists()
    assert fresh.exists()
    assert foreign.exists()
    assert mine_named_alike.exists()


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def boom(src, dst):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr("tila.fileio.os.replace", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "r.csv", "x")
    assert list(tmp_path.iterdir()) == []
