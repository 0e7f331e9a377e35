"""Writing a split-by-site set: one report per site that may have one, an index page and a
summary CSV for leadership.

Everything is rendered in memory first; files are then written atomically, so a failed render
leaves no partial set behind. File names come from the site names, reduced to letters, digits
and dashes, so a site called "../x" cannot write outside the folder.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from tila.errors import Location, OutputError, Problem
from tila.report.options import ReportOptions, report_date
from tila.report.render import Format, build, builtin_library, render
from tila.report.sites import SiteIndex, site_index, site_section
from tila.scoring.sites import SiteSplit

INDEX = "index.html"
SUMMARY = "summary.csv"


def file_stem(value: str, taken: set[str]) -> str:
    """A safe, unique file name stem for a site: 'North Campus' -> 'north-campus'."""
    stem = re.sub(r"[^a-z0-9]+", "-", value.casefold()).strip("-")[:60] or "site"
    stem = f"site-{stem}"
    out, k = stem, 2
    while out in taken:
        out, k = f"{stem}-{k}", k + 1
    taken.add(out)
    return out


def render_split(split: SiteSplit, folder: Path, *, fmt: Format = "pdf",
                 options: ReportOptions | None = None, library: Any = "builtin",
                 extras: tuple[Any, ...] = ()) -> list[Path]:
    """Write every shown site's report, index.html and summary.csv into ``folder``; return
    the files written. ``extras`` are further sections for every site report (a benchmark)."""
    from tila.fileio import atomic_write, to_csv
    from tila.report.extras import with_extras

    opts = options or ReportOptions()
    if folder.exists() and not folder.is_dir():
        raise OutputError([Problem(code="not-a-folder", message=f"{folder} is not a folder",
                                   location=Location(file=str(folder)),
                                   hint="give -o a folder for the set of reports")])
    lib = builtin_library() if library == "builtin" else library
    taken: set[str] = {"index", "summary"}
    files: dict[Path, bytes | str] = {}
    links = {}
    for site in split.shown:
        assert site.result is not None
        name = f"{file_stem(site.value, taken)}.{fmt}"
        links[site.value] = name
        site_opts = replace(opts, org=f"{opts.org}: {site.value}",
                            short_name=f"{opts.short_name or opts.org}: {site.value}")
        ctx = build(site.result, options=site_opts, library=lib)
        ctx = with_extras(ctx, (site_section(site, split), *extras))
        files[folder / name] = render(ctx, fmt, templates=opts.templates,
                                      variant=opts.pdf_variant)
    day = report_date(opts.date)
    index = site_index(split, opts.org, links, f"{day.day} {day.strftime('%B')} {day.year}")
    files[folder / INDEX] = index_html(index)
    files[folder / SUMMARY] = to_csv(*summary_rows(index))
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        atomic_write(path, data)
    return list(files)


def index_html(index: SiteIndex) -> str:
    from tila.report.html import _bundled_env

    return _bundled_env().get_template("sites_index.html.j2").render(ix=index)


def summary_rows(index: SiteIndex) -> tuple[list[str], list[list[object]]]:
    """The index's table as CSV: a refused site's cells are empty, with its reason."""
    header = [*index.header, "Report", "Why there is no report"]
    rows: list[list[object]] = [
        [r.name, r.n, *(f"{c[0]} ({c[1]})" if r.link else "" for c in r.cells),
         r.link or "", r.reason or ""] for r in index.rows]
    org = index.organization
    return header, [[org.name, org.n, *(f"{c[0]} ({c[1]})" for c in org.cells), "", ""],
                    *rows]
