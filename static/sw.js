// Model Atlas service worker: keeps the app shell so the app works after the server goes away.
// Network first (so a new version shows when online), the cache when the network fails.
const CACHE = 'model-atlas-shell';

// The shell: the page and every file it references (hashed names are read from the page).
async function precache() {
  const cache = await caches.open(CACHE);
  const res = await fetch('./', { cache: 'no-cache' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('./', res);
  // The import worker is not referenced by the page (the app starts it when a file is opened),
  // so it is listed here to open files offline too.
  const refs = new Set(['./manifest.webmanifest', './icon-192.png', './icon-512.png',
    './import-worker-loader.js', './import-worker.js', './import-worker_bg.wasm']);
  for (const m of html.matchAll(/(?:href|src)="(\.\/[^"#?]+)"/g)) refs.add(m[1]);
  // The start-up script imports the wasm-bindgen glue and loads the wasm by name.
  const start = await fetch('./start.js', { cache: 'no-cache' }).then((r) => (r.ok ? r.text() : ''));
  for (const m of start.matchAll(/'(\.\/[^']+\.(?:js|wasm))'/g)) refs.add(m[1]);
  await Promise.all([...refs].map(async (u) => {
    try {
      const r = await fetch(u, { cache: 'no-cache' });
      if (r.ok) await cache.put(u, r);
    } catch (_) { /* a missing optional file is not fatal */ }
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok && !req.url.endsWith('model-atlas.html')) cache.put(req, res.clone());
      return res;
    } catch (err) {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      if (req.mode === 'navigate') {
        const shell = await cache.match('./');
        if (shell) return shell;
      }
      throw err;
    }
  })());
});
