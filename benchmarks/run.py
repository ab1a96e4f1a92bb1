"""Benchmarks: build overhead, check scaling, preview latency and page weight, side by side.

    make bench                        # or: .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py --only check,weight --rounds 7 --no-write

Everything runs in a temporary copy of the course sources, so nothing writes into the
repository except the results: benchmarks/results/latest.json (stable key order) and the
results section of BENCHMARKS.md (between its ``results:start`` and ``results:end`` markers).
The targets are for this benchmark, not timed assertions in the tests.

Timings are wall-clock medians; CPU time (user + system, children included) is shown beside
them because on a busy machine wall time also measures the other processes.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from synth import copy_sources, make_synthetic

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
PARTIAL = RESULTS.with_name("latest.json.tmp")  # git-ignored
REPORT = ROOT / "BENCHMARKS.md"
START_MARK, END_MARK = "<!-- results:start -->", "<!-- results:end -->"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
KB = 1000  # bytes; the stricter reading of "KB" in the targets

TARGETS: dict[str, dict[str, Any]] = {
    "build_overhead": {"max": 1.10, "what": "course-builder build (no link check, no PDFs) / "
                       "plain mkdocs build of the same pages", "unit": "ratio"},
    "check_course": {"max": 0.30, "what": "course-builder check on the course", "unit": "s"},
    "check_scaling": {"max": 1.50, "what": "check: time per item at 50x / at 1x",
                      "unit": "ratio"},
    "site_full": {"max": 30.0, "what": "make site (warm): build with link check and PDFs",
                  "unit": "s"},
    "preview": {"max": 2.0, "what": "serve: quiz saved -> rebuilt page served", "unit": "s"},
    "own_assets": {"max": 12 * KB, "what": "our own JS+CSS on a module page, gzipped",
                   "unit": "bytes"},
    "module_weight": {"max": 130 * KB, "what": "module page with a check, cold load, "
                      "compressed", "unit": "bytes"},
    "other_hosts": {"max": 0, "what": "requests to other hosts, any page", "unit": "requests"},
}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "image/svg+xml", "application/manifest+json")
STAGE_LINE = re.compile(r"^  (.+): done in ([\d.]+) s$", re.MULTILINE)
CHECK_LINE = re.compile(r" in ([\d.]+) s\s*$", re.MULTILINE)


class BenchError(Exception):
    """A step could not run (a build failed, the preview never came up...)."""


# -- small helpers -----------------------------------------------------------------------------
def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def stats(values: list[float], digits: int = 3) -> dict[str, float]:
    return {"median": round(statistics.median(values), digits),
            "min": round(min(values), digits), "max": round(max(values), digits),
            "n": len(values)}


def env() -> dict[str, str]:
    out = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "PYTHONUNBUFFERED": "1"}
    out.pop("COURSE_BUILDER_PREVIEW", None)
    return out


def run_timed(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """Run a command; return (wall seconds, CPU seconds of it and its children, output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True, timeout=900)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = proc.stdout + proc.stderr
    if proc.returncode not in ok:
        raise BenchError(f"`{' '.join(cmd)}` exited {proc.returncode}:\n{output[-4000:]}")
    return wall, cpu, output


@contextmanager
def timed() -> Iterator[dict[str, float]]:
    out: dict[str, float] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    yield out
    out["wall"] = time.perf_counter() - wall
    out["cpu"] = time.process_time() - cpu


def url_of(rel: str) -> str:
    """The site URL path of a page (use_directory_urls: true)."""
    stem = rel.removesuffix(".md")
    if stem == "index":
        return ""
    return (stem.removesuffix("/index") if stem.endswith("/index") else stem) + "/"


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0.0
    try:
        kb = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        ram = round(int(kb.group(1)) / 1024 / 1024, 1) if kb else 0.0
    except OSError:
        pass
    system = platform.platform()
    try:
        pretty = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text())
        system = pretty.group(1) if pretty else system
    except OSError:
        pass
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "PyYAML",
                 "LinkChecker", "weasyprint", "playwright"):
        try:
            from importlib.metadata import version
            versions[dist] = version(dist)
        except Exception:  # a missing tool is just not listed
            continue
    return {"nproc": os.cpu_count() or 0, "cpu": cpu or platform.processor(), "ram_gb": ram,
            "python": platform.python_version(), "os": system, "versions": versions,
            "load_average_start": [round(x, 2) for x in os.getloadavg()]}


