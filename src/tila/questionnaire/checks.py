"""Whole-document checks that a schema alone cannot express.

Each check returns located problems; ``check_questionnaire`` runs them all so a user sees every
mistake at once. Warnings (a principle measured by fewer than 3 items) do not stop loading.
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

from tila.errors import Problem
from tila.framework import DOMAIN_IDS, PRINCIPLE_IDS
from tila.questionnaire.load import locate
from tila.questionnaire.model import Questionnaire

MIN_ITEMS_PER_PRINCIPLE = 3  # the default of scoring.min_items_per_principle


def check_questionnaire(q: Questionnaire, data: Any, file: str) -> list[Problem]:
    problems: list[Problem] = []
    for check in (_check_items, _check_scales, _check_fields, _check_bands, _check_forms,
                  _check_coverage):
        problems.extend(check(q, data, file))
    return problems


def _err(code: str, message: str, data: Any, loc: list[str | int], file: str,
         hint: str | None = None, severity: str = "error") -> Problem:
    return Problem(code=code, message=message, hint=hint, location=locate(data, loc, file),
                   severity="warning" if severity == "warning" else "error")


def _suggest(word: str, options: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(word, options, n=1)
    if close:
        return f"did you mean '{close[0]}'? Known ids: {', '.join(options)}"
    return f"known ids: {', '.join(options)}"


def _check_items(q: Questionnaire, data: Any, file: str) -> list[Problem]:
    out = []
    counts = Counter(it.id for it in q.items)
    seen: set[str] = set()
    for i, it in enumerate(q.items):
        if counts[it.id] > 1 and it.id in seen:
            out.append(_err("duplicate-item", f"item id '{it.id}' is used more than once",
                            data, ["items", i, "id"], file, "give every item its own id"))
        seen.add(it.id)
        for p in it.weights:
            if p not in PRINCIPLE_IDS:
                loc: list[str | int] = ["items", i, "principle"]
                if not isinstance(it.principle, str):
                    loc.append(p)
                out.append(_err("unknown-principle", f"unknown principle '{p}'", data, loc,
                                file, _suggest(p, PRINCIPLE_IDS)))
        if it.domain not in DOMAIN_IDS:
            out.append(_err("unknown-domain", f"unknown domain '{it.domain}'", data,
                            ["items", i, "domain"], file, _suggest(it.domain, DOMAIN_IDS)))
        if it.scale not in q.scales:
            out.append(_err("unknown-scale", f"unknown scale '{it.scale}'", data,
                            ["items", i, "scale"], file, _suggest(it.scale, tuple(q.scales))))
    texts = Counter(it.text.casefold() for it in q.items)
    for i, it in enumerate(q.items):
        if texts[it.text.casefold()] > 1:
            out.append(_err("duplicate-text", f"item '{it.id}' has the same text as another item",
                            data, ["items", i, "text"], file, "reword one of them",
                            severity="warning"))
    return out


def _check_scales(q: Questionnaire, data: Any, file: str) -> list[Problem]:
    out = []
    for sid, scale in q.scales.items():
        values = [p.value for p in scale.points]
        if len(set(values)) != len(values):
            out.append(_err("duplicate-scale-value", f"scale '{sid}' repeats a value", data,
                            ["scales", sid, "points"], file))
        if values != sorted(values):
            out.append(_err("unordered-scale", f"scale '{sid}' points must go from the lowest "
                            "value to the highest", data, ["scales", sid, "points"], file))
        names = [(p.label, *p.synonyms) for p in scale.points]
        names += [(o.label, *o.synonyms) for o in scale.non_scored]
        labels = Counter(label.casefold() for group in names for label in group)
        for label, n in labels.items():
            if n > 1:
                out.append(_err("duplicate-scale-label", f"scale '{sid}' uses the label "
                                f"'{label}' for more than one answer", data, ["scales", sid],
                                file, "labels and synonyms must identify one answer"))
        for j, opt in enumerate(scale.non_scored):
            if opt.code is not None and opt.code in values:
                out.append(_err("code-is-scored", f"code {opt.code:g} of '{opt.id}' is also "
                                "a scored value", data, ["scales", sid, "non_scored", j, "code"],
                                file))
            if opt.key is not None and opt.key.isdigit():
                out.append(_err("digit-key", f"key '{opt.key}' would clash with answer numbers",
                                data, ["scales", sid, "non_scored", j, "key"], file,
                                "use a letter such as n or d"))
    return out


def _check_fields(q: Questionnaire, data: Any, file: str) -> list[Problem]:
    out = []
    ids = Counter(f.id for f in q.respondent_fields)
    clash = set(q.item_ids)
    for i, f in enumerate(q.respondent_fields):
        if ids[f.id] > 1:
            out.append(_err("duplicate-field", f"respondent field '{f.id}' is defined twice",
                            data, ["respondent_fields", i, "id"], file))
        if f.id in clash:
            out.append(_err("field-item-clash", f"'{f.id}' is both an item and a respondent "
                            "field", data, ["respondent_fields", i, "id"], file))
    return out


def _check_bands(q: Questionnaire, data: Any, file: str) -> list[Problem]:
    out = []
    bands = q.scoring.bands
    for i, b in enumerate(bands):
        if b.min >= b.max:
            out.append(_err("empty-band", f"band '{b.id}' has min {b.min:g} not below max "
                            f"{b.max:g}", data, ["scoring", "bands", i], file))
    order: list[int] = sorted(range(len(bands)), key=lambda i: bands[i].min)
    if [bands[i].min for i in order] != [b.min for b in bands]:
        out.append(_err("unordered-bands", "bands must be listed from the lowest to the highest",
                        data, ["scoring", "bands"], file))
    if bands[order[0]].min != 0:
        out.append(_err("band-gap", f"bands start at {bands[order[0]].min:g}, not 0", data,
                        ["scoring", "bands", order[0], "min"], file,
                        "the first band's min must be 0"))
    if bands[order[-1]].max != 100:
        out.append(_err("band-gap", f"bands end at {bands[order[-1]].max:g}, not 100", data,
                        ["scoring", "bands", order[-1], "max"], file,
                        "the last band's max must be 100"))
    for lo, hi in itertools.pairwise(order):
        if bands[lo].max < bands[hi].min:
            out.append(_err("band-gap", f"gap between band '{bands[lo].id}' (ends "
                            f"{bands[lo].max:g}) and '{bands[hi].id}' (starts {bands[hi].min:g})",
                            data, ["scoring", "bands", hi, "min"], file,
                            "each band's min must equal the previous band's max"))
        elif bands[lo].max > bands[hi].min:
            out.append(_err("band-overlap", f"bands '{bands[lo].id}' and '{bands[hi].id}' overlap",
                            data, ["scoring", "bands", hi, "min"], file,
                            "each band's min must equal the previous band's max"))
    return out


def _check_forms(q: Questionnaire, data: Any, file: str) -> list[Problem]:
    out = []
    form_ids = tuple(f.id for f in q.forms)
    for i, it in enumerate(q.items):
        if it.forms is None:
            continue
        for fid in it.forms:
            if fid not in form_ids:
                out.append(_err("unknown-form", f"item '{it.id}' has wording for unknown form "
                                f"'{fid}'", data, ["items", i, "forms", fid], file,
                                _suggest(fid, form_ids) if form_ids else
                                "declare the form under 'forms'"))
    return out


def _check_coverage(q: Questionnaire, data: Any, file: str) -> list[Problem]:
    counts = Counter(p for it in q.items for p in it.weights if p in PRINCIPLE_IDS)
    minimum = q.scoring.min_items_per_principle  # default MIN_ITEMS_PER_PRINCIPLE
    out = []
    for p, n in counts.items():
        if n < minimum:
            out.append(_err("few-items", f"principle '{p}' has only {n} item(s); scores and "
                            f"reliability from fewer than {minimum} items are fragile", data,
                            ["items"], file, "add items for this principle", severity="warning"))
    return out
