"""Google Forms: the Apps Script parses (node --check), calls only documented FormApp methods,
and the form it builds, run against a recording stand-in for FormApp, gives a Google Forms CSV
export that imports with no map (grid rows matched by their exact statement text)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.deploy_support import Respondent, assert_round_trip, label, random_respondents
from tila import load_questionnaire
from tila.deploy import deploy
from tila.deploy.google_forms import FORM_METHODS
from tila.deploy.survey import build_survey
from tila.questionnaire.model import Questionnaire

PLATFORM = "google-forms"
CASES = [("tila-starter", None), ("tila-org", None), ("tila-leader", "staff")]
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")

# A stand-in for FormApp that records each item and refuses any method not on the allow-list.
HARNESS = r"""
const allowed = new Set(ALLOWED);
const items = [];
let formTitle = null, description = null;
function recorder(kind) {
  const item = {kind};
  items.push(item);
  const handler = {get(target, name) {
    if (!allowed.has(name)) throw new Error("not allowed: " + String(name));
    return (...args) => { item[name] = args.length === 1 ? args[0] : args; return proxy; };
  }};
  const proxy = new Proxy({}, handler);
  return proxy;
}
const form = new Proxy({}, {get(target, name) {
  if (!allowed.has(name)) throw new Error("not allowed: " + String(name));
  if (String(name).startsWith("add")) return () => recorder(name);
  return (...args) => {
    if (name === "setDescription") description = args[0];
    return name.startsWith("get") ? "https://docs.google.com/forms/d/x" : form;
  };
}});
globalThis.FormApp = {create: (title) => { formTitle = title; return form; }};
globalThis.Logger = {log: () => {}};
"""


def run_script(script: str, tmp: Path) -> dict[str, Any]:
    path = tmp / "run.js"
    path.write_text(HARNESS.replace("ALLOWED", json.dumps(list(FORM_METHODS))) + script
                    + "\ncreateForm();\nconsole.log(JSON.stringify({formTitle, description,"
                      " items}));\n")
    done = subprocess.run([str(NODE), str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@needs_node
@pytest.mark.parametrize(("qid", "form"), CASES)
def test_script_parses_and_uses_only_formapp(qid: str, form: str | None, tmp_path: Path) -> None:
    q = load_questionnaire(qid)
    script = deploy(q, "google-forms", form=form).decode("utf-8")
    path = tmp_path / "form.gs"
    path.write_text(script)
    # .gs is JavaScript; node only checks files it knows by extension.
    js = tmp_path / "form.js"
    js.write_text(script)
    subprocess.run([str(NODE), "--check", str(js)], check=True, capture_output=True)
    called = set(re.findall(r"\.(\w+)\(", script))
    assert called <= set(FORM_METHODS), called - set(FORM_METHODS)
    assert f"{q.id} {q.version}" in script
    built = run_script(script, tmp_path)
    assert f"{q.id} {q.version}" in built["description"]
    survey = build_survey(q, form)
    grids = [i for i in built["items"] if i["kind"] == "addGridItem"]
    breaks = [i for i in built["items"] if i["kind"] == "addPageBreakItem"]
    assert [b["setTitle"] for b in breaks] == [s.title for s in survey.sections]
    assert [r for g in grids for r in g["setRows"]] == [s.text for s in survey.statements]
    for g, sec in zip(grids, survey.sections, strict=True):
        assert g["setColumns"] == [*(p.label for p in sec.scale.points),
                                   *(o.label for o in sec.scale.non_scored)]


def test_allow_list_catches_other_calls() -> None:
    script = "form.addCheckboxItem().setTitle('x');"
    assert set(re.findall(r"\.(\w+)\(", script)) - set(FORM_METHODS) == {"addCheckboxItem"}


def google_forms_export(built: dict[str, Any], q: Questionnaire, people: list[Respondent],
                        path: Path, form: str | None) -> Path:
    """Responses > Download responses (.csv): Timestamp, then one column per question, a grid
    giving one column per row headed ``Title [Row]``; answers as the labels shown."""
    survey = build_survey(q, form)
    by_text = {s.text: s.id for s in survey.statements}
    fields = {f.label: f.id for f in q.respondent_fields}
    header, getters = ["Timestamp"], []
    for item in built["items"]:
        if item["kind"] in ("addMultipleChoiceItem", "addTextItem"):
            header.append(item["setTitle"])
            getters.append(lambda p, f=fields[item["setTitle"]]: p.fields[f] or "")
        elif item["kind"] == "addGridItem":
            for row in item["setRows"]:
                header.append(f"{item['setTitle']} [{row}]")
                getters.append(lambda p, i=by_text[row]: label(q, i, p.answers[i]))
    rows = [header] + [[f"2026/03/01 9:{k:02d}:00 AM GMT", *(g(p) for g in getters)]
                       for k, p in enumerate(people)]
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


@needs_node
@pytest.mark.parametrize(("qid", "form"), CASES)
def test_round_trip(qid: str, form: str | None, tmp_path: Path) -> None:
    q = load_questionnaire(qid)
    built = run_script(deploy(q, "google-forms", form=form).decode("utf-8"), tmp_path)
    people = random_respondents(q, 40, seed=5 + len(qid))
    export = google_forms_export(built, q, people, tmp_path / "Staff survey.csv", form)
    assert_round_trip(q, people, export, tmp_path, platform=PLATFORM, form=form)
