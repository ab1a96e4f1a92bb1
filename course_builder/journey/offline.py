"""The offline copy: the whole course in both languages, zipped, to open from disk.

A second MkDocs build with Material's offline plugin (no directory URLs, the search index
inlined as a script because browsers refuse ``fetch`` and Web Workers on ``file://``) and a
vendored iframe-worker shim instead of the plugin's default ``https://unpkg.com`` link.

The plugin is added *after* static-i18n (its post-build runs after i18n has merged both
languages' search entries); our course plugin then splits the index per language, so the
inlined ``search_index.js`` of each language is written again here from its split JSON.
The same file-URL site suits an LMS package (export/scorm.py), which needs no server
features either.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from course_builder.build import BuildFailed, Progress, run_mkdocs

SHIM_SOURCE = "vendor/iframe-worker/shim.js"          # in course_builder/assets/
SHIM_SITE = "assets/vendor/iframe-worker/shim.js"      # in the built site
SEARCH_INDEX = Path("search/search_index.json")
README = """Offline copy of the course / Copia del curso sin conexión

EN: Open index.html in your web browser (double-click it). Everything works without
internet, including search in English and Spanish. Your progress is saved in this browser,
apart from the online site's.

ES: Abre index.html en tu navegador (haz doble clic). Todo funciona sin internet, incluida
la búsqueda en inglés y en español. Tu progreso se guarda en este navegador, aparte del
progreso del sitio en línea.
"""


def _run_mkdocs_offline(root: Path, site_dir: Path, course: object) -> None:
    """The usual strict build, plus Material's offline plugin and the vendored shim."""
    from material.plugins.offline.plugin import OfflinePlugin

    def add_offline(config: Any) -> None:
        if "material/offline" not in config.plugins:
            offline = OfflinePlugin()
            offline.load_config({})
            # Added last, so its post-build (priority -100, like i18n's) runs after i18n's.
            config.plugins["material/offline"] = offline
        config.extra["polyfills"] = [SHIM_SITE]

    run_mkdocs(root, site_dir, course, Progress(io.StringIO()), adjust=add_offline)


def _inline_search(site: Path) -> None:
    """One ``search_index.js`` per language, from the per-language JSON index."""
    for index in site.rglob(SEARCH_INDEX.name):
        if index.parent.name == "search":
            data = index.read_text(encoding="utf-8")
            index.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")


def build_offline_site(root: Path, out_dir: Path) -> Path:
    """Check the course and build the file-URL site into ``out_dir``; BuildFailed on errors."""
    from course_builder.pipeline import STAGING, load_and_check, prepare_site

    course, issues = load_and_check(root)
    errors = [i for i in issues if i.is_error]
    if errors:
        raise BuildFailed(f"{len(errors)} content error(s); run `course-builder check`")
    prepare_site(course, root / STAGING)
    _run_mkdocs_offline(root, out_dir, course)
    shim = resources.files("course_builder") / "assets" / SHIM_SOURCE
    (out_dir / SHIM_SITE).parent.mkdir(parents=True, exist_ok=True)
    (out_dir / SHIM_SITE).write_bytes(shim.read_bytes())
    _inline_search(out_dir)
    return out_dir


def zip_folder(folder: Path, out_zip: Path, top: str, extra: dict[str, str] | None = None
               ) -> Path:
    """Zip ``folder`` under the folder name ``top`` (files in a stable order)."""
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_zip.with_name(out_zip.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in (extra or {}).items():
            zf.writestr(f"{top}/{name}" if top else name, text)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            zf.write(path, f"{top}/{rel}" if top else rel)
    tmp.replace(out_zip)
    return out_zip


def build_offline(root: Path, out_zip: Path, include: dict[str, Path] | None = None) -> Path:
    """Build the offline copy of the course at ``root`` and zip it to ``out_zip``.

    The zip holds one folder (named like the zip) with ``index.html`` and a README in both
    languages. ``include`` copies built folders in (``{"pdf": site/pdf}``: the printable
    guides the pages link to). Raises BuildFailed (from course_builder.build) when content or
    MkDocs fails.
    """
    with tempfile.TemporaryDirectory(prefix="cb-offline-") as tmp:
        site = build_offline_site(root, Path(tmp) / "site")
        for name, folder in (include or {}).items():
            if folder.is_dir():
                shutil.copytree(folder, site / name, dirs_exist_ok=True)
        zip_folder(site, out_zip, out_zip.stem, {"README.txt": README})
    return out_zip


def offline_stage(root: Path) -> tuple[str, Callable[[Path], None]]:
    """A build stage (course_builder.build.build_site ``extra_stages``) that adds the offline
    zip to the new site, with the site's printable PDFs inside it."""
    from course_builder.journey.pages import OFFLINE_ZIP

    def stage(out: Path) -> None:
        build_offline(root, out / OFFLINE_ZIP, include={"pdf": out / "pdf"})

    return "building the offline copy (a zip that opens from disk)", stage


def search_languages(site: Path) -> dict[str, int]:
    """Entries per language in an offline site's inlined indexes (for tests and reports)."""
    counts: dict[str, int] = {}
    for js in site.rglob("search_index.js"):
        data = json.loads(js.read_text(encoding="utf-8").split("=", 1)[1])
        lang = (data.get("config", {}).get("lang") or ["en"])[0]
        counts[lang] = len(data.get("docs", []))
    return counts


__all__ = ["BuildFailed", "build_offline", "build_offline_site", "search_languages",
           "zip_folder"]
