"""Replace a file with its fixed content without ever losing what is on disk.

The fixed content is computed from the bytes read at the start of the run; by the time it is
written an editor may have saved the file, a branch switch may have deleted it, or the name
may be a symbolic link that a plain rename would turn into a copy. So a file is replaced only
when it is still exactly what was read (size, modification time and content hash), through
its links to the real file, by a temporary file beside that real file that gets its mode
(and, where allowed, owner) and is renamed over it. Everything else is left alone and said.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .findings import term

#: reasons (keys of the locale's [ui] table) why a file was not written
CHANGED = "fix.skipped.changed"
VANISHED = "fix.skipped.vanished"
NOT_REGULAR = "fix.skipped.not_regular"
HARD_LINKED = "fix.skipped.hard_linked"
BROKEN_LINK = "fix.skipped.broken_link"
NOT_WRITTEN = "fix.failed.write"


class Stamp(NamedTuple):
    """What a file was when it was read."""

    size: int
    mtime_ns: int
    digest: bytes


class Skipped(NamedTuple):
    """A file the fix did not write, and why; `failed` when the system refused the write
    (exit code 2) rather than the file having changed under us."""

    reason: str
    detail: str = ""
    failed: bool = False


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def read_stamped(path: Path) -> tuple[bytes, Stamp]:
    """The bytes of a regular file and its stamp; OSError for anything else.

    The stamp is taken from the open file before it is read, so a change made while reading
    shows as a newer time stamp or another size when the file is written.
    """
    if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block when opened
        raise OSError(0, term("reason.not_regular"))
    with _open(path) as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, term("reason.not_regular"))
        raw = fh.read()
    return raw, Stamp(st.st_size, st.st_mtime_ns, digest(raw))


def replace(path: Path, data: bytes, stamp: Stamp) -> Skipped | None:
    """Write `data` over the file `path` names (through symbolic links), if it is still as
    stamped; None when written."""
    try:
        real = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Skipped(BROKEN_LINK if os.path.islink(path) else VANISHED)
    except OSError as exc:  # a loop of links, a folder that cannot be searched
        return Skipped(NOT_WRITTEN, _reason(exc), failed=True)
    unchanged = _unchanged(real, stamp)
    if unchanged is not None:
        return unchanged
    try:
        st = os.stat(real)
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=_temporary_prefix(real), suffix=".tmp")
    except FileNotFoundError:
        return Skipped(VANISHED)
    except OSError as exc:  # a read-only folder or file system, a full disk
        return Skipped(NOT_WRITTEN, _reason(exc), failed=True)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        _keep_owner(tmp, st)
        again = _unchanged(real, stamp)  # the last moment before the rename
        if again is not None:
            os.unlink(tmp)
            return again
        os.replace(tmp, real)
    except OSError as exc:
        _remove(tmp)
        return Skipped(NOT_WRITTEN, _reason(exc), failed=True)
    except BaseException:
        _remove(tmp)
        raise
    return None


def _unchanged(real: Path, stamp: Stamp) -> Skipped | None:
    """None when `real` is the regular file, with one name, that was read; else why not."""
    try:
        st = os.lstat(real)
    except FileNotFoundError:
        return Skipped(VANISHED)
    except OSError as exc:
        return Skipped(NOT_WRITTEN, _reason(exc), failed=True)
    if not stat.S_ISREG(st.st_mode):
        return Skipped(NOT_REGULAR)
    if st.st_nlink > 1:  # a rename would leave the other names with the old content
        return Skipped(HARD_LINKED, str(st.st_nlink))
    if (st.st_size, st.st_mtime_ns) != (stamp.size, stamp.mtime_ns):
        return Skipped(CHANGED)
    try:
        with _open(real) as fh:
            current = fh.read()
    except OSError as exc:
        return Skipped(NOT_WRITTEN, _reason(exc), failed=True)
    if digest(current) != stamp.digest:
        return Skipped(CHANGED)
    if not os.access(real, os.W_OK):  # a file made read-only on purpose is not replaced
        return Skipped(NOT_WRITTEN, os.strerror(errno.EACCES), failed=True)
    return None


def _open(path: Path) -> BinaryIO:
    """Open for reading without blocking, should the name have become a FIFO meanwhile."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    return os.fdopen(fd, "rb")


def _keep_owner(tmp: str, st: os.stat_result) -> None:
    """The new file keeps the old one's owner where the system allows it (as root)."""
    if hasattr(os, "chown") and hasattr(os, "getuid") and os.getuid() == 0:
        with contextlib.suppress(OSError):
            os.chown(tmp, st.st_uid, st.st_gid)


def _remove(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


__all__ = ["Skipped", "Stamp", "digest", "read_stamped", "replace"]


#: Bytes of the file's name kept in the temporary file's name: the name may be as long as
#: the file system allows (255 bytes), and ".", the random part and ".tmp" must still fit.
_NAME_IN_TEMPORARY = 100


def _temporary_prefix(path: Path) -> str:
    """``.name.`` for the temporary file beside `path`, cut short when the name is long."""
    name = os.fsencode(path.name)[:_NAME_IN_TEMPORARY]
    return "." + os.fsdecode(name.decode("utf-8", "ignore").encode()) + "."
