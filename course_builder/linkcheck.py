"""Check every internal link and anchor of the built site with LinkChecker, over loopback.

Over ``file://`` LinkChecker misses real broken anchors and reports spurious ones, so the
site is served on 127.0.0.1 under its site_url path.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from course_builder.server import serve

CONFIG = """[checking]
threads=4
maxrequestspersecond=1000
[filtering]
checkextern=0
ignorewarnings=http-redirected,url-content-size-zero
[AnchorCheck]
"""


@dataclass(frozen=True)
class BrokenLink:
    page: str
    url: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url}: {self.problem}"


def linkchecker_command() -> list[str]:
    exe = Path(sys.executable).with_name("linkchecker")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("linkchecker")
    return [found] if found else [sys.executable, "-m", "linkcheck"]


def check_site(site: Path, site_url: str = "") -> list[BrokenLink]:
    """Return every broken internal link or anchor in the built site (empty when clean)."""
    prefix = urlsplit(site_url).path or "/"
    with tempfile.TemporaryDirectory() as tmp, serve(site, prefix, for_link_checker=True) as base:
        cfg = Path(tmp) / "linkcheckerrc"
        cfg.write_text(CONFIG)
        urls = [base]
        if (site / "es" / "index.html").exists():
            urls.append(base + "es/")
        result = subprocess.run(
            [*linkchecker_command(), "--config", str(cfg), "--no-status", "-o", "csv", *urls],
            capture_output=True, text=True, cwd=tmp, timeout=600)
    if result.returncode == 0:
        return []
    if result.returncode not in (0, 1):
        return [BrokenLink("(linkchecker)", "", (result.stderr or result.stdout).strip()[-2000:])]
    return _parse(result.stdout, base)


def _parse(output: str, base: str) -> list[BrokenLink]:
    lines = [ln for ln in output.splitlines() if ln and not ln.startswith("#")]
    if not lines:
        return [BrokenLink("(linkchecker)", "", "failed without a report")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";")
    broken: list[BrokenLink] = []
    for row in reader:
        valid = (row.get("valid") or "").strip().lower() in ("true", "1")
        warning = (row.get("warningstring") or "").strip()
        if valid and not warning:
            continue
        page = (row.get("parentname") or "").replace(base, "/")
        url = row.get("urlname") or row.get("url") or ""
        problem = (row.get("result") or "") if not valid else warning
        broken.append(BrokenLink(page or "/", url, problem.strip()))
    return broken
