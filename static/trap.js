// Model Atlas: when the WebAssembly stops (a trap such as running out of memory, which the
// Rust panic panel cannot report because no Rust code runs any more), show what happened
// instead of a frozen page. A classic script, loaded before the app (CSP: 'self' only, or
// its hash in the single-file build).
(function () {
  function isTrap(err, message) {
    return (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError)
      || /unreachable|out of memory|memory access out of bounds/i.test(String(message || ''));
  }
  function show(err, message) {
    if (document.getElementById('fatal')) return;
    var text = String(message || (err && err.message) || err);
    var memory = /memory|unreachable/i.test(text);
    var panel = document.createElement('div');
    panel.id = 'fatal';
    panel.className = 'fatal';
    panel.setAttribute('role', 'alert');
    var h = document.createElement('h2');
    h.textContent = 'Model Atlas stopped';
    var p = document.createElement('p');
    p.textContent = memory
      ? 'The browser gave the app no more memory (for example while opening a very large file), so it had to stop. Nothing was uploaded or changed. Reload the page to start again; a smaller file, or fewer columns, needs less memory.'
      : 'The app met an error it cannot recover from. Reload the page to start again.';
    var pre = document.createElement('pre');
    pre.textContent = text;
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = 'Reload';
    b.addEventListener('click', function () { location.reload(); });
    panel.appendChild(h);
    panel.appendChild(p);
    panel.appendChild(pre);
    panel.appendChild(b);
    (document.body || document.documentElement).appendChild(panel);
    b.focus();
  }
  window.addEventListener('error', function (e) {
    if (isTrap(e.error, e.message)) show(e.error, e.message);
  });
  window.addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    if (isTrap(r, r && r.message)) show(r, r && r.message);
  });
})();
