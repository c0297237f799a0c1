"""Reading an input's bytes with a cap, and only from something that ends.

``os.path.getsize`` is 0 for ``/dev/zero`` and a FIFO never ends, so a size check before
``read()`` bounds nothing: every read here asks for at most ``limit + 1`` bytes, and a
named path must be a regular file (checked on the opened descriptor, so a file swapped
for a FIFO between the check and the read is still refused).  The FIFO is opened
non-blocking, so opening one with no writer does not hang either.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from gxlint.errors import InputError

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)", "命名管道（FIFO）"),
    (stat.S_ISCHR, "a character device", "字符设备"),
    (stat.S_ISBLK, "a block device", "块设备"),
    (stat.S_ISSOCK, "a socket", "套接字"),
)


def special_kind(mode: int) -> tuple[str, str] | None:
    """What a non-regular file is, in English and Chinese, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, kind, kind_zh in _KINDS:
        if test(mode):
            return kind, kind_zh
    return "a special file", "特殊文件"


def is_regular_file(path: str) -> bool:
    """True for a regular file (or a link to one); what a directory walk lints."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def read_capped_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``; InputError GX005 if it holds more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError("GX005", size=len(data), limit=limit)  # at least that many
    return data


def read_file(path: str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (GX016 for anything else, GX005 over ``limit``).

    OSError propagates for the caller to report (GX006)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # reported as before: GX006, "Is a directory"
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        kind = special_kind(info.st_mode)
        if kind is not None:
            raise InputError("GX016", kind=kind[0], kind_zh=kind[1])
        if info.st_size > limit:
            raise InputError("GX005", size=info.st_size, limit=limit)
        # what the file holds and one byte more (a read of ``limit`` would allocate it
        # all); only a file that grew since fstat is read on, up to the limit
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += handle.read(limit + 1 - len(data))
        if len(data) > limit:
            raise InputError("GX005", size=len(data), limit=limit)
        return data
