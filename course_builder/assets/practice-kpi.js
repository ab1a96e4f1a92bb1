/* KPI worksheet for team leads: monthly values of the five measures, each compared with its
   baseline (chart, table and plain words, with cautions when the data are thin). The page
   holds the skeleton (row template, toolbar, results); this script fills it. Everything stays
   in the browser: saved with CB.store("kpi", id) as {rows: [{month: "YYYY-MM",
   phase: "baseline" | "after", values: {measureId: number | null}}]}; CSV export and import
   use the same ids as column names. The arithmetic mirrors course_builder/practice/kpi.py. */
(function () {
  "use strict";
  var CB = window.CB;
  if (!CB || !CB.each || !CB.chart) return;
  var MIN = 3, SAME = 2, STEADY = 5, SHARP = 15, PH = ["baseline", "after"], MO = /^\d{4}-\d\d$/;
  var LOC = CB.lang === "es" ? "es-MX" : "en-US";
  function fill(s, o) { return String(s).replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function num(v) { return typeof v === "number" && isFinite(v) ? v : null; }
  function mean(a) { return a.length ? a.reduce(function (x, y) { return x + y; }, 0) / a.length : null; }

  function verdict(m, d, r) {
    if (m.better === "steady") {
      if (r === null) return d === 0 ? "same" : d > 0 ? "worse" : "better";
      return Math.abs(r) <= STEADY ? "same" : r < 0 ? "better" : "worse";
    }
    if (d === 0 || (r !== null && Math.abs(r) < SAME)) return "same";
    return (d > 0) === (m.better === "up") ? "better" : "worse";
  }
  /* One measure against its baseline: averages, change, verdict and caution codes. */
  function summarise(rows, m) {
    var base = [], after = [], c = [];
    rows.forEach(function (r) {
      var v = num((r.values || {})[m.id]);
      if (v !== null && r.phase === "baseline") base.push(v);
      if (v !== null && r.phase === "after") after.push(v);
    });
    var b = mean(base), a = mean(after), lo = base.length ? Math.min.apply(null, base) : null, hi = base.length ? Math.max.apply(null, base) : null;
    if (base.length < MIN) c.push("few-baseline");
    if (after.length < MIN) c.push("few-after");
    var o = { baseline: b, after: a, nb: base.length, na: after.length, diff: null, rel: null, verdict: "none", cautions: c, lo: lo, hi: hi };
    if (b === null || a === null) return o;
    o.diff = a - b; o.rel = b !== 0 ? o.diff / b * 100 : null; o.verdict = verdict(m, o.diff, o.rel);
    if (m.better === "steady" && o.rel !== null && o.rel < -SHARP) c.push("sharp-drop");
    if (o.verdict !== "same" && base.length >= 2 && lo <= a && a <= hi) c.push("within-range");
    return o;
  }
  /* A number typed or imported ("5.1" or "5,1"); null when empty, undefined when not a number. */
  function parse(raw) {
    raw = String(raw || "").trim();
    if (!raw) return null;
    return /^-?\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(",", ".")) : undefined;
  }
  function toCSV(rows, M) {
    return ["month,phase," + M.map(function (m) { return m.id; }).join(",")].concat(rows.map(function (r) {
      return [r.month, r.phase].concat(M.map(function (m) { var v = num(r.values[m.id]); return v === null ? "" : v; })).join(",");
    })).join("\r\n") + "\r\n";
  }
  /* Rows from CSV text (comma separated; columns found by name, in any order). */
  function fromCSV(text, M, T) {
    var lines = String(text).replace(/^\ufeff/, "").split(/\r?\n/), rows = [], errs = [];
    var head = lines[0].split(",").map(function (h) { return h.trim().replace(/^"|"$/g, "").toLowerCase(); });
    var im = head.indexOf("month"), ip = head.indexOf("phase");
    if (im < 0 || ip < 0) return { rows: rows, errs: [T.nocsv] };
    lines.slice(1).forEach(function (line, i) {
      if (!line.trim()) return;
      var c = line.split(",").map(function (x) { return x.trim().replace(/^"|"$/g, ""); }), values = {};
      var month = c[im] || "", phase = (c[ip] || "").toLowerCase();
      if (!MO.test(month) || PH.indexOf(phase) < 0) { errs.push(fill(T.skipped, { l: i + 2 })); return; }
      M.forEach(function (m) {
        var j = head.indexOf(m.id), v = j < 0 ? null : parse(c[j]);
        if (v === undefined) errs.push(fill(T.badnum, { l: i + 2, v: c[j] }));
        values[m.id] = v === undefined ? null : v;
      });
      rows.push({ month: month, phase: phase, values: values });
    });
    return { rows: rows, errs: errs };
  }
  CB.kpi = { summarise: summarise, toCSV: toCSV, fromCSV: fromCSV };

  function setup(root) {
    var T = JSON.parse(root.getAttribute("data-i18n")), M = JSON.parse(root.querySelector(".cb-kpi-data").textContent).measures;
    var id = root.getAttribute("data-kpi"), tbody = root.querySelector("tbody"), tpl = root.querySelector("template").content.firstElementChild;
    var file = root.querySelector("input[type=file]"), rows = load(), now = new Date().toISOString().slice(0, 7);
    function $(s) { return root.querySelector(s); }
    function load() {
      var s = CB.store.get("kpi", id);
      /* Rows of another shape are dropped; a value that is not a number reads as empty (num). */
      return (s && Array.isArray(s.rows) ? s.rows : []).filter(function (r) {
        return r && MO.test(r.month) && PH.indexOf(r.phase) >= 0 && r.values && typeof r.values === "object";
      });
    }
    function save() { CB.store.set("kpi", id, { rows: rows }); }
    function say(msg) { $(".cb-kpi-status").textContent = msg; }
    function month(s) { return new Date(+s.slice(0, 4), s.slice(5) - 1, 1).toLocaleDateString(LOC, { month: "long", year: "numeric" }); }
    function shift(s, k) { var d = new Date(+s.slice(0, 4), s.slice(5) - 1 + k, 1); return d.getFullYear() + "-" + (d.getMonth() < 9 ? "0" : "") + (d.getMonth() + 1); }
    function blank(mo, phase) { return { month: mo, phase: phase, values: {} }; }
    function f1(v) { return v.toFixed(1); }

    function label(tr, r, i) {
      var f = tr.querySelectorAll("input,select,button"), where = month(r.month);
      f[0].setAttribute("aria-label", T.month + ", " + fill(T.row, { i: i + 1 }));
      f[1].setAttribute("aria-label", T.phase + ", " + where);
      M.forEach(function (m, k) { f[k + 2].setAttribute("aria-label", m.label + ", " + where); });
      f[M.length + 2].setAttribute("aria-label", T.remove + ": " + where);
    }
    function draw(focus) {
      tbody.textContent = "";
      rows.forEach(function (r, i) {
        var tr = tpl.cloneNode(true), f = tr.querySelectorAll("input,select");
        tr.setAttribute("data-i", i); f[0].value = r.month; f[1].value = r.phase;
        M.forEach(function (m, k) { var v = num(r.values[m.id]); f[k + 2].value = v === null ? "" : v; });
        label(tr, r, i); tbody.appendChild(tr);
      });
      if (focus) tbody.rows[rows.length - 1].querySelector("[data-m]").focus();
      results();
    }
    function results() {
      var sorted = rows.slice().sort(function (a, b) { return a.month < b.month ? -1 : 1; });
      M.forEach(function (m) {
        var s = summarise(rows, m), sec = $('.cb-kpi-m[data-m="' + m.id + '"]').children, c = $('.cb-kpi-sum [data-m="' + m.id + '"]').cells, ch = "–";
        var mean = T[(m.better === "steady" ? "steady_" : "") + s.verdict] || T[s.verdict], have = sorted.filter(function (r) { return num(r.values[m.id]) !== null; });
        function u(v) { return v === null ? T.nodata : f1(v) + m.sfx; }
        function avg(v, n) { return v === null ? T.nodata : u(v) + " (" + fill(T.months, { n: n }) + ")"; }
        if (s.diff !== null) ch = (s.diff > 0 ? "+" : "") + f1(s.diff) + m.dsfx + (s.rel === null ? "" : " (" + (s.rel > 0 ? "+" : "") + Math.round(s.rel) + "%)");
        c[1].textContent = avg(s.baseline, s.nb); c[2].textContent = avg(s.after, s.na); c[3].textContent = ch; c[4].textContent = mean;
        sec[1].innerHTML = have.length ? CB.chart({
          ref: s.baseline, label: fill(T.chart, { m: m.name, b: u(s.baseline) }),
          bars: have.map(function (r) { return { v: r.values[m.id], a: r.phase === "after", l: r.month.slice(5) + "/" + r.month.slice(2, 4) }; })
        }) : "";
        sec[2].textContent = s.diff === null ? mean : m.name + " " + fill(T[s.diff < 0 ? "down" : s.diff > 0 ? "up" : "level"], { b: u(s.baseline), a: u(s.after) }) + ": " + ch + ". " + mean;
        /* "Only 0 months" says nothing the sentence above does not: those cautions are left out. */
        sec[3].textContent = "";
        s.cautions.forEach(function (k) {
          var n = k === "few-after" ? s.na : s.nb, li = document.createElement("li");
          li.textContent = "⚠ " + T.caution + " " + fill(T["c_" + k], { n: n, lo: u(s.lo), hi: u(s.hi) });
          if (n || k.slice(0, 3) !== "few") sec[3].appendChild(li);
        });
      });
      $(".cb-kpi-out").hidden = false;
    }
    function add(phase) {
      var last = rows.map(function (r) { return r.month; }).sort().pop();
      rows.push(blank(last ? shift(last, 1) : shift(now, -1), phase)); save(); draw(true); say(T.added);
    }
    root.addEventListener("input", function (e) {
      var t = e.target, tr = t.closest && t.closest("tr[data-i]"), m = t.getAttribute("data-m"), i, r, v;
      if (!tr) return;
      i = +tr.getAttribute("data-i"); r = rows[i];
      if (m) { v = parse(t.value); t.setAttribute("aria-invalid", v === undefined ? "true" : "false"); r.values[m] = v === undefined ? null : v; }
      else if (t.type === "month") { if (!MO.test(t.value)) return; r.month = t.value; label(tr, r, i); }
      else r.phase = t.value;
      save(); results();
    });
    root.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button[data-act]"), act = b && b.getAttribute("data-act");
      if (!act) return;
      if (act === "add_b") add("baseline");
      else if (act === "add_a") add("after");
      else if (act === "print") window.print();
      else if (act === "export") {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(new Blob([toCSV(rows, M)], { type: "text/csv" })); a.download = "kpi-worksheet.csv";
        document.body.appendChild(a); a.click(); setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      } else if (act === "clear") {
        if (window.confirm(T.confirm)) { rows = []; CB.store.remove("kpi", id); draw(); say(T.cleared); }
      } else if (act === "rm") {
        var i = +b.closest("tr").getAttribute("data-i");
        rows.splice(i, 1); save(); draw(); say(T.removed);
        var left = tbody.querySelectorAll("button"); (left[Math.min(i, left.length - 1)] || $("[data-act]")).focus();
      }
    });
    file.addEventListener("change", function () {
      var f = file.files && file.files[0], rd = new FileReader();
      if (!f) return;
      rd.onload = function () {
        var got = fromCSV(rd.result, M, T);
        if (got.rows.length) { rows = got.rows; save(); draw(); }
        say((got.rows.length ? fill(T.imported, { n: got.rows.length }) + " " : "") + got.errs.join(" "));
        file.value = "";
      };
      rd.readAsText(f);
    });
    [].forEach.call(root.querySelectorAll(".cb-kpi-nojs,.cb-js"), function (e) { e.hidden = !e.hidden; });
    if (!rows.length) rows = [-3, -2, -1].map(function (k) { return blank(shift(now, k), "baseline"); });
    draw();
  }
  CB.each(".cb-kpi[data-kpi]", setup);
})();
