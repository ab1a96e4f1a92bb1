/* Branching role-play player. The server-rendered root shows the strongest path as a
   transcript; this script hides it and plays the call from the JSON graph inside the root
   (texts already in the page's language, interface strings in D.i18n). The outcome is saved
   with CB.store under ("scenario", id) and announced with a cb:progress event. */
(function () {
  "use strict";
  var CB = window.CB;
  if (!CB || !CB.each) return;

  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html) e.innerHTML = html;
    return e;
  }
  function fmt(s, o) { return s.replace(/\{(\w+)\}/g, function (m, k) { return o[k]; }); }

  function setup(root) {
    var id = root.getAttribute("data-scenario"),
      D = JSON.parse(root.querySelector(".cb-sc-data").textContent),
      T = D.i18n,
      q = function (s) { return root.querySelector(s); },
      play = q(".cb-sc-play"), log = q(".cb-sc-play .cb-sc-log"), fb = q(".cb-sc-fb"),
      box = q(".cb-sc-choices"), btns = q(".cb-sc-btns"), end = q(".cb-sc-end"),
      again = q(".cb-sc-restart"), meter = q(".cb-sc-meter"), mtext = q(".cb-sc-mtext"),
      bar = q(".cb-sc-bar"), tension, path, nid;

    function level(v) {
      var n = D.levels.length, i = Math.floor((v - D.min) * n / (D.max - D.min + 1));
      return Math.max(0, Math.min(n - 1, i));
    }
    function show(v) {
      var lv = level(v), txt = fmt(T.meter, { t: v, max: D.max, level: D.levels[lv] });
      meter.setAttribute("aria-valuenow", v);
      meter.setAttribute("aria-valuetext", txt);
      meter.setAttribute("data-level", lv);
      mtext.textContent = txt;
      bar.style.width = (v - D.min) * 100 / (D.max - D.min) + "%";
    }
    function customer(n) {
      var li = el("li", "cb-sc-c", "<p><b class=\"cb-sc-who\">" + D.who + ":</b> " + n.c +
        "</p><p class=\"cb-sc-mood\">" + T.mood + " " + n.m + "</p>");
      li.tabIndex = -1;
      log.appendChild(li);
      return li;
    }
    function ask(k) {
      var n = D.nodes[k];
      nid = k;
      btns.innerHTML = "";
      n.ch.forEach(function (c, i) {
        var b = el("button", "cb-sc-choice", c.r);
        b.type = "button";
        b.addEventListener("click", function () { choose(i, true); });
        btns.appendChild(b);
      });
      box.hidden = false;
      return customer(n);
    }
    /* One reply: quiet when replaying a saved path (no feedback, no focus move). */
    function choose(i, live) {
      var c = D.nodes[nid].ch[i], before = tension;
      tension = Math.max(D.min, Math.min(D.max, tension + c.t));
      path.push(i);
      log.appendChild(el("li", "cb-sc-a", "<p><b class=\"cb-sc-who\">" + T.you + ":</b> " +
        c.r + "</p>"));
      show(tension);
      if (live) {
        fb.innerHTML = "<p><strong>" + T.feedback + "</strong></p>" + c.f +
          "<p>" + fmt(T.change, { from: before, to: tension }) + "</p>";
      }
      if (D.ends[c.n]) return finish(c.n, live);
      var li = ask(c.n);
      if (live) li.focus();
    }
    function steps(p) {
      var k = D.start, out = "<ol>";
      p.forEach(function (i) {
        var c = D.nodes[k].ch[i];
        out += "<li>" + c.r + (c.k.length ? " <span class=\"cb-sc-tech\">(" + T.techniques +
          " " + c.k.join(", ") + ")</span>" : "") + "</li>";
        k = c.n;
      });
      return out + "</ol>";
    }
    function finish(eid, live) {
      var e = D.ends[eid], best = path.join() === D.best.join();
      box.hidden = true;
      btns.innerHTML = "";
      end.innerHTML = "<h4 tabindex=\"-1\">" + (live ? T.ending : T.last) + " " + e.ti +
        "</h4><p class=\"cb-sc-out cb-sc-o-" + e.o + "\">" + T.outcome + " <strong>" + e.ol +
        "</strong></p><p class=\"cb-sc-last\"><b class=\"cb-sc-who\">" + D.who + ":</b> " +
        e.c + "</p>" + e.d + "<h5>" + T.yours + "</h5>" + steps(path) +
        (best ? "<p>" + T.tookBest + "</p>" : "<h5>" + T.strongest + "</h5>" + steps(D.best));
      end.hidden = false;
      again.textContent = T.again;
      if (!live) return;
      CB.store.set("scenario", id, { ending: eid, outcome: e.o, path: path.slice(),
        best: best, completed: true });
      document.dispatchEvent(new CustomEvent("cb:progress", {
        detail: { kind: "scenario", id: id, ending: eid, outcome: e.o, best: best } }));
      end.querySelector("h4").focus();
    }
    function restart() {
      tension = D.t;
      path = [];
      log.innerHTML = fb.innerHTML = end.innerHTML = "";
      end.hidden = true;
      again.textContent = T.restart;
      show(tension);
      return ask(D.start);
    }
    /* A saved path is replayed only if it still fits the graph and reaches the saved ending. */
    function valid(p, eid) {
      var k = D.start;
      for (var i = 0; i < p.length; i++) {
        var n = D.nodes[k];
        if (!n || !n.ch[p[i]]) return false;
        k = n.ch[p[i]].n;
      }
      return k === eid && !!D.ends[k];
    }

    again.addEventListener("click", function () { restart().focus(); });
    q(".cb-sc-transcript").hidden = true;
    play.hidden = false;
    restart();
    var saved = CB.store.get("scenario", id);
    if (saved && saved.completed && Array.isArray(saved.path) && valid(saved.path, saved.ending)) {
      saved.path.forEach(function (i) { choose(i, false); });
    }
  }

  CB.each("[data-scenario]", setup);
})();
