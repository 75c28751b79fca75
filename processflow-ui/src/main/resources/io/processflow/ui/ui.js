// Follows a running run, or a try's log: asks the server for the page's live part whenever the
// run's journal or the log has grown, and stops once the run (the try) has ended. Served from the
// UI's own origin (no inline script).
(function () {
  var body = document.body;
  var url = body.getAttribute('data-live');
  if (!url) { return; }
  var version = body.getAttribute('data-version') || '';
  function ended() {
    var run = document.getElementById('run-state');
    if (run) {
      var state = run.getAttribute('data-state');
      return state === 'success' || state === 'failed';
    }
    var log = document.getElementById('log-title'); // a try's log page
    return !log || log.getAttribute('data-ended') === 'true';
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
