"""ahead.Ahead: work started in a forked child, with the same result as running it here."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from course_builder import ahead
from course_builder.ahead import Ahead


def test_result_comes_from_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "can_fork", lambda: True)
    work = Ahead(lambda: (os.getpid(), {"a": [1, 2]}))
    assert work.forked
    pid, data = work.result()
    assert pid != os.getpid() and data == {"a": [1, 2]}


def test_side_effects_of_the_child_are_visible(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "can_fork", lambda: True)
    target = tmp_path / "staged.txt"
    work = Ahead(lambda: target.write_text("written") and "done")
    assert work.result() == "done"
    assert target.read_text() == "written"


def test_an_error_in_the_child_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "can_fork", lambda: True)
    calls: list[int] = []

    def work() -> None:
        calls.append(os.getpid())
        raise ValueError("bad course")

    pending = Ahead(work)
    with pytest.raises(ValueError, match="bad course"):
        pending.result()
    assert calls == [os.getpid()]  # run again here (the child's list is its own)


def test_an_unpicklable_result_is_computed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "can_fork", lambda: True)
    lock_result = Ahead(lambda: threading.Lock())
    assert lock_result.forked
    assert type(lock_result.result()).__name__ == "lock"


def test_no_fork_while_other_threads_run_or_when_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not ahead.can_fork()
        work = Ahead(lambda: os.getpid())
        assert not work.forked and work.result() == os.getpid()
    finally:
        stop.set()
        thread.join()
    monkeypatch.setenv("COURSE_BUILDER_NO_FORK", "1")
    assert not ahead.can_fork()
