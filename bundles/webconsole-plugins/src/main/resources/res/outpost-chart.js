/* Outpost web console: a line chart of [time, value] points drawn into an <svg>, no library. */
var OutpostChart = (function () {
  var NS = 'http://www.w3.org/2000/svg';
  function el(name, attrs) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function line(svg, points, windowMillis) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var w = 240, h = 48, left = 40;
    svg.appendChild(el('rect', {x: left, y: 0, width: w - left, height: h, fill: '#f7f9fc', stroke: '#d0d7e2'}));
    if (!points || points.length === 0) return;
    var now = Date.now(), t0 = now - windowMillis;
    var min = Infinity, max = -Infinity;
    points.forEach(function (p) { if (p[1] < min) min = p[1]; if (p[1] > max) max = p[1]; });
    if (min === max) { min -= 1; max += 1; }
    var xy = points.filter(function (p) { return p[0] >= t0; }).map(function (p) {
      var x = left + (w - left) * (p[0] - t0) / windowMillis;
      var y = h - 3 - (h - 6) * (p[1] - min) / (max - min);
      return x.toFixed(1) + ',' + y.toFixed(1);
    });
    svg.appendChild(el('polyline', {points: xy.join(' '), fill: 'none', stroke: '#2b5c9e', 'stroke-width': 1.5}));
    var top = el('text', {x: 0, y: 10, 'font-size': 9}); top.textContent = +max.toPrecision(4);
    var bottom = el('text', {x: 0, y: h - 2, 'font-size': 9}); bottom.textContent = +min.toPrecision(4);
    svg.appendChild(top); svg.appendChild(bottom);
  }
  return {line: line};
})();
