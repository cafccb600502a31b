/* Outpost web console dashboard: history once, then the live stream (Server-Sent Events) once a second. */
(function () {
  var root = document.getElementById('outpost-dashboard');
  if (!root) return;
  var base = root.getAttribute('data-base');
  var windowMillis = +root.getAttribute('data-window');
  var series = {};
  var state = document.getElementById('outpost-stream-state');
  function row(key) {
    var rows = root.querySelectorAll('tr[data-key]');
    for (var i = 0; i < rows.length; i++) if (rows[i].getAttribute('data-key') === key) return rows[i];
    return null;
  }
  function draw(key) {
    var r = row(key);
    if (r) OutpostChart.line(r.querySelector('svg'), series[key], windowMillis);
  }
  function update(c) {
    var r = row(c.key);
    if (!r) return;
    r.querySelector('[data-field=value]').textContent = c.value;
    r.querySelector('[data-field=quality]').textContent = c.quality + (c.detail ? ' (' + c.detail + ')' : '');
    r.querySelector('[data-field=alarm]').textContent = c.alarm;
    if (c.number !== null) {
      var s = series[c.key] || (series[c.key] = []);
      if (s.length === 0 || s[s.length - 1][0] < c.time) s.push([c.time, c.number]);
      var t0 = Date.now() - windowMillis;
      while (s.length > 0 && s[0][0] < t0) s.shift();
    }
    draw(c.key);
  }
  function connect() {
    var events = new EventSource(base + '/events');
    events.onmessage = function (e) {
      JSON.parse(e.data).channels.forEach(update);
      state.textContent = 'live, ' + new Date().toLocaleTimeString();
    };
    events.onerror = function () { state.textContent = 'reconnecting'; };
  }
  fetch(base + '/history', {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (h) {
    h.channels.forEach(function (c) { series[c.key] = c.points; draw(c.key); });
    connect();
  }).catch(function () { state.textContent = 'history unavailable'; connect(); });
})();
