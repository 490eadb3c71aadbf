// quantlab's service worker: after one visit the lab loads and runs with the network off.
//
// Install: every file of the production build (app shell, the engine's .wasm, the DuckDB-WASM and parquet-wasm
// bundles, workers, icons) goes into one cache named after the build; the install fails, and is retried on the next
// visit, unless all of them were stored. Fetch: same-origin GETs are answered from that cache first (navigations
// with the app shell), anything else from the network. Activate: caches of other builds are deleted and open pages
// are taken over. A new build waits until no page of the old one is open, so a page never mixes two builds.
//
// The build (vite.config.ts, precacheServiceWorker) writes the list of files and the build's version below; this
// file as served by the development server has neither and caches nothing.
const PRECACHE = self.__QUANTLAB_PRECACHE__ ?? { version: 'development', files: [] };
const PREFIX = 'quantlab-precache-';
const CACHE = PREFIX + PRECACHE.version;
const SCOPE = self.registration.scope;
const SHELL = new URL('index.html', SCOPE).href;
const URLS = PRECACHE.files.map((file) => new URL(file, SCOPE).href);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Past the HTTP cache: the precache must hold exactly this build's bytes.
      await cache.addAll(URLS.map((url) => new Request(url, { cache: 'reload' })));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function isShellNavigation(request) {
  if (request.mode !== 'navigate') return false;
  const url = new URL(request.url);
  return url.href.split('#')[0].split('?')[0] === SCOPE || url.href.split('#')[0].split('?')[0] === SHELL;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // By URL: the server's Vary (Origin, Accept-Encoding) must not make a module script's CORS request miss.
      const hit = await cache.match(isShellNavigation(request) ? SHELL : request.url, { ignoreVary: true });
      return hit ?? fetch(request);
    })(),
  );
});
