// Groundswell's service worker: keeps the app shell (the page, its scripts, styles, font and the
// reference map) so meeting mode opens and records votes with no connection. Same origin only; it
// never calls anywhere else. Data (/trpc, /geo/bodies…, exports) always goes to the network: a
// tally recorded offline waits in the page's own queue (localStorage), not here.
const SHELL_CACHE = "groundswell-shell-v1";
const SHELL = ["/", "/favicon.svg", "/manifest.webmanifest"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL_CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** Every page is the same index.html: one cached copy under "/" answers any of them offline. */
async function pageFromNetworkOrShell(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put("/", response.clone());
    return response;
  } catch (error) {
    const shell = await cache.match("/");
    if (shell) return shell;
    throw error;
  }
}

/** Hashed build files never change: the cache answers, the network fills it. */
async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(pageFromNetworkOrShell(request));
    return;
  }
  if (url.pathname.startsWith("/assets/") || url.pathname === "/geo/reference.geojson") event.respondWith(cacheFirst(request));
});
