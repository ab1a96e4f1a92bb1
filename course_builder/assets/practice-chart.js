/* A small bar chart as inline SVG (no library, nothing fetched): used by the refresher history
   and the KPI worksheet. Bars "after" are filled, the others outlined, so the two kinds differ
   by shape and not by colour alone; an optional dashed line marks a reference (the baseline);
   each bar carries its value as text, so no axis scale is needed. */
(function (w) {
  "use strict";
  var CB = w.CB = w.CB || {};
  if (CB.chart) return;
  function r(x) { return Math.round(x * 10) / 10; }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  /* An SVG element as markup; attribute values are numbers or fixed names, text is escaped. */
  function tag(name, a, text) {
    var s = "<" + name, k;
    for (k in a) s += " " + k + '="' + a[k] + '"';
    return text == null ? s + "/>" : s + ">" + esc(text) + "</" + name + ">";
  }
  /* o: {bars: [{v: number, l: label, a: bool}], max: number (optional), ref: number or null,
     label: what a screen reader hears}. Returns the SVG markup. */
  CB.chart = function (o) {
    var W = 320, L = 4, n = o.bars.length || 1, slot = (W - L - 4) / n, every = Math.ceil(n / 12);
    var max = o.max || Math.max.apply(null, o.bars.map(function (b) { return b.v; }).concat(o.ref || 0, 1e-9)) * 1.15;
    function y(v) { return r(138 - Math.max(0, Math.min(v, max)) / max * 124); }
    function line(c, v) { return tag("line", { "class": c, x1: L, x2: W, y1: y(v), y2: y(v) }); }
    var s = '<svg class="cb-chart" viewBox="0 0 320 160" role="img" aria-label="' + esc(o.label) + '">';
    s += line("cb-ch-grid", 0) + (o.ref != null ? line("cb-ch-ref", o.ref) : "");
    o.bars.forEach(function (b, i) {
      var x = r(L + 2 + (i + 0.15) * slot), top = y(b.v), mid = r(x + slot * 0.35);
      s += tag("rect", { "class": "cb-ch-bar" + (b.a ? " cb-ch-a" : ""), x: x, y: top, width: r(slot * 0.7), height: r(138 - top) });
      if (i % every) return;
      s += tag("text", { "class": "cb-ch-x", x: mid, y: 154 }, b.l);
      if (n <= 12) s += tag("text", { "class": "cb-ch-v", x: mid, y: top - 3 }, +b.v.toFixed(1));
    });
    return s + "</svg>";
  };
})(window);
