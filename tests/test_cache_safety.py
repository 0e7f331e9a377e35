"""Defect 10 of issue 16: the questionnaire cache unpickles, which runs code, so it must never
read an entry someone else could have planted: a symlink under an entry's name, a file others
can write, or any entry in a folder others can write to."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from tila.questionnaire import load as yaml_loader
from tila.questionnaire.cache import user_cache_dir
from tila.questionnaire.model import Questionnaire
from tila.questionnaire.parse import load_questionnaire as _load_uncached

from .conftest import DATA


def load_questionnaire(source: Path) -> Questionnaire:
    """Load as the ``tila`` command does: with its cache folder (``user_cache_dir``)."""
    return _load_uncached(source, cache_dir=user_cache_dir())


class _Payload:
    """A pickle that creates a file when loaded: proof that unpickling ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (str(self.marker), "w"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TILA_CACHE_DIR", str(folder))
    monkeypatch.delenv("TILA_NO_CACHE", raising=False)
    return folder / "questionnaires"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_bytes((DATA / "mini.yaml").read_bytes())
    return path


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    real = yaml_loader.read_yaml

    def spy(path: Path):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(path)

    monkeypatch.setattr("tila.questionnaire.parse.read_yaml", spy)
    return parsed


def _plant(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "code-ran"
    evil = tmp_path / "elsewhere.pickle"
    evil.write_bytes(pickle.dumps(_Payload(marker)))
    return evil, marker


def test_a_symlink_planted_as_an_entry_is_not_followed(cache, copy, tmp_path, monkeypatch):
    expected = load_questionnaire(copy)
    (entry,) = cache.glob("*.pickle")
    evil, marker = _plant(tmp_path)
    entry.unlink()
    entry.symlink_to(evil)
    parsed = _parses(monkeypatch)
    assert load_questionnaire(copy) == expected
    assert not marker.exists(), "the cache followed a planted symlink and ran its pickle"
    assert parsed == [copy]
    assert not entry.is_symlink()  # replaced by a real entry again


def test_an_entry_others_can_write_is_ignored(cache, copy, tmp_path, monkeypatch):
    load_questionnaire(copy)
    (entry,) = cache.glob("*.pickle")
    evil, marker = _plant(tmp_path)
    entry.write_bytes(evil.read_bytes())
    entry.chmod(0o666)
    parsed = _parses(monkeypatch)
    load_questionnaire(copy)
    assert not marker.exists()
    assert parsed == [copy]


def test_a_cache_folder_others_can_write_is_not_used(cache, copy, tmp_path, monkeypatch):
    load_questionnaire(copy)
    (entry,) = cache.glob("*.pickle")
    evil, marker = _plant(tmp_path)
    entry.write_bytes(evil.read_bytes())
    entry.chmod(0o600)
    cache.chmod(0o777)
    parsed = _parses(monkeypatch)
    load_questionnaire(copy)
    assert not marker.exists()
    assert parsed == [copy]
    assert entry.read_bytes() == evil.read_bytes()  # nothing written there either


def test_a_new_cache_folder_is_private(cache, copy):
    load_questionnaire(copy)
    assert cache.stat().st_mode & 0o077 == 0
    (entry,) = cache.glob("*.pickle")
    assert entry.stat().st_mode & 0o022 == 0
    assert os.stat(entry).st_uid == os.getuid()
