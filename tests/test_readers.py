"""Reading native responses: encodings, delimiters, formats, labels, and bad cells."""

from __future__ import annotations

import codecs
import json

import numpy as np
import pytest

from tila import read_responses
from tila.errors import ResponseError
from tila.responses.table import NON_SCORED_BASE, SKIPPED, ResponseTable

from .conftest import DATA

HEADER = "respondent_id,role,site,s1,s2,s3,t1,t2,x1"
ROWS = ["R1,A,Zürich,5,4,2,4,4,5", "R2,B,Genève,1,2,3,4,5,1"]


def csv_text(sep: str = ",") -> str:
    return "\n".join(line.replace(",", sep) for line in [HEADER, *ROWS]) + "\n"


def expect_rows(table):
    np.testing.assert_array_equal(table.values[0], [5, 4, 2, 4, 4, 5])
    np.testing.assert_array_equal(table.values[1], [1, 2, 3, 4, 5, 1])
    assert list(table.fields["site"]) == ["Zürich", "Genève"]


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("cp1252", b"", "cp1252"),
    ],
)
def test_encodings_are_detected_and_decoded(mini, write, encoding, bom, expected):
    path = write("r.csv", bom + csv_text().encode(encoding))
    table = read_responses(path, mini)
    expect_rows(table)
    assert table.sources[0].encoding == expected


@pytest.mark.parametrize(("sep", "name"), [(",", "r.csv"), (";", "r.csv"), ("\t", "r.tsv")])
def test_delimiters_are_sniffed(mini, write, sep, name):
    table = read_responses(write(name, csv_text(sep)), mini)
    expect_rows(table)
    assert table.sources[0].delimiter == sep


def test_excel_sep_line_is_honoured(mini, write):
    table = read_responses(write("r.csv", "sep=;\n" + csv_text(";")), mini)
    expect_rows(table)


def test_quoted_fields_with_embedded_newlines(mini, write):
    text = HEADER + ',comment\nR1,A,"North\nwing",5,4,2,4,4,5,"one, two\nthree"\n'
    table = read_responses(write("r.csv", text), mini)
    assert table.fields["site"][0] == "North\nwing"
    assert table.texts["comment"][0] == "one, two\nthree"


def test_xlsx_and_parquet(mini, tmp_path):
    import polars as pl

    frame = pl.read_csv(DATA / "mini.csv", infer_schema=False)
    frame.write_excel(tmp_path / "r.xlsx")
    frame.write_parquet(tmp_path / "r.parquet")
    from_csv = read_responses(DATA / "mini.csv", mini)
    for name in ("r.xlsx", "r.parquet"):
        table = read_responses(tmp_path / name, mini)
        np.testing.assert_array_equal(table.values, from_csv.values)
        np.testing.assert_array_equal(table.status, from_csv.status)


def test_labels_map_case_and_whitespace_insensitively(mini, write):
    text = HEADER + "\nR1,A,N,  strongly AGREE ,agree,n/a,don't KNOW,8,\n"
    table = read_responses(write("r.csv", text), mini)
    assert list(table.values[0, :2]) == [5, 4]
    assert table.status[0, 2] == NON_SCORED_BASE + 1  # N/A synonym of Not applicable
    assert table.status[0, 3] == NON_SCORED_BASE  # Don't know label
    assert table.status[0, 4] == NON_SCORED_BASE  # numeric code 8 = Don't know
    assert table.status[0, 5] == SKIPPED
    assert np.isnan(table.values[0, 2:]).all()


def test_column_names_match_item_ids_case_insensitively(mini, write):
    text = "Respondent_ID,ROLE,S1,s2,S3,t1,T2,x1\nR1,A,5,4,2,4,4,5\n"
    table = read_responses(write("r.csv", text), mini)
    assert list(table.values[0]) == [5, 4, 2, 4, 4, 5]


def test_json_and_json_lines(mini, write):
    rec = {"tila_response": 1, "questionnaire": {"id": "mini", "version": "0.1"},
           "respondent_id": "J1", "fields": {"role": "a"},
           "answers": {"s1": 5, "s2": "Agree", "s3": "dont_know", "t1": None, "t2": 3, "x1": 1},
           "notes": {"s1": {"note": "we checked", "evidence": "policy 4.2"}}}
    one = read_responses(write("r.json", json.dumps(rec)), mini)
    assert list(one.respondent_ids) == ["J1"]
    assert one.values[0, 0] == 5
    assert one.values[0, 1] == 4
    assert one.status[0, 2] == NON_SCORED_BASE
    assert one.status[0, 3] == SKIPPED
    assert one.fields["role"][0] == "A"
    assert one.texts["s1_evidence"][0] == "policy 4.2"
    lines = "\n".join(json.dumps({**rec, "respondent_id": f"J{i}"}) for i in range(3))
    many = read_responses(write("r.jsonl", lines), mini)
    assert list(many.respondent_ids) == ["J0", "J1", "J2"]


