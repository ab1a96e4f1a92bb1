/* Trigger Word Swap: a text box under each agent line; as the learner types, the trigger words
   left in the rewrite are marked (a highlight plus a text label) and listed with calmer
   alternatives. Words and the trigger list come from the page (data-i18n, .cb-sw-data).
   Saved with CB.store("swap", id): {done: [prompt ids rewritten cleanly, any language],
   drafts: {en: {promptId: text}, es: {...}}}. */
(function () {
  "use strict";
  var CB = window.CB;
  if (!CB || !CB.each || !CB.match) return;
  function fill(s, o) { return String(s).replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function el(tag, cls, txt) { var e = document.createElement(tag); if (cls) e.className = cls; if (txt) e.textContent = txt; return e; }
  function q(s) { return "“" + s + "”"; }

  function setup(root) {
    var T = JSON.parse(root.getAttribute("data-i18n")), D = JSON.parse(root.querySelector(".cb-sw-data").textContent);
    var R = D.rules, TR = D.triggers, IDX = CB.match.index(TR, R), id = root.getAttribute("data-swap");
    var items = [].slice.call(root.querySelectorAll(".cb-sw-item")), status = root.querySelector(".cb-sw-status");
    var prog = root.querySelector(".cb-sw-progress"), ids = items.map(function (li) { return li.getAttribute("data-p"); });
    var s = CB.store.get("swap", id) || {}, done = [], drafts = {}, timer;
    if (Array.isArray(s.done)) done = s.done.filter(function (x) { return ids.indexOf(x) >= 0; });
    if (s.drafts && typeof s.drafts === "object" && s.drafts[CB.lang] && typeof s.drafts[CB.lang] === "object") drafts = s.drafts[CB.lang];
    function save() {
      var all = s.drafts && typeof s.drafts === "object" && !Array.isArray(s.drafts) ? s.drafts : {};
      all[CB.lang] = drafts; s = CB.store.set("swap", id, { done: done, drafts: all });
    }
    function progress() { prog.firstChild.textContent = fill(T.progress, { n: done.length, m: ids.length }); }
    function say(msg) { clearTimeout(timer); timer = setTimeout(function () { status.textContent = msg; }, 700); }

    function check(li, ta, fb, live) {
      var pid = li.getAttribute("data-p"), text = ta.value, hits = text.trim() ? CB.match.find(text, IDX, R) : [], msg = "";
      fb.textContent = "";
      li.classList.toggle("cb-sw-clean", !!text.trim() && !hits.length);
      if (text.trim() && !hits.length) {
        msg = T.clean;
        fb.appendChild(el("p", "cb-sw-ok", "✓ " + msg));
        if (done.indexOf(pid) < 0) { done.push(pid); progress(); }
      } else if (hits.length) {
        var pre = el("p", "cb-sw-pre"), at = 0, seen = [], ul = el("ul", "cb-sw-hits");
        hits.forEach(function (h) {
          pre.appendChild(document.createTextNode(text.slice(at, h.s)));
          pre.appendChild(el("mark", "cb-sw-hit", h.x));
          pre.appendChild(el("span", "cb-sw-tag", T.tag));
          at = h.e;
          if (seen.indexOf(h.n) >= 0) return;
          seen.push(h.n);
          var tr = TR[h.n], item = el("li");
          item.appendChild(el("strong", "", q(h.x)));
          item.appendChild(document.createTextNode(" " + tr.w + " "));
          item.appendChild(el("span", "cb-sw-alt", T["try"] + " " + tr.a.map(q).join(" " + T.or + " ")));
          ul.appendChild(item);
        });
        pre.appendChild(document.createTextNode(text.slice(at)));
        msg = fill(hits.length === 1 ? T.left1 : T.left, { n: hits.length, list: hits.map(function (h) { return q(h.x); }).join(", ") });
        fb.appendChild(el("p", "cb-sw-left", "⚠ " + msg));
        fb.appendChild(pre);
        fb.appendChild(ul);
      }
      if (text || pid in drafts) { if (text) drafts[pid] = text; else delete drafts[pid]; if (live !== null) save(); }
      if (live && msg) say(msg);
    }

    var clear = el("button", "", T.clear);
    clear.type = "button";
    clear.addEventListener("click", function () {
      CB.store.remove("swap", id); s = {}; done = []; drafts = {};
      items.forEach(function (li) {
        var ta = li.querySelector("textarea"); ta.value = ""; check(li, ta, li.querySelector(".cb-sw-fb"), null);
      });
      progress(); status.textContent = T.cleared;
    });
    prog.appendChild(document.createTextNode(""));
    prog.appendChild(document.createTextNode(" "));
    prog.appendChild(clear);
    prog.hidden = false;
    items.forEach(function (li) {
      var base = li.id, box = el("div", "cb-sw-try cb-no-print"), lab = el("label", "", T.write);
      var ta = el("textarea"), fb = el("div", "cb-sw-fb");
      lab.htmlFor = ta.id = base + "-in"; fb.id = base + "-fb"; ta.rows = 3; ta.spellcheck = true;
      ta.setAttribute("aria-describedby", base + "-line " + fb.id);
      box.appendChild(lab); box.appendChild(ta); box.appendChild(fb);
      li.insertBefore(box, li.querySelector(".cb-sw-model"));
      var d = drafts[li.getAttribute("data-p")];
      if (typeof d === "string") { ta.value = d; check(li, ta, fb, null); }
      ta.addEventListener("input", function () { check(li, ta, fb, true); });
    });
    progress();
  }
  CB.each(".cb-swap[data-swap]", setup);
})();
