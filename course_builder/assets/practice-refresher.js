/* Monthly refresher: draws questions at random from the whole quiz bank embedded in the page
   (texts already in the page's language and rendered safely by the build), weighted towards
   questions missed before (in the modules' knowledge checks or in earlier refreshers), checks
   them, and keeps a dated score history shown as an inline SVG chart and a table.
   Saved with CB.store("refresher", id): {runs: [{d: "YYYY-MM-DD", s: percent, n: questions}],
   missed: {"quizId/questionId": times missed}}; anything malformed is ignored. */
(function () {
  "use strict";
  var CB = window.CB;
  if (!CB || !CB.each || !CB.chart) return;
  var LOC = CB.lang === "es" ? "es-MX" : "en-US";
  function fill(s, o) { return String(s).replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  function el(tag, cls, html) { var e = document.createElement(tag); if (cls) e.className = cls; if (html) e.innerHTML = html; return e; }
  function isObj(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function date(s) { var p = s.split("-"); return new Date(+p[0], p[1] - 1, +p[2]); }
  /* The same day next month, or that month's last day (31 January -> 28 or 29 February). */
  function nextMonth(s) { var d = date(s), y = d.getFullYear(), m = d.getMonth() + 1, last = new Date(y, m + 1, 0).getDate(); return iso(new Date(y, m, Math.min(d.getDate(), last))); }
  function long(s) { return date(s).toLocaleDateString(LOC, { year: "numeric", month: "long", day: "numeric" }); }
  function shuffle(a) { for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = a[i]; a[i] = a[j]; a[j] = t; } return a; }

  function setup(root) {
    var T = JSON.parse(root.getAttribute("data-i18n")), D = JSON.parse(root.querySelector(".cb-rf-data").textContent);
    var id = root.getAttribute("data-refresher"), size = +root.getAttribute("data-size") || 10;
    function $(s) { return root.querySelector(s); }
    var run = $(".cb-rf-run"), list = $(".cb-rf-qs"), status = $(".cb-rf-status"), btn = $(".cb-rf-check"), drawn = [], done = false;
    $(".cb-rf-nojs").hidden = true;
    $(".cb-rf-intro").hidden = false;

    function load() {
      var s = CB.store.get("refresher", id) || {}, missed = {}, k;
      var runs = (Array.isArray(s.runs) ? s.runs : []).filter(function (r) {
        return isObj(r) && /^\d{4}-\d\d-\d\d$/.test(r.d) && typeof r.s === "number" && r.s >= 0 && r.s <= 100 && typeof r.n === "number";
      });
      if (isObj(s.missed)) for (k in s.missed) if (typeof s.missed[k] === "number" && s.missed[k] > 0) missed[k] = s.missed[k];
      return { runs: runs, missed: missed };
    }
    /* Weighted sampling without replacement (key = random^(1/weight)), at most a few questions
       per module so each refresher spans the course. */
    function draw(st) {
      var quiz = CB.store.all("quiz"), cap = Math.ceil(size / (Object.keys(D.mods).length || 1)) + 1, per = {}, out = [], rest = [];
      D.bank.map(function (q) {
        var res = quiz[q.q] && isObj(quiz[q.q].results) ? quiz[q.q].results : {};
        var w = 1 + (res[q.k.slice(q.q.length + 1)] === false ? 3 : 0) + 2 * Math.min(3, st.missed[q.k] || 0);
        return [Math.pow(Math.random(), 1 / w), q];
      }).sort(function (a, b) { return b[0] - a[0]; }).forEach(function (e) {
        var q = e[1];
        if (out.length < size && (per[q.q] || 0) < cap) { per[q.q] = (per[q.q] || 0) + 1; out.push(q); } else rest.push(q);
      });
      while (out.length < size && rest.length) out.push(rest.shift());
      return out;
    }
    function option(v, t) { var o = el("option"); o.value = v; o.textContent = t; return o; }
    function render(q, i) {
      var li = el("li", "cb-rf-q"), base = root.id + "-q" + i, fs = el("fieldset"), help = q.t === "multiple" ? T.all : q.i ? T.order : q.l ? T.match : "";
      fs.appendChild(el("legend", "", '<span class="cb-rf-n">' + esc(fill(T.qn, { i: i + 1, n: drawn.length })) + '</span> <span class="cb-rf-from">' +
        esc(fill(T.from, { m: D.mods[q.q] || q.q })) + "</span> " + q.p + (help ? ' <span class="cb-rf-help">' + esc(help) + "</span>" : "")));
      if (q.c) fs.appendChild(el("blockquote", "", "<p><strong>" + esc(T.customer) + "</strong> " + q.c + "</p>"));
      if (q.o || q.t === "true-false") {
        (q.o || [["true", esc(T["true"])], ["false", esc(T["false"])]]).forEach(function (o) {
          var d = el("div", "cb-rf-opt"), inp = el("input"), lab = el("label", "", o[1]);
          inp.type = q.t === "multiple" ? "checkbox" : "radio"; inp.name = base; inp.value = o[0];
          lab.htmlFor = inp.id = base + "-" + o[0];
          d.appendChild(inp); d.appendChild(lab); fs.appendChild(d);
        });
      } else {
        var rows = q.i ? shuffle(q.i.slice()) : q.l, choices = q.i ? q.i.map(function (x, k) { return [k + 1 + "", k + 1 + ""]; })
          : shuffle(q.l.map(function (p) { return [p[0], p[2]]; }));
        rows.forEach(function (row) {
          var d = el("div", "cb-rf-row"), lab = el("label", "", row[1]), sel = el("select");
          lab.htmlFor = sel.id = base + "-" + row[0]; sel.setAttribute("data-r", row[0]);
          sel.appendChild(option("", T.choose));
          choices.forEach(function (c) { sel.appendChild(option(c[0], c[1])); });
          d.appendChild(lab); d.appendChild(sel); fs.appendChild(d);
        });
      }
      li.appendChild(fs);
      li.appendChild(el("div", "cb-rf-out"));
      return li;
    }
    function right(q, fs) {
      var on = [].slice.call(fs.querySelectorAll("input:checked")).map(function (i) { return i.value; }).sort().join(" ");
      if (q.t === "true-false") return on === q.a;
      if (q.o) return on === q.a.slice().sort().join(" ");
      var order = q.i ? q.i.map(function (x) { return x[0]; }) : null;
      return [].slice.call(fs.querySelectorAll("select")).every(function (s) {
        var r = s.getAttribute("data-r");
        return s.value === (order ? order.indexOf(r) + 1 + "" : r);
      });
    }
    function start() {
      drawn = draw(load());
      list.textContent = "";
      drawn.forEach(function (q, i) { list.appendChild(render(q, i)); });
      var mods = drawn.map(function (q) { return q.q; }).filter(function (m, i, a) { return a.indexOf(m) === i; }).length;
      $(".cb-rf-ready").textContent = fill(T.ready, { n: drawn.length, m: mods });
      run.hidden = false; done = false; btn.textContent = T.check; status.textContent = "";
      $(".cb-rf-run h2").focus();
    }
    function check() {
      var st = load(), n = 0;
      drawn.forEach(function (q, i) {
        var li = list.children[i], ok = right(q, li.querySelector("fieldset")), out = li.querySelector(".cb-rf-out");
        li.className = "cb-rf-q " + (ok ? "cb-ok" : "cb-no");
        out.innerHTML = '<p class="cb-rf-mark"><span aria-hidden="true">' + (ok ? "✓" : "✗") + "</span> " + esc(ok ? T.ok : T.no) + "</p>" +
          (ok ? "" : '<div><strong>' + esc(T.answer) + "</strong> " + q.r + "</div>") + (q.x || "");
        if (ok) { n++; delete st.missed[q.k]; } else st.missed[q.k] = (st.missed[q.k] || 0) + 1;
      });
      var p = Math.round(100 * n / (drawn.length || 1)), today = iso(new Date());
      st.runs.push({ d: today, s: p, n: drawn.length });
      CB.store.set("refresher", id, { runs: st.runs.slice(-24), missed: st.missed });
      document.dispatchEvent(new CustomEvent("cb:progress", { detail: { kind: "refresher", id: id, score: p } }));
      done = true; btn.textContent = T.again;
      history(load());
      status.textContent = fill(T.score, { n: n, m: drawn.length, p: p }) + " " + fill(T.next, { d: long(nextMonth(today)) });
    }
    function history(st) {
      var runs = st.runs.slice(-12), box = $(".cb-rf-chart"), last = st.runs[st.runs.length - 1], next = last && nextMonth(last.d);
      $(".cb-rf-next").textContent = !last ? T.first : next <= iso(new Date()) ? fill(T.due, { d: long(last.d) }) : fill(T.next, { d: long(next) });
      $(".cb-rf-hist").hidden = false;
      if (!runs.length) { box.innerHTML = "<p>" + esc(T.empty) + "</p>"; return; }
      box.innerHTML = CB.chart({
        max: 100, ref: null,
        bars: runs.map(function (r) { return { v: r.s, a: true, l: date(r.d).toLocaleDateString(LOC, { month: "short", day: "numeric" }) }; }),
        label: fill(T.chart, { list: runs.map(function (r) { return long(r.d) + ": " + r.s + "%"; }).join(", ") })
      }) + "<details><summary>" + esc(T.table) + "</summary><table><thead><tr><th scope=\"col\">" + esc(T.date) +
        '</th><th scope="col">' + esc(T.pct) + '</th><th scope="col">' + esc(T.qs) + "</th></tr></thead><tbody>" +
        st.runs.map(function (r) { return "<tr><td>" + esc(long(r.d)) + "</td><td>" + r.s + "</td><td>" + r.n + "</td></tr>"; }).join("") +
        "</tbody></table></details>";
    }
    $(".cb-rf-start").addEventListener("click", start);
    btn.addEventListener("click", function () { if (done) start(); else check(); });
    history(load());
  }
  CB.each(".cb-refresher[data-refresher]", setup);
})();
