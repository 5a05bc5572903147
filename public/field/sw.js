// The field app's service worker (scope /field/). Inspectors score where the signal is
// gone, so after one visit with signal the app must open with no network at all:
// - install fetches /field/ (index.html) and every file it names — the hashed js, wasm
//   and css, the manifest, the icons — and stores them together, so the cache never holds
//   an index whose files are missing;
// - a page load under /field/ gets the cached index at once (cache first), and the
//   shell is refreshed in the background when the network is there: a new build is
//   stored whole, then used from the next start;
// - other GETs of our own files are served from the caches first: the shell's, and the
//   candidates' photos that the app put in MEDIA when it downloaded its bundle;
// - the API is never touched: the app keeps its own data in IndexedDB.
const SHELL = 'pingxuan-field-shell-v1';
const MEDIA = 'pingxuan-field-media-v1';
const INDEX = '/field/';
const ALWAYS = [
  '/field/manifest.webmanifest',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/apple-touch-icon.png',
];
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(refreshShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== SHELL && key !== MEDIA) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (url.pathname === '/field' || url.pathname.startsWith('/field/')) {
      event.respondWith(shellPage(event));
    }
    return;
  }
  event.respondWith(cacheFirst(request));
});

/** The files the shell needs: what index.html names under /field/ and /icons/. */
function shellFiles(html) {
  const found = new Set(ALWAYS);
  for (const m of html.matchAll(/["'](\/(?:field|icons)\/[^"'?#\s]+)["']/g)) found.add(m[1]);
  found.delete('/field/sw.js');
  found.delete(INDEX);
  return [...found];
}

/** Downloads the current shell and, once every file is in hand, stores it whole. */
async function refreshShell() {
  const index = await fetch(INDEX, { cache: 'no-cache' });
  if (!index.ok) throw new Error(`${INDEX}: ${index.status}`);
  const files = shellFiles(await index.clone().text());
  const cache = await caches.open(SHELL);
  const wanted = [];
  for (const file of files) {
    if (!HASHED.test(file) || !(await cache.match(file))) wanted.push(file);
  }
  const fetched = await Promise.all(
    wanted.map(async (file) => {
      const res = await fetch(file, { cache: 'no-cache' });
      if (!res.ok) throw new Error(`${file}: ${res.status}`);
      return [file, res];
    }),
  );
  for (const [file, res] of fetched) await cache.put(file, res);
  await cache.put(INDEX, index);
  // Files of older builds go.
  const keep = new Set([INDEX, ...files]);
  for (const request of await cache.keys()) {
    if (!keep.has(new URL(request.url).pathname)) await cache.delete(request);
  }
}

/** A page of the app: the cached shell at once, refreshed in the background. */
async function shellPage(event) {
  const cached = await caches.match(INDEX, { cacheName: SHELL });
  if (!cached) return fetch(event.request);
  event.waitUntil(refreshShell().catch(() => {}));
  return cached;
}

/** Our own files and the candidates' photos: from a cache when there, else the network. */
async function cacheFirst(request) {
  return (await caches.match(request)) ?? fetch(request);
}
