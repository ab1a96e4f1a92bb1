"""The SCORM 1.2 package in a browser: inside a fake LMS (a page whose ``window.API``
records every call) the adapter initialises, reports score and status as the learner passes
checks, and finishes when the learner leaves; outside an LMS the package is the plain site.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

from course_builder.export.scorm import LAUNCH, MANIFEST, export_scorm

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

# A stand-in LMS: SCORM 1.2's API object on the window that frames the package.
FAKE_LMS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake LMS</title>
<script>
window.calls = [];
function record(name, answer) {
  return function () { calls.push([name].concat([].slice.call(arguments))); return answer; };
}
window.API = {
  LMSInitialize: record("LMSInitialize", "true"), LMSFinish: record("LMSFinish", "true"),
  LMSGetValue: record("LMSGetValue", ""), LMSSetValue: record("LMSSetValue", "true"),
  LMSCommit: record("LMSCommit", "true"), LMSGetLastError: function () { return "0"; },
  LMSGetErrorString: function () { return ""; }, LMSGetDiagnostic: function () { return ""; }
};
</script></head><body><main><h1>Fake LMS</h1>
<iframe id="sco" title="Course" src="pkg/scorm.html" width="1200" height="800"></iframe>
</main></body></html>
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini course exported (its file-URL site built by the export) and unpacked."""
    work = tmp_path_factory.mktemp("scorm")
    root = work / "course"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copy(FIXTURES / "journey" / "course.yml", root / "course.yml")  # both modules core
    for name in ("mkdocs.yml", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    out = export_scorm(root, None, work / "mini-scorm.zip")
    lms = work / "lms"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(lms / "pkg")
    (lms / "lms.html").write_text(FAKE_LMS, encoding="utf-8")
    return lms


def site_frame(page: Page) -> Frame:
    """The course's own page, two frames down (LMS > launch page > site)."""
    expect(page.frame_locator("#sco").frame_locator("#cb-scorm-frame").locator("h1").first
           ).to_be_visible()
    return next(f for f in page.frames if f.url.endswith("/pkg/index.html"))


def calls(page: Page) -> list[list[str]]:
    return json.loads(page.evaluate("JSON.stringify(calls)"))


def pass_quiz(frame: Frame, quiz_id: str) -> None:
    """Answer one check rightly in the site frame and press Check."""
    root = frame.locator(f'.cb-quiz[data-quiz="{quiz_id}"]')
    for q in root.locator("fieldset.cb-q").all():
        kind, key = q.get_attribute("data-type"), (q.get_attribute("data-key") or "").split()
        if kind == "multiple":
            for value in key:
                q.locator(f'input[value="{value}"]').check()
        elif kind in ("single", "best-response", "true-false"):
            q.locator(f'input[value="{key[0]}"]').check()
        else:
            pytest.skip(f"the mini course's checks changed: {kind} questions not handled here")
    root.locator('button[data-act="check"]').click()


def test_package_has_a_manifest_and_a_launch_page(package: Path) -> None:
    assert (package / "pkg" / MANIFEST).is_file()
    assert (package / "pkg" / LAUNCH).is_file()
    assert (package / "pkg" / "modules" / "words.html").is_file(), "file URLs, not folders"


def test_adapter_reports_score_and_completion_to_the_lms(page: Page, package: Path,
                                                        serve_dir) -> None:  # type: ignore[no-untyped-def]
    base = serve_dir(package)
    page.goto(base + "lms.html")
    frame = site_frame(page)
    assert calls(page)[0] == ["LMSInitialize", ""]
    expect_call = ["LMSSetValue", "cmi.core.lesson_status", "incomplete"]
    assert expect_call in calls(page)

    frame.goto(base + "pkg/modules/listening.html")
    pass_quiz(frame, "listening")
    page.wait_for_function("calls.some(c => c[1] === 'cmi.core.score.raw')")
    # One of two core checks taken: the score is the mean of the checks taken so far.
    assert ["LMSSetValue", "cmi.core.score.raw", "100"] in calls(page)
    assert calls(page)[-1] == ["LMSCommit", ""]
    assert ["LMSSetValue", "cmi.core.lesson_status", "completed"] not in calls(page)

    frame.goto(base + "pkg/modules/words.html")
    pass_quiz(frame, "words")
    page.wait_for_function("calls.some(c => c[2] === 'completed')")
    done = calls(page).index(["LMSSetValue", "cmi.core.lesson_status", "completed"])
    assert ["LMSSetValue", "cmi.core.score.min", "0"] in calls(page)
    assert ["LMSSetValue", "cmi.core.score.max", "100"] in calls(page)
    after = [c for c in calls(page)[done + 1:] if c[1:2] != ["cmi.suspend_data"]]
    assert after[0] == ["LMSCommit", ""]  # the progress itself may be saved in between
    assert not any(c[0] == "LMSFinish" for c in calls(page))

    page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the learner leaves
    page.wait_for_function("calls.some(c => c[0] === 'LMSFinish')")
    made = calls(page)
    assert made[-1] == ["LMSFinish", ""]
    assert ["LMSSetValue", "cmi.core.exit", ""] in made
    assert any(c[:2] == ["LMSSetValue", "cmi.core.session_time"] for c in made)
    assert [c[0] for c in made].count("LMSInitialize") == 1
    assert [c[0] for c in made].count("LMSFinish") == 1


def test_unfinished_course_is_suspended_not_completed(page: Page, package: Path,
                                                      serve_dir) -> None:  # type: ignore[no-untyped-def]
    base = serve_dir(package)
    page.goto(base + "lms.html")
    frame = site_frame(page)
    frame.goto(base + "pkg/modules/listening.html")
    root = frame.locator('.cb-quiz[data-quiz="listening"]')
    root.locator('button[data-act="check"]').click()       # nothing answered: 0%
    page.wait_for_function("calls.some(c => c[1] === 'cmi.core.score.raw')")
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("calls.some(c => c[0] === 'LMSFinish')")
    made = calls(page)
    assert ["LMSSetValue", "cmi.core.score.raw", "0"] in made
    assert ["LMSSetValue", "cmi.core.exit", "suspend"] in made
    assert ["LMSSetValue", "cmi.core.lesson_status", "completed"] not in made


def test_without_an_lms_the_package_is_the_normal_site(page: Page, package: Path,
                                                       serve_dir) -> None:  # type: ignore[no-untyped-def]
    base = serve_dir(package)
    page.goto(base + "pkg/" + LAUNCH)
    expect(page).to_have_url(base + "pkg/index.html")
    expect(page.locator("article h1")).to_have_text("Welcome")
    page.goto(base + "pkg/modules/listening.html")
    pass_quiz(page.main_frame, "listening")
    expect(page.locator(".md-nav--primary a.cb-done")).to_have_count(1)


def lms_with(saved: str) -> str:
    """The fake LMS of a returning learner: cmi.suspend_data holds ``saved``."""
    return FAKE_LMS.replace('LMSGetValue: record("LMSGetValue", ""),',
                            "LMSGetValue: function (k) { calls.push(['LMSGetValue', k]); "
                            f"return k === 'cmi.suspend_data' ? {json.dumps(saved)} : ''; }},")


def suspend_data(page: Page) -> str:
    sets = [c[2] for c in calls(page) if c[:2] == ["LMSSetValue", "cmi.suspend_data"]]
    assert sets, "the adapter never wrote cmi.suspend_data"
    return sets[-1]


def test_progress_travels_in_suspend_data_to_another_device(
        page: Page, package: Path, serve_dir, browser) -> None:  # type: ignore[no-untyped-def]
    base = serve_dir(package)
    page.goto(base + "lms.html")
    frame = site_frame(page)
    frame.goto(base + "pkg/modules/listening.html")
    pass_quiz(frame, "listening")
    page.wait_for_function("calls.some(c => c[0] === 'LMSSetValue' && c[1] === 'cmi.suspend_data'"
                           " && c[2].includes('listening'))")
    saved = suspend_data(page)
    data = json.loads(saved)
    assert data["v"] == 1 and data["q"]["listening"] and "listening" in data["t"]
    assert len(saved) <= 4096

    # Another device: a browser with nothing saved, the same LMS record.
    (package / "lms-resume.html").write_text(lms_with(saved), encoding="utf-8")
    other = browser.new_context()
    try:
        again = other.new_page()
        again.goto(base + "lms-resume.html")
        frame = site_frame(again)
        assert ["LMSGetValue", "cmi.suspend_data"] in calls(again)
        expect(frame.locator(".md-nav--primary a.cb-done")).to_have_count(1)
        again.wait_for_function("calls.some(c => c[1] === 'cmi.core.score.raw')")
        assert ["LMSSetValue", "cmi.core.score.raw", "100"] in calls(again)
        assert ["LMSSetValue", "cmi.core.lesson_status", "completed"] not in calls(again)
    finally:
        other.close()


@pytest.mark.parametrize("saved", [
    "{not json", "[]", '{"v": 2, "q": {"listening": ["a"]}}',
    '{"v": 1, "q": {"no-such-check": ["x"], "Bad Id": ["x"], "listening": "x"}, "s": [], "t": 5}',
])
def test_a_bad_suspend_data_is_ignored(page: Page, package: Path, serve_dir,  # type: ignore[no-untyped-def]
                                       saved: str) -> None:
    base = serve_dir(package)
    name = f"lms-bad-{abs(hash(saved))}.html"
    (package / name).write_text(lms_with(saved), encoding="utf-8")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + name)
    frame = site_frame(page)
    expect(frame.locator(".md-nav--primary a.cb-done")).to_have_count(0)
    page.wait_for_function("calls.some(c => c[1] === 'cmi.core.lesson_status')")
    assert ["LMSSetValue", "cmi.core.lesson_status", "incomplete"] in calls(page)
    assert errors == []
