"""Build a cached file or folder once, even when several processes ask for it at the same time.

``./course test`` runs notebooks in two pytest-xdist workers, and two notebooks may need the same stand-in on a fresh
machine. Without a lock, both build it, and one can delete or overwrite the folder while the other is reading it.
:func:`build_once` takes an exclusive file lock, looks again whether the build is done, and builds into a private
temporary path that is renamed into place, so nobody ever reads a half-written build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Callable, Iterator

try:
    import fcntl
except ImportError:  # Windows has no fcntl: builds are then still atomic renames, just not serialised
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the sibling file ``<target>.lock`` while the ``with`` block runs."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(target.name + ".lock"), "a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def build_once(target: Path, is_done: Callable[[Path], bool], build: Callable[[Path], object]) -> Path:
    """Return ``target``, first calling ``build(tmp)`` and renaming ``tmp`` to ``target`` unless ``is_done(target)``.

    ``build`` writes a file or a folder at the path it is given. ``is_done`` says whether a finished build is at a
    path. A process that waited for the lock finds the other's build done and returns at once."""
    target = Path(target)
    if is_done(target):
        return target
    with locked(target):
        if not is_done(target):
            tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
            _remove(tmp)
            try:
                build(tmp)
                _remove(target)
                tmp.rename(target)
            finally:
                if tmp.exists():
                    _remove(tmp)
    return target
