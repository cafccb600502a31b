/* Outpost web console, Updates: refuse a too large file before it is sent; follow a running job until its end. */
(function () {
  var form = document.getElementById('outpost-upload');
  if (form) {
    form.addEventListener('submit', function (e) {
      var file = document.getElementById('outpost-upload-package').files[0];
      var max = +form.getAttribute('data-max');
      var note = document.getElementById('outpost-upload-note');
      if (file && file.size > max) {
        e.preventDefault();
        note.textContent = 'Refused: ' + file.name + ' is ' + file.size + ' bytes, more than the maximum of ' + max + ' bytes (maxUploadBytes).';
        return;
      }
      note.textContent = 'uploading...';
    });
  }
  var job = document.getElementById('outpost-ota-job');
  if (!job || job.getAttribute('data-final') === 'true') return;
  var base = job.getAttribute('data-base');
  function show(j) {
    ['name', 'version', 'source', 'state', 'progress', 'signature', 'health', 'message'].forEach(function (k) {
      var cell = job.querySelector('[data-field=' + k + ']');
      if (cell) cell.textContent = j[k];
    });
    job.querySelector('[data-field=job]').textContent = j.id;
  }
  function poll() {
    fetch(base + '/job', {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (body) {
      if (!body.job) return;
      show(body.job);
      if (body.job['final']) {
        location.assign(base); /* a GET of the page: the installed bundles and packages changed (a reload could repeat an upload) */
      } else {
        setTimeout(poll, 500);
      }
    }).catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 300);
})();
