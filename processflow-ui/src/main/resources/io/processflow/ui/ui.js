// Follows a running run: asks the server for the run's part of the page whenever the journal has
// grown, and stops once the run has ended. Served from the UI's own origin (no inline script).
(function () {
  var body = document.body;
  var url = body.getAttribute('data-live');
  if (!url) { return; }
  var version = body.getAttribute('data-version') || '';
  function ended() {
    var run = document.getElementById('run-state');
    var state = run && run.getAttribute('data-state');
    return state === 'success' || state === 'failed';
  }
  function poll() {
    if (ended()) { return; }
    fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'v=' + encodeURIComponent(version), {credentials: 'same-origin', cache: 'no-store'})
      .then(function (r) {
        if (r.status === 200) {
          version = r.headers.get('X-Version') || version;
          return r.text().then(function (html) {
            document.getElementById('live').innerHTML = html;
          });
        }
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 1000);
})();
