/* The learner's journey on every page (core bundle). CB.map, written ahead of the scripts by
   the build (journey/coursemap.py), lists each module's checks with their question ids and
   its scenarios. This script gives one definition of "finished" (CB.journey, also used by the
   progress and certificate pages and the SCORM adapter), marks finished modules in the
   navigation, records module visits, and fills the home page's "continue" hook. It reads
   quiz and scenario progress and never writes it. Also: small accessibility fixes to the
   theme's markup (search dialog name, duplicate landmark names, scrollable tables). */
(function (w, d) {
  "use strict";
  var CB = w.CB, M = CB && CB.map;
  if (!CB || !CB.store || !M || CB.journey) return;
  var W = M.w[CB.lang] || M.w.en, RE = /\/modules\/([a-z0-9-]+)(?:\/(?:index\.html)?|\.html)$/;
  function mod(id) { return M.m.filter(function (x) { return x.i === id; })[0] || null; }
  function idOf(url) {
    try { var m = RE.exec(new URL(url, location.href).pathname); return m && mod(m[1]) ? m[1] : null; } catch (e) { return null; }
  }
  /* A check against today's questions: removed questions are ignored, new ones unanswered. */
  function score(s, spec) {
    var r = s && s.results, n = 0, m = spec[1].length;
    r = r && typeof r === "object" ? r : null;
    spec[1].forEach(function (q) { if (r && r[q] === true) n++; });
    var p = m ? Math.round(100 * n / m) : 100;
    return { taken: !!r, p: p, ok: !!r && p >= spec[0] };
  }
  function quiz(id, spec) { var r = score(CB.store.get("quiz", id), spec); r.id = id; return r; }
  function status(x) {
    var q = Object.keys(x.q).map(function (k) { return quiz(k, x.q[k]); }),
      s = x.s.filter(function (k) { var v = CB.store.get("scenario", k); return !!(v && v.completed === true); }).length,
      seen = !!CB.store.get("visit", x.i), qok = q.filter(function (r) { return r.ok; }).length,
      checks = qok === q.length && (q.length > 0 || seen);
    return { m: x, q: q, qok: qok, s: s, checks: checks, done: checks && s === x.s.length,
      started: seen || s > 0 || q.some(function (r) { return r.taken; }) };
  }
  /* Links to module pages in the main navigation (not the table-of-contents anchors in it). */
  function navLinks() { return [].filter.call(d.querySelectorAll(".md-nav--primary a.md-nav__link[href]"), function (a) { return !a.hash; }); }
  function link(id) { return navLinks().filter(function (a) { return idOf(a.href) === id; })[0] || null; }
  function title(a) { var t = a.querySelector(".md-ellipsis") || a; return t.textContent.trim(); }
  function last() {
    var v = CB.store.all("visit"), best = null;
    Object.keys(v).forEach(function (k) { if (mod(k) && (!best || (+v[k].t || 0) > (+v[best].t || 0))) best = k; });
    return best;
  }
  function marks() {
    navLinks().forEach(function (a) {
      var id = idOf(a.href), old = a.querySelector(".cb-mark"), done = !!id && status(mod(id)).done;
      if (old) a.removeChild(old);
      a.classList.toggle("cb-done", done);
      if (!done) return;
      var s = d.createElement("span");
      s.className = "cb-mark";
      s.innerHTML = '<span aria-hidden="true">✓</span><span class="cb-sr-only"> (' + W.done + ")</span>";
      a.appendChild(s);
    });
  }
  function cont(el) {
    var id = last(), a = id && link(id);
    el.textContent = "";
    if (!a) return;
    var p = d.createElement("p"), l = d.createElement("a");
    p.className = "cb-continue";
    l.href = a.href;
    l.textContent = W.cont + " " + title(a);
    p.appendChild(l);
    el.appendChild(p);
  }
  function refresh() { marks(); d.querySelectorAll("[data-cb-continue]").forEach(cont); }
  function fixTheme() {
    var s = d.querySelector(".md-search[role=dialog]"), i = d.querySelector(".md-search__input"), seen = {};
    if (s && i && !s.getAttribute("aria-label")) s.setAttribute("aria-label", i.getAttribute("aria-label") || i.placeholder || "Search");
    d.querySelectorAll(".md-nav--primary nav[aria-labelledby]").forEach(function (n) {
      var l = d.getElementById(n.getAttribute("aria-labelledby"));
      if (l) seen[l.textContent.trim()] = 1;
    });
    d.querySelectorAll(".md-nav--secondary nav[aria-label]").forEach(function (n) {
      var t = n.getAttribute("aria-label"), toc = n.closest(".md-nav--secondary").getAttribute("aria-label");
      if (seen[t]) n.setAttribute("aria-label", toc + ": " + t);
    });
    d.querySelectorAll(".md-typeset__scrollwrap").forEach(function (e) {
      if (e.scrollWidth > e.clientWidth && !e.hasAttribute("tabindex")) e.tabIndex = 0;
    });
  }

  CB.journey = { map: M, mod: mod, score: score, quiz: quiz, status: status, link: link, title: title, last: last, refresh: refresh,
    /* The certificate's rule: every core module's knowledge checks passed. */
    eligible: function () { return M.m.filter(function (x) { return x.c; }).every(function (x) { return status(x).checks; }); } };
  CB.each("body", function () {
    var here = idOf(location.href);
    if (here) CB.store.set("visit", here, { t: Date.now() });
    fixTheme();
    refresh();
  });
  d.addEventListener("cb:progress", refresh);
  w.addEventListener("storage", refresh);
})(window, document);
