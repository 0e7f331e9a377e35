"""Google Forms: an Apps Script (.gs) that builds the form. Google Forms has no survey import
file; a script pasted into the Apps Script editor (script.google.com) and run is the documented
way to create a form from outside.

The script uses only documented FormApp calls: ``FormApp.create``, ``addMultipleChoiceItem`` and
``addTextItem`` for respondent fields, one ``addPageBreakItem`` (a section) per principle with
one ``addGridItem`` whose rows are the statements and whose columns are the scale and the
non-scored options. A Google Forms export heads a grid row ``Title [Statement]``, and ``tila
import`` matches the statement's exact text, so the export needs no map.
"""

from __future__ import annotations

import json

from tila.deploy.survey import Survey, answer_labels, field_choices

# Everything the script calls, checked by a test against the FormApp reference.
FORM_METHODS = ("create", "setDescription", "setConfirmationMessage", "setProgressBar",
                "setCollectEmail", "setAllowResponseEdits", "addMultipleChoiceItem",
                "addTextItem", "addPageBreakItem", "addGridItem", "setTitle", "setHelpText",
                "setChoiceValues", "setRows", "setColumns", "setRequired", "getEditUrl",
                "getPublishedUrl", "log")


def _js(value: object) -> str:
    """A JavaScript literal: JSON is valid JavaScript for strings and lists of strings."""
    return json.dumps(value, ensure_ascii=False)


def apps_script(survey: Survey) -> str:
    description = "\n\n".join((*survey.opening, survey.instructions, survey.stamp))
    out = [
        f"// {survey.title}: Google Form builder written by tila deploy from {survey.stamp}.",
        "// Paste into a new project at https://script.google.com, save, choose createForm",
        "// and press Run. The log shows the links to edit and to share the new form.",
        "// Keep the statements' wording: tila import finds each one by its exact text.",
        "",
        "function createForm() {",
        f"  var form = FormApp.create({_js(survey.title)});",
        f"  form.setDescription({_js(description)});",
        "  form.setProgressBar(true);",
        "  form.setCollectEmail(false);",
        "  form.setConfirmationMessage(\"Thank you for your answers.\");",
    ]
    for f in survey.fields:
        options = field_choices(f)
        if options:
            out.append(f"  form.addMultipleChoiceItem().setTitle({_js(f.label)})"
                       f".setChoiceValues({_js(list(options))});")
        else:
            out.append(f"  form.addTextItem().setTitle({_js(f.label)});")
        if f.help:
            out[-1] = out[-1][:-1] + f".setHelpText({_js(f.help)});"
    for sec in survey.sections:
        out.append(f"  form.addPageBreakItem().setTitle({_js(sec.title)});")
        out.append("  form.addGridItem()")
        out.append(f"      .setTitle({_js(sec.title + ': choose one answer for each statement.')})")
        out.append(f"      .setRows({_js([s.text for s in sec.statements])})")
        out.append(f"      .setColumns({_js(list(answer_labels(sec.scale)))});")
    out += [
        "  Logger.log(\"Edit the form: \" + form.getEditUrl());",
        "  Logger.log(\"Share this link: \" + form.getPublishedUrl());",
        "}",
        "",
    ]
    return "\n".join(out)
