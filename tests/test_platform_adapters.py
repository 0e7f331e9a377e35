"""Every platform adapter against its exports: the synthetic ones in tests/data/platforms (the same
six respondents in every layout) and the real Qualtrics and REDCap files in ../shared/fixtures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.conftest import DATA, fixture_path
from tila import load_questionnaire, read_responses, score
from tila.errors import ResponseError
from tila.responses.readers import ReadOptions, choose_reader
from tila.scoring.serialize import result_dict

PLATFORMS = DATA / "platforms"

# file, detected reader, options, rows dropped by reason
SYNTHETIC = [
    ("qualtrics_choice_text.csv", "qualtrics", {},
     {"survey preview": 1, "spam": 1, "unfinished": 1}),
    ("qualtrics_numeric.tsv", "qualtrics",
     {"mapping": PLATFORMS / "qualtrics_numeric_map.yaml"},
     {"survey preview": 1, "spam": 1, "unfinished": 1}),
    ("qualtrics_excel_cp1252.csv", "qualtrics", {},
     {"survey preview": 1, "spam": 1, "unfinished": 1}),
    ("surveymonkey.csv", "surveymonkey", {}, {}),
    ("surveymonkey.xlsx", "surveymonkey", {}, {}),
    ("surveymonkey_legacy_cp1252.csv", "surveymonkey", {}, {}),
    ("google_forms.csv", "google-forms", {}, {}),
    ("ms_forms.xlsx", "ms-forms", {}, {}),
    ("limesurvey_text.csv", "limesurvey", {}, {"unfinished": 1}),
    ("limesurvey_codes.csv", "limesurvey",
     {"mapping": PLATFORMS / "limesurvey_codes_map.yaml"}, {"unfinished": 1}),
    ("redcap_staff_data.csv", "redcap", {}, {"unfinished": 1}),
    ("redcap_staff_labels.csv", "redcap",
     {"extra": {"dictionary": PLATFORMS / "redcap_staff_dictionary.csv"}}, {"unfinished": 1}),
]


@pytest.fixture(scope="module")
def expected(starter):
    return read_responses(PLATFORMS / "expected.csv", starter)


@pytest.mark.parametrize(("name", "platform", "opts", "dropped"), SYNTHETIC,
                         ids=[s[0] for s in SYNTHETIC])
def test_every_synthetic_export_reads_the_same_six_respondents(starter, expected, name,
                                                               platform, opts, dropped):
    path = PLATFORMS / name
    options = ReadOptions(**opts)
    assert choose_reader(path, ReadOptions()).name == platform
    table = read_responses(path, starter, options)
    src = table.sources[0]
    assert src.format == platform
    assert src.dropped == dropped
    assert (src.rows_read, src.rows_kept) == (6 + sum(dropped.values()), 6)
    want, want_status = expected.values.copy(), expected.status.copy()
    if name.startswith("redcap"):
        want[3, 4], want_status[3, 4] = np.nan, 1  # r4's tru2 is REDCap's missing code UNK
    np.testing.assert_array_equal(table.values, want)
    assert list(table.fields["role"]) == list(expected.fields["role"])
    assert list(table.fields["site"]) == list(expected.fields["site"])
    if name != "qualtrics_numeric.tsv":  # numeric exports leave Don't know blank
        np.testing.assert_array_equal(table.status, want_status)


def test_older_surveymonkey_layout_keeps_the_platform_respondent_ids(starter):
    table = read_responses(PLATFORMS / "surveymonkey_legacy_cp1252.csv", starter)
    assert list(table.respondent_ids) == [str(2900000000 + r) for r in range(6)]
    assert table.sources[0].encoding == "cp1252"


def test_synthetic_exports_score_like_the_native_csv(starter, expected):
    want = result_dict(score(starter, expected))
    for name in ("qualtrics_choice_text.csv", "surveymonkey.xlsx", "google_forms.csv",
                 "ms_forms.xlsx", "limesurvey_text.csv"):
        got = result_dict(score(starter, read_responses(PLATFORMS / name, starter)))
        assert got == want, name


def test_encodings_and_delimiters_are_reported(starter):
    seen = {}
    for name in ("qualtrics_choice_text.csv", "qualtrics_numeric.tsv",
                 "qualtrics_excel_cp1252.csv", "limesurvey_codes.csv"):
        opts = {"qualtrics_numeric.tsv": PLATFORMS / "qualtrics_numeric_map.yaml",
                "limesurvey_codes.csv": PLATFORMS / "limesurvey_codes_map.yaml"}
        src = read_responses(PLATFORMS / name, starter,
                             ReadOptions(mapping=opts.get(name))).sources[0]
        seen[name] = (src.encoding, src.delimiter)
    assert seen == {"qualtrics_choice_text.csv": ("utf-8", ","),
                    "qualtrics_numeric.tsv": ("utf-16-le", "\t"),
                    "qualtrics_excel_cp1252.csv": ("cp1252", ";"),
                    "limesurvey_codes.csv": ("utf-8-sig", ";")}


def test_cp1252_resave_keeps_accented_text(starter):
    table = read_responses(PLATFORMS / "qualtrics_excel_cp1252.csv", starter)
    assert "Café Nord" in list(table.fields["site"])


def test_utf16_big_endian_and_bomless_tsv_read_alike(starter, tmp_path):
    text = (PLATFORMS / "qualtrics_numeric.tsv").read_bytes().decode("utf-16")
    opts = ReadOptions(mapping=PLATFORMS / "qualtrics_numeric_map.yaml")
    want = read_responses(PLATFORMS / "qualtrics_numeric.tsv", starter, opts).values
    for encoding in ("utf-16-be", "utf-16-le"):
        path = tmp_path / f"{encoding}.tsv"
        path.write_bytes(text.encode(encoding))  # no byte-order mark
        table = read_responses(path, starter, opts)
        assert table.sources[0].encoding == encoding
        np.testing.assert_array_equal(table.values, want)


def test_limesurvey_answer_codes_are_guessed_only_with_a_warning(starter, tmp_path):
    # Without the map's value entries, A1..A5 are read as 1..5 and the guess is reported.
    plain = tmp_path / "map.yaml"
    text = (PLATFORMS / "limesurvey_codes_map.yaml").read_text()
    plain.write_text(text.split("values:")[0])
    table = read_responses(PLATFORMS / "limesurvey_codes.csv", starter,
                           ReadOptions(mapping=plain))
    assert "answer-codes" in [w.code for w in table.sources[0].warnings]
    with pytest.raises(ResponseError) as err:
        read_responses(PLATFORMS / "limesurvey_codes.csv", starter,
                       ReadOptions(mapping=plain, strict=True))
    assert "answer-codes" in err.value.codes


def test_include_incomplete_keeps_unfinished_but_never_previews(starter):
    table = read_responses(PLATFORMS / "qualtrics_choice_text.csv", starter,
                           ReadOptions(include_incomplete=True))
    assert table.n_respondents == 7
    assert table.sources[0].dropped == {"survey preview": 1, "spam": 1}


# --- real exports ----------------------------------------------------------------------------


def test_real_qualtrics_three_row_export_in_german(tmp_path):
    path = fixture_path("qualtrics", "qualtRics_sample.csv")
    q = _one_item_questionnaire(tmp_path)
    table = read_responses(path, q)
    assert table.sources[0].format == "qualtrics"
    assert list(table.respondent_ids) == ["R_2YPOQ602ER1jkf1"]
    assert table.values.tolist() == [[2.0]]


def test_real_qualtrics_legacy_export_with_bom_and_trailing_comma(tmp_path):
    path = fixture_path("qualtrics", "qualtRics_sample_legacy.csv")
    table = read_responses(path, _one_item_questionnaire(tmp_path))
    src = table.sources[0]
    assert (src.encoding, src.rows_read) == ("utf-8-sig", 1)
    assert table.values.tolist() == [[2.0]]
    assert "LocationLatitude (personal data: location)" in src.ignored_columns


@pytest.mark.parametrize("name", ["QualtricsTools_matrix_legacy_2016.csv",
                                  "QualtricsTools_matrix_insights_2016.csv"])
def test_real_qualtrics_matrix_exports_are_generated_test_responses(name):
    """Both 2016 files hold responses made by Qualtrics' test generator (Status 2): tila drops
    them and says why, while still matching the duplicate-named matrix columns."""
    q = load_questionnaire(PLATFORMS / "matrix2016.yaml")
    path = fixture_path("qualtrics", name)
    with pytest.raises(ResponseError) as err:
        read_responses(path, q)
    assert err.value.codes == ("no-responses",)
    assert "5 survey test" in err.value.problems[0].message
    reader = choose_reader(path, ReadOptions())
    export, mapping = reader.infer(path, q, ReadOptions())  # type: ignore[attr-defined]
    assert mapping.items == {"Q2_1": "q2_1", "Q2_2": "q2_2", "Q2_3": "q2_3"}
    keys = [c.key for c in export.columns]
    assert len(keys) == len(set(keys))  # repeated column names made unique


def test_real_redcap_longitudinal_export_with_dictionary():
    q = load_questionnaire(PLATFORMS / "redcap_morale.yaml")
    table = read_responses(fixture_path("redcap", "REDCapR_longitudinal_data.csv"), q)
    src = table.sources[0]
    assert src.rows_read == 18
    assert src.dropped == {"without answers to these items (other events or forms)": 8,
                           "unfinished": 3}
    assert list(table.respondent_ids[:2]) == ["100/dose_1_arm_1", "100/visit_2_arm_1"]
    # codes 0-3 of "less than 5 | 5-10 | 6-15 | over 15" become values 1-4 through the labels
    assert table.values[0].tolist() == [3.0, 2.0, 1.0, 2.0]
    assert {"first_name (personal data: identifier field)",
            "email (personal data: identifier field)"} <= set(src.ignored_columns)


def test_real_redcap_repeated_text_is_ambiguous_not_guessed(tmp_path):
    text = (PLATFORMS / "redcap_morale.yaml").read_text().replace("id: pmq", "id: item")
    (tmp_path / "q.yaml").write_text(text)
    renamed = load_questionnaire(tmp_path / "q.yaml")  # items now match by text only
    path = fixture_path("redcap", "REDCapR_longitudinal_data.csv")
    with pytest.raises(ResponseError) as err:
        read_responses(path, renamed)
    assert err.value.codes == ("wrong-survey",)
    _, mapping = choose_reader(path, ReadOptions()).infer(  # type: ignore[attr-defined]
        path, renamed, ReadOptions())
    ambiguous = [p for p in mapping.problems if p.code == "ambiguous-match"]
    assert len(ambiguous) == 4  # cpq10-13 repeat the text of pmq1-4
    assert "'pmq1', 'cpq10'" in ambiguous[0].message


def test_real_redcap_api_metadata_dictionary_and_multiline_cells(tmp_path):
    q = _yaml(tmp_path, "items:\n  - {id: ethnicity, text: Ethnicity, principle: safety, "
              "domain: services, scale: eth}\n", "eth", ["Unknown / Not Reported",
                                                       "NOT Hispanic or Latino",
                                                       "Hispanic or Latino"], start=0)
    data = fixture_path("redcap", "REDCapR_simple_data.csv")
    meta = fixture_path("redcap", "REDCapR_simple_metadata.csv")
    table = read_responses(data, q, ReadOptions(extra={"dictionary": meta}))
    assert list(table.respondent_ids) == ["1", "3", "4", "5"]
    assert table.values[:, 0].tolist() == [1.0, 0.0, 1.0, 2.0]
    src = table.sources[0]
    assert src.dropped == {"unfinished": 1}  # record 2's race_and_ethnicity_complete is 0
    assert {"name_first (personal data: identifier field)",
            "address (personal data: identifier field)"} <= set(src.ignored_columns)


def test_redcap_repeating_instruments_are_one_respondent_each(tmp_path):
    q = _yaml(tmp_path, "items:\n  - {id: mood, text: Mood, principle: safety, "
              "domain: services, scale: five}\n", "five", ["1", "2", "3", "4", "5"])
    path = tmp_path / "project_DATA.csv"
    path.write_text("record_id,redcap_repeat_instrument,redcap_repeat_instance,age,"
                    "intake_complete,mood,checkin_complete\n"
                    "1,,,34,2,,\n1,checkin,1,,,4,2\n1,checkin,2,,,5,2\n2,,,51,2,,\n"
                    "2,checkin,1,,,NASK,2\n2,checkin,2,,,2,0\n")
    table = read_responses(path, q)
    assert list(table.respondent_ids) == ["1/checkin/1", "1/checkin/2"]
    assert table.values[:, 0].tolist() == [4.0, 5.0]
    # NASK (REDCap's "not asked") is a missing answer, not an unknown label: that row has no
    # answer left, like the rows of the non-repeating intake form.
    assert table.sources[0].warnings == ()
    assert table.sources[0].dropped == {
        "without answers to these items (other events or forms)": 3, "unfinished": 1}


def _yaml(tmp_path: Path, items: str, scale: str, labels: list[str], start: int = 1):
    points = ", ".join(f"{{value: {start + k}, label: \"{t}\"}}" for k, t in enumerate(labels))
    path = tmp_path / "q.yaml"
    path.write_text(f"""format: 1
id: fixture
version: "1"
title: Fixture
scales:
  {scale}:
    points: [{points}]
{items}scoring:
  bands: [{{id: all, label: All, min: 0, max: 100}}]
""")
    return load_questionnaire(path)


def _one_item_questionnaire(tmp_path: Path):
    return _yaml(tmp_path, "items:\n  - {id: q1x, text: This is a multiple choice question., "
                 "principle: safety, domain: governance, scale: three}\n", "three",
                 ["A", "B", "C"])
