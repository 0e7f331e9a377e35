"""``tila administer``: run a questionnaire as a calm, resumable terminal interview."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from tila.administer.session import Session
    from tila.administer.store import Meta
    from tila.questionnaire.model import Questionnaire

NOT_A_TERMINAL = (
    "tila administer is an interactive interview and needs a terminal to read keys from.\n"
    "To record answers from a script, give them in a file: tila administer ID --answers "
    "FILE.\nSee docs/administer.md."
)


def administer_command(
    questionnaire: str | None = typer.Argument(
        None, metavar="ID|PATH", show_default=False,
        help="Built-in questionnaire id (for example tila-starter) or a YAML file. Not needed "
        "with --resume."),
    output: Path | None = typer.Option(
        None, "-o", "--output", metavar="FILE",
        help="Where to save the answers (a tila JSON response). Default: "
        "<questionnaire>-<respondent id>.json in the current folder."),
    resume: Path | None = typer.Option(
        None, "--resume", metavar="FILE", help="Continue an interview saved in FILE."),
    form: str | None = typer.Option(
        None, "--form", metavar="FORM",
        help="Form of a questionnaire with several (for tila-leader: self or staff)."),
    consensus: bool = typer.Option(
        False, "--consensus",
        help="A committee rates together: each rating can carry a note and evidence."),
    plain: bool = typer.Option(
        False, "--plain",
        help="Screen-reader friendly: plain text, no colour or boxes, answers typed as lines."),
    force: bool = typer.Option(
        False, "--force", help="Start a new interview even if the output file exists."),
    answers: Path | None = typer.Option(
        None, "--answers", metavar="FILE",
        help="Take the answers from a JSON or YAML file instead of the keyboard (scripts)."),
    support: str | None = typer.Option(
        None, "--support", metavar="TEXT",
        help="Where the person can find support if a statement brings up something hard "
        "(a person, a helpline). Shown at the start, in help and at the end; overrides the "
        "questionnaire's 'support'."),
    privacy_note: str | None = typer.Option(
        None, "--privacy-note", metavar="TEXT",
        help="Who will see the answers and how they are reported, shown at the start; "
        "overrides the questionnaire's 'privacy'."),
) -> None:
    """Run a questionnaire as a one-statement-at-a-time interview that saves every answer.

    \b
    Examples:
      tila administer tila-starter -o answers.json
      tila administer --resume answers.json

    Keys: 1-5 answer, n/d not applicable or don't know, s skip, b back, ? help, q pause,
    w withdraw (delete the answers, after a yes).

    Every answer is saved at once; continue later with --resume FILE.
    """
    from tila.administer.store import SessionFile
    from tila.cli.guard import named, questionnaire_input, refuse_overlaps

    # (--resume FILE is read and written back on purpose, so it is no overlap)
    refuse_overlaps("administer", [*questionnaire_input(questionnaire),
                                   *named("--answers", answers)], named("-o", output))
    if answers is None and not sys.stdin.isatty():
        typer.echo(NOT_A_TERMINAL, err=True)
        raise typer.Exit(2)
    if resume is not None:
        if answers is not None:
            _usage("--answers starts a new interview; it cannot be combined with --resume")
        session, meta, path = _resumed(resume, questionnaire, output, form, consensus, force)
        # the display mode the interview was started with comes back with it; --plain given
        # now switches a standard interview to plain from here on
        plain = plain or meta.plain
    else:
        if questionnaire is None:
            _usage("give a questionnaire id or file (for example tila-starter), or --resume "
                   "FILE")
        session, meta, path = _new(questionnaire, output, form, consensus, force)
    # given now, they replace what the file or questionnaire said; kept in the file for resume
    store = SessionFile(path, replace(meta, plain=plain, support=support or meta.support,
                                      privacy=privacy_note or meta.privacy))
    if answers is not None:
        from tila.administer.scripted import read_answers_file, scripted_session

        done = scripted_session(session, read_answers_file(answers), str(answers))
        store.finish(done)
        typer.echo(f"Saved the answers to {path}", err=True)
        return
    from tila.administer.tui import run

    raise typer.Exit(run(session, store, plain=plain, resumed=resume is not None))


def _usage(message: str) -> NoReturn:
    from tila.cli.output import wrap_for_terminal

    typer.echo(wrap_for_terminal(f"tila administer: {message}"), err=True)
    raise typer.Exit(2)



def _check_form(q: Questionnaire, form: str | None) -> None:
    ids = [f.id for f in q.forms]
    if form is not None and form not in ids:
        _usage(f"'{q.id}' has no form '{form}'" +
               (f"; its forms are {', '.join(ids)}" if ids else "; it has only one form"))
    if form is None and ids:
        _usage(f"'{q.id}' has forms {', '.join(ids)}: choose one with --form "
               f"(for example --form {ids[0]})")


def _new(source: str, output: Path | None, form: str | None, consensus: bool,
         force: bool) -> tuple[Session, Meta, Path]:
    from tila.administer.session import Session
    from tila.administer.store import Meta, check_new_output, new_respondent_id, now_iso
    from tila.questionnaire.cache import user_cache_dir
    from tila.questionnaire.parse import load_questionnaire, resolve

    q = load_questionnaire(source, cache_dir=user_cache_dir())
    _check_form(q, form)
    if consensus and form == "self":
        # a committee agreeing on a rating is not one leader rating themself: the two
        # screens would contradict each other ("Self-rating" beside "committee rating")
        _usage("--consensus is for a committee rating together, and form 'self' is one "
               "leader rating themself; leave out one of them (a committee rating a leader "
               "uses --form staff --consensus)")
    rid = new_respondent_id()
    path = output or Path(f"{q.id}-{rid}.json")
    check_new_output(path, force)
    resolved = resolve(source)
    # a file path is kept absolute so --resume works from any folder; built-ins by id
    kept = source if resolved.parent.resolve() == _builtin_dir() else str(resolved.resolve())
    return Session(q, form=form, consensus=consensus), Meta(rid, kept, now_iso()), path


def _builtin_dir() -> Path:
    from tila.paths import questionnaires_dir

    return questionnaires_dir().resolve()


def _resumed(resume: Path, source: str | None, output: Path | None, form: str | None,
             consensus: bool, force: bool) -> tuple[Session, Meta, Path]:
    from tila.administer.store import (
        check_new_output,
        from_document,
        questionnaire_source,
        read_document,
    )
    from tila.questionnaire.cache import user_cache_dir
    from tila.questionnaire.parse import load_questionnaire

    doc = read_document(resume)
    source = source or questionnaire_source(doc)
    if source is None:
        _usage(f"{resume} does not say which questionnaire it belongs to; give its id or file")
    q = load_questionnaire(source, cache_dir=user_cache_dir())
    session, meta = from_document(doc, q, str(resume), consensus=consensus)
    if form is not None and form != session.form:
        _usage(f"this interview uses the {session.form or 'default'} form; leave out --form")
    path = resume
    if output is not None and output.resolve() != resume.resolve():
        check_new_output(output, force)
        path = output
    return session, meta, path  # a finished one is reopened at its review screen by the tui


def register(app: typer.Typer) -> None:
    app.command("administer",
                short_help="Run an assessment as a calm, resumable interview.")(administer_command)
