"""Check every internal link and anchor of the built site with LinkChecker, over loopback.

Over ``file://`` LinkChecker misses real broken anchors and reports spurious ones, so the
site is served on 127.0.0.1 under its site_url path. LinkChecker fetches and parses a page
once per distinct URL, fragment included, so the pages it is served carry no fragments and
``check_anchors`` verifies every link to an anchor of another page in one pass over the files
(same-page anchors are verified from the sources, checks/links.py).
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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
    anchors = check_anchors(site, prefix)
    if result.returncode == 0:
        return anchors
    if result.returncode not in (0, 1):
        return [BrokenLink("(linkchecker)", "", (result.stderr or result.stdout).strip()[-2000:])]
    return _parse(result.stdout, base) + anchors


# What LinkChecker's AnchorCheck counts as an anchor: any element's id, and <a name>.
_HIDDEN = re.compile(r"<script\b.*?</script\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^>]*)>")
_ATTR = re.compile(r"""\s(id|name|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
                   re.IGNORECASE)


def _scan(page: str) -> tuple[set[str], list[str]]:
    """The anchors a page defines and the hrefs it links to (scripts and comments left out)."""
    anchors: set[str] = set()
    hrefs: list[str] = []
    for tag in _TAG.finditer(_HIDDEN.sub(" ", page)):
        name = tag.group(1).lower()
        for attr in _ATTR.finditer(tag.group(2)):
            key = attr.group(1).lower()
            value = html.unescape(attr.group(2) or attr.group(3) or attr.group(4) or "")
            if key == "id" or (key == "name" and name == "a"):
                anchors.add(value)
            elif key == "href":
                hrefs.append(value)
    return anchors, hrefs


def check_anchors(site: Path, prefix: str = "/") -> list[BrokenLink]:
    """Every link from one page of the built site to a missing anchor of another page."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    scanned: dict[Path, tuple[set[str], list[str]]] = {}
    for file in sorted(site.rglob("*.html")):
        scanned[file] = _scan(file.read_text(encoding="utf-8", errors="replace"))
    broken: list[BrokenLink] = []
    for file, (_, hrefs) in scanned.items():
        rel = file.relative_to(site).as_posix()
        page = prefix + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
        seen: set[str] = set()
        for href in hrefs:
            parts = urlsplit(href)
            if not parts.fragment or href.startswith("#") or href in seen:
                continue  # same-page anchors: verified from the sources
            seen.add(href)
            if parts.scheme or parts.netloc:
                continue  # another host (LinkChecker does not follow them either)
            path = unquote(urlsplit(urljoin(page, parts.path)).path)
            if not path.startswith(prefix):
                continue
            target = site / path[len(prefix):]
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if target not in scanned:
                continue  # not an HTML page of the site: LinkChecker reports missing pages
            anchor = unquote(parts.fragment)
            if anchor not in scanned[target][0]:
                broken.append(BrokenLink(page, href, f"Anchor `{anchor}' not found."))
    return broken


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
