"""The questionnaire cache: a file loaded once loads again without parsing, and the cache never
changes what loads, or whether it does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tila.errors import QuestionnaireError
from tila.questionnaire import load as yaml_loader
from tila.questionnaire.cache import user_cache_dir
from tila.questionnaire.model import Questionnaire
from tila.questionnaire.parse import load_questionnaire as _load_uncached

from .conftest import DATA


def load_questionnaire(source: Path) -> Questionnaire:
    """Load as the ``tila`` command does: with its cache folder (``user_cache_dir``)."""
    return _load_uncached(source, cache_dir=user_cache_dir())


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


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every YAML parse (none should happen on a cache hit)."""
    parsed: list[Path] = []
    real = yaml_loader.read_yaml

    def spy(path: Path):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(path)

    monkeypatch.setattr("tila.questionnaire.parse.read_yaml", spy)
    return parsed


def test_a_second_load_comes_from_the_cache_and_equals_the_first(
        cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_questionnaire(copy)
    assert len(list(cache.glob("*.pickle"))) == 1
    parsed = _no_parsing(monkeypatch)
    second = load_questionnaire(copy)
    assert parsed == []
    assert second == first
    assert second.item_ids == first.item_ids
    assert second.scales[second.items[0].scale].values == first.scales[
        first.items[0].scale].values


def test_editing_the_file_loads_it_again(cache: Path, copy: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = load_questionnaire(copy)
    copy.write_text(copy.read_text().replace(f"title: {before.title}", "title: Edited title"))
    parsed = _no_parsing(monkeypatch)
    after = load_questionnaire(copy)
    assert parsed == [copy]
    assert after.title == "Edited title"


def test_an_invalid_file_is_never_cached_and_fails_every_time(cache: Path, copy: Path) -> None:
    copy.write_text(copy.read_text().replace("items:", "itemz:", 1))
    for _ in range(2):
        with pytest.raises(QuestionnaireError):
            load_questionnaire(copy)
    assert not list(cache.glob("*.pickle"))


def test_a_damaged_entry_is_dropped_and_the_file_loads(cache: Path, copy: Path) -> None:
    expected = load_questionnaire(copy)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_questionnaire(copy) == expected
    assert entry.read_bytes() != b"not a pickle"  # replaced by a good entry


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path: Path, copy: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be created under a file")
    monkeypatch.setenv("TILA_CACHE_DIR", str(blocker))
    assert load_questionnaire(copy).id == "mini"


def test_tila_no_cache_neither_reads_nor_writes(cache: Path, copy: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILA_NO_CACHE", "1")
    assert user_cache_dir() is None
    load_questionnaire(copy)
    assert not cache.exists()


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="needs root to give an entry another owner")
def test_entries_written_by_another_user_are_ignored(cache: Path, copy: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    load_questionnaire(copy)
    (entry,) = cache.glob("*.pickle")
    os.chown(entry, 12345, 12345)
    parsed = _no_parsing(monkeypatch)
    load_questionnaire(copy)
    assert parsed == [copy]


@pytest.mark.parametrize(("limit", "kept"), [(2, 2), (7, 5)])
def test_old_entries_are_pruned_beyond_the_limit(cache: Path, copy: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 limit: int, kept: int) -> None:
    monkeypatch.setattr("tila.questionnaire.cache.MAX_ENTRIES", limit)
    text = copy.read_text()
    for n in range(5):  # every edit is a new entry
        copy.write_text(text.replace("title:", f"# edit {n}\ntitle:", 1))
        load_questionnaire(copy)
    assert len(list(cache.glob("*.pickle"))) == kept
    parsed = _no_parsing(monkeypatch)
    load_questionnaire(copy)  # the newest entry is always kept
    assert parsed == []


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TILA_CACHE_DIR", raising=False)
    monkeypatch.delenv("TILA_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / "tila"


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch, copy: Path) -> None:
    monkeypatch.delenv("TILA_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert user_cache_dir() is None
    assert load_questionnaire(copy).id == "mini"


def test_without_a_cache_folder_a_load_writes_nothing(cache: Path, copy: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A library call names no folder: nothing is written, even with TILA_CACHE_DIR set."""
    first = _load_uncached(copy)
    assert not cache.parent.exists()
    parsed = _no_parsing(monkeypatch)
    assert _load_uncached(copy) == first
    assert parsed == [copy]  # and nothing is read either


def test_a_given_cache_folder_is_used(tmp_path: Path, copy: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "mine"
    first = _load_uncached(copy, cache_dir=folder)
    assert len(list((folder / "questionnaires").glob("*.pickle"))) == 1
    parsed = _no_parsing(monkeypatch)
    assert _load_uncached(copy, cache_dir=str(folder)) == first
    assert parsed == []
