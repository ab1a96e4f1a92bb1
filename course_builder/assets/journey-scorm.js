/* SCORM 1.2 adapter for the LMS package's launch page (scorm.html, written by
   course_builder/export/scorm.py). The launch page holds the one LMS session and shows the
   ordinary site in a full-size frame, so moving between pages never ends the session.
   It reads the learner's progress with CB.journey (the core bundle, loaded before this
   file) and reports it: cmi.core.score.raw is the mean of the core modules' check scores,
   cmi.core.lesson_status is "completed" once every core module's checks are passed (the
   certificate's rule), else "incomplete". Without an LMS API it just opens the site. */
(function (w, d) {
  "use strict";
  function find(win) {
    for (var i = 0; win && i < 10; i++) {
      try { if (win.API && typeof win.API.LMSInitialize === "function") return win.API; } catch (e) { return null; }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var lang = (navigator.language || "en").slice(0, 2) === "es" ? "es/" : "",
    home = lang + "index.html", frame = d.getElementById("cb-scorm-frame"),
    api = (w.parent !== w && find(w.parent)) || (w.opener && find(w.opener)) || null;
  if (!api || !frame) { location.replace(home); return; }
  var J = w.CB && w.CB.journey, began = Date.now(), open = String(api.LMSInitialize("")) === "true", sent = "";
  function set(k, v) { api.LMSSetValue(k, String(v)); }
  function state() {
    var scores = [];
    if (!J) return null;
    J.map.m.forEach(function (x) {
      if (x.c) J.status(x).q.forEach(function (r) { if (r.taken) scores.push(r.p); });
    });
    return { raw: scores.length ? Math.round(scores.reduce(function (a, b) { return a + b; }, 0) / scores.length) : null,
      done: J.eligible() };
  }
  function report() {
    var s = state(), key = s && s.raw + ":" + s.done;
    if (!open || !s || key === sent) return;
    sent = key;
    if (s.raw !== null) { set("cmi.core.score.min", 0); set("cmi.core.score.max", 100); set("cmi.core.score.raw", s.raw); }
    set("cmi.core.lesson_status", s.done ? "completed" : "incomplete");
    api.LMSCommit("");
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function finish() {
    if (!open) return;
    report();
    var t = Math.round((Date.now() - began) / 1000), s = state();
    set("cmi.core.session_time", pad(Math.floor(t / 3600)) + ":" + pad(Math.floor(t / 60) % 60) + ":" + pad(t % 60));
    set("cmi.core.exit", s && s.done ? "" : "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
    open = false;
  }
  frame.addEventListener("load", function () {
    try { frame.contentDocument.addEventListener("cb:progress", report); } catch (e) { /* another origin */ }
    report();
  });
  w.addEventListener("storage", report);
  w.addEventListener("pagehide", finish);
  w.addEventListener("beforeunload", finish);
  frame.src = home;
  report();
})(window, document);
