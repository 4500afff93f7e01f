/**
 * The app's one way into localStorage (the chosen theme, the exercise's code). Storage can be
 * missing or refuse: blocked in a private window or by the browser's settings (reading throws),
 * or full (writing throws). Then reads give null, writes are dropped, nothing throws, and `kept`
 * turns false so the page can say, once, that settings will not be kept.
 */
const PREFIX = 'backprop-explorer:';
const PROBE = `${PREFIX}probe`;

export class LocalStore {
	/** False once storage turned out missing or refused a read or a write. */
	kept = $state(true);
	#open: () => Storage | null | undefined;

	/** `open` is called on every use: reaching `window.localStorage` can itself throw. */
	constructor(open: () => Storage | null | undefined = () => globalThis.localStorage) {
		this.#open = open;
	}

	get(key: string): string | null {
		return this.#use((store) => store.getItem(PREFIX + key)) ?? null;
	}

	set(key: string, value: string): void {
		this.#use((store) => store.setItem(PREFIX + key, value));
	}

	/** Tries a small write now, so a full or blocked storage is noticed before anything is lost. */
	check(): boolean {
		this.#use((store) => {
			store.setItem(PROBE, '1');
			store.removeItem(PROBE);
		});
		return this.kept;
	}

	#use<T>(action: (store: Storage) => T): T | undefined {
		try {
			const store = this.#open();
			if (store) return action(store);
		} catch {
			// blocked or full: not kept, and the caller carries on
		}
		this.kept = false;
		return undefined;
	}
}

/** The browser's storage; use it only in the browser (during prerendering there is none). */
export const localStore = new LocalStore();
