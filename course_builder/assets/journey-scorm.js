/* SCORM 1.2 adapter for the LMS package's launch page (scorm.html, written by
   course_builder/export/scorm.py). The launch page holds the one LMS session and shows the
   ordinary site in a full-size frame, so moving between pages never ends the session.
   It reads the learner's progress with CB.journey (the core bundle, loaded before this
   file) and reports it: cmi.core.score.raw is the mean of the core modules' check scores,
   cmi.core.lesson_status is "completed" once every core module's checks are passed (the
   certificate's rule), else "incomplete". The progress itself travels in cmi.suspend_data
   (SCORM 1.2 keeps up to 4096 characters): each check's passed question ids, each finished
   scenario's path, and module visits; on launch it is merged into this browser's progress,
   keeping the better of the two, so a learner can resume on another device. Without an LMS
   API it just opens the site. */
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
  var J = w.CB && w.CB.journey, S = w.CB && w.CB.store, began = Date.now(),
    open = String(api.LMSInitialize("")) === "true", sent = "", ID = /^[a-z0-9][a-z0-9-]*$/, MAX = 4096;
  function set(k, v) { api.LMSSetValue(k, String(v)); }
  function obj(o) { return !!o && typeof o === "object" && !Array.isArray(o); }
  function spec(id) {
    for (var i = 0; J && i < J.map.m.length; i++) if (J.map.m[i].q[id]) return J.map.m[i].q[id];
    return null;
  }
  /* This browser's progress, small enough for cmi.suspend_data ("" if it cannot be). */
  function pack() {
    var q = {}, s = {}, t = {};
    J.map.m.forEach(function (x) {
      Object.keys(x.q).forEach(function (id) {
        var o = S.get("quiz", id), r = o && o.results;
        if (obj(r)) q[id] = Object.keys(r).filter(function (k) { return r[k] === true; });
      });
      x.s.forEach(function (id) {
        var o = S.get("scenario", id);
        if (o && o.completed === true) s[id] = Array.isArray(o.path) && o.path.length < 100 ? [o.ending, o.path] : [];
      });
      var v = S.get("visit", x.i);
      if (v) t[x.i] = +v.t || 0;
    });
    var out = JSON.stringify({ v: 1, q: q, s: s, t: t });
    if (out.length > MAX) out = JSON.stringify({ v: 1, q: q, s: s });  /* visits matter least */
    return out.length > MAX ? "" : out;
  }
  /* The LMS's copy into this browser, keeping whichever result is better. */
  function unpack(text) {
    var o = null;
    try { o = JSON.parse(text); } catch (e) { o = null; }
    if (!obj(o) || o.v !== 1) return;
    if (obj(o.q)) Object.keys(o.q).forEach(function (id) {
      var ids = o.q[id], sp = spec(id), results = {}, mine = S.get("quiz", id);
      if (!ID.test(id) || !Array.isArray(ids) || !sp) return;
      sp[1].forEach(function (k) { results[k] = ids.indexOf(k) >= 0; });
      if (!mine || !obj(mine.results) || J.score({ results: results }, sp).p > J.score(mine, sp).p) S.set("quiz", id, { results: results });
    });
    if (obj(o.s)) Object.keys(o.s).forEach(function (id) {
      var v = o.s[id], mine = S.get("scenario", id);
      if (!ID.test(id) || !Array.isArray(v) || (mine && mine.completed === true)) return;
      S.set("scenario", id, v.length === 2 && Array.isArray(v[1]) ? { completed: true, ending: v[0], path: v[1] } : { completed: true });
    });
    if (obj(o.t)) Object.keys(o.t).forEach(function (id) {
      var mine = S.get("visit", id), t = +o.t[id] || 0;
      if (ID.test(id) && (!mine || (+mine.t || 0) < t)) S.set("visit", id, { t: t });
    });
  }
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
    var s = state(), data = s ? pack() : "", key = s && s.raw + ":" + s.done + ":" + data;
    if (!open || !s || key === sent) return;
    sent = key;
    if (s.raw !== null) { set("cmi.core.score.min", 0); set("cmi.core.score.max", 100); set("cmi.core.score.raw", s.raw); }
    set("cmi.core.lesson_status", s.done ? "completed" : "incomplete");
    if (data) set("cmi.suspend_data", data);
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
  if (open && J && S) {
    try { unpack(String(api.LMSGetValue("cmi.suspend_data") || "")); } catch (e) { /* a bad copy is ignored */ }
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
