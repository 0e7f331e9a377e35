"""REDCap: the data dictionary follows REDCap's documented layout and naming rules, and a raw
export of a project built from it imports with no map and scores exactly as answered."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.deploy_support import assert_round_trip, random_respondents
from tila import load_questionnaire
from tila.deploy import deploy
from tila.deploy.redcap import HEADER, RECOMMENDED_LENGTH, variable_name
from tila.deploy.survey import PREFER_NOT, build_survey, field_choices
from tila.errors import OutputError
from tila.questionnaire.builtin import builtin_ids
from tila.questionnaire.model import Questionnaire

PLATFORM = "redcap"
CASES = [("tila-starter", None), ("tila-org", None), ("tila-pulse", None),
         ("tila-leader", "self"), ("tila-leader", "staff")]


def dictionary(q: Questionnaire, form: str | None) -> list[dict[str, str]]:
    text = deploy(q, "redcap", form=form).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADER
    return [dict(zip(HEADER, r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize(("qid", "form"), CASES)
def test_dictionary_follows_redcap_rules(qid: str, form: str | None) -> None:
    q = load_questionnaire(qid)
    rows = dictionary(q, form)
    names = [r["Variable / Field Name"] for r in rows]
    assert names[0] == "record_id"  # REDCap takes the first field as the record id
    assert len(set(names)) == len(names)
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
        assert len(name) <= RECOMMENDED_LENGTH, name
    assert {r["Form Name"] for r in rows} == {re.sub(r"[^a-z0-9]+", "_", qid + (
        f"_{form}" if form else ""))}
    intro = next(r for r in rows if r["Field Type"] == "descriptive")
    assert f"{q.id} {q.version}" in intro["Field Label"]
    assert q.description is not None
    assert q.description.split(".")[0] in intro["Field Label"]
    items = [r for r in rows if r["Field Annotation"].startswith("tila item ")]
    order = [r["Field Annotation"].removeprefix("tila item ") for r in items]
    assert order == [s.id for s in build_survey(q, form).statements]
    assert sorted(order) == sorted(q.item_ids)
    for r in items:
        item = q.item(r["Field Annotation"].removeprefix("tila item "))
        scale = q.scale_of(item)
        assert r["Field Type"] == "radio"
        assert r["Field Label"] == item.text_for(form)
        codes = dict(c.split(", ", 1) for c in r["Choices, Calculations, OR Slider Labels"]
                     .split(" | "))
        # The scale's values are the codes, so a raw export needs no recoding.
        assert [float(k) for k in codes][:len(scale.points)] == list(scale.values)
        assert list(codes.values()) == [*(p.label for p in scale.points),
                                        *(o.label for o in scale.non_scored)]
        assert not set(codes) & {str(int(v)) for v in scale.values} - \
            {str(int(p.value)) for p in scale.points}
    for f in q.respondent_fields:
        row = next(r for r in rows if r["Variable / Field Name"] == variable_name(f.id))
        assert row["Field Label"] == f.label
        assert row["Field Type"] == ("radio" if f.choices else "text")
        if f.choices:
            assert PREFER_NOT in row["Choices, Calculations, OR Slider Labels"] or \
                not f.prefer_not_to_say
            assert len(field_choices(f)) == row["Choices, Calculations, OR Slider Labels"] \
                .count("|") + 1


def test_every_builtin_deploys() -> None:
    for qid in builtin_ids():
        q = load_questionnaire(qid)
        assert deploy(q, "redcap", form=q.forms[0].id if q.forms else None)


def test_variable_names_are_made_valid() -> None:
    assert variable_name("saf1") == "saf1"
    assert variable_name("saf-1.b") == "saf_1_b"
    assert variable_name("class") == "tila_class"  # a word REDCap reserves
    assert variable_name("redcap_x") == "tila_redcap_x"


def test_form_is_required_and_checked() -> None:
    q = load_questionnaire("tila-leader")
    with pytest.raises(OutputError, match="self, staff"):
        deploy(q, "redcap")
    with pytest.raises(OutputError, match="no form 'boss'"):
        deploy(q, "redcap", form="boss")


def redcap_export(q: Questionnaire, form: str | None, people: list, folder: Path) -> Path:
    """A raw-data export ("CSV / Microsoft Excel (raw data)") of a project built from the
    dictionary, saved next to the dictionary as REDCap names the two downloads."""
    rows = dictionary(q, form)
    (folder / "Deployed_DataDictionary_2026-03-01.csv").write_bytes(
        deploy(q, "redcap", form=form))
    instrument = rows[0]["Form Name"]
    fields = [r for r in rows if r["Field Type"] not in ("descriptive",)]
    header = [r["Variable / Field Name"] for r in fields]
    header = [header[0], "redcap_survey_identifier", f"{instrument}_timestamp", *header[1:],
              f"{instrument}_complete"]
    out = [header]
    by_name = {r["Variable / Field Name"]: r for r in fields}
    for k, p in enumerate(people):
        cells = [str(k + 1), "", "2026-03-01 10:00:00"]
        for name in header[3:-1]:
            row = by_name[name]
            codes = {label: code for code, label in (
                c.split(", ", 1) for c in row["Choices, Calculations, OR Slider Labels"]
                .split(" | ") if c)}
            annotation = row["Field Annotation"]
            if annotation.startswith("tila item "):
                item = q.item(annotation.removeprefix("tila item "))
                a = p.answers[item.id]
                scale = q.scale_of(item)
                text = "" if a is None else next(
                    (o.label for o in scale.non_scored if o.id == a), None) or \
                    next(pt.label for pt in scale.points if pt.value == a)
                cells.append(codes[text] if text else "")
            else:
                fid = next(f.id for f in q.respondent_fields if variable_name(f.id) == name)
                v = p.fields[fid]
                cells.append("" if v is None else codes.get(v, v))
        out.append([*cells, "2"])
    path = folder / "Deployed_DATA_2026-03-01.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(out)
    return path


@pytest.mark.parametrize(("qid", "form"), CASES)
def test_round_trip(qid: str, form: str | None, tmp_path: Path) -> None:
    q = load_questionnaire(qid)
    people = random_respondents(q, 40, seed=len(qid) + (len(form) if form else 0))
    export = redcap_export(q, form, people, tmp_path)
    assert_round_trip(q, people, export, tmp_path, platform=PLATFORM, form=form)
