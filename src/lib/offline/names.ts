// The names the service worker and the page share: the caches, and the one message. One cache
// holds one version of the app as installed at one scope, so two copies of the app on one origin
// (two sub-paths) never delete each other's.

const APP = 'backprop-explorer';

/** The cache for `version` of the app installed at `scope` (the registration's scope URL). */
export function cacheName(scope: string, version: string): string {
	return `${APP} ${scope} ${version}`;
}

/** Of the origin's caches, this scope's other versions: left behind, to delete on activation. */
export function staleCaches(keys: readonly string[], scope: string, version: string): string[] {
	const ours = `${APP} ${scope} `;
	const current = cacheName(scope, version);
	return keys.filter((key) => key.startsWith(ours) && key !== current);
}

/** What the page posts to a waiting service worker when the reader chooses to reload. */
export const SKIP_WAITING = 'backprop-explorer:skip-waiting';
