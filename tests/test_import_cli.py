"""``tila import`` and platform exports through ``tila score``: summaries, outputs, maps, strict
mode, privacy and bad input, run through the real CLI entry point."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import DATA
from tila import load_questionnaire, read_responses, score
from tila.paths import questionnaires_dir
from tila.scoring.serialize import result_dict

PLATFORMS = DATA / "platforms"
CHOICE = PLATFORMS / "qualtrics_choice_text.csv"


def _fake_personal_values() -> list[str]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures",
                                                  PLATFORMS / "make_fixtures.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    values = [v for vs in module.PERSONAL.values() for v in vs]
    values += [part for name in module.PERSONAL["names"] for part in name.split()]
    return values


def test_import_prints_summary_and_writes_native_csv(cli, tmp_path):
    out = tmp_path / "responses.csv"
    run = cli("import", str(CHOICE), "-q", "tila-starter", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert "Detected Qualtrics export" in run.stderr
    assert "rows read 9, kept 6" in run.stderr
    assert "dropped 1: survey preview" in run.stderr
    assert "dropped 1: unfinished" in run.stderr
    assert "encoding utf-8" in run.stderr
    assert "columns mapped 20" in run.stderr
    lines = out.read_text().splitlines()
    assert lines[0].startswith("respondent_id,role,site,saf1,")
    assert lines[1].startswith("R_001abcdEFGH,Leadership,North,Don't know,4,")


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_imported_files_score_exactly_like_the_export(cli, tmp_path, starter, suffix):
    out = tmp_path / f"responses.{suffix}"
    assert cli("import", str(CHOICE), "-q", "tila-starter", "-o", str(out)).exit_code == 0
    want = result_dict(score(starter, read_responses(CHOICE, starter)))
    assert result_dict(score(starter, read_responses(out, starter))) == want


def test_write_map_then_map_gives_identical_scores(cli, tmp_path):
    for export in (CHOICE, PLATFORMS / "redcap_staff_data.csv", PLATFORMS / "surveymonkey.csv"):
        mapfile = tmp_path / f"{export.stem}.yaml"
        run = cli("import", str(export), "-q", "tila-starter", "--write-map", str(mapfile))
        assert run.exit_code == 0, run.stderr
        assert run.stdout == ""  # only the map was asked for
        text = mapfile.read_text()
        assert "tila_map: 1" in text
        assert "items:" in text
        first = cli("score", str(export), "-q", "tila-starter", "-f", "json")
        again = cli("score", str(export), "-q", "tila-starter", "-f", "json",
                    "--map", str(mapfile))
        assert first.exit_code == again.exit_code == 0, again.stderr
        assert json.loads(first.stdout) == json.loads(again.stdout)


def test_a_map_turns_any_table_into_items(cli, tmp_path):
    table = tmp_path / "custom.csv"
    table.write_text("Staff number,Email,Team,Safe building,Raise concerns\n"
                     "7,a@example.org,North,4,Agree\n8,b@example.org,South,2,Disagree\n")
    mapfile = tmp_path / "map.yaml"
    mapfile.write_text("items:\n  Safe building: saf1\n  Raise concerns: saf2\n"
                       "fields:\n  Team: site\nid_column: Staff number\n")
    out = tmp_path / "out.csv"
    run = cli("import", str(table), "-q", "tila-starter", "--map", str(mapfile), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert "Email (personal data: e-mail)" in run.stderr
    assert "no column for item 'saf3'" in run.stderr  # reported, not silent
    rows = out.read_text().splitlines()
    assert rows[0].startswith("respondent_id,site,saf1,saf2,saf3")
    assert rows[1].startswith("7,North,4,4,,")
    assert "example.org" not in out.read_text()


def test_strict_turns_warnings_into_errors(cli, tmp_path):
    bad = tmp_path / "export.csv"
    text = CHOICE.read_text(encoding="utf-8").replace("Strongly agree", "Totally agree", 1)
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "out.csv"
    loose = cli("import", str(bad), "-q", "tila-starter", "-o", str(out))
    assert loose.exit_code == 0
    assert "warning: 'Totally agree' is not an answer on the scale" in loose.stderr
    assert "row 4, column 'Q1_" in loose.stderr  # spreadsheet row and the export's column id
    out.unlink()
    strict = cli("import", str(bad), "-q", "tila-starter", "-o", str(out), "--strict")
    assert strict.exit_code == 1
    assert "error: 'Totally agree' is not an answer" in strict.stderr
    assert not out.exists()


def test_score_reads_platform_exports_and_says_which(cli):
    run = cli("score", str(PLATFORMS / "ms_forms.xlsx"), "-q", "tila-starter", "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert "Detected Microsoft Forms export" in run.stderr
    assert json.loads(run.stdout)["respondents"] == 6
    forced = cli("score", str(CHOICE), "-q", "tila-starter", "--source", "qualtrics")
    assert forced.exit_code == 0
    assert "Read Qualtrics export" in forced.stderr


def test_no_personal_data_reaches_any_output(cli, tmp_path):
    secrets = _fake_personal_values()
    outputs: list[str] = []
    for export, extra in ((CHOICE, []), (PLATFORMS / "surveymonkey.xlsx", []),
                          (PLATFORMS / "google_forms.csv", []), (PLATFORMS / "ms_forms.xlsx", []),
                          (PLATFORMS / "limesurvey_text.csv", []),
                          (PLATFORMS / "redcap_staff_data.csv", [])):
        for suffix in ("csv", "jsonl", "parquet"):
            out = tmp_path / f"{export.stem}.{suffix}"
            mapfile = tmp_path / f"{export.stem}.{suffix}.yaml"
            run = cli("import", str(export), "-q", "tila-starter", "-o", str(out),
                      "--write-map", str(mapfile), *extra)
            assert run.exit_code == 0, run.stderr
            outputs += [run.stdout, run.stderr, mapfile.read_text()]
            outputs.append(out.read_bytes().decode("utf-8", "replace"))
        for fmt in ("json", "csv", "table"):
            run = cli("score", str(export), "-q", "tila-starter", "-f", fmt, "--per-respondent"
                      if fmt != "table" else "--by=role", "--min-group-size", "1")
            assert run.exit_code == 0, run.stderr
            outputs += [run.stdout, run.stderr]
    # Errors too: a strict run that fails, and a map that names a personal column.
    bad_map = tmp_path / "bad.yaml"
    bad_map.write_text("fields:\n  RecipientEmail: site\n")
    run = cli("import", str(CHOICE), "-q", "tila-starter", "--map", str(bad_map))
    assert run.exit_code == 1
    assert "personal data" in run.stderr
    outputs += [run.stdout, run.stderr]
    text = "\n".join(outputs)
    leaked = [s for s in secrets if s in text]
    assert leaked == []


BAD_INPUTS = {
    "unknown.csv": (b"alpha,beta,gamma\n1,2,3\n", "is not an item or respondent field"),
    "binary.csv": (bytes(range(256)) * 8, "not a text table"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_files_fail_clearly_and_write_nothing(cli, tmp_path, name):
    content, message = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out.csv"
    run = cli("import", str(path), "-q", "tila-starter", "-o", str(out))
    assert run.exit_code == 1
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()


def test_truncated_export_fails_clearly(cli, tmp_path):
    data = CHOICE.read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: len(data) - 300])  # a download that stopped mid-row
    out = tmp_path / "out.csv"
    run = cli("import", str(cut), "-q", "tila-starter", "-o", str(out))
    assert run.exit_code == 1
    assert "ends in the middle of a response" in run.stderr
    assert not out.exists()


def test_export_of_another_survey_fails_clearly(cli, tmp_path):
    out = tmp_path / "out.csv"
    run = cli("import", str(CHOICE), "-q", "tila-org", "-o", str(out))
    assert run.exit_code == 1
    # a few statements are shared between the instruments; far too few to be this survey
    assert "only 10 of the 67 items of tila-org were found" in run.stderr
    assert not out.exists()


def test_map_naming_missing_columns_points_at_its_line(cli, tmp_path):
    mapfile = tmp_path / "map.yaml"
    mapfile.write_text("tila_map: 1\nitems:\n  Q1_1: saf1\n  Q9_9: saf2\nid_column: Nope\n")
    out = tmp_path / "out.csv"
    run = cli("import", str(CHOICE), "-q", "tila-starter", "--map", str(mapfile),
              "-o", str(out))
    assert run.exit_code == 1
    assert f"{mapfile}:4:9: items.Q9_9" in run.stderr
    assert "the map names column 'Q9_9', which is not in the export" in run.stderr
    assert "column 'Nope'" in run.stderr
    assert not out.exists()


def test_map_with_unknown_item_or_bad_value_is_located(cli, tmp_path):
    mapfile = tmp_path / "map.yaml"
    mapfile.write_text("items:\n  Q1_1: safety1\nvalues:\n  agree5: {Mostly: 7}\n")
    run = cli("import", str(CHOICE), "-q", "tila-starter", "--map", str(mapfile))
    assert run.exit_code == 1
    assert f"{mapfile}:2:9: items.Q1_1: error: 'safety1' is not an item" in run.stderr
    assert "'Mostly' maps to 7, which is not on the scale" in run.stderr


def test_unknown_output_format_is_refused_before_reading(cli, tmp_path):
    run = cli("import", str(CHOICE), "-q", "tila-starter", "-o", str(tmp_path / "x.xlsx"))
    assert run.exit_code == 1
    assert "cannot write '.xlsx' files" in run.stderr


def test_redcap_dictionary_is_found_next_to_the_export(cli, tmp_path):
    for name in ("redcap_staff_data.csv", "redcap_staff_dictionary.csv"):
        shutil.copy(PLATFORMS / name, tmp_path / name)
    run = cli("import", str(tmp_path / "redcap_staff_data.csv"), "-q", "tila-starter")
    assert run.exit_code == 0, run.stderr
    assert "contact (personal data: identifier field)" in run.stderr
    (tmp_path / "redcap_staff_dictionary.csv").unlink()
    labels = tmp_path / "labels.csv"
    shutil.copy(PLATFORMS / "redcap_staff_labels.csv", labels)
    run = cli("import", str(labels), "-q", "tila-starter")
    assert run.exit_code == 1
    assert "labels instead of variable names" in run.stderr


def test_sample_organization_qualtrics_export_scores_like_its_native_csv():
    samples = questionnaires_dir() / "samples"
    export = samples / "sample-org-qualtrics.csv"
    if not export.exists():
        pytest.skip("sample data not present")
    q = load_questionnaire("tila-org")
    from_export = read_responses(export, q)
    src = from_export.sources[0]
    assert (src.format, src.rows_read, src.rows_kept) == ("qualtrics", 182, 180)
    assert src.dropped == {"survey preview": 1, "unfinished": 1}
    native = read_responses(samples / "sample-org.csv", q)
    by = ["role", "program", "site", "tenure"]
    assert result_dict(score(q, from_export, by=by)) == result_dict(score(q, native, by=by))


def test_import_stdout_is_native_csv_and_reads_back(cli, tmp_path, starter):
    run = cli("import", str(PLATFORMS / "google_forms.csv"), "-q", "tila-starter")
    assert run.exit_code == 0
    path = tmp_path / "from_stdout.csv"
    path.write_text(run.stdout)
    table = read_responses(path, starter)
    assert table.n_respondents == 6
    assert list(table.respondent_ids) == [f"row-{n}" for n in range(2, 8)]


