"""The opening screen: what taking part means, where the answers go, before anything is asked.

Split out of ``screens.py`` (issue 15). It must fit a 24-row window, so the description is cut
to whole sentences and the lines said again elsewhere are marked optional.
"""

from __future__ import annotations

from tila.administer.screen_model import BLANK, Line, Screen, support_line
from tila.administer.session import Session


def _short_description(text: str | None, limit: int = 260) -> str:
    # the opening screen must fit 24 rows: keep whole sentences up to about three lines
    if not text:
        return "It asks how your organization puts the principles of a trauma-informed " \
               "approach into practice."
    out = ""
    for sentence in text.replace("\n", " ").split(". "):
        candidate = f"{out}{sentence.rstrip('.')}. "
        if out and len(candidate) > limit:
            break
        out = candidate
    return out.strip()


DEFAULT_PRIVACY = ("The people running this assessment use that file for their report; ask "
                   "them who will see it.")


def opening(session: Session, file_name: str, respondent_id: str, *,
            support: str | None = None, privacy: str | None = None) -> Screen:
    q = session.questionnaire
    n = len(q.items)
    minutes = max(1, round(session.seconds_per_item() * n / 60))
    # in a short window (60x20) the description and the count go first, so the title, what
    # taking part means, where the answers go and where support is stay in view: the title
    # names the assessment, and every statement's progress line says how many and how long
    body = [Line(_short_description(q.description), optional=True), BLANK]
    if session.form:
        form = next(f for f in q.forms if f.id == session.form)
        body[0:0] = [Line(f"Form: {form.label}", "strong")]
    if session.consensus:
        body += [Line("This is a committee rating: record the rating the group agrees on, "
                      "with a note and evidence if you wish."), BLANK]
    body += [
        Line("Taking part is voluntary. Some statements touch on hard experiences; you can "
             "skip any of them without giving a reason. Pause at any time with q: every "
             "answer is kept. To withdraw, press w on any screen: everything saved is "
             "deleted once you confirm."), BLANK,
        Line(f"Your answers are saved after each one in the file {file_name} on this "
             f"computer, under the random id {respondent_id}, not your name. "
             f"{(privacy or '').strip() or DEFAULT_PRIVACY}"), BLANK,
    ]
    if support:
        body += [Line(support_line(support), "strong"), BLANK]
    body.append(Line(f"There are {n} statements; it takes about {minutes} minute"
                     f"{'s' if minutes != 1 else ''}.{_option_words(session)}", optional=True))
    return Screen(heading=q.title, body=tuple(body),
                  keys=("Enter to begin", "? for help", "q to leave"))


def _option_words(session: Session) -> str:
    labels = {o.label: None for s in session.questionnaire.scales.values() for o in s.non_scored}
    if not labels:
        return ""
    quoted = [f'"{label}"' for label in labels]
    words = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" Besides the ratings you may answer {words}."
