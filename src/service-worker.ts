/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// Keeps the app working with the network off. Installing a version caches all of it: the pages
// and their data, every script and stylesheet under _app/immutable (the ELK and code-cell
// workers among them) and the static files. From then on those are answered from that cache,
// so the page, and every chunk or worker it loads later, stay on the version it started with.
// A new version installs beside it and waits until the page asks it to take over (the reader's
// "Reload"), never by itself in the middle of a lecture.
import { build, files, prerendered, version } from '$service-worker';
import { cacheName, SKIP_WAITING, staleCaches } from '$lib/offline/names';

const sw = self as unknown as ServiceWorkerGlobalScope;
const scope = sw.registration.scope;
const CACHE = cacheName(scope, version);
const ASSETS = new Set([...build, ...files, ...prerendered]);

sw.addEventListener('install', (event) => {
	// 'no-cache' revalidates with the server: a page kept in the HTTP cache may be an older one.
	const requests = [...ASSETS].map((path) => new Request(path, { cache: 'no-cache' }));
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of staleCaches(await caches.keys(), scope, version)) await caches.delete(key);
			// Pages opened before the first install go through this worker too, so a chunk or
			// worker they load later still comes when the network has gone.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data === SKIP_WAITING) void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== location.origin || !ASSETS.has(url.pathname))
		return;
	// A link's parameters (?w1=0.9) open the same page: the cached copy ignores them.
	event.respondWith(
		caches
			.open(CACHE)
			.then((cache) => cache.match(request, { ignoreSearch: true }))
			.then((cached) => cached ?? fetch(request))
	);
});
