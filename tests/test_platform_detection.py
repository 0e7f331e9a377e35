"""Detection: each platform's reader claims its own exports and no other's, from the layout."""

from __future__ import annotations

import pytest

from tests.conftest import DATA, fixture_path
from tila.errors import ResponseError
from tila.responses.readers import ReadOptions, choose_reader

PLATFORMS = DATA / "platforms"
OWN = {
    "qualtrics_choice_text.csv": "qualtrics", "qualtrics_numeric.tsv": "qualtrics",
    "qualtrics_excel_cp1252.csv": "qualtrics", "surveymonkey.csv": "surveymonkey",
    "surveymonkey.xlsx": "surveymonkey", "google_forms.csv": "google-forms",
    "ms_forms.xlsx": "ms-forms", "limesurvey_codes.csv": "limesurvey",
    "limesurvey_text.csv": "limesurvey", "redcap_staff_data.csv": "redcap",
    "redcap_staff_labels.csv": "redcap", "expected.csv": "csv",
}


def test_each_export_is_claimed_by_its_own_reader_only():
    from tila.responses.readers import readers

    for name, platform in OWN.items():
        path = PLATFORMS / name
        head = path.read_bytes()[:65536]
        claims = [r.name for r in readers() if r.detect(path, head)]
        assert claims[0] == platform, name
        assert set(claims) <= {platform, "csv"}, (name, claims)


@pytest.mark.parametrize(("folder", "name", "platform"), [
    ("qualtrics", "qualtRics_sample.csv", "qualtrics"),
    ("qualtrics", "qualtRics_sample_legacy.csv", "qualtrics"),
    ("qualtrics", "QualtricsTools_matrix_legacy_2016.csv", "qualtrics"),
    ("qualtrics", "QualtricsTools_matrix_insights_2016.csv", "qualtrics"),
    ("redcap", "REDCapR_survey_data.csv", "redcap"),
    ("redcap", "REDCapR_longitudinal_data.csv", "redcap"),
    ("redcap", "REDCapR_vignette-repeating_data.csv", "redcap"),
    ("redcap", "REDCapR_checkboxes-1_data.csv", "redcap"),
])
def test_real_exports_are_detected(folder, name, platform):
    assert choose_reader(fixture_path(folder, name), ReadOptions()).name == platform


def test_a_localised_qualtrics_export_is_detected_by_layout_not_words(tmp_path):
    text = (PLATFORMS / "qualtrics_choice_text.csv").read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    lines[1] = lines[1].replace("StartDate", "Anfangsdatum").replace("Your role", "Ihre Rolle")
    path = tmp_path / "de.csv"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    assert choose_reader(path, ReadOptions()).name == "qualtrics"


def test_a_redcap_dictionary_given_as_data_is_named_as_such(starter):
    from tila import read_responses

    with pytest.raises(ResponseError) as err:
        read_responses(PLATFORMS / "redcap_staff_dictionary.csv", starter)
    assert err.value.codes == ("redcap-dictionary-given",)


def test_unknown_source_lists_the_choices():
    with pytest.raises(ResponseError) as err:
        choose_reader(PLATFORMS / "google_forms.csv", ReadOptions(source="typeform"))
    assert "google-forms" in (err.value.problems[0].hint or "")
