/* The progress and certificate pages (page bundle assets/journey.js). Fills the progress
   tables from CB.journey (core bundle), moves progress between devices as a JSON file,
   erases it after a confirmation, offers the offline zip when the site has one, and prints
   the certificate. All words come from the pages' data-i18n; nothing leaves the browser. */
(function (w, d) {
  "use strict";
  var CB = w.CB, J = CB && CB.journey;
  if (!J) return;
  var KINDS = ["quiz", "scenario", "visit"], FORMAT = "course-builder-progress", ID = /^[a-z0-9][a-z0-9-]*$/;
  function fill(s, o) { return String(s || "").replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function words(el) { try { return JSON.parse(el.getAttribute("data-i18n")) || {}; } catch (e) { return {}; } }
  function all(sel, el) { return [].slice.call((el || d).querySelectorAll(sel)); }
  function T() { var r = d.querySelector(".cb-journey[data-cb-progress]"); return r ? words(r) : {}; }
  function changed() { d.dispatchEvent(new CustomEvent("cb:progress", { detail: { kind: "journey" } })); }
  function spec(id) {
    var found = null;
    J.map.m.forEach(function (x) { if (x.q[id]) found = x.q[id]; });
    return found;
  }

  function progress(root) {
    var t = words(root);
    function each(sel, fn) { all(".cb-jr-table " + sel).forEach(fn); }
    function draw() {
      var n = 0, c = 0, k = 0;
      J.map.m.forEach(function (x) {
        var s = J.status(x);
        if (s.done) n++;
        if (x.c) { k++; if (s.done) c++; }
        s.q.forEach(function (r) {
          each('.cb-jr-q[data-q="' + r.id + '"]', function (e) {
            e.textContent = r.taken ? fill(r.ok ? t.qok : t.qno, { p: r.p }) : t.qnone;
            e.classList.toggle("cb-jr-ok", r.ok);
          });
        });
        each('.cb-jr-s[data-m="' + x.i + '"]', function (e) { e.textContent = fill(t.sc, { n: s.s, m: x.s.length }); });
        each('.cb-jr-st[data-m="' + x.i + '"]', function (e) {
          e.innerHTML = s.done ? '<span aria-hidden="true">✓ </span>' : "";
          e.appendChild(d.createTextNode(s.done ? t.done : s.started ? t.prog : t.none));
          e.classList.toggle("cb-jr-ok", s.done);
        });
      });
      root.querySelector(".cb-jr-sum").textContent = fill(t.sum, { n: n, m: J.map.m.length, c: c, k: k });
    }
    all(".cb-jr-nojs", root).forEach(function (e) { e.hidden = true; });
    draw();
    d.addEventListener("cb:progress", draw);
    w.addEventListener("storage", draw);
  }

  /* The better of two saved results, so importing never loses a pass made on this device. */
  function keep(kind, id, mine, theirs) {
    if (!mine) return theirs;
    if (kind === "scenario") return mine.completed === true && theirs.completed !== true ? mine : theirs;
    if (kind === "quiz" && spec(id)) return J.score(mine, spec(id)).p > J.score(theirs, spec(id)).p ? mine : theirs;
    if (kind === "visit") return (+mine.t || 0) > (+theirs.t || 0) ? mine : theirs;
    return theirs;
  }
  function data(root) {
    var msg = root.querySelector(".cb-jr-msg"), file = root.querySelector("input[type=file]");
    root.hidden = false;
    root.querySelector('[data-act="export"]').addEventListener("click", function () {
      var t = T(), items = {}, a = d.createElement("a");
      KINDS.forEach(function (k) {
        var got = CB.store.all(k);
        Object.keys(got).forEach(function (id) { items[k + ":" + id] = got[id]; });
      });
      var text = JSON.stringify({ format: FORMAT, version: 1, exported: new Date().toISOString(), items: items }, null, 1);
      a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      a.download = (t.file || "progress") + "-" + new Date().toISOString().slice(0, 10) + ".json";
      d.body.appendChild(a);
      a.click();
      d.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 5000);
      msg.textContent = t.exported;
    });
    file.addEventListener("change", function () {
      var f = file.files && file.files[0], r = new FileReader();
      if (!f) return;
      r.onload = function () {
        var t = T(), o = null, n = 0;
        try { o = JSON.parse(r.result); } catch (e) { o = null; }
        var items = o && o.format === FORMAT && o.items && typeof o.items === "object" ? o.items : {};
        var good = Object.keys(items).filter(function (key) {
          var p = key.split(":"), v = items[key];
          return p.length === 2 && KINDS.indexOf(p[0]) >= 0 && ID.test(p[1]) && !!v && typeof v === "object" && !Array.isArray(v);
        });
        good.forEach(function (key) {
          var p = key.split(":");
          CB.store.set(p[0], p[1], keep(p[0], p[1], CB.store.get(p[0], p[1]), items[key]));
          n++;
        });
        file.value = "";
        msg.textContent = n ? fill(t.imported, { n: n }) : t.bad;
        if (n) changed();
      };
      r.readAsText(f);
    });
  }

  function reset(root) {
    var box = root.querySelector(".cb-jr-confirm"), ask = root.querySelector('[data-act="ask"]'),
      msg = root.querySelector(".cb-jr-msg");
    root.hidden = false;
    function close(text) { box.hidden = true; msg.textContent = text; ask.focus(); }
    root.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button"), act = b && b.getAttribute("data-act");
      if (act === "ask") { box.hidden = false; msg.textContent = ""; root.querySelector("#cb-jr-confirm-q").focus(); }
      else if (act === "no") close(T().kept);
      else if (act === "yes") {
        KINDS.forEach(function (k) { Object.keys(CB.store.all(k)).forEach(function (id) { CB.store.remove(k, id); }); });
        close(T().erased);
        changed();
      }
    });
    root.addEventListener("keydown", function (e) { if (e.key === "Escape" && !box.hidden) close(T().kept); });
  }

  function offline(root) {
    if (location.protocol === "file:" || !w.fetch) return;
    fetch(root.getAttribute("data-cb-offline"), { method: "HEAD" }).then(function (r) {
      var b = +r.headers.get("content-length");
      if (!r.ok) return;
      root.querySelector("a[download]").href = root.getAttribute("data-cb-offline");
      if (b) root.querySelector(".cb-jr-size").textContent = "(" + fill(T().mb, { s: (b / 1048576).toFixed(1) }) + ")";
      root.hidden = false;
    }).catch(function () {});
  }

  function cert(root) {
    var t = words(root), q = function (s) { return root.querySelector(s); }, name = q("#cb-cert-name"),
      msg = q(".cb-cert-msg"), who = q(".cb-cert-name");
    function shown() {
      var v = name.value.trim();
      who.textContent = v || who.getAttribute("data-blank");
      who.classList.toggle("cb-cert-blank", !v);
    }
    function draw() {
      var ok = J.eligible();
      q(".cb-cert-locked").hidden = ok;
      q(".cb-cert-form").hidden = q(".cb-cert-doc").hidden = !ok;
      all(".cb-cert-locked li", root).forEach(function (li) {
        var x = J.mod(li.getAttribute("data-m"));
        li.hidden = !x || J.status(x).checks;
      });
      all(".cb-cert-doc tr[data-m]", root).forEach(function (tr) {
        var x = J.mod(tr.getAttribute("data-m")), s = x && J.status(x);
        tr.hidden = !s || !(x.c || s.done);
        if (s) tr.querySelector(".cb-cert-score").textContent = s.q.length ? s.q.map(function (r) { return r.p + "%"; }).join(", ") : t.none;
      });
      q(".cb-cert-date").textContent = new Date().toLocaleDateString(t.locale, { year: "numeric", month: "long", day: "numeric" });
      shown();
    }
    q(".cb-jr-nojs").hidden = true;
    name.addEventListener("input", shown);
    q('[data-act="print"]').addEventListener("click", function () {
      if (!name.value.trim()) { msg.textContent = t.need; name.focus(); return; }
      msg.textContent = "";
      w.print();
    });
    draw();
    d.addEventListener("cb:progress", draw);
    w.addEventListener("storage", draw);
  }

  CB.each(".cb-journey[data-cb-progress]", progress);
  CB.each(".cb-jr-data[data-cb-data]", data);
  CB.each(".cb-jr-reset[data-cb-reset]", reset);
  CB.each(".cb-jr-offline[data-cb-offline]", offline);
  CB.each(".cb-cert[data-cb-cert]", cert);
})(window, document);
