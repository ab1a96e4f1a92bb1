/* Trigger-word matching for the Trigger Word Swap: the same rules as the content checks
   (course_builder/practice/triggers.py), read from practice-rules.json, which the page embeds.
   Text and phrases are normalised character by character (lowercase, no accents, apostrophes
   replaced, spaces collapsed); a phrase matches between word boundaries only, and not inside
   one of its own trigger's calm exceptions ("tiene que ver con" for "tiene que"). */
(function (w) {
  "use strict";
  var CB = w.CB = w.CB || {};
  var WORD = /[\p{L}\p{N}]/u, MARK = /\p{M}/u, MARKS = /\p{M}/gu, SPACE = /\s/;

  function piece(c, r) {
    if (r.apostrophes.indexOf(c) >= 0) return r.apostrophe_becomes;
    if (SPACE.test(c)) return " ";
    if (r.lowercase) c = c.toLowerCase();
    return r.strip_accents ? c.normalize("NFD").replace(MARKS, "") : c;
  }
  /* {t: normalised text, m: for each of its characters, the index it came from} */
  function norm(text, r) {
    var t = "", m = [], i = 0, c, p, k;
    while (i < text.length) {
      c = String.fromCodePoint(text.codePointAt(i));
      p = piece(c, r);
      if (!(p === " " && r.collapse_spaces && t.slice(-1) === " ")) {
        for (k = 0; k < p.length; k++) m.push(i);
        t += p;
      }
      i += c.length;
    }
    return { t: t, m: m };
  }
  function word(c) { return !!c && WORD.test(c); }
  /* Normalise every phrase once: [[normalised, trigger index, phrase as listed, exception?]] */
  function index(triggers, r) {
    var out = [];
    triggers.forEach(function (tr, n) {
      tr.p.forEach(function (p) { var x = norm(p, r).t; if (x.trim()) out.push([x, n, p, false]); });
      (tr.x || []).forEach(function (p) { var x = norm(p, r).t; if (x.trim()) out.push([x, n, p, true]); });
    });
    return out;
  }
  /* Every whole-word occurrence of a normalised phrase, overlapping ones included. */
  function each(t, phrase, fn) {
    var s = t.indexOf(phrase), end;
    while (s >= 0) {
      end = s + phrase.length;
      if ((!word(t[s - 1]) || !word(t[s])) && (!word(t[end]) || !word(t[end - 1]))) fn(s, end);
      s = t.indexOf(phrase, s + 1);
    }
  }
  /* Matches in text order; where two overlap, the earlier, then the longer, then the first
     listed wins. Each: {n: trigger index, p: phrase, s: start, e: end, x: words as written}. */
  function find(text, idx, r) {
    var N = norm(text, r), t = N.t, found = [], out = [], taken = 0, calm = [], o = 0;
    idx.forEach(function (e) {
      if (e[3]) each(t, e[0], function (s, end) { calm.push([s, end, e[1]]); });
    });
    idx.forEach(function (e) {
      if (e[3]) return;
      var order = o++;  /* list order among the phrases, as in the Python matcher */
      each(t, e[0], function (s, end) {
        var inside = calm.some(function (c) { return c[2] === e[1] && c[0] <= s && end <= c[1]; });
        if (!inside) found.push([s, end, order, e[1], e[2]]);
      });
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] || a[2] - b[2]; });
    found.forEach(function (f) {
      if (f[0] < taken) return;
      taken = f[1];
      var s = N.m[f[0]], last = N.m[f[1] - 1], e = last + (text.codePointAt(last) > 0xffff ? 2 : 1);
      while (e < text.length && MARK.test(text[e])) e++;
      out.push({ n: f[3], p: f[4], s: s, e: e, x: text.slice(s, e) });
    });
    return out;
  }
  CB.match = { norm: norm, index: index, find: find };
})(window);
