"""``tila questionnaires`` and ``tila show``: browse instruments without opening YAML."""

from __future__ import annotations

import typer


def questionnaires_command() -> None:
    """List the built-in questionnaires (id, version, title, number of items).

    \b
    Examples:
      tila questionnaires
    """
    from rich.table import Table

    from tila.cli.output import out_console
    from tila.questionnaire.builtin import builtin_files
    from tila.questionnaire.parse import check_file

    t = Table(title="Built-in questionnaires", title_justify="left")
    for col in ("id", "version", "title", "items"):
        t.add_column(col, justify="right" if col == "items" else "left")
    for path in builtin_files():
        checked = check_file(path)
        q = checked.questionnaire
        if q is None:
            t.add_row(path.stem, "", "(does not validate: run tila validate)", "")
        else:
            t.add_row(q.id, q.version, q.title, str(len(q.items)))
    out_console().print(t)
    out_console().print("Show one with: tila show ID", style="dim")


def show_command(
    questionnaire: str = typer.Argument(..., metavar="ID|PATH",
                                        help="Built-in id or questionnaire YAML file."),
    form: str | None = typer.Option(None, "--form", metavar="FORM",
                                    help="Show the wording of this form (for example self)."),
) -> None:
    """Print a questionnaire grouped by principle, with a principle × domain coverage table.

    \b
    Examples:
      tila show tila-org
      tila show my-questionnaire.yaml
    """
    from rich import box
    from rich.padding import Padding
    from rich.table import Table

    from tila.cli.output import out_console, shown
    from tila.cli.tables import PRINCIPLE_LEGEND, principle_heading
    from tila.framework import DOMAINS, PRINCIPLES
    from tila.questionnaire.cache import user_cache_dir
    from tila.questionnaire.parse import load_questionnaire

    q = load_questionnaire(questionnaire, cache_dir=user_cache_dir())
    console = out_console()
    console.print(f"[bold]{shown(q.title)}[/bold]  ({q.id} {q.version}, {len(q.items)} items"
                  + (f", about {q.minutes:g} minutes" if q.minutes else "") + ")")
    if q.description:
        console.print(shown(q.description))
    if not q.validated:
        console.print("[dim]Not a validated measure: scores are indicative.[/dim]")
    for p in PRINCIPLES:
        items = [it for it in q.items if it.primary_principle == p.id]
        if not items:
            continue
        console.print(f"\n[bold]{p.title}[/bold] ({len(items)} items)")
        # A grid, so a long item wraps under its own text, not under its id.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(min_width=10, no_wrap=True)
        grid.add_column()
        for it in items:
            flags = " [dim](reverse-keyed)[/dim]" if it.reverse else ""
            grid.add_row(it.id, shown(it.text_for(form)) + flags)
        console.print(Padding(grid, (0, 0, 0, 2)))
    used = [p for p in PRINCIPLES if p.id in q.principles_used()]
    # Short principle headings, spelled out in the caption, so the whole table fits an
    # 80-column terminal without cutting domain names short.
    t = Table(title="\nCoverage: items per domain (rows) and principle (columns)",
              title_justify="left", box=box.SIMPLE_HEAD, caption=PRINCIPLE_LEGEND,
              caption_justify="left")
    t.add_column("Domain", no_wrap=True)
    for p in used:
        t.add_column(principle_heading(p.id), justify="right", no_wrap=True)
    t.add_column("Total", justify="right", no_wrap=True)
    for d in DOMAINS:
        counts = [sum(1 for it in q.items if it.primary_principle == p.id and it.domain == d.id)
                  for p in used]
        t.add_row(d.short, *[str(c) if c else "·" for c in counts], str(sum(counts)))
    t.add_section()
    t.add_row("Total", *[str(sum(1 for it in q.items if it.primary_principle == p.id))
                         for p in used], str(len(q.items)))
    console.print(t)


def register(app: typer.Typer) -> None:
    app.command("questionnaires",
                short_help="List the built-in questionnaires.")(questionnaires_command)
    app.command("show",
                short_help="Show a questionnaire's items and coverage.")(show_command)
