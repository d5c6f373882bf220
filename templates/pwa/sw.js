/* Tawasul's service worker (pages.pwa): keeps the public pages a person opens readable offline.

   Pages (navigations under /ar/ and /en/): from the network first, always; when the network fails,
   the copy kept on the device, or else the offline page in the address's language. A copy is kept
   only of a public page: a GET of an address outside the personal ones, without a query string,
   answered 200 without a redirect and marked `Cache-Control: public` by the server (pages.cache marks
   only anonymous answers so: anything asked for while signed in is `private, no-store`), without
   `Vary: Cookie`. Static files (the stylesheet, icons, scripts): from the device, refreshed in the
   background. Everything else (the admin, documents, the API, other sites, forms sent with POST)
   goes to the network untouched. */
"use strict";

const CONFIG = {{ config|safe }};
const SHELL = "tawasul-shell-" + VERSION;
// Kept pages and static files outlive a new version: a page kept last month still needs the stylesheet
// it was drawn with (in production its name carries its hash).
const STATIC = "tawasul-static-v1";
const PAGES = "tawasul-pages-v1";
const MAX_STATIC_FILES = 60;
const OWN_CACHES = [SHELL, STATIC, PAGES];
const NETWORK_PATIENCE_MS = 8000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // Without cookies: the offline pages as every anonymous visitor gets them, nothing personal.
      await Promise.all(
        CONFIG.shell.map(async (url) => {
          const response = await fetch(url, { credentials: "omit", cache: "no-cache" });
          if (!response.ok) throw new Error("Could not keep " + url);
          await cache.put(url, response);
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith("tawasul-") && !OWN_CACHES.includes(name)).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

function languageOf(url) {
  const first = url.pathname.split("/")[1];
  return CONFIG.languages.includes(first) ? first : null;
}

function startsWithAny(path, prefixes) {
  return prefixes.some((prefix) => path.startsWith(prefix));
}

/* A public address whose page may be kept: under a language prefix, not personal, no query string. */
function mayKeep(url) {
  const language = languageOf(url);
  if (!language || url.search) return false;
  const rest = url.pathname.slice(language.length + 2);
  return !startsWithAny(rest, CONFIG.personalPrefixes) && !Object.values(CONFIG.offlinePages).includes(url.pathname);
}

function directives(response) {
  return (response.headers.get("Cache-Control") || "")
    .toLowerCase()
    .split(",")
    .map((part) => part.trim().split("=")[0])
    .filter(Boolean);
}

/* The same for everyone, as the server says: public, not private, not no-store, no cookie involved. */
function isPublic(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) return false;
  if (response.headers.has("Set-Cookie")) return false;
  const found = directives(response);
  if (!found.includes("public")) return false;
  if (found.some((directive) => ["private", "no-store", "no-cache"].includes(directive))) return false;
  const vary = (response.headers.get("Vary") || "").toLowerCase();
  return !vary.split(",").some((name) => ["cookie", "*"].includes(name.trim()));
}

/* Keys come oldest first (insertion order; a page kept again is deleted and put back at the end). */
async function trim(cache, most) {
  const kept = await cache.keys();
  for (const request of kept.slice(0, Math.max(0, kept.length - most))) await cache.delete(request);
}

async function keepPage(url, response) {
  const cache = await caches.open(PAGES);
  await cache.put(url, response);
  await trim(cache, CONFIG.maxSavedPages);
}

async function offlinePage(url) {
  const language = languageOf(url) || CONFIG.defaultLanguage;
  const cache = await caches.open(SHELL);
  return (await cache.match(CONFIG.offlinePages[language])) || Response.error();
}

/* After the network answered a page: keep a public copy, and drop an older one of a page that is not. */
async function remember(key, keep, response) {
  if (!keep) return;
  const cache = await caches.open(PAGES);
  if (isPublic(response)) {
    await cache.delete(key);
    await keepPage(key, response);
  } else if (response.ok || [404, 410].includes(response.status)) {
    // Read signed in, personal after all, or gone: no older copy stays behind (a server error keeps it).
    await cache.delete(key);
  }
}

/* A kept copy says so: its body gets the class `pwa-saved-copy`, for which register.js shows a notice. */
async function markSaved(response) {
  if (!response) return response;
  const html = await response.text();
  return new Response(html.replace('<body class="', '<body class="pwa-saved-copy '), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

async function page(event, url) {
  const keep = mayKeep(url);
  const key = url.origin + url.pathname;
  const network = fetch(event.request);
  event.waitUntil(network.then((response) => remember(key, keep, response.clone())).catch(() => null));
  const savedCopy = () => caches.open(PAGES).then((cache) => cache.match(key, { ignoreVary: true })).then(markSaved);
  try {
    if (!keep) return await network;
    // A slow network: after a while, the kept copy (if there is one) rather than an endless wait.
    let timer;
    const patience = new Promise((resolve) => {
      timer = setTimeout(resolve, NETWORK_PATIENCE_MS);
    }).then(savedCopy);
    const first = await Promise.race([network.finally(() => clearTimeout(timer)), patience]);
    return first || (await network);
  } catch (error) {
    return (keep && (await savedCopy())) || offlinePage(url);
  }
}

async function staticFile(event) {
  const request = event.request;
  const found = await caches.match(request, { ignoreVary: true, ignoreSearch: false });
  const refresh = fetch(request).then(async (response) => {
    if (response.ok && response.type === "basic" && !directives(response).includes("no-store")) {
      const copy = response.clone();
      const cache = await caches.open(STATIC);
      await cache.delete(request);
      await cache.put(request, copy);
      await trim(cache, MAX_STATIC_FILES);
    }
    return response;
  });
  if (found) {
    event.waitUntil(refresh.catch(() => null));
    return found;
  }
  return refresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || startsWithAny(url.pathname, CONFIG.untouchedPrefixes)) return;
  if (request.mode === "navigate") {
    if (languageOf(url) || url.pathname === "/") event.respondWith(page(event, url));
  } else if (url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(staticFile(event));
  }
});