# -- the workspace: a copy of the course and a plain MkDocs config of the same pages --------
@dataclass
class Workspace:
    work: Path
    course: Path        # copy of the sources, built by course-builder
    plain_docs: Path    # the assembled staging tree, for the plain build
    plain_config: Path  # the repo's mkdocs.yml minus the course plugin
    page_types: dict[str, str | None]  # page type -> rel of its English page, or None
    notes: dict[str, str]
    build_flags: dict[str, list[str]]


PAGE_TYPE_NOTES = {
    "agenda": "no agenda page yet: the workshop generator is not wired into the build",
    "scenario": "no page embeds a scenario",
    "module_with_check": "no module page embeds a knowledge check",
    "progress": "no progress page yet: the journey generator is not wired into the build",
    "practice_tool": "no practice tool page yet",
}


def prepare(work: Path) -> Workspace:
    """Copy the sources, assemble them once, find one page of each type, write the plain
    MkDocs config (the plugin's nav, site names and Spanish nav titles, without the plugin)."""
    from course_builder.pipeline import load_and_check, nav_for, prepare_site, section_titles

    course_dir = copy_sources(ROOT, work / "course")
    course, issues = load_and_check(course_dir)
    errors = [i for i in issues if i.is_error]
    if errors:
        listed = "\n".join(f"  {i.path}:{i.line}: [{i.code}] {i.message}" for i in errors[:20])
        raise BenchError(f"the course has {len(errors)} content error(s); the build "
                         f"benchmarks need a course that builds:\n{listed}")
    plain_docs = work / "plain-docs"
    prepare_site(course, plain_docs)
    from mkdocs.utils.yaml import yaml_load  # resolves !ENV like MkDocs does

    config = yaml_load((course_dir / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config.get("plugins", [])
                         if p != "course" and not (isinstance(p, dict) and "course" in p)]
    config["docs_dir"] = str(plain_docs)
    config["nav"] = nav_for(course)
    config["site_name"] = course.title.en
    config["site_description"] = course.description.en
    config["extra_css"] = [*config.get("extra_css", []), "assets/course.css"]
    config["extra_javascript"] = [*config.get("extra_javascript", []), "assets/course.js"]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages", []):
                if language.get("locale") == "es":
                    language["site_name"] = course.title.es
                    language["site_description"] = course.description.es
                    language["nav_translations"] = {**section_titles(course), "Home": "Inicio"}
    plain_config = course_dir / "mkdocs-plain.yml"
    plain_config.write_text(yaml.dump(config, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")  # yaml.dump: keeps any !!python/name tags
    page_types, notes = find_page_types(course)
    return Workspace(work, course_dir, plain_docs, plain_config, page_types, notes,
                     build_flags(course_dir))


def find_page_types(course: Any) -> tuple[dict[str, str | None], dict[str, str]]:
    """The English rel of one page of each type; a note for each type that does not exist."""
    en = course.pages.get("en", {})

    def embedding(name: str) -> str | None:
        ordered = [rel for entry in course.outline for rel in entry.pages] + sorted(en)
        for rel in ordered:
            page = en.get(rel)
            if page is not None and any(d.name == name for d in page.directives):
                return str(rel)
        return None

    generated = [g for g in course.generated if g.lang == "en"]

    def generated_rel(pattern: str) -> str | None:
        found = sorted((g for g in generated if re.search(pattern, g.rel)),
                       key=lambda g: (g.order, g.rel))
        return found[0].rel if found else None

    types: dict[str, str | None] = {
        "home": "index.md" if "index.md" in en else None,
        "module_with_check": embedding("quiz"),
        "scenario": embedding("scenario"),
        "agenda": generated_rel(r"(^|/)agenda"),
        "progress": generated_rel(r"^progress\.md$"),
        "practice_tool": generated_rel(r"^practice/"),
    }
    notes = {k: PAGE_TYPE_NOTES.get(k, "not found") for k, v in types.items() if v is None}
    return types, notes


def build_flags(course_dir: Path) -> dict[str, list[str]]:
    """Flags of `course-builder build` for a build without link check and PDFs (whatever this
    version of the CLI calls them)."""
    _, _, help_text = run_timed([sys.executable, "-m", "course_builder", "build", "--help"],
                                course_dir)
    fast = ["--no-link-check"]
    pdf = re.search(r"(--no-pdfs?)\b", help_text)
    if pdf:
        fast.append(pdf.group(1))
    return {"fast": fast, "pdf_flag": [pdf.group(1)] if pdf else []}


# -- 1. build overhead -----------------------------------------------------------------------
def bench_build(ws: Workspace, rounds: int) -> dict[str, Any]:
    py = sys.executable
    commands = {
        "plain": [py, "-m", "mkdocs", "build", "-q", "-f", str(ws.plain_config),
                  "-d", str(ws.work / "site-plain")],
        "course_builder": [py, "-m", "course_builder", "build", *ws.build_flags["fast"],
                           "--site-dir", str(ws.work / "site-fast")],
        "course_builder_full": [py, "-m", "course_builder", "build",
                                "--site-dir", str(ws.work / "site-full")],
    }
    log("build: warm-up (one untimed run of each)")
    failed: dict[str, str] = {}
    for name, cmd in list(commands.items()):
        try:
            run_timed(cmd, ws.course)
        except BenchError as exc:
            if name != "course_builder_full":
                raise
            failed[name] = str(exc)[-1500:]  # others' work in progress: measure the rest
            del commands[name]
            log(f"build: the full build fails, measured without it:\n{failed[name]}")
    orders = [("plain", "course_builder", "course_builder_full"),
              ("course_builder", "course_builder_full", "plain"),
              ("course_builder_full", "plain", "course_builder")]
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    stages: dict[str, dict[str, list[float]]] = {"course_builder": {}, "course_builder_full": {}}
    for index in range(rounds):
        for name in orders[index % len(orders)]:
            if name not in commands:
                continue
            wall, cpu, output = run_timed(commands[name], ws.course)
            times[name].append((wall, cpu))
            for stage, seconds in STAGE_LINE.findall(output):
                stages.get(name, {}).setdefault(stage, []).append(float(seconds))
        log(f"build: round {index + 1}/{rounds}: " + ", ".join(
            f"{n} {times[n][-1][0]:.2f} s" for n in commands))
    result: dict[str, Any] = {"rounds": rounds, "failed_builds": failed, "commands": {
        name: " ".join(Path(c).name if c == py else c for c in cmd).replace(str(ws.work), "$WORK")
        for name, cmd in commands.items()}}
    for name in commands:
        result[name] = {"wall_s": stats([w for w, _ in times[name]]),
                        "cpu_s": stats([c for _, c in times[name]])}
    for name in ("course_builder", "course_builder_full"):
        if name not in commands:
            continue
        pairs = list(zip(times[name], times["plain"], strict=True))
        result[f"ratio_{name}"] = {
            "wall": round(statistics.median(a[0] / b[0] for a, b in pairs), 3),
            "cpu": round(statistics.median(a[1] / b[1] for a, b in pairs), 3)}
        result[f"stages_{name}"] = {s: round(statistics.median(v), 2)
                                    for s, v in stages[name].items()}
    full_stages = " ".join(result.get("stages_course_builder_full", {})).lower()
    result["pdfs_included"] = "pdf" in full_stages
    result["link_check_included"] = "link" in full_stages
    result["pages_built"] = sum(1 for _ in (ws.work / "site-fast").rglob("index.html"))
    result["overhead_s"] = round(result["course_builder"]["wall_s"]["median"]
                                 - result["plain"]["wall_s"]["median"], 3)
    return result


# -- 2. check speed and scaling --------------------------------------------------------------
def _check_in_process(root: Path, runs: int) -> dict[str, Any]:
    from course_builder.pipeline import load_and_check

    walls, cpus = [], []
    course, issues = None, []
    for _ in range(runs):
        with timed() as t:
            course, issues = load_and_check(root)
        walls.append(t["wall"])
        cpus.append(t["cpu"])
    assert course is not None
    errors = Counter(i.code for i in issues if i.is_error)
    # An item is what the synthetic courses multiply: a module (its page in both languages),
    # a knowledge check or a scenario.
    items = len(course.modules) + len(course.quizzes) + len(course.scenarios)
    wall = statistics.median(walls)
    return {"files": int(course.files_read), "items": items, "modules": len(course.modules),
            "quizzes": len(course.quizzes), "scenarios": len(course.scenarios),
            "pages": sum(len(p) for p in course.pages.values()),
            "wall_s": stats(walls), "cpu_s": stats(cpus),
            "per_item_ms": round(wall / items * 1000, 3),
            "per_item_cpu_ms": round(statistics.median(cpus) / items * 1000, 3),
            "errors": dict(sorted(errors.items())),
            "warnings": sum(1 for i in issues if not i.is_error)}


def bench_check(ws: Workspace, rounds: int, sizes: tuple[int, ...]) -> dict[str, Any]:
    from course_builder.pipeline import load_and_check

    result: dict[str, Any] = {}
    cli = [sys.executable, "-m", "course_builder", "check"]
    walls, cpus, reported = [], [], []
    run_timed(cli, ws.course, ok=(0, 1))
    for _ in range(rounds):
        wall, cpu, output = run_timed(cli, ws.course, ok=(0, 1))
        walls.append(wall)
        cpus.append(cpu)
        found = CHECK_LINE.findall(output)
        if found:
            reported.append(float(found[-1]))
    result["cli"] = {"process_wall_s": stats(walls), "process_cpu_s": stats(cpus),
                     "reported_s": stats(reported) if reported else None}
    log(f"check: CLI {statistics.median(walls):.2f} s per process, reports "
        f"{statistics.median(reported) if reported else float('nan'):.3f} s")
    load_and_check(ws.course)  # warm: lazy imports, compiled regexes
    sized: dict[str, Any] = {}
    for factor in sizes:
        if factor == 1:
            root = ws.course
        else:
            root = ws.work / f"synthetic-{factor}x"
            with timed() as t:
                make_synthetic(ws.course, root, factor)  # the same snapshot as 1x
            log(f"check: generated the {factor}x course in {t['wall']:.1f} s")
        runs = rounds if factor == 1 else (3 if factor <= 10 else 2)
        sized[f"{factor}x"] = _check_in_process(root, runs)
        log(f"check: {factor}x: {sized[f'{factor}x']['wall_s']['median']:.3f} s, "
            f"{sized[f'{factor}x']['per_item_ms']:.2f} ms per item")
        if factor != 1:
            shutil.rmtree(root, ignore_errors=True)
    result["sizes"] = sized
    base = sized.get("1x")
    top = sized.get(f"{max(sizes)}x")
    if base and top:
        result["scaling"] = {
            "wall": round(top["per_item_ms"] / base["per_item_ms"], 3),
            "cpu": round(top["per_item_cpu_ms"] / base["per_item_cpu_ms"], 3),
            "largest": f"{max(sizes)}x"}
    # The cost of each added item between consecutive sizes (CPU): flat when checking is
    # linear, rising when something grows faster than the course.
    marginal: dict[str, float] = {}
    for small, large in pairwise(sizes):
        x, y = sized[f"{small}x"], sized[f"{large}x"]
        if y["items"] > x["items"]:
            marginal[f"{small}x-{large}x"] = round(
                (y["cpu_s"]["median"] - x["cpu_s"]["median"]) / (y["items"] - x["items"]) * 1000,
                3)
    result["marginal_cpu_ms_per_item"] = marginal
    return result


# -- 3. preview ------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # loopback only
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def wait_for(check: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False


TITLE_EN = (re.compile(r'^(title:[^\n]*?\ben:\s*")', re.MULTILINE),
            re.compile(r'^(title:\s*\n\s+en:\s*")', re.MULTILINE),
            re.compile(r'(\ben:\s*")'))


def mark_quiz(text: str, marker: str) -> str:
    """The quiz file with ``marker`` at the start of its English title (a string the page
    shows), or of its first English string."""
    for pattern in TITLE_EN:
        if pattern.search(text):
            return pattern.sub(lambda m: m[1] + marker + " ", text, count=1)
    raise BenchError("no English string found in the quiz file")


def bench_preview(ws: Workspace, edits: int) -> dict[str, Any]:
    rel = ws.page_types.get("module_with_check")
    if rel is None:
        return {"skipped": ws.notes["module_with_check"]}
    from course_builder.project import load_course

    course_dir = copy_sources(ws.course, ws.work / "preview")  # the same snapshot
    course, _ = load_course(course_dir)
    page = course.pages["en"][rel]
    quiz_id = next(d.arg for d in page.directives if d.name == "quiz")
    quiz = course_dir / "quizzes" / f"{quiz_id}.yml"
    port = free_port()
    url = f"http://127.0.0.1:{port}/{url_of(rel)}"
    log_path = ws.work / "preview.log"
    started = time.perf_counter()
    with log_path.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "course_builder", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=course_dir, stdout=out, stderr=subprocess.STDOUT, env=env())
    result: dict[str, Any] = {"page": "/" + url_of(rel), "quiz": f"quizzes/{quiz_id}.yml"}
    try:
        if not wait_for(lambda: "cb-quiz" in fetch(url) or proc.poll() is not None, 180, 0.2) \
                or proc.poll() is not None:
            raise BenchError("the preview never came up:\n" + log_path.read_text()[-3000:])
        result["startup_s"] = round(time.perf_counter() - started, 3)
        time.sleep(2.0)  # let the file watcher take its first snapshot and settle
        latencies: list[float] = []
        for index in range(edits):
            marker = f"Benchmark{index}x{os.getpid()}"
            quiz.write_text(mark_quiz(quiz.read_text(encoding="utf-8"), marker),
                            encoding="utf-8")
            saved = time.perf_counter()
            if not wait_for(lambda m=marker: m in fetch(url), 60):
                raise BenchError(f"the edit never reached {url}:\n"
                                 + log_path.read_text()[-3000:])
            latencies.append(time.perf_counter() - saved)
            log(f"preview: edit {index + 1}/{edits}: {latencies[-1]:.2f} s")
            time.sleep(2.5)  # a rebuild triggered by the staging tree's own writes ends
        result["latency_s"] = stats(latencies)
        result["rebuilds_logged"] = log_path.read_text().count("Building documentation")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    result["note"] = ("includes the file watcher's polling (course-builder serve polls the "
                      "sources every 0.2 s) and its 0.1 s debounce")
    return result


# -- 4. page weight --------------------------------------------------------------------------
def compressed_size(body: bytes, content_type: str) -> int:
    if content_type.startswith(TEXT_TYPES):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


def own_asset(path: str) -> bool:
    """Our bundles sit directly in assets/ (Material's in assets/javascripts|stylesheets/)."""
    return re.search(r"/assets/[^/]+\.(js|css)$", path) is not None


def bench_weight(ws: Workspace, site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from course_builder.server import serve

    targets: list[tuple[str, str | None]] = []
    for kind, rel in ws.page_types.items():
        targets.append((kind, rel))
        if kind == "module_with_check" and rel is not None:
            targets.append(("module_with_check_es", f"es/{rel}"))
    pages: dict[str, Any] = {}
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for kind, rel in targets:
                if rel is None:
                    pages[kind] = {"skipped": ws.notes.get(kind, "not found")}
                    continue
                pages[kind] = load_page(browser, base, "/" + url_of(rel))
                log(f"weight: {kind}: {pages[kind]['transferred_bytes']} bytes, "
                    f"{pages[kind]['requests']} requests")
        finally:
            browser.close()
    return {"pages": pages, "server": "course_builder.server.serve (loopback)",
            "compression": "gzip level 6 for text types; images and fonts as they are"}


def load_page(browser: Any, base: str, path: str) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    requests: list[Any] = []
    responses: list[Any] = []
    page.on("request", lambda request: requests.append(request))
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(base.rstrip("/") + path, wait_until="networkidle", timeout=60000)
        page.wait_for_timeout(500)  # the search worker fetches its index after load
        rows = []
        for response in responses:
            url = response.url
            content_type = (response.headers.get("content-type") or "").split(";")[0].strip()
            try:
                body = response.body()
            except Exception:  # redirects have no body
                body = b""
            rows.append({"path": urlsplit(url).path, "host": urlsplit(url).hostname or "",
                         "status": response.status, "type": content_type,
                         "bytes": len(body), "compressed": compressed_size(body, content_type)})
    finally:
        context.close()
    local = {"127.0.0.1", "localhost"}
    other = sorted({urlsplit(r.url).hostname or "" for r in requests
                    if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
                    and (urlsplit(r.url).hostname or "") not in local})
    own = [r for r in rows if own_asset(r["path"])]
    return {
        "url": path,
        "requests": len(requests),
        "transferred_bytes": sum(r["compressed"] for r in rows),
        "uncompressed_bytes": sum(r["bytes"] for r in rows),
        "html_bytes": sum(r["compressed"] for r in rows if r["type"] == "text/html"),
        "own_js_css_gzip_bytes": sum(r["compressed"] for r in own),
        "own_files": sorted(r["path"] for r in own),
        "other_hosts": other,
        "largest": [{"path": r["path"], "compressed": r["compressed"]}
                    for r in sorted(rows, key=lambda r: -r["compressed"])[:5]],
    }


# -- verdicts, tables, files -------------------------------------------------------------------
def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(key: str, value: float | None, cpu_value: float | None = None,
            note: str = "") -> None:
        target = TARGETS[key]
        row: dict[str, Any] = {"measure": key, "what": target["what"], "target": target["max"],
                               "unit": target["unit"], "value": value}
        if value is None:
            row["pass"] = None
        else:
            row["pass"] = value <= target["max"]
        if cpu_value is not None:
            row["cpu_value"] = cpu_value
            row["cpu_pass"] = cpu_value <= target["max"]
        if note:
            row["note"] = note
        out.append(row)

    for key, measures in (("build", ("build_overhead", "site_full")),
                          ("check", ("check_course", "check_scaling")),
                          ("preview", ("preview",)),
                          ("page_weight", ("own_assets", "module_weight", "other_hosts"))):
        if isinstance(results.get(key, {}).get("failed"), str):
            for measure in measures:
                add(measure, None, note=f"the {key.replace('_', ' ')} benchmark failed")
    build = results.get("build")
    if build and "ratio_course_builder" in build:
        add("build_overhead", build["ratio_course_builder"]["wall"],
            build["ratio_course_builder"]["cpu"])
        if "course_builder_full" in build:
            note = "" if build["pdfs_included"] else "no PDF stage in the build yet"
            add("site_full", build["course_builder_full"]["wall_s"]["median"], note=note)
        else:
            add("site_full", None, note="the full build failed (see the build section)")
    check = results.get("check")
    if check and "sizes" in check:
        one = check["sizes"].get("1x")
        if one:
            add("check_course", one["wall_s"]["median"], one["cpu_s"]["median"])
        if "scaling" in check:
            add("check_scaling", check["scaling"]["wall"], check["scaling"]["cpu"])
    preview = results.get("preview")
    if preview and "latency_s" in preview:
        add("preview", preview["latency_s"]["median"])
    weight = results.get("page_weight")
    if weight and "pages" in weight:
        module = weight["pages"].get("module_with_check", {})
        if "transferred_bytes" in module:
            add("own_assets", module["own_js_css_gzip_bytes"])
            add("module_weight", module["transferred_bytes"])
        measured = [p for p in weight["pages"].values() if "other_hosts" in p]
        add("other_hosts", sum(len(p["other_hosts"]) for p in measured))
    return out


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "bytes":
        return f"{value / KB:.1f} KB"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ratio":
        return f"{value:.2f}×"
    return f"{value:g}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def verdict_word(ok: bool | None) -> str:
    return "–" if ok is None else ("pass" if ok else "**miss**")


def render(results: dict[str, Any]) -> str:
    """The results as Markdown: a table per measure, then the targets with pass/miss."""
    m = results["machine"]
    parts = [f"Measured {results['date']} on {m['cpu']} ({m['nproc']} CPUs, {m['ram_gb']} GB "
             f"RAM), {m['os']}, Python {m['python']}; load average "
             f"{m['load_average_start'][0]} at the start, {m.get('load_average_end', ['?'])[0]} "
             "at the end. Wall-clock medians; CPU time (user + system, children included) "
             "beside them."]
    busy = max(m["load_average_start"][0], m.get("load_average_end", [0])[0]) > m["nproc"]
    if busy:
        parts.append(f"> **The machine was busy** (load average above its {m['nproc']} CPUs): "
                     "wall times include waiting for other processes; the CPU times are the "
                     "better estimate of an idle machine.")
    rows = [[r["what"], f"≤ {fmt_value(r['target'], r['unit'])}", fmt_value(r["value"], r["unit"]),
             verdict_word(r["pass"]),
             fmt_value(r.get("cpu_value"), r["unit"]) + (f" ({verdict_word(r['cpu_pass'])})"
                                                         if "cpu_pass" in r else ""),
             r.get("note", "")] for r in results["verdicts"]]
    parts += ["### Targets", table(["Measure", "Target", "Measured", "Verdict", "CPU time",
                                    "Note"], rows)]
    for key, title in (("build", "Build overhead"), ("check", "Check speed"),
                       ("preview", "Preview"), ("page_weight", "Page weight")):
        if isinstance(results.get(key, {}).get("failed"), str):
            parts += [f"### {title}", "The benchmark failed:\n\n```text\n"
                      + results[key]["failed"].strip() + "\n```"]
    build = results.get("build")
    if build and "plain" in build:
        rows = []
        for name, label in (("plain", "plain `mkdocs build` (same pages, no plugin)"),
                            ("course_builder", "`course-builder build " + " ".join(
                                build.get("fast_flags", [])) + "`"),
                            ("course_builder_full", "`course-builder build` (full)")):
            if name not in build:
                continue
            ratio = build.get(f"ratio_{name}")
            rows.append([label, f"{build[name]['wall_s']['median']:.2f} s",
                         f"{build[name]['wall_s']['min']:.2f}–{build[name]['wall_s']['max']:.2f}",
                         f"{build[name]['cpu_s']['median']:.2f} s",
                         f"{ratio['wall']:.2f}× / {ratio['cpu']:.2f}×" if ratio else "1"])
        parts += [f"### Build overhead ({build['rounds']} rounds, alternating, "
                  f"{build['pages_built']} pages)",
                  table(["Build", "Wall (median)", "Wall (range)", "CPU (median)",
                         "Ratio to plain (wall / CPU)"], rows)]
        for name, error in build.get("failed_builds", {}).items():
            parts.append(f"`{name}` failed, so it is not in the table:\n\n```text\n"
                         f"{error.strip()[-1200:]}\n```")
        stage_key = ("stages_course_builder_full" if "stages_course_builder_full" in build
                     else "stages_course_builder")
        stage_rows = [[stage, f"{seconds:.2f} s"] for stage, seconds in build[stage_key].items()]
        parts += [f"Stages of `{build['commands'].get(stage_key[7:], '')}`, as it reports them "
                  "(medians):", table(["Stage", "Time"], stage_rows)]
    check = results.get("check")
    if check and "sizes" in check:
        rows = []
        for size, row in check["sizes"].items():
            rows.append([size, f"{row['items']} ({row['modules']} / {row['quizzes']} / "
                         f"{row['scenarios']})", f"{row['files']} ({row['pages']} pages)",
                         f"{row['wall_s']['median']:.3f} s", f"{row['cpu_s']['median']:.3f} s",
                         f"{row['per_item_ms']:.2f} ms", f"{row['per_item_cpu_ms']:.2f} ms",
                         ", ".join(f"{k} ×{v}" for k, v in row["errors"].items()) or "none"])
        cli = check["cli"]
        marginal = ", ".join(f"{k}: {v:.2f} ms" for k, v in
                             check.get("marginal_cpu_ms_per_item", {}).items())
        parts += ["### Check speed (load and check, in process; larger sizes are synthetic)",
                  table(["Size", "Items (modules / quizzes / scenarios)", "Files read", "Wall",
                         "CPU", "Per item (wall)", "Per item (CPU)", "Errors"], rows),
                  f"CPU cost of each added item between sizes: {marginal or '–'}.",
                  f"`course-builder check` as a command: {cli['process_wall_s']['median']:.2f} s "
                  f"per process (Python start-up and imports included), CPU "
                  f"{cli['process_cpu_s']['median']:.2f} s; it reports "
                  + (f"{cli['reported_s']['median']:.3f} s" if cli["reported_s"] else "–")
                  + " for loading and checking."]
    preview = results.get("preview")
    if preview and "failed" not in preview:
        if "skipped" in preview:
            parts += ["### Preview", f"Skipped: {preview['skipped']}."]
        else:
            lat = preview["latency_s"]
            parts += ["### Preview (`course-builder serve`)",
                      f"Saving `{preview['quiz']}` → new text served at `{preview['page']}`: "
                      f"median {lat['median']:.2f} s (min {lat['min']:.2f}, max {lat['max']:.2f}, "
                      f"{lat['n']} edits); start-up {preview['startup_s']:.1f} s. "
                      f"{preview['note'].capitalize()}."]
    weight = results.get("page_weight")
    if weight and "pages" in weight:
        rows = []
        for kind, page in weight["pages"].items():
            if "skipped" in page:
                rows.append([kind, "–", "–", "–", "–", "–", f"skipped: {page['skipped']}"])
                continue
            rows.append([kind, f"`{page['url']}`", f"{page['transferred_bytes'] / KB:.1f} KB",
                         f"{page['uncompressed_bytes'] / KB:.1f} KB",
                         f"{page['own_js_css_gzip_bytes'] / KB:.1f} KB", str(page["requests"]),
                         ", ".join(page["other_hosts"]) or "none"])
        parts += ["### Page weight (cold load in Chromium, fresh context each page)",
                  table(["Page type", "URL", "Transferred (compressed)", "Uncompressed",
                         "Our JS+CSS (gzip)", "Requests", "Other hosts"], rows),
                  f"Compression: {weight['compression']}. KB = 1000 bytes."]
    return "\n\n".join(parts) + "\n"


def write_report(markdown: str) -> None:
    block = f"{START_MARK}\n{markdown}{END_MARK}"
    if REPORT.exists():
        text = REPORT.read_text(encoding="utf-8")
        if START_MARK in text and END_MARK in text:
            head, rest = text.split(START_MARK, 1)
            tail = rest.split(END_MARK, 1)[1]
            REPORT.write_text(head + block + tail, encoding="utf-8")
            return
        REPORT.write_text(text.rstrip() + "\n\n## Results\n\n" + block + "\n", encoding="utf-8")
        return
    REPORT.write_text("# Benchmarks\n\n## Results\n\n" + block + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="build,check,preview,weight",
                        help="comma-separated measures (default: all)")
    parser.add_argument("--rounds", type=int, default=5, help="build pairs and check runs "
                        "(at least 5 for the published numbers)")
    parser.add_argument("--sizes", default="1,10,50", help="synthetic course sizes")
    parser.add_argument("--edits", type=int, default=3, help="quiz edits in the preview test")
    parser.add_argument("--no-write", action="store_true",
                        help="print only; leave latest.json and BENCHMARKS.md alone")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    parser.add_argument("--render", metavar="JSON", type=Path,
                        help="measure nothing: rewrite BENCHMARKS.md's results from this file "
                        "(latest.json, or latest.json.tmp of an interrupted run)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 2 when a target is missed (by default only a measure that "
                        "could not run fails the command)")
    args = parser.parse_args(argv)
    if args.render:
        saved = json.loads(args.render.read_text(encoding="utf-8"))
        saved["verdicts"] = verdicts(saved)
        markdown = render(saved)
        print(markdown)
        if not args.no_write:
            write_report(markdown)
        return 2 if args.strict and missed(saved["verdicts"]) else 0
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    sizes = tuple(sorted({int(s) for s in args.sizes.split(",")} | {1}))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    # As `make` does before every command: our package is installed editable, which pip does
    # not byte-compile, while MkDocs and every other dependency come compiled.
    compileall.compile_dir(str(ROOT / "course_builder"), quiet=1)

    started = time.perf_counter()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(), "targets": TARGETS}
    work = Path(tempfile.mkdtemp(prefix="cb-bench-"))
    failures = 0
    try:
        try:
            ws = prepare(work)
        except BenchError as exc:
            log(f"benchmark failed: {exc}")
            return 1
        results["page_types"] = dict(ws.page_types)
        results["notes"] = ws.notes

        def site() -> Path:
            for name in ("site-full", "site-fast"):
                if (work / name / "index.html").exists():
                    return work / name
            run_timed([sys.executable, "-m", "course_builder", "build", *ws.build_flags["fast"],
                       "--site-dir", str(work / "site-fast")], ws.course)
            return work / "site-fast"

        measures: list[tuple[str, str, Callable[[], dict[str, Any]]]] = [
            ("build", "build", lambda: {**bench_build(ws, args.rounds),
                                        "fast_flags": ws.build_flags["fast"]}),
            ("check", "check", lambda: bench_check(ws, args.rounds, sizes)),
            ("preview", "preview", lambda: bench_preview(ws, args.edits)),
            ("weight", "page_weight", lambda: bench_weight(ws, site())),
        ]
        for name, key, measure in measures:
            if name not in only:
                continue
            try:
                results[key] = measure()
            except BenchError as exc:
                failures += 1
                log(f"{name}: failed: {exc}")
                results[key] = {"failed": str(exc)[-2000:]}
            PARTIAL.parent.mkdir(parents=True, exist_ok=True)  # survives a crash below
            PARTIAL.write_text(json.dumps(results, indent=2, sort_keys=True,
                                          ensure_ascii=False), encoding="utf-8")
    finally:
        if args.keep:
            log(f"workspace kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    results["verdicts"] = verdicts(results)
    results["duration_s"] = round(time.perf_counter() - started, 1)
    markdown = render(results)
    print(markdown)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False)
                           + "\n", encoding="utf-8")
        write_report(markdown)
        PARTIAL.unlink(missing_ok=True)
        log(f"wrote {RESULTS.relative_to(ROOT)} and {REPORT.relative_to(ROOT)} "
            f"in {results['duration_s']:.0f} s")
    misses = missed(results["verdicts"])
    if misses:
        log("missed targets: " + ", ".join(misses))
    if failures:
        return 1
    return 2 if args.strict and misses else 0


def missed(rows: list[dict[str, Any]]) -> list[str]:
    """The measures that missed their target (wall-clock; CPU is shown beside it)."""
    return [r["measure"] for r in rows if r["pass"] is False]


if __name__ == "__main__":
    sys.exit(main())
