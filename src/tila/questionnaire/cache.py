"""A per-user cache of validated questionnaires.

Reading a questionnaire with line marks (ruamel's pure-Python round-trip parser) and validating
it (building pydantic's validators, then running them and the cross-checks) costs 0.1-0.15 s:
as much as scoring a few hundred thousand answers, and paid again by every `tila score` an
analyst's script runs over a folder of exports. So a questionnaire that loaded without errors is
kept, pickled, under a key made of:

- the file's bytes (any edit, even of a comment, is a new key);
- tila's version, Python's and pydantic's, and the source of the modules that parse, validate
  and define questionnaires (a development checkout that changes a rule is a new key too).

The cache is the caller's choice: ``load_questionnaire(source, cache_dir=folder)`` keeps entries
in ``folder/questionnaires``, and without a folder nothing is read or written (a library does not
write to the user's home unasked). The ``tila`` command passes ``user_cache_dir()``:
``$TILA_CACHE_DIR``, else ``$XDG_CACHE_HOME/tila``, else ``~/.cache/tila``, or no cache at all
with ``TILA_NO_CACHE=1``. It only ever speeds loading up: an
unreadable, corrupt or unwritable cache is ignored and the file is loaded as usual. Entries are
written whole (to a temporary file, then renamed), so a crash never leaves half an entry. It
holds questionnaire definitions only, never responses.

Unpickling runs code, so an entry is trusted only if nobody else could have put it there: the
folder must be a real folder (not a symlink) owned by this user and writable by no one else,
and an entry is opened with ``O_NOFOLLOW`` and checked on the opened descriptor (a regular file,
owned by this user, writable by no one else). Anything else is ignored, and the file is parsed as
if there were no cache (issue 16, defect 10: a shared ``TILA_CACHE_DIR`` with a planted link).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from tila._version import __version__
from tila.questionnaire.model import Questionnaire

MAX_ENTRIES = 200

# The modules whose code decides what a valid questionnaire is and what it holds.
_CODE = ("model.py", "checks.py", "load.py", "parse.py", "cache.py", "builtin.py")


def user_cache_dir() -> Path | None:
    """The per-user cache folder the ``tila`` command uses, or None when caching is switched
    off (``TILA_NO_CACHE``) or there is no home folder. Only computes the path: nothing is
    created until a load is given it."""
    if os.environ.get("TILA_NO_CACHE"):
        return None
    root = os.environ.get("TILA_CACHE_DIR")
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        base = Path(xdg) if xdg else Path.home() / ".cache"
    except RuntimeError:  # no home folder (some service accounts): no cache
        return None
    return base / "tila"


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    import pydantic

    digest = hashlib.sha256(f"{__version__}|{sys.version}|{pydantic.VERSION}".encode())
    here = Path(__file__).resolve().parent
    for source in (*(here / name for name in _CODE), here.parent / "framework.py"):
        try:
            digest.update(source.read_bytes())
        except OSError:  # an install without sources: the versions above must do
            digest.update(source.name.encode())
    return digest.digest()


def cached_load(path: Path, load: Callable[[Path], Questionnaire],
                root: Path | None) -> Questionnaire:
    """``load(path)``, or the questionnaire a previous load of the same bytes produced and
    kept under ``root`` (None: no cache, nothing read or written)."""
    if root is None:
        return load(path)
    from tila.fileio import TooLarge, read_limited
    from tila.questionnaire.load import MAX_YAML_BYTES

    folder = root / "questionnaires"
    try:
        data = read_limited(path, MAX_YAML_BYTES)
    except (OSError, TooLarge):
        return load(path)  # the loader reports a missing, unreadable or oversized file
    if not _trusted_folder(folder):
        return load(path)
    entry = folder / (hashlib.sha256(_code_fingerprint() + data).hexdigest() + ".pickle")
    found = _read(entry)
    if found is not None:
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used entries are the ones pruning keeps
        return found
    q = load(path)  # raises on an invalid file, which is therefore never stored
    _write(entry, q)
    _prune(folder, entry)
    return q


def _prune(folder: Path, newest: Path) -> None:
    """Keep the MAX_ENTRIES most recently used entries (always ``newest``): each edit of a
    questionnaire makes a new one (about 10 KB), and nothing else would remove the old ones."""
    try:
        entries = sorted((p for p in folder.glob("*.pickle") if p != newest),
                         key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:max(0, len(entries) + 1 - MAX_ENTRIES)]:
            old.unlink()
    except OSError:  # another process pruned first, or the folder is read-only
        pass


_MAX_ENTRY_BYTES = 20_000_000  # a pickled questionnaire is about 10 KB


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (where the system has owners)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted_folder(folder: Path) -> bool:
    """The cache folder, created private if missing; False when another user could write in it
    (then the cache is neither read nor written)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def _read(entry: Path) -> Questionnaire | None:
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        # Checked on the opened descriptor, so the file cannot be swapped between the check
        # and the read; O_NOFOLLOW refuses a symlink planted under an entry's name.
        fd = os.open(entry, os.O_RDONLY | nofollow | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError:  # a symlink (ELOOP) or anything else that is not our entry: remove it
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or not _private(st) or \
                    st.st_size > _MAX_ENTRY_BYTES:
                return None
            raw = fh.read(_MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    try:
        found = pickle.loads(raw)
    except Exception:  # a damaged entry (a full disk, an older pickle): drop it
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    return found if isinstance(found, Questionnaire) else None


def _write(entry: Path, q: Questionnaire) -> None:
    import tempfile  # only on a miss: importing it costs more than a cache hit

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(pickle.dumps(q, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, entry)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception:  # a read-only or full cache folder only costs the speed-up
        pass