def test_several_files_are_combined_and_ids_stay_unique(mini, write):
    a = write("a.csv", HEADER + "\n" + ROWS[0] + "\n")
    b = write("b.csv", HEADER + "\n" + ROWS[1] + "\n")
    assert read_responses([a, b], mini).n_respondents == 2
    with pytest.raises(ResponseError) as info:
        read_responses([a, a], mini)
    assert info.value.codes == ("duplicate-respondent",)


def codes_of(mini, path):
    with pytest.raises(ResponseError) as info:
        read_responses(path, mini)
    return info.value


def test_out_of_range_and_unknown_labels_name_row_column_and_respondent(mini, write):
    text = HEADER + "\nR1,A,N,5,4,2,4,4,5\nR2,A,N,7,4,2,4,maybe,5\n"
    err = codes_of(mini, write("r.csv", text))
    assert sorted(err.codes) == ["out-of-range", "unknown-label"]
    bad = next(p for p in err.problems if p.code == "out-of-range")
    assert (bad.location.row, bad.location.field, bad.location.respondent) == (3, "s1", "R2")
    assert "1, 2, 3, 4, 5" in bad.hint
    label = next(p for p in err.problems if p.code == "unknown-label")
    assert (label.location.row, label.location.field) == (3, "t2")


def test_many_bad_cells_are_capped_with_a_count(mini, write):
    rows = "\n".join(f"R{i},A,N,9,4,2,4,4,5" for i in range(30))
    err = codes_of(mini, write("r.csv", HEADER + "\n" + rows + "\n"))
    assert err.codes.count("out-of-range") == 20
    assert "10 more cells" in err.problems[-1].message


def test_unknown_and_missing_columns(mini, write):
    err = codes_of(mini, write("r.csv", "respondent_id,s1,s2,s3,t1,t2,x2\nR1,1,2,3,4,5,1\n"))
    assert err.codes == ("unknown-column",)
    assert "did you mean 'x1'" in err.problems[0].hint
    err = codes_of(mini, write("r.csv", "respondent_id,s1,s2,s3,t1,t2\nR1,1,2,3,4,5\n"))
    assert err.codes == ("missing-item",)


def test_duplicate_respondent_ids(mini, write):
    err = codes_of(mini, write("r.csv", HEADER + "\nR1,A,N,5,4,2,4,4,5\nR1,A,N,5,4,2,4,4,5\n"))
    assert err.codes == ("duplicate-respondent",)
    assert "rows 2, 3" in err.problems[0].message


def test_unknown_choice_in_a_respondent_field(mini, write):
    err = codes_of(mini, write("r.csv", HEADER + "\nR1,Z,N,5,4,2,4,4,5\n"))
    assert err.codes == ("unknown-choice",)
    assert err.problems[0].location.field == "role"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty-file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not-a-table"),
        (HEADER.encode() + b"\n", "no-responses"),
        ((HEADER + '\nR1,A,"N,5,4,2,4,4,5\n').encode(), "malformed-table"),
    ],
)
def test_files_that_are_not_response_tables(mini, write, content, code):
    assert codes_of(mini, write("r.csv", content)).codes == (code,)


def test_missing_file(mini, tmp_path):
    assert codes_of(mini, tmp_path / "nope.csv").codes == ("file-not-found",)


def test_prefer_not_to_say_is_not_a_value(mini, write):
    table = read_responses(write("r.csv", HEADER + "\nR1,prefer NOT to say,,5,4,2,4,4,5\n"),
                           mini)
    assert table.fields["role"][0] is None
    assert table.fields["site"][0] is None


def test_group_field_values_are_made_once_and_only_when_read():
    made = []

    def role():
        made.append("role")
        return np.array(["A", None], dtype=object)

    table = ResponseTable.build(item_ids=("s1",), values=np.array([[1.0], [2.0]]),
                                status=np.zeros((2, 1), dtype=np.int8),
                                respondent_ids=np.array(["R1", "R2"], dtype=object),
                                fields={"role": role})
    assert "role" in table.fields
    assert list(table.fields) == ["role"]
    assert made == []  # asking which fields exist (as scoring does) makes no values
    assert list(table.fields["role"]) == ["A", None]
    assert list(table.take(np.array([1])).fields["role"]) == [None]
    assert made == ["role"]


def test_a_file_for_another_questionnaire_gets_one_clear_message(mini, write):
    header = "respondent_id," + ",".join(f"q{i}" for i in range(10))
    err = codes_of(mini, write("r.csv", header + "\nR1," + ",".join("3" * 10) + "\n"))
    assert err.codes == ("wrong-questionnaire",)
    assert "does not look like responses to mini" in err.problems[0].message
