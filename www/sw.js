// planlens service worker (hosted copy only): network first, cache as fallback,
// so the page keeps working offline and never serves stale files when online.
// Same-origin GET requests only; nothing is ever sent anywhere.
const CACHE = 'planlens-v2';
const CORE = ['./', 'index.html', 'planlens-web.js', 'planlens-web_bg.wasm', 'style.css', 'embed.js', 'planlens-worker.js', 'planlens-worker_bg.wasm'];
// The PDF reader (pdf-text.js, pdf-items.mjs, pdfjs/ with its CMaps and standard
// fonts), so the installed page reads PDFs offline too: the list is written here
// by scripts/pack.mjs from what dist/ holds.
const PDF = [];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE)
    .then((c) => Promise.all([c.addAll(CORE), c.addAll(PDF)]))
    .catch(() => {})
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy)).catch(() => {});
        }
        return res;
      })
      .catch(() => caches.match(req, { ignoreSearch: true }).then((r) => r || caches.match('index.html'))),
  );
});
