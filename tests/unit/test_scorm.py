"""The SCORM 1.2 package: a valid manifest listing every file, the launch page and adapter.

The adapter's conversation with an LMS is tested in a browser against a fake SCORM API
(tests/browser/test_journey_scorm.py); here the package's structure is checked.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from course_builder.export.scorm import ADAPTER, LAUNCH, MANIFEST, export_scorm, manifest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


@pytest.fixture
def fake_site(tmp_path: Path) -> Path:
    """Just enough of a built site to package: the export copies whatever it is given."""
    site = tmp_path / "site"
    for rel, text in {"index.html": "<h1>Home</h1>", "es/index.html": "<h1>Inicio</h1>",
                      "modules/words.html": "<h1>Words</h1>", "assets/course.js": "//",
                      "search/search_index.json": "{}"}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


def validate_manifest(xml: str, names: set[str]) -> ET.Element:
    """The rules an LMS import relies on, for one SCO packaged per IMS CP 1.1.2 / SCORM 1.2."""
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == CP + "manifest" and root.get("identifier")
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    orgs = root.find(CP + "organizations")
    assert orgs is not None
    org_ids = {o.get("identifier") for o in orgs.findall(CP + "organization")}
    assert orgs.get("default") in org_ids
    resources = {r.get("identifier"): r for r in root.iter(CP + "resource")}
    items = list(root.iter(CP + "item"))
    assert items and all(i.get("identifierref") in resources for i in items)
    assert all(i.findtext(CP + "title") for i in items)
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids)), "identifiers must be unique"
    for res in resources.values():
        assert res.get("type") == "webcontent"
        assert res.get(ADLCP + "scormtype") == "sco"
        assert res.get("href") in names
        listed = [f.get("href") for f in res.findall(CP + "file")]
        assert res.get("href") in listed
        assert set(listed) <= names, f"listed but missing: {set(listed) - names}"
    return root


def test_manifest_is_valid_scorm_12() -> None:
    xml = manifest("course-x", "Mini course / Minicurso", ["index.html", LAUNCH, ADAPTER])
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = validate_manifest(xml, {"index.html", LAUNCH, ADAPTER})
    assert root.find(f".//{CP}organization/{CP}title").text == "Mini course / Minicurso"


def test_manifest_escapes_titles() -> None:
    xml = manifest("c", 'Q&A <"draft">', [LAUNCH])
    assert "Q&amp;A &lt;\"draft\"&gt;" in xml
    validate_manifest(xml, {LAUNCH})


def test_package_holds_the_site_the_launch_page_and_a_manifest_of_everything(
        fake_site: Path, tmp_path: Path) -> None:
    out = export_scorm(MINI, fake_site, tmp_path / "out" / "mini-scorm.zip")
    assert out == tmp_path / "out" / "mini-scorm.zip"
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert MANIFEST in names, "imsmanifest.xml must sit at the root of the zip"
        site_files = {p.relative_to(fake_site).as_posix() for p in fake_site.rglob("*")
                      if p.is_file()}
        assert site_files | {LAUNCH, ADAPTER, MANIFEST} == names
        root = validate_manifest(zf.read(MANIFEST).decode("utf-8"), names)
        listed = {f.get("href") for f in root.iter(CP + "file")}
        assert listed == names - {MANIFEST}
        assert "Mini course / Minicurso" in zf.read(MANIFEST).decode("utf-8")
        launch = zf.read(LAUNCH).decode("utf-8")
        adapter = zf.read(ADAPTER).decode("utf-8")
    assert '<script src="assets/course.js"></script>' in launch
    assert f'<script src="{ADAPTER}"></script>' in launch
    assert 'id="cb-scorm-frame"' in launch and "<title>Mini course</title>" in launch
    for call in ("LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish",
                 "cmi.core.lesson_status", "cmi.core.score.raw"):
        assert call in adapter
    assert (fake_site / "index.html").read_text(encoding="utf-8") == "<h1>Home</h1>"
    assert not (fake_site / LAUNCH).exists(), "the given site is left unchanged"


def test_package_is_rewritten_cleanly(fake_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "pkg.zip"
    export_scorm(MINI, fake_site, out)
    (fake_site / "modules" / "words.html").unlink()
    export_scorm(MINI, fake_site, out)
    with zipfile.ZipFile(out) as zf:
        assert "modules/words.html" not in zf.namelist()
        assert "modules/words.html" not in zf.read(MANIFEST).decode("utf-8")
    assert not list(tmp_path.glob("*.part"))


def test_the_courses_progress_fits_in_suspend_data() -> None:
    """SCORM 1.2 keeps 4096 characters of cmi.suspend_data. journey-scorm.js packs every
    passed question id, each finished scenario's path and each module visit; with every
    question passed, long paths and 13-digit timestamps the course must still fit, with
    room to grow (beyond it the adapter drops the visits, then saves nothing)."""
    import json

    from course_builder.journey.coursemap import course_map
    from course_builder.pipeline import load_and_check
    course, _ = load_and_check(ROOT)
    cmap = course_map(course)
    worst = {"v": 1,
             "q": {qid: spec[1] for m in cmap["m"] for qid, spec in m["q"].items()},
             "s": {sid: ["an-ending-id", list(range(12))] for m in cmap["m"] for sid in m["s"]},
             "t": {m["i"]: 1795372812294 for m in cmap["m"]}}
    size = len(json.dumps(worst, separators=(",", ":")))
    assert worst["q"] and worst["s"]
    assert size <= 3000, f"{size} characters of 4096"
