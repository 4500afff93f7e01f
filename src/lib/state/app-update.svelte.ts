import { dev } from '$app/environment';
import { resolve } from '$app/paths';
import { SKIP_WAITING } from '$lib/offline/names';

/**
 * The page's side of the service worker (src/service-worker.ts): registers it, and notices when
 * a new version has installed and is waiting. The new version takes over only through
 * `reload()`, when the reader asks, so a lecture never switches versions under the teacher.
 */
export class AppUpdate {
	/** A new version is installed and waits for `reload()`. */
	ready = $state(false);
	#waiting: ServiceWorker | null = null;

	/**
	 * Registers the worker once the page has loaded (its downloads then do not compete with the
	 * page's own). Not in dev, where a cache would stand between the code and the browser.
	 */
	start(): void {
		if (dev || !('serviceWorker' in navigator)) return;
		const register = () => {
			// The worker sits at the site's root, so its scope is the site, under any sub-path.
			navigator.serviceWorker
				.register(`${resolve('/')}service-worker.js`)
				.then((registration) => this.#watch(registration))
				.catch((error) => console.warn('The app will not work offline:', error));
		};
		if (document.readyState === 'complete') register();
		else addEventListener('load', register, { once: true });
	}

	/** Lets the waiting version take over, then reloads the page into it. */
	reload(): void {
		const waiting = this.#waiting;
		if (!waiting) return;
		const workers = navigator.serviceWorker;
		// Another tab may have let it take over already.
		if (workers.controller === waiting) return location.reload();
		workers.addEventListener('controllerchange', () => location.reload(), { once: true });
		waiting.postMessage(SKIP_WAITING);
	}

	#watch(registration: ServiceWorkerRegistration): void {
		const track = (worker: ServiceWorker | null) => {
			if (!worker) return;
			const offer = () => {
				// Without a controller this is the first install, not a new version of anything.
				if (worker.state !== 'installed' || !navigator.serviceWorker.controller) return;
				this.#waiting = worker;
				this.ready = true;
			};
			offer();
			worker.addEventListener('statechange', offer);
		};
		// A reload finds one already waiting, or installing since the browser checked for it.
		track(registration.waiting);
		track(registration.installing);
		registration.addEventListener('updatefound', () => track(registration.installing));
	}
}

export const appUpdate = new AppUpdate();
