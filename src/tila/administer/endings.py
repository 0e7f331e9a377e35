"""What the interview says when it ends, pauses, is withdrawn from, or is picked up again.

Split out of ``screens.py`` (issue 15). Each message says where the answers are (or that they
are gone), and a pause gives the exact command that continues the interview.
"""

from __future__ import annotations

from tila.administer.screen_model import BLANK, Line, Screen, support_line
from tila.administer.session import Session


def finished(file_name: str, support: str | None = None) -> Screen:
    body = [Line("Your answers are submitted and saved in"), Line(file_name, "strong"), BLANK,
            Line("Thank you for taking the time. You can close this window now.")]
    if support:
        body += [BLANK, Line(support_line(support), "strong")]
    return Screen("Thank you", tuple(body))


def withdraw_question(file_name: str) -> str:
    return (f"Withdraw and delete everything saved in {file_name}? This cannot be undone; "
            "nothing from this interview will be kept.")


def withdrawn(file_name: str, support: str | None = None) -> str:
    text = (f"\nEverything you answered has been deleted ({file_name} no longer exists). "
            "Thank you for your time.")
    return text + ("\n" + support_line(support) if support else "")


def welcome_back(session: Session) -> str:
    if session.phase == "review":
        return "Welcome back. Every earlier answer is kept; here is where things stand."
    if session.phase == "items":
        return (f"Welcome back. Every earlier answer is kept; you are at statement "
                f"{session.position + 1}.")
    return "Welcome back. Every earlier answer is kept."


def resume_command(file_name: str, *, plain: bool = False) -> str:
    """The exact command that continues this interview, ready to copy: the path is quoted for
    the shell when it needs to be, and ``--plain`` is spelled out although the file remembers
    it, so whoever reads the command knows the interview comes back in the same form."""
    import shlex

    return f"tila administer --resume {shlex.quote(file_name)}" + (" --plain" if plain else "")


def paused(file_name: str, *, plain: bool = False, support: str | None = None) -> str:
    text = (f"Your answers so far are saved in {file_name}.\n"
            "Thank you. When you are ready to continue:\n"
            f"  {resume_command(file_name, plain=plain)}")
    return text + ("\n" + support_line(support) if support else "")
