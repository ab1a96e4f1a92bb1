"""Run a piece of work in a forked child while this process does something else.

``course-builder build`` loads, checks and assembles the course (a few tenths of a second)
while MkDocs starts up in the parent: importing MkDocs, Material and their plugins, and
reading the configuration take about as long, and neither needs the other. On a machine with
two cores that takes our part of the build off the critical path (BENCHMARKS.md).

The child sends its result back pickled through a pipe. Whenever forking is not possible or
not safe (no ``os.fork``, other threads running, ``COURSE_BUILDER_NO_FORK`` set) or the child
fails in any way, the work runs here instead, so the result never depends on the fork.
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return (hasattr(os, "fork") and threading.active_count() == 1
            and not os.environ.get("COURSE_BUILDER_NO_FORK"))


class Ahead(Generic[T]):
    """``work()`` started now; ``result()`` waits for it (or runs it, if it could not start)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._pid = 0
        self._read = -1
        self.forked = False
        if not can_fork():
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, send it, leave without cleanup handlers
            os.close(read)
            code = 0
            try:
                payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                payload = pickle.dumps(("failed", traceback.format_exc()))
                code = 1
            try:
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read, self.forked = pid, read, True

    def result(self) -> T:
        if not self.forked:
            return self._work()
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self.forked = False
        try:
            kind, value = pickle.loads(data)
        except Exception:
            return self._work()
        if kind != "ok" or status != 0:
            return self._work()  # the same error again, raised here with its traceback
        return value  # type: ignore[no-any-return]
