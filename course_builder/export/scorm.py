"""``course-builder export scorm``: the course as a SCORM 1.2 package for an LMS.

The package is the built site plus three files: ``imsmanifest.xml`` (one SCO), a launch page
``scorm.html`` that keeps the LMS session open while the learner moves between pages in a
frame, and the adapter ``assets/scorm-adapter.js`` (from assets/journey-scorm.js) that
reports score and completion through the LMS's SCORM API, and keeps the learner's progress
in ``cmi.suspend_data`` to restore it on another device. Opened outside an LMS, the launch
page goes straight to the ordinary site.

Use a site built without directory URLs (``journey.offline.build_offline_site``, the
default when ``site`` is None): LMSs serve package files as they are and seldom turn
``modules/x/`` into ``modules/x/index.html``.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

from course_builder.journey.offline import zip_folder

MANIFEST = "imsmanifest.xml"
LAUNCH = "scorm.html"
ADAPTER = "assets/scorm-adapter.js"
CORE_BUNDLE = "assets/course.js"
NS = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "course"


def launch_page(title: str) -> str:
    """The SCO's launch page: the core bundle (CB.journey), a frame, the adapter."""
    t = html.escape(title)
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        f"<title>{t}</title><style>html,body{{margin:0;height:100%;overflow:hidden}}"
        "iframe{border:0;width:100%;height:100%;display:block}</style>"
        f"<script src=\"{CORE_BUNDLE}\"></script></head>\n<body>"
        f"<iframe id=\"cb-scorm-frame\" title=\"{t}\"></iframe>"
        f"<script src=\"{ADAPTER}\"></script></body></html>\n")


def manifest(identifier: str, title: str, files: list[str]) -> str:
    """An IMS content package manifest for one SCORM 1.2 SCO launched at ``scorm.html``."""
    ET.register_namespace("", NS[""])
    ET.register_namespace("adlcp", NS["adlcp"])
    cp, adl = "{" + NS[""] + "}", "{" + NS["adlcp"] + "}"
    root = ET.Element(cp + "manifest", {"identifier": identifier, "version": "1.0"})
    meta = ET.SubElement(root, cp + "metadata")
    ET.SubElement(meta, cp + "schema").text = "ADL SCORM"
    ET.SubElement(meta, cp + "schemaversion").text = "1.2"
    orgs = ET.SubElement(root, cp + "organizations", {"default": "ORG-1"})
    org = ET.SubElement(orgs, cp + "organization", {"identifier": "ORG-1"})
    ET.SubElement(org, cp + "title").text = title
    item = ET.SubElement(org, cp + "item", {"identifier": "ITEM-1", "identifierref": "RES-1",
                                            "isvisible": "true"})
    ET.SubElement(item, cp + "title").text = title
    resources_el = ET.SubElement(root, cp + "resources")
    res = ET.SubElement(resources_el, cp + "resource", {
        "identifier": "RES-1", "type": "webcontent", adl + "scormtype": "sco", "href": LAUNCH})
    for name in files:
        ET.SubElement(res, cp + "file", {"href": name})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def export_scorm(root: Path, site: Path | None, out_zip: Path) -> Path:
    """Write the SCORM 1.2 zip of the course at ``root`` to ``out_zip`` and return it.

    ``site`` is a built site to package (left unchanged); None builds a file-URL site first
    (raises course_builder.build.BuildFailed when the content or MkDocs fails).
    """
    from course_builder.project import load_course

    course, _ = load_course(root)
    title = f"{course.title.en} / {course.title.es}" if course.title.es else course.title.en
    with tempfile.TemporaryDirectory(prefix="cb-scorm-") as tmp:
        if site is None:
            from course_builder.journey.offline import build_offline_site
            site = build_offline_site(root, Path(tmp) / "site")
        adapter = (resources.files("course_builder") / "assets" / "journey-scorm.js").read_text(
            encoding="utf-8")
        added = {LAUNCH: launch_page(course.title.en), ADAPTER: adapter}
        files = sorted({p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
                       | set(added))
        added[MANIFEST] = manifest(f"course-builder-{_slug(course.title.en)}", title, files)
        staged = Path(tmp) / "package"
        shutil.copytree(site, staged)
        for name, text in added.items():
            (staged / name).parent.mkdir(parents=True, exist_ok=True)
            (staged / name).write_text(text, encoding="utf-8")
        return zip_folder(staged, out_zip, "")


def export(root: Path, out_dir: Path, langs: tuple[str, ...]) -> list[Path]:
    """``course-builder export scorm``: one package holding both languages."""
    from course_builder.build import BuildFailed
    from course_builder.export import ExportError
    try:
        return [export_scorm(root, None, out_dir / "course-scorm.zip")]
    except BuildFailed as exc:
        raise ExportError(f"the course does not build: {exc}") from None
