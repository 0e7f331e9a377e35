"""Paper form (PDF): opening text, instructions, respondent fields and the statements in grids
of tick boxes, one grid per principle, with space for comments.

Every page carries a "Form no." box (the number that links a returned form to its row in the
data-entry workbook), the questionnaire's id and version, and "Page n of N". The font is the
report's (Atkinson Hyperlegible, designed for legibility); ``--large-print`` enlarges type and
tick boxes. The PDF is tagged, like the report, and the template only lays out what is
computed here.
"""

from __future__ import annotations

import string
from typing import Any

from markupsafe import Markup

from tila.deploy.survey import Survey, answer_labels, field_choices

SIZES: dict[bool, dict[str, float]] = {
    False: {"body": 10.5, "small": 8.5, "box": 10, "comments": 45},
    True: {"body": 16, "small": 12, "box": 16, "comments": 70}}


def _css_string(text: str) -> Markup:
    """A CSS string literal for page-margin content. Anything but plain letters, digits and
    safe punctuation becomes a six-digit CSS escape, so no text can end the string, the rule
    or the <style> element; it is then safe to place in the template unescaped."""
    safe = set(string.ascii_letters + string.digits + " .,:;()-_!?+")
    body = "".join(c if c in safe else f"\\{ord(c):06x}" for c in " ".join(text.split()))
    return Markup(f'"{body}"')


def context(survey: Survey, *, large_print: bool) -> dict[str, Any]:
    from tila.paths import templates_dir
    from tila.report.html import font_faces

    number = 0
    sections = []
    for sec in survey.sections:
        rows = []
        for st in sec.statements:
            number += 1
            rows.append({"number": number, "text": st.text})
        columns = list(answer_labels(sec.scale))
        sections.append({"title": sec.title, "columns": columns, "rows": rows})
    sizes = SIZES[large_print]
    return {
        "lang": survey.q.language, "title": survey.title, "stamp": survey.stamp,
        "stamp_css": _css_string(survey.stamp),
        # Large print turns the page so the statements keep a readable width beside the boxes.
        "page_size": "A4 landscape" if large_print else "A4",
        "statement_width": 44 if large_print else 46,
        "opening": list(survey.opening),
        "instructions": survey.instructions + " Tick one box on each line.",
        "fields": [{"label": f.label, "choices": list(field_choices(f)), "help": f.help}
                   for f in survey.fields],
        "sections": sections,
        "comments_prompt": "Anything else you would like to say? Please do not write names.",
        "closing": "Thank you. Please return this form as you were asked.",
        "fonts": font_faces(templates_dir()), **sizes,
    }


def paper_pdf(survey: Survey, *, large_print: bool = False) -> bytes:
    import jinja2

    from tila.paths import templates_dir
    from tila.report.pdf import render_pdf

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    html = env.get_template("paper.html.j2").render(**context(survey, large_print=large_print))
    return render_pdf(html, roots=[templates_dir()], base=templates_dir())
