/* Shared by every widget: one versioned key space in localStorage, language-independent.
   Keys look like "cb1:quiz:<id>", values are JSON objects carrying {v: 1}. Anything that is
   not valid JSON, not an object, or of another version is ignored (and never throws).
   When localStorage is unavailable (private mode, locked-down PCs) a memory map stands in. */
(function (w) {
  "use strict";
  var CB = w.CB = w.CB || {};
  if (CB.store) return;
  var V = 1, P = "cb" + V + ":", mem = {}, ls = null;
  try { ls = w.localStorage; ls.setItem(P + "t", "1"); ls.removeItem(P + "t"); } catch (e) { ls = null; }
  function raw(k) { try { return ls ? ls.getItem(k) : (k in mem ? mem[k] : null); } catch (e) { return null; } }
  function put(k, s) { try { if (ls) ls.setItem(k, s); else mem[k] = s; } catch (e) { mem[k] = s; } }
  function keys() {
    var out = [];
    try { if (ls) { for (var i = 0; i < ls.length; i++) out.push(ls.key(i)); } else out = Object.keys(mem); } catch (e) {}
    return out.filter(function (k) { return k && k.indexOf(P) === 0; });
  }
  function parse(s) {
    if (!s) return null;
    try { var o = JSON.parse(s); return o && typeof o === "object" && !Array.isArray(o) && o.v === V ? o : null; }
    catch (e) { return null; }
  }
  CB.store = {
    version: V,
    get: function (kind, id) { return parse(raw(P + kind + ":" + id)); },
    set: function (kind, id, obj) {
      var o = {}; for (var k in obj) o[k] = obj[k];
      o.v = V; o.at = new Date().toISOString();
      put(P + kind + ":" + id, JSON.stringify(o)); return o;
    },
    remove: function (kind, id) { var k = P + kind + ":" + id; try { if (ls) ls.removeItem(k); } catch (e) {} delete mem[k]; },
    all: function (kind) {
      var pre = P + (kind ? kind + ":" : ""), res = {};
      keys().forEach(function (k) {
        if (k.indexOf(pre) !== 0) return;
        var o = parse(raw(k)); if (o) res[k.slice(pre.length)] = o;
      });
      return res;
    },
    clear: function () { keys().forEach(function (k) { try { if (ls) ls.removeItem(k); } catch (e) {} delete mem[k]; }); }
  };
  /* The page's language: "en" or "es", from <html lang>. */
  CB.lang = (document.documentElement.lang || "en").slice(0, 2) === "es" ? "es" : "en";
  /* Run fn once per page for every element matching sel not yet set up; safe to call twice. */
  CB.each = function (sel, fn) {
    function init() {
      document.querySelectorAll(sel + ":not([data-ready])").forEach(function (el) {
        el.setAttribute("data-ready", "");
        try { fn(el); } catch (e) { if (w.console) console.error(e); }
      });
    }
    if (typeof w.document$ !== "undefined" && w.document$.subscribe) w.document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  };
  CB.reducedMotion = function () { return !!(w.matchMedia && w.matchMedia("(prefers-reduced-motion: reduce)").matches); };
})(window);
