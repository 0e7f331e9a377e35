"""Rendering the report's HTML with Jinja2: autoescaped, strict, and sandboxed for user templates.

Respondent text (group names, comments) and the organization's name may contain HTML, so every
value is escaped. ``StrictUndefined`` turns a misspelt variable into an error instead of a blank.
A consultant's ``--templates`` folder overrides the bundled templates file by file; when one is
given, the whole render runs in Jinja's immutable sandbox, so a template can read the context but
cannot reach Python internals or change anything.
"""

from __future__ import annotations

import base64
import os
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tila.errors import Location, Problem, ReportError
from tila.paths import templates_dir

if TYPE_CHECKING:
    import jinja2

    from tila.report.context import ReportContext

MAIN = "report.html.j2"
#: The bundled font (Atkinson Hyperlegible, SIL OFL 1.1; see report_templates/fonts/OFL.txt).
FONT_FACES = (
    ("atkinson-hyperlegible-latin-400-normal.woff", 400,
     "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
     "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"),
    ("atkinson-hyperlegible-latin-700-normal.woff", 700,
     "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
     "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"),
    ("atkinson-hyperlegible-latin-ext-400-normal.woff", 400,
     "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1D00-1DBF,U+1E00-1E9F,"
     "U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF"),
    ("atkinson-hyperlegible-latin-ext-700-normal.woff", 700,
     "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1D00-1DBF,U+1E00-1E9F,"
     "U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF"),
)


@lru_cache(maxsize=4)
def font_faces(folder: Path) -> tuple[dict[str, Any], ...]:
    """The bundled font files as data: URLs, so the HTML needs no other file."""
    out = []
    for name, weight, ranges in FONT_FACES:
        data = (folder / "fonts" / name).read_bytes()
        out.append({"weight": weight, "ranges": ranges,
                    "url": "data:font/woff;base64," + base64.b64encode(data).decode("ascii")})
    return tuple(out)


# What one expression of a user template may build: enough for any report, far from the
# gigabytes ``{{ 'a' * 10**10 }}`` would allocate.
MAX_BUILT = 1_000_000


def environment(user_dir: Path | None = None) -> jinja2.Environment:
    import jinja2
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class ConfinedLoader(jinja2.FileSystemLoader):
        """Reads only files that resolve inside its folder: a symlink in a template folder
        (``leak.txt -> /etc/passwd``) is refused, not followed."""

        def get_source(self, environment: jinja2.Environment, template: str
                       ) -> tuple[str, str, Any]:
            source, filename, uptodate = super().get_source(environment, template)
            root = os.path.realpath(self.searchpath[0])
            if os.path.commonpath([root, os.path.realpath(filename)]) != root:
                raise SecurityError(f"template {template!r} resolves outside the template "
                                    f"folder {self.searchpath[0]}")
            return source, filename, uptodate

    class LimitedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, with repetition and powers bounded in size."""

        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError("a power this large is not allowed in a template")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, str | list | tuple) and isinstance(times, int) and \
                            len(seq) * times > MAX_BUILT:
                        raise SecurityError("a template built a value too large to render")
            return super().call_binop(context, operator, left, right)

    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        loaders.append(ConfinedLoader(str(user_dir)))
    loaders.append(ConfinedLoader(str(templates_dir())))
    cls = LimitedSandbox if user_dir is not None else jinja2.Environment
    return cls(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
               undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
               auto_reload=False)


@lru_cache(maxsize=2)
def _bundled_env() -> jinja2.Environment:
    return environment(None)  # the bundled templates compile once per process


def render_html(ctx: ReportContext, *, templates: Path | None = None, pdf: bool = False) -> str:
    """The report as one self-contained HTML document (or the HTML a PDF is made from)."""
    import jinja2
    from jinja2.exceptions import SecurityError

    env = environment(templates) if templates is not None else _bundled_env()
    try:
        return env.get_template(MAIN).render(
            ctx=replace(ctx, pdf=pdf), fonts=font_faces(templates_dir()))
    except jinja2.UndefinedError as exc:
        raise ReportError([Problem(code="template-variable", message=f"template error: {exc}",
                                   location=_where(), hint="check the variable names in your "
                                   "templates against docs/reports.md")]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise ReportError([Problem(code="template-syntax", message=f"template syntax error: "
                                   f"{exc.message}", location=Location(file=exc.filename,
                                                                       line=exc.lineno))]) \
            from None
    except jinja2.TemplateNotFound as exc:
        raise ReportError([Problem(code="template-missing", message=f"template not found: "
                                   f"{exc.name}")]) from None
    except SecurityError as exc:
        raise ReportError([Problem(code="template-unsafe", message=f"a template tried "
                                   f"something the sandbox forbids: {exc}")]) from None


def _where() -> Location:
    """The template file and line of the error being handled (Jinja rewrites tracebacks)."""
    tb = sys.exc_info()[2]
    where = Location()
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = Location(file=name, line=tb.tb_lineno)
        tb = tb.tb_next
    return where
