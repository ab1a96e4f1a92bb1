"""A loopback static server for the built site, used by the link check, tests and benchmarks.

It serves the site under the path of ``site_url`` (the homepage language switcher uses
absolute links built from it) and answers with a ``LinkChecker`` header, which makes
LinkChecker lift its per-host throttle (linkcheck/checker/httpurl.py).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SAME_PAGE_LINK = re.compile(rb"""\shref=(["'])#""")
# The fragment of a link to another page: LinkChecker would fetch and parse the target page
# once per distinct anchor (the agendas link to hundreds of guide anchors); linkcheck.py
# checks every anchor itself, in one pass over the built files.
LINK_FRAGMENT = re.compile(rb"""(\shref=(["'])[^"'#]+)#[^"']*(\2)""")


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"
    hide_same_page_links = False

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        # a client may stop reading (a checker that only needed the headers)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().copyfile(source, outputfile)

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "course-builder")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        """For the link checker, same-page links (the table of contents, heading permalinks)
        become inert: LinkChecker would fetch and parse the whole page again for each one,
        and those anchors are already verified from the sources (checks/links.py). Links to
        other pages lose their fragment: linkcheck.check_anchors verifies those anchors."""
        path = self.translate_path(self.path)
        if not self.hide_same_page_links or not (path.endswith(".html") or os.path.isdir(path)):
            return super().send_head()
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = os.path.join(path, "index.html")
        try:
            data = SAME_PAGE_LINK.sub(rb" data-same-page=\1#", Path(path).read_bytes())
            data = LINK_FRAGMENT.sub(rb"\1\3", data)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)


@contextmanager
def serve(directory: Path, prefix: str = "/", for_link_checker: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port); yield the base URL ending in prefix."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (_Handler,), {"prefix": prefix,
                                             "hide_same_page_links": for_link_checker})
    bound = functools.partial(handler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), bound)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
