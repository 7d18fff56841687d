// Mutasi ASN service worker: keeps the app shell (HTML, JS, wasm, CSS, icons, manifest) so the
// app opens with no network after one online visit. Data never goes through this cache: the app
// keeps it in IndexedDB and syncs through /api.
//
// BUILD and ASSETS are written by scripts/sw-manifest.sh (a Trunk post-build hook): BUILD is a
// hash of every shell file, so each build gets its own cache and old caches are removed when the
// new worker activates. The new worker waits until the page asks it to take over ("Muat ulang").
const BUILD = '__MUTASI_BUILD__';
const ASSETS = __MUTASI_ASSETS__;
const CACHE = `mutasi-shell-${BUILD}`;

// The shell is a few hundred files (the main wasm and the lazily loaded page chunks in /app/), so
// install fetches each with retries: one dropped connection on a poor network must not undo the
// whole install. If a file still fails, install fails and the browser tries again on a later visit.
async function fetchWithRetries(url, attempts = 4) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(new Request(url, { cache: 'no-cache' }));
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response;
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(ASSETS.map(async (url) => cache.put(url, await fetchWithRetries(url))));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith('mutasi-shell-') && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  if (event.data === 'build') event.source?.postMessage({ build: BUILD });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return; // data: network only, cached in IndexedDB
  if (request.mode === 'navigate') {
    // Client-side routes: the network's index.html when it answers, else the cached shell.
    event.respondWith(fetch(request).catch(async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match('/index.html')) ?? Response.error();
    }));
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request);
    return hit ?? fetch(request);
  })());
});
