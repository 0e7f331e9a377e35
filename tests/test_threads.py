"""One ``threads=`` setting: every threaded step honours it, and the figures never depend on it."""

from __future__ import annotations

import json

import pytest

from tila import load_questionnaire, read_responses, score
from tila.paths import questionnaires_dir
from tila.responses.readers import ReadOptions
from tila.scoring import accumulate
from tila.scoring.serialize import result_dict

SAMPLE = questionnaires_dir() / "samples" / "sample-org.csv"


@pytest.mark.parametrize("by", [(), ("role",), ("role", "site")])
def test_figures_do_not_depend_on_the_thread_count(monkeypatch: pytest.MonkeyPatch,
                                                   by: tuple[str, ...]) -> None:
    monkeypatch.setattr(accumulate, "BLOCK", 16)  # many blocks, shared by the threads
    q = load_questionnaire("tila-org")
    one = read_responses(SAMPLE, q, ReadOptions(threads=1))
    many = read_responses(SAMPLE, q, ReadOptions(threads=3))
    figures = {json.dumps(result_dict(score(q, table, by=by, threads=n,
                                            per_respondent=True), per_respondent=True))
               for table in (one, many) for n in (1, 2, 3, None)}
    assert len(figures) == 1


def test_one_thread_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(accumulate, "BLOCK", 16)  # enough blocks for several threads
    q = load_questionnaire("tila-org")
    started: list[str] = []
    real = threading.Thread.start

    def spy(self: threading.Thread) -> None:
        started.append(self.name)
        real(self)

    monkeypatch.setattr(threading.Thread, "start", spy)
    score(q, read_responses(SAMPLE, q, ReadOptions(threads=1)), by=["role"], threads=1)
    assert started == []


def test_a_thread_count_below_one_is_refused() -> None:
    q = load_questionnaire("tila-org")
    table = read_responses(SAMPLE, q)
    with pytest.raises(ValueError, match="at least 1"):
        score(q, table, threads=0)
