/* Knowledge checks: check, score, feedback and saved progress for .cb-quiz widgets.
   The HTML (render/quiz.py) carries the questions, right answers (data-key), feedback and
   every interface word (data-i18n), so this script has no language tables. Progress is saved
   with CB.store under the quiz id and question ids, never the language:
   {answers: {questionId: answer}, results: {questionId: bool}, score, passed, best}. */
(function () {
  "use strict";
  var CB = window.CB;
  if (!CB || !CB.store) return;
  function all(el, sel) { return Array.prototype.slice.call(el.querySelectorAll(sel)); }
  function fill(s, o) { return String(s || "").replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function isObj(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function strs(v) { return Array.isArray(v) && v.every(function (x) { return typeof x === "string"; }); }
  function pct(v) { return typeof v === "number" && v >= 0 && v <= 100 ? Math.round(v) : null; }

  function setup(root) {
    var id = root.getAttribute("data-quiz"), pass = +root.getAttribute("data-pass") || 0, t = {};
    try { t = JSON.parse(root.getAttribute("data-i18n")) || {}; } catch (e) { t = {}; }
    var status = root.querySelector(".cb-quiz-status"), qs = all(root, ".cb-q");
    all(root, ".cb-js").forEach(function (e) { e.hidden = false; });
    qs.forEach(function (f) {
      var key = f.querySelector(".cb-q-key"), out = document.createElement("div");
      out.className = "cb-q-out"; out.hidden = true;
      f.insertBefore(out, key); if (key) key.hidden = true;
      var ol = f.querySelector(".cb-ord"); if (ol) f.cbStart = ids(ol);
    });

    function type(f) { return f.getAttribute("data-type"); }
    function ids(ol) { return all(ol, "li").map(function (li) { return li.getAttribute("data-i"); }); }
    function inputs(f) { return all(f, "input"); }
    /* The learner's answer, as stored: a string, a list of ids, or {pairId: pairId}. */
    function get(f) {
      var ty = type(f);
      if (ty === "ordering") return ids(f.querySelector(".cb-ord"));
      if (ty === "matching") {
        var m = {};
        all(f, "select").forEach(function (s) { if (s.value) m[s.getAttribute("data-p")] = s.value; });
        return m;
      }
      var on = inputs(f).filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      return ty === "multiple" ? on : (on[0] || null);
    }
    /* Put a stored answer back; anything malformed or out of date is ignored. */
    function set(f, v) {
      var ty = type(f), ok = false;
      if (ty === "ordering") {
        var ol = f.querySelector(".cb-ord"), now = ids(ol);
        if (!strs(v) || v.length !== now.length || v.slice().sort().join(" ") !== now.slice().sort().join(" ")) return false;
        v.forEach(function (i) { ol.appendChild(ol.querySelector('li[data-i="' + i + '"]')); });
        return true;
      }
      if (ty === "matching") {
        if (!isObj(v)) return false;
        all(f, "select").forEach(function (s) {
          var w = v[s.getAttribute("data-p")];
          if (typeof w === "string" && all(s, "option").some(function (o) { return o.value === w; })) { s.value = w; ok = true; }
        });
        return ok;
      }
      var want = ty === "multiple" ? (strs(v) ? v : []) : (typeof v === "string" ? [v] : []);
      inputs(f).forEach(function (i) { i.checked = want.indexOf(i.value) >= 0; ok = ok || i.checked; });
      return ok;
    }
    function right(f, v) {
      var ty = type(f), key = (f.getAttribute("data-key") || "").split(" ");
      if (ty === "matching") return all(f, "select").every(function (s) { return v[s.getAttribute("data-p")] === s.getAttribute("data-p"); });
      if (ty === "multiple") return v.slice().sort().join(" ") === key.sort().join(" ");
      if (ty === "ordering") return v.join(" ") === key.join(" ");
      return v === key[0];
    }
    function answered(f, v) {
      return type(f) === "ordering" || (isObj(v) ? Object.keys(v).length > 0 : v && v.length > 0);
    }
    function mark(f, v, ok) {
      var out = f.querySelector(".cb-q-out"), p = document.createElement("p"), ico = document.createElement("span");
      var chosen = type(f) === "multiple" ? v : [v];
      f.classList.toggle("cb-ok", ok); f.classList.toggle("cb-no", !ok);
      out.textContent = ""; out.hidden = false;
      p.className = "cb-q-mark"; ico.setAttribute("aria-hidden", "true"); ico.textContent = ok ? "✓ " : "✗ ";
      p.appendChild(ico); p.appendChild(document.createTextNode(ok ? t.ok : answered(f, v) ? t.no : t.none));
      out.appendChild(p);
      all(f, ".cb-opt-fb").forEach(function (e) { e.hidden = chosen.indexOf(e.getAttribute("data-for")) < 0; });
      var ex = f.querySelector(".cb-q-key .cb-q-expl"); if (ex) out.appendChild(ex.cloneNode(true));
    }
    function say(msg) { status.textContent = msg; }
    function summary(n, p, best) {
      return fill(t.score, { n: n, m: qs.length, p: p }) + " " + fill(p >= pass ? t.pass : t.fail, { k: pass }) +
        (best !== null ? " " + fill(t.best, { b: best }) : "");
    }
    /* Mark every question; save and tell the page unless only restoring. */
    function check(save, stored) {
      var answers = {}, results = {}, n = 0;
      qs.forEach(function (f) {
        var q = f.getAttribute("data-q"), v = get(f), ok = !!answered(f, v) && right(f, v);
        if (answered(f, v)) answers[q] = v;
        results[q] = ok; if (ok) n++; mark(f, v, ok);
      });
      var p = qs.length ? Math.round(100 * n / qs.length) : 0, prev = pct(stored && stored.best), best = Math.max(p, prev || 0);
      if (save) {
        CB.store.set("quiz", id, { answers: answers, results: results, score: p, passed: p >= pass, best: best });
        document.dispatchEvent(new CustomEvent("cb:progress", { detail: { kind: "quiz", id: id, score: p, passed: p >= pass, best: best } }));
      }
      say(summary(n, p, best));
    }
    function reset() {
      qs.forEach(function (f) {
        inputs(f).forEach(function (i) { i.checked = false; });
        all(f, "select").forEach(function (s) { s.value = ""; });
        if (f.cbStart) set(f, f.cbStart);
        f.classList.remove("cb-ok", "cb-no");
        f.querySelector(".cb-q-out").hidden = true;
        all(f, ".cb-opt-fb,.cb-q-key").forEach(function (e) { e.hidden = true; });
      });
      say(t.cleared);
    }
    function show() {
      all(root, ".cb-q-key").forEach(function (d) { d.hidden = false; d.open = true; });
      say(t.shown);
    }
    function move(b) {
      var li = b.closest("li"), ol = li.parentNode, up = b.getAttribute("data-mv") === "-1";
      var sib = up ? li.previousElementSibling : li.nextElementSibling;
      if (sib) ol.insertBefore(li, up ? sib : sib.nextElementSibling);
      b.focus();
      li.scrollIntoView({ block: "nearest", behavior: CB.reducedMotion() ? "auto" : "smooth" });
      li.classList.add("cb-moved");
      setTimeout(function () { li.classList.remove("cb-moved"); }, 600);
      var list = all(ol, "li");
      say(fill(t.pos, { t: li.querySelector(".cb-ord-t").textContent, i: list.indexOf(li) + 1, n: list.length }));
    }
    root.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button");
      if (!b || !root.contains(b)) return;
      var act = b.getAttribute("data-act");
      if (b.hasAttribute("data-mv")) move(b);
      else if (act === "check") check(true, CB.store.get("quiz", id));
      else if (act === "reset") reset();
      else if (act === "show") show();
    });

    /* Restore: answers by question id; a stored value that does not fit is skipped. */
    try {
      var s = CB.store.get("quiz", id), any = false;
      if (s && isObj(s.answers)) {
        qs.forEach(function (f) {
          var q = f.getAttribute("data-q");
          if (Object.prototype.hasOwnProperty.call(s.answers, q)) any = set(f, s.answers[q]) || any;
        });
        if (any && isObj(s.results)) check(false, s);
      }
    } catch (e) { if (window.console) console.warn("quiz " + id + ": saved progress ignored", e); }
  }
  CB.each(".cb-quiz[data-quiz]", setup);
})();
