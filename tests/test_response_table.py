"""ResponseTable is a read-only value whose ids and fields may be made on first use."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from tila.responses.table import ResponseTable


def _table(ids, fields=None):
    values = np.array([[1.0, 2.0], [3.0, np.nan], [5.0, 4.0]])
    status = np.where(np.isnan(values), 1, 0).astype(np.int8)
    return ResponseTable.build(item_ids=("a", "b"), values=values, status=status,
                               respondent_ids=ids, fields=fields)


def test_a_table_cannot_be_changed_once_built():
    table = _table(np.array(["x", "y", "z"], dtype=object))
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.sources = ()  # type: ignore[misc]
    moved = dataclasses.replace(table, form="self")
    assert moved.form == "self"
    assert table.form is None
    assert list(moved.respondent_ids) == ["x", "y", "z"]


def test_ids_and_fields_given_as_functions_are_made_once_and_only_when_read():
    made: list[str] = []

    def ids():
        made.append("ids")
        return np.array(["x", "y", "z"], dtype=object)

    def roles():
        made.append("role")
        return np.array(["Lead", None, "Lead"], dtype=object)

    table = _table(ids, {"role": roles})
    assert table.n_respondents == 3
    assert "role" in table.fields
    assert len(table.fields) == 1
    assert made == []
    assert list(table.respondent_ids) == ["x", "y", "z"]
    assert list(table.respondent_ids) == ["x", "y", "z"]
    assert table.group_codes("role")[1] == ("Lead",)
    assert table.group_codes("role")[0].tolist() == [0, -1, 0]
    assert made == ["ids", "role"]
    # a row subset carries the made columns
    assert list(table.take(np.array([2, 0])).respondent_ids) == ["z", "x"]


def test_ids_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError, match="one entry per row"):
        _table(np.array(["x"], dtype=object))
    late = _table(lambda: np.array(["x"], dtype=object))
    with pytest.raises(ValueError, match="one entry per row"):
        late.respondent_ids  # noqa: B018
