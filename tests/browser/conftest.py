"""Shared by every browser test: the system Chromium, and a loopback server for a folder.

Never run ``playwright install``: it downloads a browser, which this machine cannot do;
Debian's ``chromium`` package provides /usr/bin/chromium.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start a server for ``folder`` on 127.0.0.1 and a free port; return it and its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class ServedDir(str):
    """The base URL of the served ``tmp_path``; calling it with another folder serves that
    folder too (stopped with the test) and returns its base URL."""

    _servers: list[ThreadingHTTPServer]

    def __call__(self, folder: Path) -> str:
        server, url = serve(Path(folder))
        self._servers.append(server)
        return url


@pytest.fixture
def serve_dir(tmp_path: Path) -> Iterator[ServedDir]:
    """Serve this test's ``tmp_path`` (write pages into it) and yield its base URL.

    Use it as a string (``page.goto(serve_dir + "en.html")``), or call it with a folder
    (``base = serve_dir(site)``) to serve that folder instead.
    """
    server, url = serve(tmp_path)
    served = ServedDir(url)
    served._servers = [server]
    try:
        yield served
    finally:
        for each in served._servers:
            each.shutdown()
            each.server_close()
